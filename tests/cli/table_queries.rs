//! Tables as queries over the document's facts, with a template that is not
//! bundled: a made-up table list read from text is evaluated as the bundled
//! ones are (every 类 printed with blank zeros, a 合计 row last, 类-only
//! depth, a 收支总表 of the made-up shape), `template check`'s table part
//! finds what is wrong with a bad one, and the reader refuses unknown fields
//! with their line and column.

use crate::templates::assert_adds_up;
use yusuan::catalog::Classification;
use yusuan::derive::table::{Cell, RowKind, Table};
use yusuan::model::Document;
use yusuan::money::Money;
use yusuan::template::{Template, TemplateSpec};

/// A made-up 6-table edition: a 收支总表 whose 支出 side has 基本/项目
/// columns, every 功能 类 to 类 depth with its 合计 last, the 经济分类 by
/// 类, "三公" in 万元, projects, and a 政府性基金 tree that is often empty.
pub(crate) const MADE_UP: &str = r#"(
    name: "某省 2026（示例）",
    cover: "{year}年{entity}预算",
    toc_title: "目录",
    table_caption: "公开表{n} {name}{year}年{title}",
    parts: [(kind: Tables, heading: "预算表")],
    tables: [
        (number: 1, title: "{entity}收支总表", query: Summary(
            income: [
                Line(label: "一、财政拨款收入", sum: (sources: [GeneralBudget, GovFund, StateCapital])),
                Line(label: "二、单位资金收入", sum: (sources: [FiscalSpecialAccount, InstitutionIncome, OperatingIncome, HigherSubsidy, AffiliateRemittance, OtherIncome])),
                Subtotal("本年收入合计"),
                Line(label: "三、上年结转", sum: (sources: [CarryOver])),
            ],
            spending: [Classes(Plain), Subtotal("本年支出合计")],
            columns: [
                (header: "合计", measure: Total),
                (header: "基本支出", measure: Sum(kinds: [Basic])),
                (header: "项目支出", measure: Sum(kinds: [Project, RemitToHigher, Operating, AffiliateSubsidy])),
            ],
        )),
        (number: 2, title: "支出预算分类汇总表", query: Tree(
            rows: EveryClass,
            depth: Class,
            total: Last,
            codes_group: "支出功能分类",
            columns: [
                (group: "本年支出", header: "合计", measure: Total),
                (group: "本年支出/财政拨款", header: "一般公共预算", measure: Sum(sources: [GeneralBudget])),
                (group: "本年支出/财政拨款", header: "政府性基金", measure: Sum(sources: [GovFund, StateCapital])),
                (group: "本年支出", header: "单位资金", measure: Sum(sources: [FiscalSpecialAccount, InstitutionIncome, OperatingIncome, HigherSubsidy, AffiliateRemittance, OtherIncome, CarryOver])),
            ],
        )),
        (number: 3, title: "基本支出经济分类表", query: Tree(
            facts: Economic,
            depth: Class,
            columns: [
                (header: "合计", measure: Total),
                (header: "人员经费", measure: Sum(buckets: [Personnel])),
                (header: "公用经费", measure: Sum(buckets: [Public])),
            ],
        )),
        (number: 4, title: "“三公”经费表", unit: Some(WanYuan), query: Row(columns: [
            (header: "合计", measure: Figure(ThreePublic)),
            (header: "因公出国（境）费", measure: Figure(Abroad)),
            (header: "公务接待费", measure: Figure(Reception)),
            (group: "公务用车购置及运行费", header: "小计", measure: Figure(Vehicles)),
            (group: "公务用车购置及运行费", header: "购置费", measure: Figure(VehiclePurchase)),
            (group: "公务用车购置及运行费", header: "运行费", measure: Figure(VehicleOperation)),
        ])),
        (number: 5, title: "项目支出表", query: Projects(columns: [
            (header: "项目名称", measure: Field(Name)),
            (header: "合计", measure: Total),
            (header: "财政拨款", measure: Figure(ProjectFiscal)),
            (header: "其他资金", measure: Figure(ProjectOther)),
        ])),
        (number: 6, title: "政府性基金预算支出表", empty_note: Some("本{entity}无政府性基金预算支出"),
            query: Tree(filter: (sources: [GovFund]), columns: [
                (header: "合计", measure: Total),
                (header: "基本支出", measure: Sum(kinds: [Basic])),
                (header: "项目支出", measure: Sum(kinds: [Project])),
            ])),
        (number: 7, title: "收入预算表", zero: ZeroDecimals, query: Tree(depth: Section, columns: [
            (header: "合计", measure: Total),
            (group: "按资金来源", measure: Each(Sources)),
        ])),
    ],
)"#;

