//! 政府采购 and 政府购买服务 as facts: a template's `Purchases` query prints
//! one row per item (with 采购类型 subtotals when asked), `template check`
//! names a query that does not fit its list, and the rows travel with the
//! file (older files and files without them save as before).

use crate::table_queries::{MADE_UP, parse};
use yusuan::derive::table::{Cell, RowKind, Table};
use yusuan::model::{Document, ProcurementItem, ProcurementKind, PurchasedService};
use yusuan::money::{Money, parse_amount};

/// The made-up template with a 政府采购 table grouped by 采购类型 (合计
/// first) and a 购买服务 table (合计 last).
fn with_purchases() -> String {
    MADE_UP.replace(
        "    ],\n)",
        r#"        (number: 8, title: "政府采购预算明细表", query: Purchases(facts: Procurement, by_kind: true, columns: [
            (header: "采购项目", measure: Field(Name)),
            (header: "采购类型", measure: Field(Kind)),
            (header: "科目编码", measure: Field(Code)),
            (header: "金额", measure: Figure(Amount)),
        ])),
        (number: 9, title: "政府购买服务预算财政拨款明细表", query: Purchases(facts: Services, total: Last, columns: [
            (header: "项目名称", measure: Field(Name)),
            (header: "指导性目录", measure: Field(Category)),
            (header: "科目名称", measure: Field(CodeName)),
            (header: "金额", measure: Figure(Amount)),
        ])),
    ],
)"#,
    )
}

fn m(s: &str) -> Money {
    parse_amount(s).expect("amount")
}

fn doc() -> Document {
    let text = include_str!("../../examples/qingshan-2021.ron");
    let mut doc: Document = yusuan::io::from_str(text).expect("example");
    let code = doc.budget_lines[0].code.clone();
    let item = |name: &str, kind, amount| ProcurementItem {
        name: name.into(),
        kind,
        code: code.clone(),
        amount: m(amount),
    };
    doc.procurement = vec![
        item("印刷服务", ProcurementKind::Services, "3.00"),
        item("台式计算机", ProcurementKind::Goods, "5.50"),
        item("复印纸", ProcurementKind::Goods, "1.25"),
    ];
    doc.purchased_services = vec![PurchasedService {
        name: "物业管理服务".into(),
        category: "政府履职辅助性服务".into(),
        code,
        amount: m("8.00"),
    }];
    doc
}

fn text(t: &Table, r: usize, c: usize) -> &str {
    match t.rows.get(r).and_then(|row| row.cells.get(c)) {
        Some(Cell::Text(s)) => s.as_str(),
        _ => "",
    }
}

fn money(t: &Table, r: usize, c: usize) -> Money {
    match t.rows.get(r).and_then(|row| row.cells.get(c)) {
        Some(Cell::Money(x)) => *x,
        _ => Money::ZERO,
    }
}

#[test]
fn purchases_print_one_row_per_item_with_kind_subtotals() {
    let spec = parse(&with_purchases()).expect("parses");
    assert_eq!(spec.table_problems(), Vec::<String>::new());
    let doc = doc();
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let tables = yusuan::derive::published_tables_in(&doc, &catalog, &spec);
    let t = tables.iter().find(|t| t.number == 8).expect("表8");
    let rows: Vec<(RowKind, &str, &str, Money)> = (0..t.rows.len())
        .map(|r| (t.rows[r].kind, text(t, r, 0), text(t, r, 1), money(t, r, 3)))
        .collect();
    assert_eq!(
        rows,
        vec![
            (RowKind::Total, "合计", "", m("9.75")),
            (RowKind::Class, "货物", "", m("6.75")),
            (RowKind::Item, "台式计算机", "货物", m("5.50")),
            (RowKind::Item, "复印纸", "货物", m("1.25")),
            (RowKind::Class, "服务", "", m("3.00")),
            (RowKind::Item, "印刷服务", "服务", m("3.00")),
        ]
    );
    assert_eq!(text(t, 2, 2), doc.budget_lines[0].code.as_str());
    let s = tables.iter().find(|t| t.number == 9).expect("表9");
    assert_eq!(s.rows.len(), 2);
    assert_eq!(text(s, 0, 0), "物业管理服务");
    assert_eq!(text(s, 0, 1), "政府履职辅助性服务");
    assert_eq!(text(s, 0, 2), doc.budget_lines[0].name);
    assert_eq!((s.rows[1].kind, text(s, 1, 0)), (RowKind::Total, "合计"));
    assert_eq!(money(s, 1, 3), m("8.00"));
}

