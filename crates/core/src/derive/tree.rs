//! [`Query::Tree`](crate::template::Query::Tree): rows of a classification
//! tree (合计 → 类 → 款 → 项) with one column per measure, from the 收支预算
//! lines (功能科目) or the 基本支出 经济分类 lines. Each subtotal is the sum
//! of the rows below it, the 合计 row the sum of the 类.

use super::groups::by_prefix;
use super::table::{Cell, Row, RowKind, Shape, Table};
use super::tables::{
    Layout, LineOrder, UNKNOWN, add_into, code_col, code_prefixes, each_pair_columns, header_rows,
    money_cols, text_col,
};
use super::totals::Totals;
use crate::catalog::Catalog;
use crate::model::{
    BudgetLine, CodeLevel, CostBucket, CrossLine, Document, EconomicCode, FundSource, SpendingKind,
};
use crate::money::Money;
use crate::template::{
    ColumnSpec, Depth, Dimension, Facts, Filter, Measure, Rows, TotalRow, TreeQuery, pair_bit,
};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A subtotal under construction: its row (if printed) and its sum.
struct Open<'a> {
    code: &'a str,
    row: Option<usize>,
    sum: Vec<Money>,
}

/// Builds the rows in one pass over lines that come grouped by 类 (and 款).
struct Builder<'a, 'c> {
    rows: Vec<Row>,
    layout: &'c Layout,
    depth: Depth,
    name: &'c dyn Fn(&str) -> &'c str,
    class: Option<Open<'a>>,
    section: Option<Open<'a>>,
    grand: Vec<Money>,
    /// 类 of the catalog not printed yet ([`Rows::EveryClass`]), in order.
    every: std::iter::Peekable<std::vec::IntoIter<&'c str>>,
    total_row: Option<usize>,
}

impl<'a, 'c> Builder<'a, 'c> {
    fn new(
        layout: &'c Layout,
        q: &TreeQuery,
        name: &'c dyn Fn(&str) -> &'c str,
        every: Vec<&'c str>,
    ) -> Self {
        let mut rows = Vec::new();
        let total_row = (q.total == TotalRow::First).then(|| {
            rows.push(total());
            0
        });
        Builder {
            rows,
            layout,
            depth: q.depth,
            name,
            class: None,
            section: None,
            grand: vec![Money::ZERO; layout.width()],
            every: every.into_iter().peekable(),
            total_row,
        }
    }

    /// A code and name row whose amounts come when it closes.
    fn labelled(&mut self, kind: RowKind, code: &str, name: &str) -> usize {
        let mut cells = Vec::with_capacity(2 + self.layout.width() + 1);
        cells.extend([Cell::text(code), Cell::text(name)]);
        self.rows.push(Row { kind, cells });
        self.rows.len() - 1
    }

    /// Closes a subtotal: its figures go into its row and into `parent`.
    fn close(rows: &mut [Row], layout: &Layout, open: Open, parent: &mut [Money]) {
        add_into(parent, &open.sum);
        if let Some(r) = open.row {
            layout.push(&mut rows[r].cells, &open.sum);
        }
    }

    fn close_section(&mut self) {
        if let (Some(done), Some(parent)) = (self.section.take(), self.class.as_mut()) {
            Self::close(&mut self.rows, self.layout, done, &mut parent.sum);
        }
    }

    fn close_class(&mut self) {
        self.close_section();
        if let Some(done) = self.class.take() {
            Self::close(&mut self.rows, self.layout, done, &mut self.grand);
        }
    }

    /// Prints the catalog's 类 that come before `code` (all when `None`)
    /// with zeros; drops `code` itself from the list.
    fn every_class_before(&mut self, code: Option<&str>) {
        while let Some(&c) = self.every.peek() {
            if code.is_some_and(|code| c > code) {
                break;
            }
            self.every.next();
            if Some(c) == code {
                break;
            }
            let name = (self.name)(c);
            let r = self.labelled(RowKind::Class, c, name);
            let zeros = vec![Money::ZERO; self.layout.width()];
            self.layout.push(&mut self.rows[r].cells, &zeros);
        }
    }

