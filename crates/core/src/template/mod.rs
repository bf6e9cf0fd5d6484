//! Template editions: which tables a document publishes, in which order,
//! with which titles, headers, units and part headings. What differs between
//! editions as data lives in `assets/templates/*.ron` (compiled in); what
//! differs as logic is a [`TableKind`] or [`SectionKind`] the derivation and
//! narrative implement.

mod bundled;
mod check;
mod edition;
mod identity;
mod outline;
mod sections;
mod spec;
mod tables;

pub use bundled::bundled_text;
pub use check::{
    CAP_BYTES, CAP_CHAIN, CAP_CHANGES, CAP_SECTIONS, CAP_TABLES, Problem, ReadError, check,
    valid_id,
};
pub use edition::{Change, HeaderChange, Resolved, resolve, section_id, table_id};
pub use identity::{Template, TemplateError, bundled_lookup, reference, resolve_carried};
pub use sections::{SectionKind, SectionSpec};
pub use spec::{NOT_PUBLISHED, PartKind, PartSpec, Printed, TemplateSpec, fill};
pub use tables::{HeaderSpec, IncomeLine, KindColumn, SourceColumn, TableKind, TableSpec};

#[cfg(test)]
mod tests {
    use super::bundled::{BUNDLED, parse_spec};
    use super::*;
    use crate::model::MoneyUnit;

    #[test]
    fn every_bundled_template_parses() {
        for (name, text) in BUNDLED {
            let spec = parse_spec(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!spec.tables.is_empty(), "{name}");
            assert!(!spec.parts.is_empty(), "{name}");
        }
        for t in Template::ALL {
            assert_eq!(Template::parse(t.id()), Ok(t.clone()));
            assert_eq!(Template::parse(t.label()), Ok(t.clone()));
            assert!(!t.spec().name.is_empty());
        }
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let e = Template::parse("Beijing2030").unwrap_err().to_string();
        for t in Template::ALL {
            assert!(e.contains(t.id()), "{e}");
        }
        assert!(
            MoneyUnit::parse("千元")
                .unwrap_err()
                .to_string()
                .contains("万元")
        );
        assert_eq!(MoneyUnit::parse("元"), Ok(MoneyUnit::Yuan));
    }
}

#[cfg(test)]
mod edition_tests {
    use super::*;
    use crate::model::Template;

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
               RenameSection(id: "其他重要事项的情况说明", heading: "其他事项"),
               Header((cover: Some("{year}年预算"))),"#,
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
            .map(|i| format!("(number: 1, kind: ThreePublic, title: \"t{i}\"),"))
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
        let b = super::reference(&b);
        assert!(b.carried().is_none() && b.hash().is_some() && b.is_bundled());
        assert_eq!(b.hash(), Template::Wuhan2022.stamped().hash());
    }
}

#[cfg(test)]
mod unknown_field_tests {
    use super::*;

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
            "(kind: GovFund, heading:",
            "(kind: GovFund, heding:",
            1,
        );
        let m = check(&text, &bundled_lookup)[0].to_string();
        assert!(m.contains("heding"), "{m}");
    }
}
