//! Comparing two versions of a document: what the 填报人 changed (figures,
//! texts, rows and projects added or removed) and, listed apart, the
//! published figures that moved as a result.
//!
//! Rows are matched by identity, not position, so that a row inserted in the
//! middle does not make every later row look changed: 收支预算 by 科目编码
//! (each (资金来源, 支出类型) amount a cell of its own), 经济科目 by code,
//! projects by 项目编码 and name, indicators by their names within their
//! project or goal (see `pairing`), paragraphs by position. The same code or name twice is told apart
//! by its occurrence. Every change carries the core [`Location`] in the new
//! version, so the app can jump to it.

mod flatten;
mod pairing;
pub mod text;

use crate::catalog::Catalog;
use crate::derive::table::{Cell, Table};
use crate::derive::{Totals, published_tables, totals};
use crate::location::{Location, Sheet};
use crate::model::Document;
use crate::money::Money;
use flatten::{Group, Value, groups};
use std::collections::HashMap;

/// One change to what the 填报人 entered.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Where it is in the new version (for a removed row or project: its
    /// sheet, or the sheet it was on).
    pub location: Location,
    /// Sheet, row and column in words, e.g.
    /// `收支预算 2010101 行政运行 · 一般公共预算拨款·基本支出`.
    pub place: String,
    /// What changed.
    pub what: What,
}

/// The kind of a [`Change`].
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// An amount, old → new.
    Figure {
        /// Old amount (zero when absent).
        old: Money,
        /// New amount.
        new: Money,
    },
    /// A count or year, old → new.
    Number {
        /// Old value.
        old: i64,
        /// New value.
        new: i64,
    },
    /// A text, old → new.
    Text {
        /// Old text.
        old: String,
        /// New text.
        new: String,
    },
    /// A row, project, paragraph or indicator only in the new version.
    Added(String),
    /// A row, project, paragraph or indicator only in the old version.
    Removed(String),
}

impl What {
    /// `12.00 → 15.50（+3.50）`, `【删：…】【增：…】`, `新增：…`.
    pub fn describe(&self) -> String {
        match self {
            What::Figure { old, new } => {
                format!(
                    "{} → {}（{}）",
                    old.display(),
                    new.display(),
                    signed(*new - *old)
                )
            }
            What::Number { old, new } => format!("{old} → {new}（{:+}）", new - old),
            What::Text { old, new } => text::marked(old, new),
            What::Added(s) => format!("新增：{s}"),
            What::Removed(s) => format!("删除：{s}"),
        }
    }
}

/// `+3.50`, `-1.20`.
fn signed(m: Money) -> String {
    if m.is_negative() {
        m.display()
    } else {
        format!("+{}", m.display())
    }
}

/// A published figure that moved because of the changes.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedChange {
    /// Where: a key total (`Sheet::Summary`-like: [`Location::sheet`] of the
    /// table it appears in) or a table cell (its row in the new version's
    /// table; `column` says which column).
    pub location: Location,
    /// Column index within the table (None for a key total).
    pub column: Option<usize>,
    /// `表2 一般公共预算支出表 · 201 一般公共服务支出 · 合计`, or the key
    /// total's name.
    pub place: String,
    /// Old figure, as printed (table) or exact (key total).
    pub old: Money,
    /// New figure.
    pub new: Money,
}

impl DerivedChange {
    /// `12.00 → 15.50（+3.50）`.
    pub fn describe(&self) -> String {
        What::Figure {
            old: self.old,
            new: self.new,
        }
        .describe()
    }
}

/// What differs between two versions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    /// Said first: the versions are of different departments, years,
    /// templates or units (the comparison is still made).
    pub notes: Vec<String>,
    /// What the 填报人 changed, in sheet order.
    pub changes: Vec<Change>,
    /// Key totals and published table cells that moved as a result.
    pub derived: Vec<DerivedChange>,
}

impl Diff {
    /// True when the versions hold the same content.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.derived.is_empty()
    }
}

