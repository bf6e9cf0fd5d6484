//! A document as comparable groups (a row, a project, an indicator, a form)
//! of named values, each keyed by what identifies it across versions and
//! addressed by the [`Location`] the app edits it at.

use super::What;
use super::pairing::{Identities, goal_key};
use crate::location::{Field, FieldName, GoalTerm, IndicatorColumn, Location, Sheet};
use crate::model::{
    AmountKey, Document, FundSource, GlossaryEntry, Indicator, PriorYearItem, ProcurementKind,
    SpendingKind, ThreePublicItem,
};
use crate::money::Money;
use std::collections::HashMap;

/// A comparable value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    Money(Money),
    Number(i64),
    Text(String),
}

impl Value {
    /// The change from `old` to `new` (either may be absent: an amount
    /// absent is zero, a text empty), if they differ.
    pub(super) fn change(old: Option<&Value>, new: Option<&Value>) -> Option<What> {
        let like = |v: Option<&Value>, other: Option<&Value>| match (v, other) {
            (Some(v), _) => v.clone(),
            (None, Some(Value::Money(_))) => Value::Money(Money::ZERO),
            (None, Some(Value::Number(_))) => Value::Number(0),
            (None, _) => Value::Text(String::new()),
        };
        match (like(old, new), like(new, old)) {
            (Value::Money(o), Value::Money(n)) if o != n => Some(What::Figure { old: o, new: n }),
            (Value::Number(o), Value::Number(n)) if o != n => Some(What::Number { old: o, new: n }),
            (Value::Text(o), Value::Text(n)) if o != n => Some(What::Text { old: o, new: n }),
            _ => None,
        }
    }

    fn shown(&self) -> String {
        match self {
            Value::Money(m) => m.display_blank_zero(),
            Value::Number(0) => String::new(),
            Value::Number(n) => n.to_string(),
            Value::Text(t) => t.trim().to_string(),
        }
    }
}

/// One value of a group.
pub(super) struct Entry {
    pub key: String,
    pub location: Location,
    pub label: String,
    pub value: Value,
}

/// Values that belong together and come and go together.
pub(super) struct Group {
    pub key: String,
    /// The group this one lives in (a project for its indicators): when
    /// the parent is added or removed, the children are not listed apart.
    pub parent: Option<String>,
    pub location: Location,
    pub label: String,
    pub entries: Vec<Entry>,
}

impl Group {
    fn new(key: String, location: Location, label: String) -> Group {
        Group {
            key,
            parent: None,
            location,
            label,
            entries: Vec::new(),
        }
    }

    fn add(&mut self, key: &str, location: Location, label: &str, value: Value) {
        self.entries.push(Entry {
            key: key.to_string(),
            location,
            label: label.to_string(),
            value,
        });
    }

    fn text(&mut self, key: &str, location: Location, label: &str, value: &str) {
        self.add(key, location, label, Value::Text(value.to_string()));
    }

    /// What the group holds, for an added or removed line:
    /// `一般公共预算拨款·基本支出 12.00；…`, at most about 120 characters.
    pub(super) fn summary(&self) -> String {
        let parts: Vec<String> = self
            .entries
            .iter()
            .filter_map(|e| {
                let v = e.value.shown();
                (!v.is_empty()).then(|| format!("{} {}", e.label, v))
            })
            .collect();
        let joined = parts.join("；");
        let mut s: String = joined.chars().take(120).collect();
        if s.len() < joined.len() {
            s.push('…');
        }
        if s.is_empty() { "（空）".into() } else { s }
    }
}

/// `key`, or `key#2` for its second occurrence in the document.
struct Keys(HashMap<String, usize>);

impl Keys {
    fn new() -> Keys {
        Keys(HashMap::new())
    }
    fn next(&mut self, key: String) -> String {
        let n = self.0.entry(key.clone()).or_default();
        *n += 1;
        if *n == 1 { key } else { format!("{key}#{n}") }
    }
}

fn named(sheet: Sheet, name: FieldName) -> Location {
    Location::field(sheet, Field::Named(name))
}

/// The document's comparable groups, in sheet order; projects and
/// indicators keyed as `ids` says.
pub(super) fn groups(doc: &Document, ids: &Identities) -> Vec<Group> {
    let mut out = Vec::new();
    let mut amounts = Amounts::of(doc);
    meta(doc, &mut out);
    overview(doc, &mut out);
    budget(doc, &mut amounts, &mut out);
    economic(doc, &mut amounts, &mut out);
    three_public(&mut amounts, &mut out);
    projects(doc, ids, &mut amounts, &mut out);
    performance(doc, ids, &mut amounts, &mut out);
    other(doc, &mut amounts, &mut out);
    purchases(doc, &mut amounts, &mut out);
    cross(doc, &mut amounts, &mut out);
    merged_units(doc, &mut amounts, &mut out);
    glossary(doc, &mut out);
    out
}