    /// Adds one line: `section` is `None` for two-level classifications.
    fn line(
        &mut self,
        class: &'a str,
        section: Option<&'a str>,
        code: &str,
        name: &str,
        v: &[Money],
    ) {
        let new_class = self.class.as_ref().is_none_or(|o| o.code != class);
        let new_section =
            section.is_some_and(|s| self.section.as_ref().is_none_or(|o| o.code != s));
        if new_class || new_section {
            self.close_section();
            if new_class {
                self.close_class();
                self.every_class_before(Some(class));
                let cname = (self.name)(class);
                let row = self.labelled(RowKind::Class, class, cname);
                self.class = Some(Open {
                    code: class,
                    row: Some(row),
                    sum: vec![Money::ZERO; self.layout.width()],
                });
            }
            if let Some(s) = section {
                let row = (self.depth != Depth::Class).then(|| {
                    let sname = (self.name)(s);
                    self.labelled(RowKind::Section, s, sname)
                });
                self.section = Some(Open {
                    code: s,
                    row,
                    sum: vec![Money::ZERO; self.layout.width()],
                });
            }
        }
        match (self.section.as_mut(), self.class.as_mut()) {
            (Some(open), _) | (None, Some(open)) => add_into(&mut open.sum, v),
            (None, None) => {}
        }
        // A two-level classification's lines are its 款: printed from
        // `Section` down.
        let printed = match section {
            Some(_) => self.depth == Depth::Item,
            None => self.depth != Depth::Class,
        };
        if printed {
            let r = self.labelled(RowKind::Item, code, name);
            self.layout.push(&mut self.rows[r].cells, v);
        }
    }

    fn finish(mut self) -> Vec<Row> {
        self.close_class();
        self.every_class_before(None);
        let mut row = match self.total_row {
            Some(_) => None,
            None => Some(total()),
        };
        let cells = &mut match (self.total_row, row.as_mut()) {
            (Some(i), _) => &mut self.rows[i],
            (None, Some(r)) => r,
            (None, None) => return self.rows,
        }
        .cells;
        self.layout.push(cells, &self.grand);
        if let Some(r) = row {
            self.rows.push(r);
        }
        self.rows
    }
}

/// The 合计 row before its amounts.
fn total() -> Row {
    Row {
        kind: RowKind::Total,
        cells: vec![Cell::Empty, Cell::text("合计")],
    }
}

/// Which year a summed column reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Year {
    /// This year's amounts.
    Now,
    /// The 上年预算数.
    Prior,
    /// This year's less the 上年.
    Change,
}

/// Per summed column, the filter it sums with and the year it reads.
fn summed(q: &TreeQuery) -> Vec<(Option<&Filter>, Year)> {
    q.columns
        .iter()
        .filter(|c| c.measure != Measure::Total)
        .map(|c| match &c.measure {
            Measure::Sum(f) => (Some(f), Year::Now),
            Measure::Prior(f) => (Some(f), Year::Prior),
            Measure::Change(f) => (Some(f), Year::Change),
            _ => (None, Year::Now),
        })
        .collect()
}

/// Per summed column, the pairs it sums (the table's filter and its own)
/// and the year it reads.
fn masks(q: &TreeQuery) -> Vec<(u128, Year)> {
    summed(q)
        .into_iter()
        .map(|(f, y)| (f.map_or(0, |f| q.filter.pairs() & f.pairs()), y))
        .collect()
}

/// Per summed column, the 经济科目 prefix whose 财政拨款 split it sums
/// ([`Measure::Economic`]).
fn economic_columns(q: &TreeQuery) -> Vec<Option<&str>> {
    q.columns
        .iter()
        .filter(|c| c.measure != Measure::Total)
        .map(|c| match &c.measure {
            Measure::Economic(code) => Some(code.as_str()),
            _ => None,
        })
        .collect()
}

/// The part of a split row the table's filter lets through (基本, 项目).
fn split_part(q: &TreeQuery, r: &CrossLine) -> Money {
    let holds = |k| q.filter.kinds.is_empty() || q.filter.kinds.contains(&k);
    let mut m = Money::ZERO;
    if holds(SpendingKind::Basic) {
        m += r.basic;
    }
    if holds(SpendingKind::Project) {
        m += r.project;
    }
    m
}

