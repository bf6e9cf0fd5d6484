//! 绩效目标: indicators, goals, projects (表10) and the department's overall
//! performance form (附件3).

use super::{Document, FundSource};
use crate::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level1 {
    /// 产出指标
    Output,
    /// 效益指标
    Benefit,
    /// 满意度指标
    Satisfaction,
    /// 成本指标 (used by later templates)
    Cost,
}

impl Level1 {
    /// All levels in template order.
    pub const ALL: [Level1; 4] = [
        Level1::Output,
        Level1::Benefit,
        Level1::Satisfaction,
        Level1::Cost,
    ];

    /// Published name.
    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Cost => "成本指标",
        }
    }

    /// The 二级指标 the template allows under this 一级指标 (its 备注 2).
    pub fn allowed_level2(self) -> &'static [&'static str] {
        match self {
            Level1::Output => &["数量指标", "质量指标", "时效指标", "成本指标"],
            Level1::Benefit => &[
                "社会效益指标",
                "经济效益指标",
                "生态效益指标",
                "可持续影响指标",
                "可持续发展影响指标",
            ],
            Level1::Satisfaction => &["服务对象满意度指标"],
            Level1::Cost => &["经济成本指标", "社会成本指标", "生态环境成本指标"],
        }
    }
}

/// Comparator of a numeric 指标值.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    /// ≥
    Ge,
    /// ≤
    Le,
    /// = (printed without a sign, as the seed does: `0次`, `100%`)
    Eq,
    /// >
    Gt,
    /// <
    Lt,
}

impl Comparator {
    /// All comparators.
    pub const ALL: [Comparator; 5] = [
        Comparator::Ge,
        Comparator::Le,
        Comparator::Eq,
        Comparator::Gt,
        Comparator::Lt,
    ];

    /// The printed sign ("" for equality).
    pub(crate) fn sign(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Le => "≤",
            Comparator::Eq => "",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
        }
    }
}

/// 指标值: a comparator, a number and a unit (`≥240次`), or free text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum IndicatorValue {
    /// `≥240次`
    Numeric {
        /// Comparator.
        cmp: Comparator,
        /// Number, exact.
        #[serde(with = "rust_decimal::serde::str")]
        value: Decimal,
        /// Unit such as 次, 期, %.
        unit: String,
    },
    /// A value that is not a number (e.g. 达到国家标准).
    Text(String),
}

impl Default for IndicatorValue {
    fn default() -> Self {
        IndicatorValue::Text(String::new())
    }
}

impl IndicatorValue {
    /// Reads what a user types: `≥240次`, `>=240 次`, `100%`, `0次`, or text.
    pub fn parse(input: &str) -> IndicatorValue {
        let s = input.trim();
        let (cmp, rest) = [
            ("≥", Comparator::Ge),
            (">=", Comparator::Ge),
            ("＞＝", Comparator::Ge),
            ("≤", Comparator::Le),
            ("<=", Comparator::Le),
            ("＜＝", Comparator::Le),
            ("＞", Comparator::Gt),
            (">", Comparator::Gt),
            ("＜", Comparator::Lt),
            ("<", Comparator::Lt),
            ("＝", Comparator::Eq),
            ("=", Comparator::Eq),
        ]
        .iter()
        .find_map(|(p, c)| s.strip_prefix(p).map(|r| (*c, r.trim_start())))
        .unwrap_or((Comparator::Eq, s));
        let digits_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let (num, unit) = rest.split_at(digits_end);
        let unit = unit.trim();
        // A unit that begins with a digit or a point (`0 .`, `1 5`) would
        // run into the number once shown without the space, and the shown
        // value would read back as something else: keep such input as text.
        let unit_joins_number = unit.starts_with(|c: char| c.is_ascii_digit() || c == '.');
        match Decimal::from_str_exact(num) {
            Ok(value) if !num.is_empty() && !num.ends_with('.') && !unit_joins_number => {
                IndicatorValue::Numeric {
                    cmp,
                    value,
                    unit: unit.to_string(),
                }
            }
            _ => IndicatorValue::Text(s.to_string()),
        }
    }

    /// True when nothing was entered.
    pub fn is_empty(&self) -> bool {
        matches!(self, IndicatorValue::Text(t) if t.trim().is_empty())
    }
}

