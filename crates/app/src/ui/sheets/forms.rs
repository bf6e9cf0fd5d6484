//! The form sheets: 基本信息, 概况, 三公经费, 其他重要事项, 情况说明 and 名词解释.

use crate::location::{Field, FieldName, Location, Sheet};
use crate::model::{
    AdminLevel, Entity, GlossaryEntry, MoneyUnit, StaffKind, ThreePublicItem, UnitKind,
};
use crate::money::Amount;
use crate::template::{Form, NOT_PUBLISHED, Printed, Template};
use crate::ui::cells::{Kind, SheetCtx, derived, form_row};
use crate::ui::edit::{Edit, List, Value};
use egui::Ui;

const FIELD_WIDTH: f32 = 320.0;
const MONEY_WIDTH: f32 = 140.0;

fn named(sheet: Sheet, name: FieldName) -> Location {
    Location::field(sheet, Field::Named(name))
}

fn text_row(
    ui: &mut Ui,
    cx: &mut SheetCtx,
    sheet: Sheet,
    name: FieldName,
    label: &str,
    value: &str,
) {
    form_row(ui, label, |ui| {
        cx.text(ui, named(sheet, name), value, label, FIELD_WIDTH)
    });
}

fn money_row(
    ui: &mut Ui,
    cx: &mut SheetCtx,
    sheet: Sheet,
    name: FieldName,
    label: &str,
    value: crate::money::Money,
) {
    spoken_money_row(ui, cx, sheet, name, (label, label), value);
}

/// [`money_row`] whose field is named for screen readers (and tests) by
/// `labels.1` where `labels.0` alone would not tell it from another
/// (the two "三公" blocks).
fn spoken_money_row(
    ui: &mut Ui,
    cx: &mut SheetCtx,
    sheet: Sheet,
    name: FieldName,
    labels: (&str, &str),
    value: crate::money::Money,
) {
    let unit = cx.doc.meta.unit;
    form_row(ui, labels.0, |ui| {
        cx.money(ui, named(sheet, name), value, labels.1, MONEY_WIDTH);
        ui.label(unit.label());
    });
}

/// A derived amount and, beside it, the unit it is in.
fn derived_row(
    ui: &mut Ui,
    computed: &crate::ui::core::Computed,
    label: &str,
    amount: crate::money::Amount,
) {
    form_row(ui, label, |ui| {
        let text = computed.amount(crate::money::Money(amount.value));
        ui.allocate_ui([MONEY_WIDTH, 22.0].into(), |ui| derived(ui, &text, false));
        ui.label(amount.unit.label());
    });
}

/// A list of paragraphs with add and remove buttons.
pub(super) fn paragraphs(
    ui: &mut Ui,
    cx: &mut SheetCtx,
    sheet: Sheet,
    name: FieldName,
    list: List,
    items: &[String],
    label: &str,
) {
    for (i, p) in items.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            if !cx.read_only
                && ui
                    .small_button("删除")
                    .on_hover_text(format!("删除{label}第{}段", i + 1))
                    .clicked()
            {
                cx.edit(Edit::Remove(list, i));
            }
        });
        cx.long_text(
            ui,
            Location::cell(sheet, i, Field::Named(name)),
            p,
            &format!("{label}第{}段", i + 1),
        );
    }
    if !cx.read_only && ui.button(format!("新增{label}段落")).clicked() {
        cx.edit(Edit::Push(list));
    }
}

/// `不公开，仅内部使用` beside a field only `part` prints, where the
/// document's template does not print it.
fn not_published(ui: &mut Ui, template: &Template, part: Printed) {
    if !template.spec().prints(part) {
        ui.weak(NOT_PUBLISHED)
            .on_hover_text(format!("{}不印制{}", template.label(), part.label()));
    }
}

