//! Reading an official 科目表 the finance bureau handed out (xlsx, xls, ods,
//! csv, tsv) into a [`Catalog`], with a report of what was read and what
//! was skipped, before anything is stored.
//!
//! Each sheet's layout is found by header text (`科目编码` | `科目名称`, or
//! `类` | `款` | `项` | `名称`) or, failing that, by shape (the column whose
//! cells are 3/5/7-digit codes). The classification of a row comes from its
//! code, as the official numbering fixes it (2xx 支出功能分类, 3xx 部门预算
//! 支出经济分类, 5xx 政府预算支出经济分类).

use crate::catalog::{
    Catalog, CatalogId, Classification, Completeness, Entry, Provenance, economic_defaults,
};
use crate::sheet::band::{self, HeaderGrid};
use crate::sheet::{self, Sheet, SheetCell, SheetError, cell_ref};
use std::collections::BTreeMap;
use std::path::Path;

/// A row that was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Sheet name.
    pub sheet: String,
    /// Cell, e.g. `A12` (empty for a whole sheet).
    pub cell: String,
    /// Why, in Chinese.
    pub reason: String,
    /// True for a note under or beside the list (`注：…`), which holds no
    /// 科目 and needs no confirmation to leave out.
    pub footnote: bool,
}

/// What an import read: the catalog and the rows it left out.
#[derive(Clone, Debug)]
pub struct ImportReport {
    /// The catalog, not yet stored.
    pub catalog: Catalog,
    /// Sheets that gave rows, with the layout found.
    pub sheets: Vec<(String, String)>,
    /// Rows skipped, in file order.
    pub skipped: Vec<Skipped>,
}

impl ImportReport {
    /// Rows left out that may have been 科目 (not footnotes): an install
    /// with any of them needs the user's confirmation.
    pub fn unread(&self) -> usize {
        self.skipped.iter().filter(|k| !k.footnote).count()
    }

    /// The preview text the CLI prints and the app shows: counts per
    /// classification and level, then every skipped row.
    pub fn summary(&self) -> String {
        let c = &self.catalog;
        let mut s = format!("科目表 {}\n", c.describe());
        for (sheet, layout) in &self.sheets {
            s += &format!("  工作表“{sheet}”：{layout}\n");
        }
        for k in Classification::ALL {
            let [a, b, i] = c.counts(k);
            if a + b + i > 0 {
                s += &format!("  {}：类 {a}，款 {b}，项 {i}\n", k.label());
            }
        }
        if self.skipped.is_empty() {
            s += "  没有跳过的行\n";
        } else {
            s += &format!(
                "  跳过 {} 行（其中说明文字 {} 行）：\n",
                self.skipped.len(),
                self.skipped.len() - self.unread()
            );
            for k in &self.skipped {
                s += &format!("    工作表“{}”{}：{}\n", k.sheet, k.cell, k.reason);
            }
        }
        s
    }
}

/// Why a file could not be imported; nothing has been stored.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a readable spreadsheet (size, zip bomb, password, format…).
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// A spreadsheet, but no sheet holds a catalog.
    #[error(
        "{file} 不是科目表：没有一个工作表含有“科目编码 / 科目名称”列、“类 / 款 / 项”列或 201、20101、2010101 形式的编码列"
    )]
    NotACatalog {
        /// The file.
        file: String,
    },
    /// A row that makes the list unusable: one code with two names, a 款
    /// without its 类, a 项 without its 款.
    #[error("{file} 工作表“{sheet}”{cell}：{message}，请核对后再导入")]
    Row {
        /// The file.
        file: String,
        /// Sheet.
        sheet: String,
        /// Cell, e.g. `A12`.
        cell: String,
        /// What is wrong.
        message: String,
    },
    /// Only 类 rows were read: the list would be installed without a 款 or 项.
    #[error(
        "{file} 只读到 {classes} 个类级科目，没有一个款或项（另有 {without} 行没有读到编码）：科目表的版式未能识别完整，未导入。请确认 类/款/项 各列的表头，或另存为“科目编码 | 科目名称”两列后再导入"
    )]
    OnlyClasses {
        /// The file.
        file: String,
        /// 类 rows read.
        classes: usize,
        /// Rows with a name but no code read.
        without: usize,
    },
    /// An impossible year.
    #[error("年度 {0} 无效（应为 2000–2100）")]
    Year(i32),
}

