//! The derived 政府预算经济分类 (`derive::gov_economic`), checked where the
//! document's template prints it: every 部门 款 must have a 对应关系 (C07,
//! naming the code) and the derived total must equal the 部门 经济分类
//! 基本支出 it comes from (X10, naming both figures).

use super::{Figures, Finding, Rule};
use crate::derive::Derived;
use crate::location::{Field, Location, Sheet};
use crate::model::Document;
use crate::money::Money;
use crate::template::{Query, Role};

/// True when the document's template prints a 政府预算经济分类 table.
pub fn printed(doc: &Document) -> bool {
    doc.meta
        .template
        .spec()
        .tables
        .iter()
        .any(|t| matches!(&t.query, Query::Tree(_)) && t.query.role() == Role::GovEconomicTree)
}

/// C07 and X10.
pub(crate) fn check(doc: &Document, d: &Derived, out: &mut Vec<Finding>) {
    if !printed(doc) {
        return;
    }
    let g = &d.gov_economic;
    let fig = Figures::of(doc);
    for &i in &g.unmapped {
        let Some(l) = doc.basic_by_economic.get(i) else {
            continue;
        };
        out.push(Finding::new(
            Rule::C07,
            format!(
                "部门经济分类科目 {} {} 在对应关系中没有{}的政府经济分类科目，其金额 {} 未列入政府预算经济分类表",
                l.code.as_str(),
                l.name,
                match g.side {
                    crate::catalog::UnitSide::Organ => "机关",
                    crate::catalog::UnitSide::Institution => "事业单位",
                },
                fig.m(l.amount)
            ),
            Location::cell(Sheet::Economic, i, Field::Value),
        ));
    }
    let dept: Money = doc.basic_by_economic.iter().map(|l| l.amount).sum();
    let gov = g.total();
    if dept != gov {
        out.push(Finding::new(
            Rule::X10,
            format!(
                "按政府预算经济分类的基本支出合计为 {}，按部门预算经济分类为 {}，相差 {}",
                fig.m(gov),
                fig.m(dept),
                fig.m(dept - gov)
            ),
            match g.unmapped.first() {
                Some(&i) => Location::cell(Sheet::Economic, i, Field::Value),
                None => Location::sheet(Sheet::Economic),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::model::{
        BudgetUnit, CostBucket, Document, EconomicCode, EconomicLine, Template, UnitKind,
    };
    use crate::money::Money;

    fn doc(template: Template) -> Document {
        let mut d = Document::blank("测试局", 2025);
        d.meta.template = template;
        d.overview.units.push(BudgetUnit {
            name: "本级".into(),
            kind: UnitKind::Administrative,
        });
        for (code, yuan) in [("30101", 100), ("30201", 20), ("30288", 7)] {
            d.basic_by_economic.push(EconomicLine {
                code: EconomicCode::new(code),
                name: "某科目".into(),
                bucket: CostBucket::Public,
                amount: Money::from_cents(yuan * 100),
                prior: None,
            });
        }
        d
    }

    fn found(d: &Document) -> Vec<(String, String)> {
        let c = Catalog::for_year(2025).unwrap_or_default();
        crate::rules::check(d, &c)
            .into_iter()
            .filter(|f| f.rule == "C07" || f.rule == "X10")
            .map(|f| (f.rule.id().to_string(), f.message))
            .collect()
    }

    #[test]
    fn an_unmapped_code_is_named_and_both_totals_compared() {
        let f = found(&doc(Template::Hunan2025));
        assert_eq!(f.len(), 2, "{f:?}");
        let c07 = f.iter().find(|(r, _)| r == "C07").map(|(_, m)| m.as_str());
        assert!(c07.is_some_and(|m| m.contains("30288")), "{f:?}");
        let x09 = f.iter().find(|(r, _)| r == "X10").map(|(_, m)| m.as_str());
        assert!(
            x09.is_some_and(|m| m.contains("120.00") && m.contains("127.00")),
            "{f:?}"
        );
    }

    #[test]
    fn silent_where_the_template_prints_no_gov_table_or_all_map() {
        assert!(found(&doc(Template::Wuhan2021)).is_empty());
        let mut d = doc(Template::Hunan2025);
        d.basic_by_economic.pop();
        assert!(found(&d).is_empty());
    }
}
