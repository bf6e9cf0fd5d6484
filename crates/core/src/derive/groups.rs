//! Grouping by classification: which entries share a 类 or 款, and in what
//! order the groups come. The one place that decides it; the tables, the
//! 情况说明 and the 名词解释 group through here, so a table and the text
//! that quotes it can never disagree on a 类's members or its order.
//!
//! Contract: groups come in code order (a code's prefix is fixed-length
//! digits, so text order is numeric order); entries whose code has no
//! prefix at that level (malformed codes) form one group keyed `""`, first;
//! within a group, entries keep the order they were given in.

use std::collections::BTreeMap;

/// Entries grouped under a prefix of their code.
#[derive(Debug)]
pub struct Group<'a, T> {
    /// The shared prefix (`201`, `20133`), or `""` for malformed codes.
    pub prefix: &'a str,
    /// The entries, in the order given.
    pub items: Vec<&'a T>,
}

/// Groups `items` by the prefix `prefix` gives (see the module contract).
pub(crate) fn by_prefix<'a, T: 'a>(
    items: impl IntoIterator<Item = &'a T>,
    prefix: impl Fn(&'a T) -> Option<&'a str>,
) -> Vec<Group<'a, T>> {
    let mut by: BTreeMap<&'a str, Vec<&'a T>> = BTreeMap::new();
    for item in items {
        by.entry(prefix(item).unwrap_or("")).or_default().push(item);
    }
    by.into_iter()
        .map(|(prefix, items)| Group { prefix, items })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeLevel, FunctionCode};

    #[test]
    fn groups_in_code_order_with_malformed_first_and_entry_order_within() {
        let codes = ["2050203", "2010101", "x", "2050202", "20101", "201"];
        let codes: Vec<FunctionCode> = codes.iter().map(|c| FunctionCode::new(*c)).collect();
        let g = by_prefix(&codes, |c| c.prefix(CodeLevel::Class));
        let shape: Vec<(&str, Vec<&str>)> = g
            .iter()
            .map(|g| (g.prefix, g.items.iter().map(|c| c.as_str()).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("", vec!["x"]),
                ("201", vec!["2010101", "20101", "201"]),
                ("205", vec!["2050203", "2050202"]),
            ]
        );
        // A 类 code has no 款: it falls with the malformed.
        let s = by_prefix(&codes, |c| c.prefix(CodeLevel::Section));
        assert_eq!(s[0].prefix, "");
        assert_eq!(
            s[0].items.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            vec!["x", "201"]
        );
    }
}
