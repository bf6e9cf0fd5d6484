//! Opening a spreadsheet file: the kind is told from its bytes, not its
//! name; sizes are checked before anything is unpacked; every sheet is read
//! into a [`Sheet`] grid with exact numbers.

use super::{Merge, Sheet, SheetCell, SheetError, Workbook};
use calamine::{Data, DataRef, Reader, Xls, Xlsx};
use rust_decimal::Decimal;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use std::str::FromStr;

/// Bounds no real budget workbook comes near; a file beyond them is refused
/// before it can take the machine's memory or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Size of the file itself.
    pub max_file_bytes: u64,
    /// Total unpacked size a zip container (xlsx, ods) declares.
    pub max_unpacked_bytes: u128,
    /// Rows of one sheet.
    pub max_rows: usize,
    /// Cells of one sheet (rows × the columns used).
    pub max_cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 << 20,
            max_unpacked_bytes: 512 << 20,
            max_rows: 200_000,
            max_cells: 4_000_000,
        }
    }
}

/// Reads every sheet of a workbook with the default [`Limits`].
pub fn read(path: &Path) -> Result<Workbook, SheetError> {
    read_with(path, &Limits::default())
}

enum Kind {
    Xlsx,
    Ods,
    Ole,
    Text,
}

/// Reads every sheet of a workbook within `limits`.
pub(crate) fn read_with(path: &Path, limits: &Limits) -> Result<Workbook, SheetError> {
    let name = path.display().to_string();
    let io = |source| SheetError::Io {
        path: name.clone(),
        source,
    };
    let not = |reason: &str| SheetError::NotASpreadsheet {
        path: name.clone(),
        reason: reason.into(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(not("不是普通文件"));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(SheetError::FileTooLarge {
            path: name,
            bytes: meta.len(),
            limit: limits.max_file_bytes,
        });
    }
    let mut file = File::open(path).map_err(io)?;
    let mut magic = [0u8; 8];
    let n = read_up_to(&mut file, &mut magic).map_err(io)?;
    file.rewind().map_err(io)?;
    let kind = match &magic[..n] {
        [b'P', b'K', 3, 4, ..] => zip_kind(&name, &mut file, limits)?,
        [0xD0, 0xCF, 0x11, 0xE0, ..] => Kind::Ole,
        _ => Kind::Text,
    };
    file.rewind().map_err(io)?;
    let reader = BufReader::new(file);
    // calamine is a third-party parser fed untrusted bytes; one of its
    // integer overflows on a damaged cell reference was found by fuzzing.
    // Whatever it does on such a file must end as a message, not a crash
    // that takes the unsaved document with it.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse(&name, path, kind, reader, limits)
    }))
    .unwrap_or_else(|_| Err(broken(&name, "", "文件内容已损坏，读取程序无法解析")))
}

fn parse(
    name: &str,
    path: &Path,
    kind: Kind,
    reader: BufReader<File>,
    limits: &Limits,
) -> Result<Workbook, SheetError> {
    let name = name.to_string();
    match kind {
        Kind::Xlsx => {
            let wb = Xlsx::new(reader).map_err(|e| broken(&name, "", e))?;
            read_xlsx(&name, wb, limits)
        }
        Kind::Ods => {
            let wb = calamine::Ods::new(reader).map_err(|e| match e {
                calamine::OdsError::Password => SheetError::Encrypted { path: name.clone() },
                e => broken(&name, "", e),
            })?;
            read_ranges(&name, wb, limits, |_, _| Vec::new())
        }
        Kind::Ole => read_ole(&name, path, limits),
        Kind::Text => read_text(&name, path, limits),
    }
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn broken(path: &str, sheet: &str, e: impl std::fmt::Display) -> SheetError {
    SheetError::Broken {
        path: path.into(),
        sheet: sheet.into(),
        reason: e.to_string(),
    }
}

/// Looks at a zip's directory: refuses what would unpack too large, and
/// tells a workbook from other zip files (a .docx, a plain archive).
fn zip_kind(path: &str, file: &mut File, limits: &Limits) -> Result<Kind, SheetError> {
    let not = |reason: &str| SheetError::NotASpreadsheet {
        path: path.into(),
        reason: reason.into(),
    };
    let mut zip =
        zip::ZipArchive::new(&mut *file).map_err(|e| not(&format!("压缩包损坏（{e}）")))?;
    if zip.len() > 10_000 {
        return Err(not("压缩包内文件过多"));
    }
    let mut unpacked: u128 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| not(&format!("压缩包损坏（{e}）")))?;
        unpacked += u128::from(f.size());
        names.push(f.name().map(|n| n.into_owned()).unwrap_or_default());
    }
    if unpacked > limits.max_unpacked_bytes {
        return Err(SheetError::ZipBomb {
            path: path.into(),
            unpacked,
            limit: limits.max_unpacked_bytes,
        });
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("xl/workbook.xml") {
        Ok(Kind::Xlsx)
    } else if has("content.xml") && has("mimetype") {
        Ok(Kind::Ods)
    } else if has("word/document.xml") {
        Err(not("这是 Word 文档"))
    } else {
        Err(not("是压缩包，但不是 Excel 或 ODS 工作簿"))
    }
}