/// A merged document's units as recorded at the merge, each keyed by its
/// name, with its amounts by 资金来源 and 支出类型.
fn merged_units(doc: &Document, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let mut keys = Keys::new();
    for (i, u) in doc.merged_from.iter().enumerate() {
        let mut g = Group::new(
            keys.next(format!("merged/{}", u.unit.trim())),
            Location::sheet(Sheet::Overview),
            format!("汇总时的单位“{}”", u.unit.trim()),
        );
        amounts.add_to(Holder::MergedUnit(i), &mut g);
        out.push(g);
    }
}

/// 政府采购 and 政府购买服务 rows, each keyed by its name.
fn purchases(doc: &Document, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let rows = doc
        .procurement
        .iter()
        .map(|p| {
            (
                Sheet::Procurement,
                &p.name,
                &p.code,
                ("采购类型", p.kind.label()),
            )
        })
        .chain(doc.purchased_services.iter().map(|p| {
            let category = ("指导性目录", p.category.as_str());
            (Sheet::PurchasedServices, &p.name, &p.code, category)
        }));
    let mut keys = Keys::new();
    let mut index: HashMap<Sheet, usize> = HashMap::new();
    for (s, name, code, (label, text)) in rows {
        let i = *index.entry(s).and_modify(|i| *i += 1).or_default();
        let mut g = Group::new(
            keys.next(format!("{s:?}/{}", name.trim())),
            Location::row(s, i),
            format!("{}“{}”", s.label(), name.trim()),
        );
        let field = match s {
            Sheet::Procurement => Field::PurchaseKind,
            _ => Field::Category,
        };
        g.text("kind", Location::cell(s, i, field), label, text);
        g.text(
            "code",
            Location::cell(s, i, Field::Code),
            "科目编码",
            code.as_str(),
        );
        amounts.add_to(Holder::Purchase(s, i), &mut g);
        out.push(g);
    }
}

/// 财政拨款 split rows, each keyed by its 功能科目 and 经济科目.
fn cross(doc: &Document, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let mut keys = Keys::new();
    for (i, r) in doc.fiscal_by_economic.iter().enumerate() {
        let (f, e) = (r.code.as_str(), r.economic_code.as_str());
        let s = Sheet::FiscalByEconomic;
        let g = Group::new(
            keys.next(format!("{s:?}/{f}/{e}")),
            Location::row(s, i),
            format!("{}“{f} × {e}”", s.label()),
        );
        let mut g = g;
        amounts.add_to(Holder::Cross(i), &mut g);
        out.push(g);
    }
}

/// The group an amount is compared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Holder {
    Budget(usize),
    Economic(usize),
    ThreePublic,
    Project(usize),
    PriorYear(usize),
    Other,
    /// A 政府采购 or 政府购买服务 row: its sheet and index.
    Purchase(Sheet, usize),
    /// A 财政拨款 split row.
    Cross(usize),
    /// A merged document's unit as recorded at the merge.
    MergedUnit(usize),
}

/// Every amount of the document as an entry of its group, taken from the
/// model's one list of money fields ([`Document::for_each_amount`]): a
/// money field added to the model is a new [`AmountKey`], which
/// [`amount_entry`] does not compile without.
struct Amounts(HashMap<Holder, Vec<Entry>>);

impl Amounts {
    fn of(doc: &Document) -> Amounts {
        let mut map: HashMap<Holder, Vec<Entry>> = HashMap::new();
        doc.for_each_amount(|k, m| {
            let (holder, entry) = amount_entry(k, m);
            map.entry(holder).or_default().push(entry);
        });
        Amounts(map)
    }

    /// Adds the amounts of `holder` to `g`, in the visitor's order.
    fn add_to(&mut self, holder: Holder, g: &mut Group) {
        if let Some(entries) = self.0.remove(&holder) {
            g.entries.extend(entries);
        }
    }
}