#[test]
fn template_check_names_a_purchases_query_that_does_not_fit_its_list() {
    let bad = with_purchases()
        .replace(
            "(header: \"指导性目录\", measure: Field(Category)),",
            "(header: \"采购类型\", measure: Field(Kind)), (header: \"实施单位\", measure: Field(Unit)),",
        )
        .replace(
            "facts: Services, total: Last,",
            "facts: Services, total: Last, by_kind: true,",
        );
    let problems = parse(&bad).expect("parses").table_problems();
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(
        has(
            "表9（政府购买服务预算财政拨款明细表） query.columns[2]（采购类型）：政府购买服务没有采购类型"
        ),
        "{problems:#?}"
    );
    assert!(
        has("columns[3]（实施单位）：采购表的栏目只能是"),
        "{problems:#?}"
    );
    assert!(has("by_kind：只有政府采购按采购类型分组"), "{problems:#?}");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn purchases_round_trip_and_files_without_them_save_as_before() {
    // A file without purchases saves without them: the text is what it was
    // before the fields existed (no `procurement:` or `purchased_services:`).
    let text = include_str!("../../examples/qingshan-2021.ron");
    let plain: Document = yusuan::io::from_str(text).expect("example");
    let saved = yusuan::io::to_string(&plain).expect("saves");
    assert!(!saved.contains("procurement:") && !saved.contains("purchased_services"));
    let d = doc();
    let saved = yusuan::io::to_string(&d).expect("saves");
    assert!(saved.contains("procurement:") && saved.contains("purchased_services:"));
    assert_eq!(yusuan::io::from_str(&saved).expect("reads"), d);
}

/// The 情况说明's text, joined.
fn narrative_text(doc: &Document) -> String {
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let derived = yusuan::derive::derive(doc, &catalog);
    yusuan::narrative::part3(doc, &catalog, &derived)
        .into_iter()
        .flat_map(|s| std::iter::once(s.heading).chain(s.paragraphs))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_text_states_the_procurement_rows_by_kind_not_a_typed_total() {
    // The 青山 example types 服务类 418.10 in 其他重要事项; once the
    // document has 政府采购 rows, the text states their sums by 采购类型
    // and the typed figures have no say.
    let d = doc();
    assert_eq!(d.other.procurement_services, m("418.10"));
    let text = narrative_text(&d);
    for needle in [
        "政府采购预算支出合计9.75万元",
        "货物类6.75万元",
        "服务类3.00万元",
    ] {
        assert!(text.contains(needle), "missing {needle}: {text}");
    }
    assert!(!text.contains("418.10"), "{text}");
    let totals = d.procurement_by_kind();
    assert_eq!(
        totals,
        [
            (ProcurementKind::Goods, m("6.75")),
            (ProcurementKind::Works, Money::ZERO),
            (ProcurementKind::Services, m("3.00")),
        ]
    );
    assert!(d.procurement_from_rows());
    // Without rows, the typed totals stand (older files print unchanged).
    let mut old = d.clone();
    old.procurement.clear();
    assert!(!old.procurement_from_rows());
    assert!(
        narrative_text(&old).contains("政府采购预算支出合计418.10万元。包括：服务类418.10万元")
    );
    // No rule compares the rows with the typed figures any more: they
    // cannot disagree with what the text prints.
    let catalog = yusuan::catalogs::for_document(&d.meta);
    let found = yusuan::rules::check(&d, &catalog);
    assert!(
        found
            .iter()
            .all(|f| !f.message.contains("其他重要事项中政府采购预算")),
        "{found:?}"
    );
}

#[test]
fn tianjin_names_its_procurement_table_among_the_empty_ones_only_without_rows() {
    let text = include_str!("../../examples/tianjin-2026.ron");
    let with_rows: Document = yusuan::io::from_str(text).expect("example");
    assert!(!with_rows.procurement.is_empty());
    let empty_note = "政府采购预算表：";
    assert!(!narrative_text(&with_rows).contains(empty_note));
    // Older file: typed totals, no rows. The table prints empty, and the
    // 说明 says so without denying the typed 政府采购预算 the text states.
    let mut typed = with_rows.clone();
    typed.procurement.clear();
    let t = narrative_text(&typed);
    assert!(
        t.contains("政府采购预算表：本表未列采购项目明细，政府采购预算见“其他重要事项”。"),
        "{t}"
    );
    // No rows and no 政府采购 at all.
    let mut none = typed.clone();
    none.other = Default::default();
    let t = narrative_text(&none);
    let said = format!(
        "政府采购预算表：{}{}年没有安排政府采购预算，故本表为空表。",
        none.meta.dept_name, none.meta.year
    );
    assert!(t.contains(&said), "{t}");
}