/// How a sheet holds its codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// One code column: 201 / 20101 / 2010101.
    Single { code: usize, name: usize },
    /// 类 | 款 | 项 columns joined into one code.
    Split {
        class: usize,
        section: usize,
        item: Option<usize>,
        name: usize,
    },
}

impl Layout {
    fn describe(self) -> String {
        match self {
            Layout::Single { code, name } => {
                format!("编码在 {} 列，名称在 {} 列", col_name(code), col_name(name))
            }
            Layout::Split {
                class,
                section,
                item,
                name,
            } => format!(
                "类/款/项 在 {}/{}/{} 列，名称在 {} 列",
                col_name(class),
                col_name(section),
                item.map_or("-".into(), col_name),
                col_name(name)
            ),
        }
    }
}

fn col_name(c: usize) -> String {
    cell_ref(0, c).trim_end_matches('1').to_string()
}

/// Rows searched for a header.
const HEADER_ROWS: usize = 30;

fn is_code_header(h: &str) -> bool {
    h.chars().count() <= 16 && (h.contains("编码") || h.contains("代码") || h == "科目编号")
}

fn is_name_header(h: &str) -> bool {
    h.chars().count() <= 16 && h.contains("名称")
}

/// A header a catalog's band may hold.
fn is_catalog_header(h: &str) -> bool {
    matches!(h, "类" | "款" | "项") || is_code_header(h) || is_name_header(h)
}

/// Finds the header band and layout by header text: the band (one to three
/// rows, merged cells over their children) whose columns read best, so a
/// `科目编码` spanning `类 | 款 | 项` gives the split layout, not a code
/// column. Returns the first data row.
fn by_header(s: &Sheet) -> Option<(usize, Layout)> {
    let g = HeaderGrid::new(s, HEADER_ROWS + 3);
    let best = band::best(&g, HEADER_ROWS, 3, |top, bottom| {
        // Every row of the band holds a header of its own (a title is not one).
        let own = |r: usize| {
            (0..g.width()).any(|c| {
                g.at(r, c)
                    .is_some_and(|h| h.row == r && is_catalog_header(&h.key))
            })
        };
        if !(top..=bottom).all(own) {
            return None;
        }
        let heads: Vec<String> = (0..g.width())
            .map(|c| {
                g.path(top, bottom, c)
                    .last()
                    .map(|h| h.key.clone())
                    .unwrap_or_default()
            })
            .collect();
        let find = |f: &dyn Fn(&str) -> bool| heads.iter().position(|h| f(h));
        let name = find(&|h| is_name_header(h));
        let class = find(&|h| h == "类");
        let section = find(&|h| h == "款");
        if let (Some(class), Some(section)) = (class, section) {
            let item = find(&|h| h == "项");
            let last = class.max(section).max(item.unwrap_or(0));
            let name = name.unwrap_or(last + 1);
            return Some((
                3,
                Layout::Split {
                    class,
                    section,
                    item,
                    name,
                },
            ));
        }
        let code = find(&|h| is_code_header(h));
        match (code, name) {
            (Some(code), Some(name)) if code != name && heads[code] != heads[name] => {
                Some((2, Layout::Single { code, name }))
            }
            _ => None,
        }
    });
    best.map(|(_, bottom, layout)| (bottom + 1, layout))
}

/// A cell that is a code of a known classification at a valid level.
fn full_code(cell: &SheetCell) -> Option<String> {
    let c = sheet::code(cell)?;
    let k = Classification::of_code(&c)?;
    k.valid_len(c.len()).then_some(c)
}

fn two_digits(cell: &SheetCell) -> Option<String> {
    let c = sheet::code(cell)?;
    match c.len() {
        1 => Some(format!("0{c}")),
        2 => Some(c),
        _ => None,
    }
}

