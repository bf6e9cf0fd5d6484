//! The 政府收支分类科目 catalog of one budget year: 支出功能分类,
//! 部门预算支出经济分类 and, when imported, 政府预算支出经济分类.
//!
//! A catalog is versioned data: a year, an edition (`2025-05 修订`) and
//! whether it is the official complete list or a partial one. Partial lists
//! ship in the binary (`assets/catalog/2021/*.tsv`, reused for 2022–2027 as
//! partial lists); official lists are imported by the user ([`import`]) and
//! stored as readable TSV files in the user's data folder ([`store`]).

mod correspondence;

pub use correspondence::{Correspondence, CorrespondenceError, Mapping, UnitSide};

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
    /// From an official list the user imported.
    Official,
}

impl Provenance {
    /// The status word of the TSV files.
    pub fn key(self) -> &'static str {
        match self {
            Provenance::Verified => "verified",
            Provenance::Seed => "seed",
            Provenance::OfficialName => "official-name",
            Provenance::Official => "official",
        }
    }

    /// Reads a status word.
    pub fn from_key(s: &str) -> Option<Provenance> {
        [
            Provenance::Verified,
            Provenance::Seed,
            Provenance::OfficialName,
            Provenance::Official,
        ]
        .into_iter()
        .find(|p| p.key() == s)
    }

    /// How the picker labels the row's source.
    pub fn label(self) -> &'static str {
        match self {
            Provenance::Verified => "已核实（公开文件）",
            Provenance::Seed => "参考文件",
            Provenance::OfficialName => "按官方命名（未逐条核实）",
            Provenance::Official => "官方科目表",
        }
    }
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

/// Whether a catalog lists every code of its year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Completeness {
    /// A part of the official list (the bundled ones): a code it lacks may
    /// still be valid.
    #[default]
    Partial,
    /// The official list as the finance bureau issued it: a code it lacks is
    /// not a code of that year.
    Official,
}

impl Completeness {
    /// The word in a stored catalog's header.
    pub fn key(self) -> &'static str {
        match self {
            Completeness::Partial => "partial",
            Completeness::Official => "official",
        }
    }

    /// Shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Completeness::Partial => "部分科目（内置）",
            Completeness::Official => "官方完整科目表",
        }
    }
}

/// Which classification a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// 支出功能分类 (类/款/项, codes 2xx).
    Function,
    /// 部门预算支出经济分类 (类/款, codes 3xx).
    Economic,
    /// 政府预算支出经济分类 (类/款, codes 5xx).
    GovEconomic,
}

impl Classification {
    /// All three.
    pub const ALL: [Classification; 3] = [
        Classification::Function,
        Classification::Economic,
        Classification::GovEconomic,
    ];

    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Classification::Function => "支出功能分类",
            Classification::Economic => "部门预算支出经济分类",
            Classification::GovEconomic => "政府预算支出经济分类",
        }
    }

    /// The word in a stored catalog's `kind` column.
    pub fn key(self) -> &'static str {
        match self {
            Classification::Function => "function",
            Classification::Economic => "economic",
            Classification::GovEconomic => "gov-economic",
        }
    }

    /// Reads a `kind` word.
    pub fn from_key(s: &str) -> Option<Classification> {
        Self::ALL.into_iter().find(|c| c.key() == s)
    }

    /// The classification of a code by the official numbering: 支出功能分类
    /// codes start with 2, 部门预算经济分类 with 3, 政府预算经济分类 with 5.
    pub fn of_code(code: &str) -> Option<Classification> {
        match code.as_bytes().first() {
            Some(b'2') => Some(Classification::Function),
            Some(b'3') => Some(Classification::Economic),
            Some(b'5') => Some(Classification::GovEconomic),
            _ => None,
        }
    }

    /// Whether `len` digits is a level of this classification (经济分类 has
    /// no 项).
    pub fn valid_len(self, len: usize) -> bool {
        match self {
            Classification::Function => [3, 5, 7].contains(&len),
            _ => [3, 5].contains(&len),
        }
    }
}

/// The default 人员/公用 assignment and "三公" mark of a 部门预算经济分类
/// code, as the bundled 2021 list assigns them (301/303 人员, 302/310 公用).
pub fn economic_defaults(code: &str) -> (Option<CostBucket>, bool) {
    let bucket = match code.get(..3) {
        Some("301" | "303") => Some(CostBucket::Personnel),
        Some("302" | "310") => Some(CostBucket::Public),
        _ => None,
    };
    let three = ["30212", "30217", "30231", "30913", "31013"].contains(&code);
    (bucket, three)
}

