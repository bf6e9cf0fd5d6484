//! Installed catalogs: one readable TSV file per (year, edition) in the
//! user's data folder (`$YUSUAN_DATA_DIR/catalogs/`, else the platform's
//! data folder, e.g. `~/.local/share/yusuan/catalogs/`).
//!
//! The file has a `#` comment line, `year`, `edition` and `completeness`
//! lines (a key, a tab, the value), then a `kind code name status` header
//! and one tab-separated row per code, e.g. `function 201 一般公共服务支出
//! official`.

use crate::catalog::{
    Catalog, CatalogId, Classification, Completeness, Correspondence, Entry, Provenance,
    economic_defaults,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data folder (tests use it so
/// they never touch the real home).
pub const DATA_DIR_ENV: &str = "YUSUAN_DATA_DIR";

/// Why an installed catalog could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No data folder on this system.
    #[error("找不到用户数据文件夹（可设置环境变量 {DATA_DIR_ENV}）")]
    NoDataDir,
    /// The OS refused.
    #[error("{path}：{reason}")]
    Io {
        /// The file or folder.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// Another edition's file has the same name (`版本 A` and `版本_A` both
    /// become `版本_A`): installing would silently replace it.
    #[error("已安装的科目表“{existing}”（{path}）与“{new}”文件名相同，未安装；请换一个版本名称")]
    EditionClash {
        /// The installed edition.
        existing: String,
        /// The edition being installed.
        new: String,
        /// The file.
        path: String,
    },
    /// A stored file that is not a catalog file.
    #[error("{path} 第 {line} 行：{reason}")]
    Format {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// yusuan's data folder.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => dirs::data_dir().map(|d| d.join("yusuan")),
    }
}

/// The folder of installed catalogs.
pub fn catalog_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("catalogs"))
}

/// File name of a catalog: `2025-2025-05_修订.tsv` (characters a file
/// system may refuse become `_`).
pub fn file_name(id: &CatalogId) -> String {
    let edition: String = id
        .edition
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    format!("{}-{}.tsv", id.year, edition)
}

/// The catalog as the stored text.
pub(crate) fn to_text(c: &Catalog) -> String {
    let mut s = String::from(
        "# yusuan 科目表：每行一个科目（kind 为 function 支出功能分类、economic 部门预算支出经济分类、gov-economic 政府预算支出经济分类）\n",
    );
    let _ = writeln!(s, "year\t{}", c.year);
    let _ = writeln!(s, "edition\t{}", clean(&c.edition));
    let _ = writeln!(s, "completeness\t{}", c.completeness.key());
    s += "kind\tcode\tname\tstatus\n";
    for k in Classification::ALL {
        for (code, e) in c.rows(k) {
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}",
                k.key(),
                code,
                clean(&e.name),
                e.provenance.key()
            );
        }
    }
    s
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Reads a stored catalog file's text.
pub(crate) fn from_text(path: &str, text: &str) -> Result<Catalog, StoreError> {
    let err = |line: usize, reason: &str| StoreError::Format {
        path: path.to_string(),
        line,
        reason: reason.to_string(),
    };
    let mut year = None;
    let mut edition = None;
    let mut completeness = None;
    let mut header = false;
    let mut rows: BTreeMap<Classification, BTreeMap<String, Entry>> = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !header {
            match cols.as_slice() {
                ["year", y] => {
                    year = Some(
                        y.trim()
                            .parse::<i32>()
                            .map_err(|_| err(i + 1, "年度不是数字"))?,
                    );
                }
                ["edition", e] => edition = Some(e.trim().to_string()),
                ["completeness", "official"] => completeness = Some(Completeness::Official),
                ["completeness", "partial"] => completeness = Some(Completeness::Partial),
                ["kind", "code", "name", "status", ..] => header = true,
                _ => return Err(err(i + 1, "不是科目表文件的表头")),
            }
            continue;
        }
        let [kind, code, name, status, ..] = cols.as_slice() else {
            return Err(err(i + 1, "列数不足"));
        };
        let kind = Classification::from_key(kind).ok_or_else(|| err(i + 1, "未知的分类"))?;
        if !kind.valid_len(code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(i + 1, "编码格式不对"));
        }
        let provenance =
            Provenance::from_key(status).ok_or_else(|| err(i + 1, "未知的来源标记"))?;
        let (bucket, three_public) = match kind {
            Classification::Economic => economic_defaults(code),
            _ => (None, false),
        };
        rows.entry(kind).or_default().insert(
            code.to_string(),
            Entry {
                name: name.trim().to_string(),
                provenance,
                bucket,
                three_public,
            },
        );
    }
    let (Some(year), Some(edition), true) = (year, edition, header) else {
        return Err(err(1, "缺少 year / edition / 表头"));
    };
    Ok(Catalog::from_rows(
        CatalogId { year, edition },
        completeness.unwrap_or_default(),
        rows,
    ))
}

