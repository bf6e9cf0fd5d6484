//! The published tables and forms: what each shows and how it prints.

use crate::model::{FundSource, MoneyUnit, SpendingKind};
use serde::Deserialize;

/// One published table or form.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Stable name an edition that extends this template uses to drop,
    /// move or rename the table; `None` = the title.
    #[serde(default)]
    pub id: Option<String>,
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
#[serde(deny_unknown_fields)]
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

fn two() -> u32 {
    2
}
