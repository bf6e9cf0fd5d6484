//! Virtualised entry grids: only the visible rows are laid out, so a sheet
//! of 500 科目 costs the same per frame as one of 20. The grid also owns the
//! spreadsheet keys: Tab / Shift-Tab move across (wrapping to the next row),
//! Enter moves down, and a block copied from Excel/WPS (tab-separated lines)
//! pastes from the focused cell as one undo step.

use super::cells::{Buffer, Kind, SheetCtx, cell_id, derived};
use super::command::Command;
use super::edit::Edit;
use crate::location::{Field, Location, Sheet};
use egui::{Align, Event, FocusDirection, Key, Ui};
use egui_extras::{Column, TableBuilder, TableRow};

/// Height of a grid row.
pub(crate) const ROW_HEIGHT: f32 = 24.0;

/// One column of a grid.
#[derive(Clone, Debug)]
pub struct GridColumn {
    /// Header text.
    pub title: String,
    /// Width in points.
    pub width: f32,
    /// The field an editable column edits, and how pasted text is read;
    /// `None` for read-only columns (derived values, buttons).
    pub edit: Option<(Field, Kind)>,
}

impl GridColumn {
    /// An editable column.
    pub fn edit(title: impl Into<String>, width: f32, field: Field, kind: Kind) -> Self {
        Self {
            title: title.into(),
            width,
            edit: Some((field, kind)),
        }
    }
    /// A read-only column.
    pub fn fixed(title: impl Into<String>, width: f32) -> Self {
        Self {
            title: title.into(),
            width,
            edit: None,
        }
    }
}

/// A grid over the rows of one sheet (or one list within it).
pub struct Grid<'c> {
    /// Salt for the table's id.
    pub id: &'static str,
    /// Which sheet the rows belong to.
    pub sheet: Sheet,
    /// Number of rows.
    pub rows: usize,
    /// Columns.
    pub columns: &'c [GridColumn],
    /// Maps a grid row to the [`Location`] row and back (identity for
    /// most grids; indicator grids of 附件3 keep their own rows).
    pub loc: fn(Sheet, usize, Field) -> Location,
    /// Whether the grid scrolls itself, drawing only the rows in view
    /// (false inside a scrolling form, where every row is drawn).
    pub scroll: bool,
    /// A 合计 line under the column titles, one text per column (derived,
    /// read-only), if the grid has one.
    pub totals: Option<&'c [String]>,
}

/// The default location of a grid cell.
pub(crate) fn plain_loc(sheet: Sheet, row: usize, field: Field) -> Location {
    Location::cell(sheet, row, field)
}

