//! The shape every derived table is published in: multi-level headers with
//! merged cells, then rows of text and money cells. The PDF layout, the CLI's
//! `show` and the app's read-only previews all draw this one structure.

use crate::model::MoneyUnit;
use crate::money::{Money, round_dp};
use crate::template::{Measure, Orientation, Zero};

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
    /// The template asks for a 序号 column ([`Table::numbered_rows`]). Not a
    /// column of [`Table::columns`] or a cell of the rows: what the 审核
    /// reads stays the figures; printers add it ([`Table::printed_columns`]).
    pub row_numbers: bool,
    /// The template asks for a 栏次 row under the header
    /// ([`Table::column_number_row`]); printers add it, nothing reads it.
    pub column_numbers: bool,
    /// The pages the template prints the table on; `None` = by its width.
    pub orientation: Option<Orientation>,
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
            row_numbers: false,
            column_numbers: false,
            orientation: None,
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

/// One cell of a table's 栏次 row, as printed under its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnNumber {
    /// `栏次`, merged across the label columns before the first amount
    /// column (the 序号 column included).
    Label {
        /// Printed columns spanned (≥ 1).
        colspan: usize,
    },
    /// A label column after the first amount column (the 支出 项目 of a
    /// 收支总表): blank.
    Blank,
    /// An amount column's number: 1, 2, 3 … left to right.
    Number(u32),
}

/// What the 栏次 row prints in its label cell.
pub const COLUMN_NUMBER_LABEL: &str = "栏次";
/// Header of the 序号 column.
pub const ROW_NUMBER_HEADER: &str = "序号";

impl Table {
    /// Printed columns before the table's own: 1 with a 序号 column.
    pub fn lead_columns(&self) -> usize {
        usize::from(self.row_numbers)
    }

    /// The columns as printed: a narrow centred 序号 column first when the
    /// template asks for one, then [`Table::columns`].
    pub fn printed_columns(&self) -> Vec<Column> {
        let lead = Column {
            weight: 0.5,
            align: Align::Center,
        };
        std::iter::repeat_n(lead, self.lead_columns())
            .chain(self.columns.iter().cloned())
            .collect()
    }

    /// The header rows as printed: with a 序号 column, its `序号` cell
    /// spans every header row ahead of the first row's cells. The 栏次 row
    /// is [`Table::column_number_row`].
    pub fn printed_header(&self) -> Vec<Vec<HeaderCell>> {
        let mut rows = self.header.clone();
        if self.row_numbers {
            let cell = HeaderCell::new(ROW_NUMBER_HEADER).rows(rows.len().max(1));
            match rows.first_mut() {
                Some(first) => first.insert(0, cell),
                None => rows.push(vec![cell]),
            }
        }
        rows
    }

    /// Each body row's 序号: 1, 2, 3 … counting every row but the 合计 (or
    /// 总计) rows, which print none; all `None` without a 序号 column.
    pub fn numbered_rows(&self) -> Vec<Option<u32>> {
        let mut n = 0u32;
        self.rows
            .iter()
            .map(|r| {
                (self.row_numbers && r.kind != RowKind::Total).then(|| {
                    n += 1;
                    n
                })
            })
            .collect()
    }

