//! The data tables in their published row and column shape, one builder per
//! [`TableKind`]; titles, numbers, header overrides and units come from the
//! template in [`super::published`].

use super::groups::by_prefix;
use super::table::{Align, Cell, Column, HeaderCell, Row, RowKind, Shape, Table};
use super::totals::Totals;
use crate::catalog::Catalog;
use crate::model::{
    BudgetLine, CodeLevel, CostBucket, Document, EconomicCode, EconomicLine, FunctionCode,
    FundSource, SpendingKind,
};
use crate::money::Money;
use crate::numerals::chinese_ordinal;
use crate::template::{IncomeLine, KindColumn, SourceColumn, TableKind};

/// Name printed for a subtotal whose code is not in the catalog.
const UNKNOWN: &str = "（科目表中无此科目）";

fn text_col(weight: f32) -> Column {
    Column {
        weight,
        align: Align::Left,
    }
}
fn code_col() -> Column {
    Column {
        weight: 1.2,
        align: Align::Center,
    }
}
fn money_cols(n: usize) -> impl Iterator<Item = Column> {
    (0..n).map(|_| Column {
        weight: 1.0,
        align: Align::Right,
    })
}

fn add_into(acc: &mut [Money], values: &[Money]) {
    for (a, v) in acc.iter_mut().zip(values) {
        *a += *v;
    }
}

fn with_total(values: &[Money]) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(values.len() + 1);
    push_money(&mut cells, values, true);
    cells
}

/// Appends `values` to `cells`, after their sum when `total` is set.
fn push_money(cells: &mut Vec<Cell>, values: &[Money], total: bool) {
    if total {
        cells.push(Cell::Money(values.iter().sum()));
    }
    cells.extend(values.iter().map(|v| Cell::Money(*v)));
}

/// The 类 and 款 prefixes of a code ("" where it has none).
fn code_prefixes(code: &FunctionCode) -> (&str, &str) {
    let at = |level| code.prefix(level).unwrap_or("");
    (at(CodeLevel::Class), at(CodeLevel::Section))
}

/// The 收支预算 lines in printed order: by 类, then 款, in entry order within
/// a 款 (malformed codes first). Computed once per derivation and shared by
/// every 功能科目 table, instead of each table building its own tree of
/// string keys; indices, so that a converted copy of the document (same
/// lines, other amounts) can use it too.
pub struct LineOrder(Vec<usize>);

impl LineOrder {
    /// The order of `doc`'s lines.
    pub fn of(doc: &Document) -> Self {
        let lines = &doc.budget_lines;
        // (类, 款) as one integer: the digits of fixed-length prefixes order
        // as their text does; malformed codes (no prefixes) first, a 类 code
        // (no 款) before its 款.
        let key = |l: &BudgetLine| -> u64 {
            let (class, section) = code_prefixes(&l.code);
            let number = |s: &str| s.parse::<u64>().map_or(0, |n| n + 1);
            number(class) * 1_000_000 + number(section)
        };
        let mut keyed: Vec<(u64, usize)> =
            lines.iter().enumerate().map(|(i, l)| (key(l), i)).collect();
        // Entry order breaks ties: lines of one 款 keep the order they were
        // entered in.
        keyed.sort_unstable();
        LineOrder(keyed.into_iter().map(|(_, i)| i).collect())
    }

    /// Calls `f` with each of `doc`'s lines in this order and the `width`
    /// amounts `values` gives it, skipping lines whose amounts are all zero
    /// (one buffer for all lines).
    fn each_with_values<'a>(
        &self,
        doc: &'a Document,
        width: usize,
        values: impl Fn(&BudgetLine, &mut [Money]),
        mut f: impl FnMut(&'a BudgetLine, &[Money]),
    ) {
        let mut v = vec![Money::ZERO; width];
        for line in self.0.iter().filter_map(|&i| doc.budget_lines.get(i)) {
            v.fill(Money::ZERO);
            values(line, &mut v);
            if !v.iter().all(|m| m.is_zero()) {
                f(line, &v);
            }
        }
    }
}

/// A subtotal row under construction: where it sits and what it sums.
struct Open<'a> {
    code: &'a str,
    row: usize,
    sum: Vec<Money>,
}

