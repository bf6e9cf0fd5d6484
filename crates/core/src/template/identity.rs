//! A template edition's identity: its names, parsing a name, and the
//! edition's spec as data.

use super::bundled::{BUNDLED, parse_spec};
use super::spec::TemplateSpec;
use std::sync::OnceLock;

pub use crate::model::Template;

/// Why a template or unit name was not accepted. Messages are for the 填报人.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A template this build does not know.
    #[error("不认识的模板“{0}”。已知模板：{known}。如果文件由较新版本的程序保存，请升级程序", known = Template::known_list())]
    UnknownTemplate(String),
}

/// What a template is, as data: its names and its edition's spec.
impl Template {
    /// Chinese name (`武汉 2021`).
    pub fn label(self) -> &'static str {
        &self.spec().name
    }

    /// `Wuhan2021（武汉 2021）、…`: the known templates for error messages.
    pub fn known_list() -> String {
        Template::ALL
            .iter()
            .map(|t| format!("{}（{}）", t.id(), t.label()))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The template named `name` (its id in any case, or its Chinese name).
    pub fn parse(name: &str) -> Result<Template, TemplateError> {
        let n = name.trim();
        Template::ALL
            .into_iter()
            .find(|t| t.id().eq_ignore_ascii_case(n) || t.label() == n)
            .ok_or_else(|| TemplateError::UnknownTemplate(n.chars().take(40).collect()))
    }

    /// The edition's data.
    pub fn spec(self) -> &'static TemplateSpec {
        static SPECS: OnceLock<Vec<TemplateSpec>> = OnceLock::new();
        let specs = SPECS.get_or_init(|| {
            BUNDLED
                .iter()
                // The bundled files are checked by a test; a broken one
                // would fail every build's test run, so falling back to the
                // default edition here is unreachable in a released build.
                .map(|(_, text)| parse_spec(text).unwrap_or_default())
                .collect()
        });
        let i = Template::ALL.iter().position(|t| *t == self).unwrap_or(0);
        &specs[i]
    }
}
