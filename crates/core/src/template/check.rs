//! Reading a template the user wrote: caps that keep a hostile file
//! bounded, read errors in Chinese with line and column, and `check`, which
//! lists every problem before anything is installed.

use super::edition::{Change, resolve};
use super::spec::TemplateSpec;

/// Largest template file read (a bundled one is about 10 KB).
pub const CAP_BYTES: usize = 1024 * 1024;
/// Most tables a template may print (the longest published one has 23).
pub const CAP_TABLES: usize = 200;
/// Most text sections a template may have.
pub const CAP_SECTIONS: usize = 200;
/// Most changes one edition may list.
pub const CAP_CHANGES: usize = 500;
/// Longest chain of editions (甲 extends 乙 extends 丙 …).
pub const CAP_CHAIN: usize = 8;
/// Nesting depth the reader follows.
pub(crate) const RECURSION_LIMIT: usize = 96;

/// Why a template could not be read. Messages are for the template's
/// author and name the place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Larger than [`CAP_BYTES`].
    #[error("模板文件过大（{bytes} 字节，上限 {CAP_BYTES} 字节）")]
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// Not a template file, or an unknown or misspelt field.
    #[error("第 {line} 行第 {col} 列：{message}")]
    Syntax {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// What is wrong there.
        message: String,
    },
    /// A parent that is neither bundled nor installed.
    #[error("所继承的模板“{parent}”不存在（{chain}）")]
    MissingParent {
        /// The missing id.
        parent: String,
        /// The chain up to it.
        chain: String,
    },
    /// A template that extends itself through its parents.
    #[error("模板的继承关系成环：{0}")]
    Cycle(String),
    /// Too many editions on top of each other.
    #[error("模板的继承层数超过 {CAP_CHAIN} 层：{0}")]
    TooDeep(String),
    /// A parent that does not read.
    #[error("所继承的模板“{parent}”有错：{error}")]
    InParent {
        /// The parent's id.
        parent: String,
        /// Its error.
        error: Box<ReadError>,
    },
    /// A change names a table the parent does not have.
    #[error("changes 中的表“{0}”在所继承的模板中不存在")]
    UnknownTable(String),
    /// A change names a section the parent does not have.
    #[error("changes 中的说明段落“{0}”在所继承的模板中不存在")]
    UnknownSection(String),
    /// A section added first, but the template has no text part.
    #[error("changes 中新增的说明段落没有可放入的情况说明部分（parts 中没有 Narrative）")]
    NoTextPart,
    /// Beyond a cap.
    #[error("{what}共 {count} 个，超过上限 {cap} 个")]
    TooMany {
        /// What was counted.
        what: &'static str,
        /// How many.
        count: usize,
        /// The cap.
        cap: usize,
    },
}

/// A reader error in Chinese, with its position.
pub(crate) fn read_error(e: &ron::error::SpannedError) -> ReadError {
    use ron::Error as E;
    let message = match &e.code {
        E::Eof => "文件意外结束，可能不完整".to_string(),
        E::MissingStructField { field, outer } => match outer {
            Some(o) => format!("{o} 缺少字段 {field}"),
            None => format!("缺少字段 {field}"),
        },
        E::DuplicateStructField { field, .. } => format!("字段 {field} 重复出现"),
        E::NoSuchStructField {
            expected, found, ..
        } => format!("不认识的字段“{found}”（可用：{}）", expected.join("、")),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!("“{found}”不是可用的取值（可用：{}）", expected.join("、")),
        E::ExceededRecursionLimit => format!("嵌套层数超过 {RECURSION_LIMIT} 层"),
        E::ExpectedString | E::ExpectedStringEnd => "此处应为带引号的文字".to_string(),
        E::InvalidValueForType { expected, found } => {
            format!("此处应为{expected}，实际为 {found}")
        }
        E::Message(m) => m.clone(),
        other => format!("不符合模板文件的格式（{other}）"),
    };
    ReadError::Syntax {
        line: e.span.start.line,
        col: e.span.start.col,
        message,
    }
}

/// The size and count caps, checked on one template file as read.
pub(crate) fn caps(text: &str) -> Result<(), ReadError> {
    if text.len() > CAP_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    Ok(())
}

/// The count caps of a read spec.
pub(crate) fn count_caps(s: &TemplateSpec) -> Result<(), ReadError> {
    let sections: usize = s.parts.iter().map(|p| p.sections.len()).sum();
    for (what, count, cap) in [
        ("表", s.tables.len(), CAP_TABLES),
        ("说明段落", sections, CAP_SECTIONS),
        ("changes", s.changes.len(), CAP_CHANGES),
    ] {
        if count > cap {
            return Err(ReadError::TooMany { what, count, cap });
        }
    }
    Ok(())
}

/// A problem `template check` reports about a template that reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: `表“…”`, `changes`, `id`.
    pub place: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.place, self.message)
    }
}