/// 基本信息.
pub fn meta(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let m = &doc.meta;
    let s = Sheet::Meta;
    text_row(ui, cx, s, FieldName::DeptName, "部门名称", &m.dept_name);
    // Printed on the 部门整体 form: named as the template numbers it.
    let spec = m.template.spec();
    let full_name = if spec.prints(Printed::DeptPerformance) {
        format!("部门全称（{}）", spec.form_name(Form::DeptPerformance))
    } else {
        "部门全称".into()
    };
    text_row(
        ui,
        cx,
        s,
        FieldName::DeptFullName,
        &full_name,
        &m.dept_full_name,
    );
    form_row(ui, "预算年度", |ui| {
        cx.number(
            ui,
            named(s, FieldName::Year),
            i64::from(m.year),
            "预算年度",
            80.0,
        )
    });
    form_row(ui, "主管部门编码", |ui| {
        // Digits only: a letter is refused with the reason and the code
        // keeps what it held.
        cx.cell(
            ui,
            named(s, FieldName::DeptCode),
            Kind::Digits,
            &m.dept_code,
            &Value::Text(m.dept_code.clone()),
            "主管部门编码",
            FIELD_WIDTH,
        );
        ui.weak("预算管理一体化系统中的单位编码，如 005001025");
        not_published(ui, &m.template, Printed::ProjectPerformance);
    });
    form_row(ui, "行政级别", |ui| {
        let options =
            [AdminLevel::Province, AdminLevel::City, AdminLevel::District].map(|a| (a, a.label()));
        if let Some(a) = cx.choice(
            ui,
            named(s, FieldName::AdminLevel),
            &m.admin_level,
            &options,
            "行政级别",
            100.0,
        ) {
            cx.edit(Edit::Set(vec![(
                named(s, FieldName::AdminLevel),
                Value::Admin(a),
            )]));
        }
    });
    for (f, label, v) in [
        (FieldName::Preparer, "填报人", &m.preparer),
        (FieldName::Phone, "联系电话", &m.phone),
    ] {
        form_row(ui, label, |ui| {
            cx.text(ui, named(s, f), v, label, FIELD_WIDTH);
            not_published(ui, &m.template, Printed::DeptPerformance);
        });
    }
    form_row(ui, "公开模板", |ui| {
        let mut options: Vec<(Template, &str)> = Template::ALL
            .into_iter()
            .map(|t| {
                let label = t.label();
                (t, label)
            })
            .collect();
        // A template the document carries (installed, or from another
        // machine) stays on the list.
        if !m.template.is_bundled() {
            options.push((m.template.clone(), m.template.label()));
        }
        if let Some(t) = cx.choice(
            ui,
            named(s, FieldName::Template),
            &m.template,
            &options,
            "选择公开模板",
            140.0,
        ) {
            cx.edit(Edit::Set(vec![(
                named(s, FieldName::Template),
                Value::Template(t),
            )]));
        }
    });
    form_row(ui, "金额单位（填报）", |ui| {
        let options = MoneyUnit::ALL.map(|u| (u, u.label()));
        if let Some(u) = cx.choice(
            ui,
            named(s, FieldName::Unit),
            &m.unit,
            &options,
            "金额单位",
            80.0,
        ) {
            cx.edit(Edit::Set(vec![(named(s, FieldName::Unit), Value::Unit(u))]));
        }
        ui.label("金额按所填数值保存，更改单位不换算；各表按模板规定的单位印制");
    });
    form_row(ui, "印制单位", |ui| {
        let options = [
            (None, "同填报单位"),
            (Some(MoneyUnit::WanYuan), "万元"),
            (Some(MoneyUnit::Yuan), "元"),
        ];
        if let Some(u) = cx.choice(
            ui,
            named(s, FieldName::PrintUnit),
            &m.print_unit,
            &options,
            "印制单位",
            100.0,
        ) {
            cx.edit(Edit::Set(vec![(
                named(s, FieldName::PrintUnit),
                Value::PrintUnit(u),
            )]));
        }
        ui.label("模板规定单位的表（如上海“三公”表为万元）按模板印制");
    });
    form_row(ui, "部门/单位", |ui| {
        let options = Entity::ALL.map(|e| (e, e.word()));
        if let Some(e) = cx.choice(
            ui,
            named(s, FieldName::Entity),
            &m.entity,
            &options,
            "部门/单位",
            80.0,
        ) {
            cx.edit(Edit::Set(vec![(
                named(s, FieldName::Entity),
                Value::Entity(e),
            )]));
        }
    });
}

