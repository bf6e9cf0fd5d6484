//! 审核 rules: every check a reviewer would make, each with a stable id, a
//! severity, a Chinese message naming the figures, and a location.
//!
//! Groups (ids): `T` within a table, `X` across tables, `C` catalog codes,
//! `R` required content, `P` performance indicators, `W` wording (residue,
//! placeholders, punctuation), `A` amounts (precision, sign), `Y` year and
//! year-on-year change.

mod content;
mod cross;
mod finding;
pub mod gov_economic;
mod indicators_twice;
mod prior;
mod purchases;
mod rule;
mod sums;
mod text_figures;
mod units;

pub use content::text_location;
pub use finding::{Finding, Severity};
pub use prior::{PriorComparison, PriorError, compare_with_prior};
pub use rule::Rule;

use crate::catalog::Catalog;
use crate::derive::{Derived, derive};
use crate::location::{Field, FieldName, Location, Sheet};
use crate::model::Document;
use crate::money::{Money, MoneyUnit};
use crate::template::{Form, Printed};

/// How a message names the document's 部门整体 form: as its template
/// numbers it (`附件3` in 武汉 2021, `表9` in 湖南 2025).
pub(crate) fn dept_form(doc: &Document) -> String {
    doc.meta.template.spec().form_name(Form::DeptPerformance)
}

/// How a message names the document's project form (`表10`, `表11` in 武汉 2022).
pub(crate) fn project_form(doc: &Document) -> String {
    doc.meta.template.spec().form_name(Form::ProjectPerformance)
}

/// Runs every rule on the document. Cheap enough to call after every edit.
pub fn check(doc: &Document, catalog: &Catalog) -> Vec<Finding> {
    derive_and_check(doc, catalog).1
}

/// Derives the document and runs every rule: what the app does after each
/// edit. The rules that read only the entered document run on a second core
/// while the tables are derived and checked (each side is about half the
/// work; the 2-core machines users have finish an edit in the time of one).
pub fn derive_and_check(doc: &Document, catalog: &Catalog) -> (Derived, Vec<Finding>) {
    let ((derived, mut out), entered) = rayon::join(
        || {
            let derived = derive(doc, catalog);
            let mut out = Vec::new();
            derived_rules(doc, &derived, &mut out);
            (derived, out)
        },
        || {
            let mut out = Vec::new();
            entered_rules(doc, catalog, &mut out);
            out
        },
    );
    out.extend(entered);
    only_printed(doc, &mut out);
    sort(&mut out);
    (derived, out)
}

/// Runs every rule given already-derived figures.
pub fn check_derived(doc: &Document, catalog: &Catalog, derived: &Derived) -> Vec<Finding> {
    let mut out = Vec::new();
    derived_rules(doc, derived, &mut out);
    entered_rules(doc, catalog, &mut out);
    only_printed(doc, &mut out);
    sort(&mut out);
    out
}

/// The template part a place's data is printed in, where that part is one
/// only some templates print ([`Printed`]); `None` for data every template
/// prints. Every rule names the place it is about, so this one table
/// states which part each rule's finding needs: the R03 附件3 entries, X04
/// and Y02's 近两年, P01/P02 on 附件3 goals, 填报人/联系电话 need
/// 附件3; R02's goals and 产出指标, R04, P01/P02 on a project's
/// indicators, Y02's 起止时间 and the 主管部门编码 need 表10.
pub fn printed_in(loc: &Location) -> Option<Printed> {
    let named = match loc.field {
        Some(Field::Named(f)) => Some(f),
        _ => None,
    };
    match loc.sheet {
        Sheet::Performance => Some(Printed::DeptPerformance),
        Sheet::Meta => match named? {
            FieldName::Preparer | FieldName::Phone => Some(Printed::DeptPerformance),
            FieldName::DeptCode => Some(Printed::ProjectPerformance),
            _ => None,
        },
        Sheet::Project(_) => match loc.field? {
            Field::Indicator { .. } => Some(Printed::ProjectPerformance),
            Field::Named(
                FieldName::ImplementingUnit
                | FieldName::Start
                | FieldName::End
                | FieldName::MidtermGoal
                | FieldName::AnnualGoal
                | FieldName::Indicators
                | FieldName::Attribute,
            ) => Some(Printed::ProjectPerformance),
            _ => None,
        },
        _ => None,
    }
}

