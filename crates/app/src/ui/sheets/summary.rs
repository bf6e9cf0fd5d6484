//! 汇总: the key totals, 基本/项目 shares, change on the previous year, the
//! findings count, and a bar chart of the two prior years and this one.

use crate::model::SpendingKind;
use crate::rules::Severity;
use crate::template::{Form, Printed};
use crate::ui::cells::{SheetCtx, derived};
use egui::Ui;
use egui_plot::{Bar, BarChart, Plot};
use rust_decimal::prelude::ToPrimitive;

/// Draws the page.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx) {
    let computed = cx.computed;
    let doc = cx.doc;
    let d = &computed.derived;
    let t = &d.totals;
    let cy = &d.current_year;
    let m = &doc.meta;
    // Every figure here is in the unit the amounts are entered in.
    let u = m.unit.label();
    ui.heading(format!("{}{}年部门预算", m.dept_name, m.year));
    egui::Grid::new("summary")
        .num_columns(3)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            let row = |ui: &mut Ui, label: &str, value: String, note: String| {
                ui.label(label);
                ui.allocate_ui([140.0, 22.0].into(), |ui| derived(ui, &value, true));
                ui.label(note);
                ui.end_row();
            };
            row(ui, "部门收支总预算", computed.amount(t.total), u.into());
            row(
                ui,
                "其中：财政拨款",
                computed.amount(t.fiscal),
                format!("{u}，占 {}", cy.income_shares[0].display()),
            );
            row(
                ui,
                "基本支出",
                computed.amount(t.kind(SpendingKind::Basic)),
                format!("{u}，占 {}", cy.spending_shares[0].display()),
            );
            row(
                ui,
                "项目支出",
                computed.amount(cy.spending_project),
                format!("{u}，占 {}", cy.spending_shares[1].display()),
            );
            row(ui, "“三公”经费", computed.amount(t.three_public), u.into());
            // Without a prior total the difference means nothing: say so
            // instead of printing the whole budget as an increase.
            match t.change_percent {
                // Right after 以上年文件新建: nothing of this year yet.
                Some(_) if t.total.is_zero() => {
                    row(ui, "比上年增减", "—".into(), "本年未填".into());
                }
                Some(pct) => row(
                    ui,
                    "比上年增减",
                    computed.amount(t.change),
                    format!("{u}（{}）", pct.display()),
                ),
                None => row(
                    ui,
                    "比上年增减",
                    "—".into(),
                    "上年预算总额未填，无法比较".into(),
                ),
            }
        });
    ui.add_space(crate::ui::theme::LINE_GAP);
    let c = computed;
    // Cells holding text that does not read are 错误 too (rule U01), as
    // the status bar counts them: both say the same while one is typed.
    let unreadable = cx.buffers.values().filter(|b| b.error.is_some()).count();
    ui.label(format!(
        "审核结果：错误 {} 条，警告 {} 条，提示 {} 条",
        c.count(Severity::Error) + unreadable,
        c.count(Severity::Warning),
        c.count(Severity::Info)
    ));
    ui.add_space(crate::ui::theme::LINE_GAP);
    ui.strong(format!("近三年支出（{u}）"));
    let prior = &doc.performance.prior_years;
    // Bar heights are chart geometry only; every printed figure stays exact.
    let height = |m: crate::money::Money| m.value().to_f64().unwrap_or(0.0);
    let bars = vec![
        Bar::new(0.0, height(prior[1].spending_total())).name(format!("{}年", prior[1].year)),
        Bar::new(1.0, height(prior[0].spending_total())).name(format!("{}年", prior[0].year)),
        Bar::new(2.0, height(t.total)).name(format!("{}年", m.year)),
    ];
    // Nothing entered yet: no chart (an empty plot draws a −1…1 axis).
    if bars.iter().all(|b| b.value == 0.0) {
        let spec = m.template.spec();
        ui.weak(if spec.prints(Printed::DeptPerformance) {
            format!(
                "尚无支出数字：填报本年预算或{} 近两年数字后显示图表。",
                spec.form_name(Form::DeptPerformance)
            )
        } else {
            "尚无支出数字：填报本年预算后显示图表。".to_string()
        });
        return;
    }
    let years = [prior[1].year, prior[0].year, m.year];
    let grouping = computed.grouping;
    let mut plot = Plot::new("years")
        .include_y(0.0)
        .height(220.0)
        .width(420.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_x(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 0.01 && (0.0..3.0).contains(&i) {
                format!("{}年", years[i as usize])
            } else {
                String::new()
            }
        });
    if grouping {
        // The axis reads as the figures do: whole ticks grouped.
        plot = plot.y_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 {
                crate::derive::table::group_thousands(&format!("{}", mark.value))
            } else {
                format!("{}", mark.value)
            }
        });
    }
    plot.show(ui, |plot| {
        plot.bar_chart(BarChart::new("支出合计", bars).width(0.6));
    });
}
