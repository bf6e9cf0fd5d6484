//! The shape every derived table is published in: multi-level headers with
//! merged cells, then rows of text and money cells. The PDF layout, the CLI's
//! `show` and the app's read-only previews all draw this one structure.

use crate::model::MoneyUnit;
use crate::money::{Money, round_dp};
use crate::template::{Measure, Zero};

/// Horizontal alignment of a column's body cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text columns.
    Left,
    /// Headings and codes.
    Center,
    /// Amounts.
    Right,
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Relative width (the layout scales these to the page).
    pub weight: f32,
    /// Alignment of body cells.
    pub align: Align,
}

/// A header cell; `colspan`/`rowspan` merge cells as in the published forms.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderCell {
    /// Text.
    pub text: String,
    /// Columns spanned (≥ 1).
    pub colspan: usize,
    /// Header rows spanned (≥ 1).
    pub rowspan: usize,
}

impl HeaderCell {
    /// A 1×1 header cell.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
        }
    }
    /// Spanning `colspan` columns.
    pub fn cols(mut self, colspan: usize) -> Self {
        self.colspan = colspan;
        self
    }
    /// Spanning `rowspan` header rows.
    pub fn rows(mut self, rowspan: usize) -> Self {
        self.rowspan = rowspan;
        self
    }
}

/// A body cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// An amount (printed with 2 decimals; zero blank or 0.00 by setting).
    Money(Money),
    /// Nothing.
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }
}

/// What a body row stands for; decides its emphasis when printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// 类 subtotal (bold).
    Class,
    /// 款 subtotal.
    Section,
    /// 项 or other entered row.
    Item,
    /// 合计 / 总计 (bold).
    Total,
    /// A line of a two-sided 收支 table.
    Plain,
}

/// A body row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Kind.
    pub kind: RowKind,
    /// Cells, one per column.
    pub cells: Vec<Cell>,
}

/// How a table's figures relate, for the sum rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    /// 合计 → 类 → 款 → 项 rows; a 合计 column then value columns.
    CodeTree,
    /// One row of named figures ("三公", 机关运行经费) in the template's
    /// column order: checks find each figure by [`Table::figure_column`].
    Figures,
    /// 收入 ‖ 支出, 总计 rows last.
    TwoSided,
    /// 合计 row then items; a 合计 column then value columns.
    List,
    /// Anything else.
    #[default]
    Other,
}

/// A derived table in its published shape, its money already in the printed
/// unit and decimals with the 尾差 rule applied: printers only format.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// 表号, e.g. 1 for 表1.
    pub number: u8,
    /// Title without department and year, e.g. 财政拨款收支预算总表.
    pub title: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Header rows, top first; spans as published.
    pub header: Vec<Vec<HeaderCell>>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// When the table has no data: the statement printed (after the rows,
    /// if the template keeps the 合计 row), e.g.
    /// 本部门没有使用政府性基金预算安排的支出.
    pub empty_statement: Option<String>,
    /// The template's 说明 printed under the table, if any.
    pub note: Option<String>,
    /// Printed unit of the money cells.
    pub unit: MoneyUnit,
    /// Printed decimals of the money cells (2, or 0 for whole yuan).
    pub decimals: u32,
    /// Thousands separators.
    pub grouping: bool,
    /// How a zero amount prints.
    pub zero: Zero,
    /// Cells (row, column) whose printed figure differs from the exact
    /// figure rounded on its own: moved by the 尾差 rule.
    pub adjusted: Vec<(usize, usize)>,
    /// How the figures relate.
    pub shape: Shape,
    /// Full printed caption, e.g. `表1.青山区大数据中心2021年财政拨款收支预算总表`.
    pub caption: String,
    /// The money columns (counted from the first money column) that its 合计
    /// adds, where not all the others: a table with 上年 or 增减 columns.
    pub total_parts: Option<Vec<usize>>,
    /// What each money column shows, left to right, for a table built from
    /// a template's column list (a 功能/经济 tree, after `Each` expanded):
    /// checks find the 合计 and 基本支出 columns by it, wherever the
    /// template puts them. Empty for fixed-shape tables.
    pub measures: Vec<Measure>,
}

impl Default for Table {
    /// An empty table in 万元 with 2 decimals.
    fn default() -> Self {
        Table {
            number: 0,
            title: String::new(),
            columns: Vec::new(),
            header: Vec::new(),
            rows: Vec::new(),
            empty_statement: None,
            note: None,
            unit: MoneyUnit::WanYuan,
            decimals: 2,
            grouping: false,
            zero: Zero::Blank,
            adjusted: Vec::new(),
            shape: Shape::Other,
            caption: String::new(),
            total_parts: None,
            measures: Vec::new(),
        }
    }
}

