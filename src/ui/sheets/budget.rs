//! 收支预算: one row per 功能科目 项, amounts by 资金来源 × 支出类型.

use super::economic::prior_cell;
use crate::derive::budget_sum;
use crate::derive::prior::has_prior;
use crate::location::{Field, Location, Sheet};
use crate::model::{FundSource, SpendingKind};
use crate::ui::cells::{Kind, SheetCtx};
use crate::ui::edit::{Edit, List};
use crate::ui::grid::{Grid, GridColumn, plain_loc};
use crate::ui::picker::function_picker;
use egui::Ui;

/// Amount columns always shown: 一般公共预算 基本/项目.
const DEFAULT_COLUMNS: [(FundSource, SpendingKind); 2] = [
    (FundSource::GeneralBudget, SpendingKind::Basic),
    (FundSource::GeneralBudget, SpendingKind::Project),
];

/// The amount columns: the defaults, those any row uses, those added.
fn amount_columns(cx: &SheetCtx) -> Vec<(FundSource, SpendingKind)> {
    let mut cols: Vec<_> = DEFAULT_COLUMNS.to_vec();
    cols.extend(
        cx.doc
            .budget_lines
            .iter()
            .flat_map(|l| l.amounts.keys().copied()),
    );
    cols.extend(cx.view.extra_columns.iter().copied());
    cols.sort();
    cols.dedup();
    cols
}

/// Draws the sheet.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let pairs = amount_columns(cx);
    ui.horizontal(|ui| {
        function_picker_inline(ui, cx);
        add_column_menu(ui, cx, &pairs);
    });
    let mut columns = vec![
        GridColumn::edit("科目编码", 80.0, Field::Code, Kind::Text),
        GridColumn::edit("科目名称", 260.0, Field::Name, Kind::Text),
    ];
    columns.extend(pairs.iter().map(|&(s, k)| {
        GridColumn::edit(
            format!("{}\n{}", short(s), k.label()),
            110.0,
            Field::Amount(s, k),
            Kind::Money,
        )
    }));
    let prior_col = columns.len();
    columns.push(GridColumn::fixed("上年预算数\n合计", 110.0));
    columns.push(GridColumn::fixed("", 52.0));
    // The 合计 line, from the core's sums.
    let mut totals = vec![String::new(), "合计".to_string()];
    totals.extend(
        pairs
            .iter()
            .map(|&(s, k)| budget_sum(doc, Some(s), Some(k)).display()),
    );
    let prior_total: crate::money::Money = doc.budget_lines.iter().map(|l| l.prior_total()).sum();
    totals.push(if has_prior(doc) {
        prior_total.display()
    } else {
        String::new()
    });
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
            let prior = (!line.prior.is_empty()).then(|| line.prior_total());
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
            Some((f @ Field::Amount(s, k), _)) => {
                cx.money(
                    ui,
                    Location::cell(Sheet::Budget, r, f),
                    line.amount(s, k),
                    &format!("{label} {} {}", s.label(), k.label()),
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