/// Finds the layout by shape when no header names it.
fn by_shape(s: &Sheet) -> Option<(usize, Layout)> {
    let width = s.width();
    let rows = s.rows.len().min(500);
    let count =
        |c: usize, f: &dyn Fn(&SheetCell) -> bool| (0..rows).filter(|&r| f(s.get(r, c))).count();
    let (code, hits) = (0..width)
        .map(|c| (c, count(c, &|x| full_code(x).is_some())))
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))?;
    if hits < 3 {
        return None;
    }
    let first = (0..rows).find(|&r| full_code(s.get(r, code)).is_some())?;
    let texts = |c: usize| {
        count(
            c,
            &|x| matches!(x, SheetCell::Text(t) if sheet::code(x).is_none() && !t.trim().is_empty()),
        )
    };
    let all_classes = (0..rows)
        .filter_map(|r| full_code(s.get(r, code)))
        .all(|c| c.len() == 3);
    let splits = |c: usize| count(c, &|x| two_digits(x).is_some());
    if all_classes && code + 1 < width && splits(code + 1) > 0 {
        let item = (code + 2 < width && splits(code + 2) > 0).then_some(code + 2);
        let last = item.unwrap_or(code + 1);
        let name = (last + 1..width).max_by_key(|&c| (texts(c), std::cmp::Reverse(c)))?;
        return Some((
            first,
            Layout::Split {
                class: code,
                section: code + 1,
                item,
                name,
            },
        ));
    }
    let name = (0..width)
        .filter(|&c| c != code)
        .max_by_key(|&c| (texts(c), c > code, std::cmp::Reverse(c)))?;
    (texts(name) > 0).then_some((first, Layout::Single { code, name }))
}

/// One data row as read: its code (or why there is none) and its name.
struct RawRow {
    cell: String,
    code: Result<String, String>,
    /// Text of the code cells that is not a code (a note written there).
    code_text: String,
    name: String,
}

/// Reads the data rows of a sheet with a known layout.
fn rows_of(s: &Sheet, start: usize, layout: Layout) -> Vec<RawRow> {
    let mut out = Vec::new();
    let mut split = sheet::SplitCodes::default();
    let cols: Vec<usize> = match layout {
        Layout::Split {
            class,
            section,
            item,
            ..
        } => [Some(class), Some(section), item]
            .into_iter()
            .flatten()
            .collect(),
        Layout::Single { .. } => Vec::new(),
    };
    let shown = sheet::ShownColumns::new(s, &cols);
    for r in start..s.rows.len() {
        match layout {
            Layout::Single { code, name } => {
                let cell = s.get(r, code);
                let nm = sheet::text(s.get(r, name));
                let shown = sheet::text(cell);
                if shown.is_empty() && nm.is_empty() {
                    continue;
                }
                let c = match sheet::code(cell) {
                    Some(c) => Ok(c),
                    None if shown.is_empty() => Err("没有科目编码".to_string()),
                    None => Err(format!("“{shown}”不是科目编码")),
                };
                let (code_text, name) = match &c {
                    // A note typed in the code column.
                    Err(_) if nm.is_empty() => (String::new(), shown.clone()),
                    _ => (String::new(), nm),
                };
                out.push(RawRow {
                    cell: cell_ref(r, code),
                    code: c,
                    code_text: if sheet::is_note(&name) {
                        code_text
                    } else {
                        shown
                    },
                    name,
                });
            }
            Layout::Split {
                class,
                section,
                item,
                name,
            } => {
                let nm = sheet::text(s.get(r, name));
                let parts = [Some(class), Some(section), item].map(|c| c.map(|c| shown.get(r, c)));
                let any = parts.iter().flatten().any(|c| !sheet::text(c).is_empty());
                if !any && nm.is_empty() {
                    continue;
                }
                let code = match split.next(shown.get(r, class), parts[1], parts[2]) {
                    Ok(Some(c)) => Ok(c),
                    Ok(None) => Err("没有科目编码".to_string()),
                    Err(e) => Err(e),
                };
                // A note typed in the 类 column reads as the row's name.
                let label = sheet::text(shown.get(r, class));
                let (code_text, name) = match &code {
                    Err(_) if nm.is_empty() && sheet::is_note(&label) => (String::new(), label),
                    Err(_) => (label, nm),
                    Ok(_) => (String::new(), nm),
                };
                out.push(RawRow {
                    cell: cell_ref(r, class),
                    code,
                    code_text,
                    name,
                });
            }
        }
    }
    out
}

