//! One template edition as data: its outline (parts, cover, captions) and
//! its tables and sections.

use super::check::{Problem, placeholders, valid_id};
use super::edition::{Change, section_id, table_id};
use super::query::Form;
use super::sections::SectionSpec;
use super::tables::TableSpec;
use crate::model::{Entity, Meta, MoneyUnit};
use serde::Deserialize;

/// One template edition as data.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSpec {
    /// Identifier files and the command line use, e.g. `Wuhan2021`.
    #[serde(default)]
    pub id: String,
    /// Chinese name, e.g. 武汉 2021.
    pub name: String,
    /// The edition as the template names it, e.g. `2026 版`.
    #[serde(default)]
    pub edition: Option<String>,
    /// Region the template is published for, e.g. 北京市.
    #[serde(default)]
    pub region: Option<String>,
    /// Budget year the template is for.
    #[serde(default)]
    pub year: Option<i32>,
    /// The template this edition changes (its id); after resolving, the
    /// template it was derived from.
    #[serde(default)]
    pub extends: Option<String>,
    /// What this edition changes in the template it extends.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Where the edition's facts come from and what is inferred.
    #[serde(default)]
    pub provenance: Vec<String>,
    /// Second cover line, e.g. `{year}年{entity}预算`.
    #[serde(default)]
    pub cover: String,
    /// Heading of the contents page.
    #[serde(default)]
    pub toc_title: String,
    /// Caption of a table, e.g. `表{n}.{name}{year}年{title}`.
    #[serde(default)]
    pub table_caption: String,
    /// Line printed in the 第二部分 list of tables, e.g. the caption again.
    #[serde(default)]
    pub table_list: bool,
    /// The 目录 line of each table, under the tables part's line, e.g.
    /// `{n}. {year}年{title}` (上海); `None` lists no table there.
    #[serde(default)]
    pub toc_tables: Option<String>,
    /// The line above each table on the left, e.g. `编制部门：{name}`
    /// (上海); `None` prints `{entity}名称：{name}`.
    #[serde(default)]
    pub dept_line: Option<String>,
    /// The document's parts, in printed order.
    #[serde(default)]
    pub parts: Vec<PartSpec>,
    /// The published tables and forms, in printed order.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
    /// Unit a new document in this edition is entered in (新建's default).
    #[serde(default)]
    pub entry_unit: MoneyUnit,
    /// Unit of the figures in the text; `None` = the document's unit.
    #[serde(default)]
    pub text_unit: Option<MoneyUnit>,
    /// Decimals of the figures in the text.
    #[serde(default = "two")]
    pub text_decimals: u32,
    /// Thousands separators in the text's figures (`1,790.19万元`); `None`
    /// = as the tables print them (grouped when any table groups).
    #[serde(default)]
    pub text_grouping: Option<bool>,
    /// A 同比 change per 类 larger than this (percent) needs a reason.
    #[serde(default = "thirty")]
    pub change_threshold_percent: u32,
}

fn two() -> u32 {
    2
}
fn thirty() -> u32 {
    30
}

/// A part of the document.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartSpec {
    /// What the part holds.
    pub kind: PartKind,
    /// Heading, with `{name}`, `{year}`, `{entity}` filled in.
    pub heading: String,
    /// Its text sections, in order: what a [`PartKind::Narrative`] part
    /// prints; in an [`PartKind::Overview`] or [`PartKind::Glossary`] part
    /// they replace the program's wording (四川's two-section 概况, a
    /// 名词解释 numbered as the region does). Tables and forms take none.
    #[serde(default)]
    pub sections: Vec<SectionSpec>,
}

impl PartSpec {
    /// True when the part prints text sections written in the template
    /// (see [`TemplateSpec::text_parts`]).
    pub fn is_text(&self) -> bool {
        match self.kind {
            PartKind::Narrative => true,
            PartKind::Overview | PartKind::Glossary => !self.sections.is_empty(),
            PartKind::Tables | PartKind::Forms => false,
        }
    }
}