/// An OLE file: a legacy .xls, or an encrypted .xlsx (which Office stores
/// inside an OLE container).
fn read_ole(name: &str, path: &Path, limits: &Limits) -> Result<Workbook, SheetError> {
    let open = || {
        File::open(path)
            .map(BufReader::new)
            .map_err(|source| SheetError::Io {
                path: name.into(),
                source,
            })
    };
    match Xls::new(open()?) {
        Ok(wb) => read_ranges(name, wb, limits, |wb: &mut Xls<_>, sheet| {
            wb.merge_cells_by_sheet_name(sheet).unwrap_or_default()
        }),
        Err(calamine::XlsError::Password) => Err(SheetError::Encrypted { path: name.into() }),
        Err(xls_error) => match Xlsx::new(open()?) {
            Err(calamine::XlsxError::Password) => Err(SheetError::Encrypted { path: name.into() }),
            _ => Err(SheetError::NotASpreadsheet {
                path: name.into(),
                reason: format!("不是 Excel 97–2003 工作簿（{xls_error}）"),
            }),
        },
    }
}

/// An f64 as the exact decimal of its shortest round-trip text, which is
/// what Excel shows and what the user typed.
fn exact(f: f64) -> SheetCell {
    if !f.is_finite() {
        return SheetCell::Error("#NUM!".into());
    }
    match Decimal::from_str(&format!("{f}")) {
        Ok(d) => SheetCell::Number(d),
        Err(_) => SheetCell::Error(format!("数值超出范围（{f:e}）")),
    }
}

