//! X13: a table with one row per 单位 prints a merged document's units as
//! recorded at the merge. When the document's 收支预算 was edited after the
//! merge, the units no longer add up to it and that table would disagree
//! with every other table: the document has to be merged again. Only where
//! the template prints such a table, and only for a merged document.

use super::{Figures, Finding, Rule};
use crate::location::{Location, Sheet};
use crate::model::{Amounts, Document};
use crate::money::Money;

/// X13.
pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    if doc.merged_from.is_empty() {
        return;
    }
    let spec = doc.meta.template.spec();
    let Some(table) = spec.units_table() else {
        return;
    };
    let mut units = Amounts::new();
    for (k, v) in doc.merged_from.iter().flat_map(|u| u.amounts.iter()) {
        *units.entry(*k).or_default() += *v;
    }
    let own = doc.budget_by_pair();
    let fig = Figures::of(doc);
    let at = |m: &Amounts, k| m.get(k).copied().unwrap_or(Money::ZERO);
    let mut pairs: Vec<_> = units.keys().chain(own.keys()).copied().collect();
    pairs.sort_unstable();
    pairs.dedup();
    let differences: Vec<String> = pairs
        .iter()
        .filter(|k| at(&units, k) != at(&own, k))
        .map(|k| {
            let (u, d) = (at(&units, k), at(&own, k));
            format!(
                "{}·{} 本文件 {}，各单位汇总时合计 {}，相差 {}",
                k.0.label(),
                k.1.label(),
                fig.m(d),
                fig.m(u),
                fig.m(d - u)
            )
        })
        .collect();
    if differences.is_empty() {
        return;
    }
    let again = format!(
        "重新汇总（yusuan merge 单位文件… --dept {} -o 本文件，或 文件 → 汇总所属单位…）",
        doc.meta.dept_name.trim()
    );
    let table = spec.table_name(table.number);
    // A file merged before the units' figures were recorded has none.
    let message = if units.is_empty() {
        format!(
            "本文件由较早的版本汇总，没有记录各单位的金额，{table}按单位分行印不出各单位的数；请{again}"
        )
    } else {
        format!(
            "本文件的收支预算在汇总后改过，与汇总时记录的各单位金额不符：{}。{table}按单位分行，印出的各单位数与其他各表会不一致；\
             应在单位文件中修改后{again}",
            differences.join("；"),
        )
    };
    out.push(Finding::new(
        Rule::X13,
        message,
        Location::sheet(Sheet::Budget),
    ));
}

#[cfg(test)]
mod tests {
    use crate::model::{BudgetLine, Document, FundSource, MergeSource, SpendingKind, Template};
    use crate::money::Money;

    const UNITS_TABLE: &str = r#"(id: "UnitsX13", name: "按单位", cover: "", toc_title: "", table_caption: "{title}",
        parts: [(kind: Tables, heading: "表")],
        tables: [(number: 1, title: "分单位表", query: Units(columns: [
            (header: "单位名称", measure: Field(Name)),
            (header: "合计", measure: Total),
            (measure: Each(Sources)),
        ]))])"#;

    /// A 部门 merged from two units (本级 10.00, 乙站 5.00 一般公共预算基本支出)
    /// in a template that prints a table per 单位.
    fn merged() -> Document {
        let mut doc = Document::blank("某局", 2025);
        let resolved = crate::template::resolve(UNITS_TABLE, &|_| None).expect("template reads");
        doc.meta.template = crate::template::reference(&resolved);
        let k = (FundSource::GeneralBudget, SpendingKind::Basic);
        let mut line = BudgetLine {
            code: crate::model::FunctionCode::new("2013350"),
            name: "事业运行".into(),
            ..Default::default()
        };
        line.amounts.insert(k, Money::from_cents(1_500));
        doc.budget_lines.push(line);
        for (unit, cents) in [("本级", 1_000), ("乙站", 500)] {
            doc.merged_from.push(MergeSource {
                file: format!("{unit}.ron"),
                unit: unit.into(),
                hash: "0".into(),
                amounts: [(k, Money::from_cents(cents))].into(),
            });
        }
        doc
    }

    fn x13(doc: &Document) -> Vec<String> {
        super::super::found_by(super::check, doc)
            .into_iter()
            .map(|(_, m, _)| m)
            .collect()
    }

    #[test]
    fn a_merged_document_edited_after_the_merge_is_an_error() {
        let mut doc = merged();
        assert_eq!(
            doc.meta.template.spec().units_table().map(|t| t.number),
            Some(1)
        );
        assert_eq!(x13(&doc), Vec::<String>::new());
        doc.budget_lines[0].set_amount(
            FundSource::GeneralBudget,
            SpendingKind::Project,
            Money::from_cents(200),
        );
        let found = x13(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(
                "一般公共预算拨款·项目支出 本文件 2.00，各单位汇总时合计 0.00，相差 2.00"
            ) && found[0].contains("重新汇总")
                && found[0].contains("yusuan merge"),
            "{found:?}"
        );
        // A file merged before the units' figures were recorded.
        let mut older = merged();
        for u in &mut older.merged_from {
            u.amounts.clear();
        }
        let found = x13(&older);
        assert!(
            found.len() == 1
                && found[0].contains("没有记录各单位的金额")
                && found[0].contains("重新汇总"),
            "{found:?}"
        );
        // Without a table per 单位 nothing is asked.
        doc.meta.template = Template::Wuhan2021;
        assert_eq!(x13(&doc), Vec::<String>::new());
        // Nor of a document that is not a merge.
        let mut single = merged();
        single.merged_from.clear();
        single.budget_lines[0].set_amount(
            FundSource::GeneralBudget,
            SpendingKind::Project,
            Money::from_cents(200),
        );
        assert_eq!(x13(&single), Vec::<String>::new());
    }
}