/// The [`Measure::Economic`] columns an `Each(EconomicClasses)` or
/// `Each(EconomicSections)` column expands to: one per 经济 类 (款) with an
/// amount in the split, in code order, headed with its catalog name.
fn economic_each(
    q: &TreeQuery,
    doc: &Document,
    catalog: &Catalog,
    level: CodeLevel,
) -> Vec<(String, Measure)> {
    let mut codes: Vec<&str> = doc
        .fiscal_by_economic
        .iter()
        .filter(|r| !split_part(q, r).is_zero())
        .filter_map(|r| r.economic_code.prefix(level))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .map(|c| {
            let name = catalog
                .economic_name(&EconomicCode::new(c))
                .unwrap_or(c)
                .to_string();
            (name, Measure::Economic(c.to_string()))
        })
        .collect()
}

/// `q` with its [`Measure::Each`] columns expanded into one `Sum` column
/// per 资金来源 or 支出类型 that has an amount within the table's filter
/// (`t` are the totals of the document as printed), or one `Economic`
/// column per 经济 类 or 款 of the 财政拨款 split.
fn expanded<'q>(
    q: &'q TreeQuery,
    t: &Totals,
    doc: &Document,
    catalog: &Catalog,
) -> Cow<'q, TreeQuery> {
    if !q
        .columns
        .iter()
        .any(|c| matches!(c.measure, Measure::Each(_)))
    {
        return Cow::Borrowed(q);
    }
    let has = |f: &Filter| {
        t.by_cell
            .iter()
            .any(|(&(s, k), v)| !v.is_zero() && q.filter.holds(s, k) && f.holds(s, k))
    };
    let mut columns = Vec::with_capacity(q.columns.len() + FundSource::ALL.len());
    for c in &q.columns {
        let Measure::Each(d) = c.measure else {
            columns.push(c.clone());
            continue;
        };
        let level = match d {
            Dimension::EconomicClasses => Some(CodeLevel::Class),
            Dimension::EconomicSections => Some(CodeLevel::Section),
            _ => None,
        };
        if let Some(level) = level {
            columns.extend(economic_each(q, doc, catalog, level).into_iter().map(
                |(header, measure)| ColumnSpec {
                    group: c.group.clone(),
                    header,
                    measure,
                },
            ));
            continue;
        }
        columns.extend(each_pair_columns(c, d, has));
    }
    Cow::Owned(TreeQuery {
        columns,
        ..q.clone()
    })
}

