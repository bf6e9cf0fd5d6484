//! Indicator tables (一级/二级/三级指标 and values), shared by 表10 projects
//! and the goals of 附件3.

use crate::location::{Field, IndicatorColumn, Location, Sheet};
use crate::model::{IndicatorValue, Level1};
use crate::ui::cells::{Kind, SheetCtx};
use crate::ui::edit::{Edit, List, Value};
use crate::ui::grid::{Grid, GridColumn, plain_loc};
use egui::Ui;

/// One indicator row as the grid shows it.
pub struct Row<'a> {
    /// 一级指标.
    pub level1: Option<Level1>,
    /// 二级指标.
    pub level2: &'a str,
    /// 三级指标.
    pub name: &'a str,
    /// Value columns, in column order.
    pub values: Vec<String>,
}

/// Value text of an indicator value.
pub(crate) fn value_text(v: &IndicatorValue) -> String {
    v.to_string()
}

/// Draws an indicator grid. `value_columns` are (header, column) after
/// 三级指标; `goal` is the 附件3 goal, `None` for a project.
#[expect(
    clippy::too_many_arguments,
    reason = "the same grid serves 附件3 goals and 表10 projects, which differ in these"
)]
pub fn grid(
    ui: &mut Ui,
    cx: &mut SheetCtx,
    id: &'static str,
    sheet: Sheet,
    goal: Option<(crate::location::GoalTerm, usize)>,
    list: List,
    value_columns: &[(&str, IndicatorColumn)],
    rows: &[Row],
    name_prefix: &str,
) {
    let field = |column| Field::Indicator { goal, column };
    let mut columns = vec![
        // Both 指标 levels are dropdowns: reached by Tab in drawing order
        // (the sheet's Tab order), not by the grid's text-cell moves.
        GridColumn::fixed("一级指标", 120.0),
        GridColumn::fixed("二级指标", 130.0),
        GridColumn::edit("三级指标", 220.0, field(IndicatorColumn::Name), Kind::Text),
    ];
    for (h, c) in value_columns {
        columns.push(GridColumn::edit(*h, 130.0, field(*c), Kind::Text));
    }
    columns.push(GridColumn::fixed("", 52.0));
    let loc_of = |r: usize, column| Location::cell(sheet, r, Field::Indicator { goal, column });
    // The field carries the goal, so the plain row/field location is unique.
    let grid = Grid {
        id,
        sheet,
        rows: rows.len(),
        columns: &columns,
        loc: plain_loc,
        scroll: false,
        totals: None,
    };
    ui.push_id(id, |ui| {
        grid.show(ui, cx, |ui, cx, r, c| {
            let Some(row) = rows.get(r) else { return };
            let who = format!("{name_prefix}指标{}", r + 1);
            match c {
                0 => {
                    let loc = loc_of(r, IndicatorColumn::Level1);
                    let mut options: Vec<(Option<Level1>, &str)> = vec![(None, "（未选择）")];
                    options.extend(Level1::ALL.iter().map(|l| (Some(*l), l.label())));
                    if let Some(l) = cx.choice(
                        ui,
                        loc,
                        &row.level1,
                        &options,
                        &format!("{who} 一级指标"),
                        100.0,
                    ) {
                        cx.edit(Edit::Set(vec![(loc, Value::Level1(l))]));
                    }
                }
                1 => level2(ui, cx, loc_of(r, IndicatorColumn::Level2), row, &who),
                2 => {
                    cx.text(
                        ui,
                        loc_of(r, IndicatorColumn::Name),
                        row.name,
                        &format!("{who} 三级指标"),
                        212.0,
                    );
                }
                c if c < 3 + value_columns.len() => {
                    let (h, col) = value_columns[c - 3];
                    let text = row.values.get(c - 3).map_or("", String::as_str);
                    cx.text(ui, loc_of(r, col), text, &format!("{who} {h}"), 122.0);
                }
                _ => {
                    if !cx.read_only
                        && ui
                            .small_button("删除")
                            .on_hover_text("删除该指标")
                            .clicked()
                    {
                        cx.edit(Edit::Remove(list, r));
                    }
                }
            }
        });
    });
    if !cx.read_only && ui.button(format!("新增{name_prefix}指标")).clicked() {
        cx.edit(Edit::Push(list));
    }
}

/// The 二级指标 dropdown: the values the template allows under the row's
/// 一级指标; a stored value outside them stays listed (and flagged by the
/// rules) until another is chosen.
fn level2(ui: &mut Ui, cx: &mut SheetCtx, loc: Location, row: &Row, who: &str) {
    let current = row.level2.trim().to_string();
    let allowed = row.level1.map_or(&[][..], Level1::allowed_level2);
    let mut options: Vec<(String, &str)> = Vec::new();
    if current.is_empty() {
        let hint = if row.level1.is_some() {
            "（未选择）"
        } else {
            "（先选一级指标）"
        };
        options.push((String::new(), hint));
    } else if !allowed.contains(&current.as_str()) {
        options.push((current.clone(), current.as_str()));
    }
    options.extend(allowed.iter().map(|a| ((*a).to_string(), *a)));
    if let Some(v) = cx.choice(
        ui,
        loc,
        &current,
        &options,
        &format!("{who} 二级指标"),
        110.0,
    ) {
        cx.edit(Edit::Set(vec![(loc, Value::Text(v))]));
    }
}