fn from_data(d: &Data) -> SheetCell {
    match d {
        Data::Int(i) => SheetCell::Number(Decimal::from(*i)),
        Data::Float(f) => exact(*f),
        Data::String(s) => SheetCell::Text(s.clone()),
        Data::Bool(b) => SheetCell::Bool(*b),
        Data::DateTime(dt) => SheetCell::Date(dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => SheetCell::Date(s.clone()),
        Data::Error(e) => SheetCell::Error(e.to_string()),
        Data::Empty => SheetCell::Empty,
    }
}

fn from_data_ref(d: DataRef<'_>) -> SheetCell {
    match d {
        DataRef::Int(i) => SheetCell::Number(Decimal::from(i)),
        DataRef::Float(f) => exact(f),
        DataRef::String(s) => SheetCell::Text(s),
        DataRef::SharedString(s) => SheetCell::Text(s.to_string()),
        DataRef::Bool(b) => SheetCell::Bool(b),
        DataRef::DateTime(dt) => SheetCell::Date(dt.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => SheetCell::Date(s),
        DataRef::Error(e) => SheetCell::Error(e.to_string()),
        DataRef::Empty => SheetCell::Empty,
    }
}

/// Builds a dense grid from cells at absolute positions, within limits.
struct GridBuilder<'a> {
    path: &'a str,
    sheet: &'a str,
    limits: &'a Limits,
    rows: Vec<Vec<SheetCell>>,
    cells: usize,
}

impl<'a> GridBuilder<'a> {
    fn new(path: &'a str, sheet: &'a str, limits: &'a Limits) -> Self {
        GridBuilder {
            path,
            sheet,
            limits,
            rows: Vec::new(),
            cells: 0,
        }
    }

    fn too_many(&self) -> SheetError {
        SheetError::TooManyRows {
            path: self.path.into(),
            sheet: self.sheet.into(),
            limit: self.limits.max_rows,
        }
    }

    fn put(&mut self, row: usize, col: usize, cell: SheetCell) -> Result<(), SheetError> {
        if cell == SheetCell::Empty {
            return Ok(());
        }
        if row >= self.limits.max_rows {
            return Err(self.too_many());
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            self.cells += col + 1 - r.len();
            if self.cells > self.limits.max_cells {
                return Err(SheetError::Broken {
                    path: self.path.into(),
                    sheet: self.sheet.into(),
                    reason: format!("单元格超过 {} 个", self.limits.max_cells),
                });
            }
            r.resize(col + 1, SheetCell::Empty);
        }
        r[col] = cell;
        Ok(())
    }

    /// Marks formula cells that hold no value.
    fn formulas(&mut self, formulas: &calamine::Range<String>) {
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            let (row, col) = (r + r0 as usize, c + c0 as usize);
            let empty = self
                .rows
                .get(row)
                .and_then(|x| x.get(col))
                .is_none_or(|x| *x == SheetCell::Empty);
            if empty && !f.is_empty() {
                // Cannot exceed the limits: a formula cell is a used cell.
                let _ = self.put(row, col, SheetCell::Uncached { formula: f.clone() });
            }
        }
    }
}

fn merges(dims: Vec<calamine::Dimensions>) -> Vec<Merge> {
    dims.into_iter()
        .map(|d| Merge {
            first: (d.start.0 as usize, d.start.1 as usize),
            last: (d.end.0 as usize, d.end.1 as usize),
        })
        .collect()
}

/// xlsx: cells are streamed, so a sheet of a million rows is refused after
/// reading the first rows beyond the limit, not after loading them all.
fn read_xlsx<R: Read + Seek>(
    path: &str,
    mut wb: Xlsx<R>,
    limits: &Limits,
) -> Result<Workbook, SheetError> {
    let mut out = Workbook::default();
    let hidden = hidden_sheets(&wb);
    for name in wb.sheet_names() {
        let mut g = GridBuilder::new(path, &name, limits);
        {
            let mut cells = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| broken(path, &name, e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| broken(path, &name, e))? {
                let (r, c) = cell.get_position();
                g.put(
                    r as usize,
                    c as usize,
                    from_data_ref(cell.get_value().clone()),
                )?;
            }
        }
        if let Ok(f) = wb.worksheet_formula(&name) {
            g.formulas(&f);
        }
        let merged = merges(wb.merge_cells_by_sheet_name(&name).unwrap_or_default());
        let rows = g.rows;
        let hidden = hidden.contains(&name);
        out.sheets.push(Sheet {
            name,
            rows,
            merged,
            hidden,
        });
    }
    Ok(out)
}

/// xls and ods: calamine reads a whole sheet at once (xls holds at most
/// 65,536 rows; an ods was size-checked as a zip).
fn read_ranges<R, W>(
    path: &str,
    mut wb: W,
    limits: &Limits,
    merged: impl Fn(&mut W, &str) -> Vec<calamine::Dimensions>,
) -> Result<Workbook, SheetError>
where
    W: Reader<R>,
    W::Error: std::fmt::Display,
    R: Read + Seek,
{
    let mut out = Workbook::default();
    let hidden = hidden_sheets(&wb);
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| broken(path, &name, e))?;
        let mut g = GridBuilder::new(path, &name, limits);
        if range.height() > limits.max_rows {
            return Err(g.too_many());
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            g.put(r + r0 as usize, c + c0 as usize, from_data(v))?;
        }
        if let Ok(f) = wb.worksheet_formula(&name) {
            g.formulas(&f);
        }
        let rows = g.rows;
        let merged = merges(merged(&mut wb, &name));
        let hidden = hidden.contains(&name);
        out.sheets.push(Sheet {
            name,
            rows,
            merged,
            hidden,
        });
    }
    Ok(out)
}