/// Compares two versions. Amounts of an old version entered in another
/// unit are converted to the new version's unit first (and a note says so).
pub fn compare(old: &Document, new: &Document, catalog: &Catalog) -> Diff {
    let mut notes = Vec::new();
    let (om, nm) = (&old.meta, &new.meta);
    if om.dept_name.trim() != nm.dept_name.trim() {
        notes.push(format!(
            "两个文件不是同一{}：旧版本为“{}”，新版本为“{}”。以下仍列出全部差异。",
            nm.entity.word(),
            om.dept_name,
            nm.dept_name
        ));
    }
    if om.year != nm.year {
        notes.push(format!(
            "两个文件年度不同：旧版本 {} 年，新版本 {} 年。",
            om.year, nm.year
        ));
    }
    if om.template != nm.template {
        notes.push(format!(
            "两个文件模板不同（旧版本 {}，新版本 {}），公开表只比较表号和列数相同的表。",
            om.template.label(),
            nm.template.label()
        ));
    }
    if !om.template.same_content(&nm.template) {
        notes.push(format!(
            "两个文件都用模板“{}”，但模板内容不同（模板在两版之间改过）：公开表的差异可能来自模板，而不是填报的数。",
            nm.template.label()
        ));
    }
    let converted = crate::derive::printed::converted(old, nm.unit);
    if om.unit != nm.unit {
        notes.push(format!(
            "旧版本金额以{}录入，已换算为新版本的{}后比较。",
            om.unit.label(),
            nm.unit.label()
        ));
    }
    let old = converted.as_ref();
    let mut changes = entered_changes(old, new);
    if changes.is_empty() && old != new && om.unit == nm.unit {
        // Whatever the field-by-field comparison does not cover still counts.
        changes.push(Change {
            location: Location::sheet(Sheet::Meta),
            place: "文件".into(),
            what: What::Text {
                old: "（其他内容）".into(),
                new: "（其他内容不同）".into(),
            },
        });
    }
    let mut derived = total_changes(&totals(old), &totals(new));
    derived.extend(table_changes(
        &published_tables(old, catalog),
        &published_tables(new, catalog),
    ));
    Diff {
        notes,
        changes,
        derived,
    }
}

/// Pairs groups (rows, projects…) by key and compares their values.
fn entered_changes(old: &Document, new: &Document) -> Vec<Change> {
    let (old_ids, new_ids) = pairing::identities(old, new);
    let old_groups = groups(old, &old_ids);
    let new_groups = groups(new, &new_ids);
    let old_by_key: HashMap<&str, &Group> =
        old_groups.iter().map(|g| (g.key.as_str(), g)).collect();
    let new_keys: std::collections::HashSet<&str> =
        new_groups.iter().map(|g| g.key.as_str()).collect();
    let mut out = Vec::new();
    for g in &new_groups {
        match old_by_key.get(g.key.as_str()) {
            Some(o) => compare_values(o, g, &mut out),
            // A project's indicators come and go with it: one line says so.
            None if g
                .parent
                .as_deref()
                .is_some_and(|p| !old_by_key.contains_key(p)) => {}
            None => out.push(Change {
                location: g.location,
                place: g.label.clone(),
                what: What::Added(g.summary()),
            }),
        }
    }
    for g in &old_groups {
        let parent_gone = g.parent.as_deref().is_some_and(|p| !new_keys.contains(p));
        if !new_keys.contains(g.key.as_str()) && !parent_gone {
            out.push(Change {
                location: Location::sheet(removed_sheet(g.location.sheet, new)),
                place: g.label.clone(),
                what: What::Removed(g.summary()),
            });
        }
    }
    out.sort_by_key(|c| c.location.sheet);
    out
}

/// The sheet a removed item is shown on: a removed project's page may not
/// exist in the new version.
fn removed_sheet(sheet: Sheet, new: &Document) -> Sheet {
    match sheet {
        Sheet::Project(i) if i >= new.projects.len() => {
            Sheet::Project(new.projects.len().saturating_sub(1))
        }
        s => s,
    }
}

fn compare_values(old: &Group, new: &Group, out: &mut Vec<Change>) {
    let old_values: HashMap<&str, &Value> = old
        .entries
        .iter()
        .map(|e| (e.key.as_str(), &e.value))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for e in &new.entries {
        seen.insert(e.key.as_str());
        let before = old_values.get(e.key.as_str()).copied();
        if let Some(what) = Value::change(before, Some(&e.value)) {
            out.push(Change {
                location: e.location,
                place: format!("{} · {}", new.label, e.label),
                what,
            });
        }
    }
    // Values only in the old version (an amount column emptied).
    for e in &old.entries {
        if !seen.contains(e.key.as_str())
            && let Some(what) = Value::change(Some(&e.value), None)
        {
            out.push(Change {
                location: new.location,
                place: format!("{} · {}", new.label, e.label),
                what,
            });
        }
    }
}

/// The key totals that moved.
fn total_changes(old: &Totals, new: &Totals) -> Vec<DerivedChange> {
    let pick = |t: &Totals| {
        [
            ("收支总预算", t.total, Sheet::Table(1)),
            ("财政拨款", t.fiscal, Sheet::Table(1)),
            ("一般公共预算基本支出", t.general_basic, Sheet::Budget),
            ("一般公共预算项目支出", t.general_project, Sheet::Budget),
            ("人员经费", t.personnel, Sheet::Economic),
            ("公用经费", t.public, Sheet::Economic),
            ("“三公”经费合计", t.three_public, Sheet::ThreePublic),
            ("项目资金总额", t.projects, Sheet::Budget),
        ]
    };
    pick(old)
        .into_iter()
        .zip(pick(new))
        .filter(|((_, o, _), (_, n, _))| o != n)
        .map(|((name, o, _), (_, n, sheet))| DerivedChange {
            location: Location::sheet(sheet),
            column: None,
            place: format!("主要合计 · {name}"),
            old: o,
            new: n,
        })
        .collect()
}

/// `201 一般公共服务支出`: the text cells of a row, which identify it.
fn row_label(cells: &[Cell]) -> String {
    let parts: Vec<&str> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Text(s) if !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        })
        .collect();
    parts.join(" ")
}

