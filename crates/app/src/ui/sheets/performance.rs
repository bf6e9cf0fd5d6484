//! 附件3 部门整体支出绩效目标申报表.

use super::forms::paragraphs;
use super::indicators::{self, Row, value_text};
use crate::location::{Field, FieldName, GoalTerm, IndicatorColumn, Location, Sheet};
use crate::ui::cells::{SheetCtx, derived};
use crate::ui::edit::{Edit, List};
use egui::Ui;

/// Draws the sheet.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx) {
    let s = Sheet::Performance;
    let doc = cx.doc;
    let perf = &doc.performance;
    ui.heading(format!("部门总体资金情况（{}）", doc.meta.unit.label()));
    let computed = cx.computed;
    let cy = &computed.derived.current_year;
    egui::Grid::new("perf-money")
        .num_columns(7)
        .spacing([8.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "年度",
                "收入 财政拨款",
                "收入 其他资金",
                "收入合计",
                "支出 基本支出",
                "支出 项目支出",
                "支出合计",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for (r, y) in perf.prior_years.iter().enumerate() {
                let loc = |n: FieldName| Location::cell(s, r, Field::Named(n));
                let who = if r == 0 { "上年" } else { "前年" };
                cx.number(
                    ui,
                    loc(FieldName::Year),
                    i64::from(y.year),
                    &format!("{who}年度"),
                    60.0,
                );
                cx.money(
                    ui,
                    loc(FieldName::IncomeFiscal),
                    y.income_fiscal,
                    &format!("{who}收入财政拨款"),
                    100.0,
                );
                cx.money(
                    ui,
                    loc(FieldName::IncomeOther),
                    y.income_other,
                    &format!("{who}收入其他资金"),
                    100.0,
                );
                ui.allocate_ui([100.0, 22.0].into(), |ui| {
                    derived(ui, &computed.amount(y.income_total()), false)
                });
                cx.money(
                    ui,
                    loc(FieldName::SpendingBasic),
                    y.spending_basic,
                    &format!("{who}支出基本支出"),
                    100.0,
                );
                cx.money(
                    ui,
                    loc(FieldName::SpendingProject),
                    y.spending_project,
                    &format!("{who}支出项目支出"),
                    100.0,
                );
                ui.allocate_ui([100.0, 22.0].into(), |ui| {
                    derived(ui, &computed.amount(y.spending_total()), false)
                });
                ui.end_row();
            }
            ui.label(format!("{}（当年）", doc.meta.year));
            for (m, share) in [
                (cy.income_fiscal, Some(cy.income_shares[0])),
                (cy.income_other, Some(cy.income_shares[1])),
                (cy.income_total, None),
                (cy.spending_basic, Some(cy.spending_shares[0])),
                (cy.spending_project, Some(cy.spending_shares[1])),
                (cy.spending_total, None),
            ] {
                let text = match share {
                    Some(p) => format!("{}（{}）", computed.amount(m), p.display()),
                    None => computed.amount(m),
                };
                ui.allocate_ui([150.0, 22.0].into(), |ui| derived(ui, &text, true));
            }
            ui.end_row();
        });
    ui.separator();
    ui.heading("部门职能概述");
    if perf.functions_summary.is_empty() {
        ui.label("（未填写时使用概况中的部门主要职能）");
    }
    paragraphs(
        ui,
        cx,
        s,
        FieldName::FunctionsSummary,
        List::FunctionsSummary,
        &perf.functions_summary,
        "职能概述",
    );
    ui.heading("年度工作任务");
    paragraphs(
        ui,
        cx,
        s,
        FieldName::AnnualTasks,
        List::Tasks,
        &perf.annual_tasks,
        "工作任务",
    );
    for (term, title, goals) in [
        (GoalTerm::LongTerm, "长期目标", &perf.long_term_goals),
        (GoalTerm::Annual, "年度目标", &perf.annual_goals),
    ] {
        ui.separator();
        ui.heading(title);
        for (g, goal) in goals.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{title}{}：", g + 1));
                let loc = Location::cell(s, g, Field::GoalTitle(term));
                cx.text(
                    ui,
                    loc,
                    &goal.title,
                    &format!("{title}{}名称", g + 1),
                    360.0,
                );
                if !cx.read_only
                    && ui
                        .small_button("删除")
                        .on_hover_text("删除该目标")
                        .clicked()
                {
                    cx.edit(Edit::Remove(List::Goals(term), g));
                }
            });
            let rows: Vec<Row> = goal
                .indicators
                .iter()
                .map(|ind| Row {
                    level1: ind.level1,
                    level2: &ind.level2,
                    name: &ind.name,
                    values: std::iter::once(value_text(&ind.value))
                        .chain([ind.standard.clone()])
                        .chain(ind.prior.iter().map(value_text))
                        .collect(),
                })
                .collect();
            let columns: Vec<(&str, IndicatorColumn)> = match term {
                GoalTerm::LongTerm => vec![
                    ("指标值", IndicatorColumn::Value),
                    ("绩效标准", IndicatorColumn::Standard),
                ],
                GoalTerm::Annual => vec![
                    ("指标值", IndicatorColumn::Value),
                    ("绩效标准", IndicatorColumn::Standard),
                    ("上年指标值", IndicatorColumn::Prior(0)),
                    ("前年指标值", IndicatorColumn::Prior(1)),
                ],
            };
            let id: &'static str = match term {
                GoalTerm::LongTerm => "long-goal",
                GoalTerm::Annual => "annual-goal",
            };
            ui.push_id((id, g), |ui| {
                indicators::grid(
                    ui,
                    cx,
                    id,
                    s,
                    Some((term, g)),
                    List::GoalIndicators(term, g),
                    &columns,
                    &rows,
                    &format!("{title}{}", g + 1),
                );
            });
        }
        if !cx.read_only && ui.button(format!("新增{title}")).clicked() {
            cx.edit(Edit::Push(List::Goals(term)));
        }
    }
}
