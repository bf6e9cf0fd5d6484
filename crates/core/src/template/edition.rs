//! Editions: a template that `extends` another and lists only what
//! differs (tables and text sections dropped, added, moved or renamed by
//! id; header fields changed). Resolving one is a pure function over the
//! texts, given a way to find a parent's text by id (bundled, installed or
//! carried in a document).

use super::bundled::read;
use super::check::{CAP_CHAIN, ReadError};
use super::sections::SectionSpec;
use super::spec::{PartKind, TemplateSpec};
use super::tables::TableSpec;
use crate::model::MoneyUnit;
use serde::Deserialize;

/// One change an edition makes to the template it extends. Tables and
/// sections are named by `id` (their title or heading where they have no
/// id); `after: None` puts the table (section) first.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Change {
    /// Drop the table.
    Drop(String),
    /// Add a table after another.
    Add {
        /// The table it follows; `None` = first.
        after: Option<String>,
        /// The new table (boxed: a table is far larger than the other changes).
        table: Box<TableSpec>,
    },
    /// Move a table to after another.
    Move {
        /// The table moved.
        id: String,
        /// The table it follows; `None` = first.
        after: Option<String>,
    },
    /// Give a table a new title.
    Rename {
        /// The table.
        id: String,
        /// New title.
        title: String,
    },
    /// Drop a text section.
    DropSection(String),
    /// Add a text section after another (in the same part).
    AddSection {
        /// The section it follows; `None` = first of the first text part.
        after: Option<String>,
        /// The new section.
        section: SectionSpec,
    },
    /// Move a text section to after another.
    MoveSection {
        /// The section moved.
        id: String,
        /// The section it follows; `None` = first of the first text part.
        after: Option<String>,
    },
    /// Give a text section a new heading.
    RenameSection {
        /// The section.
        id: String,
        /// New heading.
        heading: String,
    },
    /// Change header fields; the fields not written stay as inherited.
    Header(HeaderChange),
}

/// Header fields an edition changes (each `None` = as inherited).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderChange {
    /// Second cover line.
    #[serde(default)]
    pub cover: Option<String>,
    /// Heading of the contents page.
    #[serde(default)]
    pub toc_title: Option<String>,
    /// Caption of a table.
    #[serde(default)]
    pub table_caption: Option<String>,
    /// Whether the 第二部分 lists the tables.
    #[serde(default)]
    pub table_list: Option<bool>,
    /// The 目录 line of each table.
    #[serde(default)]
    pub toc_tables: Option<String>,
    /// The line above each table on the left.
    #[serde(default)]
    pub dept_line: Option<String>,
    /// Unit a new document is entered in.
    #[serde(default)]
    pub entry_unit: Option<MoneyUnit>,
    /// Unit of the figures in the text.
    #[serde(default)]
    pub text_unit: Option<MoneyUnit>,
    /// Decimals of the figures in the text.
    #[serde(default)]
    pub text_decimals: Option<u32>,
    /// Thousands separators in the text's figures.
    #[serde(default)]
    pub text_grouping: Option<bool>,
    /// 同比 threshold (percent) above which a reason is asked for.
    #[serde(default)]
    pub change_threshold_percent: Option<u32>,
}

/// A table's id: its `id`, else its title.
pub fn table_id(t: &TableSpec) -> &str {
    t.id.as_deref().unwrap_or(&t.title)
}

/// A section's id: its `id`, else its heading.
pub fn section_id(s: &SectionSpec) -> &str {
    s.name()
}

/// A resolved template: its spec with every edition applied, and the
/// texts it came from (its own first, then each parent's), which a
/// document carries.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The spec as printed.
    pub spec: TemplateSpec,
    /// The texts, the template's own first.
    pub texts: Vec<String>,
}