/// A table with one row per 单位 (issue 23): the 单位名称, its 合计 and one
/// column per 资金来源 some unit has money from.
pub(crate) const UNITS_TABLE: &str = r#"        (number: 8, title: "分单位收支预算表", query: Units(columns: [
            (header: "单位名称", measure: Field(Name)),
            (header: "合计", measure: Total),
            (group: "按资金来源", measure: Each(Sources)),
        ])),
"#;

/// [`MADE_UP`] with an id (so a document can carry it) and [`UNITS_TABLE`]
/// as its 表8.
pub(crate) fn with_units() -> String {
    let text = MADE_UP.replacen(
        "(\n    name:",
        "(\n    id: \"MoushengUnits\",\n    name:",
        1,
    );
    let end = text.rfind("    ],\n)").expect("the table list ends");
    let out = format!("{}{UNITS_TABLE}{}", &text[..end], &text[end..]);
    assert!(out.contains("id: \"MoushengUnits\""), "{out}");
    out
}

/// Reads a template text as the program does.
pub(crate) fn parse(text: &str) -> Result<TemplateSpec, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
        .from_str(text)
}

fn example(name: &str) -> Document {
    let text = std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("example file");
    yusuan::io::from_str(&text).expect("example parses")
}

fn money(t: &Table, r: usize, c: usize) -> Money {
    match t.rows[r].cells.get(c) {
        Some(Cell::Money(m)) => *m,
        _ => Money::ZERO,
    }
}

