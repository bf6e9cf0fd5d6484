//! Template editions: which tables a document publishes, in which order,
//! with which titles, headers, units and part headings. What differs between
//! editions as data lives in `assets/templates/*.ron` (compiled in); what
//! differs as logic is a [`TableKind`] or [`SectionKind`] the derivation and
//! narrative implement.

use crate::model::{Entity, FundSource, MoneyUnit, SpendingKind};
use serde::Deserialize;
use std::sync::OnceLock;

pub use crate::model::Template;

/// Why a template or unit name was not accepted. Messages are for the 填报人.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A template this build does not know.
    #[error("不认识的模板“{0}”。已知模板：{known}。如果文件由较新版本的程序保存，请升级程序", known = Template::known_list())]
    UnknownTemplate(String),
}

/// What a template is, as data: its names and its edition's spec.
impl Template {
    /// Chinese name (`武汉 2021`).
    pub fn label(self) -> &'static str {
        &self.spec().name
    }

    /// `Wuhan2021（武汉 2021）、…`: the known templates for error messages.
    pub fn known_list() -> String {
        Template::ALL
            .iter()
            .map(|t| format!("{}（{}）", t.id(), t.label()))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The template named `name` (its id in any case, or its Chinese name).
    pub fn parse(name: &str) -> Result<Template, TemplateError> {
        let n = name.trim();
        Template::ALL
            .into_iter()
            .find(|t| t.id().eq_ignore_ascii_case(n) || t.label() == n)
            .ok_or_else(|| TemplateError::UnknownTemplate(n.chars().take(40).collect()))
    }

    /// The edition's data.
    pub fn spec(self) -> &'static TemplateSpec {
        static SPECS: OnceLock<Vec<TemplateSpec>> = OnceLock::new();
        let specs = SPECS.get_or_init(|| {
            BUNDLED
                .iter()
                // The bundled files are checked by a test; a broken one
                // would fail every build's test run, so falling back to the
                // default edition here is unreachable in a released build.
                .map(|(_, text)| parse_spec(text).unwrap_or_default())
                .collect()
        });
        let i = Template::ALL.iter().position(|t| *t == self).unwrap_or(0);
        &specs[i]
    }
}

/// The bundled template files, in [`Template::ALL`] order.
pub(crate) const BUNDLED: [(&str, &str); 3] = [
    (
        "wuhan-2021.ron",
        include_str!("../../../../assets/templates/wuhan-2021.ron"),
    ),
    (
        "wuhan-2022.ron",
        include_str!("../../../../assets/templates/wuhan-2022.ron"),
    ),
    (
        "shanghai-2025.ron",
        include_str!("../../../../assets/templates/shanghai-2025.ron"),
    ),
];

/// Parses one template file.
pub(crate) fn parse_spec(text: &str) -> Result<TemplateSpec, ron::error::SpannedError> {
    ron::Options::default().from_str(text)
}

/// One template edition as data.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TemplateSpec {
    /// Chinese name, e.g. 武汉 2021.
    pub name: String,
    /// Where the edition's facts come from and what is inferred.
    #[serde(default)]
    pub provenance: Vec<String>,
    /// Second cover line, e.g. `{year}年{entity}预算`.
    pub cover: String,
    /// Heading of the contents page.
    pub toc_title: String,
    /// Caption of a table, e.g. `表{n}.{name}{year}年{title}`.
    pub table_caption: String,
    /// Line printed in the 第二部分 list of tables, e.g. the caption again.
    #[serde(default)]
    pub table_list: bool,
    /// The document's parts, in printed order.
    pub parts: Vec<PartSpec>,
    /// The published tables and forms, in printed order.
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
pub struct PartSpec {
    /// What the part holds.
    pub kind: PartKind,
    /// Heading, with `{name}`, `{year}`, `{entity}` filled in.
    pub heading: String,
    /// For [`PartKind::Narrative`]: its sections, in order.
    #[serde(default)]
    pub sections: Vec<SectionSpec>,
}

