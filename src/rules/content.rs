//! Content rules: catalog codes (C), required content (R), indicators (P),
//! wording (W), amounts (A) and years (Y).

use super::{Finding, Severity};
use crate::catalog::{BUNDLED_EDITION, Catalog, Entry};
use crate::derive::Derived;
use crate::fonts::{Family, FontFace, Weight};
use crate::layout::Metrics;
use crate::location::{Field, GoalTerm, IndicatorColumn, Location, Sheet};
use crate::model::{
    AdminLevel, BudgetLine, CodeLevel, Document, EconomicLine, FundSource, GlossaryEntry, Level1,
    SpendingKind,
};
use crate::money::Money;
use std::borrow::Cow;
use std::collections::BTreeSet;

fn push(
    out: &mut Vec<Finding>,
    rule: &'static str,
    severity: Severity,
    message: String,
    location: Location,
) {
    out.push(Finding::new(rule, severity, message, location));
}

/// C01–C06.
pub fn check_codes(doc: &Document, catalog: &Catalog, out: &mut Vec<Finding>) {
    let year_loc = || Location::field(Sheet::Meta, Field::Named("year"));
    if catalog.year != doc.meta.year {
        push(
            out,
            "C05",
            Severity::Warning,
            format!(
                "没有 {} 年度的科目表，按 {} 核对；请导入 {} 年科目表（科目表 → 导入）",
                doc.meta.year,
                catalog.describe(),
                doc.meta.year
            ),
            year_loc(),
        );
    }
    if let Some(r) = &doc.meta.catalog
        && r.edition != BUNDLED_EDITION
        && (r.year, r.edition.as_str()) != (catalog.year, catalog.edition.as_str())
    {
        push(
            out,
            "C06",
            Severity::Info,
            format!(
                "本文件按 {} 年“{}”科目表编制，本机未安装该版本，按 {} 核对",
                r.year,
                r.edition,
                catalog.describe()
            ),
            year_loc(),
        );
    }
    // Only an official list of the document's own year can say a code does
    // not exist.
    let complete = catalog.is_complete() && catalog.year == doc.meta.year;
    let ctx = CodeContext {
        out,
        complete,
        catalog: catalog.describe(),
    };
    let functions = doc.budget_lines.iter().map(|l| CodeRow {
        code: l.code.as_str(),
        level: l.code.level(),
        name: &l.name,
        entry: catalog.function(&l.code),
    });
    let ctx = check_code_rows(
        ctx,
        Sheet::Budget,
        "功能科目",
        (CodeLevel::Item, "7 位项级"),
        functions,
    );
    let economics = doc.basic_by_economic.iter().map(|l| CodeRow {
        code: l.code.as_str(),
        level: l.code.level(),
        name: &l.name,
        entry: catalog.economic(&l.code),
    });
    check_code_rows(
        ctx,
        Sheet::Economic,
        "经济科目",
        (CodeLevel::Section, "5 位款级"),
        economics,
    );
}

/// What the code rules need to know about the catalog.
struct CodeContext<'o> {
    out: &'o mut Vec<Finding>,
    /// An official complete list of the document's year.
    complete: bool,
    /// The catalog, described for messages.
    catalog: String,
}

/// One entered 科目 row as the code rules see it.
struct CodeRow<'a> {
    code: &'a str,
    level: Option<CodeLevel>,
    name: &'a str,
    entry: Option<&'a Entry>,
}

