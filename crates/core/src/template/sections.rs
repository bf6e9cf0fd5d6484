//! The generated text sections of the 情况说明.

use serde::Deserialize;

/// One generated text section.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable name an edition that extends this template uses to drop,
    /// move or rename the section; `None` = the heading.
    #[serde(default)]
    pub id: Option<String>,
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
