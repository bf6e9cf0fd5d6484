//! 部门 from its 单位: the department's document as the sum of its units'
//! documents (`yusuan merge`, 文件 → 汇总所属单位…).
//!
//! Budget lines are summed by (功能科目, 资金来源, 支出类型), 基本支出 by
//! 经济科目, 三公 by item, each with its 上年 figures; projects are
//! concatenated with their 实施单位; staffing, 附件3's 近两年收支, 政府采购
//! and vehicles are summed; 预算单位构成 lists the units. Texts that only the
//! 部门 can write (主要职能, goals, 填报人) start empty and the rules ask for
//! them. The result records each unit's file, name, content fingerprint
//! and 收支预算 by (资金来源, 支出类型), so [`check`] can tell that a unit
//! changed after the merge and a table can print one row per 单位.

use crate::model::{
    BudgetLine, BudgetUnit, Document, EconomicLine, Entity, FORMAT_VERSION, Meta, Overview,
    ProcurementItem, ProcurementKind, Staffing, ThreePublic, default_glossary,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yusuan_core::money::Money;

pub use crate::model::MergeSource as Source;

/// A unit's document as read for merging.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Where it was read from.
    pub path: PathBuf,
    /// The document.
    pub doc: Document,
    /// [`fingerprint`] of the bytes read.
    pub hash: String,
}

/// Why units could not be merged. Messages name the files.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// No unit given.
    #[error("没有要汇总的单位文件")]
    Empty,
    /// A unit's file could not be read.
    #[error("{0}")]
    Load(String),
    /// Units of different years.
    #[error("单位文件的预算年度不一致：{first} 为 {a} 年度，{other} 为 {b} 年度")]
    Year {
        /// The first unit's file.
        first: String,
        /// Its year.
        a: i32,
        /// The differing unit's file.
        other: String,
        /// Its year.
        b: i32,
    },
    /// Units in different templates.
    #[error("单位文件的模板不一致：{first} 为“{a}”，{other} 为“{b}”")]
    Template {
        /// The first unit's file.
        first: String,
        /// Its template.
        a: String,
        /// The differing unit's file.
        other: String,
        /// Its template.
        b: String,
    },
    /// Units whose amounts are entered in different units of money.
    #[error("单位文件的金额单位不一致：{first} 以{a}填报，{other} 以{b}填报")]
    MoneyUnit {
        /// The first unit's file.
        first: String,
        /// Its unit of money.
        a: &'static str,
        /// The differing unit's file.
        other: String,
        /// Its unit of money.
        b: &'static str,
    },
    /// The same unit given twice.
    #[error("同一单位出现两次：{first} 与 {other} 都是“{unit}”")]
    Duplicate {
        /// The first file.
        first: String,
        /// The second file.
        other: String,
        /// The unit's name.
        unit: String,
    },
    /// A merged document among the inputs together with a unit it was
    /// summed from: that unit would count twice.
    #[error(
        "{merged} 是汇总生成的文件，已包含 {unit}（“{name}”）；两者同时汇总会重复计算，请只给出单位文件"
    )]
    AlreadyMerged {
        /// The merged file among the inputs.
        merged: String,
        /// The unit file also given.
        unit: String,
        /// The unit's name as the merge recorded it.
        name: String,
    },
    /// A unit without a name cannot be listed in 预算单位构成.
    #[error("{file} 没有填写单位名称（部门名称），无法汇总")]
    Unnamed {
        /// The file.
        file: String,
    },
}

/// The merged document and remarks on what the merge decided.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The 部门's document.
    pub doc: Document,
    /// What the reviewer should know (differing 人员/公用 assignments…).
    pub notes: Vec<String>,
}