impl Grid<'_> {
    fn editable(&self) -> Vec<(usize, Field, Kind)> {
        self.columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.edit.map(|(f, k)| (i, f, k)))
            .collect()
    }

    /// Finds the focused cell among this grid's cells: (row, editable column index).
    fn focused(&self, ui: &Ui, cx: &SheetCtx) -> Option<(usize, usize)> {
        let loc = cx.focused?;
        // A dropdown's button has egui's id, not the cell's.
        let widget = cx.view.choice_ids.get(&loc).copied();
        let focused =
            ui.memory(|m| m.has_focus(cell_id(loc)) || widget.is_some_and(|w| m.has_focus(w)));
        if loc.sheet != self.sheet || !focused {
            return None;
        }
        let editable = self.editable();
        (0..self.rows).find_map(|r| {
            editable
                .iter()
                .position(|(_, f, _)| (self.loc)(self.sheet, r, *f) == loc)
                .map(|c| (r, c))
        })
    }

    /// Handles Tab, Shift-Tab and block paste before the cells are drawn,
    /// so the focused text field does not see them.
    fn keys(&self, ui: &mut Ui, cx: &mut SheetCtx) {
        let Some((row, col)) = self.focused(ui, cx) else {
            return;
        };
        let editable = self.editable();
        let n = editable.len();
        // Tab or Shift-Tab, told apart exactly (consume_key would take
        // Shift-Tab for Tab).
        let tab = ui.input_mut(|i| {
            let pos = i.events.iter().position(|e| {
                matches!(e, Event::Key { key: Key::Tab, pressed: true, modifiers, .. } if !modifiers.command && !modifiers.alt)
            })?;
            match i.events.remove(pos) {
                Event::Key { modifiers, .. } => Some(modifiers.shift),
                _ => None,
            }
        });
        if let Some(back) = tab {
            ui.memory_mut(|m| m.move_focus(FocusDirection::None));
            let flat = row * n + col;
            let next = if back { flat.wrapping_sub(1) } else { flat + 1 };
            // Past either end the cursor stays in its cell.
            let target = if next < self.rows * n { next } else { flat };
            let (_, f, _) = editable[target % n];
            cx.command(Command::Focus((self.loc)(self.sheet, target / n, f)));
        }
        if cx.read_only {
            return;
        }
        let pasted = ui.input_mut(|i| {
            let pos = i
                .events
                .iter()
                .position(|e| matches!(e, Event::Paste(s) if is_block(s)))?;
            match i.events.remove(pos) {
                Event::Paste(s) => Some(s),
                _ => None,
            }
        });
        if let Some(text) = pasted {
            self.paste(cx, row, col, &text);
        }
    }

    /// Sets the cells of a pasted block from (row, col) on, as one edit.
    /// Cells whose text cannot be read keep it, marked red; cells beyond the
    /// grid are left out.
    fn paste(&self, cx: &mut SheetCtx, row: usize, col: usize, text: &str) {
        let editable = self.editable();
        let mut cells = Vec::new();
        for (dr, line) in text.trim_end_matches(['\r', '\n']).split('\n').enumerate() {
            let r = row + dr;
            if r >= self.rows {
                break;
            }
            for (dc, raw) in line.trim_end_matches('\r').split('\t').enumerate() {
                let Some(&(c, field, kind)) = editable.get(col + dc) else {
                    break;
                };
                let loc = (self.loc)(self.sheet, r, field);
                match kind.parse(raw.trim()) {
                    Ok(v) => {
                        cx.buffers.remove(&loc);
                        cells.push((loc, v));
                    }
                    Err(e) => {
                        cx.buffers.insert(
                            loc,
                            Buffer {
                                text: raw.trim().to_string(),
                                error: Some(e),
                                kind,
                                name: format!(
                                    "第{}行 {}",
                                    r + 1,
                                    self.columns[c].title.replace('\n', "")
                                ),
                                stored: String::new(),
                            },
                        );
                    }
                }
            }
        }
        if !cells.is_empty() {
            cx.edit(Edit::Set(cells));
        }
    }

    /// Draws the grid; `cell` draws one cell given (row, column index).
    pub fn show(
        &self,
        ui: &mut Ui,
        cx: &mut SheetCtx,
        mut cell: impl FnMut(&mut Ui, &mut SheetCtx, usize, usize),
    ) {
        self.keys(ui, cx);
        let editable = self.editable();
        let scroll_row = cx
            .scroll_to
            .filter(|l| l.sheet == self.sheet)
            .and_then(|target| {
                (0..self.rows).find(|&r| {
                    editable
                        .iter()
                        .any(|(_, f, _)| (self.loc)(self.sheet, r, *f) == target)
                })
            });
        let mut table = TableBuilder::new(ui)
            .id_salt(self.id)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .auto_shrink([false, true])
            .vscroll(self.scroll)
            .max_scroll_height(f32::INFINITY);
        for c in self.columns {
            table = table.column(Column::exact(c.width));
        }
        if let Some(r) = scroll_row {
            table = table.scroll_to_row(r, None);
        }
        let title_lines = self
            .columns
            .iter()
            .map(|c| c.title.lines().count())
            .max()
            .unwrap_or(1)
            .max(1);
        let header_height = 18.0 * title_lines as f32
            + 6.0
            + if self.totals.is_some() {
                ROW_HEIGHT
            } else {
                0.0
            };
        table
            .header(header_height, |mut header| {
                for (i, c) in self.columns.iter().enumerate() {
                    header.col(|ui| {
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(egui::RichText::new(&c.title).strong()).wrap());
                            if let Some(t) =
                                self.totals.and_then(|t| t.get(i)).filter(|t| !t.is_empty())
                            {
                                ui.with_layout(egui::Layout::bottom_up(Align::Min), |ui| {
                                    ui.allocate_ui([c.width, ROW_HEIGHT - 2.0].into(), |ui| {
                                        derived(ui, t, true)
                                    });
                                });
                            }
                        });
                    });
                }
            })
            .body(|mut body| {
                let mut draw = |mut row: TableRow| {
                    let r = row.index();
                    for (c, _) in self.columns.iter().enumerate() {
                        row.col(|ui| cell(ui, cx, r, c));
                    }
                };
                if self.scroll {
                    body.rows(ROW_HEIGHT, self.rows, draw);
                } else {
                    // Inside a scrolling form every row is drawn, those
                    // below the window too: the sheet's Tab order is the
                    // drawn widgets', so a row left out would be skipped
                    // (its dropdowns never reached). These grids are short.
                    for _ in 0..self.rows {
                        body.row(ROW_HEIGHT, &mut draw);
                    }
                }
            });
        self.enter(ui, cx);
    }

    /// Enter in a cell moves focus to the same column one row down.
    fn enter(&self, ui: &Ui, cx: &mut SheetCtx) {
        let Some(loc) = cx
            .now_focused
            .or(cx.focused)
            .filter(|l| l.sheet == self.sheet)
        else {
            return;
        };
        if !ui.input(|i| i.key_pressed(Key::Enter)) {
            return;
        }
        let editable = self.editable();
        let found = (0..self.rows).find_map(|r| {
            editable
                .iter()
                .find(|(_, f, _)| (self.loc)(self.sheet, r, *f) == loc)
                .map(|(_, f, _)| (r, *f))
        });
        // On the last row Enter keeps the cursor where it is: wrapping to
        // the top would let further typing overwrite the first row.
        if let Some((r, f)) = found {
            let next = if r + 1 < self.rows { r + 1 } else { r };
            cx.command(Command::Focus((self.loc)(self.sheet, next, f)));
        }
    }
}

/// Says above an entry grid that a block copied from a spreadsheet pastes
/// into it (the grid's paste is otherwise invisible).
pub(crate) fn paste_hint(ui: &mut Ui, cx: &SheetCtx) {
    if !cx.read_only {
        ui.weak(
            "提示：可在 Excel / WPS 中选中多行多列复制，点一个单元格后按 Ctrl+V 粘贴；\
             Tab / Shift+Tab 左右移动，回车下移。",
        );
    }
}

/// True for pasted text from a spreadsheet: several cells, or one cell with
/// its line break.
fn is_block(s: &str) -> bool {
    // A spreadsheet ends even one copied cell with a line break: pasted, it
    // replaces the cell as in Excel rather than being inserted at the cursor.
    s.contains(['\t', '\n'])
}