#[test]
fn a_made_up_table_list_derives_every_class_with_blank_zeros_and_its_total_last() {
    let spec = parse(MADE_UP).expect("made-up template parses");
    assert_eq!(spec.table_problems(), Vec::<String>::new());
    let doc = example("qingshan-2021.ron");
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let tables = yusuan::derive::published_tables_in(&doc, &catalog, &spec);
    assert_eq!(
        tables.iter().map(|t| t.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    for t in &tables {
        assert_adds_up(t);
    }
    // 表2: one row per 类 of the catalog, in code order, then 合计.
    let t2 = &tables[1];
    let classes: Vec<&str> = catalog
        .rows(Classification::Function)
        .keys()
        .map(String::as_str)
        .filter(|c| c.len() == 3)
        .collect();
    assert!(classes.len() > 10, "{}", classes.len());
    let (last, body) = t2.rows.split_last().expect("rows");
    assert_eq!(last.kind, RowKind::Total);
    let codes: Vec<&str> = body
        .iter()
        .map(|r| match &r.cells[0] {
            Cell::Text(s) => s.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(codes, classes);
    assert!(body.iter().all(|r| r.kind == RowKind::Class));
    // Zeros print blank: most 类 have no amount in this document.
    let zero_row = body
        .iter()
        .position(|r| r.cells[2..].iter().all(|c| *c == Cell::Money(Money::ZERO)))
        .expect("a 类 without amounts");
    assert_eq!(t2.money_text(money(t2, zero_row, 2), false), "");
    // The 合计 row last is the sum of the 类, and the document's total.
    let total: Money = body.iter().enumerate().map(|(i, _)| money(t2, i, 2)).sum();
    assert_eq!(money(t2, t2.rows.len() - 1, 2), total);
    // Header tree from the group paths: 本年支出 over 4 columns, 财政拨款 over 2.
    let top: Vec<(&str, usize)> = t2.header[0]
        .iter()
        .map(|h| (h.text.as_str(), h.colspan))
        .collect();
    assert_eq!(top, [("支出功能分类", 2), ("本年支出", 4)]);
    let texts = |r: usize| -> Vec<&str> { t2.header[r].iter().map(|h| h.text.as_str()).collect() };
    assert_eq!(
        texts(1),
        ["科目编码", "科目名称", "合计", "财政拨款", "单位资金"]
    );
    assert_eq!(texts(2), ["一般公共预算", "政府性基金"]);
    assert_eq!(t2.header[1][0].rowspan, 2);
    // 表1: 收入总计 = 支出总计 = the document's total.
    let t1 = &tables[0];
    let closing = t1.rows.last().expect("closing row");
    assert_eq!(closing.cells[0], Cell::text("收入总计"));
    assert_eq!(
        money(t1, t1.rows.len() - 1, 1),
        money(t1, t1.rows.len() - 1, 3)
    );
    // 表3 prints 类 only.
    assert!(tables[2].rows.iter().all(|r| r.kind != RowKind::Item));
    // At `Section` depth an 经济分类 table prints its 款 (its lines).
    let econ_section = MADE_UP.replacen(
        "facts: Economic,\n            depth: Class,",
        "facts: Economic,\n            depth: Section,",
        1,
    );
    assert_ne!(econ_section, MADE_UP);
    let spec = parse(&econ_section).expect("parses");
    let t3 = &yusuan::derive::published_tables_in(&doc, &catalog, &spec)[2];
    assert_eq!(
        t3.rows.iter().filter(|r| r.kind == RowKind::Item).count(),
        doc.basic_by_economic
            .iter()
            .filter(|l| !l.amount.is_zero())
            .count()
    );
    // 表4 in 万元 whatever the document's unit.
    assert_eq!(tables[3].unit, yusuan::model::MoneyUnit::WanYuan);
    // 表7: one column per 资金来源 the document has, named as entered.
    let t7 = &tables[6];
    let used: Vec<&str> = yusuan::model::FundSource::ALL
        .into_iter()
        .filter(|s| {
            doc.budget_lines
                .iter()
                .any(|l| !l.source_total(*s).is_zero())
        })
        .map(|s| s.label())
        .collect();
    assert!(!used.is_empty());
    let heads: Vec<&str> = t7.header[1].iter().map(|h| h.text.as_str()).collect();
    assert_eq!(heads, used);
    assert_eq!(t7.header[0][3].text, "按资金来源");
    assert_eq!(t7.columns.len(), 3 + used.len());
    assert!(t7.rows.iter().all(|r| r.kind != RowKind::Item));
    assert_eq!(t7.money_text(Money::ZERO, false), "0.00");
}

#[test]
fn the_bundled_templates_tables_have_no_problems() {
    for t in Template::ALL {
        assert_eq!(t.spec().table_problems(), Vec::<String>::new(), "{t:?}");
    }
}

#[test]
fn template_check_names_each_table_problem() {
    let bad = MADE_UP
        // A 合计 column with nothing to add.
        .replace(
            r#"(header: "项目名称", measure: Field(Name)),"#,
            r#"(header: "项目名称", measure: Field(Name)), (header: "小计", measure: Total),"#,
        )
        // 人员/公用 over 功能科目 amounts: a fact that cannot exist.
        .replace(
            r#"(header: "基本支出", measure: Sum(kinds: [Basic])),
                (header: "项目支出", measure: Sum(kinds: [Project])),
            ])),"#,
            r#"(header: "基本支出", measure: Sum(buckets: [Personnel])),
                (header: "项目支出", measure: Sum(sources: [GeneralBudget])),
            ])),"#,
        )
        // A header override narrower than the table.
        .replace(
            r#"(number: 4, title: "“三公”经费表","#,
            r#"(number: 4, title: "“三公”经费表", header: Some([[(text: "合计", cols: 2)]]),"#,
        )
        // Codes to split in a table without codes.
        .replace(
            r#"(number: 5, title: "项目支出表","#,
            r#"(number: 5, title: "项目支出表", split_code: true,"#,
        );
    let bad = bad.replace(
        r#"Line(label: "三、上年结转", sum: (sources: [CarryOver])),"#,
        r#"Line(label: "三、上年结转", sum: (sources: [CarryOver, OtherIncome])),"#,
    );
    let spec = parse(&bad).expect("still well-formed");
    let problems = spec.table_problems();
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(
        has(
            "表6（政府性基金预算支出表） query.columns[2]（基本支出）：功能科目金额没有人员/公用之分"
        ),
        "{problems:#?}"
    );
    assert!(
        has("columns[3]（项目支出）：筛选条件与表的 filter 没有交集"),
        "{problems:#?}"
    );
    assert!(
        has("表4（“三公”经费表） header 第1行：覆盖 2 栏，表有 6 栏"),
        "{problems:#?}"
    );
    // The Total beside Field columns only still has parts (财政拨款,
    // 其他资金): not reported; a Row of figures only has no Total.
    // Other income counted twice on the 收入 side: 收入总计 would be too big.
    assert!(
        has("表1（{entity}收支总表） query.income[4]：与上面的行重复计入同一笔金额"),
        "{problems:#?}"
    );
    assert!(
        has("表5（项目支出表） split_code：只有分类表有科目编码可拆"),
        "{problems:#?}"
    );
    assert_eq!(problems.len(), 5, "{problems:#?}");
    let one_sided = MADE_UP.replace(
        r#"Line(label: "三、上年结转", sum: (sources: [CarryOver])),"#,
        "",
    );
    assert!(
        parse(&one_sided)
            .expect("parses")
            .table_problems()
            .iter()
            .any(|p| p.contains("收入方与支出方计入的资金来源、支出类型不同")
                // The message names what only one side counts.
                && p.contains("只在支出方：上年结转")),
        "{:#?}",
        parse(&one_sided).expect("parses").table_problems()
    );
    let no_parts = MADE_UP.replace(
        r#"(header: "合计", measure: Total),
                (header: "人员经费", measure: Sum(buckets: [Personnel])),
                (header: "公用经费", measure: Sum(buckets: [Public])),"#,
        r#"(header: "合计", measure: Total),"#,
    );
    let problems = parse(&no_parts).expect("parses").table_problems();
    assert_eq!(
        problems,
        [
            "表3（基本支出经济分类表） query.columns[1]（合计）：Total 是其他金额栏之和，但没有其他金额栏"
        ]
    );
}