/// Rows of a 功能科目 table: a 合计 row, then for each 类 its subtotal, each
/// 款 its subtotal and each 项 row. `values` fills one amount per value
/// column for a line; lines that are all zero are left out. When
/// `total_col` is set, a 合计 column (Σ values) precedes the value columns.
fn function_rows(
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    values: impl Fn(&BudgetLine, &mut [Money]),
    width: usize,
    total_col: bool,
) -> Vec<Row> {
    let cells = |into: &mut Vec<Cell>, v: &[Money]| push_money(into, v, total_col);
    // Code and name now, amounts when the subtotal closes.
    let labelled = |kind, code: &str, name: &str| {
        let mut cells = Vec::with_capacity(3 + width);
        cells.extend([Cell::text(code), Cell::text(name)]);
        Row { kind, cells }
    };
    let subtotal_row = |kind, code: &str| {
        labelled(
            kind,
            code,
            catalog.function_name_str(code).unwrap_or(UNKNOWN),
        )
    };
    // Closes a subtotal: its figures go into its row and into its parent.
    let close = |rows: &mut [Row], open: Open, parent: &mut [Money]| {
        add_into(parent, &open.sum);
        cells(&mut rows[open.row].cells, &open.sum);
    };
    let mut rows = vec![Row {
        kind: RowKind::Total,
        cells: vec![Cell::Empty, Cell::text("合计")],
    }];
    rows[0].cells.reserve(1 + width);
    let mut grand = vec![Money::ZERO; width];
    let mut class: Option<Open> = None;
    let mut section: Option<Open> = None;
    order.each_with_values(doc, width, values, |line, v| {
        let (c, s) = code_prefixes(&line.code);
        let new_class = class.as_ref().is_none_or(|o| o.code != c);
        if new_class || section.as_ref().is_none_or(|o| o.code != s) {
            if let (Some(done), Some(parent)) = (section.take(), class.as_mut()) {
                close(&mut rows, done, &mut parent.sum);
            }
            if new_class {
                if let Some(done) = class.take() {
                    close(&mut rows, done, &mut grand);
                }
                rows.push(subtotal_row(RowKind::Class, c));
                class = Some(Open {
                    code: c,
                    row: rows.len() - 1,
                    sum: vec![Money::ZERO; width],
                });
            }
            rows.push(subtotal_row(RowKind::Section, s));
            section = Some(Open {
                code: s,
                row: rows.len() - 1,
                sum: vec![Money::ZERO; width],
            });
        }
        if let Some(open) = section.as_mut() {
            add_into(&mut open.sum, v);
        }
        let mut item = labelled(RowKind::Item, line.code.as_str(), &line.name);
        cells(&mut item.cells, v);
        rows.push(item);
    });
    if let (Some(done), Some(parent)) = (section.take(), class.as_mut()) {
        close(&mut rows, done, &mut parent.sum);
    }
    if let Some(done) = class.take() {
        close(&mut rows, done, &mut grand);
    }
    cells(&mut rows[0].cells, &grand);
    rows
}

/// Per-类 amounts of the lines (for the two-sided 表1 and 表6).
fn class_amounts(
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    values: impl Fn(&BudgetLine, &mut [Money]),
    width: usize,
) -> Vec<(String, Vec<Money>)> {
    let mut out: Vec<(&str, Vec<Money>)> = Vec::new();
    order.each_with_values(doc, width, values, |line, v| {
        let (class, _) = code_prefixes(&line.code);
        match out.last_mut() {
            Some((c, sum)) if *c == class => add_into(sum, v),
            _ => out.push((class, v.to_vec())),
        }
    });
    out.into_iter()
        .map(|(c, v)| {
            let name = catalog.function_name_str(c).unwrap_or(UNKNOWN);
            (name.to_string(), v)
        })
        .collect()
}

