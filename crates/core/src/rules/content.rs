//! Content rules: catalog codes (C), required content (R), indicators (P),
//! wording (W), amounts (A) and years (Y).

use super::{Finding, Rule};
use crate::catalog::{BUNDLED_EDITION, Catalog, Entry};
use crate::derive::Derived;
use crate::fonts::{Family, FontFace, Weight};
use crate::layout::Metrics;
use crate::location::{Field, FieldName, GoalTerm, IndicatorColumn, Location, Sheet};
use crate::model::{
    AdminLevel, BudgetLine, CodeLevel, Document, EconomicLine, FundSource, GlossaryEntry, GoalList,
    IndicatorText, IndicatorValue, Level1, MetaText, ProjectText, PurchaseText, SpendingKind,
    TextKey, ThreePublicItem,
};
use crate::money::Money;
use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

fn push(out: &mut Vec<Finding>, rule: Rule, message: String, location: Location) {
    out.push(Finding::new(rule, message, location));
}

/// C01–C06.
pub(crate) fn check_codes(doc: &Document, catalog: &Catalog, out: &mut Vec<Finding>) {
    let year_loc = || Location::field(Sheet::Meta, Field::Named(FieldName::Year));
    if catalog.year != doc.meta.year {
        push(
            out,
            Rule::C05,
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
            Rule::C06,
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
                Rule::C04,
                format!("{kind} {} 重复录入", r.code),
                loc(Field::Code),
            );
        }
        if r.level != Some(level) {
            push(
                out,
                Rule::C01,
                format!("{kind}编码“{}”应为{level_text}编码", r.code),
                loc(Field::Code),
            );
            continue;
        }
        let Some(e) = r.entry else {
            if ctx.complete {
                push(
                    out,
                    Rule::C01,
                    format!("{kind} {} 不在 {} 中", r.code, ctx.catalog),
                    loc(Field::Code),
                );
            } else {
                push(
                    out,
                    Rule::C03,
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
                Rule::C02,
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
/// R05: a 项目编码 carried by two projects, once per code, naming the
/// projects; the finding points at the later one's code. An empty code
/// (a document built in code) is not compared.
fn check_project_codes(doc: &Document, out: &mut Vec<Finding>) {
    let mut by_code: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, p) in doc.projects.iter().enumerate() {
        let code = p.code.trim();
        if !code.is_empty() {
            by_code.entry(code).or_default().push(i);
        }
    }
    for (code, at) in by_code {
        let [_, second, ..] = at[..] else {
            continue;
        };
        let names: Vec<String> = at
            .iter()
            .map(|&i| match doc.projects[i].name.trim() {
                "" => format!("项目{}", i + 1),
                n => format!("“{n}”"),
            })
            .collect();
        push(
            out,
            Rule::R05,
            format!(
                "项目编码 {code} 同时用于 {} 个项目：{}；请为每个项目填写各自的编码",
                at.len(),
                names.join("、")
            ),
            Location::field(Sheet::Project(second), Field::Named(FieldName::Code)),
        );
    }
}

pub(crate) fn check_required(doc: &Document, out: &mut Vec<Finding>) {
    let m = &doc.meta;
    for (value, name, field) in [
        (m.dept_name.as_str(), "部门名称", FieldName::DeptName),
        (m.preparer.as_str(), "填报人", FieldName::Preparer),
        (m.phone.as_str(), "联系电话", FieldName::Phone),
        (m.dept_code.as_str(), "主管部门编码", FieldName::DeptCode),
    ] {
        if value.trim().is_empty() {
            push(
                out,
                Rule::R01,
                format!("未填写{name}"),
                Location::field(Sheet::Meta, Field::Named(field)),
            );
        }
    }
    if !(2000..=2100).contains(&m.year) {
        push(
            out,
            Rule::R01,
            format!("预算年度“{}”无效", m.year),
            Location::field(Sheet::Meta, Field::Named(FieldName::Year)),
        );
    }
    check_project_codes(doc, out);
    for (i, p) in doc.projects.iter().enumerate() {
        let loc = |f| Location::field(Sheet::Project(i), Field::Named(f));
        let who = if p.name.trim().is_empty() {
            format!("项目{}", i + 1)
        } else {
            p.name.clone()
        };
        for (v, n, f) in [
            (&p.name, "项目名称", FieldName::Name),
            (&p.midterm_goal, "中期目标", FieldName::MidtermGoal),
            (&p.annual_goal, "年度目标", FieldName::AnnualGoal),
        ] {
            if v.trim().is_empty() {
                push(out, Rule::R02, format!("{who} 未填写{n}"), loc(f));
            }
        }
        // 产出指标 are what a project is checked against; a missing 效益指标
        // is a weakness the published seed itself has, so only a warning
        // (R04's severity).
        for (l1, rule) in [(Level1::Output, Rule::R02), (Level1::Benefit, Rule::R04)] {
            if !p.indicators.iter().any(|x| x.level1 == Some(l1)) {
                push(
                    out,
                    rule,
                    format!("{who} 没有{}", l1.label()),
                    loc(FieldName::Indicators),
                );
            }
        }
    }
    let perf = &doc.performance;
    let form = super::dept_form(doc);
    let checks = [
        (
            doc.overview.functions.is_empty(),
            "第一部分 未填写部门主要职能".to_string(),
            Location::field(Sheet::Overview, Field::Named(FieldName::Functions)),
        ),
        (
            doc.overview.units.is_empty(),
            "第一部分 未填写预算单位构成".to_string(),
            Location::field(Sheet::Overview, Field::Named(FieldName::Units)),
        ),
        (
            doc.overview.staffing.authorized_total() == 0,
            "第一部分 未填写编制人数".to_string(),
            Location::field(Sheet::Overview, Field::Named(FieldName::Staffing)),
        ),
        (
            perf.annual_tasks.is_empty(),
            format!("{form} 未填写年度工作任务"),
            Location::field(Sheet::Performance, Field::Named(FieldName::AnnualTasks)),
        ),
        (
            perf.long_term_goals.is_empty(),
            format!("{form} 未填写长期目标"),
            Location::field(Sheet::Performance, Field::Named(FieldName::LongTermGoals)),
        ),
        (
            perf.annual_goals.is_empty(),
            format!("{form} 未填写年度目标"),
            Location::field(Sheet::Performance, Field::Named(FieldName::AnnualGoals)),
        ),
    ];
    for (missing, msg, loc) in checks {
        if missing {
            push(out, Rule::R03, msg, loc);
        }
    }
}

/// P01–P02 over 附件3 goals and project indicator tables.
pub(crate) fn check_indicators(doc: &Document, out: &mut Vec<Finding>) {
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
                Rule::P02,
                format!("{whose} {which}未选一级指标"),
                cell(IndicatorColumn::Level1),
            ),
            Some(l1) if level2.trim().is_empty() => push(
                out,
                Rule::P01,
                format!(
                    "{whose} {which}未填二级指标（{}可选：{}）",
                    l1.label(),
                    l1.allowed_level2().join("、")
                ),
                cell(IndicatorColumn::Level2),
            ),
            Some(l1) if !l1.allowed_level2().contains(&level2.trim()) => push(
                out,
                Rule::P01,
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
                Rule::P02,
                format!("{whose} 第{}行指标未填写名称", row + 1),
                cell(IndicatorColumn::Name),
            );
        }
        if empty_value {
            push(
                out,
                Rule::P02,
                format!("{whose} {which}未填写指标值"),
                cell(IndicatorColumn::Value),
            );
        }
    };
    let form = super::dept_form(doc);
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
                let whose = format!("{form} {list}“{}”", goal.title.trim());
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

/// One entered piece of a [`Text`].
#[derive(Clone, Copy)]
enum Piece<'a> {
    Str(&'a str),
    Value(&'a IndicatorValue),
}

impl<'a> Piece<'a> {
    /// The entered strings of the piece: a 指标值's comparator and unit
    /// (its number is ASCII digits, which no wording rule concerns), else
    /// the text. No rule's pattern spans two of them.
    fn strs(self) -> [&'a str; 2] {
        match self {
            Piece::Str(s) => [s, ""],
            Piece::Value(IndicatorValue::Text(s)) => [s.as_str(), ""],
            Piece::Value(IndicatorValue::Numeric { cmp, unit, .. }) => [cmp.sign(), unit],
        }
    }
}

impl fmt::Display for Piece<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Piece::Str(s) => f.write_str(s),
            Piece::Value(v) => v.fmt(f),
        }
    }
}