/// Where an amount is compared, and how it is keyed, placed and named.
fn amount_entry(key: AmountKey, m: Money) -> (Holder, Entry) {
    let three = |i: ThreePublicItem| match i {
        ThreePublicItem::Abroad => (FieldName::Abroad, "因公出国(境)费"),
        ThreePublicItem::VehiclePurchase => (FieldName::VehiclePurchase, "公务用车购置费"),
        ThreePublicItem::VehicleOperation => (FieldName::VehicleOperation, "公务用车运行费"),
        ThreePublicItem::Reception => (FieldName::Reception, "公务接待费"),
    };
    let (holder, key, location, label) = match key {
        AmountKey::Budget(i, src, kind) => (
            Holder::Budget(i),
            format!("{src:?}/{kind:?}"),
            Location::cell(Sheet::Budget, i, Field::Amount(src, kind)),
            amount_label(src, kind),
        ),
        AmountKey::BudgetPrior(i, src, kind) => (
            Holder::Budget(i),
            format!("prior/{src:?}/{kind:?}"),
            Location::row(Sheet::Budget, i),
            format!("上年预算数 {}", amount_label(src, kind)),
        ),
        AmountKey::Economic(i) => (
            Holder::Economic(i),
            "amount".into(),
            Location::cell(Sheet::Economic, i, Field::Value),
            "金额".into(),
        ),
        AmountKey::EconomicPrior(i) => (
            Holder::Economic(i),
            "prior".into(),
            Location::row(Sheet::Economic, i),
            "上年预算数".into(),
        ),
        AmountKey::ThreePublic(item) => {
            let (name, label) = three(item);
            (
                Holder::ThreePublic,
                name.as_str().into(),
                named(Sheet::ThreePublic, name),
                label.into(),
            )
        }
        AmountKey::GovFundThreePublic(item) => {
            let (_, label) = three(item);
            let name = FieldName::of_three_public(item, true);
            (
                Holder::ThreePublic,
                name.as_str().into(),
                named(Sheet::ThreePublic, name),
                format!("政府性基金{label}"),
            )
        }
        AmountKey::PriorThreePublic(item) => {
            let (name, label) = three(item);
            (
                Holder::ThreePublic,
                format!("prior/{name}"),
                Location::sheet(Sheet::ThreePublic),
                format!("上年{label}"),
            )
        }
        AmountKey::Project(p, source) => (
            Holder::Project(p),
            format!("amount/{source:?}"),
            Location::field(
                Sheet::Project(p),
                Field::Amount(source, SpendingKind::Project),
            ),
            source.label().into(),
        ),
        AmountKey::PriorYear(r, item) => {
            let (name, label) = match item {
                PriorYearItem::IncomeFiscal => (FieldName::IncomeFiscal, "收入 财政拨款"),
                PriorYearItem::IncomeOther => (FieldName::IncomeOther, "收入 其他资金"),
                PriorYearItem::SpendingBasic => (FieldName::SpendingBasic, "支出 基本支出"),
                PriorYearItem::SpendingProject => (FieldName::SpendingProject, "支出 项目支出"),
            };
            (
                Holder::PriorYear(r),
                name.as_str().into(),
                Location::cell(Sheet::Performance, r, Field::Named(name)),
                label.into(),
            )
        }
        AmountKey::ProcurementItem(i) | AmountKey::PurchasedService(i) => {
            let sheet = match key {
                AmountKey::ProcurementItem(_) => Sheet::Procurement,
                _ => Sheet::PurchasedServices,
            };
            (
                Holder::Purchase(sheet, i),
                "amount".into(),
                Location::cell(sheet, i, Field::Value),
                "金额".into(),
            )
        }
        AmountKey::Cross(i, kind) => (
            Holder::Cross(i),
            format!("{kind:?}"),
            Location::cell(Sheet::FiscalByEconomic, i, Field::Part(kind)),
            kind.label().into(),
        ),
        AmountKey::MergedUnit(i, src, kind) => (
            Holder::MergedUnit(i),
            format!("{src:?}/{kind:?}"),
            Location::sheet(Sheet::Overview),
            amount_label(src, kind),
        ),
        AmountKey::PriorYearTotal | AmountKey::Procurement(_) => {
            let (name, label) = match key {
                AmountKey::Procurement(ProcurementKind::Goods) => {
                    (FieldName::ProcurementGoods, "政府采购 货物类")
                }
                AmountKey::Procurement(ProcurementKind::Works) => {
                    (FieldName::ProcurementWorks, "政府采购 工程类")
                }
                AmountKey::Procurement(ProcurementKind::Services) => {
                    (FieldName::ProcurementServices, "政府采购 服务类")
                }
                _ => (FieldName::PriorYearTotal, "上年预算总额"),
            };
            (
                Holder::Other,
                name.as_str().into(),
                named(Sheet::Other, name),
                label.into(),
            )
        }
    };
    let entry = Entry {
        key,
        location,
        label,
        value: Value::Money(m),
    };
    (holder, entry)
}

