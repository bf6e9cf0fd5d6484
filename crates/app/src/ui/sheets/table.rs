//! Read-only previews of the published tables of the document's template:
//! merged header cells as the forms print them, 类 and 合计 rows in bold,
//! amounts in each table's printed unit, cells the 尾差 rule moved marked,
//! and, while comparing with another version, the figures that moved outlined.

use crate::derive::table::{Align as TAlign, Cell, RowKind, Table};
use crate::location::Sheet;
use crate::ui::cells::SheetCtx;
use crate::ui::fonts;
use crate::ui::grid::ROW_HEIGHT;
use egui::{Align, FontId, Layout, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};
use egui_extras::{Column, TableBuilder};

/// Height of a header row: room for a title wrapped onto two lines.
const HEADER_ROW: f32 = 36.0;

/// Draws 表`n`.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx, n: u8) {
    let Some(table) = cx.computed.derived.table(n) else {
        ui.label(format!("表{n}暂无数据"));
        return;
    };
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(table.caption.clone())
                .family(fonts::bold())
                .size(18.0),
        );
    });
    let line = vec2(ui.available_width(), ROW_HEIGHT);
    ui.allocate_ui_with_layout(line, Layout::right_to_left(Align::Center), |ui| {
        ui.label(table.unit_line())
    });
    if let (true, Some(statement)) = (table.rows.is_empty(), &table.empty_statement) {
        ui.add_space(crate::ui::theme::BLOCK_GAP);
        ui.label(statement);
        return;
    }
    let width = ui.available_width().max(600.0);
    let total_weight: f32 = table.columns.iter().map(|c| c.weight).sum::<f32>().max(1.0);
    let widths: Vec<f32> = table
        .columns
        .iter()
        .map(|c| (width - 8.0) * c.weight / total_weight)
        .collect();
    if let Some(statement) = &table.empty_statement {
        ui.label(statement);
    }
    header(ui, table, &widths);
    let changes = cx.changes;
    let mut builder = TableBuilder::new(ui)
        .id_salt(("table", n))
        .striped(true)
        .auto_shrink([false, true])
        .vscroll(true);
    // A changed figure clicked in the comparison list scrolls into view.
    if let Some(r) = cx
        .scroll_to
        .filter(|l| l.sheet == Sheet::Table(n))
        .and_then(|l| l.row)
    {
        builder = builder.scroll_to_row(r, None);
    }
    for w in &widths {
        builder = builder.column(Column::exact((*w - 8.0).max(10.0)));
    }
    builder.body(|body| {
        body.rows(ROW_HEIGHT, table.rows.len(), |mut row| {
            let ri = row.index();
            let r = &table.rows[ri];
            let bold = matches!(r.kind, RowKind::Class | RowKind::Total);
            for (i, cell) in r.cells.iter().enumerate() {
                let align = table.columns.get(i).map_or(TAlign::Left, |c| c.align);
                row.col(|ui| {
                    let text = match cell {
                        Cell::Text(t) => t.clone(),
                        Cell::Money(m) => table.money_text(*m, false),
                        Cell::Empty => String::new(),
                    };
                    let adjusted = table.is_adjusted(ri, i);
                    let mut rt = RichText::new(text);
                    if bold {
                        rt = rt.family(fonts::bold());
                    }
                    if adjusted {
                        rt = rt.color(crate::ui::theme::ADJUSTED).underline();
                    }
                    let layout = match align {
                        TAlign::Left => Layout::left_to_right(Align::Center),
                        TAlign::Center => {
                            Layout::centered_and_justified(egui::Direction::LeftToRight)
                        }
                        TAlign::Right => Layout::right_to_left(Align::Center),
                    };
                    ui.with_layout(layout, |ui| {
                        let mut r = ui.label(rt);
                        if adjusted {
                            r = r.on_hover_text(
                                "按尾差规则调整：使各级合计与明细相加相符（见审核 T04）",
                            );
                        }
                        if let Some(note) = changes.and_then(|c| c.table_note(n, ri, i)) {
                            crate::ui::changes::outline(ui, ui.max_rect());
                            r.on_hover_text(note);
                        }
                    });
                });
            }
        });
    });
}

/// Paints the header rows with their merged cells.
fn header(ui: &mut Ui, table: &Table, widths: &[f32]) {
    let rows = table.header.len();
    let (rect, _) = ui.allocate_exact_size(
        vec2(widths.iter().sum(), rows as f32 * HEADER_ROW),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let stroke = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
    let fill = ui.visuals().faint_bg_color;
    let text_color = ui.visuals().strong_text_color();
    let x_of = |col: usize| rect.left() + widths[..col.min(widths.len())].iter().sum::<f32>();
    // Which columns of each header row are taken by a cell from above.
    let mut taken = vec![vec![false; widths.len()]; rows];
    for (r, cells) in table.header.iter().enumerate() {
        let mut col = 0;
        for cell in cells {
            while col < widths.len() && taken[r][col] {
                col += 1;
            }
            let end = (col + cell.colspan.max(1)).min(widths.len());
            let bottom = (r + cell.rowspan.max(1)).min(rows);
            for row in taken.iter_mut().take(bottom).skip(r) {
                for t in row.iter_mut().take(end).skip(col) {
                    *t = true;
                }
            }
            let cell_rect = Rect::from_min_max(
                pos2(x_of(col), rect.top() + r as f32 * HEADER_ROW),
                pos2(x_of(end), rect.top() + bottom as f32 * HEADER_ROW),
            );
            painter.rect_filled(cell_rect, 0.0, fill);
            painter.rect_stroke(cell_rect, 0.0, stroke, egui::StrokeKind::Inside);
            let galley = painter.layout(
                cell.text.clone(),
                FontId::new(13.0, fonts::bold()),
                text_color,
                cell_rect.width() - 4.0,
            );
            let at = cell_rect.center() - galley.size() / 2.0;
            painter.galley(at, galley, text_color);
            col = end;
        }
    }
}
