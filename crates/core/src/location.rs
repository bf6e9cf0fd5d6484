//! Addresses of places in the document: which sheet, which row, which field.
//!
//! A [`Location`] names a row by its position in one state of the document
//! and is only valid in that state: a cell drawn this frame, an edit
//! applied at the frame's end, a finding of the check run after the last
//! edit (the app rebuilds them all on every edit), a comparison while the
//! document is read-only. Whatever outlives an edit that adds, removes or
//! reorders rows names its place by identity, as a [`Place`] (the 科目
//! code, the project or goal and indicator by name, and the column): a
//! stored comment, an undo step, text still being typed. [`Place::of`]
//! takes a place's identity in one state and [`Place::resolve`] finds it in
//! another, or says it is gone (its label keeps the text it had).

use crate::model::Document;
pub use crate::model::review::{Field, FieldName, GoalTerm, IndicatorColumn, Place, RowKey, Sheet};
use serde::{Deserialize, Serialize};

/// Where a finding points: a sheet, optionally a row and a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    /// Sheet.
    pub sheet: Sheet,
    /// Row index within the sheet's grid or list, if any.
    pub row: Option<usize>,
    /// Field, if any.
    pub field: Option<Field>,
}

impl Location {
    /// A whole sheet.
    pub fn sheet(sheet: Sheet) -> Self {
        Self {
            sheet,
            row: None,
            field: None,
        }
    }
    /// A row of a sheet.
    pub fn row(sheet: Sheet, row: usize) -> Self {
        Self {
            sheet,
            row: Some(row),
            field: None,
        }
    }
    /// A cell.
    pub fn cell(sheet: Sheet, row: usize, field: Field) -> Self {
        Self {
            sheet,
            row: Some(row),
            field: Some(field),
        }
    }
    /// A named field of a form sheet.
    pub fn field(sheet: Sheet, field: Field) -> Self {
        Self {
            sheet,
            row: None,
            field: Some(field),
        }
    }

    /// Where it is, for lists and messages: `收支预算 第3行`, or the sheet.
    pub fn place(&self) -> String {
        let sheet = self.sheet.label();
        match self.row {
            Some(r) => format!("{sheet} 第{}行", r + 1),
            None => sheet,
        }
    }
}

/// Finds the row carrying `name` for the `nth` time.
fn find<T>(rows: &[T], text: impl Fn(&T) -> &str, key: &RowKey) -> Option<usize> {
    match key {
        RowKey::Named(name, nth) => rows
            .iter()
            .enumerate()
            .filter(|(_, r)| text(r) == name)
            .nth(*nth)
            .map(|(i, _)| i),
        RowKey::Position(i) => (*i < rows.len()).then_some(*i),
        RowKey::Coded(..) => None,
    }
}

/// The key of project `i`: its 项目编码 and which of the projects carrying
/// it, or (for a project without a code, which only a document built in
/// code has: loading and adding assign one) its name.
fn project_key(doc: &Document, i: usize) -> RowKey {
    match doc.projects.get(i) {
        Some(p) if !p.code.trim().is_empty() => {
            let nth = doc.projects[..i]
                .iter()
                .filter(|q| q.code == p.code)
                .count();
            RowKey::Coded(p.code.clone(), nth)
        }
        _ => key_of(&doc.projects, |p| p.name.as_str(), i),
    }
}

/// The project a key names now.
fn find_project(doc: &Document, key: &RowKey) -> Option<usize> {
    match key {
        RowKey::Coded(code, nth) => doc
            .projects
            .iter()
            .enumerate()
            .filter(|(_, p)| &p.code == code)
            .nth(*nth)
            .map(|(i, _)| i),
        k => find(&doc.projects, |p| p.name.as_str(), k),
    }
}

/// The key of row `i`: its text and how many rows before it carry the same,
/// or its position when it has no text or is past the end.
fn key_of<T>(rows: &[T], text: impl Fn(&T) -> &str, i: usize) -> RowKey {
    match rows.get(i).map(&text) {
        Some(name) if !name.trim().is_empty() => {
            let nth = rows[..i].iter().filter(|r| text(r) == name).count();
            RowKey::Named(name.to_string(), nth)
        }
        _ => RowKey::Position(i),
    }
}