/// Writes a catalog into `dir` atomically; returns the file.
pub fn install_in(dir: &Path, c: &Catalog) -> Result<PathBuf, StoreError> {
    let io = |p: &Path, e: std::io::Error| StoreError::Io {
        path: p.display().to_string(),
        reason: crate::io::reason(&e),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join(file_name(&c.id()));
    // The same edition is replaced (a corrected list); another is not.
    if let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(old) = from_text(&path.display().to_string(), &text)
        && (old.year, old.edition.as_str()) != (c.year, clean(&c.edition).as_str())
    {
        return Err(StoreError::EditionClash {
            existing: old.edition,
            new: c.edition.clone(),
            path: path.display().to_string(),
        });
    }
    crate::io::write::write(
        &crate::io::Target::output(&path, &[]),
        to_text(c).as_bytes(),
    )
    .map_err(|e| StoreError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(path)
}

/// Writes a catalog into the user's catalog folder.
pub fn install(c: &Catalog) -> Result<PathBuf, StoreError> {
    let dir = catalog_dir().ok_or(StoreError::NoDataDir)?;
    install_in(&dir, c)
}

/// Every readable installed catalog file, with the error of each
/// unreadable one.
pub fn scan(dir: &Path) -> Vec<(PathBuf, Result<Catalog, StoreError>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let shown = p.display().to_string();
            let r = match std::fs::metadata(&p) {
                // A stored catalog is a few hundred KB; refuse anything huge.
                Ok(m) if m.len() > 16 << 20 => Err(StoreError::Io {
                    path: shown.clone(),
                    reason: "文件过大".into(),
                }),
                _ => std::fs::read_to_string(&p)
                    .map_err(|e| StoreError::Io {
                        path: shown.clone(),
                        reason: crate::io::reason(&e),
                    })
                    .and_then(|t| from_text(&shown, &t)),
            };
            (p, r)
        })
        .collect()
}

/// The catalog to check a document of `year` against: the installed or
/// bundled catalog of that year (an installed official list first), or
/// else the nearest earlier year's (the rules then say which was used).
pub fn nearest(year: i32) -> Catalog {
    with_installed_correspondence(crate::catalog::choose(year, None, installed_catalogs()))
}

/// Like [`nearest`], but the edition a document records wins when it is
/// installed.
pub fn for_document(meta: &crate::model::Meta) -> Catalog {
    with_installed_correspondence(crate::catalog::choose(
        meta.year,
        meta.catalog.as_ref(),
        installed_catalogs(),
    ))
}

/// File name of the installed 对应关系 in the data folder (beside, not in,
/// the catalog folder, whose every `.tsv` is a catalog).
pub const CORRESPONDENCE_FILE: &str = "economic_map.tsv";

/// The installed 对应关系 file.
pub fn correspondence_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(CORRESPONDENCE_FILE))
}

/// Why a 对应关系 file was not installed.
#[derive(Debug, thiserror::Error)]
pub enum CorrespondenceStoreError {
    /// Malformed: line and column named.
    #[error(transparent)]
    Format(#[from] crate::catalog::CorrespondenceError),
    /// Reading or writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks and installs a 对应关系 file (the form of the bundled
/// `economic_map.tsv`) into `dir`; a malformed file is refused naming the
/// line and column, and nothing is written. Returns the installed file and
/// the number of (款, 单位类型) pairs.
pub fn install_correspondence_in(
    dir: &Path,
    source: &Path,
) -> Result<(PathBuf, usize), CorrespondenceStoreError> {
    let io = |p: &Path, e: std::io::Error| StoreError::Io {
        path: p.display().to_string(),
        reason: crate::io::reason(&e),
    };
    let text = std::fs::read_to_string(source).map_err(|e| io(source, e))?;
    let shown = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = Correspondence::parse(&shown, &text)?;
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join(CORRESPONDENCE_FILE);
    crate::io::write::write(&crate::io::Target::output(&path, &[]), text.as_bytes()).map_err(
        |e| StoreError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        },
    )?;
    Ok((path, parsed.len()))
}

/// [`install_correspondence_in`] the user's data folder.
pub fn install_correspondence(source: &Path) -> Result<(PathBuf, usize), CorrespondenceStoreError> {
    let dir = data_dir().ok_or(StoreError::NoDataDir)?;
    install_correspondence_in(&dir, source)
}

/// The installed 对应关系 read from `dir`, if one is there and reads.
pub fn installed_correspondence_in(dir: &Path) -> Option<Correspondence> {
    let path = dir.join(CORRESPONDENCE_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    Correspondence::parse(CORRESPONDENCE_FILE, &text).ok()
}

/// `c` with the installed 对应关系 when there is one (else the bundled one
/// it carries).
fn with_installed_correspondence(mut c: Catalog) -> Catalog {
    if let Some(k) = data_dir().and_then(|d| installed_correspondence_in(&d)) {
        c.correspondence = k;
    }
    c
}

/// The readable installed catalogs.
pub fn installed_catalogs() -> Vec<Catalog> {
    catalog_dir()
        .map(|d| scan(&d).into_iter().filter_map(|(_, r)| r.ok()).collect())
        .unwrap_or_default()
}