/// The table a [`TreeQuery`] describes.
pub(super) fn tree(
    doc: &Document,
    order: &LineOrder,
    catalog: &Catalog,
    t: &Totals,
    q: &TreeQuery,
) -> Table {
    let q = &*expanded(q, t, doc, catalog);
    let layout = Layout::of(&q.columns);
    let width = layout.width();
    let rows = match q.facts {
        Facts::Function => {
            let name = |c: &str| catalog.function_name_str(c).unwrap_or(UNKNOWN);
            let every = every_class(q, || {
                catalog
                    .rows(crate::catalog::Classification::Function)
                    .keys()
                    .map(String::as_str)
            });
            let mut b = Builder::new(&layout, q, &name, every);
            // Without any 上年 figure a 增减 column would repeat this
            // year's amounts as an increase: it stays empty instead.
            let any_prior = doc.budget_lines.iter().any(|l| !l.prior.is_empty());
            let masks: Vec<(u128, Year)> = masks(q)
                .into_iter()
                .map(|(m, y)| {
                    if y == Year::Change && !any_prior {
                        (0, y)
                    } else {
                        (m, y)
                    }
                })
                .collect();
            let econ = economic_columns(q);
            // The split rows of each 功能科目, when a column reads them.
            let mut split: BTreeMap<&str, Vec<&CrossLine>> = BTreeMap::new();
            if econ.iter().any(Option::is_some) {
                for r in &doc.fiscal_by_economic {
                    split.entry(r.code.as_str()).or_default().push(r);
                }
            }
            // Each of a line's few amounts goes to the columns that hold its
            // pair, rather than a pass over the line per column.
            let values = |l: &BudgetLine, out: &mut [Money]| {
                for (&(s, k), v) in &l.amounts {
                    let b = pair_bit(s, k);
                    for (o, (m, y)) in out.iter_mut().zip(&masks) {
                        if m & b != 0 && *y != Year::Prior {
                            *o += *v;
                        }
                    }
                }
                for (&(s, k), v) in &l.prior {
                    let b = pair_bit(s, k);
                    for (o, (m, y)) in out.iter_mut().zip(&masks) {
                        if m & b != 0 && *y != Year::Now {
                            *o += if *y == Year::Prior { *v } else { -*v };
                        }
                    }
                }
                for r in split.get(l.code.as_str()).into_iter().flatten() {
                    let v = split_part(q, r);
                    for (o, e) in out.iter_mut().zip(&econ) {
                        if e.is_some_and(|e| r.economic_code.as_str().starts_with(e)) {
                            *o += v;
                        }
                    }
                }
            };
            order.each_with_values(doc, width, values, |line, v| {
                let (c, s) = code_prefixes(&line.code);
                b.line(c, Some(s), line.code.as_str(), &line.name, v);
            });
            b.finish()
        }
        Facts::Economic => {
            let (every, name) = economic_rows(q, catalog);
            let mut b = Builder::new(&layout, q, &name, every);
            let groups = by_prefix(doc.basic_by_economic.iter(), |l| {
                l.code.prefix(CodeLevel::Class)
            });
            let lines = groups.iter().flat_map(|g| {
                g.items.iter().map(|l| {
                    (
                        g.prefix,
                        l.code.as_str(),
                        l.name.as_str(),
                        l.bucket,
                        l.amount,
                        l.prior,
                    )
                })
            });
            let any_prior = doc.basic_by_economic.iter().any(|l| l.prior.is_some());
            two_level(&mut b, q, width, lines, any_prior);
            b.finish()
        }
        Facts::FiscalEconomic => {
            let (every, name) = economic_rows(q, catalog);
            let mut b = Builder::new(&layout, q, &name, every);
            // The split summed over 功能科目, by 经济科目 款 in code order.
            let mut by_code: BTreeMap<&str, (Money, Money)> = BTreeMap::new();
            for r in &doc.fiscal_by_economic {
                let e = by_code.entry(r.economic_code.as_str()).or_default();
                e.0 += r.basic;
                e.1 += r.project;
            }
            let filters = summed(q);
            let part = |f: &Filter, k: SpendingKind| {
                let holds = |f: &Filter| f.kinds.is_empty() || f.kinds.contains(&k);
                holds(f) && holds(&q.filter)
            };
            let mut v = vec![Money::ZERO; width];
            for (code, (basic, project)) in by_code {
                for (o, (f, y)) in v.iter_mut().zip(&filters) {
                    // The split has no 上年 figure: 上年 and 增减 stay empty.
                    *o = match (f, y) {
                        (Some(f), Year::Now) => {
                            let mut m = Money::ZERO;
                            if part(f, SpendingKind::Basic) {
                                m += basic;
                            }
                            if part(f, SpendingKind::Project) {
                                m += project;
                            }
                            m
                        }
                        _ => Money::ZERO,
                    };
                }
                if v.iter().all(|m| m.is_zero()) {
                    continue;
                }
                let class = code.get(..3).unwrap_or("");
                b.line(class, None, code, name(code), &v);
            }
            b.finish()
        }
        Facts::GovEconomic => {
            let g = super::gov_economic::gov_economic(doc, catalog);
            let every = every_class(q, || {
                catalog
                    .rows(crate::catalog::Classification::GovEconomic)
                    .keys()
                    .map(String::as_str)
            });
            // Names of the derived 类 rows (the 款 carry their own).
            let classes: Vec<(String, String)> = g
                .lines
                .iter()
                .filter_map(|l| l.code.get(..3))
                .chain(every.iter().copied())
                .map(|c| {
                    (
                        c.to_string(),
                        catalog.gov_economic_name(c).unwrap_or_default(),
                    )
                })
                .collect();
            let name = |c: &str| {
                classes
                    .iter()
                    .find(|(k, n)| k == c && !n.is_empty())
                    .map_or(UNKNOWN, |(_, n)| n.as_str())
            };
            let mut b = Builder::new(&layout, q, &name, every);
            let lines = g.lines.iter().map(|l| {
                let class = l.code.get(..3).unwrap_or("");
                (
                    class,
                    l.code.as_str(),
                    l.name.as_str(),
                    l.bucket,
                    l.amount,
                    None,
                )
            });
            // Derived lines carry no 上年 figure.
            two_level(&mut b, q, width, lines, false);
            b.finish()
        }
    };
    let grouped = q.columns.iter().any(|c| !c.group.trim().is_empty());
    let codes: Vec<&str> = Some(q.codes_group.trim())
        .filter(|g| !g.is_empty())
        .into_iter()
        .collect();
    let mut paths: Vec<Vec<&str>> = ["科目编码", "科目名称"]
        .iter()
        .map(|h| codes.iter().copied().chain([*h]).collect())
        .collect();
    paths.extend(q.columns.iter().map(ColumnSpec::path));
    Table {
        shape: Shape::CodeTree,
        total_parts: layout.total_parts(),
        measures: q.columns.iter().map(|c| c.measure.clone()).collect(),
        columns: [code_col(), text_col(if grouped { 3.0 } else { 2.4 })]
            .into_iter()
            .chain(money_cols(q.columns.len()))
            .collect(),
        header: header_rows(&paths),
        rows,
        ..Default::default()
    }
}