/// Which catalog: year and edition, as a document records it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CatalogId {
    /// Budget year.
    pub year: i32,
    /// Edition, e.g. `2025-05 修订`, or the bundled edition's name.
    pub edition: String,
}

/// The catalog for one year.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Budget year.
    pub year: i32,
    /// Edition name (`内置` for the bundled lists).
    pub edition: String,
    /// Official complete list or a partial one.
    pub completeness: Completeness,
    functions: BTreeMap<String, Entry>,
    economics: BTreeMap<String, Entry>,
    gov_economics: BTreeMap<String, Entry>,
    /// 部门 → 政府 经济分类 对应关系 (the bundled one unless the user
    /// installed a newer one).
    pub correspondence: Correspondence,
}

/// A problem in the catalog data itself (a build-time asset, so these only
/// show up in tests and when a new year is added).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A malformed line.
    #[error("科目表 {file} 第 {line} 行格式错误：{reason}")]
    Line {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// Why.
        reason: String,
    },
    /// No catalog for the year.
    #[error("没有 {0} 年度的科目表（本程序内置 2021–2027 年度）")]
    NoYear(i32),
}

const FUNCTION_2021: &str = include_str!("../../../../assets/catalog/2021/function.tsv");
const ECONOMIC_2021: &str = include_str!("../../../../assets/catalog/2021/economic.tsv");
const GOV_ECONOMIC_2021: &str = include_str!("../../../../assets/catalog/2021/economic_gov.tsv");

/// The bundled 政府预算经济分类 names, read once.
static BUNDLED_GOV: std::sync::LazyLock<BTreeMap<String, Entry>> = std::sync::LazyLock::new(|| {
    parse("economic_gov.tsv", GOV_ECONOMIC_2021, true).unwrap_or_default()
});

/// Years for which a (partial) catalog ships.
pub const YEARS: [i32; 7] = [2021, 2022, 2023, 2024, 2025, 2026, 2027];

