//! The entered budget figures: 收支预算 by 功能科目, 基本支出 by 经济科目,
//! and the "三公" 经费.

use super::codes::{EconomicCode, FunctionCode};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 资金来源: where the money of a budget line comes from (the columns of 表7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FundSource {
    /// 一般公共预算拨款
    GeneralBudget,
    /// 政府性基金预算拨款
    GovFund,
    /// 国有资本经营预算拨款
    StateCapital,
    /// 财政专户管理资金
    FiscalSpecialAccount,
    /// 事业收入
    InstitutionIncome,
    /// 事业单位经营收入
    OperatingIncome,
    /// 上级补助收入
    HigherSubsidy,
    /// 附属单位上缴收入
    AffiliateRemittance,
    /// 其他收入
    OtherIncome,
    /// 上年结转
    CarryOver,
}

impl FundSource {
    /// All sources in the column order of 表7 部门收入总表.
    pub const ALL: [FundSource; 10] = [
        FundSource::GeneralBudget,
        FundSource::GovFund,
        FundSource::StateCapital,
        FundSource::FiscalSpecialAccount,
        FundSource::InstitutionIncome,
        FundSource::OperatingIncome,
        FundSource::HigherSubsidy,
        FundSource::AffiliateRemittance,
        FundSource::OtherIncome,
        FundSource::CarryOver,
    ];

    /// The three 财政拨款 sources of 表1.
    pub(crate) const FISCAL: [FundSource; 3] = [
        FundSource::GeneralBudget,
        FundSource::GovFund,
        FundSource::StateCapital,
    ];

    /// Published column name.
    pub fn label(self) -> &'static str {
        match self {
            FundSource::GeneralBudget => "一般公共预算拨款",
            FundSource::GovFund => "政府性基金预算拨款",
            FundSource::StateCapital => "国有资本经营预算拨款",
            FundSource::FiscalSpecialAccount => "财政专户管理资金",
            FundSource::InstitutionIncome => "事业收入",
            FundSource::OperatingIncome => "事业单位经营收入",
            FundSource::HigherSubsidy => "上级补助收入",
            FundSource::AffiliateRemittance => "附属单位上缴收入",
            FundSource::OtherIncome => "其他收入",
            FundSource::CarryOver => "上年结转",
        }
    }

    /// True for the 财政拨款 sources.
    pub fn is_fiscal(self) -> bool {
        Self::FISCAL.contains(&self)
    }
}

/// 支出类型: the spending columns of 表8 部门支出总表.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SpendingKind {
    /// 基本支出
    Basic,
    /// 项目支出
    Project,
    /// 上缴上级支出
    RemitToHigher,
    /// 事业单位经营支出
    Operating,
    /// 对附属单位补助支出
    AffiliateSubsidy,
}

impl SpendingKind {
    /// All kinds in the column order of 表8.
    pub const ALL: [SpendingKind; 5] = [
        SpendingKind::Basic,
        SpendingKind::Project,
        SpendingKind::RemitToHigher,
        SpendingKind::Operating,
        SpendingKind::AffiliateSubsidy,
    ];

    /// Published column name.
    pub fn label(self) -> &'static str {
        match self {
            SpendingKind::Basic => "基本支出",
            SpendingKind::Project => "项目支出",
            SpendingKind::RemitToHigher => "上缴上级支出",
            SpendingKind::Operating => "事业单位经营支出",
            SpendingKind::AffiliateSubsidy => "对附属单位补助支出",
        }
    }
}

/// One 收支预算 row: a 功能科目 at 项 level and its amounts by source × kind.
/// The only place where 功能科目 amounts are entered; every table that shows
/// them (表1, 2, 5, 6, 7, 8) is derived from these rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    /// 7-digit 项 code.
    pub code: FunctionCode,
    /// 科目名称 as entered (checked against the catalog).
    pub name: String,
    /// Amounts; absent pairs are zero.
    #[serde(default, deserialize_with = "unique_keys")]
    pub amounts: Amounts,
    /// 上年预算数 by the same source × kind (optional; filled by 以上年文件新建
    /// or typed by the user). Absent from files that have none.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub prior: Amounts,
}

/// Amounts of one 收支预算 row by (资金来源, 支出类型); absent pairs are zero.
pub type Amounts = BTreeMap<(FundSource, SpendingKind), Money>;

/// A map key that can name itself in a message (a duplicate is refused
/// naming it).
pub(crate) trait KeyName: Ord + Copy {
    /// `一般公共预算拨款·基本支出`.
    fn key_name(&self) -> String;
}

impl KeyName for (FundSource, SpendingKind) {
    fn key_name(&self) -> String {
        format!("{}·{}", self.0.label(), self.1.label())
    }
}

impl KeyName for FundSource {
    fn key_name(&self) -> String {
        self.label().to_string()
    }
}

