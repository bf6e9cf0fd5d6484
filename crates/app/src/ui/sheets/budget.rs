//! 收支预算: one row per 功能科目 项, amounts by 资金来源 × 支出类型.

use crate::location::{Field, Location, Sheet};
use crate::model::{FundSource, SpendingKind};
use crate::ui::cells::{Kind, SheetCtx};
use crate::ui::edit::{Edit, List};
use crate::ui::grid::{Grid, GridColumn, paste_hint, plain_loc};
use crate::ui::picker::function_picker;
use egui::Ui;

/// Amount columns always shown: 一般公共预算 基本/项目.
const DEFAULT_COLUMNS: [(FundSource, SpendingKind); 2] = [
    (FundSource::GeneralBudget, SpendingKind::Basic),
    (FundSource::GeneralBudget, SpendingKind::Project),
];

/// The amount columns: the defaults, those any row uses (from the totals of
/// the last edit, not a walk over the rows each frame), those added.
fn amount_columns(cx: &SheetCtx) -> Vec<(FundSource, SpendingKind)> {
    let mut cols: Vec<_> = DEFAULT_COLUMNS.to_vec();
    cols.extend(cx.computed.derived.totals.by_cell.keys().copied());
    cols.extend(cx.view.extra_columns.iter().copied());
    cols.sort();
    cols.dedup();
    cols
}

/// Draws the sheet.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let pairs = amount_columns(cx);
    paste_hint(ui, cx);
    ui.horizontal(|ui| {
        function_picker_inline(ui, cx);
        add_column_menu(ui, cx, &pairs);
        ui.checkbox(&mut cx.view.prior_columns, "录入上年预算数")
            .on_hover_text("在每个金额列旁显示上年预算数，用于计算各科目比上年增减");
    });
    let prior_columns = cx.view.prior_columns;
    let mut columns = vec![
        GridColumn::edit("科目编码", 80.0, Field::Code, Kind::Text),
        GridColumn::edit("科目名称", 260.0, Field::Name, Kind::Text),
    ];
    for &(s, k) in &pairs {
        columns.push(GridColumn::edit(
            format!("{}\n{}", short(s), k.label()),
            110.0,
            Field::Amount(s, k),
            Kind::Money(doc.meta.unit),
        ));
        if prior_columns {
            columns.push(GridColumn::edit(
                format!("上年预算数\n{}{}", short(s), k.label()),
                110.0,
                Field::PriorAmount(s, k),
                Kind::Money(doc.meta.unit),
            ));
        }
    }
    let prior_col = columns.len();
    columns.push(GridColumn::fixed("上年预算数\n合计", 110.0));
    columns.push(GridColumn::fixed("", 52.0));
    // The 合计 line, from the core's totals of the last edit.
    let t = &cx.computed.derived.totals;
    let mut totals = vec![String::new(), "合计".to_string()];
    for p in &pairs {
        totals.push(
            cx.computed
                .amount(t.by_cell.get(p).copied().unwrap_or_default()),
        );
        if prior_columns {
            // Per-column 上年 sums are not part of the totals; the 合计
            // column at the end has the whole.
            totals.push(String::new());
        }
    }
    totals.push(
        t.prior_lines
            .map(|m| cx.computed.amount(m))
            .unwrap_or_default(),
    );
    let grid = Grid {
        id: "budget-grid",
        sheet: Sheet::Budget,
        rows: doc.budget_lines.len(),
        columns: &columns,
        loc: plain_loc,
        scroll: true,
        totals: Some(&totals),
    };
    grid.show(ui, cx, |ui, cx, r, c| {
        let Some(line) = doc.budget_lines.get(r) else {
            return;
        };
        let label = format!("{} {}", line.code, line.name);
        if c == prior_col {
            let prior = (!line.prior.is_empty()).then(|| cx.computed.amount(line.prior_total()));
            prior_cell(ui, prior, &label);
            return;
        }
        match columns[c].edit {
            Some((Field::Code, _)) => {
                cx.text(
                    ui,
                    Location::cell(Sheet::Budget, r, Field::Code),
                    line.code.as_str(),
                    &format!("{label} 科目编码"),
                    72.0,
                );
            }
            Some((Field::Name, _)) => {
                cx.text(
                    ui,
                    Location::cell(Sheet::Budget, r, Field::Name),
                    &line.name,
                    &format!("{label} 科目名称"),
                    252.0,
                );
            }
            Some((f @ (Field::Amount(s, k) | Field::PriorAmount(s, k)), _)) => {
                let (value, what) = match f {
                    Field::PriorAmount(..) => (line.prior_amount(s, k), "上年预算数 "),
                    _ => (line.amount(s, k), ""),
                };
                cx.money(
                    ui,
                    Location::cell(Sheet::Budget, r, f),
                    value,
                    &format!("{label} {what}{} {}", s.label(), k.label()),
                    102.0,
                );
            }
            _ => {
                if !cx.read_only && ui.small_button("删除").on_hover_text("删除本行").clicked()
                {
                    cx.edit(Edit::Remove(List::BudgetLines, r));
                }
            }
        }
    });
}

fn function_picker_inline(ui: &mut Ui, cx: &mut SheetCtx) {
    ui.vertical(|ui| function_picker(ui, cx));
}

/// Short name of a source for the column header.
fn short(s: FundSource) -> &'static str {
    match s {
        FundSource::GeneralBudget => "一般公共预算",
        FundSource::GovFund => "政府性基金",
        FundSource::StateCapital => "国有资本经营",
        other => other.label(),
    }
}

fn add_column_menu(ui: &mut Ui, cx: &mut SheetCtx, shown: &[(FundSource, SpendingKind)]) {
    if cx.read_only {
        return;
    }
    ui.menu_button("添加金额列", |ui| {
        for s in FundSource::ALL {
            ui.menu_button(s.label(), |ui| {
                for k in SpendingKind::ALL {
                    let pair = (s, k);
                    if ui
                        .add_enabled(!shown.contains(&pair), egui::Button::new(k.label()))
                        .clicked()
                    {
                        cx.view.extra_columns.push(pair);
                        ui.close();
                    }
                }
            });
        }
    });
}

/// The read-only 上年预算数 合计 of a line (blank when it has none).
fn prior_cell(ui: &mut Ui, prior: Option<String>, label: &str) {
    let text = prior.unwrap_or_default();
    ui.add_sized(
        [100.0, 18.0],
        egui::Label::new(egui::RichText::new(&text).weak()),
    )
    .on_hover_text(format!("{label} 上年预算数"));
}
