//! Rows that give a 科目's name but no code (names indented with spaces
//! under their 类 and 款, as some preparers keep their tables): each name is
//! matched against the catalog under the 类 and 款 read above it, and the
//! preview says which code it was given.

use crate::catalog::Catalog;

/// A name as matched: spaces dropped, brackets folded to one width.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

/// The catalog's 功能科目 by name, and the 类/款 read so far.
pub(crate) struct ByName {
    entries: Vec<(String, String)>,
    class: Option<String>,
    section: Option<String>,
}

impl ByName {
    /// Names of `catalog`'s 功能科目.
    pub(crate) fn new(catalog: &Catalog) -> Self {
        ByName {
            entries: catalog
                .functions()
                .map(|(code, e)| (code.as_str().to_string(), fold(&e.name)))
                .collect(),
            class: None,
            section: None,
        }
    }

    /// The code for `name`: a 项 under the current 款, a 款 under the
    /// current 类, a 类, a 项 under the current 类, or else the one entry
    /// of that name anywhere. `None` when no entry or several fit.
    pub(crate) fn next(&mut self, name: &str) -> Option<String> {
        let name = fold(name);
        if name.is_empty() {
            return None;
        }
        let find = |len: usize, under: Option<&str>| -> Vec<&String> {
            self.entries
                .iter()
                .filter(|(c, n)| {
                    c.len() == len && *n == name && under.is_none_or(|u| c.starts_with(u))
                })
                .map(|(c, _)| c)
                .collect()
        };
        let one = |v: Vec<&String>| (v.len() == 1).then(|| v[0].clone());
        let code = self
            .section
            .as_deref()
            .and_then(|s| one(find(7, Some(s))))
            .or_else(|| self.class.as_deref().and_then(|k| one(find(5, Some(k)))))
            .or_else(|| one(find(3, None)))
            .or_else(|| self.class.as_deref().and_then(|k| one(find(7, Some(k)))))
            .or_else(|| {
                let all: Vec<&String> = self
                    .entries
                    .iter()
                    .filter(|(_, n)| *n == name)
                    .map(|(c, _)| c)
                    .collect();
                one(all)
            })?;
        self.class = Some(code[..3].to_string());
        self.section = (code.len() >= 5).then(|| code[..5].to_string());
        Some(code)
    }
}