impl fmt::Display for IndicatorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndicatorValue::Numeric { cmp, value, unit } => {
                write!(f, "{}{}{}", cmp.sign(), value, unit)
            }
            IndicatorValue::Text(t) => f.write_str(t),
        }
    }
}

/// One row of an indicator table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// 一级指标.
    pub level1: Option<Level1>,
    /// 二级指标 as entered; checked against [`Level1::allowed_level2`] (kept as
    /// text so a wrong category such as the seed's 实效指标 can be shown and flagged).
    pub level2: String,
    /// 三级指标 / 指标名称.
    pub name: String,
    /// 指标值 (for an annual goal: 预期当年实现值).
    pub value: IndicatorValue,
    /// 绩效标准 (附件3 only).
    #[serde(default)]
    pub standard: String,
    /// 近两年指标值, previous year first (附件3 annual goals only).
    #[serde(default)]
    pub prior: [IndicatorValue; 2],
}

/// A goal of 附件3 with its indicator table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goal {
    /// e.g. 政务网平台运行目标
    pub title: String,
    /// Indicators.
    pub indicators: Vec<Indicator>,
}

/// 项目属性.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectAttribute {
    /// 部门专项
    #[default]
    DepartmentSpecial,
    /// 专项资金
    SpecialFund,
    /// 其他 (as typed)
    Other(String),
}

impl ProjectAttribute {
    /// Printed name.
    pub fn label(&self) -> &str {
        match self {
            ProjectAttribute::DepartmentSpecial => "部门专项",
            ProjectAttribute::SpecialFund => "专项资金",
            ProjectAttribute::Other(s) => s,
        }
    }
}

/// A project's amounts by 资金来源; absent sources are zero.
pub type SourceAmounts = BTreeMap<FundSource, Money>;

/// A project and its 表10 项目支出绩效目标表.
///
/// **Identity.** A project is named by its 项目编码 ([`Project::code`]):
/// comments, findings and undo steps point at the code, so renaming or
/// reordering projects never moves them to another project. The 预算管理
/// 一体化 platform gives every project a code and the 填报人 may type it;
/// where none is typed the program assigns one (`XM001`, see
/// [`Document::assign_project_codes`]). Files of older builds have no codes:
/// they are assigned on load in project order, and **a file saved afterwards
/// carries them**, so the identity a comment was stored with is the one the
/// project has when the file is read again (codes assigned afresh on every
/// load would follow the order, and a reorder saved in between would move
/// the comments). Two projects with the same code are a finding (R05),
/// never merged.
///
/// **Amounts.** The money is entered once, by 资金来源 (the sources of the
/// 收支预算 lines), in [`Project::amounts`]; 表10's 资金总额 / 财政拨款 /
/// 其他资金 are derived ([`Project::total`], [`Project::fiscal`],
/// [`Project::other`]). Files of older builds hold `fiscal` and `other`
/// instead: on load `fiscal` becomes 一般公共预算拨款 and `other` 其他收入
/// (the only sources an entry of 财政拨款 / 其他资金 can be read as without
/// guessing); R06 then names any source that differs from the 收支预算's
/// 项目支出, and the file saved afterwards holds the amounts by source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredProject")]
pub struct Project {
    /// 项目编码: the platform's, as typed, or one the program assigned.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// 项目名称
    pub name: String,
    /// 实施单位
    pub implementing_unit: String,
    /// 项目属性
    pub attribute: ProjectAttribute,
    /// 项目起止时间, start, `2021.01.01`
    pub start: String,
    /// 项目起止时间, end, `2021.12.31`
    pub end: String,
    /// 资金总额 by 资金来源 (sparse: a zero is not stored).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub amounts: SourceAmounts,
    /// What the money is for; the sentence after "主要用于" in 第三部分.
    pub purpose: String,
    /// 中期目标
    pub midterm_goal: String,
    /// 年度目标
    pub annual_goal: String,
    /// 绩效项目指标表: each row has a 长期 and a 年度 value.
    pub indicators: Vec<ProjectIndicator>,
}

/// A project as files store it: [`Project`] plus the 财政拨款 / 其他资金 of
/// older builds, read and moved into the amounts by source, never written.
#[derive(Default, Deserialize)]
#[serde(default, rename = "Project")]
struct StoredProject {
    code: String,
    name: String,
    implementing_unit: String,
    attribute: ProjectAttribute,
    start: String,
    end: String,
    #[serde(deserialize_with = "super::budget::unique_keys")]
    amounts: SourceAmounts,
    fiscal: Money,
    other: Money,
    purpose: String,
    midterm_goal: String,
    annual_goal: String,
    indicators: Vec<ProjectIndicator>,
}