fn money_of(c: Option<&Cell>) -> Money {
    match c {
        Some(Cell::Money(m)) => *m,
        _ => Money::ZERO,
    }
}

/// Cells of the published tables whose printed figure differs, rows
/// matched by their text cells (code and name), tables by number.
fn table_changes(old: &[Table], new: &[Table]) -> Vec<DerivedChange> {
    let mut out = Vec::new();
    for nt in new {
        let ot = old
            .iter()
            .find(|t| t.number == nt.number && t.columns.len() == nt.columns.len());
        let titles = nt.column_titles();
        // Rows of the old table by label, in order of occurrence.
        let mut old_rows: HashMap<String, Vec<usize>> = HashMap::new();
        if let Some(ot) = ot {
            for (i, r) in ot.rows.iter().enumerate() {
                old_rows.entry(row_label(&r.cells)).or_default().push(i);
            }
        }
        let mut used: HashMap<String, usize> = HashMap::new();
        for (ri, r) in nt.rows.iter().enumerate() {
            let label = row_label(&r.cells);
            let n = used.entry(label.clone()).or_default();
            let old_row = ot.and_then(|ot| {
                old_rows
                    .get(&label)
                    .and_then(|v| v.get(*n))
                    .and_then(|&i| ot.rows.get(i))
            });
            *n += 1;
            for (ci, c) in r.cells.iter().enumerate() {
                let Cell::Money(nv) = c else { continue };
                let ov = money_of(old_row.and_then(|o| o.cells.get(ci)));
                if nt.money_text(ov, true) != nt.money_text(*nv, true) {
                    out.push(DerivedChange {
                        location: Location::row(Sheet::Table(nt.number), ri),
                        column: Some(ci),
                        place: format!(
                            "表{} {} · {} · {}",
                            nt.number,
                            nt.title,
                            if label.is_empty() {
                                "（无名称行）"
                            } else {
                                label.as_str()
                            },
                            titles.get(ci).map_or("", String::as_str)
                        ),
                        old: ov,
                        new: *nv,
                    });
                }
            }
        }
        // Rows only in the old table (a 类 no longer used).
        if let Some(ot) = ot {
            let new_labels: HashMap<String, usize> =
                nt.rows.iter().fold(HashMap::new(), |mut m, r| {
                    *m.entry(row_label(&r.cells)).or_default() += 1;
                    m
                });
            let mut seen: HashMap<String, usize> = HashMap::new();
            for r in &ot.rows {
                let label = row_label(&r.cells);
                let k = seen.entry(label.clone()).or_default();
                *k += 1;
                if *k <= new_labels.get(&label).copied().unwrap_or(0) {
                    continue;
                }
                for (ci, c) in r.cells.iter().enumerate() {
                    if let Cell::Money(ov) = c
                        && !nt.money_text(*ov, false).is_empty()
                    {
                        out.push(DerivedChange {
                            location: Location::sheet(Sheet::Table(nt.number)),
                            column: Some(ci),
                            place: format!(
                                "表{} {} · {}（新版本无此行） · {}",
                                nt.number,
                                nt.title,
                                label,
                                titles.get(ci).map_or("", String::as_str)
                            ),
                            old: *ov,
                            new: Money::ZERO,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Every text field longer than `chars` characters, named as the comparison
/// names places (`项目 信息化运维：项目概述`), with its length: for a
/// target format's limit (an Excel cell holds 32,767).
pub fn texts_longer_than(doc: &Document, chars: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for g in groups(doc, &pairing::Identities::alone(doc)) {
        for e in &g.entries {
            if let Value::Text(t) = &e.value {
                let n = t.chars().count();
                if n > chars {
                    out.push((format!("{} {}", g.label, e.label).trim().to_string(), n));
                }
            }
        }
    }
    out
}

/// The report `yusuan diff` prints.
pub fn render(diff: &Diff, old: &std::path::Path, new: &std::path::Path) -> String {
    let mut out = String::new();
    for n in &diff.notes {
        out += &format!("注意：{n}\n");
    }
    out += &format!("旧版本：{}\n新版本：{}\n", old.display(), new.display());
    if diff.is_empty() {
        out += "两个版本内容相同。\n";
        return out;
    }
    out += &format!("\n填报内容的变化（{} 处）：\n", diff.changes.len());
    let mut sheet = None;
    for c in &diff.changes {
        if sheet != Some(c.location.sheet) {
            sheet = Some(c.location.sheet);
            out += &format!("【{}】\n", c.location.sheet.label());
        }
        out += &format!(
            "  {}：{}\n",
            crate::text::visible(&c.place),
            crate::text::visible(&c.what.describe()).replace('\n', "⏎")
        );
    }
    if !diff.derived.is_empty() {
        out += &format!("\n随之变动的合计与公开表（{} 处）：\n", diff.derived.len());
        for d in &diff.derived {
            out += &format!("  {}：{}\n", crate::text::visible(&d.place), d.describe());
        }
    }
    out
}