/// What a part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum PartKind {
    /// 概况: 主要职能, 预算单位构成, 人员构成.
    Overview,
    /// The data tables ([`TableSpec`]s that are tables).
    Tables,
    /// The 绩效 forms ([`Form::DeptPerformance`], [`Form::ProjectPerformance`]).
    Forms,
    /// Generated text sections.
    Narrative,
    /// 名词解释.
    Glossary,
}

/// Fills `{name}`, `{year}` (`{prior_year}` the year before), `{entity}`, `{n}` (`{n_cn}` in Chinese: 十二) and `{title}` in
/// a template text.
pub fn fill(pattern: &str, name: &str, year: i32, entity: Entity, n: u8, title: &str) -> String {
    pattern
        .replace("{name}", name)
        .replace("{prior_year}", &(year - 1).to_string())
        .replace("{year}", &year.to_string())
        .replace("{entity}", entity.word())
        .replace("{n}", &n.to_string())
        // 湖南 numbers its tables 一、二、…: the number in Chinese.
        .replace("{n_cn}", &crate::numerals::chinese_number(usize::from(n)))
        .replace("{title}", title)
}

impl TemplateSpec {
    /// The parts that print text sections written in the template, in
    /// order: the 情况说明 parts, and a 概况 or 名词解释 part given its own
    /// sections. The text's sections are numbered within each.
    pub fn text_parts(&self) -> impl Iterator<Item = &PartSpec> {
        self.parts.iter().filter(|p| p.is_text())
    }

    /// True when a table prints the "三公" paid from 政府性基金预算 (alone
    /// or in the 财政拨款 one): the app then asks for it.
    pub fn prints_gov_fund_three_public(&self) -> bool {
        use super::query::{Query, ThreePublicFund};
        self.tables
            .iter()
            .any(|t| matches!(&t.query, Query::Row(r) if r.fund != ThreePublicFund::GeneralBudget))
    }

    /// The data tables, in printed order.
    pub fn data_tables(&self) -> impl Iterator<Item = &TableSpec> {
        self.tables.iter().filter(|t| !t.query.is_form())
    }

    /// The forms (附件3, 表10), in printed order.
    pub fn forms(&self) -> impl Iterator<Item = &TableSpec> {
        self.tables.iter().filter(|t| t.query.is_form())
    }

    /// The form of `kind`, if the template publishes it.
    pub fn form(&self, form: Form) -> Option<&TableSpec> {
        self.tables
            .iter()
            .find(|t| t.query == super::query::Query::Form(form))
    }

    /// How the document's text names `form`: as the template numbers it
    /// (`附件3` in 武汉 2021, `表9` in 湖南 2025, `表11` in 武汉 2022), or
    /// by its generic name where the template does not print it.
    pub fn form_name(&self, form: Form) -> String {
        match self.form(form) {
            Some(ts) => ts.short_name(),
            None => Printed::of(form).label().to_string(),
        }
    }

    /// How the document names its table `number` (the template's own
    /// numbering, see [`TableSpec::short_name`]): `公开表2-1` in 四川,
    /// `表5` where the caption prints no number of its own.
    pub fn table_name(&self, number: u8) -> String {
        self.tables
            .iter()
            .find(|t| t.number == number)
            .map_or_else(|| format!("表{number}"), TableSpec::short_name)
    }

    /// The line above table `number` on the left, in the PDF and the
    /// workbook: the template's `dept_line`, else `部门名称：…`.
    pub fn dept_line(&self, meta: &Meta, number: u8) -> String {
        let pattern = self.dept_line.as_deref().unwrap_or("{entity}名称：{name}");
        fill(pattern, &meta.dept_name, meta.year, meta.entity, number, "")
    }

    /// The form's number and title as the template prints them, for the
    /// side panel and the page heading (`表9 整体支出绩效目标表`,
    /// `附件3 部门整体支出绩效目标申报表`); `None` where it is not printed.
    pub fn form_heading(&self, form: Form, meta: &Meta) -> Option<String> {
        let ts = self.form(form)?;
        let title = fill(
            &ts.title,
            &meta.dept_name,
            meta.year,
            meta.entity,
            ts.number,
            "",
        );
        Some(format!("{} {}", ts.short_name(), title.trim()))
    }