impl From<StoredProject> for Project {
    fn from(s: StoredProject) -> Project {
        let mut p = Project {
            code: s.code,
            name: s.name,
            implementing_unit: s.implementing_unit,
            attribute: s.attribute,
            start: s.start,
            end: s.end,
            amounts: s.amounts,
            purpose: s.purpose,
            midterm_goal: s.midterm_goal,
            annual_goal: s.annual_goal,
            indicators: s.indicators,
        };
        for (source, legacy) in [
            (Project::LEGACY_FISCAL, s.fiscal),
            (Project::LEGACY_OTHER, s.other),
        ] {
            p.set_amount(source, p.amount(source) + legacy);
        }
        p
    }
}

impl Project {
    /// The source an older file's 财政拨款 is read as.
    pub const LEGACY_FISCAL: FundSource = FundSource::GeneralBudget;
    /// The source an older file's 其他资金 is read as.
    pub const LEGACY_OTHER: FundSource = FundSource::OtherIncome;

    /// The amount from one source (zero when absent).
    pub fn amount(&self, source: FundSource) -> Money {
        self.amounts.get(&source).copied().unwrap_or_default()
    }

    /// Sets the amount from one source; zero removes it (files stay sparse).
    pub fn set_amount(&mut self, source: FundSource, value: Money) {
        if value.is_zero() {
            self.amounts.remove(&source);
        } else {
            self.amounts.insert(source, value);
        }
    }

    /// 资金总额: Σ over every source.
    pub fn total(&self) -> Money {
        self.amounts.values().copied().sum()
    }

    /// 其中：财政拨款: Σ of the 财政拨款 sources.
    pub fn fiscal(&self) -> Money {
        self.amounts
            .iter()
            .filter(|(s, _)| s.is_fiscal())
            .map(|(_, m)| *m)
            .sum()
    }

    /// 其他资金: Σ of the other sources.
    pub fn other(&self) -> Money {
        self.amounts
            .iter()
            .filter(|(s, _)| !s.is_fiscal())
            .map(|(_, m)| *m)
            .sum()
    }

    /// True for a code the program assigned (`XM001`), not one typed.
    pub fn code_is_assigned(&self) -> bool {
        assigned_number(&self.code).is_some()
    }
}

/// The number of a program-assigned code `XM001`, `None` for any other.
pub(crate) fn assigned_number(code: &str) -> Option<u32> {
    let digits = code.strip_prefix(ASSIGNED_PREFIX)?;
    if digits.len() < 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// What the codes the program assigns begin with.
pub(crate) const ASSIGNED_PREFIX: &str = "XM";

impl Document {
    /// Gives every project without a 项目编码 one, in project order, each
    /// numbered past every assigned code a project or a stored comment
    /// already carries, so that a deleted project's code (which a comment
    /// may still name) is never given to another. Typed codes are left as
    /// they are, duplicates included: R05 names those.
    pub fn assign_project_codes(&mut self) {
        let mut next = self.last_assigned_code();
        for p in &mut self.projects {
            if p.code.trim().is_empty() {
                next += 1;
                p.code = format!("{ASSIGNED_PREFIX}{next:03}");
            }
        }
    }

    /// The code [`Document::assign_project_codes`] would give a project
    /// added now.
    pub fn next_project_code(&self) -> String {
        format!("{ASSIGNED_PREFIX}{:03}", self.last_assigned_code() + 1)
    }

    /// The largest assigned number a project or a comment's place carries.
    fn last_assigned_code(&self) -> u32 {
        let in_projects = self.projects.iter().map(|p| p.code.as_str());
        let in_comments = self
            .review
            .comments
            .iter()
            .filter_map(|c| match &c.at.project {
                Some(super::review::RowKey::Coded(code, _)) => Some(code.as_str()),
                _ => None,
            });
        in_projects
            .chain(in_comments)
            .filter_map(assigned_number)
            .max()
            .unwrap_or(0)
    }
}

/// One row of a project's 绩效项目指标表.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectIndicator {
    /// 一级指标.
    pub level1: Option<Level1>,
    /// 二级指标 (kept as text, checked).
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 指标值（长期）.
    pub long_term: IndicatorValue,
    /// 指标值（年度）.
    pub annual: IndicatorValue,
}