/// Reads `path` into a catalog of `year`/`edition` marked as the official
/// complete list. Stores nothing.
pub fn import(path: &Path, year: i32, edition: &str) -> Result<ImportReport, ImportError> {
    if !(2000..=2100).contains(&year) {
        return Err(ImportError::Year(year));
    }
    let file = path.display().to_string();
    let book = sheet::read(path)?;
    let mut rows: BTreeMap<Classification, BTreeMap<String, Entry>> = BTreeMap::new();
    // Where each code was first seen, for messages.
    let mut seen: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut sheets = Vec::new();
    for s in &book.sheets {
        let Some((start, layout)) = by_header(s).or_else(|| by_shape(s)) else {
            if !s.rows.is_empty() {
                skipped.push(Skipped {
                    sheet: s.name.clone(),
                    cell: String::new(),
                    reason: "工作表中没有科目编码列，整表未读取".into(),
                    footnote: false,
                });
            }
            continue;
        };
        sheets.push((s.name.clone(), layout.describe()));
        for row in rows_of(s, start, layout) {
            let skip = |reason: String| Skipped {
                sheet: s.name.clone(),
                cell: row.cell.clone(),
                reason,
                footnote: false,
            };
            let code = match row.code {
                Ok(c) => c,
                Err(reason) => {
                    let footnote = row.code_text.is_empty() && sheet::is_note(&row.name);
                    skipped.push(Skipped {
                        footnote,
                        ..skip(if footnote {
                            format!("说明文字，不是科目（没有科目编码）：{}", row.name)
                        } else if row.name.is_empty() {
                            reason
                        } else {
                            format!("{reason}（{}）", row.name)
                        })
                    });
                    continue;
                }
            };
            let Some(kind) = Classification::of_code(&code) else {
                skipped.push(skip(format!(
                    "编码 {code} 不属于支出功能分类或支出经济分类（如收入分类科目），未导入"
                )));
                continue;
            };
            if !kind.valid_len(code.len()) {
                skipped.push(skip(format!(
                    "编码 {code} 位数不对（{}应为 {} 位）",
                    kind.label(),
                    if kind == Classification::Function {
                        "3、5 或 7"
                    } else {
                        "3 或 5"
                    }
                )));
                continue;
            }
            if row.name.is_empty() {
                skipped.push(skip(format!("编码 {code} 没有科目名称")));
                continue;
            }
            let here = format!("工作表“{}”{}", s.name, row.cell);
            if let Some((first, first_name)) = seen.get(&code) {
                if *first_name != row.name {
                    return Err(ImportError::Row {
                        file,
                        sheet: s.name.clone(),
                        cell: row.cell,
                        message: format!(
                            "编码 {code} 的名称“{}”与 {first} 的“{first_name}”不同",
                            row.name
                        ),
                    });
                }
                skipped.push(skip(format!("编码 {code} 与 {first} 重复")));
                continue;
            }
            seen.insert(code.clone(), (here, row.name.clone()));
            let (bucket, three_public) = match kind {
                Classification::Economic => economic_defaults(&code),
                _ => (None, false),
            };
            rows.entry(kind).or_default().insert(
                code,
                Entry {
                    name: row.name,
                    provenance: Provenance::Official,
                    bucket,
                    three_public,
                },
            );
        }
    }
    if rows.values().all(BTreeMap::is_empty) {
        return Err(ImportError::NotACatalog { file });
    }
    // Only 类 rows: the 款 and 项 were not found (a layout misread); such a
    // list would pass every parent check and hide every 项 code.
    if rows.values().flat_map(BTreeMap::keys).all(|c| c.len() == 3) {
        let classes = rows.values().map(BTreeMap::len).sum();
        let without = skipped
            .iter()
            .filter(|k| k.reason.starts_with("没有"))
            .count();
        return Err(ImportError::OnlyClasses {
            file,
            classes,
            without,
        });
    }
    for map in rows.values() {
        for (code, e) in map {
            let parent = match code.len() {
                5 => (&code[..3], "款", "类"),
                7 => (&code[..5], "项", "款"),
                _ => continue,
            };
            if !map.contains_key(parent.0) {
                let (where_, _) = seen.get(code).cloned().unwrap_or_default();
                let (sheet, cell) = split_where(&where_);
                return Err(ImportError::Row {
                    file,
                    sheet,
                    cell,
                    message: format!(
                        "{} {code} {} 没有上级{} {}，科目表不完整，未导入",
                        parent.1, e.name, parent.2, parent.0
                    ),
                });
            }
        }
    }
    let catalog = Catalog::from_rows(
        CatalogId {
            year,
            edition: edition.trim().to_string(),
        },
        Completeness::Official,
        rows,
    );
    Ok(ImportReport {
        catalog,
        sheets,
        skipped,
    })
}

/// `工作表“X”B5` back into (`X`, `B5`).
fn split_where(w: &str) -> (String, String) {
    match w.rsplit_once('”') {
        Some((a, b)) => (a.trim_start_matches("工作表“").to_string(), b.to_string()),
        None => (String::new(), w.to_string()),
    }
}