/// Edition name of the bundled lists.
pub(crate) const BUNDLED_EDITION: &str = "内置";

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
            file: file.to_string(),
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
        let provenance = Provenance::from_key(status).ok_or_else(|| err("未知的来源标记"))?;
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
    /// The partial catalog shipped for `year`. 2021 is the researched list
    /// (see its README); 2022–2027 ship the same sourced rows as partial
    /// lists, because most `verified` rows rest on 2025/2026 documents and
    /// no fuller list of those years is public. Never invented rows.
    pub fn for_year(year: i32) -> Result<Catalog, CatalogError> {
        if !YEARS.contains(&year) {
            return Err(CatalogError::NoYear(year));
        }
        Ok(Catalog {
            year,
            edition: BUNDLED_EDITION.to_string(),
            completeness: Completeness::Partial,
            functions: parse("function.tsv", FUNCTION_2021, false)?,
            economics: parse("economic.tsv", ECONOMIC_2021, true)?,
            gov_economics: parse("economic_gov.tsv", GOV_ECONOMIC_2021, true)?,
            correspondence: Correspondence::bundled(),
        })
    }

    /// A catalog from its parts (import and the stored files).
    pub fn from_rows(
        id: CatalogId,
        completeness: Completeness,
        rows: BTreeMap<Classification, BTreeMap<String, Entry>>,
    ) -> Catalog {
        let mut rows = rows;
        let mut take = |c| rows.remove(&c).unwrap_or_default();
        Catalog {
            year: id.year,
            edition: id.edition,
            completeness,
            functions: take(Classification::Function),
            economics: take(Classification::Economic),
            gov_economics: take(Classification::GovEconomic),
            correspondence: Correspondence::bundled(),
        }
    }

    /// The 政府预算经济分类 name of a code (类 or 款): this catalog's, else
    /// the bundled list's (an imported official list may lack them).
    pub fn gov_economic_name(&self, code: &str) -> Option<String> {
        if let Some(e) = self.gov_economics.get(code) {
            return Some(e.name.clone());
        }
        BUNDLED_GOV.get(code).map(|e| e.name.clone())
    }

    /// Year and edition.
    pub fn id(&self) -> CatalogId {
        CatalogId {
            year: self.year,
            edition: self.edition.clone(),
        }
    }

    /// True for an official complete list.
    pub fn is_complete(&self) -> bool {
        self.completeness == Completeness::Official
    }

    /// `2025 年“2025-05 修订”（官方完整科目表）`, for messages.
    pub fn describe(&self) -> String {
        format!(
            "{} 年“{}”（{}）",
            self.year,
            self.edition,
            self.completeness.label()
        )
    }

    /// The rows of one classification.
    pub fn rows(&self, c: Classification) -> &BTreeMap<String, Entry> {
        match c {
            Classification::Function => &self.functions,
            Classification::Economic => &self.economics,
            Classification::GovEconomic => &self.gov_economics,
        }
    }

    /// Number of rows per level (3, 5, 7 digits) of one classification.
    pub fn counts(&self, c: Classification) -> [usize; 3] {
        let mut n = [0; 3];
        for code in self.rows(c).keys() {
            match code.len() {
                3 => n[0] += 1,
                5 => n[1] += 1,
                7 => n[2] += 1,
                _ => {}
            }
        }
        n
    }

    /// The 类 and 款 names of a 功能科目 (for picker labels such as
    /// `2010101 行政运行（一般公共服务支出 / 人大事务）`); each `None` when the
    /// catalog lacks that level.
    pub fn function_path(&self, code: &FunctionCode) -> (Option<&str>, Option<&str>) {
        use crate::model::CodeLevel;
        let name = |level| code.prefix(level).and_then(|c| self.function_name_str(c));
        let class = name(CodeLevel::Class);
        let section = match code.level() {
            Some(CodeLevel::Item) => name(CodeLevel::Section),
            _ => None,
        };
        (class, section)
    }

    /// The 类 name of an 经济科目 款.
    pub fn economic_path(&self, code: &EconomicCode) -> Option<&str> {
        use crate::model::CodeLevel;
        match code.level() {
            Some(CodeLevel::Section) => code
                .prefix(CodeLevel::Class)
                .and_then(|c| self.economics.get(c))
                .map(|e| e.name.as_str()),
            _ => None,
        }
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

    /// Name of a 功能科目 at any level, for derived subtotal rows, given as
    /// text (a code or a prefix of an entered code).
    pub(crate) fn function_name_str(&self, code: &str) -> Option<&str> {
        self.functions.get(code).map(|e| e.name.as_str())
    }

    /// Name of an 经济科目 at any level.
    pub(crate) fn economic_name(&self, code: &EconomicCode) -> Option<&str> {
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

/// Picks the catalog for `year` among the installed ones and the bundled
/// ones: the recorded edition if present; else the same year (official
/// before partial, then the latest edition); else the nearest earlier year;
/// else the earliest later one.
/// The catalog to check a document of `year` against, among `installed`
/// ones and the bundled lists: the edition the document records when it is
/// installed, else an installed official list of that year, else the
/// bundled or nearest earlier year's (the rules then say which was used).
/// Reading the installed ones from disk is `yusuan_files::catalogs`'s job.
pub fn choose(
    year: i32,
    wanted: Option<&crate::model::CatalogRef>,
    installed: Vec<Catalog>,
) -> Catalog {
    let mut all = installed;
    for y in YEARS {
        if let Ok(c) = Catalog::for_year(y) {
            all.push(c);
        }
    }
    // A recorded bundled edition does not pin the choice: an official list
    // installed since is better.
    if let Some(w) = wanted.filter(|w| w.edition != BUNDLED_EDITION)
        && let Some(i) = all
            .iter()
            .position(|c| c.year == w.year && c.edition == w.edition)
    {
        return all.swap_remove(i);
    }
    let rank = |c: &Catalog| {
        let distance = if c.year <= year {
            (0, year - c.year)
        } else {
            (1, c.year - year)
        };
        (
            distance,
            c.completeness != Completeness::Official,
            std::cmp::Reverse(c.edition.clone()),
        )
    };
    all.sort_by_key(rank);
    all.into_iter().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_without_catalog_uses_the_nearest_earlier_one() {
        assert_eq!(choose(2030, None, Vec::new()).year, 2027);
        assert_eq!(choose(2019, None, Vec::new()).year, 2021);
        assert_eq!(choose(2024, None, Vec::new()).year, 2024);
    }

    #[test]
    fn an_installed_official_list_wins_over_the_bundled_one() {
        let mut rows = BTreeMap::new();
        rows.insert(Classification::Function, BTreeMap::new());
        let official = Catalog::from_rows(
            CatalogId {
                year: 2025,
                edition: "2025-05 修订".into(),
            },
            Completeness::Official,
            rows,
        );
        let c = choose(2025, None, vec![official.clone()]);
        assert_eq!(c.edition, "2025-05 修订");
        let c = choose(2026, None, vec![official]);
        assert_eq!(
            c.edition, BUNDLED_EDITION,
            "the bundled 2026 list is nearer"
        );
    }

    #[test]
    fn path_names_of_an_item() {
        let c = Catalog::for_year(2021).unwrap_or_default();
        let (class, section) = c.function_path(&FunctionCode::new("2010101"));
        assert_eq!(class, Some("一般公共服务支出"));
        assert_eq!(section, Some("人大事务"));
    }
}