/// What a part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum PartKind {
    /// 概况: 主要职能, 预算单位构成, 人员构成.
    Overview,
    /// The data tables ([`TableSpec`]s that are tables).
    Tables,
    /// The 绩效 forms ([`TableKind::DeptPerformance`], [`TableKind::ProjectPerformance`]).
    Forms,
    /// Generated text sections.
    Narrative,
    /// 名词解释.
    Glossary,
}

/// One generated text section.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SectionSpec {
    /// What it says.
    pub kind: SectionKind,
    /// Heading without its number, with `{entity}` filled in.
    pub heading: String,
}

/// The generated text sections the narrative can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum SectionKind {
    /// 财政拨款收支预算总体情况.
    FiscalOverview,
    /// 一般公共预算支出安排情况 (with shares per 类).
    GeneralSpending,
    /// 一般公共预算基本支出安排情况 (with shares per 经济 类).
    GeneralBasic,
    /// "三公"经费.
    ThreePublic,
    /// 政府性基金.
    GovFund,
    /// 国有资本经营预算 (empty-table note when none).
    StateCapital,
    /// 收支预算总体安排情况.
    Overall,
    /// 收入预算安排情况 with shares.
    Income,
    /// 支出预算安排情况 with shares.
    Spending,
    /// 机关运行经费.
    Operating,
    /// 政府采购.
    Procurement,
    /// 国有资产占有使用情况.
    Assets,
    /// 绩效目标设置情况.
    PerformanceTargets,
    /// 其他重要事项的情况说明 (武汉): 机关运行经费, 政府采购, 国有资产 and
    /// 绩效目标 as one section with (一)–(四).
    OtherMatters,
    /// Every 项 with its amount (上海 编制说明).
    ItemList,
}

/// One published table or form.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TableSpec {
    /// Printed number (表N).
    pub number: u8,
    /// What the table shows.
    pub kind: TableKind,
    /// Title without department and year; `{entity}` filled in.
    pub title: String,
    /// Full caption for this table instead of the template's.
    #[serde(default)]
    pub caption: Option<String>,
    /// For a form: a label line printed above its title (`附件3：`); the
    /// caption then only goes into the 目录.
    #[serde(default)]
    pub label: Option<String>,
    /// Printed unit; `None` = the document's unit.
    #[serde(default)]
    pub unit: Option<MoneyUnit>,
    /// Printed decimals (2, or 0 for whole-yuan tables).
    #[serde(default = "two")]
    pub decimals: u32,
    /// Thousands separators in printed amounts.
    #[serde(default)]
    pub grouping: bool,
    /// Header rows replacing the builder's (must cover the same columns).
    #[serde(default)]
    pub header: Option<Vec<Vec<HeaderSpec>>>,
    /// Code column split into 类 | 款 | 项 (or 类 | 款 for 经济分类).
    #[serde(default)]
    pub split_code: bool,
    /// Statement printed when the table has no data; `{entity}`, `{year}` filled in.
    #[serde(default)]
    pub empty_note: Option<String>,
    /// An empty table still prints its header and 合计 row above the note.
    #[serde(default)]
    pub empty_keeps_total: bool,
    /// Why this shape: facts and what is inferred.
    #[serde(default)]
    pub source: String,
}

/// A header cell in a template file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct HeaderSpec {
    /// Text.
    pub text: String,
    /// Columns spanned.
    #[serde(default = "one")]
    pub cols: usize,
    /// Header rows spanned.
    #[serde(default = "one")]
    pub rows: usize,
}

fn one() -> usize {
    1
}

/// A money column that sums some 资金来源.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SourceColumn {
    /// Header text.
    pub label: String,
    /// Sources summed into it.
    pub sources: Vec<FundSource>,
}

/// A money column that sums some 支出类型.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct KindColumn {
    /// Header text.
    pub label: String,
    /// Kinds summed into it.
    pub kinds: Vec<SpendingKind>,
}

/// An income line of a 收支总表 grouping some sources, with optional
/// sub-lines.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct IncomeLine {
    /// Printed label.
    pub label: String,
    /// Sources summed.
    pub sources: Vec<FundSource>,
    /// Sub-lines printed below it (indented).
    #[serde(default)]
    pub sub: Vec<SourceColumn>,
}

