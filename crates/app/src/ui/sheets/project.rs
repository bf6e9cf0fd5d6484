//! One project: 表10 项目支出绩效目标表.

use super::indicators::{self, Row, value_text};
use crate::location::{Field, FieldName, IndicatorColumn, Location, Sheet};
use crate::model::{FundSource, ProjectAttribute, SpendingKind};
use crate::template::{NOT_PUBLISHED, Printed};
use crate::ui::cells::{SheetCtx, derived, form_row};
use crate::ui::command::Command;
use crate::ui::edit::{Edit, List, Value};
use crate::ui::page::Page;
use egui::Ui;

/// Draws project `i`.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx, i: usize) {
    let doc = cx.doc;
    let unit = doc.meta.unit;
    let Some(p) = doc.projects.get(i) else {
        ui.label("该项目已删除。");
        return;
    };
    let s = Sheet::Project(i);
    let named = |n: FieldName| Location::field(s, Field::Named(n));
    // 上海 2025 prints no 项目支出绩效目标表: what only that form prints is
    // kept (the text counts the projects with 绩效目标) but not published;
    // what its 项目经费情况说明 names (实施单位, 起止时间, 年度目标) is.
    let spec = doc.meta.template.spec();
    let published = spec.prints(Printed::ProjectPerformance);
    let in_text = |fields: &[&str]| published || fields.iter().any(|f| spec.text_uses("项目", f));
    let (unit_shown, dates_shown, annual_shown) = (
        in_text(&["实施单位"]),
        in_text(&["开始", "结束"]),
        in_text(&["年度目标"]),
    );
    let internal = |ui: &mut Ui, shown: bool| {
        if !shown {
            ui.weak(NOT_PUBLISHED);
        }
    };
    if !published {
        let hidden: Vec<&str> = [
            ("实施单位", unit_shown),
            ("项目属性", false),
            ("起止时间", dates_shown),
            ("中期目标", false),
            ("年度目标", annual_shown),
            ("绩效指标", false),
        ]
        .into_iter()
        .filter(|(_, shown)| !shown)
        .map(|(name, _)| name)
        .collect();
        let hidden = match hidden.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{}和{last}", rest.join("、")),
            _ => hidden.concat(),
        };
        ui.label(format!(
            "{}不印制{}：{hidden}{NOT_PUBLISHED}\
             （情况说明的“绩效目标设置情况”只计数已设置绩效目标的项目）。",
            doc.meta.template.label(),
            Printed::ProjectPerformance.label()
        ));
    }
    form_row(ui, "项目编码", |ui| {
        cx.text(ui, named(FieldName::Code), &p.code, "项目编码", 220.0);
        if p.code_is_assigned() {
            ui.weak("程序编号：有预算管理一体化系统的项目编码时请改填该编码");
        }
    });
    form_row(ui, "项目名称", |ui| {
        cx.text(ui, named(FieldName::Name), &p.name, "项目名称", 360.0)
    });
    form_row(ui, "实施单位", |ui| {
        cx.text(
            ui,
            named(FieldName::ImplementingUnit),
            &p.implementing_unit,
            "实施单位",
            360.0,
        );
        internal(ui, unit_shown);
    });
    form_row(ui, "项目属性", |ui| {
        let other = match &p.attribute {
            ProjectAttribute::Other(t) => ProjectAttribute::Other(t.clone()),
            _ => ProjectAttribute::Other(String::new()),
        };
        let options = [
            (ProjectAttribute::DepartmentSpecial, "部门专项"),
            (ProjectAttribute::SpecialFund, "专项资金"),
            (other, "其他"),
        ];
        if let Some(a) = cx.choice(
            ui,
            named(FieldName::Attribute),
            &p.attribute,
            &options,
            "项目属性",
            120.0,
        ) {
            cx.edit(Edit::Set(vec![(
                named(FieldName::Attribute),
                Value::Attribute(a),
            )]));
        }
    });
    form_row(ui, "项目起止时间", |ui| {
        cx.text(ui, named(FieldName::Start), &p.start, "项目开始时间", 110.0);
        ui.label("至");
        cx.text(ui, named(FieldName::End), &p.end, "项目结束时间", 110.0);
        let y = doc.meta.year;
        ui.weak(format!("如 {y}-01 至 {y}-12"));
        internal(ui, dates_shown);
    });
    form_row(ui, "资金总额", |ui| {
        ui.allocate_ui([140.0, 22.0].into(), |ui| {
            derived(ui, &cx.computed.amount(p.total()), true)
        });
        ui.label(unit.label());
        ui.weak(format!(
            "其中：财政拨款 {}，其他资金 {}（由下面按资金来源录入的金额算出）",
            cx.computed.amount(p.fiscal()),
            cx.computed.amount(p.other())
        ));
    });
    // Entered once, by 资金来源: the three 财政拨款 sources always, the
    // others where the project or a 收支预算 line's 项目支出 has money from
    // them (其他收入 at least), so the form stays short.
    let in_lines = |source| {
        doc.budget_lines
            .iter()
            .any(|l| !l.amount(source, SpendingKind::Project).is_zero())
    };
    let others: Vec<FundSource> = FundSource::ALL[3..]
        .iter()
        .copied()
        .filter(|&s| s == FundSource::OtherIncome || !p.amount(s).is_zero() || in_lines(s))
        .collect();
    for (group, sources) in [
        ("其中：财政拨款", &FundSource::ALL[..3]),
        ("其他资金", &others[..]),
    ] {
        form_row(ui, group, |ui| {
            ui.horizontal_wrapped(|ui| {
                for &source in sources {
                    ui.label(source.label());
                    let at = Location::field(s, Field::Amount(source, SpendingKind::Project));
                    cx.money(ui, at, p.amount(source), source.label(), 110.0);
                }
                ui.label(unit.label());
            });
        });
    }
    ui.label("主要用途（情况说明中“主要用于”之后的文字）");
    cx.long_text(ui, named(FieldName::Purpose), &p.purpose, "主要用途");
    ui.horizontal(|ui| {
        ui.label("中期目标");
        internal(ui, published);
    });
    cx.long_text(
        ui,
        named(FieldName::MidtermGoal),
        &p.midterm_goal,
        "中期目标",
    );
    ui.horizontal(|ui| {
        ui.label("年度目标");
        internal(ui, annual_shown);
    });
    cx.long_text(ui, named(FieldName::AnnualGoal), &p.annual_goal, "年度目标");
    ui.separator();
    ui.horizontal(|ui| {
        ui.strong("绩效项目指标表");
        internal(ui, published);
    });
    let rows: Vec<Row> = p
        .indicators
        .iter()
        .map(|ind| Row {
            level1: ind.level1,
            level2: &ind.level2,
            name: &ind.name,
            values: vec![value_text(&ind.long_term), value_text(&ind.annual)],
        })
        .collect();
    indicators::grid(
        ui,
        cx,
        "project-indicators",
        s,
        None,
        List::ProjectIndicators(i),
        &[
            ("指标值（长期）", IndicatorColumn::Value),
            ("指标值（年度）", IndicatorColumn::AnnualValue),
        ],
        &rows,
        "",
    );
    ui.separator();
    if !cx.read_only && ui.button("删除本项目").clicked() {
        cx.edit(Edit::Remove(List::Projects, i));
        cx.command(Command::Select(Page::Sheet(Sheet::Budget)));
    }
}