    /// True when the template prints `part`: what the 审核, the pages and
    /// the exports ask for follows this.
    pub fn prints(&self, part: Printed) -> bool {
        self.form(part.form()).is_some()
    }

    /// True when the template's text prints (or tests) `field` of the
    /// items of `list`: 上海's 项目经费情况说明 names each project's 实施单位,
    /// 起止时间 (`开始`, `结束`) and 年度目标, which no form of it prints.
    pub fn text_uses(&self, list: &str, field: &str) -> bool {
        super::pattern::item_fields_used(self)
            .iter()
            .any(|(l, f)| *l == list && *f == field)
    }

    /// True when a table of the template lists the purchases of `facts`
    /// (政府采购预算明细表, 政府购买服务预算财政拨款明细表): the app asks
    /// for them, and the 审核 checks them, only then.
    pub fn prints_purchases(&self, facts: super::PurchaseFacts) -> bool {
        self.tables
            .iter()
            .any(|t| matches!(&t.query, super::Query::Purchases(q) if q.facts == facts))
    }

    /// The first table of the template with one row per 单位
    /// ([`super::Query::Units`]), if any: the 审核 then holds a merged
    /// document's units to its 收支预算 (X13).
    pub fn units_table(&self) -> Option<&TableSpec> {
        self.tables
            .iter()
            .find(|t| matches!(&t.query, super::Query::Units(_)))
    }

    /// True when a table of the template prints the 财政拨款 split by
    /// 经济分类 (四川 公开表2-1): the app asks for it, and the 审核 holds
    /// it to the 收支预算 and the 基本支出 经济分类, only then.
    pub fn prints_split(&self) -> bool {
        self.tables.iter().any(|t| {
            matches!(&t.query, super::Query::Tree(q)
                if q.reads_split() || q.facts == super::query::Facts::FiscalEconomic)
        })
    }
}