/// Adds the lines of a two-level (类/款) classification, each with its
/// 人员/公用 bucket, to `b`: a line's amount goes to the columns whose
/// filter (and the table's) lets its bucket through.
fn two_level<'a>(
    b: &mut Builder<'a, '_>,
    q: &TreeQuery,
    width: usize,
    lines: impl Iterator<Item = (&'a str, &'a str, &'a str, CostBucket, Money, Option<Money>)>,
    any_prior: bool,
) {
    // Without any 上年 figure a 增减 column stays empty (as for 功能科目).
    let filters: Vec<(Option<&Filter>, Year)> = summed(q)
        .into_iter()
        .map(|(f, y)| {
            if y == Year::Change && !any_prior {
                (None, y)
            } else {
                (f, y)
            }
        })
        .collect();
    let mut v = vec![Money::ZERO; width];
    for (class, code, name, bucket, amount, prior) in lines {
        let prior = prior.unwrap_or_default();
        for (o, (f, y)) in v.iter_mut().zip(&filters) {
            let holds = f.is_some_and(|f| f.holds_bucket(bucket)) && q.filter.holds_bucket(bucket);
            *o = match (holds, y) {
                (false, _) => Money::ZERO,
                (true, Year::Now) => amount,
                (true, Year::Prior) => prior,
                (true, Year::Change) => amount - prior,
            };
        }
        if v.iter().all(|m| m.is_zero()) {
            continue;
        }
        b.line(class, None, code, name, &v);
    }
}

/// The 部门预算经济分类 类 a tree prints whether or not they have amounts
/// (its `rows: EveryClass`), and the catalog's name of a code.
fn economic_rows<'c>(
    q: &TreeQuery,
    catalog: &'c Catalog,
) -> (Vec<&'c str>, impl Fn(&str) -> &'c str + Copy) {
    let every = every_class(q, || {
        catalog
            .rows(crate::catalog::Classification::Economic)
            .keys()
            .map(String::as_str)
    });
    let name = |c: &str| {
        catalog
            .economic_name(&EconomicCode::new(c))
            .unwrap_or(UNKNOWN)
    };
    (every, name)
}

/// The catalog's 类 codes when the query prints every 类, else none.
fn every_class<'c, I: Iterator<Item = &'c str>>(
    q: &TreeQuery,
    codes: impl FnOnce() -> I,
) -> Vec<&'c str> {
    if q.rows != Rows::EveryClass {
        return Vec::new();
    }
    codes().filter(|c| c.len() == 3).collect()
}
