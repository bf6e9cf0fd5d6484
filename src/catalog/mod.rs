//! The 政府收支分类科目 catalog of one budget year: 支出功能分类 and
//! 部门预算支出经济分类. Data lives in `assets/catalog/<year>/*.tsv`
//! (compiled into the binary); this module only parses and looks it up.

use crate::model::{CostBucket, EconomicCode, FunctionCode};
use std::collections::BTreeMap;

/// How sure the catalog's source was about a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// Code and name seen together in a cited source.
    Verified,
    /// Printed in the reference document.
    Seed,
    /// Name seen, code consistent with the official numbering.
    OfficialName,
}

/// One catalog row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Official name for the year.
    pub name: String,
    /// Provenance of the row.
    pub provenance: Provenance,
    /// For 经济科目: 人员经费/公用经费 default; `None` for codes outside 基本支出.
    pub bucket: Option<CostBucket>,
    /// True for 经济科目 that are "三公" items.
    pub three_public: bool,
}

/// The catalog for one year.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Budget year.
    pub year: i32,
    functions: BTreeMap<String, Entry>,
    economics: BTreeMap<String, Entry>,
}

/// A problem in the catalog data itself (a build-time asset, so these only
/// show up in tests and when a new year is added).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A malformed line.
    #[error("科目表 {file} 第 {line} 行格式错误：{reason}")]
    Line {
        /// File name.
        file: &'static str,
        /// 1-based line.
        line: usize,
        /// Why.
        reason: String,
    },
    /// No catalog for the year.
    #[error("没有 {0} 年度的科目表（本程序提供 2021 年度）")]
    NoYear(i32),
}

const FUNCTION_2021: &str = include_str!("../../assets/catalog/2021/function.tsv");
const ECONOMIC_2021: &str = include_str!("../../assets/catalog/2021/economic.tsv");

/// Years for which a catalog ships.
pub const YEARS: [i32; 1] = [2021];

fn parse(
    file: &'static str,
    text: &str,
    economic: bool,
) -> Result<BTreeMap<String, Entry>, CatalogError> {
    let mut out = BTreeMap::new();
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let err = |reason: &str| CatalogError::Line {
            file,
            line: i + 1,
            reason: reason.into(),
        };
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let (code, name, status) = match cols.as_slice() {
            [c, n, s, ..] => (*c, *n, *s),
            _ => return Err(err("列数不足")),
        };
        let ok_len = if economic {
            [3, 5].contains(&code.len())
        } else {
            [3, 5, 7].contains(&code.len())
        };
        if !ok_len || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("编码格式不对"));
        }
        let provenance = match status {
            "verified" => Provenance::Verified,
            "seed" => Provenance::Seed,
            "official-name" => Provenance::OfficialName,
            _ => return Err(err("未知的来源标记")),
        };
        let (bucket, three_public) = if economic {
            let bucket = match cols.get(3).copied().unwrap_or("-") {
                "人员" => Some(CostBucket::Personnel),
                "公用" => Some(CostBucket::Public),
                _ => None,
            };
            (bucket, cols.get(4).is_some_and(|n| n.contains("三公")))
        } else {
            (None, false)
        };
        out.insert(
            code.to_string(),
            Entry {
                name: name.to_string(),
                provenance,
                bucket,
                three_public,
            },
        );
    }
    Ok(out)
}

impl Catalog {
    /// The catalog shipped for `year`.
    pub fn for_year(year: i32) -> Result<Catalog, CatalogError> {
        match year {
            2021 => Ok(Catalog {
                year,
                functions: parse("function.tsv", FUNCTION_2021, false)?,
                economics: parse("economic.tsv", ECONOMIC_2021, true)?,
            }),
            _ => Err(CatalogError::NoYear(year)),
        }
    }

    /// The catalog for `year`, or the nearest shipped year's when there is
    /// none (the rules then report that the year has no catalog).
    pub fn nearest(year: i32) -> Catalog {
        let y = YEARS
            .iter()
            .copied()
            .min_by_key(|y| (y - year).abs())
            .unwrap_or(2021);
        Catalog::for_year(y).unwrap_or_default()
    }

    /// A 功能科目 by code.
    pub fn function(&self, code: &FunctionCode) -> Option<&Entry> {
        self.functions.get(code.as_str())
    }

    /// An 经济科目 by code.
    pub fn economic(&self, code: &EconomicCode) -> Option<&Entry> {
        self.economics.get(code.as_str())
    }

    /// All 功能科目, in code order.
    pub fn functions(&self) -> impl Iterator<Item = (FunctionCode, &Entry)> {
        self.functions
            .iter()
            .map(|(c, e)| (FunctionCode::new(c.clone()), e))
    }

    /// All 经济科目, in code order.
    pub fn economics(&self) -> impl Iterator<Item = (EconomicCode, &Entry)> {
        self.economics
            .iter()
            .map(|(c, e)| (EconomicCode::new(c.clone()), e))
    }

    /// Name of a 功能科目 at any level, for derived subtotal rows.
    pub fn function_name(&self, code: &FunctionCode) -> Option<&str> {
        self.function(code).map(|e| e.name.as_str())
    }

    /// Name of an 经济科目 at any level.
    pub fn economic_name(&self, code: &EconomicCode) -> Option<&str> {
        self.economic(code).map(|e| e.name.as_str())
    }

    /// Search for the 科目 picker: codes starting with `query`, or names
    /// containing it; 项 first for 功能科目. At most `limit` results.
    pub fn search_functions(&self, query: &str, limit: usize) -> Vec<(FunctionCode, &Entry)> {
        search(&self.functions, query, limit, 7)
            .into_iter()
            .map(|(c, e)| (FunctionCode::new(c), e))
            .collect()
    }

    /// Search 经济科目 at 款 level (the level 表3 is entered at).
    pub fn search_economics(&self, query: &str, limit: usize) -> Vec<(EconomicCode, &Entry)> {
        search(&self.economics, query, limit, 5)
            .into_iter()
            .map(|(c, e)| (EconomicCode::new(c), e))
            .collect()
    }
}

fn search<'a>(
    map: &'a BTreeMap<String, Entry>,
    query: &str,
    limit: usize,
    leaf_len: usize,
) -> Vec<(String, &'a Entry)> {
    let q = query.trim();
    map.iter()
        .filter(|(c, _)| c.len() == leaf_len)
        .filter(|(c, e)| q.is_empty() || c.starts_with(q) || e.name.contains(q))
        .take(limit)
        .map(|(c, e)| (c.clone(), e))
        .collect()
}