/// Merges the income and spending sides of a 收支总表 into rows; the
/// 总计 rows go last, side by side.
fn two_sided(
    left: Vec<Vec<Cell>>,
    right: Vec<Vec<Cell>>,
    left_w: usize,
    right_w: usize,
    totals: (Vec<Cell>, Vec<Cell>),
) -> Vec<Row> {
    let n = left.len().max(right.len());
    let mut rows = Vec::with_capacity(n + 1);
    let mut l = left.into_iter();
    let mut r = right.into_iter();
    for _ in 0..n {
        let mut cells = l.next().unwrap_or_else(|| vec![Cell::Empty; left_w]);
        cells.extend(r.next().unwrap_or_else(|| vec![Cell::Empty; right_w]));
        rows.push(Row {
            kind: RowKind::Plain,
            cells,
        });
    }
    let (mut tl, tr) = totals;
    tl.extend(tr);
    rows.push(Row {
        kind: RowKind::Total,
        cells: tl,
    });
    rows
}

/// 财政拨款收支预算总表 (武汉 表1).
fn fiscal_summary(doc: &Document, order: &LineOrder, catalog: &Catalog, t: &Totals) -> Table {
    let fiscal_values = |l: &BudgetLine, out: &mut [Money]| {
        for (o, s) in out.iter_mut().zip(FundSource::FISCAL) {
            *o = l.source_total(s);
        }
    };
    let mut left = vec![vec![Cell::text("一、本年收入"), Cell::Money(t.fiscal)]];
    for (i, s) in FundSource::FISCAL.iter().enumerate() {
        left.push(vec![
            Cell::Text(format!("  {}{}", chinese_ordinal(i + 1, true), s.label())),
            Cell::Money(t.source(*s)),
        ]);
    }
    let mut right = vec![{
        let mut c = vec![Cell::text("一、本年支出")];
        c.extend(with_total(&FundSource::FISCAL.map(|s| t.source(s))));
        c
    }];
    for (i, (name, v)) in class_amounts(doc, order, catalog, fiscal_values, 3)
        .into_iter()
        .enumerate()
    {
        let mut c = vec![Cell::Text(format!(
            "  {}{}",
            chinese_ordinal(i + 1, true),
            name
        ))];
        c.extend(with_total(&v));
        right.push(c);
    }
    let totals_row = (vec![Cell::text("收入总计"), Cell::Money(t.fiscal)], {
        let mut c = vec![Cell::text("支出总计")];
        c.extend(with_total(&FundSource::FISCAL.map(|s| t.source(s))));
        c
    });
    two_sided_table(
        2.6,
        &["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        two_sided(left, right, 2, 5, totals_row),
    )
}

/// A 收入 | 支出 summary table (表1, 表6): 项目 and 预算数 on the left,
/// 项目 and the `right` amount columns on the right.
fn two_sided_table(label_width: f32, right: &[&str], rows: Vec<Row>) -> Table {
    let mut second = vec![
        HeaderCell::new("项目"),
        HeaderCell::new("预算数"),
        HeaderCell::new("项目"),
    ];
    second.extend(right.iter().map(|l| HeaderCell::new(*l)));
    Table {
        shape: Shape::TwoSided,
        columns: [text_col(label_width)]
            .into_iter()
            .chain(money_cols(1))
            .chain([text_col(label_width)])
            .chain(money_cols(right.len()))
            .collect(),
        header: vec![
            vec![
                HeaderCell::new("收入").cols(2),
                HeaderCell::new("支出").cols(1 + right.len()),
            ],
            second,
        ],
        rows,
        ..Default::default()
    }
}

/// 功能科目 rows of one 资金来源: 合计 | 基本支出 | 项目支出 (武汉 表2, 表5;
/// 上海 功能分类预算表).
fn by_source(doc: &Document, order: &LineOrder, catalog: &Catalog, source: FundSource) -> Table {
    let group = match source {
        FundSource::GeneralBudget => "一般公共预算支出",
        FundSource::GovFund => "政府性基金预算支出",
        FundSource::StateCapital => "国有资本经营预算支出",
        other => other.label(),
    };
    let rows = function_rows(
        doc,
        order,
        catalog,
        |l, out| {
            out[0] = l.amount(source, SpendingKind::Basic);
            out[1] = l.amount(source, SpendingKind::Project);
        },
        2,
        true,
    );
    Table {
        shape: Shape::CodeTree,
        columns: [code_col(), text_col(3.0)]
            .into_iter()
            .chain(money_cols(3))
            .collect(),
        header: vec![
            vec![
                HeaderCell::new("功能分类科目").cols(2),
                HeaderCell::new(group).cols(3),
            ],
            vec![
                HeaderCell::new("科目编码"),
                HeaderCell::new("科目名称"),
                HeaderCell::new("合计"),
                HeaderCell::new("基本支出"),
                HeaderCell::new("项目支出"),
            ],
        ],
        rows,
        ..Default::default()
    }
}

/// 一般公共预算基本支出表: 经济科目 类 and 款 rows, 人员经费/公用经费.
fn basic_economic(doc: &Document, catalog: &Catalog, t: &Totals) -> Table {
    let split = |l: &EconomicLine| match l.bucket {
        CostBucket::Personnel => [l.amount, Money::ZERO],
        CostBucket::Public => [Money::ZERO, l.amount],
    };
    let lines = doc.basic_by_economic.iter().filter(|l| !l.amount.is_zero());
    let mut rows = vec![Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::Empty,
            Cell::text("合计"),
            Cell::Money(t.economic_total()),
            Cell::Money(t.personnel),
            Cell::Money(t.public),
        ],
    }];
    for g in by_prefix(lines, |l| l.code.prefix(CodeLevel::Class)) {
        let mut sum = [Money::ZERO; 2];
        for l in &g.items {
            add_into(&mut sum, &split(l));
        }
        let name = catalog
            .economic_name(&EconomicCode::new(g.prefix))
            .unwrap_or(UNKNOWN)
            .to_string();
        let mut c = vec![Cell::text(g.prefix), Cell::Text(name)];
        c.extend(with_total(&sum));
        rows.push(Row {
            kind: RowKind::Class,
            cells: c,
        });
        for l in g.items {
            let mut c = vec![Cell::text(l.code.as_str()), Cell::text(&l.name)];
            c.extend(with_total(&split(l)));
            rows.push(Row {
                kind: RowKind::Item,
                cells: c,
            });
        }
    }
    Table {
        shape: Shape::CodeTree,
        columns: [code_col(), text_col(3.0)]
            .into_iter()
            .chain(money_cols(3))
            .collect(),
        header: vec![
            vec![
                HeaderCell::new("部门预算支出经济分类科目").cols(2),
                HeaderCell::new("一般公共预算基本支出").cols(3),
            ],
            vec![
                HeaderCell::new("科目编码"),
                HeaderCell::new("科目名称"),
                HeaderCell::new("合计"),
                HeaderCell::new("人员经费"),
                HeaderCell::new("公用经费"),
            ],
        ],
        rows,
        ..Default::default()
    }
}