impl Table {
    /// A money cell as printed: its decimals, grouping if the template
    /// says so; zero as the template says ([`Zero`]), blank by default
    /// unless `zeros`. The value is already at the printed scale, so
    /// nothing is rounded here.
    pub fn money_text(&self, m: Money, zeros: bool) -> String {
        let d = round_dp(m.value(), self.decimals);
        if d.is_zero() {
            match self.zero {
                Zero::Blank if !zeros => return String::new(),
                Zero::Zero => return "0".into(),
                _ => {}
            }
        }
        grouped(d.to_string(), self.grouping)
    }

    /// True when (row, column) was moved by the 尾差 rule.
    pub fn is_adjusted(&self, row: usize, col: usize) -> bool {
        self.adjusted.contains(&(row, col))
    }

    /// The 合计 column (its index among all columns): where the template
    /// put its `Total` column, else the first money column as in every
    /// fixed-shape table; `None` for a template's table without one.
    pub fn total_column(&self) -> Option<usize> {
        let first = self.first_money_column();
        if self.measures.is_empty() {
            return Some(first);
        }
        self.measures
            .iter()
            .position(|m| *m == Measure::Total)
            .map(|c| first + c)
    }

    /// The money columns its 合计 column adds (indices among all columns).
    pub fn total_parts_columns(&self) -> Vec<usize> {
        let first = self.first_money_column();
        let Some(total) = self.total_column() else {
            return Vec::new();
        };
        match &self.total_parts {
            Some(parts) => parts.iter().map(|c| first + c).collect(),
            None => (first..self.columns.len())
                .filter(|c| *c != total)
                .collect(),
        }
    }

    /// The column of a template's table that sums one 支出类型 of the
    /// table's facts and nothing narrower (`Sum(kinds: [Basic])`).
    pub fn kind_column(&self, kind: crate::model::SpendingKind) -> Option<usize> {
        let first = self.first_money_column();
        if self.measures.is_empty() {
            return None;
        }
        self.measures
            .iter()
            .position(|m| {
                matches!(m, Measure::Sum(f)
                    if f.kinds == [kind] && f.buckets.is_empty())
            })
            .map(|c| first + c)
    }

    /// The column printing the named figure `f` (a [`Shape::Figures`]
    /// table), wherever the template put it.
    pub fn figure_column(&self, f: crate::template::Figure) -> Option<usize> {
        let first = self.first_money_column();
        self.measures
            .iter()
            .position(|m| *m == Measure::Figure(f))
            .map(|c| first + c)
    }

    /// Index of the first money column (the 合计 column of fixed-shape
    /// tables).
    pub fn first_money_column(&self) -> usize {
        self.columns
            .iter()
            .position(|c| c.align == Align::Right)
            .unwrap_or(0)
    }

    /// Each column's title: the texts of the header cells above it joined
    /// with `/`, spans followed (`本年支出/基本支出`).
    pub fn column_titles(&self) -> Vec<String> {
        let mut head: Vec<String> = vec![String::new(); self.columns.len()];
        // Walk the header rows so that spanned cells land in the right columns.
        let mut taken = vec![0usize; self.columns.len()];
        for (r, row) in self.header.iter().enumerate() {
            let mut col = 0;
            for h in row {
                while col < taken.len() && taken[col] > r {
                    col += 1;
                }
                for k in col..(col + h.colspan).min(head.len()) {
                    if !head[k].is_empty() {
                        head[k].push('/');
                    }
                    head[k] += &h.text;
                    taken[k] = r + h.rowspan;
                }
                col += h.colspan;
            }
        }
        head
    }

    /// `单位：元` as the unit line prints it.
    pub fn unit_line(&self) -> String {
        format!("单位：{}", self.unit.label())
    }
}

/// `s` as the template prints figures: with thousands separators where it
/// groups (`grouping`), as it is otherwise. Every view (tables, text,
/// screen, findings, import preview) goes through here.
pub fn grouped(s: String, grouping: bool) -> String {
    if grouping { group_thousands(&s) } else { s }
}

/// `1234567.89` → `1,234,567.89`.
pub fn group_thousands(s: &str) -> String {
    let (sign, body) = s.strip_prefix('-').map_or(("", s), |b| ("-", b));
    let (int, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_prints_as_the_template_says() {
        let mut t = Table::default();
        let zero = Money::ZERO;
        assert_eq!(t.money_text(zero, false), "");
        assert_eq!(t.money_text(zero, true), "0.00");
        t.zero = Zero::Zero;
        assert_eq!(t.money_text(zero, false), "0");
        t.zero = Zero::ZeroDecimals;
        assert_eq!(t.money_text(zero, false), "0.00");
        t.decimals = 0;
        assert_eq!(t.money_text(zero, false), "0");
        assert_eq!(t.money_text(Money::from_cents(240), false), "2");
    }
}
