//! Page layout, independent of any PDF library: a list of [`Block`]s goes in,
//! positioned text runs and rules on pages come out ([`Layout`]). The PDF
//! writer only draws what is placed here, and an on-screen preview can draw
//! the same pages.
//!
//! Coordinates are points (1/72 in) from the **top-left** corner of the page,
//! y growing downwards; a text run's `y` is its baseline.
//!
//! It knows nothing of the budget document: [`crate::compose`] turns a
//! document into blocks (as typst keeps realisation apart from layout).

mod flow;
pub mod linebreak;
pub(crate) mod metrics;
pub(crate) mod style;
pub mod table;

pub use flow::{TocNumbers, has_toc, layout, paginate, paginate_last};
pub use metrics::Metrics;
pub use style::{HAlign, Orientation, PageGeometry, TextStyle};
pub use table::{CellSpec, Grid, GridBuilder, GridCell, TableBlock};

use crate::fonts::FontFace;

/// A run of text on one baseline in one face.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// Face.
    pub face: FontFace,
    /// Size in points.
    pub size: f32,
    /// Extra space after every character (justified lines), in points.
    pub letter_spacing: f32,
    /// Width of the run including letter spacing between characters.
    pub width: f32,
    /// The text.
    pub text: String,
}

/// A straight line (table borders).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Start x.
    pub x1: f32,
    /// Start y.
    pub y1: f32,
    /// End x.
    pub x2: f32,
    /// End y.
    pub y2: f32,
    /// Stroke width.
    pub width: f32,
}

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A line.
    Rule(Rule),
}

/// One laid-out page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Geometry (size and text block).
    pub geometry: PageGeometry,
    /// Orientation.
    pub orientation: Orientation,
    /// Printed page number (cover and 目录 have none).
    pub number: Option<u32>,
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

impl Page {
    /// The text runs of the page.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Rule(_) => None,
        })
    }

    /// The rules of the page.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.items.iter().filter_map(|i| match i {
            Item::Rule(r) => Some(r),
            Item::Text(_) => None,
        })
    }
}

/// An entry of the document outline (目录 and PDF bookmarks).
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// Heading text.
    pub title: String,
    /// 0 for parts, 1 for sections.
    pub level: u8,
    /// Index into [`Layout::pages`].
    pub page_index: usize,
    /// Printed page number of that page, if it has one.
    pub page_number: Option<u32>,
}

/// The result of laying out a document.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Headings that go into the 目录 and the bookmarks.
    pub outline: Vec<OutlineEntry>,
}

/// The content of a document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A cover page of centred lines, unnumbered.
    Cover(Vec<(String, TextStyle)>),
    /// The 目录: filled from the blocks with an outline level; unnumbered.
    Toc {
        /// Heading of the contents page, e.g. 目录.
        title: String,
    },
    /// A paragraph or heading.
    Text {
        /// Text; `\n` breaks the line.
        text: String,
        /// How it is set.
        style: TextStyle,
        /// Level in the outline (目录, bookmarks), if it is listed there.
        outline: Option<u8>,
        /// The same text with `\n` where it should break when it does not
        /// fit on one line (a title breaks between phrases, never inside a
        /// name); `None` breaks wherever the line is full.
        wrapped: Option<String>,
    },
    /// A table or form, with its caption.
    Table(Box<TableBlock>),
    /// An outline entry (目录, bookmark) for what follows, printing nothing.
    Anchor {
        /// Title in the 目录.
        title: String,
        /// Outline level.
        level: u8,
    },
    /// Start a new page.
    PageBreak,
    /// Vertical space in points (dropped at the top of a page).
    Space(f32),
}

impl Block {
    /// A paragraph or heading not listed in the outline.
    pub fn text(text: impl Into<String>, style: TextStyle) -> Self {
        Block::Text {
            text: text.into(),
            style,
            outline: None,
            wrapped: None,
        }
    }

    /// A heading listed in the outline at `level`.
    pub fn heading(text: impl Into<String>, style: TextStyle, level: u8) -> Self {
        Block::Text {
            text: text.into(),
            style,
            outline: Some(level),
            wrapped: None,
        }
    }

    /// A heading that, when too long for one line, breaks only between the
    /// given phrases (each phrase still wraps on its own if it is wider
    /// than the line).
    pub fn heading_in_phrases(phrases: &[&str], style: TextStyle, level: u8) -> Self {
        Block::Text {
            text: phrases.concat(),
            style,
            outline: Some(level),
            wrapped: Some(phrases.join("\n")),
        }
    }
}