/// Outline-level problems (`template check`); helpers that check tables
/// and text add theirs here.
impl TemplateSpec {
    /// What can be checked of the resolved template at outline level:
    /// the id, the name, duplicate table and section ids and numbers, an
    /// empty table list, placeholders the captions cannot fill. Messages
    /// name the place.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut p = |place: &str, message: String| {
            out.push(Problem {
                place: place.to_string(),
                message,
            });
        };
        if !valid_id(&self.id) {
            p(
                "id",
                format!(
                    "“{}”不能作模板 id：应以英文字母开头，只含英文字母、数字和 _（如 Beijing2025）",
                    self.id
                ),
            );
        }
        if self.name.trim().is_empty() {
            p("name", "模板名称为空".into());
        }
        if self.tables.is_empty() {
            p("tables", "没有任何表".into());
        }
        for (i, part) in self.parts.iter().enumerate() {
            if matches!(part.kind, PartKind::Tables | PartKind::Forms) && !part.sections.is_empty()
            {
                p(
                    &format!("parts[{i}]"),
                    "表格和绩效表单部分不能写 sections（文字节只能写在概况、情况说明、名词解释部分）"
                        .into(),
                );
            }
        }
        if self.parts.is_empty() {
            p("parts", "没有任何部分（概况、表、情况说明……）".into());
        }
        let mut seen = std::collections::BTreeSet::new();
        for t in &self.tables {
            if !seen.insert(table_id(t)) {
                p(
                    &format!("表“{}”", table_id(t)),
                    "id 重复（两张表同名时请给其中一张写 id）".into(),
                );
            }
        }
        let mut numbers = std::collections::BTreeSet::new();
        for t in &self.tables {
            if !numbers.insert(t.number) {
                p(
                    &format!("表“{}”", table_id(t)),
                    format!("表号 {} 重复", t.number),
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for s in self.parts.iter().flat_map(|p| &p.sections) {
            if !seen.insert(section_id(s)) {
                p(&format!("说明段落“{}”", section_id(s)), "id 重复".into());
            }
        }
        // Every text the program fills: the outline's, and each table's
        // title, caption, notes and column headers.
        let mut filled: Vec<(String, &str)> = vec![
            ("cover".into(), &self.cover),
            ("toc_title".into(), &self.toc_title),
            ("table_caption".into(), &self.table_caption),
        ];
        if let Some(t) = &self.toc_tables {
            filled.push(("toc_tables".into(), t));
        }
        if let Some(t) = &self.dept_line {
            filled.push(("dept_line".into(), t));
        }
        for t in &self.tables {
            let at = |field: &str| format!("表“{}” {field}", table_id(t));
            filled.push((at("title"), &t.title));
            let optional = [
                ("caption", &t.caption),
                ("note", &t.note),
                ("empty_note", &t.empty_note),
            ];
            for (field, text) in optional {
                if let Some(text) = text {
                    filled.push((at(field), text));
                }
            }
            for (i, c) in t.query.columns().iter().enumerate() {
                filled.push((at(&format!("columns[{i}].group")), &c.group));
                filled.push((at(&format!("columns[{i}].header")), &c.header));
            }
            for cell in t.header.iter().flatten().flatten() {
                filled.push((at("header"), &cell.text));
            }
        }
        for (field, text) in filled {
            for name in placeholders(text) {
                if !["name", "year", "prior_year", "entity", "n", "n_cn", "title"].contains(&name) {
                    p(
                        &field,
                        format!(
                            "不认识的占位符 {{{name}}}（可用：{{name}} {{year}} {{entity}} {{n}} {{n_cn}} {{title}}）"
                        ),
                    );
                }
            }
        }
        if self.table_caption.trim().is_empty() {
            p("table_caption", "表的标题格式为空".into());
        }
        // Each table's query and each section's patterns check themselves;
        // their messages start with the place (`表2（…） columns[1]：…`).
        for message in self.table_problems() {
            match message.split_once('：') {
                Some((place, what)) => p(place, what.to_string()),
                None => p("tables", message),
            }
        }
        for t in super::pattern::problems(self) {
            let message = t.to_string();
            let what = message
                .split_once('：')
                .map_or(message.as_str(), |(_, w)| w);
            p(&format!("情况说明“{}”", t.section), what.to_string());
        }
        out
    }
}

/// A printed part that only some templates have, with the entered data
/// that is printed nowhere else. Data of a part the template lacks is not
/// asked for (no rule requires it) and, where the app still keeps it, is
/// marked 不公开，仅内部使用.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printed {
    /// 部门整体支出绩效目标表 (附件3): 年度工作任务, goals and their
    /// indicators, the 近两年 figures, 填报人 and 联系电话.
    DeptPerformance,
    /// 项目支出绩效目标表 (表10): a project's 实施单位, 起止时间, 中期目标,
    /// 年度目标 and indicators, and the 主管部门编码 (a project's name,
    /// amounts and 用途 are printed in the text too).
    ProjectPerformance,
}

impl Printed {
    /// The part that prints `form`.
    pub fn of(form: Form) -> Self {
        match form {
            Form::DeptPerformance => Printed::DeptPerformance,
            Form::ProjectPerformance => Printed::ProjectPerformance,
        }
    }

    /// The form this part is.
    pub fn form(self) -> Form {
        match self {
            Printed::DeptPerformance => Form::DeptPerformance,
            Printed::ProjectPerformance => Form::ProjectPerformance,
        }
    }

    /// The part's generic name, for a page's note where the template does
    /// not print it ([`TemplateSpec::form_name`] names it where it does).
    pub fn label(self) -> &'static str {
        match self {
            Printed::DeptPerformance => "部门整体支出绩效目标表",
            Printed::ProjectPerformance => "项目支出绩效目标表",
        }
    }
}

/// What a page shows beside data its template does not print.
pub const NOT_PUBLISHED: &str = "不公开，仅内部使用";