/// Every problem of the template `text`: a read error (with line and
/// column) or one in its editions, then what [`TemplateSpec::problems`]
/// finds in the raw file and in the resolved template.
pub fn check(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Vec<Problem> {
    let raw = match super::bundled::read(text) {
        Ok(s) => s,
        Err(e) => {
            return vec![Problem {
                place: "文件".into(),
                message: e.to_string(),
            }];
        }
    };
    let mut out = raw.raw_problems();
    match resolve(text, lookup) {
        Ok(r) => {
            for p in r.spec.problems() {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        Err(e) => out.push(Problem {
            place: if raw.extends.is_some() {
                "extends/changes".into()
            } else {
                "文件".into()
            },
            message: e.to_string(),
        }),
    }
    out
}

/// True for an id a file can name: ASCII letters, digits and `_`,
/// starting with a letter (it is written bare in older documents).
pub fn valid_id(id: &str) -> bool {
    let mut c = id.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
        && id.len() <= 64
}

impl TemplateSpec {
    /// Problems of the file as written, before its editions are applied:
    /// changes that name the same table twice in a way that cannot work.
    pub(crate) fn raw_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.extends.is_none() && !self.changes.is_empty() {
            out.push(Problem {
                place: "changes".into(),
                message: "没有 extends 的模板不能写 changes".into(),
            });
        }
        if self.extends.is_some() && !self.parts.is_empty() {
            out.push(Problem {
                place: "parts".into(),
                message: "继承其他模板的版本不能再写 parts，请用 changes 中的 AddSection/DropSection/MoveSection/RenameSection"
                    .into(),
            });
        }
        if self.extends.is_some() && !self.tables.is_empty() {
            out.push(Problem {
                place: "tables".into(),
                message:
                    "继承其他模板的版本不能再写 tables，请用 changes 中的 Add/Drop/Move/Rename"
                        .into(),
            });
        }
        let mut dropped = std::collections::BTreeSet::new();
        for c in &self.changes {
            if let Change::Drop(id) = c
                && !dropped.insert(id.as_str())
            {
                out.push(Problem {
                    place: "changes".into(),
                    message: format!("表“{id}”被删除了两次"),
                });
            }
        }
        out
    }
}

/// The `{…}` names in a pattern.
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::template::*;

    /// The template author's `{year}年预算数` column printed as written and
    /// `template check` said nothing: headers are filled like titles, and
    /// an unknown placeholder in one is reported with its table and column.
    #[test]
    fn placeholders_in_column_headers_are_filled_or_reported() {
        let base = bundled_text("Wuhan2021").unwrap();
        let column = "(header: \"合计\", measure: Total)";
        assert!(base.contains(column));
        let bad = base.replacen(column, "(header: \"{yeer}合计\", measure: Total)", 1);
        let p: Vec<String> = check(&bad, &bundled_lookup)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            p.iter()
                .any(|m| m.contains("{yeer}") && m.contains("columns[0].header")),
            "{p:#?}"
        );
        let good = base.replacen(column, "(header: \"{year}年合计\", measure: Total)", 1);
        assert!(check(&good, &bundled_lookup).is_empty());
        let spec = super::super::bundled::parse_spec(&good).unwrap();
        let doc = crate::model::Document::blank("某局", 2021);
        let catalog = crate::catalog::Catalog::for_year(2021).unwrap();
        let tables = crate::derive::published_tables_in(&doc, &catalog, &spec);
        let headers: Vec<&str> = tables
            .iter()
            .flat_map(|t| t.header.iter().flatten())
            .map(|c| c.text.as_str())
            .collect();
        assert!(headers.contains(&"2021年合计"), "{headers:?}");
        assert!(!headers.iter().any(|h| h.contains('{')), "{headers:?}");
    }

    /// The template author wrote a table's `id: "xmzc"` and was told
    /// “Expected option” with no field named: an optional field takes its
    /// value with or without `Some(…)`.
    #[test]
    fn optional_fields_need_no_some() {
        let base = bundled_text("Wuhan2021").unwrap();
        let with_some = "region: Some(\"武汉市\")";
        assert!(base.contains(with_some), "the test's anchor");
        let plain = base.replacen(with_some, "region: \"武汉市\"", 1);
        assert!(check(&plain, &bundled_lookup).is_empty());
        let spec = super::super::bundled::parse_spec(&plain).unwrap();
        assert_eq!(spec.region.as_deref(), Some("武汉市"));
    }

    /// A 序号 column, a 栏次 row and an orientation read on any data table;
    /// `template check` refuses them, in Chinese naming table and field,
    /// where they mean nothing: on a 绩效 form, a 序号 on a one-row table.
    #[test]
    fn numbering_and_orientation_are_checked_where_they_mean_nothing() {
        let base = bundled_text("Wuhan2021").unwrap();
        let tree = "(number: 2, title: \"一般公共预算支出表\",";
        assert!(base.contains(tree), "the test's anchor");
        let good = base.replacen(
            tree,
            "(number: 2, title: \"一般公共预算支出表\", row_numbers: true, column_numbers: true, orientation: Landscape,",
            1,
        );
        assert_eq!(check(&good, &bundled_lookup), Vec::new());
        let spec = super::super::bundled::parse_spec(&good).unwrap();
        let t = spec.tables.iter().find(|t| t.number == 2).unwrap();
        assert!(t.row_numbers && t.column_numbers);
        assert_eq!(t.orientation, Some(Orientation::Landscape));

        let form = "query: Form(DeptPerformance)";
        assert!(base.contains(form), "the test's anchor");
        let bad = base.replacen(
            form,
            "row_numbers: true, orientation: Portrait, query: Form(DeptPerformance)",
            1,
        );
        let p: Vec<String> = check(&bad, &bundled_lookup)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(
            p[0].contains("row_numbers") && p[0].contains("绩效表单"),
            "{p:#?}"
        );
        assert!(p[1].contains("orientation"), "{p:#?}");

        // A one-row table: no rows to number, no text column for `栏次`.
        let row = "query: Row(";
        assert!(base.contains(row), "the test's anchor");
        let p: Vec<String> = check(
            &base.replacen(
                row,
                "row_numbers: true, column_numbers: true, query: Row(",
                1,
            ),
            &bundled_lookup,
        )
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].contains("row_numbers：单行表"), "{p:#?}");
        assert!(
            p[1].contains("column_numbers：金额栏之前没有文字栏"),
            "{p:#?}"
        );

        // A projects table: 栏次 needs an amount column, and a text column
        // (or the 序号 column) ahead of the first amount column.
        let read = |text: &str| -> TableSpec {
            ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
                .from_str(text)
                .unwrap()
        };
        let names_only = read(
            "(number: 5, title: \"项目表\", column_numbers: true, \
             query: Projects(columns: [(header: \"项目名称\", measure: Field(Name))]))",
        );
        assert_eq!(
            names_only.problems(),
            ["表5（项目表） column_numbers：表中没有金额栏，栏次行没有可编的栏"]
        );
        let total_first = "(number: 5, title: \"项目表\", column_numbers: true, query: Projects(columns: [\
             (header: \"合计\", measure: Total), (header: \"项目名称\", measure: Field(Name)), \
             (header: \"财政拨款\", measure: Figure(ProjectFiscal))]))";
        assert_eq!(
            read(total_first).problems().len(),
            1,
            "{:?}",
            read(total_first).problems()
        );
        let numbered = total_first.replace(
            "column_numbers: true,",
            "column_numbers: true, row_numbers: true,",
        );
        assert_eq!(read(&numbered).problems(), Vec::<String>::new());

        let p = check(
            &base.replacen(
                tree,
                "(number: 2, title: \"一般公共预算支出表\", orientation: Sideways,",
                1,
            ),
            &bundled_lookup,
        );
        let m = p[0].to_string();
        assert!(
            m.contains("Sideways") && m.contains("Landscape") && m.contains("行"),
            "{m}"
        );
    }

    /// The first `ron` block of docs/templates.md's section `heading`, read
    /// as one table of a template.
    fn documented_table(heading: &str) -> TableSpec {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/templates.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let section = doc.split(heading).nth(1).unwrap();
        let block = section
            .split("```ron\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .unwrap();
        ron::Options::default()
            .with_default_extension(
                ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES
                    | ron::extensions::Extensions::IMPLICIT_SOME,
            )
            .from_str(block.trim().trim_end_matches(','))
            .unwrap()
    }

    /// The example of docs/templates.md §2.7a is a table a template can
    /// hold as written.
    #[test]
    fn the_documented_numbering_example_reads_and_checks_clean() {
        let t = documented_table("### 2.7a");
        assert!(t.row_numbers && t.column_numbers);
        assert_eq!(t.orientation, Some(Orientation::Landscape));
        assert_eq!(t.problems(), Vec::<String>::new());
    }

    /// So is the table per 单位 of §2.5b.
    #[test]
    fn the_documented_units_example_reads_and_checks_clean() {
        let t = documented_table("### 2.5b");
        assert!(matches!(t.query, crate::template::Query::Units(_)));
        assert_eq!(t.problems(), Vec::<String>::new());
    }

    #[test]
    fn an_unknown_field_in_a_table_or_section_names_line_and_column() {
        let text = bundled_text("Wuhan2021").unwrap().replacen(
            "title: \"一般公共预算支出表\"",
            "titel: \"一般公共预算支出表\"",
            1,
        );
        let p = check(&text, &bundled_lookup);
        let m = p[0].to_string();
        assert!(
            m.contains("titel") && m.contains("行") && m.contains("列"),
            "{m}"
        );
        let text = bundled_text("Wuhan2021").unwrap().replacen(
            "(id: \"gov-fund\", heading:",
            "(id: \"gov-fund\", heding:",
            1,
        );
        let m = check(&text, &bundled_lookup)[0].to_string();
        assert!(m.contains("heding"), "{m}");
    }
}