/// Resolves `text`: reads it, and while it `extends` another template,
/// reads that one's text through `lookup` (by id) and applies the
/// changes. A missing parent or a cycle is refused naming the chain.
pub fn resolve(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Resolved, ReadError> {
    let mut texts = vec![text.to_string()];
    let mut specs = vec![read(text)?];
    let mut chain: Vec<String> = vec![label(&specs[0])];
    while let Some(parent) = specs.last().and_then(|s| s.extends.clone()) {
        if specs.iter().any(|s| s.id == parent) {
            chain.push(parent);
            return Err(ReadError::Cycle(chain.join(" → ")));
        }
        chain.push(parent.clone());
        if chain.len() > CAP_CHAIN {
            return Err(ReadError::TooDeep(chain.join(" → ")));
        }
        let Some(t) = lookup(&parent) else {
            return Err(ReadError::MissingParent {
                parent,
                chain: chain.join(" → "),
            });
        };
        let spec = read(&t).map_err(|e| ReadError::InParent {
            parent: parent.clone(),
            error: Box::new(e),
        })?;
        texts.push(t);
        specs.push(spec);
    }
    // Apply from the root down.
    let mut specs = specs.into_iter().rev();
    let mut spec = specs.next().unwrap_or_default();
    for child in specs {
        spec = apply(spec, child)?;
    }
    super::check::count_caps(&spec)?;
    Ok(Resolved { spec, texts })
}

fn label(s: &TemplateSpec) -> String {
    if s.id.is_empty() {
        s.name.clone()
    } else {
        s.id.clone()
    }
}

/// `child` applied on `parent` (already resolved).
fn apply(parent: TemplateSpec, child: TemplateSpec) -> Result<TemplateSpec, ReadError> {
    let mut s = parent;
    let inherited_from = label(&s);
    s.id = child.id;
    s.name = child.name;
    s.edition = child.edition;
    s.extends = Some(inherited_from);
    if !child.provenance.is_empty() {
        s.provenance = child.provenance;
    }
    if child.region.is_some() {
        s.region = child.region;
    }
    if child.year.is_some() {
        s.year = child.year;
    }
    let mut renumber = false;
    for c in child.changes {
        match c {
            Change::Drop(id) => {
                let i = table_at(&s, &id)?;
                s.tables.remove(i);
                renumber = true;
            }
            Change::Add { after, table } => {
                let at = after_table(&s, after.as_deref())?;
                s.tables.insert(at, *table);
                renumber = true;
            }
            Change::Move { id, after } => {
                let i = table_at(&s, &id)?;
                let t = s.tables.remove(i);
                let at = after_table(&s, after.as_deref())?;
                s.tables.insert(at, t);
                renumber = true;
            }
            Change::Rename { id, title } => {
                let i = table_at(&s, &id)?;
                let t = &mut s.tables[i];
                // Keep the old id so later editions still find it.
                if t.id.is_none() {
                    t.id = Some(t.title.clone());
                }
                t.title = title;
            }
            Change::DropSection(id) => {
                let (p, i) = section_at(&s, &id)?;
                s.parts[p].sections.remove(i);
            }
            Change::AddSection { after, section } => {
                let (p, i) = after_section(&s, after.as_deref())?;
                s.parts[p].sections.insert(i, section);
            }
            Change::MoveSection { id, after } => {
                let (p, i) = section_at(&s, &id)?;
                let sec = s.parts[p].sections.remove(i);
                let (p, i) = after_section(&s, after.as_deref())?;
                s.parts[p].sections.insert(i, sec);
            }
            Change::RenameSection { id, heading } => {
                let (p, i) = section_at(&s, &id)?;
                let sec = &mut s.parts[p].sections[i];
                // The id stays what it was, so later editions still find it.
                if sec.id.is_empty() {
                    sec.id = sec.heading.clone();
                }
                sec.heading = heading;
            }
            Change::Header(h) => header(&mut s, h),
        }
    }
    if renumber {
        // Published editions number their tables 1, 2, 3… in order.
        for (n, t) in s.tables.iter_mut().enumerate() {
            t.number = u8::try_from(n + 1).unwrap_or(u8::MAX);
        }
    }
    Ok(s)
}

fn header(s: &mut TemplateSpec, h: HeaderChange) {
    if let Some(v) = h.cover {
        s.cover = v;
    }
    if let Some(v) = h.toc_title {
        s.toc_title = v;
    }
    if let Some(v) = h.table_caption {
        s.table_caption = v;
    }
    if let Some(v) = h.table_list {
        s.table_list = v;
    }
    if h.toc_tables.is_some() {
        s.toc_tables = h.toc_tables;
    }
    if h.dept_line.is_some() {
        s.dept_line = h.dept_line;
    }
    if let Some(v) = h.entry_unit {
        s.entry_unit = v;
    }
    if h.text_unit.is_some() {
        s.text_unit = h.text_unit;
    }
    if let Some(v) = h.text_decimals {
        s.text_decimals = v;
    }
    if h.text_grouping.is_some() {
        s.text_grouping = h.text_grouping;
    }
    if let Some(v) = h.change_threshold_percent {
        s.change_threshold_percent = v;
    }
}

fn table_at(s: &TemplateSpec, id: &str) -> Result<usize, ReadError> {
    s.tables
        .iter()
        .position(|t| table_id(t) == id)
        .ok_or_else(|| ReadError::UnknownTable(id.to_string()))
}

fn after_table(s: &TemplateSpec, after: Option<&str>) -> Result<usize, ReadError> {
    match after {
        None => Ok(0),
        Some(id) => Ok(table_at(s, id)? + 1),
    }
}

fn section_at(s: &TemplateSpec, id: &str) -> Result<(usize, usize), ReadError> {
    s.parts
        .iter()
        .enumerate()
        .find_map(|(p, part)| {
            part.sections
                .iter()
                .position(|x| section_id(x) == id)
                .map(|i| (p, i))
        })
        .ok_or_else(|| ReadError::UnknownSection(id.to_string()))
}

fn after_section(s: &TemplateSpec, after: Option<&str>) -> Result<(usize, usize), ReadError> {
    match after {
        Some(id) => section_at(s, id).map(|(p, i)| (p, i + 1)),
        None => s
            .parts
            .iter()
            .position(|p| p.kind == PartKind::Narrative)
            .map(|p| (p, 0))
            .ok_or(ReadError::NoTextPart),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Template;
    use crate::template::*;

    fn child(id: &str, extends: &str, changes: &str) -> String {
        format!(
            "(id: \"{id}\", name: \"{id} 名\", extends: Some(\"{extends}\"), changes: [{changes}])"
        )
    }

    #[test]
    fn an_edition_drops_moves_renames_and_renumbers() {
        let text = child(
            "Wuhan2021b",
            "Wuhan2021",
            r#"Drop("政府性基金预算支出表"), Move(id: "一般公共预算“三公”经费支出表", after: None),
               Rename(id: "财政拨款收支预算总表", title: "财政拨款收支总表"),
               RenameSection(id: "other-matters", heading: "其他事项"),
               Header(cover: Some("{year}年预算")),"#,
        );
        let r = resolve(&text, &bundled_lookup).unwrap();
        let base = Template::Wuhan2021.spec();
        assert_eq!(r.spec.tables.len(), base.tables.len() - 1);
        assert_eq!(r.spec.tables[0].title, "一般公共预算“三公”经费支出表");
        assert_eq!(r.spec.tables[1].title, "财政拨款收支总表");
        let numbers: Vec<u8> = r.spec.tables.iter().map(|t| t.number).collect();
        assert_eq!(numbers, (1..=numbers.len() as u8).collect::<Vec<_>>());
        assert!(
            r.spec
                .tables
                .iter()
                .all(|t| t.title != "政府性基金预算支出表")
        );
        assert_eq!(r.spec.cover, "{year}年预算");
        assert_eq!(r.spec.toc_title, base.toc_title);
        assert_eq!(r.spec.extends.as_deref(), Some("Wuhan2021"));
        assert!(
            r.spec
                .parts
                .iter()
                .flat_map(|p| &p.sections)
                .any(|s| s.heading == "其他事项")
        );
        assert_eq!(r.texts.len(), 2);
        assert!(r.spec.problems().is_empty(), "{:?}", r.spec.problems());
    }

    #[test]
    fn a_missing_parent_or_a_cycle_is_refused_naming_the_chain() {
        let a = child("Jia", "Yi", "");
        let b = child("Yi", "Jia", "");
        let lookup = |id: &str| match id {
            "Jia" => Some(a.clone()),
            "Yi" => Some(b.clone()),
            _ => None,
        };
        let e = resolve(&a, &lookup).unwrap_err().to_string();
        assert!(e.contains("Jia → Yi → Jia"), "{e}");
        let c = child("Bing", "Ding", "");
        let e = resolve(&c, &lookup).unwrap_err().to_string();
        assert!(
            e.contains("“Ding”不存在") && e.contains("Bing → Ding"),
            "{e}"
        );
        let e = resolve(
            &child("Wu", "Wuhan2021", "Drop(\"没有这张表\")"),
            &bundled_lookup,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("没有这张表"), "{e}");
    }

    #[test]
    fn unknown_fields_and_bad_values_name_line_and_column() {
        let text = "(\n  id: \"X\",\n  name: \"x\",\n  colour: 3,\n)";
        let p = check(text, &bundled_lookup);
        assert_eq!(p.len(), 1, "{p:?}");
        let m = p[0].to_string();
        assert!(m.contains("第 4 行第 3 列") && m.contains("colour"), "{m}");
        let p = check("(id: \"X\", name: \"x\", tables: [(", &bundled_lookup);
        assert!(p[0].to_string().contains("第 1 行"), "{p:?}");
    }

    #[test]
    fn huge_templates_are_refused_before_or_right_after_reading() {
        let big = format!("(id: \"X\", name: \"{}\")", "x".repeat(10 * 1024 * 1024));
        let t = std::time::Instant::now();
        let e = resolve(&big, &bundled_lookup).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert!(t.elapsed().as_secs() < 5);
        let tables: String = (0..10_000)
            .map(|i| format!("(number: 1, title: \"t{i}\", query: Form(DeptPerformance)),"))
            .collect();
        let many = format!("(id: \"X\", name: \"x\", tables: [{tables}])");
        assert!(many.len() < CAP_BYTES);
        let e = resolve(&many, &bundled_lookup).unwrap_err();
        assert!(matches!(e, ReadError::TooMany { count: 10_000, .. }), "{e}");
    }

    #[test]
    fn every_bundled_template_checks_clean() {
        for t in Template::ALL {
            let text = bundled_text(t.id()).unwrap();
            assert_eq!(check(text, &bundled_lookup), vec![], "{}", t.id());
        }
    }

    #[test]
    fn a_reference_carries_what_a_non_bundled_template_needs() {
        let first = table_id(&Template::Shanghai2025.spec().tables[0]).to_string();
        let text = child("Mine", "Shanghai2025", &format!("Drop(\"{first}\")"));
        let r = resolve(&text, &bundled_lookup).unwrap();
        let reference = reference(&r);
        assert_eq!(reference.id(), "Mine");
        assert_eq!(reference.carried().unwrap().len(), 2);
        assert_eq!(
            reference.spec().tables.len(),
            Template::Shanghai2025.spec().tables.len() - 1
        );
        assert!(!reference.is_bundled());
        // The bundled template unchanged is referred to, not carried.
        let b = resolve(bundled_text("Wuhan2022").unwrap(), &bundled_lookup).unwrap();
        let b = crate::template::reference(&b);
        assert!(b.carried().is_none() && b.hash().is_some() && b.is_bundled());
        assert_eq!(b.hash(), Template::Wuhan2022.stamped().hash());
    }
}
