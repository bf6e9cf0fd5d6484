//! 一般公共预算基本支出 by 政府预算支出经济分类 款, derived from the entered
//! 部门预算经济分类 lines (`basic_by_economic`) through the catalog's
//! 对应关系 and the 部门's unit side. Never entered: a 部门 line whose code
//! has no 对应关系 stays out of the lines and is listed in `unmapped`, so
//! the rules can name it and compare both totals.
//!
//! Limit: the entered lines do not say which unit they belong to, so the
//! whole document takes the side of its first unit (本级); a 部门 whose
//! units are of both kinds is derived as its 本级 (see docs/templates.md).

use crate::catalog::{Catalog, UnitSide};
use crate::model::{CostBucket, Document, UnitKind};
use crate::money::Money;
use std::collections::BTreeMap;

/// One derived 政府 款 (per 人员/公用, so templates can filter by bucket).
#[derive(Clone, Debug, PartialEq)]
pub struct GovLine {
    /// 5-digit 政府预算经济分类 款.
    pub code: String,
    /// Its name (the catalog's, else the bundled list's).
    pub name: String,
    /// 人员经费 or 公用经费, from the 部门 lines it sums.
    pub bucket: CostBucket,
    /// Σ of the 部门 lines mapped here.
    pub amount: Money,
    /// The 部门 款 codes it sums, in entry order.
    pub from: Vec<String>,
    /// True when every pair used was read in a source.
    pub sourced: bool,
}

/// The derived 政府预算经济分类 of 基本支出.
#[derive(Clone, Debug, PartialEq)]
pub struct GovEconomic {
    /// The side used for the whole document.
    pub side: UnitSide,
    /// One line per (政府 款, bucket), in code order.
    pub lines: Vec<GovLine>,
    /// Indices into `basic_by_economic` of lines without a 对应关系.
    pub unmapped: Vec<usize>,
}

impl GovEconomic {
    /// Σ of the derived lines.
    pub fn total(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }
}

/// The side a document is derived with: its first unit's (本级); 机关 when
/// it lists no unit.
pub fn side_of(doc: &Document) -> UnitSide {
    doc.overview
        .units
        .first()
        .map_or(UnitSide::of(UnitKind::Administrative), |u| {
            UnitSide::of(u.kind)
        })
}

/// Derives the 政府预算经济分类 lines of `doc`.
pub fn gov_economic(doc: &Document, catalog: &Catalog) -> GovEconomic {
    let side = side_of(doc);
    let mut by: BTreeMap<(String, CostBucket), GovLine> = BTreeMap::new();
    let mut unmapped = Vec::new();
    for (i, l) in doc.basic_by_economic.iter().enumerate() {
        let Some(m) = catalog.correspondence.gov_of(l.code.as_str(), side) else {
            unmapped.push(i);
            continue;
        };
        let line = by
            .entry((m.gov.clone(), l.bucket))
            .or_insert_with(|| GovLine {
                code: m.gov.clone(),
                name: catalog.gov_economic_name(&m.gov).unwrap_or_default(),
                bucket: l.bucket,
                amount: Money::ZERO,
                from: Vec::new(),
                sourced: true,
            });
        line.amount += l.amount;
        line.sourced &= m.sourced;
        if !line.from.iter().any(|c| c == l.code.as_str()) {
            line.from.push(l.code.as_str().to_string());
        }
    }
    GovEconomic {
        side,
        lines: by.into_values().collect(),
        unmapped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BudgetUnit, EconomicCode, EconomicLine};

    fn line(code: &str, bucket: CostBucket, yuan: i64) -> EconomicLine {
        EconomicLine {
            code: EconomicCode::new(code),
            name: String::new(),
            bucket,
            amount: Money::from_cents(yuan * 100),
            prior: None,
        }
    }

    fn doc(kind: UnitKind) -> Document {
        let mut d = Document::blank("测试局", 2025);
        d.overview.units.push(BudgetUnit {
            name: "本级".into(),
            kind,
        });
        d.basic_by_economic = vec![
            line("30101", CostBucket::Personnel, 100),
            line("30102", CostBucket::Personnel, 50),
            line("30201", CostBucket::Public, 20),
            line("30202", CostBucket::Public, 5),
            line("30215", CostBucket::Public, 3),
        ];
        d
    }

    /// The derived lines of `d`, as (code, amount).
    fn derived(d: &Document) -> (GovEconomic, Vec<(String, Money)>) {
        let c = Catalog::for_year(2025).unwrap_or_default();
        let g = gov_economic(d, &c);
        let got = g.lines.iter().map(|l| (l.code.clone(), l.amount)).collect();
        (g, got)
    }

    fn pairs(want: &[(&str, i64)]) -> Vec<(String, Money)> {
        want.iter()
            .map(|(c, y)| (c.to_string(), Money::from_cents(y * 100)))
            .collect()
    }

    #[test]
    fn an_organ_sums_basic_pay_and_allowances_into_50101() {
        let (g, got) = derived(&doc(UnitKind::Administrative));
        assert_eq!(got, pairs(&[("50101", 150), ("50201", 25), ("50202", 3)]));
        assert_eq!(g.lines[0].name, "工资奖金津补贴");
        assert_eq!(g.lines[0].from, vec!["30101", "30102"]);
        assert_eq!(g.total(), Money::from_cents(178 * 100));
    }

    #[test]
    fn an_institution_derives_505() {
        let (_, got) = derived(&doc(UnitKind::Institution));
        assert_eq!(got, pairs(&[("50501", 150), ("50502", 28)]));
    }

    #[test]
    fn a_code_without_correspondence_is_listed_not_summed() {
        let c = Catalog::for_year(2025).unwrap_or_default();
        let mut d = doc(UnitKind::Administrative);
        d.basic_by_economic
            .push(line("30288", CostBucket::Public, 7));
        let g = gov_economic(&d, &c);
        assert_eq!(g.unmapped, vec![5]);
        assert_eq!(g.total(), Money::from_cents(178 * 100));
    }
}
