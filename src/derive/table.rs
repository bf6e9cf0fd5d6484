//! The shape every derived table is published in: multi-level headers with
//! merged cells, then rows of text and money cells. The PDF layout, the CLI's
//! `show` and the app's read-only previews all draw this one structure.

use crate::money::Money;

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

/// A derived table in its published shape.
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
    /// When the table has no data: the statement printed instead, e.g.
    /// 本部门没有使用政府性基金预算安排的支出.
    pub empty_statement: Option<String>,
}
