//! The app's one doorway into the core library: the catalog, derivation, the
//! 审核 rules and file reading/writing. The UI computes nothing itself; every
//! figure it shows comes through here.
//!
//! [`Computed`] is built once per edit (and per undo/redo): everything a
//! frame needs from the findings — counts per severity and per sheet, the
//! cell marks — is tallied here, so a frame costs the same for 8 findings
//! as for 800. It is never patched, only rebuilt, so it cannot disagree
//! with the document.

use crate::catalog::Catalog;
use crate::derive::Derived;
use crate::location::{Location, Sheet};
use crate::model::Document;
use crate::rules::{Finding, Severity, derive_and_check};
use std::collections::HashMap;

/// Everything computed from the document, refreshed after every edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    /// Totals and the published tables.
    pub derived: Derived,
    /// 审核 findings, worst first (the rules' order within a severity).
    pub findings: Vec<Finding>,
    /// Worst severity and the joined messages per location, for cell marks.
    pub marks: HashMap<Location, Mark>,
    /// Amounts on screen carry thousands separators, as the template's
    /// tables print them (one number format per document).
    pub grouping: bool,
    /// Findings per severity, indexed by [`severity_index`].
    counts: [usize; 3],
    /// Findings and the worst severity per sheet, for the sheet list.
    per_sheet: HashMap<Sheet, Tally>,
}

/// What a cell shows for the findings pointing at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Worst severity.
    pub severity: Severity,
    /// Messages, one per line.
    pub message: String,
}

/// How many findings point into one sheet, and the worst of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Number of findings.
    pub count: usize,
    /// The worst severity among them.
    pub worst: Severity,
}

impl Tally {
    /// Adds one finding of `severity`.
    pub fn add(self, severity: Severity) -> Self {
        Tally {
            count: self.count + 1,
            worst: self.worst.max(severity),
        }
    }

    /// A tally of one finding.
    pub fn one(severity: Severity) -> Self {
        Tally {
            count: 1,
            worst: severity,
        }
    }
}

/// Position of a severity in [`Computed`]'s count array.
fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

impl Computed {
    /// Derives tables and runs the rules.
    pub fn new(doc: &Document, catalog: &Catalog) -> Self {
        Self::with_prior(doc, catalog, None)
    }

    /// Derives tables and runs the rules, and with `prior` (last year's
    /// document, 与上年文件比对) adds the disagreements of the 上年
    /// figures with it (none when it is not the year before).
    pub fn with_prior(doc: &Document, catalog: &Catalog, prior: Option<&Document>) -> Self {
        // Derived once: the rules reuse the same tables.
        let (derived, mut findings) = derive_and_check(doc, catalog);
        if let Some(Ok(c)) = prior.map(|last| crate::rules::compare_with_prior(doc, last)) {
            crate::rules::add_prior(&mut findings, &c);
        }
        let mut marks: HashMap<Location, Mark> = HashMap::new();
        let mut counts = [0; 3];
        let mut per_sheet: HashMap<Sheet, Tally> = HashMap::new();
        for f in &findings {
            counts[severity_index(f.severity())] += 1;
            per_sheet
                .entry(f.location.sheet)
                .and_modify(|t| *t = t.add(f.severity()))
                .or_insert(Tally::one(f.severity()));
            let text = format!("[{}] {}", f.severity().label(), f.message);
            marks
                .entry(f.location)
                .and_modify(|m| {
                    m.severity = m.severity.max(f.severity());
                    m.message.push('\n');
                    m.message.push_str(&text);
                })
                .or_insert(Mark {
                    severity: f.severity(),
                    message: text,
                });
        }
        Self {
            derived,
            findings,
            marks,
            grouping: crate::narrative::Words::of(doc).grouping,
            counts,
            per_sheet,
        }
    }

    /// An amount as the screen shows it outside an edited cell: two
    /// decimals ([`Money::display`]), grouped when the template groups.
    ///
    /// [`Money::display`]: crate::money::Money::display
    pub fn amount(&self, m: crate::money::Money) -> String {
        crate::derive::table::grouped(m.display(), self.grouping)
    }

    /// Number of findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.counts[severity_index(severity)]
    }

    /// Findings pointing into `sheet`, if any.
    pub(crate) fn sheet_tally(&self, sheet: Sheet) -> Option<Tally> {
        self.per_sheet.get(&sheet).copied()
    }
}
