//! Installed templates: one file per template id in the user's data folder
//! beside the installed catalogs (`$YUSUAN_DATA_DIR/templates/ID.template`,
//! else the platform's data folder). A file holds the template's RON text
//! exactly as its author wrote it; an edition that extends another is
//! resolved against the bundled and installed templates when read.

use crate::catalogs::{StoreError, data_dir};
use crate::template::{
    CAP_BYTES, Problem, Resolved, Template, bundled_lookup, bundled_text, check, reference, resolve,
};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// File extension of an installed template (not `.ron`: the guarded writer
/// keeps that name for budget documents).
pub const EXTENSION: &str = "template";

/// Why a template could not be installed or found.
#[derive(Debug, thiserror::Error)]
pub enum TemplateStoreError {
    /// No data folder, or the OS refused: said as for installed catalogs,
    /// which live in the same folder.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The template has problems; nothing was installed.
    #[error("模板有 {} 处问题，未安装：\n{}", .0.len(), lines(.0))]
    Problems(Vec<Problem>),
    /// An id the program bundles cannot be replaced by an installed one.
    #[error("“{0}”是内置模板的 id，不能用已安装的模板替换；请换一个 id")]
    Bundled(String),
    /// No bundled or installed template of that name.
    #[error(
        "不认识的模板“{name}”。内置模板：{bundled}；已安装：{installed}（见 yusuan template list）"
    )]
    Unknown {
        /// The name asked for.
        name: String,
        /// The bundled ones.
        bundled: String,
        /// The installed ones.
        installed: String,
    },
}

fn lines(p: &[Problem]) -> String {
    p.iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The folder of installed templates.
pub fn template_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("templates"))
}

/// Reads a template file a user names, refusing one larger than the
/// template cap before reading it all.
pub fn read_text(path: &Path) -> Result<String, TemplateStoreError> {
    let io = |e: std::io::Error| StoreError::Io {
        path: path.display().to_string(),
        reason: crate::io::reason(&e),
    };
    let f = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    f.take(CAP_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > CAP_BYTES {
        return Err(TemplateStoreError::Problems(vec![Problem {
            place: "文件".into(),
            message: format!("模板文件过大（超过 {CAP_BYTES} 字节）"),
        }]));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        TemplateStoreError::Problems(vec![Problem {
            place: "文件".into(),
            message: "不是 UTF-8 编码的文字文件".into(),
        }])
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// A template's text by id: bundled first, then installed in `dir`.
pub fn lookup_in(dir: Option<&Path>, id: &str) -> Option<String> {
    if let Some(t) = bundled_lookup(id) {
        return Some(t);
    }
    if !crate::template::valid_id(id) {
        return None;
    }
    let path = dir?.join(format!("{id}.{EXTENSION}"));
    read_text(&path).ok()
}

/// Every problem of `text` as a template, resolving its parents among the
/// bundled and installed templates.
pub fn check_text(text: &str) -> Vec<Problem> {
    let dir = template_dir();
    check(text, &|id| lookup_in(dir.as_deref(), id))
}

/// `text` resolved against the bundled and installed templates.
pub fn resolve_text(text: &str) -> Result<Resolved, crate::template::ReadError> {
    let dir = template_dir();
    resolve(text, &|id| lookup_in(dir.as_deref(), id))
}

/// One installed template as found on disk.
pub struct Installed {
    /// Its file.
    pub path: PathBuf,
    /// The template resolved, or why it does not read.
    pub resolved: Result<Resolved, String>,
}

/// Every installed template file in `dir`, sorted by file name.
pub fn scan(dir: &Path) -> Vec<Installed> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let resolved = read_text(&path).map_err(|e| e.to_string()).and_then(|t| {
                resolve(&t, &|id| lookup_in(Some(dir), id)).map_err(|e| e.to_string())
            });
            Installed { path, resolved }
        })
        .collect()
}