/// 一般公共预算"三公"经费支出表: one row.
fn three_public(doc: &Document) -> Table {
    let tp = &doc.three_public;
    Table {
        shape: Shape::ThreePublic,
        columns: money_cols(6).collect(),
        header: vec![
            vec![
                HeaderCell::new("合计").rows(2),
                HeaderCell::new("因公出国（境）费").rows(2),
                HeaderCell::new("公务用车购置及运行费").cols(3),
                HeaderCell::new("公务接待费").rows(2),
            ],
            vec![
                HeaderCell::new("小计"),
                HeaderCell::new("公务用车购置费"),
                HeaderCell::new("公务用车运行费"),
            ],
        ],
        rows: vec![Row {
            kind: RowKind::Item,
            cells: [
                tp.total(),
                tp.abroad,
                tp.vehicles(),
                tp.vehicle_purchase,
                tp.vehicle_operation,
                tp.reception,
            ]
            .into_iter()
            .map(Cell::Money)
            .collect(),
        }],
        ..Default::default()
    }
}

/// "三公"经费和机关运行经费预算表 (上海): 三公合计, 出国, 接待, 用车 {小计,
/// 购置, 运行}, 机关运行经费 (= 公用经费, as the 武汉 text counts it).
fn three_public_operating(doc: &Document, t: &Totals) -> Table {
    let tp = &doc.three_public;
    Table {
        shape: Shape::ThreePublicOperating,
        columns: money_cols(7).collect(),
        header: vec![
            vec![
                HeaderCell::new("“三公”经费合计").rows(2),
                HeaderCell::new("因公出国（境）费").rows(2),
                HeaderCell::new("公务接待费").rows(2),
                HeaderCell::new("公务用车购置及运行费").cols(3),
                HeaderCell::new("机关运行经费预算数").rows(2),
            ],
            vec![
                HeaderCell::new("小计"),
                HeaderCell::new("购置费"),
                HeaderCell::new("运行费"),
            ],
        ],
        rows: vec![Row {
            kind: RowKind::Item,
            cells: [
                tp.total(),
                tp.abroad,
                tp.reception,
                tp.vehicles(),
                tp.vehicle_purchase,
                tp.vehicle_operation,
                t.public,
            ]
            .into_iter()
            .map(Cell::Money)
            .collect(),
        }],
        ..Default::default()
    }
}