fn meta(doc: &Document, out: &mut Vec<Group>) {
    let m = &doc.meta;
    let s = Sheet::Meta;
    let mut g = Group::new("meta".into(), Location::sheet(s), s.label());
    // Keyed by the field's name, in the order of the 基本信息 form.
    let text = |g: &mut Group, f: FieldName, label: &str, value: &str| {
        g.text(f.as_str(), named(s, f), label, value);
    };
    text(&mut g, FieldName::DeptName, "部门名称", &m.dept_name);
    text(&mut g, FieldName::DeptFullName, "全称", &m.dept_full_name);
    g.add(
        "year",
        named(s, FieldName::Year),
        "年度",
        Value::Number(m.year.into()),
    );
    for (f, label, value) in [
        (FieldName::DeptCode, "主管部门编码", m.dept_code.as_str()),
        (FieldName::AdminLevel, "行政级别", m.admin_level.label()),
        (FieldName::Preparer, "填报人", &m.preparer),
        (FieldName::Phone, "联系电话", &m.phone),
        (FieldName::Unit, "金额单位", m.unit.label()),
        (
            FieldName::PrintUnit,
            "印制单位",
            m.print_unit.map_or("同录入单位", |u| u.label()),
        ),
        (FieldName::Template, "模板", m.template.label()),
        (FieldName::Entity, "部门/单位", m.entity.word()),
    ] {
        text(&mut g, f, label, value);
    }
    let catalog = m
        .catalog
        .as_ref()
        .map(|c| format!("{} 年“{}”", c.year, c.edition))
        .unwrap_or_default();
    g.text("catalog", Location::sheet(s), "科目表", &catalog);
    out.push(g);
}

fn overview(doc: &Document, out: &mut Vec<Group>) {
    let s = Sheet::Overview;
    let o = &doc.overview;
    for (i, f) in o.functions.iter().enumerate() {
        let loc = Location::cell(s, i, Field::Named(FieldName::Functions));
        let mut g = Group::new(
            format!("functions/{i}"),
            loc,
            format!("主要职能第{}段", i + 1),
        );
        g.text("text", loc, "内容", f);
        out.push(g);
    }
    for (i, u) in o.units.iter().enumerate() {
        let mut g = Group::new(
            format!("units/{i}"),
            Location::row(s, i),
            format!("预算单位第{}行", i + 1),
        );
        g.text(
            "name",
            Location::cell(s, i, Field::Named(FieldName::UnitName)),
            "单位名称",
            &u.name,
        );
        g.text(
            "kind",
            Location::cell(s, i, Field::Named(FieldName::UnitKind)),
            "单位性质",
            u.kind.label(),
        );
        out.push(g);
    }
    let st = &o.staffing;
    let mut g = Group::new("staffing".into(), Location::sheet(s), "人员构成".into());
    for (row, kind) in crate::model::StaffKind::ALL.iter().enumerate() {
        for (name, list, word) in [
            (FieldName::Authorized, &st.authorized, "编制数"),
            (FieldName::Actual, &st.actual, "在职实有人数"),
        ] {
            let n = list
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, n)| *n)
                .sum::<u32>();
            g.add(
                &format!("{name}/{kind:?}"),
                Location::cell(s, row, Field::Named(name)),
                &format!("{}{word}", kind.label()),
                Value::Number(n.into()),
            );
        }
    }
    g.add(
        "retired",
        named(s, FieldName::Retired),
        "离退休人员",
        Value::Number(st.retired.into()),
    );
    out.push(g);
}

fn amount_label(s: FundSource, k: SpendingKind) -> String {
    format!("{}·{}", s.label(), k.label())
}

/// A 科目 row keyed by its code (and occurrence), with its name.
fn code_row(
    keys: &mut Keys,
    s: Sheet,
    i: usize,
    code: &dyn std::fmt::Display,
    name: &str,
) -> Group {
    let part = if s == Sheet::Budget {
        "budget"
    } else {
        "economic"
    };
    let mut g = Group::new(
        keys.next(format!("{part}/{code}")),
        Location::row(s, i),
        format!("{code} {}", name.trim()),
    );
    g.text("name", Location::cell(s, i, Field::Name), "科目名称", name);
    g
}