    /// The 栏次 row, covering every printed column
    /// ([`Table::printed_columns`]); empty when the template asks for none.
    /// The amount columns (right-aligned: every money column, the 合计
    /// column first among them) are numbered 1, 2, 3 … left to right.
    pub fn column_number_row(&self) -> Vec<ColumnNumber> {
        if !self.column_numbers {
            return Vec::new();
        }
        let cols = self.printed_columns();
        let label = cols
            .iter()
            .position(|c| c.align == Align::Right)
            .unwrap_or(cols.len());
        let mut out = Vec::with_capacity(cols.len());
        if label > 0 {
            out.push(ColumnNumber::Label { colspan: label });
        }
        let mut n = 0u32;
        for c in &cols[label..] {
            out.push(if c.align == Align::Right {
                n += 1;
                ColumnNumber::Number(n)
            } else {
                ColumnNumber::Blank
            });
        }
        out
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

    /// A 功能科目 table as the tree evaluator builds it: 编码 | 名称 | 合计 |
    /// 基本 | 项目, two header rows, 合计 first.
    fn tree() -> Table {
        let money = |c: i64| Cell::Money(Money::from_cents(c));
        let row = |kind, code: &str, name: &str| Row {
            kind,
            cells: vec![
                Cell::text(code),
                Cell::text(name),
                money(300),
                money(100),
                money(200),
            ],
        };
        let col = |weight, align| Column { weight, align };
        Table {
            columns: vec![
                col(1.2, Align::Center),
                col(2.4, Align::Left),
                col(1.0, Align::Right),
                col(1.0, Align::Right),
                col(1.0, Align::Right),
            ],
            header: vec![
                vec![
                    HeaderCell::new("功能分类科目").cols(2),
                    HeaderCell::new("一般公共预算支出").cols(3),
                ],
                vec![
                    HeaderCell::new("科目编码"),
                    HeaderCell::new("科目名称"),
                    HeaderCell::new("合计"),
                    HeaderCell::new("基本支出"),
                    HeaderCell::new("项目支出"),
                ],
            ],
            rows: vec![
                row(RowKind::Total, "", "合计"),
                row(RowKind::Class, "201", "一般公共服务支出"),
                row(RowKind::Section, "20133", "宣传事务"),
                row(RowKind::Item, "2013350", "事业运行"),
            ],
            ..Table::default()
        }
    }

    #[test]
    fn without_numbering_a_table_prints_its_own_columns_and_header() {
        let t = tree();
        assert_eq!(t.printed_columns(), t.columns);
        assert_eq!(t.printed_header(), t.header);
        assert!(t.column_number_row().is_empty());
        assert_eq!(t.numbered_rows(), vec![None; 4]);
    }

    /// 平山 prints a 序号 column: the body rows numbered, the 合计 row not;
    /// its header spans every header row. The figures' columns and cells
    /// stay as they were (the 审核 reads those).
    #[test]
    fn a_row_number_column_numbers_every_row_but_the_total() {
        let mut t = tree();
        t.row_numbers = true;
        assert_eq!(t.numbered_rows(), vec![None, Some(1), Some(2), Some(3)]);
        let cols = t.printed_columns();
        assert_eq!(cols.len(), 6);
        assert_eq!(cols[0].align, Align::Center);
        assert_eq!(&cols[1..], &t.columns[..]);
        let h = t.printed_header();
        assert_eq!(h[0][0], HeaderCell::new("序号").rows(2));
        assert_eq!(h[1], t.header[1]);
        assert_eq!(t.first_money_column(), 2);
        // A 合计 row last (总计 of a 收支总表 too) is not counted either.
        t.rows.rotate_left(1);
        assert_eq!(t.numbered_rows(), vec![Some(1), Some(2), Some(3), None]);
    }

    /// The 栏次 row: `栏次` across the label columns, the amount columns
    /// numbered from the 合计 column on; a label column after the first
    /// amount column (the 支出 side's 项目) blank.
    #[test]
    fn a_column_number_row_numbers_the_amount_columns() {
        let mut t = tree();
        t.column_numbers = true;
        use ColumnNumber::*;
        assert_eq!(
            t.column_number_row(),
            vec![Label { colspan: 2 }, Number(1), Number(2), Number(3)]
        );
        t.row_numbers = true;
        assert_eq!(
            t.column_number_row(),
            vec![Label { colspan: 3 }, Number(1), Number(2), Number(3)]
        );
        // Two-sided: 项目 | 预算数 | 项目 | 合计 | 基本 | 项目.
        t.row_numbers = false;
        t.columns = [Align::Left, Align::Right, Align::Left]
            .into_iter()
            .chain([Align::Right; 3])
            .map(|align| Column { weight: 1.0, align })
            .collect();
        assert_eq!(
            t.column_number_row(),
            vec![
                Label { colspan: 1 },
                Number(1),
                Blank,
                Number(2),
                Number(3),
                Number(4)
            ]
        );
        // A row of figures ("三公"): no label column, numbers only.
        for c in &mut t.columns {
            c.align = Align::Right;
        }
        assert_eq!(
            t.column_number_row(),
            (1..=6).map(Number).collect::<Vec<_>>()
        );
    }

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
