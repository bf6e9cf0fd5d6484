//! A template's identity: parsing a name, the spec a document's template
//! reference stands for (bundled, or resolved from the text the document
//! carries, parsed once per distinct content), and the reference a new
//! document records.

use super::bundled::{bundled_text, read};
use super::check::ReadError;
use super::edition::{Resolved, resolve};
use super::spec::TemplateSpec;
use crate::model::content_hash;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub use crate::model::Template;

/// Why a template or unit name was not accepted. Messages are for the 填报人.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A template this build does not know.
    #[error("不认识的模板“{0}”。已知模板：{known}。如果文件由较新版本的程序保存，请升级程序", known = Template::known_list())]
    UnknownTemplate(String),
    /// The template a document carries does not read.
    #[error("文件所带的模板“{id}”无法读取：{error}")]
    Carried {
        /// The template's id.
        id: String,
        /// Why.
        error: ReadError,
    },
}

/// Looks a bundled template's text up by id (for editions that extend one).
pub fn bundled_lookup(id: &str) -> Option<String> {
    bundled_text(id).map(str::to_string)
}

/// What a template is, as data: its names and its spec.
impl Template {
    /// Chinese name (`武汉 2021`).
    pub fn label(&self) -> &'static str {
        &self.spec().name
    }

    /// `Wuhan2021（武汉 2021）、…`: the bundled templates for error messages.
    pub fn known_list() -> String {
        Template::ALL
            .iter()
            .map(|t| format!("{}（{}）", t.id(), t.label()))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The bundled template named `name` (its id in any case, or its
    /// Chinese name). Installed ones are `yusuan_files::templates`'.
    pub fn parse(name: &str) -> Result<Template, TemplateError> {
        let n = name.trim();
        Template::ALL
            .into_iter()
            .find(|t| t.id().eq_ignore_ascii_case(n) || t.label() == n)
            .map(|t| t.stamped())
            .ok_or_else(|| TemplateError::UnknownTemplate(n.chars().take(40).collect()))
    }

    /// True for a template bundled with the program (the document carries
    /// no text for it).
    pub fn is_bundled(&self) -> bool {
        self.carried().is_none() && bundled_text(self.id()).is_some()
    }

    /// The bundled template with the hash of today's bundled text, as a
    /// new document records it.
    pub fn stamped(&self) -> Template {
        match bundled_text(self.id()) {
            Some(text) if self.carried().is_none() => Template::from_parts(
                self.id().to_string(),
                bundled_spec(self.id()).and_then(|s| s.edition.clone()),
                Some(content_hash(&[text])),
                None,
            ),
            _ => self.clone(),
        }
    }

    /// Whether the document can render with this reference: a bundled id,
    /// or carried text that resolves.
    pub fn readable(&self) -> Result<(), TemplateError> {
        match (self.carried(), self.hash()) {
            (Some(texts), Some(hash)) => {
                carried_spec(hash, texts)
                    .map(|_| ())
                    .map_err(|error| TemplateError::Carried {
                        id: self.id().to_string(),
                        error,
                    })
            }
            _ if bundled_text(self.id()).is_some() => Ok(()),
            _ => Err(TemplateError::UnknownTemplate(
                self.id().chars().take(40).collect(),
            )),
        }
    }

    /// The template's data: resolved from the text the document carries
    /// (parsed once per distinct content, then cached), else the bundled
    /// template of this id. Every caller on the per-edit path comes here;
    /// it never re-parses.
    pub fn spec(&self) -> &'static TemplateSpec {
        if let (Some(texts), Some(hash)) = (self.carried(), self.hash())
            && let Ok(spec) = carried_spec(hash, texts)
        {
            return spec;
        }
        bundled_spec(self.id())
            .or_else(|| bundled_spec(Template::Wuhan2021.id()))
            .unwrap_or_else(|| empty_spec())
    }
}

/// The reference a document records for a resolved template: its id,
/// edition and hash, and, unless it is bundled unchanged, its texts.
pub fn reference(r: &Resolved) -> Template {
    let hash = content_hash(&r.texts);
    let bundled = r.texts.len() == 1 && bundled_text(&r.spec.id) == Some(r.texts[0].as_str());
    let carried: Option<Arc<[String]>> = (!bundled).then(|| Arc::from(r.texts.clone()));
    if let Some(texts) = &carried {
        // Prime the cache: the document made from it parses nothing again.
        let _ = carried_spec(&hash, texts);
    }
    Template::from_parts(
        r.spec.id.clone(),
        r.spec.edition.clone(),
        Some(hash),
        carried,
    )
}

/// Resolves template texts carried in a document: the first is the
/// template, the others its parents (looked up by id among them).
pub fn resolve_carried(texts: &[String]) -> Result<Resolved, ReadError> {
    let first = texts.first().map(String::as_str).unwrap_or_default();
    let lookup = |id: &str| {
        texts
            .iter()
            .skip(1)
            .find(|t| read(t).is_ok_and(|s| s.id == id))
            .cloned()
    };
    resolve(first, &lookup)
}

type Cache = Mutex<HashMap<String, Result<&'static TemplateSpec, ReadError>>>;

/// The spec of carried texts whose hash is `hash` (checked equal to the
/// texts' when the document was read), parsed on first use. Each distinct
/// template is kept for the life of the process, which is what lets
/// [`Template::spec`] hand out `&'static` like a bundled one.
fn carried_spec(hash: &str, texts: &[String]) -> Result<&'static TemplateSpec, ReadError> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    map.entry(hash.to_string())
        .or_insert_with(|| resolve_carried(texts).map(|r| &*Box::leak(Box::new(r.spec))))
        .clone()
}

/// The resolved bundled template `id`.
fn bundled_spec(id: &str) -> Option<&'static TemplateSpec> {
    static SPECS: OnceLock<Vec<TemplateSpec>> = OnceLock::new();
    let specs = SPECS.get_or_init(|| {
        Template::ALL
            .iter()
            .map(|t| {
                // The bundled files are checked by a test; a broken one
                // would fail every build's test run, so the default here
                // is unreachable in a released build.
                bundled_text(t.id())
                    .and_then(|text| resolve(text, &bundled_lookup).ok())
                    .map(|r| r.spec)
                    .unwrap_or_default()
            })
            .collect()
    });
    let i = Template::ALL.iter().position(|t| t.id() == id)?;
    specs.get(i)
}

fn empty_spec() -> &'static TemplateSpec {
    static EMPTY: OnceLock<TemplateSpec> = OnceLock::new();
    EMPTY.get_or_init(TemplateSpec::default)
}
