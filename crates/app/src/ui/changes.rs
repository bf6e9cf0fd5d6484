//! Cells changed against another version, as the sheets mark them while a
//! comparison is open (文件 → 与另一版本对比…): an outline in
//! [`theme::CHANGED`] and the old value on hover.

use super::theme;
use crate::diff::Diff;
use crate::location::{Location, Sheet};
use egui::{Rect, Response, Ui};
use std::collections::HashMap;

/// What changed, by cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changed {
    /// Entered cells (or whole rows, for added rows) and what they were.
    cells: HashMap<Location, String>,
    /// Published table cells (table, row, column) and their old figure.
    table_cells: HashMap<(u8, usize, usize), String>,
}

impl Changed {
    /// The marks of a comparison.
    pub fn of(diff: &Diff) -> Changed {
        let mut out = Changed::default();
        for c in &diff.changes {
            out.cells
                .entry(c.location)
                .and_modify(|s| {
                    s.push('\n');
                    s.push_str(&c.what.describe());
                })
                .or_insert_with(|| format!("与旧版本相比：{}", c.what.describe()));
        }
        for d in &diff.derived {
            if let (Sheet::Table(n), Some(r), Some(c)) =
                (d.location.sheet, d.location.row, d.column)
            {
                out.table_cells
                    .insert((n, r, c), format!("与旧版本相比：{}", d.describe()));
            }
        }
        out
    }

    /// The note of a cell: its own change, or its row's (a row added).
    pub fn note(&self, loc: Location) -> Option<&str> {
        self.cells
            .get(&loc)
            .or_else(|| {
                let row = Location::row(loc.sheet, loc.row?);
                (row != loc).then(|| self.cells.get(&row)).flatten()
            })
            .map(String::as_str)
    }

    /// The note of a published table cell.
    pub(crate) fn table_note(&self, table: u8, row: usize, column: usize) -> Option<&str> {
        self.table_cells
            .get(&(table, row, column))
            .map(String::as_str)
    }
}

/// Outlines `rect` as changed.
pub fn outline(ui: &Ui, rect: Rect) {
    ui.painter()
        .rect_stroke(rect, 2.0, (2.0, theme::CHANGED), egui::StrokeKind::Inside);
}

/// Outlines a cell's response and adds the note to its hover text.
pub fn mark(ui: &Ui, response: Response, note: Option<&str>) -> Response {
    match note {
        Some(n) => {
            outline(ui, response.rect);
            response.on_hover_text(n)
        }
        None => response,
    }
}