#[test]
fn an_unknown_field_is_refused_with_its_line_and_column() {
    let typo = MADE_UP.replace("codes_group:", "code_group:");
    let e = parse(&typo).expect_err("unknown field");
    let line = MADE_UP
        .lines()
        .position(|l| l.contains("codes_group:"))
        .expect("line")
        + 1;
    assert_eq!(e.span.start.line, line, "{e}");
    assert!(e.to_string().contains("code_group"), "{e}");
}

/// A 项目支出表 by 资金来源: the 项目编码 as a text column and
/// `Each(Sources)` expanding to one column per source a project has money
/// from, the 合计 row adding the projects; a `Sum` names sources. A `Sum`
/// over 支出类型 other than 项目支出 is refused.
#[test]
fn a_project_table_prints_codes_and_amounts_by_source() {
    use yusuan::model::FundSource;
    let columns = |money: &str| {
        MADE_UP.replace(
            r#"(header: "项目名称", measure: Field(Name)),
            (header: "合计", measure: Total),
            (header: "财政拨款", measure: Figure(ProjectFiscal)),
            (header: "其他资金", measure: Figure(ProjectOther)),"#,
            &format!(
                r#"(header: "项目编码", measure: Field(Code)),
            (header: "项目名称", measure: Field(Name)),
            (header: "合计", measure: Total),
            {money},"#
            ),
        )
    };
    let mut doc = example("qingshan-2021.ron");
    doc.projects[1].set_amount(FundSource::GovFund, Money::from_cents(1_000));
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let table = |text: &str| {
        let spec = parse(text).expect("parses");
        assert_eq!(spec.table_problems(), Vec::<String>::new());
        let tables = yusuan::derive::published_tables_in(&doc, &catalog, &spec);
        let t = tables.into_iter().find(|t| t.number == 5).expect("表5");
        assert_adds_up(&t);
        t
    };
    let general: Money = doc
        .projects
        .iter()
        .map(|p| p.amount(FundSource::GeneralBudget))
        .sum();
    let ten = Money::from_cents(1_000);

    let t = table(&columns(r#"(group: "按资金来源", measure: Each(Sources))"#));
    assert_eq!(
        t.column_titles(),
        [
            "项目编码",
            "项目名称",
            "合计",
            "按资金来源/一般公共预算拨款",
            "按资金来源/政府性基金预算拨款"
        ]
    );
    assert_eq!(t.rows[0].cells[0], Cell::Empty, "合计 has no code");
    assert_eq!(
        t.rows[1].cells[0],
        Cell::text(doc.projects[0].code.as_str())
    );
    assert_eq!(t.rows[2].cells[0], Cell::text("XM002"));
    assert_eq!(
        (money(&t, 0, 2), money(&t, 0, 3), money(&t, 0, 4)),
        (general + ten, general, ten)
    );
    assert_eq!(money(&t, 2, 4), ten);

    let t = table(&columns(
        r#"(header: "一般公共预算", measure: Sum(sources: [GeneralBudget])),
            (header: "政府性基金", measure: Sum(sources: [GovFund]))"#,
    ));
    assert_eq!((money(&t, 0, 3), money(&t, 0, 4)), (general, ten));

    let bad = columns(r#"(header: "基本支出", measure: Sum(kinds: [Basic]))"#);
    let problems = parse(&bad).expect("parses").table_problems();
    assert!(
        problems.iter().any(|p| p.contains("只按资金来源区分")),
        "{problems:#?}"
    );
}

/// 中央's 上年 and 增减 columns: `Prior(…)` sums the lines' 上年预算数 and
/// `Change(…)` this year's less it, through the tree's subtotals, and the
/// 合计 column adds neither; `{prior_year}` fills a header; the sum rules
/// hold for such a table (no T01/T02 finding).
#[test]
fn a_tree_prints_prior_and_change_columns_outside_its_total() {
    let spec = parse(
        r#"(name: "上年对比", cover: "", toc_title: "", table_caption: "{title}",
            parts: [(kind: Tables, heading: "表")],
            tables: [(number: 1, title: "一般公共预算支出表", query: Tree(
                filter: (sources: [GeneralBudget]),
                columns: [
                    (group: "{year}年预算数", header: "合计", measure: Total),
                    (group: "{year}年预算数", header: "基本支出", measure: Sum(kinds: [Basic])),
                    (group: "{year}年预算数", header: "项目支出", measure: Sum(kinds: [Project])),
                    (header: "{prior_year}年预算数", measure: Prior()),
                    (header: "增减", measure: Change()),
                ],
            ))])"#,
    )
    .expect("parses");
    assert_eq!(spec.table_problems(), Vec::<String>::new());
    let mut doc = example("qingshan-2021.ron");
    // Without any 上年 figure the 增减 column stays empty rather than
    // repeat this year's amounts as an increase.
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let t = &yusuan::derive::published_tables_in(&doc, &catalog, &spec)[0];
    assert!((0..t.rows.len()).all(|r| money(t, r, 6).is_zero() && money(t, r, 5).is_zero()));
    assert!(!money(t, 0, 2).is_zero());
    // 上年: every line one unit less, and one line that has gone since.
    let one = Money::from_cents(100);
    for l in &mut doc.budget_lines {
        l.prior = l.amounts.iter().map(|(k, v)| (*k, *v - one)).collect();
    }
    let mut gone = doc.budget_lines[0].clone();
    gone.code = yusuan::model::FunctionCode::new("2010101");
    gone.name = "行政运行".into();
    gone.prior = gone.amounts.clone();
    gone.amounts.clear();
    doc.budget_lines.push(gone.clone());
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let t = &yusuan::derive::published_tables_in(&doc, &catalog, &spec)[0];
    assert_adds_up(t);
    let titles = t.column_titles();
    assert!(titles.iter().any(|c| c == "2020年预算数"), "{titles:?}");
    assert!(
        titles.iter().any(|c| c.starts_with("2021年预算数")),
        "{titles:?}"
    );
    let total_row = t
        .rows
        .iter()
        .position(|r| r.kind == RowKind::Total)
        .expect("合计");
    let (now, prior, change) = (
        money(t, total_row, 2),
        money(t, total_row, 5),
        money(t, total_row, 6),
    );
    assert_eq!(now, money(t, total_row, 3) + money(t, total_row, 4));
    assert_eq!(change, now - prior);
    let entered: Money = doc
        .budget_lines
        .iter()
        .flat_map(|l| l.prior.iter())
        .filter(|((s, _), _)| *s == yusuan::model::FundSource::GeneralBudget)
        .map(|(_, v)| *v)
        .sum();
    assert_eq!(prior, entered);
    // The line that has gone prints: nothing this year, its 上年, a fall.
    let row = t
        .rows
        .iter()
        .position(|r| matches!(&r.cells[0], Cell::Text(c) if c == "2010101"))
        .expect("the line of last year only");
    assert!(money(t, row, 2).is_zero());
    assert_eq!(money(t, row, 6), -money(t, row, 5));
    let found = yusuan::rules::check(&doc, &catalog);
    assert!(
        !found.iter().any(|f| ["T01", "T02"].contains(&f.rule.id())),
        "{found:?}"
    );
}

/// Issue 23: the checks find the 合计 and 基本支出 columns where the
/// template puts them: a 一般公共预算支出表 printing 项目支出, 基本支出 and
/// then 合计 checks as clean as the one with 合计 first (T02 compared the
/// first column with the others, the printed-fact check read 基本支出 from
/// the second).
#[test]
fn checks_find_the_total_and_basic_columns_wherever_the_template_puts_them() {
    let base = yusuan::template::bundled_text("Wuhan2021").expect("bundled");
    let reordered = base.replacen(
        r#"                (group: "一般公共预算支出", header: "合计", measure: Total),
                (group: "一般公共预算支出", header: "基本支出", measure: Sum(kinds: [Basic])),
                (group: "一般公共预算支出", header: "项目支出", measure: Sum(kinds: [Project])),"#,
        r#"                (group: "一般公共预算支出", header: "项目支出", measure: Sum(kinds: [Project])),
                (group: "一般公共预算支出", header: "基本支出", measure: Sum(kinds: [Basic])),
                (group: "一般公共预算支出", header: "合计", measure: Total),"#,
        1,
    );
    assert_ne!(base, reordered, "表2's columns are as this test expects");
    let texts = vec![reordered.clone()];
    let text = std::fs::read_to_string(format!(
        "{}/examples/qingshan-2021.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example");
    let r = format!(
        "    meta: (\n        template: Ref(id: \"Wuhan2021r\", hash: Some(\"{}\"), carried: Some([{:?}])),\n",
        yusuan::model::content_hash(&texts),
        reordered
    );
    let doc = yusuan::io::from_str(&text.replacen("    meta: (\n", &r, 1)).expect("loads");
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let t2 = yusuan::derive::published_tables(&doc, &catalog)
        .into_iter()
        .find(|t| t.number == 2)
        .expect("表2");
    let first = t2.first_money_column();
    assert_eq!(t2.total_column(), Some(first + 2));
    assert_eq!(
        t2.kind_column(yusuan::model::SpendingKind::Basic),
        Some(first + 1)
    );
    assert_adds_up(&t2);
    // The example checks as clean as in its own template.
    let rules = |d: &Document| -> Vec<String> {
        yusuan::rules::check(d, &catalog)
            .iter()
            .map(|f| format!("{:?} {}", f.rule, f.message))
            .collect()
    };
    let ours = rules(&doc);
    assert_eq!(ours, rules(&example("qingshan-2021.ron")), "{ours:#?}");
}

/// Issue 24: a 收支总表 prints rows a budget holds no figure for (结转下年,
/// 使用非财政拨款结余) with their label, blank, adding to nothing.
#[test]
fn an_empty_summary_row_prints_its_label_and_adds_nothing() {
    let text = MADE_UP.replacen(
        r#"spending: [Classes(Plain), Subtotal("本年支出合计")],"#,
        r#"spending: [Classes(Plain), Subtotal("本年支出合计"), Empty("结转下年")],"#,
        1,
    );
    assert_ne!(text, MADE_UP);
    let spec = parse(&text).expect("parses");
    assert_eq!(spec.table_problems(), Vec::<String>::new());
    let doc = example("qingshan-2021.ron");
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let t1 = &yusuan::derive::published_tables_in(&doc, &catalog, &spec)[0];
    let at = t1
        .rows
        .iter()
        .position(|r| r.cells.contains(&Cell::text("结转下年")))
        .expect("the row prints");
    let label = t1.rows[at]
        .cells
        .iter()
        .position(|c| *c == Cell::text("结转下年"))
        .expect("label");
    let amounts: Vec<&Cell> = t1.rows[at].cells[label + 1..].iter().collect();
    assert!(
        amounts.iter().all(|c| **c == Cell::Money(Money::ZERO)),
        "{amounts:?}"
    );
    assert_eq!(t1.money_text(Money::ZERO, false), "");
    let last = t1.rows.len() - 1;
    assert_eq!(money(t1, last, 1), money(t1, last, 3));
    assert_eq!(money(t1, last, 3), yusuan::derive::totals(&doc).total);
}

/// Issue 24: 会议费 and 培训费 (甘肃 prints them beside "三公") come from
/// the 经济分类 the document holds: the 财政拨款 split where it is entered
/// (基本 and 项目 under 30215/30216), else the 基本支出 经济分类 line.
#[test]
fn meetings_and_training_come_from_the_economic_figures() {
    use yusuan::model::{CostBucket, CrossLine, EconomicCode, EconomicLine, FunctionCode};
    let text = r#"(
        name: "会议培训（示例）",
        cover: "{year}年{entity}预算",
        table_caption: "{title}",
        parts: [(kind: Tables, heading: "预算表")],
        tables: [
            (number: 1, title: "“三公”经费、会议费、培训费支出表", zero: ZeroDecimals, query: Row(columns: [
                (header: "“三公”经费", measure: Figure(ThreePublic)),
                (header: "会议费", measure: Figure(Meetings)),
                (header: "培训费", measure: Figure(Training)),
            ])),
        ],
    )"#;
    let spec = parse(text).expect("parses");
    assert_eq!(spec.table_problems(), Vec::<String>::new());
    let mut doc = example("qingshan-2021.ron");
    doc.fiscal_by_economic.clear();
    let line = |code: &str, name: &str, cents| EconomicLine {
        code: EconomicCode::new(code),
        name: name.into(),
        bucket: CostBucket::Public,
        amount: Money::from_cents(cents),
        prior: None,
    };
    doc.basic_by_economic.push(line("30215", "会议费", 200));
    doc.basic_by_economic.push(line("30216", "培训费", 150));
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let row = |d: &Document| -> Vec<Money> {
        let t = &yusuan::derive::published_tables_in(d, &catalog, &spec)[0];
        (1..3).map(|c| money(t, 0, c)).collect()
    };
    assert_eq!(row(&doc), [Money::from_cents(200), Money::from_cents(150)]);
    // With the split, its 基本 and 项目 parts under each code.
    doc.fiscal_by_economic = vec![
        CrossLine {
            code: FunctionCode::new("2013350"),
            economic_code: EconomicCode::new("30215"),
            basic: Money::from_cents(200),
            project: Money::ZERO,
        },
        CrossLine {
            code: FunctionCode::new("2013399"),
            economic_code: EconomicCode::new("30215"),
            basic: Money::ZERO,
            project: Money::from_cents(1_000),
        },
    ];
    assert_eq!(row(&doc), [Money::from_cents(1_200), Money::ZERO]);
    assert_eq!(doc.economic_spending("30215"), Money::from_cents(1_200));
}