/// A 64-bit FNV-1a fingerprint of `bytes`, as 16 hex digits. It tells a
/// changed file from an unchanged one (not a defence against forgery; the
/// files are the department's own), and needs no extra crate.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Reads a unit's file (bounded, as [`crate::io::load`]) and fingerprints it.
pub fn read_unit(path: &Path) -> Result<Unit, MergeError> {
    let bytes = crate::io::read_bounded(path).map_err(|e| MergeError::Load(e.in_file(path)))?;
    let doc = crate::io::from_bytes(&bytes).map_err(|e| MergeError::Load(e.in_file(path)))?;
    Ok(Unit {
        path: path.to_path_buf(),
        doc,
        hash: fingerprint(&bytes),
    })
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// Refuses units that cannot be summed: different years, templates or
/// units of money, the same unit twice, a unit without a name.
fn compatible(units: &[Unit]) -> Result<(), MergeError> {
    let first = units.first().ok_or(MergeError::Empty)?;
    let fm = &first.doc.meta;
    for u in units {
        let m = &u.doc.meta;
        if m.dept_name.trim().is_empty() {
            return Err(MergeError::Unnamed {
                file: shown(&u.path),
            });
        }
        if m.year != fm.year {
            return Err(MergeError::Year {
                first: shown(&first.path),
                a: fm.year,
                other: shown(&u.path),
                b: m.year,
            });
        }
        if m.template != fm.template {
            return Err(MergeError::Template {
                first: shown(&first.path),
                a: fm.template.label().to_string(),
                other: shown(&u.path),
                b: m.template.label().to_string(),
            });
        }
        if m.unit != fm.unit {
            return Err(MergeError::MoneyUnit {
                first: shown(&first.path),
                a: fm.unit.label(),
                other: shown(&u.path),
                b: m.unit.label(),
            });
        }
    }
    already_merged(units)?;
    for (i, a) in units.iter().enumerate() {
        for b in &units[i + 1..] {
            let same_name = a.doc.meta.dept_name.trim() == b.doc.meta.dept_name.trim();
            if same_name || a.hash == b.hash {
                return Err(MergeError::Duplicate {
                    first: shown(&a.path),
                    other: shown(&b.path),
                    unit: a.doc.meta.dept_name.trim().to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Refuses a merged document given together with one of its own sources
/// (found by the recorded file, resolved against the merged file's folder,
/// or by the recorded fingerprint, so a copied or moved unit is caught too).
fn already_merged(units: &[Unit]) -> Result<(), MergeError> {
    for m in units.iter().filter(|u| !u.doc.merged_from.is_empty()) {
        let dir = m.path.parent().unwrap_or(Path::new(""));
        for s in &m.doc.merged_from {
            let recorded = dir.join(&s.file);
            let hit = units.iter().find(|u| {
                !std::ptr::eq(*u, m)
                    && (u.hash == s.hash || crate::io::write::same_file(&u.path, &recorded))
            });
            if let Some(u) = hit {
                return Err(MergeError::AlreadyMerged {
                    merged: shown(&m.path),
                    unit: shown(&u.path),
                    name: s.unit.clone(),
                });
            }
        }
    }
    Ok(())
}

fn add_counts<K: Ord + Copy>(into: &mut BTreeMap<K, u32>, from: &[(K, u32)]) {
    for &(k, n) in from {
        let e = into.entry(k).or_default();
        *e = e.saturating_add(n);
    }
}

/// The sum of `a` and `b` where either may be absent (absent + absent stays
/// absent, so a merge of units without 上年 figures has none either).
fn add_opt<T: std::ops::Add<Output = T>>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    }
}

/// The 部门 `dept`'s document as the sum of `units`. `out` is where it will
/// be written: sources under its folder are recorded relative to it (so the
/// folder can move as a whole); without one (the app's unsaved result) they
/// are recorded as absolute paths.
pub fn merge(units: &[Unit], dept: &str, out: Option<&Path>) -> Result<Merged, MergeError> {
    compatible(units)?;
    let first = &units[0].doc;
    let mut notes = Vec::new();
    let mut lines: BTreeMap<String, BudgetLine> = BTreeMap::new();
    let mut economic: BTreeMap<String, (EconomicLine, String)> = BTreeMap::new();
    let mut authorized = BTreeMap::new();
    let mut actual = BTreeMap::new();
    let mut retired: u32 = 0;
    let mut three = ThreePublic::default();
    let mut gov_fund_three = ThreePublic::default();
    let mut prior_three: Option<ThreePublic> = None;
    let mut projects = Vec::new();
    let mut budget_units = Vec::new();
    let mut performance = crate::model::DeptPerformance {
        prior_years: first.performance.prior_years,
        ..Default::default()
    };
    for y in &mut performance.prior_years {
        *y = crate::model::PriorYear {
            year: y.year,
            ..Default::default()
        };
    }
    let mut other = crate::model::OtherMatters::default();
    let (mut procurement, mut purchased_services) = (Vec::new(), Vec::new());
    // Units that typed their 政府采购 totals without rows: (file, unit,
    // totals by kind).
    let mut typed_only = Vec::new();
    let mut fiscal_by_economic: Vec<crate::model::CrossLine> = Vec::new();
    for u in units {
        let d = &u.doc;
        let name = d.meta.dept_name.trim().to_string();
        for l in &d.budget_lines {
            let m = lines
                .entry(l.code.as_str().to_string())
                .or_insert_with(|| BudgetLine {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    ..Default::default()
                });
            for (k, v) in &l.amounts {
                *m.amounts.entry(*k).or_default() += *v;
            }
            for (k, v) in &l.prior {
                *m.prior.entry(*k).or_default() += *v;
            }
        }
        for l in &d.basic_by_economic {
            match economic.get_mut(l.code.as_str()) {
                Some((m, from)) => {
                    m.amount += l.amount;
                    m.prior = add_opt(m.prior, l.prior);
                    if m.bucket != l.bucket {
                        notes.push(format!(
                            "经济科目 {} 在 {} 中计入{}，在 {} 中计入{}；汇总按{}计",
                            l.code.as_str(),
                            from,
                            m.bucket.label(),
                            shown(&u.path),
                            l.bucket.label(),
                            m.bucket.label()
                        ));
                    }
                }
                None => {
                    economic.insert(l.code.as_str().to_string(), (l.clone(), shown(&u.path)));
                }
            }
        }
        three = three.plus(&d.three_public);
        gov_fund_three = gov_fund_three.plus(&d.gov_fund_three_public);
        prior_three = match (prior_three, d.prior_three_public) {
            (Some(a), Some(b)) => Some(a.plus(&b)),
            (a, b) => a.or(b),
        };
        add_counts(&mut authorized, &d.overview.staffing.authorized);
        add_counts(&mut actual, &d.overview.staffing.actual);
        retired = retired.saturating_add(d.overview.staffing.retired);
        for p in &d.projects {
            let mut p = p.clone();
            if p.implementing_unit.trim().is_empty() {
                p.implementing_unit = name.clone();
            }
            // A code the program assigned counts only in its unit's file:
            // numbered afresh below. A typed (platform) code is kept, and
            // two units typing one code is R05, never a silent merge.
            if p.code_is_assigned() {
                p.code.clear();
            }
            projects.push(p);
        }
        budget_units.push(BudgetUnit {
            name: name.clone(),
            kind: d.overview.units.first().map(|b| b.kind).unwrap_or_default(),
        });
        for (sum, y) in performance
            .prior_years
            .iter_mut()
            .zip(&d.performance.prior_years)
        {
            sum.income_fiscal += y.income_fiscal;
            sum.income_other += y.income_other;
            sum.spending_basic += y.spending_basic;
            sum.spending_project += y.spending_project;
        }
        let o = &d.other;
        other.prior_year_total += o.prior_year_total;
        other.procurement_goods += o.procurement_goods;
        other.procurement_works += o.procurement_works;
        other.procurement_services += o.procurement_services;
        other.vehicles = other.vehicles.saturating_add(o.vehicles);
        procurement.extend(d.procurement.iter().cloned());
        if d.procurement.is_empty() {
            let typed: Vec<(ProcurementKind, Money)> = d
                .procurement_by_kind()
                .into_iter()
                .filter(|(_, m)| !m.is_zero())
                .collect();
            if !typed.is_empty() {
                typed_only.push((shown(&u.path), d.meta.dept_name.trim().to_string(), typed));
            }
        }
        purchased_services.extend(d.purchased_services.iter().cloned());
        fiscal_by_economic.extend(d.fiscal_by_economic.iter().cloned());
        if !d.meta.template.same_content(&first.meta.template) {
            let first_file = shown(&units[0].path);
            notes.push(format!(
                "{} 所用模板“{}”的内容与 {first_file} 的不同（模板改过）；汇总文件按 {first_file} 的模板",
                shown(&u.path),
                d.meta.template.label(),
            ));
        }
        if d.meta.entity == Entity::Department && d.meta.dept_name.trim() != dept.trim() {
            notes.push(format!(
                "{} 标为部门预算（不是单位预算），已按单位汇总",
                shown(&u.path)
            ));
        }
    }
    // Once the 部门 has rows, its totals are their sums: a unit's typed
    // totals would drop out. Each becomes a row of its own, without a
    // 功能科目 (a finding asks for it), and the merge says so.
    if !procurement.is_empty() {
        for (file, unit, typed) in typed_only {
            for (kind, amount) in typed {
                procurement.push(ProcurementItem {
                    name: format!("{unit}（未分明细）"),
                    kind,
                    code: Default::default(),
                    amount,
                });
            }
            notes.push(format!(
                "{file} 只填了政府采购总数、没有明细行，其他单位有明细：已按采购类型各并入一行“{unit}（未分明细）”，请在汇总文件中补上明细和功能科目"
            ));
        }
    }
    let mut doc = Document {
        format_version: FORMAT_VERSION,
        meta: Meta {
            dept_name: dept.trim().to_string(),
            dept_full_name: String::new(),
            year: first.meta.year,
            dept_code: first.meta.dept_code.clone(),
            admin_level: first.meta.admin_level,
            preparer: String::new(),
            phone: String::new(),
            unit: first.meta.unit,
            print_unit: first.meta.print_unit,
            template: first.meta.template.clone(),
            entity: Entity::Department,
            catalog: first.meta.catalog.clone(),
        },
        overview: Overview {
            functions: Vec::new(),
            units: budget_units,
            staffing: Staffing {
                authorized: authorized.into_iter().collect(),
                actual: actual.into_iter().collect(),
                retired,
            },
        },
        budget_lines: lines.into_values().collect(),
        basic_by_economic: economic.into_values().map(|(l, _)| l).collect(),
        three_public: three,
        projects,
        performance,
        other,
        glossary: default_glossary(first.meta.admin_level),
        prior_three_public: prior_three,
        review: Default::default(),
        merged_from: units.iter().map(|u| source(u, out)).collect(),
        procurement,
        purchased_services,
        gov_fund_three_public: gov_fund_three,
        fiscal_by_economic: merged_cross(fiscal_by_economic),
    };
    doc.assign_project_codes();
    Ok(Merged { doc, notes })
}

/// The folder `out` lies in (`.` for a bare file name).
fn folder(out: &Path) -> PathBuf {
    match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn source(u: &Unit, out: Option<&Path>) -> Source {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let unit = abs(&u.path);
    let file = match out.map(|o| unit.strip_prefix(abs(&folder(o)))) {
        Some(Ok(rel)) => rel.to_path_buf(),
        _ => unit,
    };
    let mut amounts = u.doc.budget_by_pair();
    amounts.retain(|_, v| !v.is_zero());
    Source {
        file: file.to_string_lossy().into_owned(),
        unit: u.doc.meta.dept_name.trim().to_string(),
        hash: u.hash.clone(),
        amounts,
    }
}

/// What [`check`] found for one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceState {
    /// Same bytes as when merged.
    Unchanged,
    /// The file differs from when it was merged.
    Changed,
    /// The file is gone or unreadable (the reason).
    Missing(String),
}

/// Each recorded source of the merged document at `path`, with its state.
pub fn check(doc: &Document, path: &Path) -> Vec<(Source, SourceState)> {
    let dir = folder(path);
    doc.merged_from
        .iter()
        .map(|s| {
            let p = Path::new(&s.file);
            let p = if p.is_absolute() {
                p.to_path_buf()
            } else {
                dir.join(p)
            };
            let state = match crate::io::read_bounded(&p) {
                Ok(bytes) if fingerprint(&bytes) == s.hash => SourceState::Unchanged,
                Ok(_) => SourceState::Changed,
                Err(e) => SourceState::Missing(e.to_string()),
            };
            (s.clone(), state)
        })
        .collect()
}

/// The units' 财政拨款 splits summed per 功能科目 × 经济科目, so that the
/// 部门's split matches its summed 收支预算 lines (one row per pair, in
/// code order).
fn merged_cross(rows: Vec<crate::model::CrossLine>) -> Vec<crate::model::CrossLine> {
    let mut by: std::collections::BTreeMap<_, crate::model::CrossLine> = Default::default();
    for r in rows {
        let key = (r.code.clone(), r.economic_code.clone());
        let e = by.entry(key).or_insert_with(|| crate::model::CrossLine {
            code: r.code.clone(),
            economic_code: r.economic_code.clone(),
            ..Default::default()
        });
        e.basic += r.basic;
        e.project += r.project;
    }
    by.into_values().collect()
}
