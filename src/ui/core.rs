//! The app's one doorway into the core library: the catalog, derivation, the
//! 审核 rules and file reading/writing. The UI computes nothing itself; every
//! figure it shows comes through here.

use crate::catalog::Catalog;
use crate::derive::{Derived, derive};
use crate::location::Location;
use crate::model::Document;
use crate::rules::{Finding, Severity, check_derived};
use std::collections::HashMap;

/// Everything computed from the document, refreshed after every edit.
pub struct Computed {
    /// Totals and the published tables.
    pub derived: Derived,
    /// 审核 findings, in the order the rules report them.
    pub findings: Vec<Finding>,
    /// Worst severity and the joined messages per location, for cell marks.
    pub marks: HashMap<Location, Mark>,
}

/// What a cell shows for the findings pointing at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Worst severity.
    pub severity: Severity,
    /// Messages, one per line.
    pub message: String,
}

impl Computed {
    /// Derives tables and runs the rules.
    pub fn new(doc: &Document, catalog: &Catalog) -> Self {
        // Derived once: the rules reuse the same tables.
        let derived = derive(doc, catalog);
        let findings = check_derived(doc, catalog, &derived);
        let mut marks: HashMap<Location, Mark> = HashMap::new();
        for f in &findings {
            let text = format!("[{}] {}", f.severity.label(), f.message);
            marks
                .entry(f.location)
                .and_modify(|m| {
                    m.severity = m.severity.max(f.severity);
                    m.message.push('\n');
                    m.message.push_str(&text);
                })
                .or_insert(Mark {
                    severity: f.severity,
                    message: text,
                });
        }
        Self {
            derived,
            findings,
            marks,
        }
    }

    /// Number of findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}
