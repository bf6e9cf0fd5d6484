//! 财政拨款经济分类: the 财政拨款 spending of each 功能科目 split by
//! 部门预算经济分类 款, into 基本支出 and 项目支出 (四川 公开表2-1). One row
//! per 功能科目 × 款 on the shared grid; the rules (X11, X12) hold it to the
//! 收支预算 and the 基本支出 经济分类.

use crate::location::{Field, Location, Sheet};
use crate::model::SpendingKind;
use crate::money::Money;
use crate::ui::cells::{Kind, SheetCtx};
use crate::ui::edit::{Edit, List};
use crate::ui::grid::{Grid, GridColumn, paste_hint, plain_loc};
use egui::Ui;

const SHEET: Sheet = Sheet::FiscalByEconomic;

/// Draws the sheet.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx) {
    paste_hint(ui, cx);
    let rows = &cx.doc.fiscal_by_economic;
    let basic: Money = rows.iter().map(|r| r.basic).sum();
    let project: Money = rows.iter().map(|r| r.project).sum();
    ui.horizontal(|ui| {
        ui.label(format!(
            "合计：基本支出 {}，项目支出 {}（每个功能科目之和须等于其财政拨款支出，见审核）",
            cx.computed.amount(basic),
            cx.computed.amount(project)
        ));
        if !cx.read_only && ui.button("新增一行").clicked() {
            cx.edit(Edit::Push(List::FiscalByEconomic));
        }
    });
    let unit = cx.doc.meta.unit;
    let columns = [
        GridColumn::edit("功能科目编码", 100.0, Field::Code, Kind::Text),
        GridColumn::edit("经济科目编码", 100.0, Field::EconomicCode, Kind::Text),
        GridColumn::edit(
            "基本支出",
            120.0,
            Field::Part(SpendingKind::Basic),
            Kind::Money(unit),
        ),
        GridColumn::edit(
            "项目支出",
            120.0,
            Field::Part(SpendingKind::Project),
            Kind::Money(unit),
        ),
        GridColumn::fixed("", 52.0),
    ];
    let grid = Grid {
        id: "fiscal-by-economic-grid",
        sheet: SHEET,
        rows: cx.doc.fiscal_by_economic.len(),
        columns: &columns,
        loc: plain_loc,
        scroll: true,
        totals: None,
    };
    grid.show(ui, cx, |ui, cx, r, c| {
        let Some(row) = cx.doc.fiscal_by_economic.get(r) else {
            return;
        };
        let (code, econ, basic, project) = (
            row.code.as_str().to_string(),
            row.economic_code.as_str().to_string(),
            row.basic,
            row.project,
        );
        let label = format!("{} 第{}行", SHEET.label(), r + 1);
        match c {
            0 => {
                let loc = Location::cell(SHEET, r, Field::Code);
                cx.text(ui, loc, &code, &format!("{label} 功能科目编码"), 92.0);
            }
            1 => {
                let loc = Location::cell(SHEET, r, Field::EconomicCode);
                cx.text(ui, loc, &econ, &format!("{label} 经济科目编码"), 92.0);
            }
            2 | 3 => {
                let (kind, m) = if c == 2 {
                    (SpendingKind::Basic, basic)
                } else {
                    (SpendingKind::Project, project)
                };
                let loc = Location::cell(SHEET, r, Field::Part(kind));
                cx.money(ui, loc, m, &format!("{label} {}", kind.label()), 112.0);
            }
            _ => {
                if !cx.read_only && ui.small_button("删除").on_hover_text("删除本行").clicked()
                {
                    cx.edit(Edit::Remove(List::FiscalByEconomic, r));
                }
            }
        }
    });
}