fn budget(doc: &Document, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let s = Sheet::Budget;
    let mut keys = Keys::new();
    for (i, l) in doc.budget_lines.iter().enumerate() {
        let mut g = code_row(&mut keys, s, i, &l.code, &l.name);
        amounts.add_to(Holder::Budget(i), &mut g);
        out.push(g);
    }
}

fn economic(doc: &Document, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let s = Sheet::Economic;
    let mut keys = Keys::new();
    for (i, l) in doc.basic_by_economic.iter().enumerate() {
        let mut g = code_row(&mut keys, s, i, &l.code, &l.name);
        g.text(
            "bucket",
            Location::cell(s, i, Field::Bucket),
            "人员经费/公用经费",
            l.bucket.label(),
        );
        amounts.add_to(Holder::Economic(i), &mut g);
        out.push(g);
    }
}

fn three_public(amounts: &mut Amounts, out: &mut Vec<Group>) {
    let s = Sheet::ThreePublic;
    let mut g = Group::new("three_public".into(), Location::sheet(s), s.label());
    amounts.add_to(Holder::ThreePublic, &mut g);
    out.push(g);
}

fn level1(l: Option<crate::model::Level1>) -> &'static str {
    l.map_or("", |l| l.label())
}

fn projects(doc: &Document, ids: &Identities, amounts: &mut Amounts, out: &mut Vec<Group>) {
    for (p, pr) in doc.projects.iter().enumerate() {
        let s = Sheet::Project(p);
        let key = ids.projects[p].clone();
        let mut g = Group::new(
            key.clone(),
            Location::sheet(s),
            format!("项目“{}”", pr.name.trim()),
        );
        amounts.add_to(Holder::Project(p), &mut g);
        for (name, label, v) in [
            (FieldName::Name, "项目名称", pr.name.as_str()),
            (FieldName::Code, "项目编码", pr.code.as_str()),
            (
                FieldName::ImplementingUnit,
                "实施单位",
                pr.implementing_unit.as_str(),
            ),
            (FieldName::Attribute, "项目属性", pr.attribute.label()),
            (FieldName::Start, "起始时间", pr.start.as_str()),
            (FieldName::End, "终止时间", pr.end.as_str()),
            (FieldName::Purpose, "主要用途", pr.purpose.as_str()),
            (FieldName::MidtermGoal, "中期目标", pr.midterm_goal.as_str()),
            (FieldName::AnnualGoal, "年度目标", pr.annual_goal.as_str()),
        ] {
            g.text(name.as_str(), named(s, name), label, v);
        }
        out.push(g);
        for (j, ind) in pr.indicators.iter().enumerate() {
            let at = |column| Location::cell(s, j, Field::Indicator { goal: None, column });
            let mut ig = Group::new(
                ids.project_indicators[p][j].clone(),
                Location::row(s, j),
                format!("项目“{}”指标第{}行", pr.name.trim(), j + 1),
            );
            ig.parent = Some(key.clone());
            indicator_names(&mut ig, ind.level1, &ind.level2, &ind.name, &at);
            for (k, col, label, v) in [
                (
                    "long_term",
                    IndicatorColumn::Value,
                    "指标值（长期）",
                    &ind.long_term,
                ),
                (
                    "annual",
                    IndicatorColumn::AnnualValue,
                    "指标值（年度）",
                    &ind.annual,
                ),
            ] {
                ig.text(k, at(col), label, &v.to_string());
            }
            out.push(ig);
        }
    }
}

fn paragraphs(out: &mut Vec<Group>, list: &[String], key: &str, name: FieldName, label: &str) {
    let s = Sheet::Performance;
    for (i, t) in list.iter().enumerate() {
        let loc = Location::cell(s, i, Field::Named(name));
        let mut g = Group::new(format!("{key}/{i}"), loc, format!("{label}第{}段", i + 1));
        g.text("text", loc, "内容", t);
        out.push(g);
    }
}

/// The columns both indicator tables (表10 and 附件3) share.
fn indicator_names(
    g: &mut Group,
    l1: Option<crate::model::Level1>,
    l2: &str,
    name: &str,
    at: &impl Fn(IndicatorColumn) -> Location,
) {
    for (k, col, label, v) in [
        ("level1", IndicatorColumn::Level1, "一级指标", level1(l1)),
        ("level2", IndicatorColumn::Level2, "二级指标", l2),
        ("name", IndicatorColumn::Name, "三级指标", name),
    ] {
        g.text(k, at(col), label, v);
    }
}

