//! Undo/redo by document snapshots: before each applied [`Edit`] the previous
//! document is kept. A document is a few hundred rows, so a snapshot costs
//! far less than a frame; snapshots make every edit (a pasted block, an added
//! or removed row) undoable as one step without writing inverse edits.
//!
//! A step remembers where it happened as a [`Place`] (the 科目 code, project
//! or indicator and the column), taken in the document it applies to, and
//! the app finds that place again in the document it restores: a step is
//! never tied to a row number, and when its place is gone the app says so.
//!
//! [`Edit`]: super::edit::Edit

use crate::location::{Location, Place};
use crate::model::Document;

/// Steps kept; older ones are dropped.
const LIMIT: usize = 200;

struct Step {
    before: Document,
    /// The step only touched the review part (comments), so 审阅 mode may
    /// undo it.
    comment: bool,
    label: String,
    /// Where the edit happened, by identity in `before`, so undoing it can
    /// show the place.
    at: Option<Place>,
}

/// A document state given back by [`History::undo`] or [`History::redo`],
/// with what the step was and where it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    /// The document to put in place.
    pub doc: Document,
    /// The step's label, e.g. 修改收支预算.
    pub label: String,
    /// The place the step changed, if it has one, by identity: find it in
    /// `doc` with [`Place::resolve`] (`None` there: it no longer exists).
    pub at: Option<Place>,
}

/// The undo and redo stacks.
#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The cell being typed into: further keystrokes there extend the last
    /// step instead of opening a new one.
    typing: Option<Location>,
}

impl History {
    /// Records `before` as the state preceding an edit made at `at`.
    /// `typing` names the cell when the edit came from typing into it;
    /// consecutive keystrokes in the same cell form one step.
    pub fn record(
        &mut self,
        before: &Document,
        label: String,
        typing: Option<Location>,
        at: Option<Location>,
    ) {
        self.redo.clear();
        if typing.is_some() && typing == self.typing && !self.undo.is_empty() {
            return;
        }
        self.typing = typing;
        self.undo.push(Step {
            before: before.clone(),
            comment: false,
            label,
            at: at.map(|loc| Place::of(before, loc)),
        });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// Records a step that changed only comments (see [`History::record`]).
    pub(crate) fn record_comment(
        &mut self,
        before: &Document,
        label: String,
        at: Option<Location>,
    ) {
        self.record(before, label, None, at);
        if let Some(s) = self.undo.last_mut() {
            s.comment = true;
        }
    }

    /// True when the step [`History::undo`] would undo changed only comments.
    pub(crate) fn undo_is_comment(&self) -> bool {
        self.undo.last().is_some_and(|s| s.comment)
    }

    /// True when the step [`History::redo`] would redo changed only comments.
    pub(crate) fn redo_is_comment(&self) -> bool {
        self.redo.last().is_some_and(|s| s.comment)
    }

    /// Ends the current typing step (the cell lost focus).
    pub(crate) fn seal(&mut self) {
        self.typing = None;
    }

    /// Undoes one step: returns the document to restore.
    pub fn undo(&mut self, current: &Document) -> Option<Restored> {
        self.typing = None;
        step_over(&mut self.undo, &mut self.redo, current)
    }

    /// Redoes one step.
    pub fn redo(&mut self, current: &Document) -> Option<Restored> {
        self.typing = None;
        step_over(&mut self.redo, &mut self.undo, current)
    }

    /// Label of the step [`History::undo`] would undo.
    pub(crate) fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step [`History::redo`] would redo.
    pub(crate) fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Number of undo steps.
    pub(crate) fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets everything (a new document was opened).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

/// Moves the last step of `from` onto `to` (which then leads back to
/// `current`) and returns the state it held.
fn step_over(from: &mut Vec<Step>, to: &mut Vec<Step>, current: &Document) -> Option<Restored> {
    let step = from.pop()?;
    // The step's place as `current` names it: an edit of a code cell
    // changes the row's identity, so the place is taken again there.
    let back = step.at.as_ref().map(|p| match p.resolve(&step.before) {
        Some(loc) => Place::of(current, loc),
        None => p.clone(),
    });
    to.push(Step {
        before: current.clone(),
        comment: step.comment,
        label: step.label.clone(),
        at: back,
    });
    Some(Restored {
        doc: step.before,
        label: step.label,
        at: step.at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::{Field, FieldName, Sheet};

    fn doc(name: &str) -> Document {
        let mut d = crate::ui::files::blank(2021);
        d.meta.dept_name = name.into();
        d
    }

    #[test]
    fn keystrokes_in_one_cell_are_one_step_until_sealed() {
        let cell = Some(Location::field(
            Sheet::Meta,
            Field::Named(FieldName::DeptName),
        ));
        let mut h = History::default();
        h.record(&doc("a"), "x".into(), cell, cell);
        h.record(&doc("ab"), "x".into(), cell, cell);
        assert_eq!(h.undo_len(), 1);
        h.seal();
        h.record(&doc("abc"), "x".into(), cell, cell);
        assert_eq!(h.undo_len(), 2);
        let d = |r: Option<Restored>| r.map(|r| r.doc);
        assert_eq!(d(h.undo(&doc("abcd"))), Some(doc("abc")));
        let undone = h.undo(&doc("abc"));
        let at = undone.as_ref().and_then(|r| r.at.as_ref());
        assert_eq!(at.and_then(|p| p.resolve(&doc("a"))), cell);
        assert_eq!(d(undone), Some(doc("a")));
        assert_eq!(d(h.redo(&doc("a"))), Some(doc("abc")));
        assert_eq!(h.redo_label(), Some("x"));
    }

    /// A step that changed a row's code names the row by its old code for
    /// undo and by its new code for redo, so both find it.
    #[test]
    fn a_code_edit_is_found_by_its_old_code_on_undo_and_its_new_on_redo() {
        use crate::model::{BudgetLine, FunctionCode};
        let with = |codes: &[&str]| {
            let mut d = doc("a");
            d.budget_lines = codes
                .iter()
                .map(|c| BudgetLine {
                    code: FunctionCode::new(*c),
                    ..Default::default()
                })
                .collect();
            d
        };
        let before = with(&["2010101", "2050203"]);
        let after = with(&["2010101", "2050204"]);
        let cell = Location::cell(Sheet::Budget, 1, Field::Code);
        let mut h = History::default();
        h.record(&before, "x".into(), None, Some(cell));
        let undone = h.undo(&after).expect("a step");
        let at = undone.at.expect("a place");
        assert_eq!(at.label, "收支预算 2050203");
        assert_eq!(at.resolve(&before), Some(cell));
        let redone = h.redo(&before).expect("a step");
        let at = redone.at.expect("a place");
        assert_eq!(at.label, "收支预算 2050204");
        assert_eq!(at.resolve(&after), Some(cell));
        assert_eq!(at.resolve(&before), None, "2050204 is not in the old one");
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut h = History::default();
        h.record(&doc("a"), "x".into(), None, None);
        let _ = h.undo(&doc("b"));
        assert!(h.redo_label().is_some());
        h.record(&doc("a"), "y".into(), None, None);
        assert!(h.redo_label().is_none());
    }
}