/// Wording of a 资金来源 on the income side of 表6.
fn income_label(s: FundSource) -> &'static str {
    s.label()
}

/// 部门收支总表 (武汉): one income line per source, 上年结转 apart.
fn dept_summary(doc: &Document, order: &LineOrder, catalog: &Catalog, t: &Totals) -> Table {
    let this_year: Vec<FundSource> = FundSource::ALL
        .into_iter()
        .filter(|s| *s != FundSource::CarryOver)
        .collect();
    let mut left: Vec<Vec<Cell>> = this_year
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell::Text(format!(
                    "{}{}",
                    chinese_ordinal(i + 1, false),
                    income_label(*s)
                )),
                Cell::Money(t.source(*s)),
            ]
        })
        .collect();
    let income_this_year: Money = this_year.iter().map(|s| t.source(*s)).sum();
    left.push(vec![
        Cell::text("本年收入合计"),
        Cell::Money(income_this_year),
    ]);
    left.push(vec![
        Cell::text("上年结转"),
        Cell::Money(t.source(FundSource::CarryOver)),
    ]);
    let mut right = class_lines(doc, order, catalog);
    right.push(vec![Cell::text("本年支出合计"), Cell::Money(t.total)]);
    two_sided_table(
        3.0,
        &["预算数"],
        two_sided(
            left,
            right,
            2,
            2,
            (
                vec![Cell::text("收入总计"), Cell::Money(t.total)],
                vec![Cell::text("支出总计"), Cell::Money(t.total)],
            ),
        ),
    )
}

/// 功能 类 rows (一、…) with one amount each, for the spending side of a
/// 收支总表.
fn class_lines(doc: &Document, order: &LineOrder, catalog: &Catalog) -> Vec<Vec<Cell>> {
    let all = |l: &BudgetLine, out: &mut [Money]| out[0] = l.total();
    class_amounts(doc, order, catalog, all, 1)
        .into_iter()
        .enumerate()
        .map(|(i, (name, v))| {
            vec![
                Cell::Text(format!("{}{}", chinese_ordinal(i + 1, false), name)),
                Cell::Money(v[0]),
            ]
        })
        .collect()
}

/// 财务收支预算总表 (上海): grouped income lines with sub-lines ‖ 功能 类.
fn grouped_summary(
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    t: &Totals,
    lines: &[IncomeLine],
) -> Table {
    let sum = |sources: &[FundSource]| sources.iter().map(|s| t.source(*s)).sum::<Money>();
    let mut left = Vec::new();
    for l in lines {
        left.push(vec![
            Cell::text(l.label.as_str()),
            Cell::Money(sum(&l.sources)),
        ]);
        for s in &l.sub {
            left.push(vec![
                Cell::Text(format!("  {}", s.label)),
                Cell::Money(sum(&s.sources)),
            ]);
        }
    }
    two_sided_table(
        1.8,
        &["预算数"],
        two_sided(
            left,
            class_lines(doc, order, catalog),
            2,
            2,
            (
                vec![Cell::text("收入总计"), Cell::Money(t.total)],
                vec![Cell::text("支出总计"), Cell::Money(t.total)],
            ),
        ),
    )
}