/// What a published table shows; each is one builder in `derive`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum TableKind {
    /// 财政拨款收支预算总表: 收入 {项目, 预算数} ‖ 支出 {项目, 合计, three fiscal sources}.
    FiscalSummary,
    /// 功能科目 rows of one 资金来源, 合计 | 基本支出 | 项目支出.
    FunctionBySource(FundSource),
    /// 一般公共预算基本支出 by 经济科目: 合计 | 人员经费 | 公用经费.
    BasicEconomic,
    /// "三公"经费, one row.
    ThreePublic,
    /// "三公"经费 and 机关运行经费, one row (上海).
    ThreePublicOperating,
    /// 部门收支总表 (武汉): one income line per source, 上年结转 apart.
    DeptSummary,
    /// 财务收支预算总表 (上海): grouped income lines ‖ 功能 类.
    GroupedSummary(Vec<IncomeLine>),
    /// 功能科目 rows × 资金来源 columns (收入总表).
    Income(Vec<SourceColumn>),
    /// 功能科目 rows × 支出类型 columns (支出总表).
    Spending(Vec<KindColumn>),
    /// 项目支出表: one row per project.
    ProjectList,
    /// 部门整体支出绩效目标表 (a form, not a data table).
    DeptPerformance,
    /// 项目支出绩效目标表, one per project (forms).
    ProjectPerformance,
}

impl TableKind {
    /// True for the 绩效 forms, which are laid out as forms rather than
    /// derived as [`crate::derive::table::Table`]s.
    pub(crate) fn is_form(&self) -> bool {
        matches!(
            self,
            TableKind::DeptPerformance | TableKind::ProjectPerformance
        )
    }
}

/// Fills `{name}`, `{year}`, `{entity}`, `{n}` and `{title}` in a template text.
pub fn fill(pattern: &str, name: &str, year: i32, entity: Entity, n: u8, title: &str) -> String {
    pattern
        .replace("{name}", name)
        .replace("{year}", &year.to_string())
        .replace("{entity}", entity.word())
        .replace("{n}", &n.to_string())
        .replace("{title}", title)
}

impl TemplateSpec {
    /// The data tables, in printed order.
    pub fn data_tables(&self) -> impl Iterator<Item = &TableSpec> {
        self.tables.iter().filter(|t| !t.kind.is_form())
    }

    /// The form of `kind`, if the template publishes it.
    pub fn form(&self, form: &TableKind) -> Option<&TableSpec> {
        self.tables.iter().find(|t| &t.kind == form)
    }

    /// True when the template prints `part`: what the 审核, the pages and
    /// the exports ask for follows this.
    pub fn prints(&self, part: Printed) -> bool {
        let kind = match part {
            Printed::DeptPerformance => TableKind::DeptPerformance,
            Printed::ProjectPerformance => TableKind::ProjectPerformance,
        };
        self.form(&kind).is_some()
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
    /// Where the part is printed, for a page's note (`附件3`, `表10`).
    pub fn label(self) -> &'static str {
        match self {
            Printed::DeptPerformance => "部门整体支出绩效目标表",
            Printed::ProjectPerformance => "项目支出绩效目标表",
        }
    }
}

/// What a page shows beside data its template does not print.
pub const NOT_PUBLISHED: &str = "不公开，仅内部使用";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_template_parses() {
        for (name, text) in BUNDLED {
            let spec = parse_spec(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!spec.tables.is_empty(), "{name}");
            assert!(!spec.parts.is_empty(), "{name}");
        }
        for t in Template::ALL {
            assert_eq!(Template::parse(t.id()), Ok(t));
            assert_eq!(Template::parse(t.label()), Ok(t));
            assert!(!t.spec().name.is_empty());
        }
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let e = Template::parse("Beijing2030").unwrap_err().to_string();
        for t in Template::ALL {
            assert!(e.contains(t.id()), "{e}");
        }
        assert!(
            MoneyUnit::parse("千元")
                .unwrap_err()
                .to_string()
                .contains("万元")
        );
        assert_eq!(MoneyUnit::parse("元"), Ok(MoneyUnit::Yuan));
    }
}
