//! Generated 收支预算 rows for the timing examples (`check_time`,
//! `review_time`): `n` rows cycling through the catalog's 项 codes, each
//! with a 基本支出 and a 项目支出 amount that differ from row to row.

use yusuan::catalog::Catalog;
use yusuan::model::{BudgetLine, FunctionCode, FundSource, SpendingKind};
use yusuan::money::Money;

/// `n` rows over the catalog's 7-digit codes.
pub fn budget_lines(catalog: &Catalog, n: usize) -> Vec<BudgetLine> {
    let codes: Vec<_> = catalog
        .functions()
        .filter(|(c, _)| c.as_str().len() == 7)
        .map(|(c, e)| (c, e.name.clone()))
        .collect();
    (0..n)
        .map(|i| {
            let (code, name) = &codes[i % codes.len()];
            let mut l = BudgetLine {
                code: FunctionCode::new(code.as_str()),
                name: name.clone(),
                ..Default::default()
            };
            l.set_amount(
                FundSource::GeneralBudget,
                SpendingKind::Basic,
                Money::from_cents(10_000 + i as i64),
            );
            l.set_amount(
                FundSource::GeneralBudget,
                SpendingKind::Project,
                Money::from_cents(5_000 + i as i64),
            );
            l
        })
        .collect()
}