/// Revenue and spending of one earlier year, as 附件3 prints them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriorYear {
    /// The year, e.g. 2020.
    pub year: i32,
    /// 收入 财政拨款
    pub income_fiscal: Money,
    /// 收入 其他资金
    pub income_other: Money,
    /// 支出 基本支出
    pub spending_basic: Money,
    /// 支出 项目支出
    pub spending_project: Money,
}

impl PriorYear {
    /// True when no figure of the year is entered.
    pub fn is_empty(&self) -> bool {
        [
            self.income_fiscal,
            self.income_other,
            self.spending_basic,
            self.spending_project,
        ]
        .iter()
        .all(|m| m.is_zero())
    }

    /// 收入合计.
    pub fn income_total(&self) -> Money {
        self.income_fiscal + self.income_other
    }
    /// 支出合计.
    pub fn spending_total(&self) -> Money {
        self.spending_basic + self.spending_project
    }
}

/// 附件3 部门整体支出绩效目标申报表: what is entered for it. 填报人 and
/// 联系电话 come from the document's meta; 当年 figures from the budget.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeptPerformance {
    /// 近两年收支情况, the previous year first.
    pub prior_years: [PriorYear; 2],
    /// 部门职能概述; empty means "the 主要职能 of 第一部分".
    #[serde(default)]
    pub functions_summary: Vec<String>,
    /// 年度工作任务, numbered paragraphs.
    pub annual_tasks: Vec<String>,
    /// 长期目标.
    pub long_term_goals: Vec<Goal>,
    /// 年度目标.
    pub annual_goals: Vec<Goal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric(cmp: Comparator, value: &str, unit: &str) -> IndicatorValue {
        IndicatorValue::Numeric {
            cmp,
            value: Decimal::from_str_exact(value).unwrap_or_default(),
            unit: unit.to_string(),
        }
    }

    #[test]
    fn comparator_number_and_unit_are_read() {
        assert_eq!(
            IndicatorValue::parse(" >= 240 次"),
            numeric(Comparator::Ge, "240", "次")
        );
        assert_eq!(
            IndicatorValue::parse("＜＝0.5%"),
            numeric(Comparator::Le, "0.5", "%")
        );
        assert_eq!(IndicatorValue::parse("100%").to_string(), "100%");
        assert_eq!(
            IndicatorValue::parse("良好"),
            IndicatorValue::Text("良好".into())
        );
    }

    /// An older file's 财政拨款 / 其他资金 are read as 一般公共预算拨款 /
    /// 其他收入, written back by source only; 表10's figures are derived.
    #[test]
    fn older_fiscal_and_other_become_amounts_by_source() {
        let p: Project =
            ron::from_str("(name: \"甲\", fiscal: \"305.80\", other: \"12\")").expect("reads");
        assert_eq!(
            p.amount(FundSource::GeneralBudget),
            Money::from_cents(30_580)
        );
        assert_eq!(p.amount(FundSource::OtherIncome), Money::from_cents(1_200));
        assert_eq!(
            (p.fiscal(), p.other()),
            (Money::from_cents(30_580), Money::from_cents(1_200))
        );
        let text = ron::to_string(&p).expect("writes");
        assert!(
            !text.contains("fiscal") && text.contains("amounts"),
            "{text}"
        );
        assert_eq!(ron::from_str::<Project>(&text).ok(), Some(p));
        let twice = ron::from_str::<Project>("(amounts: {GovFund: \"1\", GovFund: \"2\"})");
        assert!(twice.is_err());
    }

    /// Found by the fuzzer: `0 .` was read as 0 with unit `.`, shown as
    /// `0.`, which reads back as text.
    #[test]
    fn a_unit_that_would_join_the_number_keeps_the_input_as_text() {
        for s in ["0\u{2000}.", "1 5", "≥2 .5次", "3."] {
            let v = IndicatorValue::parse(s);
            assert_eq!(v, IndicatorValue::Text(s.trim().to_string()), "{s}");
            assert_eq!(IndicatorValue::parse(&v.to_string()), v, "{s}");
        }
    }
}
