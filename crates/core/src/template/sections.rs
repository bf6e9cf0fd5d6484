//! The text sections of the 情况说明: a heading and a body of patterns
//! (see [`super::pattern`]).

use super::pattern::Block;
use serde::Deserialize;

/// One text section.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable name an edition that extends this template uses to drop,
    /// move or rename the section; empty = the heading.
    #[serde(default)]
    pub id: String,
    /// Heading without its number, a pattern like the body's texts
    /// (`{单位}收入预算安排情况`).
    pub heading: String,
    /// What it says: paragraphs as patterns over named figures.
    pub body: Vec<Block>,
}

impl SectionSpec {
    /// The name the section is known by: its id, or its heading without one.
    pub fn name(&self) -> &str {
        if self.id.is_empty() {
            &self.heading
        } else {
            &self.id
        }
    }
}