/// C01–C04 over the rows of one sheet.
fn check_code_rows<'a, 'o>(
    ctx: CodeContext<'o>,
    sheet: Sheet,
    kind: &str,
    (level, level_text): (CodeLevel, &str),
    rows: impl Iterator<Item = CodeRow<'a>>,
) -> CodeContext<'o> {
    let mut seen = BTreeSet::new();
    let out = &mut *ctx.out;
    for (i, r) in rows.enumerate() {
        let loc = |f| Location::cell(sheet, i, f);
        if !seen.insert(r.code) {
            push(
                out,
                "C04",
                Severity::Warning,
                format!("{kind} {} 重复录入", r.code),
                loc(Field::Code),
            );
        }
        if r.level != Some(level) {
            push(
                out,
                "C01",
                Severity::Error,
                format!("{kind}编码“{}”应为{level_text}编码", r.code),
                loc(Field::Code),
            );
            continue;
        }
        let Some(e) = r.entry else {
            if ctx.complete {
                push(
                    out,
                    "C01",
                    Severity::Error,
                    format!("{kind} {} 不在 {} 中", r.code, ctx.catalog),
                    loc(Field::Code),
                );
            } else {
                push(
                    out,
                    "C03",
                    Severity::Info,
                    format!(
                        "{kind} {} 不在 {} 中（未核实）；导入财政部门下发的科目表后可核对",
                        r.code, ctx.catalog
                    ),
                    loc(Field::Code),
                );
            }
            continue;
        };
        if e.name != r.name.trim() {
            push(
                out,
                "C02",
                Severity::Warning,
                format!(
                    "{kind} {} 名称“{}”与科目表“{}”不一致",
                    r.code, r.name, e.name
                ),
                loc(Field::Name),
            );
        }
    }
    ctx
}

/// R01–R03.
pub fn check_required(doc: &Document, out: &mut Vec<Finding>) {
    let m = &doc.meta;
    for (value, name, field) in [
        (m.dept_name.as_str(), "部门名称", "dept_name"),
        (m.preparer.as_str(), "填报人", "preparer"),
        (m.phone.as_str(), "联系电话", "phone"),
        (m.dept_code.as_str(), "主管部门编码", "dept_code"),
    ] {
        if value.trim().is_empty() {
            push(
                out,
                "R01",
                Severity::Error,
                format!("未填写{name}"),
                Location::field(Sheet::Meta, Field::Named(field)),
            );
        }
    }
    if !(2000..=2100).contains(&m.year) {
        push(
            out,
            "R01",
            Severity::Error,
            format!("预算年度“{}”无效", m.year),
            Location::field(Sheet::Meta, Field::Named("year")),
        );
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let loc = |f| Location::field(Sheet::Project(i), Field::Named(f));
        let who = if p.name.trim().is_empty() {
            format!("项目{}", i + 1)
        } else {
            p.name.clone()
        };
        for (v, n, f) in [
            (&p.name, "项目名称", "name"),
            (&p.midterm_goal, "中期目标", "midterm_goal"),
            (&p.annual_goal, "年度目标", "annual_goal"),
        ] {
            if v.trim().is_empty() {
                push(
                    out,
                    "R02",
                    Severity::Error,
                    format!("{who} 未填写{n}"),
                    loc(f),
                );
            }
        }
        // 产出指标 are what a project is checked against; a missing 效益指标
        // is a weakness the published seed itself has, so only a warning.
        for (l1, rule, sev) in [
            (Level1::Output, "R02", Severity::Error),
            (Level1::Benefit, "R04", Severity::Warning),
        ] {
            if !p.indicators.iter().any(|x| x.level1 == Some(l1)) {
                push(
                    out,
                    rule,
                    sev,
                    format!("{who} 没有{}", l1.label()),
                    loc("indicators"),
                );
            }
        }
    }
    let perf = &doc.performance;
    let checks = [
        (
            doc.overview.functions.is_empty(),
            "第一部分 未填写部门主要职能",
            Location::field(Sheet::Overview, Field::Named("functions")),
        ),
        (
            doc.overview.units.is_empty(),
            "第一部分 未填写预算单位构成",
            Location::field(Sheet::Overview, Field::Named("units")),
        ),
        (
            doc.overview.staffing.authorized_total() == 0,
            "第一部分 未填写编制人数",
            Location::field(Sheet::Overview, Field::Named("staffing")),
        ),
        (
            perf.annual_tasks.is_empty(),
            "附件3 未填写年度工作任务",
            Location::field(Sheet::Performance, Field::Named("annual_tasks")),
        ),
        (
            perf.long_term_goals.is_empty(),
            "附件3 未填写长期目标",
            Location::field(Sheet::Performance, Field::Named("long_term_goals")),
        ),
        (
            perf.annual_goals.is_empty(),
            "附件3 未填写年度目标",
            Location::field(Sheet::Performance, Field::Named("annual_goals")),
        ),
    ];
    for (missing, msg, loc) in checks {
        if missing {
            push(out, "R03", Severity::Warning, msg.to_string(), loc);
        }
    }
}

