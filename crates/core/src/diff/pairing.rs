//! Which project (and which indicator) of the old version is which of the
//! new one, so a comparison keys them by identity rather than position.
//!
//! Projects pair by 项目编码 and name together, then by name alone (a code
//! typed over an assigned one), then by code alone (a renamed project).
//! The name goes before the code alone because files of older builds get
//! their codes assigned on load in list order: two versions of such a file
//! may give one code to different projects, never one name. Indicators have
//! no code: within a paired project (or goal) they pair by their three
//! names, then the rest in order, so an edited name reads as a change and
//! an inserted indicator does not shift the ones after it.

use crate::location::GoalTerm;
use crate::model::{DeptPerformance, Document, Goal, Indicator, ProjectIndicator};
use std::collections::HashMap;

/// The comparison key of every project, project indicator and goal
/// indicator of one version; a thing of the old version and the thing of
/// the new one paired with it share a key.
#[derive(Debug, Default)]
pub(super) struct Identities {
    /// Per project, in document order.
    pub projects: Vec<String>,
    /// Per project, per indicator.
    pub project_indicators: Vec<Vec<String>>,
    /// Per goal, per indicator.
    pub goal_indicators: HashMap<(GoalTerm, usize), Vec<String>>,
}

impl Identities {
    /// The keys of a document compared with nothing (each thing its own).
    pub(super) fn alone(doc: &Document) -> Identities {
        identities(doc, doc).1
    }
}

/// The keys of `old` and of `new`.
pub(super) fn identities(old: &Document, new: &Document) -> (Identities, Identities) {
    let (mut o, mut n) = (Identities::default(), Identities::default());
    let by_code_and_name =
        |p: &crate::model::Project| Some(format!("{}\u{1}{}", p.code, p.name.trim()));
    let by_name = |p: &crate::model::Project| Some(p.name.trim().to_string());
    let by_code = |p: &crate::model::Project| (!p.code.is_empty()).then(|| p.code.clone());
    let paired = pair(
        &old.projects,
        &new.projects,
        &[&by_code_and_name, &by_name, &by_code],
    );
    o.projects = (0..old.projects.len())
        .map(|j| format!("project/{j}"))
        .collect();
    n.projects = keys_of_new(&paired, "project");
    o.project_indicators = vec![Vec::new(); old.projects.len()];
    n.project_indicators = vec![Vec::new(); new.projects.len()];
    for (j, p) in old.projects.iter().enumerate() {
        o.project_indicators[j] = own_keys(&o.projects[j], p.indicators.len());
    }
    for (i, p) in new.projects.iter().enumerate() {
        let key = &n.projects[i];
        n.project_indicators[i] = match paired[i] {
            Some(j) => indicator_keys(key, &old.projects[j].indicators, &p.indicators, names),
            None => own_keys(key, p.indicators.len()),
        };
    }
    for term in [GoalTerm::LongTerm, GoalTerm::Annual] {
        let (og, ng) = (goals(&old.performance, term), goals(&new.performance, term));
        for (gi, goal) in og.iter().enumerate() {
            let key = goal_key(term, gi);
            o.goal_indicators
                .insert((term, gi), own_keys(&key, goal.indicators.len()));
        }
        for (gi, goal) in ng.iter().enumerate() {
            let key = goal_key(term, gi);
            let keys = match og.get(gi) {
                Some(old_goal) => {
                    indicator_keys(&key, &old_goal.indicators, &goal.indicators, goal_names)
                }
                None => own_keys(&key, goal.indicators.len()),
            };
            n.goal_indicators.insert((term, gi), keys);
        }
    }
    (o, n)
}

fn goals(p: &DeptPerformance, term: GoalTerm) -> &[Goal] {
    match term {
        GoalTerm::LongTerm => &p.long_term_goals,
        GoalTerm::Annual => &p.annual_goals,
    }
}

/// The key of a goal (goals are compared by position).
pub(super) fn goal_key(term: GoalTerm, gi: usize) -> String {
    format!("goal/{term:?}/{gi}")
}

fn names(i: &ProjectIndicator) -> Option<String> {
    Some(indicator_name(i.level1, &i.level2, &i.name))
}

fn goal_names(i: &Indicator) -> Option<String> {
    Some(indicator_name(i.level1, &i.level2, &i.name))
}

fn indicator_name(l1: Option<crate::model::Level1>, l2: &str, name: &str) -> String {
    format!(
        "{}\u{1}{}\u{1}{}",
        l1.map_or("", |l| l.label()),
        l2.trim(),
        name.trim()
    )
}

fn own_keys(parent: &str, n: usize) -> Vec<String> {
    (0..n).map(|j| format!("{parent}/indicator/{j}")).collect()
}

fn indicator_keys<T>(
    parent: &str,
    old: &[T],
    new: &[T],
    names: fn(&T) -> Option<String>,
) -> Vec<String> {
    let in_order = |_: &T| Some(String::new());
    let paired = pair(old, new, &[&names, &in_order]);
    keys_of_new(&paired, &format!("{parent}/indicator"))
}

/// Keys of the new version's things: the old index of the thing paired
/// with each, or a key no old thing has.
fn keys_of_new(paired: &[Option<usize>], prefix: &str) -> Vec<String> {
    paired
        .iter()
        .enumerate()
        .map(|(i, j)| match j {
            Some(j) => format!("{prefix}/{j}"),
            None => format!("{prefix}/new/{i}"),
        })
        .collect()
}

/// A pairing pass: the key a thing pairs by, if any.
type Pass<'a, T> = dyn Fn(&T) -> Option<String> + 'a;

/// For each new thing, the old thing paired with it. Each pass pairs the
/// things still unpaired whose key by that pass is equal, in order of
/// occurrence (the second old thing of a key with the second new one); a
/// pass may give a thing no key.
fn pair<T>(old: &[T], new: &[T], passes: &[&Pass<'_, T>]) -> Vec<Option<usize>> {
    let mut paired = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for pass in passes {
        let mut waiting: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
        for (j, t) in old.iter().enumerate() {
            if let (false, Some(k)) = (taken[j], pass(t)) {
                waiting.entry(k).or_default().push_back(j);
            }
        }
        for (i, t) in new.iter().enumerate() {
            if paired[i].is_some() {
                continue;
            }
            if let Some(j) = pass(t).and_then(|k| waiting.get_mut(&k)?.pop_front()) {
                paired[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    paired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &&str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn passes_pair_what_earlier_passes_left() {
        let old = ["a", "b", "b", "c"];
        let new = ["b", "x", "a", "b"];
        let first = |s: &&str| (*s != "x").then(|| s.to_string());
        let any = |_: &&str| Some(String::new());
        assert_eq!(
            pair(&old, &new, &[&first, &any]),
            vec![Some(1), Some(3), Some(0), Some(2)]
        );
        assert_eq!(
            pair(&old, &new, &[&key]),
            vec![Some(1), None, Some(0), Some(2)]
        );
    }
}