fn goal_indicator(g: &mut Group, ind: &Indicator, at: impl Fn(IndicatorColumn) -> Location) {
    indicator_names(g, ind.level1, &ind.level2, &ind.name, &at);
    g.text(
        "value",
        at(IndicatorColumn::Value),
        "指标值",
        &ind.value.to_string(),
    );
    g.text(
        "standard",
        at(IndicatorColumn::Standard),
        "绩效标准",
        &ind.standard,
    );
    for (k, v) in ind.prior.iter().enumerate() {
        g.text(
            &format!("prior/{k}"),
            at(IndicatorColumn::Prior(k)),
            &format!("近两年指标值{}", k + 1),
            &v.to_string(),
        );
    }
}

fn performance(doc: &Document, ids: &Identities, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let s = Sheet::Performance;
    let perf = &doc.performance;
    for (r, y) in perf.prior_years.iter().enumerate() {
        let at = |n| Location::cell(s, r, Field::Named(n));
        let mut g = Group::new(
            format!("prior_year/{r}"),
            Location::row(s, r),
            format!("近两年收支第{}行", r + 1),
        );
        g.add(
            "year",
            at(FieldName::Year),
            "年度",
            Value::Number(y.year.into()),
        );
        amounts.add_to(Holder::PriorYear(r), &mut g);
        out.push(g);
    }
    paragraphs(
        out,
        &perf.functions_summary,
        "summary",
        FieldName::FunctionsSummary,
        "部门职能概述",
    );
    paragraphs(
        out,
        &perf.annual_tasks,
        "tasks",
        FieldName::AnnualTasks,
        "年度工作任务",
    );
    for (term, goals, word) in [
        (GoalTerm::LongTerm, &perf.long_term_goals, "长期目标"),
        (GoalTerm::Annual, &perf.annual_goals, "年度目标"),
    ] {
        for (gi, goal) in goals.iter().enumerate() {
            let key = goal_key(term, gi);
            let loc = Location::cell(s, gi, Field::GoalTitle(term));
            let mut g = Group::new(key.clone(), loc, format!("{word}{}", gi + 1));
            g.text("title", loc, "目标", &goal.title);
            out.push(g);
            for (j, ind) in goal.indicators.iter().enumerate() {
                let at = |column| {
                    Location::cell(
                        s,
                        j,
                        Field::Indicator {
                            goal: Some((term, gi)),
                            column,
                        },
                    )
                };
                let mut ig = Group::new(
                    ids.goal_indicators[&(term, gi)][j].clone(),
                    at(IndicatorColumn::Name),
                    format!("{word}{}指标第{}行", gi + 1, j + 1),
                );
                ig.parent = Some(key.clone());
                goal_indicator(&mut ig, ind, at);
                out.push(ig);
            }
        }
    }
}

fn other(doc: &Document, amounts: &mut Amounts, out: &mut Vec<Group>) {
    let s = Sheet::Other;
    let o = &doc.other;
    let mut g = Group::new("other".into(), Location::sheet(s), s.label());
    amounts.add_to(Holder::Other, &mut g);
    g.add(
        "vehicles",
        named(s, FieldName::Vehicles),
        "车辆",
        Value::Number(o.vehicles.into()),
    );
    g.text(
        "change_reason",
        named(s, FieldName::ChangeReason),
        "增减原因",
        &o.change_reason,
    );
    g.text(
        "assets_note",
        named(s, FieldName::AssetsNote),
        "国有资产说明",
        &o.assets_note,
    );
    out.push(g);
}

fn glossary(doc: &Document, out: &mut Vec<Group>) {
    let s = Sheet::Glossary;
    for (i, e) in doc.glossary.iter().enumerate() {
        let mut g = Group::new(
            format!("glossary/{i}"),
            Location::row(s, i),
            format!("名词解释第{}条", i + 1),
        );
        match e {
            GlossaryEntry::Term { term, text } => {
                g.text(
                    "term",
                    Location::cell(s, i, Field::Named(FieldName::Term)),
                    "名词",
                    term,
                );
                g.text(
                    "text",
                    Location::cell(s, i, Field::Named(FieldName::Text)),
                    "解释",
                    text,
                );
            }
            GlossaryEntry::FunctionCodesUsed => {
                g.text(
                    "term",
                    Location::row(s, i),
                    "名词",
                    "本部门使用的主要支出功能分类科目",
                );
            }
        }
        out.push(g);
    }
}