/// P01–P02 over 附件3 goals and project indicator tables.
pub fn check_indicators(doc: &Document, out: &mut Vec<Finding>) {
    let mut check = |level1: Option<Level1>,
                     level2: &str,
                     name: &str,
                     empty_value: bool,
                     sheet: Sheet,
                     row: usize,
                     goal: Option<(GoalTerm, usize)>,
                     whose: &str| {
        let cell = |column| Location::cell(sheet, row, Field::Indicator { goal, column });
        // An unnamed indicator is named by its row, never as “”.
        let which = if name.trim().is_empty() {
            format!("第{}行指标", row + 1)
        } else {
            format!("指标“{}”", name.trim())
        };
        match level1 {
            None => push(
                out,
                "P02",
                Severity::Error,
                format!("{whose} {which}未选一级指标"),
                cell(IndicatorColumn::Level1),
            ),
            Some(l1) if level2.trim().is_empty() => push(
                out,
                "P01",
                Severity::Warning,
                format!(
                    "{whose} {which}未填二级指标（{}可选：{}）",
                    l1.label(),
                    l1.allowed_level2().join("、")
                ),
                cell(IndicatorColumn::Level2),
            ),
            Some(l1) if !l1.allowed_level2().contains(&level2.trim()) => push(
                out,
                "P01",
                Severity::Warning,
                format!(
                    "{whose} {which}的二级指标“{}”不属于{}（可选：{}）",
                    level2.trim(),
                    l1.label(),
                    l1.allowed_level2().join("、")
                ),
                cell(IndicatorColumn::Level2),
            ),
            _ => {}
        }
        if name.trim().is_empty() {
            push(
                out,
                "P02",
                Severity::Error,
                format!("{whose} 第{}行指标未填写名称", row + 1),
                cell(IndicatorColumn::Name),
            );
        }
        if empty_value {
            push(
                out,
                "P02",
                Severity::Error,
                format!("{whose} {which}未填写指标值"),
                cell(IndicatorColumn::Value),
            );
        }
    };
    for (term, goals) in [
        (GoalTerm::LongTerm, &doc.performance.long_term_goals),
        (GoalTerm::Annual, &doc.performance.annual_goals),
    ] {
        for (g, goal) in goals.iter().enumerate() {
            for (r, x) in goal.indicators.iter().enumerate() {
                // The same goal title often stands in both lists: say which.
                let list = match term {
                    GoalTerm::LongTerm => "长期目标",
                    GoalTerm::Annual => "年度目标",
                };
                let whose = format!("附件3 {list}“{}”", goal.title.trim());
                check(
                    x.level1,
                    &x.level2,
                    &x.name,
                    x.value.is_empty(),
                    Sheet::Performance,
                    r,
                    Some((term, g)),
                    &whose,
                );
            }
        }
    }
    for (i, p) in doc.projects.iter().enumerate() {
        for (r, x) in p.indicators.iter().enumerate() {
            check(
                x.level1,
                &x.level2,
                &x.name,
                x.long_term.is_empty() && x.annual.is_empty(),
                Sheet::Project(i),
                r,
                None,
                &p.name,
            );
        }
    }
}