/// Names of the sheets the workbook hides (hidden or "very hidden").
fn hidden_sheets<R, W: Reader<R>>(wb: &W) -> Vec<String>
where
    R: Read + Seek,
{
    wb.sheets_metadata()
        .iter()
        .filter(|m| m.visible != calamine::SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect()
}

/// CSV or TSV, UTF-8 (with or without BOM) or GB18030 as Excel saves it on a
/// Chinese Windows; tab-separated when the first line has a tab.
fn read_text(name: &str, path: &Path, limits: &Limits) -> Result<Workbook, SheetError> {
    let bytes = std::fs::read(path).map_err(|source| SheetError::Io {
        path: name.into(),
        source,
    })?;
    // Excel's "Unicode 文本" is UTF-16 with a byte-order mark.
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    let head = &bytes[..bytes.len().min(8192)];
    if utf16.is_none() && head.contains(&0) {
        return Err(SheetError::NotASpreadsheet {
            path: name.into(),
            reason: "是二进制文件".into(),
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match utf16 {
        Some(enc) => {
            let (s, _, bad) = enc.decode(&bytes);
            if bad {
                return Err(SheetError::NotASpreadsheet {
                    path: name.into(),
                    reason: "UTF-16 文字编码有误".into(),
                });
            }
            s
        }
        None => match std::str::from_utf8(body) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => {
                let (s, _, bad) = encoding_rs::GB18030.decode(body);
                if bad {
                    return Err(SheetError::NotASpreadsheet {
                        path: name.into(),
                        reason: "文字编码既不是 UTF-8 也不是 GB18030".into(),
                    });
                }
                s
            }
        },
    };
    let sheet_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first = text.lines().next().unwrap_or("");
    let tab = first.contains('\t') || path.extension().is_some_and(|e| e == "tsv");
    let delimiter = if tab { '\t' } else { ',' };
    if let Some(line) = unclosed_quote(&text, delimiter) {
        return Err(broken(
            name,
            &sheet_name,
            format!(
                "第{line}行的引号 \" 没有配对的结束引号，其后各行会被读成一个单元格；请在原表中改正后再导入"
            ),
        ));
    }

    let mut g = GridBuilder::new(name, &sheet_name, limits);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if tab { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    for (r, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| broken(name, &sheet_name, e))?;
        for (c, field) in rec.iter().enumerate() {
            if !field.trim().is_empty() {
                g.put(r, c, SheetCell::Text(field.to_string()))?;
            }
        }
        if r >= limits.max_rows {
            return Err(g.too_many());
        }
    }
    let rows = g.rows;
    Ok(Workbook {
        sheets: vec![Sheet {
            name: sheet_name,
            rows,
            merged: Vec::new(),
            hidden: false,
        }],
    })
}

/// The line (1-based) where a quoted field opens and never closes, as the
/// csv reader parses quotes: a `"` opens a field only at its start; inside,
/// `""` is a quote and a lone `"` closes it.
fn unclosed_quote(text: &str, delimiter: char) -> Option<usize> {
    let mut line = 1;
    let mut opened = 0;
    let mut in_quote = false;
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quote {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => in_quote = false,
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if at_start => {
                in_quote = true;
                opened = line;
            }
            d if d == delimiter => {
                at_start = true;
                continue;
            }
            '\n' => {
                line += 1;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
    in_quote.then_some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap_or_default();
        p
    }

    #[test]
    fn unclosed_quotes_are_found_where_they_open() {
        assert_eq!(unclosed_quote("a,\"b,c\"\n1,2\n", ','), None);
        assert_eq!(unclosed_quote("a,\"b\"\"c\"\n", ','), None);
        assert_eq!(
            unclosed_quote("a,b\"c\n", ','),
            None,
            "not at a field start"
        );
        assert_eq!(
            unclosed_quote("x\n\"a\nb\n\"\n", ','),
            None,
            "closes on line 4"
        );
        assert_eq!(unclosed_quote("x\ny,\"a\nb,c\n", ','), Some(2));
        assert_eq!(
            unclosed_quote("a,\"b\tc\n", '\t'),
            None,
            "a comma in a TSV field"
        );
        assert_eq!(unclosed_quote("a\t\"b\nc\n", '\t'), Some(1));
    }

    #[test]
    fn utf16_text_with_a_bom_reads_in_both_byte_orders() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let text = "科目编码\t基本支出\n2013350\t12.50\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for (name, bytes) in [("le.txt", le), ("be.txt", be)] {
            let p = write(&dir, name, &bytes);
            let wb = read(&p).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(wb.sheets[0].get(1, 1), &SheetCell::Text("12.50".into()));
        }
    }

    #[test]
    fn floats_read_as_their_shortest_decimal() {
        assert_eq!(exact(1037.6), SheetCell::Number(Decimal::new(10376, 1)));
        assert_eq!(
            exact(0.1 + 0.2),
            SheetCell::Number(Decimal::from_str("0.30000000000000004").unwrap_or_default())
        );
        assert_eq!(exact(2010101.0), SheetCell::Number(Decimal::from(2010101)));
        assert!(matches!(exact(f64::NAN), SheetCell::Error(_)));
    }

    #[test]
    fn csv_in_gb18030_and_tsv_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (gbk, _, _) = encoding_rs::GB18030.encode("科目编码,科目名称\n2010101,行政运行\n");
        let p = write(&dir, "gbk.csv", &gbk);
        let wb = read(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(wb.sheets[0].get(1, 1), &SheetCell::Text("行政运行".into()));
        let p = write(&dir, "t.tsv", "\u{feff}a\tb\n\"x\ny\"\t2\n".as_bytes());
        let wb = read(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(wb.sheets[0].get(0, 0), &SheetCell::Text("a".into()));
        assert_eq!(wb.sheets[0].get(1, 0), &SheetCell::Text("x\ny".into()));
    }

    #[test]
    fn xlsx_numbers_text_and_merges_read_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("t.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let ok = ws.set_name("1.2部门支出预算总表").is_ok()
            && ws
                .merge_range(
                    0,
                    0,
                    0,
                    2,
                    "功能分类科目编码",
                    &rust_xlsxwriter::Format::new(),
                )
                .is_ok()
            && ws.write_string(1, 0, "201").is_ok()
            && ws.write_number(2, 0, 2010101.0).is_ok()
            && ws.write_number(2, 3, 1037.6).is_ok()
            && wb.save(&p).is_ok();
        assert!(ok);
        let book = read(&p).unwrap_or_else(|e| panic!("{e}"));
        let s = &book.sheets[0];
        assert_eq!(s.name, "1.2部门支出预算总表");
        assert_eq!(s.shown(0, 2), &SheetCell::Text("功能分类科目编码".into()));
        assert_eq!(s.get(1, 0), &SheetCell::Text("201".into()));
        assert_eq!(s.get(2, 3), &SheetCell::Number(Decimal::new(10376, 1)));
        assert_eq!(super::super::code(s.get(2, 0)).as_deref(), Some("2010101"));
        // The same file is a zip bomb under a tiny unpacked-size limit.
        let limits = Limits {
            max_unpacked_bytes: 1000,
            ..Limits::default()
        };
        assert!(matches!(
            read_with(&p, &limits),
            Err(SheetError::ZipBomb { .. })
        ));
    }

    #[test]
    fn junk_and_limits_are_refused_with_the_file_named() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = write(&dir, "bin.xlsx", &[0u8, 1, 2, 3, 0, 0, 0, 0, 9]);
        let e = read(&p).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("bin.xlsx") && e.contains("二进制"), "{e}");
        let p = write(&dir, "big.csv", "1\n".repeat(30).as_bytes());
        let limits = Limits {
            max_rows: 10,
            ..Limits::default()
        };
        let e = read_with(&p, &limits)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("超过 10 行"), "{e}");
        let limits = Limits {
            max_file_bytes: 5,
            ..Limits::default()
        };
        assert!(matches!(
            read_with(&p, &limits),
            Err(SheetError::FileTooLarge { .. })
        ));
        assert!(matches!(
            read(dir.path()),
            Err(SheetError::NotASpreadsheet { .. })
        ));
    }
}
