//! Spreadsheets people already have (xlsx, xls, ods, csv, tsv) read into a
//! plain grid of cells, with every guard a hostile or broken file needs, and
//! the cell readings every importer shares (an amount, a 科目 code, text).
//!
//! What a sheet *means* (a catalog, a budget table) is decided elsewhere:
//! `catalog_import` and `import` recognise their sheets by header text over
//! this grid, never by fixed cell positions.

pub(crate) mod band;
mod read;
mod split;
mod value;

pub use read::{Limits, read};
pub use split::SplitCodes;
pub(crate) use value::is_note;
pub use value::{ValueError, amount, code, header, text};

use rust_decimal::Decimal;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetCell {
    /// Nothing.
    Empty,
    /// Text, as stored (not trimmed).
    Text(String),
    /// A number, exact: a binary float is read through its shortest
    /// round-trip decimal text (`1037.6`, never `1037.5999999999999`).
    Number(Decimal),
    /// TRUE/FALSE.
    Bool(bool),
    /// A date or time (a number with a date format), as displayed.
    Date(String),
    /// A formula the file holds no computed value for.
    Uncached {
        /// The formula text, e.g. `SUM(C5:C9)`.
        formula: String,
    },
    /// An error value such as `#REF!`.
    Error(String),
}

/// A rectangle of merged cells, 0-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Top-left (row, column): the cell holding the value.
    pub first: (usize, usize),
    /// Bottom-right (row, column).
    pub last: (usize, usize),
}

/// One worksheet: rows from the sheet's row 1, columns from column A, so a
/// position names the cell the user sees (see [`cell_ref`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The sheet's name as the workbook shows it (a CSV's file stem).
    pub name: String,
    /// Rows of cells; rows may have different lengths.
    pub rows: Vec<Vec<SheetCell>>,
    /// Merged areas (xlsx and xls; empty for ods and csv).
    pub merged: Vec<Merge>,
    /// True when the workbook hides the sheet (hidden or very hidden): the
    /// user does not see it in Excel, so an importer says it reads it.
    pub hidden: bool,
}

const EMPTY: SheetCell = SheetCell::Empty;

impl Sheet {
    /// The cell at (row, column), 0-based; `Empty` outside the data.
    pub fn get(&self, row: usize, col: usize) -> &SheetCell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// Number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merged area that covers (row, column), if any.
    pub(crate) fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merged.iter().find(|m| {
            (m.first.0..=m.last.0).contains(&row) && (m.first.1..=m.last.1).contains(&col)
        })
    }

    /// The cell's own value, or for a cell inside a merged area the value of
    /// the area's top-left cell (what the user sees there).
    pub fn shown(&self, row: usize, col: usize) -> &SheetCell {
        match self.merge_at(row, col) {
            Some(m) => self.get(m.first.0, m.first.1),
            None => self.get(row, col),
        }
    }
}

/// What a few columns of a sheet show, merged areas resolved once, for
/// reading every row of a long table: [`Sheet::shown`] looks through every
/// merged area on each call.
pub struct ShownColumns<'a> {
    sheet: &'a Sheet,
    /// (row, column) inside a merged area → the area's top-left cell.
    origin: std::collections::HashMap<(usize, usize), (usize, usize)>,
}

impl<'a> ShownColumns<'a> {
    /// Indexes the merged areas of `sheet` over `cols`.
    pub fn new(sheet: &'a Sheet, cols: &[usize]) -> Self {
        let mut origin = std::collections::HashMap::new();
        let rows = sheet.rows.len();
        for m in &sheet.merged {
            for &c in cols
                .iter()
                .filter(|&&c| (m.first.1..=m.last.1).contains(&c))
            {
                for r in m.first.0..=m.last.0.min(rows.saturating_sub(1)) {
                    origin.entry((r, c)).or_insert(m.first);
                }
            }
        }
        ShownColumns { sheet, origin }
    }

    /// What (row, column) shows, as [`Sheet::shown`] (for an indexed column).
    pub fn get(&self, r: usize, c: usize) -> &'a SheetCell {
        match self.origin.get(&(r, c)) {
            Some(&(r0, c0)) => self.sheet.get(r0, c0),
            None => self.sheet.get(r, c),
        }
    }
}

/// A workbook: its sheets in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    /// Sheets in the workbook's order.
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet with that name.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// `B12` for row 11, column 1 (0-based), as Excel names cells.
pub fn cell_ref(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Why a file could not be read as a spreadsheet. Every message names the
/// file; nothing has been changed anywhere when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The OS refused to read it.
    #[error("无法读取 {path}：{source}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Bigger than any real budget workbook.
    #[error("{path} 有 {bytes} 字节，超过 {limit} 字节的上限，未读取")]
    FileTooLarge {
        /// The file.
        path: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A container that unpacks to far more than it holds.
    #[error("{path} 解压后将有 {unpacked} 字节（上限 {limit}），疑似压缩炸弹，未读取")]
    ZipBomb {
        /// The file.
        path: String,
        /// Declared unpacked size.
        unpacked: u128,
        /// The limit.
        limit: u128,
    },
    /// A workbook protected by a password to open.
    #[error("{path} 设有打开密码（已加密），请在 Excel 中取消密码后另存为 .xlsx 再导入")]
    Encrypted {
        /// The file.
        path: String,
    },
    /// Not a spreadsheet of a kind we read.
    #[error("{path} 不是可读取的表格文件（支持 .xlsx .xls .ods .csv .tsv）：{reason}")]
    NotASpreadsheet {
        /// The file.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// A sheet with more rows or cells than any budget table.
    #[error("{path} 的工作表“{sheet}”超过 {limit} 行，未读取")]
    TooManyRows {
        /// The file.
        path: String,
        /// The sheet.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// The reader failed inside the file.
    #[error("{path} 的工作表“{sheet}”无法读取：{reason}")]
    Broken {
        /// The file.
        path: String,
        /// The sheet ("" for the workbook itself).
        sheet: String,
        /// What the reader said.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs_name_cells_as_excel_does() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 1), "B12");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(2, 701), "ZZ3");
        assert_eq!(cell_ref(2, 702), "AAA3");
    }

    #[test]
    fn merged_cells_show_their_top_left_value() {
        let s = Sheet {
            name: "s".into(),
            rows: vec![vec![SheetCell::Text("科目编码".into()), SheetCell::Empty]],
            merged: vec![Merge {
                first: (0, 0),
                last: (1, 1),
            }],
            hidden: false,
        };
        assert_eq!(s.shown(1, 1), &SheetCell::Text("科目编码".into()));
        assert_eq!(s.get(1, 1), &SheetCell::Empty);
        assert_eq!(s.shown(2, 0), &SheetCell::Empty);
    }
}