/// Every free text of the document with where it lives.
fn texts(doc: &Document) -> Vec<(Location, Cow<'_, str>)> {
    let mut v = Vec::new();
    let named = |s, f| Location::field(s, Field::Named(f));
    v.push((
        named(Sheet::Meta, "dept_name"),
        Cow::Borrowed(doc.meta.dept_name.as_str()),
    ));
    v.push((
        named(Sheet::Meta, "dept_full_name"),
        Cow::Borrowed(doc.meta.dept_full_name.as_str()),
    ));
    for (i, f) in doc.overview.functions.iter().enumerate() {
        v.push((
            Location::cell(Sheet::Overview, i, Field::Named("functions")),
            Cow::Borrowed(f.as_str()),
        ));
    }
    for (i, f) in doc
        .performance
        .functions_summary
        .iter()
        .chain(&doc.performance.annual_tasks)
        .enumerate()
    {
        v.push((
            Location::cell(Sheet::Performance, i, Field::Named("annual_tasks")),
            Cow::Borrowed(f.as_str()),
        ));
    }
    for (term, goals) in [
        (GoalTerm::LongTerm, &doc.performance.long_term_goals),
        (GoalTerm::Annual, &doc.performance.annual_goals),
    ] {
        for (g, goal) in goals.iter().enumerate() {
            v.push((
                Location::cell(Sheet::Performance, g, Field::GoalTitle(term)),
                Cow::Borrowed(goal.title.as_str()),
            ));
            for (r, x) in goal.indicators.iter().enumerate() {
                let f = Field::Indicator {
                    goal: Some((term, g)),
                    column: IndicatorColumn::Name,
                };
                v.push((
                    Location::cell(Sheet::Performance, r, f),
                    Cow::Owned(format!("{} {} {}", x.name, x.value, x.standard)),
                ));
            }
        }
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let s = Sheet::Project(i);
        for (f, t) in [
            ("name", &p.name),
            ("implementing_unit", &p.implementing_unit),
            ("purpose", &p.purpose),
            ("midterm_goal", &p.midterm_goal),
            ("annual_goal", &p.annual_goal),
        ] {
            v.push((named(s, f), Cow::Borrowed(t.as_str())));
        }
        for (r, x) in p.indicators.iter().enumerate() {
            let f = Field::Indicator {
                goal: None,
                column: IndicatorColumn::Name,
            };
            v.push((
                Location::cell(s, r, f),
                Cow::Owned(format!("{} {} {}", x.name, x.long_term, x.annual)),
            ));
        }
    }
    v.push((
        named(Sheet::Other, "change_reason"),
        Cow::Borrowed(doc.other.change_reason.as_str()),
    ));
    v.push((
        named(Sheet::Other, "assets_note"),
        Cow::Borrowed(doc.other.assets_note.as_str()),
    ));
    for (i, g) in doc.glossary.iter().enumerate() {
        if let GlossaryEntry::Term { term, text } = g {
            v.push((
                Location::row(Sheet::Glossary, i),
                Cow::Owned(format!("{term} {text}")),
            ));
        }
    }
    v
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// W01–W04.
pub fn check_text(doc: &Document, out: &mut Vec<Finding>) {
    let own = format!("本{}", doc.meta.entity.word());
    let other = format!("本{}", doc.meta.entity.other().word());
    let mut residue: Vec<&str> = vec![
        "xxx",
        "XX",
        "××",
        "待填写",
        "请填写",
        "此处填写",
        "（单位名称）",
        "XXX",
    ];
    match doc.meta.admin_level {
        AdminLevel::District => residue.extend(["市直部门", "市级财政", "省直部门", "省级财政"]),
        AdminLevel::City => residue.extend(["省直部门", "省级财政", "区直部门", "区级财政"]),
        AdminLevel::Province => residue.extend(["市直部门", "市级财政", "区直部门", "区级财政"]),
    }
    let metrics = Metrics::shared();
    let face = FontFace::new(Family::Serif, Weight::Regular);
    let mut printable: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
    for (loc, text) in texts(doc) {
        if text.contains(&other) {
            push(
                out,
                "W04",
                Severity::Warning,
                format!(
                    "“{}”写作“{other}”，本文件是{}预算，应为“{own}”",
                    excerpt(&text),
                    doc.meta.entity.word()
                ),
                loc,
            );
        }
        if let Some(p) = residue.iter().find(|p| text.contains(**p)) {
            push(
                out,
                "W01",
                Severity::Warning,
                format!("“{}”含模板残留或占位内容“{p}”", excerpt(&text)),
                loc,
            );
        }
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(3) {
            if matches!(w[1], ',' | ';' | ':' | '?' | '!') && is_cjk(w[0]) && is_cjk(w[2]) {
                push(
                    out,
                    "W02",
                    Severity::Info,
                    format!("“{}”中文之间使用了半角标点“{}”", excerpt(&text), w[1]),
                    loc,
                );
                break;
            }
        }
        for (open, close) in [('（', '）'), ('《', '》'), ('“', '”')] {
            if chars.iter().filter(|&&c| c == open).count()
                != chars.iter().filter(|&&c| c == close).count()
            {
                push(
                    out,
                    "W02",
                    Severity::Info,
                    format!("“{}”中{open}{close}不配对", excerpt(&text)),
                    loc,
                );
            }
        }
        if let Some(c) = chars.iter().find(|&&c| crate::text::is_hidden(c)) {
            push(
                out,
                "W03",
                Severity::Warning,
                format!("“{}”含不可见的控制字符 U+{:04X}", excerpt(&text), *c as u32),
                loc,
            );
        } else if let Some(c) = chars.iter().find(|&&c| {
            // Glyph lookups are the costly part of this rule; each distinct
            // character is looked up once per check.
            !c.is_ascii()
                && !c.is_whitespace()
                && !*printable
                    .entry(c)
                    .or_insert_with(|| metrics.has_glyph(face, c))
        }) {
            push(
                out,
                "W03",
                Severity::Warning,
                format!(
                    "“{}”中的字符“{c}”（U+{:04X}）字体无法显示，打印时会成为空框",
                    excerpt(&text),
                    *c as u32
                ),
                loc,
            );
        }
    }
}

fn excerpt(s: &str) -> String {
    let clean = crate::text::visible(s).replace('\n', " ");
    if clean.chars().count() > 24 {
        clean.chars().take(24).collect::<String>() + "…"
    } else {
        clean
    }
}

/// Every entered amount with where it is and how to name it in a message
/// (the 科目 and column, or the field). The name is built only for an
/// amount a rule reports: this runs after every edit over every amount.
fn amounts(doc: &Document) -> Vec<(Location, Money, AmountName<'_>)> {
    let mut v = Vec::new();
    for (i, l) in doc.budget_lines.iter().enumerate() {
        for ((s, k), m) in &l.amounts {
            v.push((
                Location::cell(Sheet::Budget, i, Field::Amount(*s, *k)),
                *m,
                AmountName::Budget(l, *s, *k),
            ));
        }
    }
    for (i, l) in doc.basic_by_economic.iter().enumerate() {
        v.push((
            Location::cell(Sheet::Economic, i, Field::Value),
            l.amount,
            AmountName::Economic(l),
        ));
    }
    let tp = &doc.three_public;
    for (f, m, label) in [
        ("abroad", tp.abroad, "因公出国（境）费"),
        ("vehicle_purchase", tp.vehicle_purchase, "公务用车购置费"),
        ("vehicle_operation", tp.vehicle_operation, "公务用车运行费"),
        ("reception", tp.reception, "公务接待费"),
    ] {
        v.push((
            Location::field(Sheet::ThreePublic, Field::Named(f)),
            m,
            AmountName::Fixed(label),
        ));
    }
    for (i, p) in doc.projects.iter().enumerate() {
        for (f, m, label) in [
            ("fiscal", p.fiscal, "财政拨款"),
            ("other", p.other, "其他资金"),
        ] {
            v.push((
                Location::field(Sheet::Project(i), Field::Named(f)),
                m,
                AmountName::Project(&p.name, label),
            ));
        }
    }
    for py in &doc.performance.prior_years {
        for (m, label) in [
            (py.income_fiscal, "收入 财政拨款"),
            (py.income_other, "收入 其他资金"),
            (py.spending_basic, "支出 基本支出"),
            (py.spending_project, "支出 项目支出"),
        ] {
            v.push((
                Location::field(Sheet::Performance, Field::Named("prior_years")),
                m,
                AmountName::PriorYear(py.year, label),
            ));
        }
    }
    let o = &doc.other;
    for (f, m, label) in [
        ("prior_year_total", o.prior_year_total, "上年预算总额"),
        ("procurement_goods", o.procurement_goods, "政府采购 货物类"),
        ("procurement_works", o.procurement_works, "政府采购 工程类"),
        (
            "procurement_services",
            o.procurement_services,
            "政府采购 服务类",
        ),
    ] {
        v.push((
            Location::field(Sheet::Other, Field::Named(f)),
            m,
            AmountName::Fixed(label),
        ));
    }
    v
}

/// How an amount is named in a message, built on demand.
enum AmountName<'a> {
    /// A 收支预算 cell: 科目, 资金来源·支出类型.
    Budget(&'a BudgetLine, FundSource, SpendingKind),
    /// A 经济科目 row.
    Economic(&'a EconomicLine),
    /// A project's amount: project name and column.
    Project(&'a str, &'static str),
    /// 附件3 近两年 figure: year and column.
    PriorYear(i32, &'static str),
    /// A form field with a fixed name.
    Fixed(&'static str),
}

impl std::fmt::Display for AmountName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AmountName::Budget(l, s, k) => {
                write!(f, "{} {} {}·{}", l.code, l.name, s.label(), k.label())
            }
            AmountName::Economic(l) => write!(f, "{} {}", l.code, l.name),
            AmountName::Project(name, label) => write!(f, "{} {label}", name.trim()),
            AmountName::PriorYear(year, label) => write!(f, "{year}年{label}"),
            AmountName::Fixed(label) => f.write_str(label),
        }
    }
}

/// A01–A02.
pub fn check_amounts(doc: &Document, out: &mut Vec<Finding>) {
    for (loc, m, what) in amounts(doc) {
        if m.decimals() > 2 {
            push(
                out,
                "A01",
                Severity::Error,
                format!(
                    "{what}：金额 {} 超过 2 位小数（单位：{}）",
                    m.value(),
                    doc.meta.unit.label()
                ),
                loc,
            );
        }
        // 上年结转 may be negative nowhere either; no entered amount may be.
        if m.is_negative() {
            push(
                out,
                "A02",
                Severity::Error,
                format!("{what}：金额 {} 为负数", m.value()),
                loc,
            );
        }
    }
}

/// Y03: a 类 whose 同比 change exceeds the template's threshold
/// (`change_threshold_percent`) while no reason is entered. `prior` supplies
/// the 上年 figures per line (the document's own; silent when it has none).
/// No per-类 reason field exists yet, so every large change is reported.
pub fn check_class_changes(
    doc: &Document,
    catalog: &Catalog,
    prior: &dyn crate::narrative::PriorAmounts,
    out: &mut Vec<Finding>,
) {
    let threshold = doc.meta.template.spec().change_threshold_percent;
    for (code, name, change) in crate::narrative::unexplained_changes(doc, catalog, prior, |_| None)
    {
        push(
            out,
            "Y03",
            Severity::Warning,
            format!(
                "{code} {name} 比上年{}，超过 {threshold}% 而未说明原因",
                change.words()
            ),
            Location::sheet(Sheet::Budget),
        );
    }
}

/// Y01–Y02.
pub fn check_years(doc: &Document, d: &Derived, out: &mut Vec<Finding>) {
    let t = &d.totals;
    if !t.change.is_zero()
        && !doc.other.prior_year_total.is_zero()
        && doc.other.change_reason.trim().is_empty()
    {
        push(
            out,
            "Y01",
            Severity::Warning,
            format!(
                "本年预算 {} 比上年 {} 变动 {}，未说明原因",
                t.total, doc.other.prior_year_total, t.change
            ),
            Location::field(Sheet::Other, Field::Named("change_reason")),
        );
    }
    let y = doc.meta.year;
    for (k, py) in doc.performance.prior_years.iter().enumerate() {
        let expected = y - 1 - k as i32;
        if py.year != expected {
            push(
                out,
                "Y02",
                Severity::Warning,
                format!(
                    "附件3 近两年第{}列年份为 {}，应为 {expected}",
                    k + 1,
                    py.year
                ),
                Location::field(Sheet::Performance, Field::Named("prior_years")),
            );
        }
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let ys = y.to_string();
        if !(p.start.starts_with(&ys)
            || p.end.starts_with(&ys)
            || p.start.is_empty() && p.end.is_empty())
        {
            push(
                out,
                "Y02",
                Severity::Warning,
                format!("{} 起止时间 {}-{} 不含预算年度 {y}", p.name, p.start, p.end),
                Location::field(Sheet::Project(i), Field::Named("start")),
            );
        }
    }
}
