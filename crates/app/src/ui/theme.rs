//! The app's colours and spacings, in one place: what marks a finding, a
//! comment, a change or a figure moved by the 尾差 rule, and the gaps
//! between blocks. Chosen so that no two meanings share a colour.

use crate::rules::Severity;
use egui::{Color32, Ui};

/// 审阅意见 (the 审核 panel's label and the cell marker): apart from the
/// severity colours, so a comment never reads as a finding.
pub(crate) const COMMENT: Color32 = Color32::from_rgb(0x7B, 0x1F, 0xA2);

/// Outline of a cell changed since the compared version: violet, unlike any
/// severity colour, so a cell can show a finding and a change at once.
pub(crate) const CHANGED: Color32 = Color32::from_rgb(0x8E, 0x24, 0xAA);

/// Text removed, in the version comparison.
pub(crate) const DELETED: Color32 = Color32::from_rgb(0xC6, 0x28, 0x28);

/// Text added, in the version comparison.
pub(crate) const INSERTED: Color32 = Color32::from_rgb(0x2E, 0x7D, 0x32);

/// A figure the 尾差 rule printed other than its own rounding (表 previews).
pub(crate) const ADJUSTED: Color32 = Color32::from_rgb(0x1F, 0x5F, 0xBF);

/// Background of a cell whose text could not be read.
pub(crate) const INVALID_BG: Color32 = Color32::from_rgb(0xF8, 0xC8, 0xC8);

/// Text on a coloured (finding or invalid) cell background, which is light
/// in both themes.
pub(crate) const TEXT_ON_MARK: Color32 = Color32::BLACK;

/// Background of derived (read-only, computed) cells.
pub(crate) fn derived_bg(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_gray(48)
    } else {
        Color32::from_rgb(0xEC, 0xEF, 0xF3)
    }
}

/// Colour of a severity (text in the 审核 panel, disagreements in dialogs).
pub(crate) fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Error => Color32::from_rgb(0xC6, 0x28, 0x28),
        Severity::Warning => Color32::from_rgb(0xB2, 0x6A, 0x00),
        Severity::Info => Color32::from_rgb(0x1E, 0x63, 0xB5),
    }
}

/// Background of a cell with a finding of this severity.
pub(crate) fn severity_bg(s: Severity) -> Color32 {
    match s {
        Severity::Error => Color32::from_rgb(0xFD, 0xE0, 0xDC),
        Severity::Warning => Color32::from_rgb(0xFF, 0xF0, 0xC2),
        Severity::Info => Color32::from_rgb(0xDD, 0xEB, 0xFA),
    }
}

/// Gap between a page's blocks (a table and its note, two forms).
pub(crate) const BLOCK_GAP: f32 = 12.0;

/// Gap between lines of a block (a chart and its legend, list entries).
pub(crate) const LINE_GAP: f32 = 8.0;

/// Gap between entries of a list of paragraphs.
pub(crate) const PARAGRAPH_GAP: f32 = 6.0;