/// 项目支出表 (武汉 2022): one row per project, 合计 first. The published
/// column headers were not found; this is the nearest known shape (表10's
/// 资金 fields), see `assets/templates/wuhan-2022.ron`.
fn project_list(doc: &Document) -> Table {
    let sum = |f: fn(&crate::model::Project) -> Money| doc.projects.iter().map(f).sum::<Money>();
    let mut rows = vec![Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::text("合计"),
            Cell::Empty,
            Cell::Money(sum(|p| p.total())),
            Cell::Money(sum(|p| p.fiscal)),
            Cell::Money(sum(|p| p.other)),
        ],
    }];
    rows.extend(doc.projects.iter().map(|p| Row {
        kind: RowKind::Item,
        cells: vec![
            Cell::text(p.name.as_str()),
            Cell::text(p.implementing_unit.as_str()),
            Cell::Money(p.total()),
            Cell::Money(p.fiscal),
            Cell::Money(p.other),
        ],
    }));
    Table {
        shape: Shape::List,
        columns: [text_col(3.0), text_col(1.6)]
            .into_iter()
            .chain(money_cols(3))
            .collect(),
        header: vec![
            ["项目名称", "实施单位", "合计", "财政拨款", "其他资金"]
                .map(HeaderCell::new)
                .to_vec(),
        ],
        rows,
        ..Default::default()
    }
}

/// A 功能科目 table with a 合计 column followed by one column per label.
fn code_table(labels: &[&str], rows: Vec<Row>) -> Table {
    let mut header = vec![
        HeaderCell::new("科目编码"),
        HeaderCell::new("科目名称"),
        HeaderCell::new("合计"),
    ];
    header.extend(labels.iter().map(|l| HeaderCell::new(*l)));
    Table {
        shape: Shape::CodeTree,
        columns: [code_col(), text_col(2.4)]
            .into_iter()
            .chain(money_cols(labels.len() + 1))
            .collect(),
        header: vec![header],
        rows,
        ..Default::default()
    }
}

/// A 功能科目 table with a column per group of (资金来源, 支出类型) pairs
/// that `holds` tells apart: each of a line's few amounts goes to the
/// columns whose group holds it, rather than a pass over the line per
/// column.
fn grouped_columns<C>(
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    cols: &[C],
    label: impl Fn(&C) -> &str,
    holds: impl Fn(&C, FundSource, SpendingKind) -> bool,
) -> Table {
    let values = |l: &BudgetLine, out: &mut [Money]| {
        for (&(s, k), v) in &l.amounts {
            for (o, c) in out.iter_mut().zip(cols) {
                if holds(c, s, k) {
                    *o += *v;
                }
            }
        }
    };
    let rows = function_rows(doc, order, catalog, values, cols.len(), true);
    let labels: Vec<&str> = cols.iter().map(label).collect();
    code_table(&labels, rows)
}

/// 收入总表: 功能科目 rows × groups of 资金来源.
fn income(doc: &Document, order: &LineOrder, catalog: &Catalog, cols: &[SourceColumn]) -> Table {
    grouped_columns(
        doc,
        order,
        catalog,
        cols,
        |c| c.label.as_str(),
        |c, s, _| c.sources.contains(&s),
    )
}

/// 支出总表: 功能科目 rows × groups of 支出类型.
fn spending(doc: &Document, order: &LineOrder, catalog: &Catalog, cols: &[KindColumn]) -> Table {
    grouped_columns(
        doc,
        order,
        catalog,
        cols,
        |c| c.label.as_str(),
        |c, _, k| c.kinds.contains(&k),
    )
}

/// The data table of `kind` with builder defaults for its header; `None`
/// for the forms. `order` is [`LineOrder::of`] the document.
pub fn build(
    kind: &TableKind,
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    t: &Totals,
) -> Option<Table> {
    Some(match kind {
        TableKind::FiscalSummary => fiscal_summary(doc, order, catalog, t),
        TableKind::FunctionBySource(s) => by_source(doc, order, catalog, *s),
        TableKind::BasicEconomic => basic_economic(doc, catalog, t),
        TableKind::ThreePublic => three_public(doc),
        TableKind::ThreePublicOperating => three_public_operating(doc, t),
        TableKind::DeptSummary => dept_summary(doc, order, catalog, t),
        TableKind::GroupedSummary(lines) => grouped_summary(doc, order, catalog, t, lines),
        TableKind::Income(cols) => income(doc, order, catalog, cols),
        TableKind::Spending(cols) => spending(doc, order, catalog, cols),
        TableKind::ProjectList => project_list(doc),
        TableKind::DeptPerformance | TableKind::ProjectPerformance => return None,
    })
}