/// 第一部分 概况: 职能, 预算单位构成, 人员构成.
pub fn overview(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let o = &doc.overview;
    let s = Sheet::Overview;
    ui.heading("部门主要职能");
    paragraphs(
        ui,
        cx,
        s,
        FieldName::Functions,
        List::Functions,
        &o.functions,
        "职能",
    );
    ui.separator();
    ui.heading("预算单位构成");
    for (i, unit) in o.units.iter().enumerate() {
        ui.horizontal(|ui| {
            let loc = Location::cell(s, i, Field::Named(FieldName::UnitName));
            cx.text(
                ui,
                loc,
                &unit.name,
                &format!("预算单位{}名称", i + 1),
                240.0,
            );
            let kinds = [
                UnitKind::Administrative,
                UnitKind::CivilServiceManaged,
                UnitKind::Institution,
            ]
            .map(|k| (k, k.label()));
            let kloc = Location::cell(s, i, Field::Named(FieldName::UnitKind));
            if let Some(k) = cx.choice(
                ui,
                kloc,
                &unit.kind,
                &kinds,
                &format!("预算单位{}性质", i + 1),
                200.0,
            ) {
                cx.edit(Edit::Set(vec![(kloc, Value::UnitKind(k))]));
            }
            if !cx.read_only
                && ui
                    .small_button("删除")
                    .on_hover_text("删除该单位")
                    .clicked()
            {
                cx.edit(Edit::Remove(List::Units, i));
            }
        });
    }
    if !cx.read_only && ui.button("新增预算单位").clicked() {
        cx.edit(Edit::Push(List::Units));
    }
    ui.separator();
    ui.heading("人员构成");
    let st = &o.staffing;
    egui::Grid::new("staffing")
        .num_columns(3)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.strong("编制数");
            ui.strong("在职实有");
            ui.end_row();
            for (row, kind) in StaffKind::ALL.iter().enumerate() {
                ui.label(kind.label());
                for (name, list) in [
                    (FieldName::Authorized, &st.authorized),
                    (FieldName::Actual, &st.actual),
                ] {
                    let n = list.iter().find(|(k, _)| k == kind).map_or(0, |(_, n)| *n);
                    let label = format!(
                        "{}{}",
                        kind.label(),
                        if name == FieldName::Authorized {
                            "编制数"
                        } else {
                            "在职实有人数"
                        }
                    );
                    cx.number(
                        ui,
                        Location::cell(s, row, Field::Named(name)),
                        i64::from(n),
                        &label,
                        80.0,
                    );
                }
                ui.end_row();
            }
            ui.strong("合计");
            for n in [st.authorized_total(), st.actual_total()] {
                ui.allocate_ui([80.0, 22.0].into(), |ui| derived(ui, &n.to_string(), true));
            }
            ui.end_row();
        });
    form_row(ui, "离退休人员", |ui| {
        cx.number(
            ui,
            named(s, FieldName::Retired),
            i64::from(st.retired),
            "离退休人员",
            80.0,
        )
    });
}

/// "三公"经费: the 一般公共预算 one every template prints, and the
/// 政府性基金预算 one where the template prints it (or the file has it).
pub fn three_public(ui: &mut Ui, cx: &mut SheetCtx) {
    let gov_fund = cx.doc.meta.template.spec().prints_gov_fund_three_public()
        || !cx.doc.gov_fund_three_public.is_zero();
    if gov_fund {
        ui.strong("一般公共预算“三公”经费");
    }
    three_public_items(ui, cx, false);
    if gov_fund {
        ui.separator();
        ui.strong("政府性基金预算“三公”经费");
        three_public_items(ui, cx, true);
    }
}

/// One "三公" block: its four items, 小计 and 合计.
fn three_public_items(ui: &mut Ui, cx: &mut SheetCtx, gov_fund: bool) {
    let tp = if gov_fund {
        cx.doc.gov_fund_three_public
    } else {
        cx.doc.three_public
    };
    let unit = cx.doc.meta.unit;
    let s = Sheet::ThreePublic;
    let name = |item| FieldName::of_three_public(item, gov_fund);
    for (item, amount) in tp.items() {
        let spoken = if gov_fund {
            format!("政府性基金{}", item.label())
        } else {
            item.label().to_string()
        };
        spoken_money_row(ui, cx, s, name(item), (item.label(), &spoken), amount);
        if item == ThreePublicItem::VehicleOperation {
            derived_row(
                ui,
                cx.computed,
                "公务用车购置及运行费小计",
                Amount::of(tp.vehicles(), unit),
            );
        }
    }
    derived_row(
        ui,
        cx.computed,
        "“三公”经费合计",
        Amount::of(tp.total(), unit),
    );
}

