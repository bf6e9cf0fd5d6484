//! Template editions: which tables a document publishes, in which order,
//! with which titles, headers, units and part headings. What differs between
//! editions as data lives in `assets/templates/*.ron` (compiled in); what
//! differs as logic is evaluated: a table is a [`Query`] the derivation
//! evaluates, and the text is patterns ([`pattern`]) the narrative evaluates.

mod bundled;
mod check;
mod edition;
mod identity;
mod outline;
pub mod pattern;
mod query;
mod sections;
mod spec;
mod tables;

pub use bundled::bundled_text;
#[cfg(test)]
pub(crate) use bundled::parse_spec;
pub use check::{
    CAP_BYTES, CAP_CHAIN, CAP_CHANGES, CAP_SECTIONS, CAP_TABLES, Problem, ReadError, check,
    valid_id,
};
pub use edition::{Change, HeaderChange, Resolved, resolve, section_id, table_id};
pub use identity::{Template, TemplateError, bundled_lookup, reference, resolve_carried};
pub use pattern::{Block, Piece, TextProblem, TextProblemKind, problems as text_problems};
pub use query::{
    ColumnSpec, Depth, Dimension, Facts, Field, Figure, Filter, Form, MAX_ITEMS, Measure,
    Numbering, ProjectsQuery, PurchaseFacts, PurchasesQuery, Query, Role, RowQuery, Rows,
    SummaryLine, SummaryQuery, ThreePublicFund, TotalRow, TreeQuery, UnitsQuery, pair_bit,
};
pub use sections::SectionSpec;
pub use spec::{NOT_PUBLISHED, PartKind, PartSpec, Printed, TemplateSpec, fill};
pub use tables::{HeaderSpec, Orientation, TableSpec, Zero};

#[cfg(test)]
mod tests {
    use super::bundled::{BUNDLED, parse_spec};
    use super::*;
    use crate::model::MoneyUnit;

    #[test]
    fn every_bundled_template_parses() {
        for (name, text) in BUNDLED {
            let spec = parse_spec(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            if spec.extends.is_some() {
                // An edition (北京 2026) holds only its changes; the
                // resolved template is checked below.
                continue;
            }
            assert!(!spec.tables.is_empty(), "{name}");
            assert!(!spec.parts.is_empty(), "{name}");
            let problems: Vec<String> = text_problems(&spec)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert!(problems.is_empty(), "{name}: {problems:#?}");
        }
        for t in Template::ALL {
            assert_eq!(Template::parse(t.id()), Ok(t.clone()));
            assert_eq!(Template::parse(t.label()), Ok(t.clone()));
            let spec = t.spec();
            assert!(!spec.name.is_empty());
            assert!(!spec.tables.is_empty() && !spec.parts.is_empty(), "{t:?}");
            let problems = text_problems(spec);
            assert!(problems.is_empty(), "{t:?}: {problems:#?}");
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

    #[test]
    fn a_caption_numbers_its_table_in_arabic_or_chinese() {
        use crate::model::Entity;
        let caption = |p: &str| {
            fill(
                p,
                "某局",
                2025,
                Entity::Department,
                12,
                "部门收支总体情况表",
            )
        };
        assert_eq!(caption("{n_cn}、{title}"), "十二、部门收支总体情况表");
        assert_eq!(
            caption("表{n}.{name}{year}年{title}"),
            "表12.某局2025年部门收支总体情况表"
        );
    }
}