/// Drops the findings about data the document's template does not print:
/// a rule asks only for what is published (上海 2025 prints neither 附件3
/// nor 表10, so a project without 产出指标 is no 错误 there).
fn only_printed(doc: &Document, out: &mut Vec<Finding>) {
    let spec = doc.meta.template.spec();
    out.retain(|f| printed_in(&f.location).is_none_or(|p| spec.prints(p)));
    out.retain(|f| purchases_in(f.location.sheet).is_none_or(|p| spec.prints_purchases(p)));
}

/// The purchases a sheet holds (its findings matter only where the
/// template prints them).
pub fn purchases_in(sheet: Sheet) -> Option<crate::template::PurchaseFacts> {
    match sheet {
        Sheet::Procurement => Some(crate::template::PurchaseFacts::Procurement),
        Sheet::PurchasedServices => Some(crate::template::PurchaseFacts::Services),
        _ => None,
    }
}

/// The rules on the derived tables and figures (T, X01–X05, Y01–Y02, Y05).
fn derived_rules(doc: &Document, derived: &Derived, out: &mut Vec<Finding>) {
    sums::check_tables(&derived.tables, Figures::of(doc), out);
    sums::check_cross(doc, derived, out);
    sums::check_printed_once(doc, derived, out);
    content::check_years(doc, derived, out);
    text_figures::check(doc, &derived.totals, out);
    gov_economic::check(doc, derived, out);
}

/// The rules on the entered document alone (C, R, P, W, A, Y03, X06,
/// X08, X11–X13).
fn entered_rules(doc: &Document, catalog: &Catalog, out: &mut Vec<Finding>) {
    content::check_codes(doc, catalog, out);
    content::check_required(doc, out);
    content::check_indicators(doc, out);
    content::check_text(doc, out);
    content::check_amounts(doc, out);
    content::check_class_changes(doc, catalog, doc, out);
    indicators_twice::check(doc, out);
    purchases::check(doc, out);
    if doc.meta.template.spec().prints_split() {
        cross::check(doc, out);
    }
    units::check(doc, out);
}

/// `findings` (of [`check`]) with those of a comparison with last year's
/// file added, in the order [`check`] gives.
pub fn add_prior(findings: &mut Vec<Finding>, compared: &PriorComparison) {
    findings.extend(compared.findings.iter().cloned());
    sort(findings);
}

/// Most severe first, then by rule id; a rule's findings keep their order
/// (no rule runs in both [`derived_rules`] and [`entered_rules`], so the
/// result does not depend on which side finished first).
fn sort(out: &mut [Finding]) {
    out.sort_by(|a, b| {
        b.severity()
            .cmp(&a.severity())
            .then(a.rule.id().cmp(b.rule.id()))
    });
}

/// How findings print amounts: as the screen shows them, two decimals,
/// grouped by thousands when the document's template groups its tables
/// (the app's one number format per document, `narrative::Words`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Figures {
    grouping: bool,
}

impl Figures {
    /// The number format of `doc`'s findings.
    pub(crate) fn of(doc: &Document) -> Figures {
        Figures {
            grouping: crate::narrative::Words::of(doc).grouping,
        }
    }

    /// `3,098,612.37` (or `3098612.37` where the template does not group).
    pub(crate) fn m(self, m: Money) -> String {
        crate::derive::table::grouped(m.display(), self.grouping)
    }

    /// The amount and its unit: `3,098,612.37 元`.
    pub(crate) fn with_unit(self, m: Money, unit: MoneyUnit) -> String {
        format!("{} {}", self.m(m), unit.label())
    }
}

/// A rule check's findings on `doc`, as (rule, message, location): what
/// the rules' unit tests compare.
#[cfg(test)]
pub(crate) fn found_by(
    check: fn(&Document, &mut Vec<Finding>),
    doc: &Document,
) -> Vec<(Rule, String, Location)> {
    let mut out = Vec::new();
    check(doc, &mut out);
    out.into_iter()
        .map(|f| (f.rule, f.message, f.location))
        .collect()
}