/// A free text of the document and where it lives: one entered string, or
/// an indicator's 名称 and 指标值 read as one text (one finding per
/// indicator row), kept in pieces so that nothing is formatted unless a
/// rule reports it.
struct Text<'a> {
    loc: Location,
    pieces: [Piece<'a>; 3],
    /// How many of `pieces` are used.
    n: usize,
}

impl<'a> Text<'a> {
    fn one(loc: Location, s: &'a str) -> Self {
        Self::of(loc, [Piece::Str(s), Piece::Str(""), Piece::Str("")], 1)
    }
    fn of(loc: Location, pieces: [Piece<'a>; 3], n: usize) -> Self {
        Text { loc, pieces, n }
    }
    fn pieces(&self) -> &[Piece<'a>] {
        &self.pieces[..self.n]
    }
    /// The entered strings, for the rules.
    fn strs(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.pieces()
            .iter()
            .flat_map(|p| p.strs())
            .filter(|s| !s.is_empty())
    }
    /// The text as a message quotes it (pieces joined by a space).
    fn joined(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.pieces().iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{p}");
        }
        out
    }
}

/// Every free text of the document with where it lives.
fn texts(doc: &Document) -> Vec<Text<'_>> {
    let mut v = Vec::new();
    let named = |s, f| Location::field(s, Field::Named(f));
    let (m, o) = (&doc.meta, &doc.other);
    for (f, t) in [
        (FieldName::DeptName, &m.dept_name),
        (FieldName::DeptFullName, &m.dept_full_name),
    ] {
        v.push(Text::one(named(Sheet::Meta, f), t));
    }
    for (i, f) in doc.overview.functions.iter().enumerate() {
        v.push(Text::one(
            Location::cell(Sheet::Overview, i, Field::Named(FieldName::Functions)),
            f,
        ));
    }
    for (i, u) in doc.overview.units.iter().enumerate() {
        v.push(Text::one(
            Location::cell(Sheet::Overview, i, Field::Named(FieldName::UnitName)),
            &u.name,
        ));
    }
    for (i, f) in doc
        .performance
        .functions_summary
        .iter()
        .chain(&doc.performance.annual_tasks)
        .enumerate()
    {
        v.push(Text::one(
            Location::cell(Sheet::Performance, i, Field::Named(FieldName::AnnualTasks)),
            f,
        ));
    }
    for (term, goals) in [
        (GoalTerm::LongTerm, &doc.performance.long_term_goals),
        (GoalTerm::Annual, &doc.performance.annual_goals),
    ] {
        for (g, goal) in goals.iter().enumerate() {
            v.push(Text::one(
                Location::cell(Sheet::Performance, g, Field::GoalTitle(term)),
                &goal.title,
            ));
            for (r, x) in goal.indicators.iter().enumerate() {
                let f = Field::Indicator {
                    goal: Some((term, g)),
                    column: IndicatorColumn::Name,
                };
                v.push(Text::of(
                    Location::cell(Sheet::Performance, r, f),
                    [
                        Piece::Str(&x.name),
                        Piece::Value(&x.value),
                        Piece::Str(&x.standard),
                    ],
                    3,
                ));
            }
        }
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let s = Sheet::Project(i);
        for (f, t) in [
            (FieldName::Name, &p.name),
            (FieldName::ImplementingUnit, &p.implementing_unit),
            (FieldName::Purpose, &p.purpose),
            (FieldName::MidtermGoal, &p.midterm_goal),
            (FieldName::AnnualGoal, &p.annual_goal),
        ] {
            v.push(Text::one(named(s, f), t));
        }
        for (r, x) in p.indicators.iter().enumerate() {
            let f = Field::Indicator {
                goal: None,
                column: IndicatorColumn::Name,
            };
            v.push(Text::of(
                Location::cell(s, r, f),
                [
                    Piece::Str(&x.name),
                    Piece::Value(&x.long_term),
                    Piece::Value(&x.annual),
                ],
                3,
            ));
        }
    }
    for (f, t) in [
        (FieldName::ChangeReason, &o.change_reason),
        (FieldName::AssetsNote, &o.assets_note),
    ] {
        v.push(Text::one(named(Sheet::Other, f), t));
    }
    for (i, g) in doc.glossary.iter().enumerate() {
        if let GlossaryEntry::Term { term, text } = g {
            v.push(Text::of(
                Location::row(Sheet::Glossary, i),
                [Piece::Str(term), Piece::Str(text), Piece::Str("")],
                2,
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

/// Placeholders and template residue in any document (W01): the one list.
/// Longer forms stand before the shorter ones they contain, so that the
/// finding names what was typed (“XXX”, not “XX”). `{` stands for any
/// `{…}` left from a template (`{单位}`); the finding quotes it whole.
const RESIDUE: [&str; 22] = [
    "XXX",
    "xxx",
    "XX",
    "xx",
    "ＸＸ",
    "Ｘ",
    "ｘｘ",
    "××",
    "某某",
    "○○",
    "〇〇",
    "待定",
    "待填写",
    "请填写",
    "此处填写",
    "（单位名称）",
    "（略）",
    "(略)",
    "TBD",
    "tbd",
    "{",
    "｛",
];

/// What W01 quotes for residue pattern `p` found in `text`: the pattern,
/// or for a brace the whole `{…}` (at most 16 characters).
fn residue_shown(p: &str, text: &str) -> String {
    let close = match p {
        "{" => '}',
        "｛" => '｝',
        _ => return p.to_string(),
    };
    let Some(at) = text.find(p) else {
        return p.to_string();
    };
    let mut shown = String::new();
    for c in text[at..].chars().take(16) {
        shown.push(c);
        if c == close {
            break;
        }
    }
    shown
}

/// Residue of another administrative level's template (W01).
fn foreign_levels(level: AdminLevel) -> [&'static str; 4] {
    match level {
        AdminLevel::District => ["市直部门", "市级财政", "省直部门", "省级财政"],
        AdminLevel::City => ["省直部门", "省级财政", "区直部门", "区级财政"],
        AdminLevel::Province => ["市直部门", "市级财政", "区直部门", "区级财政"],
    }
}

/// The phrases W01 and W04 look for: the other entity's self-reference
/// (本部门/本单位) is pattern 0, residue follows in the order W01 prefers
/// when several occur.
struct Phrases {
    /// Each pattern with its first character.
    patterns: Vec<(char, String)>,
    /// A 256-bit filter of the first characters: the character scan tries
    /// the patterns only where one may start (a few percent of characters).
    starts: [u64; 4],
}

/// The filter bit of a character.
fn start_bit(c: char) -> (usize, u32) {
    let h = (c as u32).wrapping_mul(0x9e37_79b9) >> 24;
    ((h >> 6) as usize, h & 63)
}

impl Phrases {
    fn new(doc: &Document) -> Self {
        let mut texts = vec![format!("本{}", doc.meta.entity.other().word())];
        texts.extend(RESIDUE.iter().map(|p| (*p).to_string()));
        texts.extend(foreign_levels(doc.meta.admin_level).map(str::to_string));
        let mut starts = [0u64; 4];
        let patterns = texts
            .into_iter()
            .filter_map(|p| {
                let first = p.chars().next()?;
                let (word, bit) = start_bit(first);
                starts[word] |= 1 << bit;
                Some((first, p))
            })
            .collect();
        Phrases { patterns, starts }
    }

    /// The pattern at index `i` (empty if there is none).
    fn pattern(&self, i: usize) -> &str {
        self.patterns.get(i).map_or("", |(_, p)| p.as_str())
    }

    /// Bits of the patterns that occur in `text` at byte `at`, where `c`
    /// starts.
    fn at(&self, text: &str, at: usize, c: char) -> u32 {
        let (word, bit) = start_bit(c);
        if self.starts[word] >> bit & 1 == 0 {
            return 0;
        }
        let rest = &text[at..];
        self.patterns
            .iter()
            .enumerate()
            .filter(|(_, (first, p))| {
                *first == c && rest.starts_with(p.as_str()) && stands_alone(text, at, p)
            })
            .fold(0, |bits, (i, _)| bits | 1 << i)
    }
}

/// Whether residue `p` found at byte `at` of `text` is a placeholder, not
/// part of a word: a Latin one (`xx`, `TBD`) not inside a Latin word or
/// address (`www.xxgk.gov.cn`, 信息公开's usual path), a full-width `Ｘ`
/// not the one of `Ｘ光`/`Ｘ射线`. Other patterns always are.
fn stands_alone(text: &str, at: usize, p: &str) -> bool {
    let next = text[at + p.len()..].chars().next();
    if p == "Ｘ" {
        return !matches!(next, Some('光' | '射'));
    }
    if !p.bytes().all(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    // A run of the same letter (`XXXX`) is still one placeholder.
    let first = p.chars().next().unwrap_or('x');
    let apart = |c: Option<char>| {
        c.is_none_or(|c| !c.is_ascii_alphanumeric() || c.eq_ignore_ascii_case(&first))
    };
    apart(text[..at].chars().next_back()) && apart(next)
}

/// What one pass over a text's characters finds for W01–W04.
#[derive(Default)]
struct CharScan {
    /// Bit i set when [`Phrases`] pattern i occurs.
    phrases: u32,
    /// Half-width punctuation between two CJK characters (first one).
    half_width: Option<char>,
    /// （） 《》 “” opened minus closed.
    balance: [i64; 3],
}

const PAIRS: [(char, char); 3] = [('（', '）'), ('《', '》'), ('“', '”')];

impl CharScan {
    /// Scans one entered string (no pattern or punctuation rule spans two).
    fn scan(&mut self, part: &str, phrases: &Phrases) {
        let (mut p0, mut p1) = (' ', ' ');
        for (at, c) in part.char_indices() {
            self.phrases |= phrases.at(part, at, c);
            if !c.is_ascii() {
                // Most characters are ideographs: CJK, never hidden, space
                // or a bracket; the other tests are for the rest.
                let ideograph = ('\u{4e00}'..='\u{9fff}').contains(&c);
                if self.half_width.is_none()
                    && matches!(p1, ',' | ';' | ':' | '?' | '!')
                    && is_cjk(p0)
                    && (ideograph || is_cjk(c))
                {
                    self.half_width = Some(p1);
                }
                if !ideograph {
                    for (i, (open, close)) in PAIRS.iter().enumerate() {
                        if c == *open {
                            self.balance[i] += 1;
                        } else if c == *close {
                            self.balance[i] -= 1;
                        }
                    }
                }
            }
            (p0, p1) = (p1, c);
        }
    }
}

/// W01–W04.
pub(crate) fn check_text(doc: &Document, out: &mut Vec<Finding>) {
    let own = format!("本{}", doc.meta.entity.word());
    let phrases = Phrases::new(doc);
    for t in texts(doc) {
        let mut chars = CharScan::default();
        for part in t.strs() {
            chars.scan(part, &phrases);
        }
        let found = chars.phrases;
        let clean = found == 0 && chars.half_width.is_none() && chars.balance == [0; 3];
        if clean {
            continue;
        }
        let text = t.joined();
        let loc = t.loc;
        if found & 1 != 0 {
            let other = phrases.pattern(0);
            push(
                out,
                Rule::W04,
                format!(
                    "“{}”写作“{other}”，本文件是{}预算，应为“{own}”",
                    excerpt(&text),
                    doc.meta.entity.word()
                ),
                loc,
            );
        }
        if found >> 1 != 0 {
            let p = phrases.pattern((found >> 1).trailing_zeros() as usize + 1);
            let shown = residue_shown(p, &text);
            push(
                out,
                Rule::W01,
                format!("“{}”含模板残留或占位内容“{shown}”", excerpt(&text)),
                loc,
            );
        }
        if let Some(p) = chars.half_width {
            push(
                out,
                Rule::W02,
                format!("“{}”中文之间使用了半角标点“{p}”", excerpt(&text)),
                loc,
            );
        }
        for ((open, close), balance) in PAIRS.iter().zip(chars.balance) {
            if balance != 0 {
                push(
                    out,
                    Rule::W02,
                    format!("“{}”中{open}{close}不配对", excerpt(&text)),
                    loc,
                );
            }
        }
    }
    check_hidden(doc, out);
}

/// W03 over every text of the document ([`Document::for_each_text`]: names,
/// codes, 填报人, 电话, paragraphs, indicator texts, 审阅意见 …): a control
/// character, a bidi override or another invisible character, else (in a
/// printed text) a character the print font has no glyph for. The message
/// names the field in Chinese.
fn check_hidden(doc: &Document, out: &mut Vec<Finding>) {
    let metrics = Metrics::shared();
    let face = FontFace::new(Family::Serif, Weight::Regular);
    doc.for_each_text(|key, text| {
        let mut unprintable = None;
        let mut hidden = None;
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_control() && c != '\n' && c != '\t' {
                    hidden = Some(c);
                    break;
                }
                continue;
            }
            // Most characters are ideographs: never hidden.
            let ideograph = ('\u{4e00}'..='\u{9fff}').contains(&c);
            if !ideograph && crate::text::is_hidden(c) {
                hidden = Some(c);
                break;
            }
            if unprintable.is_none()
                && key.is_printed()
                && (ideograph || !c.is_whitespace())
                && !metrics.has_glyph(face, c)
            {
                unprintable = Some(c);
            }
        }
        let message = match (hidden, unprintable) {
            (Some(c), _) => format!(
                "{}“{}”含不可见的控制字符 U+{:04X}",
                key.label(),
                excerpt(text),
                c as u32
            ),
            (None, Some(c)) => format!(
                "{}“{}”中的字符“{c}”（U+{:04X}）字体无法显示，打印时会成为空框",
                key.label(),
                excerpt(text),
                c as u32
            ),
            (None, None) => return,
        };
        push(out, Rule::W03, message, text_location(doc, key));
    });
}

/// Where the app edits the text `key` names.
pub fn text_location(doc: &Document, key: TextKey) -> Location {
    let named = |s, f| Location::field(s, Field::Named(f));
    let term = |l: GoalList| match l {
        GoalList::LongTerm => GoalTerm::LongTerm,
        GoalList::Annual => GoalTerm::Annual,
    };
    let column = |c: IndicatorText| match c {
        IndicatorText::Level2 => IndicatorColumn::Level2,
        IndicatorText::Name => IndicatorColumn::Name,
        IndicatorText::Value | IndicatorText::LongTerm => IndicatorColumn::Value,
        IndicatorText::Annual => IndicatorColumn::AnnualValue,
        IndicatorText::Standard => IndicatorColumn::Standard,
        IndicatorText::Prior(k) => IndicatorColumn::Prior(k),
    };
    match key {
        TextKey::Meta(m) => match m {
            MetaText::DeptName => named(Sheet::Meta, FieldName::DeptName),
            MetaText::DeptFullName => named(Sheet::Meta, FieldName::DeptFullName),
            MetaText::DeptCode => named(Sheet::Meta, FieldName::DeptCode),
            MetaText::Preparer => named(Sheet::Meta, FieldName::Preparer),
            MetaText::Phone => named(Sheet::Meta, FieldName::Phone),
            MetaText::CatalogEdition => Location::sheet(Sheet::Meta),
        },
        TextKey::Function(n) => {
            Location::cell(Sheet::Overview, n, Field::Named(FieldName::Functions))
        }
        TextKey::UnitName(n) => {
            Location::cell(Sheet::Overview, n, Field::Named(FieldName::UnitName))
        }
        TextKey::BudgetCode(n) => Location::cell(Sheet::Budget, n, Field::Code),
        TextKey::BudgetName(n) => Location::cell(Sheet::Budget, n, Field::Name),
        TextKey::EconomicCode(n) => Location::cell(Sheet::Economic, n, Field::Code),
        TextKey::EconomicName(n) => Location::cell(Sheet::Economic, n, Field::Name),
        TextKey::Project(n, f) => named(
            Sheet::Project(n),
            match f {
                ProjectText::Name => FieldName::Name,
                ProjectText::ImplementingUnit => FieldName::ImplementingUnit,
                ProjectText::Start => FieldName::Start,
                ProjectText::End => FieldName::End,
                ProjectText::Purpose => FieldName::Purpose,
                ProjectText::MidtermGoal => FieldName::MidtermGoal,
                ProjectText::AnnualGoal => FieldName::AnnualGoal,
            },
        ),
        TextKey::ProjectIndicator(n, r, c) => Location::cell(
            Sheet::Project(n),
            r,
            Field::Indicator {
                goal: None,
                column: column(c),
            },
        ),
        TextKey::FunctionsSummary(n) => Location::cell(
            Sheet::Performance,
            n,
            Field::Named(FieldName::FunctionsSummary),
        ),
        TextKey::AnnualTask(n) => {
            Location::cell(Sheet::Performance, n, Field::Named(FieldName::AnnualTasks))
        }
        TextKey::GoalTitle(l, n) => {
            Location::cell(Sheet::Performance, n, Field::GoalTitle(term(l)))
        }
        TextKey::GoalIndicator(l, n, r, c) => Location::cell(
            Sheet::Performance,
            r,
            Field::Indicator {
                goal: Some((term(l), n)),
                column: column(c),
            },
        ),
        TextKey::ChangeReason => named(Sheet::Other, FieldName::ChangeReason),
        TextKey::AssetsNote => named(Sheet::Other, FieldName::AssetsNote),
        TextKey::GlossaryTerm(n) | TextKey::GlossaryText(n) => Location::row(Sheet::Glossary, n),
        TextKey::Comment(n, _) | TextKey::Reply(n, ..) => doc
            .review
            .comments
            .get(n)
            .and_then(|c| c.location(doc))
            .unwrap_or(Location::sheet(Sheet::Meta)),
        TextKey::MergedFrom(..) => Location::sheet(Sheet::Meta),
        TextKey::Procurement(n, t) | TextKey::PurchasedService(n, t) => {
            let sheet = match key {
                TextKey::Procurement(..) => Sheet::Procurement,
                _ => Sheet::PurchasedServices,
            };
            let field = match t {
                PurchaseText::Name => Field::Name,
                PurchaseText::Code => Field::Code,
                PurchaseText::Category => Field::Category,
            };
            Location::cell(sheet, n, field)
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

/// Every entered amount, 上年 figures included, with where it is and how to
/// name it in a message (the 科目 and column, or the field): the fields are
/// those of [`Document::for_each_amount`]. The name is built only for an
/// amount a rule reports: this runs after every edit over every amount.
fn amounts(doc: &Document) -> Vec<(Location, Money, AmountName<'_>)> {
    use crate::model::{AmountKey as K, PriorYearItem, ProcurementKind};
    let mut v = Vec::new();
    let three = |i: ThreePublicItem| FieldName::of_three_public(i, false);
    doc.for_each_amount(|k, m| {
        let (loc, name) = match k {
            K::Budget(i, s, kind) | K::BudgetPrior(i, s, kind) => {
                let Some(l) = doc.budget_lines.get(i) else {
                    return;
                };
                let prior = matches!(k, K::BudgetPrior(..));
                let field = if prior {
                    Field::PriorAmount(s, kind)
                } else {
                    Field::Amount(s, kind)
                };
                (
                    Location::cell(Sheet::Budget, i, field),
                    AmountName::Budget(l, s, kind, prior),
                )
            }
            K::Economic(i) | K::EconomicPrior(i) => {
                let Some(l) = doc.basic_by_economic.get(i) else {
                    return;
                };
                let prior = matches!(k, K::EconomicPrior(_));
                let field = if prior {
                    Field::PriorValue
                } else {
                    Field::Value
                };
                (
                    Location::cell(Sheet::Economic, i, field),
                    AmountName::Economic(l, prior),
                )
            }
            K::ThreePublic(i) => (
                Location::field(Sheet::ThreePublic, Field::Named(three(i))),
                AmountName::Fixed("", i.label()),
            ),
            K::PriorThreePublic(i) => (
                Location::sheet(Sheet::ThreePublic),
                AmountName::Fixed("上年", i.label()),
            ),
            K::GovFundThreePublic(i) => (
                Location::field(
                    Sheet::ThreePublic,
                    Field::Named(FieldName::of_three_public(i, true)),
                ),
                AmountName::Fixed("政府性基金", i.label()),
            ),
            K::Project(i, source) => {
                let Some(p) = doc.projects.get(i) else {
                    return;
                };
                (
                    Location::field(
                        Sheet::Project(i),
                        Field::Amount(source, crate::model::SpendingKind::Project),
                    ),
                    AmountName::Project(&p.name, source.label()),
                )
            }
            K::PriorYear(i, item) => {
                let year = doc.performance.prior_years.get(i).map_or(0, |y| y.year);
                let label = match item {
                    PriorYearItem::IncomeFiscal => "收入 财政拨款",
                    PriorYearItem::IncomeOther => "收入 其他资金",
                    PriorYearItem::SpendingBasic => "支出 基本支出",
                    PriorYearItem::SpendingProject => "支出 项目支出",
                };
                (
                    Location::field(Sheet::Performance, Field::Named(FieldName::PriorYears)),
                    AmountName::PriorYear(year, label),
                )
            }
            K::PriorYearTotal => (
                Location::field(Sheet::Other, Field::Named(FieldName::PriorYearTotal)),
                AmountName::Fixed("", "上年预算总额"),
            ),
            K::Procurement(kind) => {
                let (f, label) = match kind {
                    ProcurementKind::Goods => (FieldName::ProcurementGoods, "政府采购 货物类"),
                    ProcurementKind::Works => (FieldName::ProcurementWorks, "政府采购 工程类"),
                    ProcurementKind::Services => {
                        (FieldName::ProcurementServices, "政府采购 服务类")
                    }
                };
                (
                    Location::field(Sheet::Other, Field::Named(f)),
                    AmountName::Fixed("", label),
                )
            }
            K::ProcurementItem(i) => {
                let Some(p) = doc.procurement.get(i) else {
                    return;
                };
                (
                    Location::cell(Sheet::Procurement, i, Field::Value),
                    AmountName::Project(&p.name, "政府采购"),
                )
            }
            K::Cross(i, kind) => {
                let Some(r) = doc.fiscal_by_economic.get(i) else {
                    return;
                };
                (
                    Location::cell(Sheet::FiscalByEconomic, i, Field::Part(kind)),
                    AmountName::Project(r.code.as_str(), kind.label()),
                )
            }
            // Copies of the units' own figures, checked in their files;
            // X13 holds their sum to this document's.
            K::MergedUnit(..) => return,
            K::PurchasedService(i) => {
                let Some(p) = doc.purchased_services.get(i) else {
                    return;
                };
                (
                    Location::cell(Sheet::PurchasedServices, i, Field::Value),
                    AmountName::Project(&p.name, "政府购买服务"),
                )
            }
        };
        v.push((loc, m, name));
    });
    v
}

/// How an amount is named in a message, built on demand.
enum AmountName<'a> {
    /// A 收支预算 cell: 科目, 资金来源·支出类型, whether its 上年.
    Budget(&'a BudgetLine, FundSource, SpendingKind, bool),
    /// A 经济科目 row, whether its 上年.
    Economic(&'a EconomicLine, bool),
    /// A project's amount: project name and column.
    Project(&'a str, &'static str),
    /// 附件3 近两年 figure: year and column.
    PriorYear(i32, &'static str),
    /// A form field with a fixed name, after a prefix (`上年`).
    Fixed(&'static str, &'static str),
}

/// `（上年）` after the name of a 上年 figure.
fn prior_mark(prior: bool) -> &'static str {
    if prior { "（上年）" } else { "" }
}

impl std::fmt::Display for AmountName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AmountName::Budget(l, s, k, prior) => {
                write!(
                    f,
                    "{} {} {}·{}{}",
                    l.code,
                    l.name,
                    s.label(),
                    k.label(),
                    prior_mark(*prior)
                )
            }
            AmountName::Economic(l, prior) => {
                write!(f, "{} {}{}", l.code, l.name, prior_mark(*prior))
            }
            AmountName::Project(name, label) => write!(f, "{} {label}", name.trim()),
            AmountName::PriorYear(year, label) => write!(f, "{year}年{label}"),
            AmountName::Fixed(prefix, label) => write!(f, "{prefix}{label}"),
        }
    }
}

/// A01–A02.
pub(crate) fn check_amounts(doc: &Document, out: &mut Vec<Finding>) {
    for (loc, m, what) in amounts(doc) {
        if m.decimals() > 2 {
            push(
                out,
                Rule::A01,
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
                Rule::A02,
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
pub(crate) fn check_class_changes(
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
            Rule::Y03,
            format!(
                "{code} {name} 比上年{}，超过 {threshold}% 而未说明原因",
                change.words()
            ),
            Location::sheet(Sheet::Budget),
        );
    }
}

/// Y01–Y02.
pub(crate) fn check_years(doc: &Document, d: &Derived, out: &mut Vec<Finding>) {
    let t = &d.totals;
    let fig = super::Figures::of(doc);
    if !t.change.is_zero() && !t.prior.is_zero() && doc.other.change_reason.trim().is_empty() {
        push(
            out,
            Rule::Y01,
            format!(
                "本年预算 {} 比上年 {} 变动 {}，未说明原因",
                fig.m(t.total),
                fig.m(t.prior),
                fig.m(t.change)
            ),
            Location::field(Sheet::Other, Field::Named(FieldName::ChangeReason)),
        );
    }
    let y = doc.meta.year;
    let form = super::dept_form(doc);
    for (k, py) in doc.performance.prior_years.iter().enumerate() {
        let expected = y - 1 - k as i32;
        if py.year != expected {
            push(
                out,
                Rule::Y02,
                format!(
                    "{form} 近两年第{}列年份为 {}，应为 {expected}",
                    k + 1,
                    py.year
                ),
                Location::field(Sheet::Performance, Field::Named(FieldName::PriorYears)),
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
                Rule::Y02,
                format!("{} 起止时间 {}-{} 不含预算年度 {y}", p.name, p.start, p.end),
                Location::field(Sheet::Project(i), Field::Named(FieldName::Start)),
            );
        }
    }
}