/// Reads a map of amounts, refusing a key that appears twice: serde's own
/// map reader keeps the last value silently, which would drop a figure the
/// file holds.
pub(crate) fn unique_keys<'de, D, K>(d: D) -> Result<BTreeMap<K, Money>, D::Error>
where
    D: serde::Deserializer<'de>,
    K: KeyName + Deserialize<'de>,
{
    struct Unique<K>(std::marker::PhantomData<K>);
    impl<'de, K: KeyName + Deserialize<'de>> serde::de::Visitor<'de> for Unique<K> {
        type Value = BTreeMap<K, Money>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("金额表")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut a: A,
        ) -> Result<Self::Value, A::Error> {
            let mut m = BTreeMap::new();
            while let Some((k, v)) = a.next_entry::<K, Money>()? {
                if m.insert(k, v).is_some() {
                    return Err(serde::de::Error::custom(format!(
                        "金额“{}”重复出现",
                        k.key_name()
                    )));
                }
            }
            Ok(m)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

impl BudgetLine {
    /// The amount for one source and kind (zero when absent).
    pub fn amount(&self, source: FundSource, kind: SpendingKind) -> Money {
        self.amounts
            .get(&(source, kind))
            .copied()
            .unwrap_or_default()
    }

    /// This line's amount from one source, over all kinds.
    pub fn source_total(&self, source: FundSource) -> Money {
        // Over the few pairs the line holds, not every kind: the tables
        // call this per line and column after every edit.
        self.amounts
            .iter()
            .filter(|((s, _), _)| *s == source)
            .map(|(_, v)| *v)
            .sum()
    }

    /// 上年预算数 of this line over all sources and kinds.
    pub fn prior_total(&self) -> Money {
        self.prior.values().copied().sum()
    }

    /// This year's amount over all sources and kinds.
    pub fn total(&self) -> Money {
        self.amounts.values().copied().sum()
    }

    /// 上年预算数 for one source and kind (zero when absent).
    pub fn prior_amount(&self, source: FundSource, kind: SpendingKind) -> Money {
        self.prior.get(&(source, kind)).copied().unwrap_or_default()
    }

    /// Sets a 上年预算数; zero removes it, as for this year's amounts.
    pub fn set_prior(&mut self, source: FundSource, kind: SpendingKind, value: Money) {
        set_sparse(&mut self.prior, source, kind, value);
    }

    /// Sets an amount; zero removes the entry so files stay sparse.
    pub fn set_amount(&mut self, source: FundSource, kind: SpendingKind, value: Money) {
        set_sparse(&mut self.amounts, source, kind, value);
    }
}

/// Sets one amount of `amounts`; zero removes the entry so files stay sparse.
pub(crate) fn set_sparse(
    amounts: &mut Amounts,
    source: FundSource,
    kind: SpendingKind,
    value: Money,
) {
    if value.is_zero() {
        amounts.remove(&(source, kind));
    } else {
        amounts.insert((source, kind), value);
    }
}

/// 人员经费 or 公用经费: how a 基本支出 经济科目 is counted in 表3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CostBucket {
    /// 人员经费
    Personnel,
    /// 公用经费
    Public,
}

impl CostBucket {
    /// Published column name.
    pub fn label(self) -> &'static str {
        match self {
            CostBucket::Personnel => "人员经费",
            CostBucket::Public => "公用经费",
        }
    }
}

/// One row of 一般公共预算基本支出 by 经济科目 款 (表3's entered data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EconomicLine {
    /// 5-digit 款 code.
    pub code: EconomicCode,
    /// 科目名称 as entered (checked against the catalog).
    pub name: String,
    /// Counted as 人员经费 or 公用经费; defaults from the catalog when the row
    /// is added, and stays data because regions differ.
    pub bucket: CostBucket,
    /// Amount.
    pub amount: Money,
    /// 上年预算数 (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<Money>,
}

/// "三公"经费 (表4): the four entered items; 合计 and 小计 are derived.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreePublic {
    /// 因公出国(境)费
    pub abroad: Money,
    /// 公务用车购置费
    pub vehicle_purchase: Money,
    /// 公务用车运行费
    pub vehicle_operation: Money,
    /// 公务接待费
    pub reception: Money,
}

impl ThreePublic {
    /// 公务用车购置及运行费 小计.
    pub fn vehicles(&self) -> Money {
        self.vehicle_purchase + self.vehicle_operation
    }

    /// "三公"经费 合计.
    pub fn total(&self) -> Money {
        self.abroad + self.vehicles() + self.reception
    }

    /// Item by item, `self` and `other` together (财政拨款 = 一般公共预算 +
    /// 政府性基金; a 部门 = its units).
    pub fn plus(&self, other: &ThreePublic) -> ThreePublic {
        ThreePublic {
            abroad: self.abroad + other.abroad,
            vehicle_purchase: self.vehicle_purchase + other.vehicle_purchase,
            vehicle_operation: self.vehicle_operation + other.vehicle_operation,
            reception: self.reception + other.reception,
        }
    }

    /// True when no item has an amount.
    pub fn is_zero(&self) -> bool {
        [
            self.abroad,
            self.vehicle_purchase,
            self.vehicle_operation,
            self.reception,
        ]
        .iter()
        .all(|m| m.is_zero())
    }

    /// Each item with its amount, in printed order.
    pub fn items(&self) -> [(super::ThreePublicItem, Money); 4] {
        use super::ThreePublicItem as I;
        [
            (I::Abroad, self.abroad),
            (I::VehiclePurchase, self.vehicle_purchase),
            (I::VehicleOperation, self.vehicle_operation),
            (I::Reception, self.reception),
        ]
    }
}