/// The goal list of 附件3 a term names.
fn goals(doc: &Document, term: GoalTerm) -> &[crate::model::Goal] {
    match term {
        GoalTerm::LongTerm => &doc.performance.long_term_goals,
        GoalTerm::Annual => &doc.performance.annual_goals,
    }
}

/// `“text”`, cut to 20 characters, with hidden characters made visible.
fn quoted(text: &str) -> String {
    let one = crate::text::visible(text).replace('\n', " ");
    let mut cut: String = one.chars().take(20).collect();
    if cut.len() < one.len() {
        cut.push('…');
    }
    format!("“{cut}”")
}

impl Place {
    /// The place `loc` is at in `doc`, by identity, with its label.
    pub fn of(doc: &Document, loc: Location) -> Place {
        let mut place = Place {
            sheet: loc.sheet,
            project: None,
            goal: None,
            key: loc.row.map(RowKey::Position),
            field: loc.field,
            label: loc.place(),
            row: None,
        };
        let Some(r) = loc.row else {
            if let Sheet::Project(i) = loc.sheet {
                place.project = Some(project_key(doc, i));
                place.label = project_label(doc, i);
            }
            return place;
        };
        match (loc.sheet, loc.field) {
            (Sheet::Budget, _) => {
                place.key = Some(key_of(&doc.budget_lines, |l| l.code.as_str(), r));
                if let Some(l) = doc.budget_lines.get(r) {
                    place.label = line_label(loc.sheet, l.code.as_str(), &l.name);
                }
            }
            (Sheet::Economic, _) => {
                place.key = Some(key_of(&doc.basic_by_economic, |l| l.code.as_str(), r));
                if let Some(l) = doc.basic_by_economic.get(r) {
                    place.label = line_label(loc.sheet, l.code.as_str(), &l.name);
                }
            }
            (Sheet::Project(i), _) => {
                place.project = Some(project_key(doc, i));
                let mut label = project_label(doc, i);
                if let Some(p) = doc.projects.get(i) {
                    place.key = Some(key_of(&p.indicators, |x| x.name.as_str(), r));
                    label.push_str(&indicator_label(p.indicators.get(r).map(|x| &x.name), r));
                }
                place.label = label;
            }
            (Sheet::Performance, Some(Field::GoalTitle(term))) => {
                place.key = None;
                place.goal = Some(key_of(goals(doc, term), |g| g.title.as_str(), r));
                place.label = goal_label(doc, term, r);
            }
            (
                Sheet::Performance,
                Some(Field::Indicator {
                    goal: Some((term, g)),
                    ..
                }),
            ) => {
                place.goal = Some(key_of(goals(doc, term), |g| g.title.as_str(), g));
                let mut label = goal_label(doc, term, g);
                if let Some(goal) = goals(doc, term).get(g) {
                    place.key = Some(key_of(&goal.indicators, |x| x.name.as_str(), r));
                    label.push_str(&indicator_label(goal.indicators.get(r).map(|x| &x.name), r));
                }
                place.label = label;
            }
            _ => {}
        }
        place
    }

    /// Where the place is in `doc` now, `None` when its row, project or
    /// goal no longer exists.
    pub fn resolve(&self, doc: &Document) -> Option<Location> {
        let sheet = match (self.sheet, &self.project) {
            (Sheet::Project(_), Some(k)) => Sheet::Project(find_project(doc, k)?),
            (Sheet::Project(i), None) => (i < doc.projects.len()).then_some(self.sheet)?,
            (s, _) => s,
        };
        let mut field = self.field;
        let mut row = None;
        if let Some(goal) = &self.goal {
            let term = match field {
                Some(Field::GoalTitle(t)) => t,
                Some(Field::Indicator {
                    goal: Some((t, _)), ..
                }) => t,
                _ => return None,
            };
            let g = find(goals(doc, term), |g| g.title.as_str(), goal)?;
            match &mut field {
                Some(Field::Indicator {
                    goal: Some((_, gi)),
                    ..
                }) => *gi = g,
                _ => row = Some(g),
            }
        }
        if let Some(key) = &self.key {
            row = Some(match (sheet, field) {
                (Sheet::Budget, _) => find(&doc.budget_lines, |l| l.code.as_str(), key)?,
                (Sheet::Economic, _) => find(&doc.basic_by_economic, |l| l.code.as_str(), key)?,
                (Sheet::Project(i), _) => {
                    let p = doc.projects.get(i)?;
                    find(&p.indicators, |x| x.name.as_str(), key)?
                }
                (
                    Sheet::Performance,
                    Some(Field::Indicator {
                        goal: Some((term, g)),
                        ..
                    }),
                ) => {
                    let goal = goals(doc, term).get(g)?;
                    find(&goal.indicators, |x| x.name.as_str(), key)?
                }
                // Rows nothing names: their position (a list that grew
                // shorter than it no longer has the row).
                (_, _) => match key {
                    RowKey::Position(i) => *i,
                    RowKey::Named(..) | RowKey::Coded(..) => return None,
                },
            });
        }
        Some(Location { sheet, row, field })
    }

