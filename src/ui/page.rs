//! The pages of the side panel.

use crate::location::Sheet;

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// 汇总: totals, shares, change and a chart.
    Summary,
    /// A sheet of the document (entry sheets and the table previews).
    Sheet(Sheet),
}

impl Page {
    /// Name shown in the side panel and the heading.
    pub fn label(self) -> String {
        match self {
            Page::Summary => "汇总".into(),
            Page::Sheet(s) => s.label(),
        }
    }
}

/// The entry sheets in published order, before the projects.
pub const ENTRY_SHEETS: [Sheet; 5] = [
    Sheet::Meta,
    Sheet::Overview,
    Sheet::Budget,
    Sheet::Economic,
    Sheet::ThreePublic,
];

/// The sheets after the projects, in published order.
pub const LATER_SHEETS: [Sheet; 4] = [
    Sheet::Performance,
    Sheet::Other,
    Sheet::Narrative,
    Sheet::Glossary,
];