/// The readable installed templates.
pub fn installed() -> Vec<Resolved> {
    template_dir()
        .map(|d| {
            scan(&d)
                .into_iter()
                .filter_map(|i| i.resolved.ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The template named `name` (an id in any case, or a Chinese name):
/// bundled first, then installed; as a new document records it.
pub fn by_name(name: &str) -> Result<Template, TemplateStoreError> {
    if let Ok(t) = Template::parse(name) {
        return Ok(t);
    }
    let n = name.trim();
    let all = installed();
    all.iter()
        .find(|r| r.spec.id.eq_ignore_ascii_case(n) || r.spec.name == n)
        .map(reference)
        .ok_or_else(|| TemplateStoreError::Unknown {
            name: n.chars().take(40).collect(),
            bundled: Template::known_list(),
            installed: if all.is_empty() {
                "（无）".into()
            } else {
                all.iter()
                    .map(|r| format!("{}（{}）", r.spec.id, r.spec.name))
                    .collect::<Vec<_>>()
                    .join("、")
            },
        })
}

/// What installing a template did.
#[derive(Debug)]
pub struct Installation {
    /// The file written.
    pub path: PathBuf,
    /// An installed template of the same id with other content was replaced.
    pub replaced: bool,
    /// The same content was installed already; nothing written.
    pub unchanged: bool,
}

/// Installs the template `text` into `dir` after checking it: refused
/// with every problem when it has any, and when its id is a bundled one.
pub fn install_in(dir: &Path, text: &str) -> Result<Installation, TemplateStoreError> {
    let problems = check(text, &|id| lookup_in(Some(dir), id));
    if !problems.is_empty() {
        return Err(TemplateStoreError::Problems(problems));
    }
    let resolved = resolve(text, &|id| lookup_in(Some(dir), id)).map_err(|e| {
        TemplateStoreError::Problems(vec![Problem {
            place: "文件".into(),
            message: e.to_string(),
        }])
    })?;
    let id = resolved.spec.id;
    if bundled_text(&id).is_some() {
        return Err(TemplateStoreError::Bundled(id));
    }
    let io = |p: &Path, e: std::io::Error| StoreError::Io {
        path: p.display().to_string(),
        reason: crate::io::reason(&e),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join(format!("{id}.{EXTENSION}"));
    let old = read_text(&path).ok();
    if old.as_deref() == Some(text) {
        return Ok(Installation {
            path,
            replaced: false,
            unchanged: true,
        });
    }
    crate::io::write::write(&crate::io::Target::output(&path, &[]), text.as_bytes()).map_err(
        |e| StoreError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        },
    )?;
    Ok(Installation {
        path,
        replaced: old.is_some(),
        unchanged: false,
    })
}

/// Installs into the user's template folder.
pub fn install(text: &str) -> Result<Installation, TemplateStoreError> {
    let dir = template_dir().ok_or(StoreError::NoDataDir)?;
    install_in(&dir, text)
}

/// What to tell the user about a document's template on this machine:
/// that it is not installed (the document renders from the copy it
/// carries), or that the template here differs from the one the document
/// was made with. `None` when there is nothing to say.
pub fn notice(t: &Template) -> Option<String> {
    let hash = t.hash()?;
    let label = t.label();
    let id = t.id();
    if t.carried().is_none() {
        let now = t.stamped();
        return (now.hash() != Some(hash)).then(|| {
            format!(
                "提示：内置模板“{label}”（{id}）自本文件创建以来已更新，按本程序内置的版本显示。"
            )
        });
    }
    let current = match bundled_text(id) {
        Some(text) => Some(crate::model::content_hash(&[text])),
        None => {
            let dir = template_dir();
            lookup_in(dir.as_deref(), id)
                .and_then(|text| resolve(&text, &|p| lookup_in(dir.as_deref(), p)).ok())
                .map(|r| crate::model::content_hash(&r.texts))
        }
    };
    match current {
        None => Some(format!(
            "提示：本机没有安装模板“{label}”（{id}），按文件所带的模板显示。"
        )),
        Some(h) if h != hash => Some(format!(
            "提示：本机的模板“{label}”（{id}）与本文件创建时所用的不同，按文件所带的模板显示；要改用本机的版本，请重新选择模板。"
        )),
        Some(_) => None,
    }
}