    /// True when the place and `other` name the same cell, whatever the
    /// positions they were taken at and their labels.
    pub fn same(&self, other: &Place) -> bool {
        let norm = |p: &Place| {
            let sheet = match p.sheet {
                Sheet::Project(_) if p.project.is_some() => Sheet::Project(0),
                s => s,
            };
            let field = match p.field {
                Some(Field::Indicator {
                    goal: Some((t, _)),
                    column,
                }) if p.goal.is_some() => Some(Field::Indicator {
                    goal: Some((t, 0)),
                    column,
                }),
                f => f,
            };
            (sheet, field)
        };
        norm(self) == norm(other)
            && self.project == other.project
            && self.goal == other.goal
            && self.key == other.key
    }

    /// How a list names the place: its label when it still exists in `doc`,
    /// the label followed by `（已删除）` when it does not.
    pub fn describe(&self, doc: &Document) -> String {
        let label = if self.label.is_empty() {
            self.sheet.label()
        } else {
            self.label.clone()
        };
        match self.resolve(doc) {
            Some(_) => label,
            None => format!("{label}（已删除）"),
        }
    }

    /// A place read from a file of an older build (a row index, no key)
    /// is mapped to the identity of what is at that index in `doc` now,
    /// i.e. in the document as loaded. Places with a label are left alone.
    ///
    /// A project named by its name and occurrence (as files stored it
    /// before projects had codes) is mapped to its 项目编码, and a project's
    /// 财政拨款 / 其他资金 field to the source those amounts were read as
    /// (see [`crate::model::Project`]). A project no longer found by its name
    /// keeps the name: the place then reads as deleted, with its label.
    pub fn identify_legacy(&mut self, doc: &Document) {
        if let Sheet::Project(_) = self.sheet {
            let legacy = |source| Some(Field::Amount(source, crate::model::SpendingKind::Project));
            match self.field {
                Some(Field::Named(FieldName::Fiscal)) => {
                    self.field = legacy(crate::model::Project::LEGACY_FISCAL);
                }
                Some(Field::Named(FieldName::Other)) => {
                    self.field = legacy(crate::model::Project::LEGACY_OTHER);
                }
                _ => {}
            }
            if let Some(k @ RowKey::Named(..)) = &self.project
                && let Some(i) = find_project(doc, k)
            {
                self.project = Some(project_key(doc, i));
                if let Sheet::Project(at) = &mut self.sheet {
                    *at = i;
                }
            }
        }
        if !self.label.is_empty() {
            return;
        }
        *self = Place::of(
            doc,
            Location {
                sheet: self.sheet,
                row: self.row,
                field: self.field,
            },
        );
    }
}

/// `收支预算 2050203 初中教育`, or `收支预算 2050203` for a row without a name.
fn line_label(sheet: Sheet, code: &str, name: &str) -> String {
    format!("{} {code} {name}", sheet.label())
        .trim_end()
        .to_string()
}

/// ` 指标“…”` for indicator `r` named `name`, ` 第3个指标` without a name.
fn indicator_label(name: Option<&String>, r: usize) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => format!(" 指标{}", quoted(n)),
        _ => format!(" 第{}个指标", r + 1),
    }
}