/// 其他重要事项.
pub fn other(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let computed = cx.computed;
    let o = &doc.other;
    let unit = doc.meta.unit;
    let s = Sheet::Other;
    let t = &computed.derived.totals;
    if t.prior_lines.is_some() {
        // One source: the lines' 上年 figures, when they have any.
        derived_row(ui, cx.computed, "上年预算总额", Amount::of(t.prior, unit));
        ui.weak("由收支预算各行的上年预算数合计得出");
    } else {
        money_row(
            ui,
            cx,
            s,
            FieldName::PriorYearTotal,
            "上年预算总额",
            o.prior_year_total,
        );
    }
    derived_row(ui, cx.computed, "本年预算总额", Amount::of(t.total, unit));
    let pct = t
        .change_percent
        .map_or_else(|| "—".to_string(), |p| p.display());
    form_row(ui, "增减", |ui| {
        ui.allocate_ui([MONEY_WIDTH, 22.0].into(), |ui| {
            derived(ui, &computed.amount(t.change), false)
        });
        ui.label(format!("{}（{pct}）", unit.label()));
    });
    form_row(ui, "增减原因", |ui| {
        cx.text(
            ui,
            named(s, FieldName::ChangeReason),
            &o.change_reason,
            "增减原因",
            FIELD_WIDTH,
        )
    });
    ui.separator();
    ui.strong("政府采购预算");
    if doc.procurement_from_rows() {
        // One source: the 政府采购 rows, whose sums the text prints.
        for (kind, amount) in doc.procurement_by_kind() {
            let label = format!("{}类", kind.label());
            derived_row(ui, cx.computed, &label, Amount::of(amount, unit));
        }
        ui.weak("由政府采购明细按采购类型合计得出");
    } else {
        money_row(
            ui,
            cx,
            s,
            FieldName::ProcurementGoods,
            "货物类",
            o.procurement_goods,
        );
        money_row(
            ui,
            cx,
            s,
            FieldName::ProcurementWorks,
            "工程类",
            o.procurement_works,
        );
        money_row(
            ui,
            cx,
            s,
            FieldName::ProcurementServices,
            "服务类",
            o.procurement_services,
        );
    }
    derived_row(
        ui,
        cx.computed,
        "政府采购预算合计",
        Amount::of(doc.procurement_total(), unit),
    );
    ui.separator();
    ui.strong("国有资产占有使用情况");
    form_row(ui, "车辆（辆）", |ui| {
        cx.number(
            ui,
            named(s, FieldName::Vehicles),
            i64::from(o.vehicles),
            "车辆数",
            80.0,
        )
    });
    ui.label("其他国有资产情况");
    cx.long_text(
        ui,
        named(s, FieldName::AssetsNote),
        &o.assets_note,
        "其他国有资产情况",
    );
}

/// 第三部分 情况说明: generated text, read-only.
pub fn narrative(ui: &mut Ui, cx: &mut SheetCtx) {
    ui.label("情况说明由程序根据填报的数据生成，不能直接修改；请修改对应的填报表。");
    ui.separator();
    for sec in crate::narrative::part3(cx.doc, cx.catalog, &cx.computed.derived) {
        ui.strong(sec.heading);
        for p in sec.paragraphs {
            ui.label(p);
        }
        ui.add_space(crate::ui::theme::PARAGRAPH_GAP);
    }
}

/// 第四部分 名词解释.
pub fn glossary(ui: &mut Ui, cx: &mut SheetCtx) {
    let s = Sheet::Glossary;
    let doc = cx.doc;
    for (i, entry) in doc.glossary.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(crate::numerals::chinese_ordinal(i + 1, true));
            match entry {
                GlossaryEntry::Term { term, .. } => {
                    cx.text(
                        ui,
                        Location::cell(s, i, Field::Named(FieldName::Term)),
                        term,
                        &format!("名词{}", i + 1),
                        240.0,
                    );
                }
                GlossaryEntry::FunctionCodesUsed => {
                    ui.label("本部门使用的主要支出功能分类科目（项级）——由收支预算自动生成");
                }
            }
            if !cx.read_only
                && ui
                    .small_button("删除")
                    .on_hover_text("删除该名词")
                    .clicked()
            {
                cx.edit(Edit::Remove(List::Glossary, i));
            }
        });
        if let GlossaryEntry::Term { text, .. } = entry {
            cx.long_text(
                ui,
                Location::cell(s, i, Field::Named(FieldName::Text)),
                text,
                &format!("名词{}解释", i + 1),
            );
        }
    }
    if !cx.read_only && ui.button("新增名词").clicked() {
        cx.edit(Edit::Push(List::Glossary));
    }
}