/// `项目“政务网平台运行费”`, or `项目2` for a project without a name.
fn project_label(doc: &Document, i: usize) -> String {
    match doc.projects.get(i) {
        Some(p) if !p.name.trim().is_empty() => format!("项目{}", quoted(&p.name)),
        _ => Sheet::Project(i).label(),
    }
}

/// `部门整体绩效 年度目标“…”`.
fn goal_label(doc: &Document, term: GoalTerm, g: usize) -> String {
    let which = match term {
        GoalTerm::LongTerm => "长期目标",
        GoalTerm::Annual => "年度目标",
    };
    let sheet = Sheet::Performance.label();
    match goals(doc, term).get(g) {
        Some(goal) if !goal.title.trim().is_empty() => {
            format!("{sheet} {which}{}", quoted(&goal.title))
        }
        _ => format!("{sheet} {which}{}", g + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FundSource, SpendingKind};

    /// Every field reads back as written: named fields as the model's name
    /// (`Named("dept_name")`, as files have always stored them) and the 上年
    /// cells, which the text-name reader of the past did not know.
    #[test]
    fn every_field_round_trips_through_ron() {
        let mut fields: Vec<Field> = FieldName::ALL.iter().map(|n| Field::Named(*n)).collect();
        fields.extend([
            Field::Code,
            Field::Amount(FundSource::GeneralBudget, SpendingKind::Basic),
            Field::PriorAmount(FundSource::GovFund, SpendingKind::Project),
            Field::PriorValue,
            Field::Indicator {
                goal: Some((GoalTerm::Annual, 2)),
                column: IndicatorColumn::Name,
            },
        ]);
        for f in fields {
            let text = ron::to_string(&f).expect("serialises");
            assert_eq!(ron::from_str::<Field>(&text).ok(), Some(f), "{text}");
        }
        assert_eq!(
            ron::to_string(&Field::Named(FieldName::DeptName))
                .ok()
                .as_deref(),
            Some("Named(\"dept_name\")")
        );
        // Names sort as the text did, so stored comments keep their order.
        let mut by_text = FieldName::ALL.to_vec();
        by_text.sort_by_key(|n| n.as_str());
        assert_eq!(by_text, FieldName::ALL);
    }

    /// A name the model does not have is refused with the name quoted.
    #[test]
    fn an_unknown_field_name_is_refused() {
        let err = ron::from_str::<Field>("Named(\"dept_nmae\")").expect_err("unknown");
        assert!(err.to_string().contains("字段名“dept_nmae”无效"), "{err}");
    }

    /// A place follows its row through a sort, tells two rows with the same
    /// code apart, finds a project by name wherever it moved, and is gone
    /// (with its label kept) when its row is.
    #[test]
    fn a_place_follows_its_row_and_knows_when_it_is_gone() {
        use crate::model::{BudgetLine, FunctionCode, Project};
        let line = |c: &str, n: &str| BudgetLine {
            code: FunctionCode::new(c),
            name: n.into(),
            ..Default::default()
        };
        let mut doc = Document::blank("部门", 2026);
        doc.budget_lines = vec![
            line("2050202", "小学教育"),
            line("2050203", "初中教育"),
            line("2050203", "初中教育"),
        ];
        let cell = Location::cell(Sheet::Budget, 2, Field::Name);
        let place = Place::of(&doc, cell);
        assert_eq!(place.label, "收支预算 2050203 初中教育");
        assert_eq!(place.key, Some(RowKey::Named("2050203".into(), 1)));
        doc.budget_lines.reverse();
        doc.budget_lines.insert(0, line("2050201", "学前教育"));
        assert_eq!(
            place.resolve(&doc),
            Some(Location::cell(Sheet::Budget, 2, Field::Name))
        );
        assert!(place.same(&Place::of(
            &doc,
            Location::cell(Sheet::Budget, 2, Field::Name)
        )));
        doc.budget_lines.remove(1);
        assert_eq!(place.resolve(&doc), None);
        assert_eq!(place.describe(&doc), "收支预算 2050203 初中教育（已删除）");

        doc.projects = vec![
            Project {
                name: "甲".into(),
                ..Default::default()
            },
            Project {
                name: "乙".into(),
                ..Default::default()
            },
        ];
        let p = Place::of(
            &doc,
            Location::field(Sheet::Project(1), Field::Named(FieldName::Fiscal)),
        );
        doc.projects.remove(0);
        assert_eq!(
            p.resolve(&doc),
            Some(Location::field(
                Sheet::Project(0),
                Field::Named(FieldName::Fiscal)
            ))
        );
        assert_eq!(p.describe(&doc), "项目“乙”");
    }

    /// A place on a project names its 项目编码: it follows the project
    /// through a rename and a reorder, is not taken over by another project
    /// that gets the old name, and reads as deleted (label kept) when the
    /// project is.
    #[test]
    fn a_project_place_follows_the_code_not_the_name_or_position() {
        use crate::model::{FundSource, Project, SpendingKind};
        let mut doc = Document::blank("部门", 2026);
        for n in ["甲", "乙"] {
            doc.projects.push(Project {
                name: n.into(),
                ..Default::default()
            });
        }
        doc.assign_project_codes();
        assert_eq!(doc.projects[1].code, "XM002");
        let field = Field::Amount(FundSource::GovFund, SpendingKind::Project);
        let p = Place::of(&doc, Location::field(Sheet::Project(1), field));
        assert_eq!(p.project, Some(RowKey::Coded("XM002".into(), 0)));
        doc.projects[1].name = "乙（改名）".into();
        doc.projects[0].name = "乙".into();
        doc.projects.reverse();
        assert_eq!(
            p.resolve(&doc),
            Some(Location::field(Sheet::Project(0), field))
        );
        doc.projects.remove(0);
        assert_eq!(p.resolve(&doc), None);
        assert_eq!(p.describe(&doc), "项目“乙”（已删除）");
        // A project added now never gets the deleted one's code.
        assert_eq!(doc.next_project_code(), "XM002");
        doc.review
            .comments
            .push(crate::comments::Comment::new(p, "审", "请核对"));
        assert_eq!(doc.next_project_code(), "XM003");
    }

    /// Files stored a project by its name and occurrence and its amounts as
    /// `fiscal` / `other`: on load the place is mapped to the project's code
    /// and the field to the source those amounts are read as.
    #[test]
    fn an_older_project_place_is_mapped_to_its_code() {
        use crate::model::{FundSource, Project, SpendingKind};
        let mut doc = Document::blank("部门", 2026);
        for (n, code) in [("甲", "A1"), ("乙", "")] {
            doc.projects.push(Project {
                code: code.into(),
                name: n.into(),
                ..Default::default()
            });
        }
        doc.assign_project_codes();
        let mut old: Place = ron::from_str(
            "(sheet: Project(0), project: Some(Named(\"乙\", 0)), \
             field: Some(Named(\"other\")), label: \"项目“乙”\")",
        )
        .expect("reads");
        old.identify_legacy(&doc);
        assert_eq!(old.project, Some(RowKey::Coded("XM001".into(), 0)));
        assert_eq!(
            old.resolve(&doc),
            Some(Location::field(
                Sheet::Project(1),
                Field::Amount(FundSource::OtherIncome, SpendingKind::Project)
            ))
        );
    }

    /// A place an older build stored (a row index, no label) is mapped to
    /// what that row holds in the document as loaded.
    #[test]
    fn an_older_place_is_identified_by_its_row_as_loaded() {
        let mut doc = Document::blank("部门", 2026);
        doc.basic_by_economic.push(crate::model::EconomicLine {
            code: crate::model::EconomicCode::new("30101"),
            name: "基本工资".into(),
            bucket: crate::model::CostBucket::Personnel,
            amount: crate::money::Money::ZERO,
            prior: None,
        });
        let mut old: Place =
            ron::from_str("(sheet: Economic, row: Some(0), field: Some(Value))").expect("reads");
        assert!(old.label.is_empty());
        old.identify_legacy(&doc);
        assert_eq!(old.key, Some(RowKey::Named("30101".into(), 0)));
        assert_eq!(old.label, "基本支出经济分类 30101 基本工资");
        let text = ron::to_string(&old).expect("writes");
        assert!(!text.contains("row:"), "{text}");
    }
}
