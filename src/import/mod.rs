//! Figures imported from a spreadsheet the preparer already has: yusuan's own
//! 明细 sheet (exactly), or a table-shaped sheet from another system found by
//! its header text (anchors), never by cell positions.
//!
//! [`plan`] reads and checks everything and builds the new document without
//! touching the old one; its [`Plan`] is the preview (what was recognised,
//! skipped, checked and what changes). Applying is taking `plan.document`:
//! one step, nothing half-applied.

mod detail;
mod table;

use crate::model::{BudgetLine, Document, FundSource, SpendingKind};
use crate::money::Money;
use crate::sheet::{self, SheetError, Workbook};
use std::fmt::Write as _;
use std::path::Path;

/// Which part of the document a sheet feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// yusuan's own 明细 sheet: 收支预算, 基本支出经济分类 and 三公 together.
    Detail,
    /// 收支预算 by 功能科目 (基本/项目 …) from one 资金来源.
    Budget(FundSource),
    /// 一般公共预算基本支出 by 经济科目 (人员/公用).
    Economic,
    /// The 三公 row.
    ThreePublic,
}

impl Target {
    /// What the preview calls it.
    pub fn label(self) -> String {
        match self {
            Target::Detail => "yusuan 明细（全部录入数）".into(),
            Target::Budget(s) => format!("收支预算（功能科目，资金来源：{}）", s.label()),
            Target::Economic => "基本支出经济分类（人员经费/公用经费）".into(),
            Target::ThreePublic => "“三公”经费".into(),
        }
    }
}

/// The money unit of a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// 元: divided by 10,000 exactly.
    Yuan,
    /// 万元: as read.
    WanYuan,
}

impl Unit {
    /// `元` / `万元`.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
        }
    }

    /// The amount in 万元, exact.
    pub fn to_wan(self, d: rust_decimal::Decimal) -> Money {
        let mut v = match self {
            Unit::Yuan => d / rust_decimal::Decimal::from(10_000),
            Unit::WanYuan => d,
        }
        .normalize();
        // Stored as amounts are typed: at least 2 decimals (`12.30`).
        if v.scale() < 2 {
            v.rescale(2);
        }
        Money(v)
    }
}

/// One recognised column and what it maps to.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnMap {
    /// Cell of its header (`C5`).
    pub cell: String,
    /// Header text as read.
    pub header: String,
    /// What it maps to.
    pub meaning: String,
}

/// One imported row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowRead {
    /// Row number as the sheet shows it (1-based).
    pub row: usize,
    /// 科目编码 (empty for 三公).
    pub code: String,
    /// 名称.
    pub name: String,
    /// (what, amount as read, amount stored in 万元).
    pub amounts: Vec<(String, String, Money)>,
}

/// A 类/款/合计 row compared with the sum of the imported rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// Cell of the figure.
    pub cell: String,
    /// What it is (`合计`, `类 201`…) and which column.
    pub what: String,
    /// The sheet's figure, 万元.
    pub sheet: Money,
    /// Sum of the imported rows, 万元.
    pub sum: Money,
}

impl Check {
    /// True when the sheet's figure equals the sum.
    pub fn agrees(&self) -> bool {
        self.sheet == self.sum
    }

    /// One line for the preview: cell, what, both figures and the verdict.
    pub fn describe(&self) -> String {
        format!(
            "{} {}：表中 {}，各行之和 {}，{}",
            self.cell,
            self.what,
            self.sheet.display_plain(),
            self.sum.display_plain(),
            if self.agrees() { "一致" } else { "不一致" }
        )
    }
}

/// What was read from one sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetPlan {
    /// Sheet name.
    pub sheet: String,
    /// Which part it feeds.
    pub target: Target,
    /// Money unit and where it was read from.
    pub unit: Unit,
    /// Where the unit came from (`A2：单位：元`).
    pub unit_source: String,
    /// Recognised columns.
    pub columns: Vec<ColumnMap>,
    /// Imported rows.
    pub rows: Vec<RowRead>,
    /// Rows skipped: (row number, reason).
    pub skipped: Vec<(usize, String)>,
    /// 类/款/合计 checks.
    pub checks: Vec<Check>,
    /// Remarks (how a choice was made).
    pub notes: Vec<String>,
}

/// The preview: everything read, and the document it makes.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Sheets used.
    pub sheets: Vec<SheetPlan>,
    /// What changes in the document, one line each.
    pub changes: Vec<String>,
    /// The document after the import (the original is untouched).
    pub document: Document,
}

impl Plan {
    /// Checks whose figures disagree.
    pub fn disagreements(&self) -> usize {
        self.sheets
            .iter()
            .flat_map(|s| &s.checks)
            .filter(|c| !c.agrees())
            .count()
    }
}

/// Why nothing can be imported; the document is untouched.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read as a spreadsheet.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// `--sheet` names no sheet.
    #[error("工作簿中没有名为“{0}”的工作表")]
    NoSuchSheet(String),
    /// A sheet without a header we recognise.
    #[error(
        "工作表“{0}”中找不到可识别的表头（需要 科目编码 或 类/款/项 列，以及 合计、基本支出、项目支出、人员经费、公用经费 等金额列）"
    )]
    NoHeader(String),
    /// No sheet in the workbook is recognised.
    #[error("工作簿中没有可识别的预算表（各工作表：{0}）")]
    NothingRecognised(String),
    /// Two sheets feed the same part.
    #[error("工作表“{0}”和“{1}”都对应{2}，请用 --sheet 指定一个")]
    Ambiguous(String, String, String),
    /// A cell that cannot be read.
    #[error("工作表“{sheet}”单元格 {cell}：{reason}")]
    Cell {
        /// Sheet.
        sheet: String,
        /// Cell (`C12`).
        cell: String,
        /// What is wrong.
        reason: String,
    },
    /// The money unit is not stated.
    #[error(
        "工作表“{0}”中找不到“单位：元”或“单位：万元”，无法确定金额单位（可用 --unit 元 或 --unit 万元 指定）"
    )]
    NoUnit(String),
    /// Any of the above, in a file: the message names it.
    #[error("{path}：{source}")]
    InFile {
        /// The file.
        path: String,
        /// What is wrong in it.
        source: Box<ImportError>,
    },
}

/// Options of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Only this sheet.
    pub sheet: Option<String>,
    /// The unit when the sheet does not state it.
    pub unit: Option<Unit>,
}

/// Reads `wb` against `doc` and builds the preview and the new document.
pub fn plan(wb: &Workbook, doc: &Document, opts: &Options) -> Result<Plan, ImportError> {
    let mut sheets = Vec::new();
    if let Some(name) = &opts.sheet {
        let s = wb
            .sheet(name)
            .ok_or_else(|| ImportError::NoSuchSheet(name.clone()))?;
        let p = match detail::recognise(s)? {
            Some(p) => p,
            None => table::recognise(s, opts.unit)?
                .ok_or_else(|| ImportError::NoHeader(s.name.clone()))?,
        };
        sheets.push(p);
    } else if let Some(p) = wb
        .sheets
        .iter()
        .find(|s| s.name == crate::xlsx::DETAIL_SHEET)
        .map(detail::recognise)
        .transpose()?
        .flatten()
    {
        sheets.push(p);
    } else {
        for s in &wb.sheets {
            if let Some(p) = table::recognise(s, opts.unit)? {
                if let Some(other) = sheets.iter().find(|o: &&SheetPlan| o.target == p.target) {
                    return Err(ImportError::Ambiguous(
                        other.sheet.clone(),
                        p.sheet.clone(),
                        p.target.label(),
                    ));
                }
                sheets.push(p);
            }
        }
        if sheets.is_empty() {
            let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
            return Err(ImportError::NothingRecognised(names.join("、")));
        }
    }
    let mut document = doc.clone();
    let mut changes = Vec::new();
    for p in &sheets {
        apply(p, &mut document, &mut changes);
    }
    if changes.is_empty() {
        changes.push("文件中的数与文档相同，没有变化".into());
    }
    Ok(Plan {
        sheets,
        changes,
        document,
    })
}

/// The budget line for `code`, added (with `name`) when missing.
fn line<'a>(doc: &'a mut Document, code: &str, name: &str) -> &'a mut BudgetLine {
    let i = match doc
        .budget_lines
        .iter()
        .position(|l| l.code.as_str() == code)
    {
        Some(i) => i,
        None => {
            doc.budget_lines.push(BudgetLine {
                code: crate::model::FunctionCode::new(code),
                name: name.to_string(),
                ..Default::default()
            });
            doc.budget_lines.len() - 1
        }
    };
    &mut doc.budget_lines[i]
}

fn apply(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>) {
    match p.target {
        Target::Detail => detail::apply(p, doc, changes),
        Target::Economic => detail::apply_economic(p, doc, changes),
        Target::ThreePublic => detail::apply_three_public(p, doc, changes),
        Target::Budget(source) => {
            let kinds: Vec<SpendingKind> = SpendingKind::ALL
                .into_iter()
                .filter(|k| {
                    p.rows
                        .iter()
                        .any(|r| r.amounts.iter().any(|a| a.0 == k.label()))
                })
                .collect();
            let before = doc.budget_lines.clone();
            // The sheet states this source's figures in full: others go.
            for l in &mut doc.budget_lines {
                for k in &kinds {
                    l.set_amount(source, *k, Money::default());
                }
            }
            for r in &p.rows {
                let l = line(doc, &r.code, &r.name);
                for (what, _, m) in &r.amounts {
                    if let Some(k) = kinds.iter().find(|k| k.label() == what) {
                        l.set_amount(source, *k, *m);
                    }
                }
            }
            doc.budget_lines
                .retain(|l| !l.amounts.is_empty() || before.iter().any(|b| b.code == l.code));
            doc.budget_lines
                .sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
            describe_lines(&before, &doc.budget_lines, changes);
        }
    }
}

/// One change line per 功能科目 added, changed or cleared.
pub(crate) fn describe_lines(before: &[BudgetLine], after: &[BudgetLine], out: &mut Vec<String>) {
    for l in after {
        match before.iter().find(|b| b.code == l.code) {
            None => out.push(format!("新增 {} {}", l.code.as_str(), l.name)),
            Some(b) if b.amounts != l.amounts => {
                let total = |x: &BudgetLine| x.amounts.values().copied().sum::<Money>();
                out.push(format!(
                    "替换 {} {}：{} → {} 万元",
                    l.code.as_str(),
                    l.name,
                    total(b).display(),
                    total(l).display()
                ));
            }
            _ => {}
        }
    }
    for b in before {
        if !after.iter().any(|l| l.code == b.code) {
            out.push(format!("删除 {} {}", b.code.as_str(), b.name));
        }
    }
}

/// The preview as text (the CLI prints it; the app shows the same parts).
pub fn render(plan: &Plan) -> String {
    let mut o = String::new();
    for p in &plan.sheets {
        let _ = writeln!(o, "工作表“{}” → {}", p.sheet, p.target.label());
        let _ = writeln!(o, "  金额单位：{}（{}）", p.unit.label(), p.unit_source);
        for n in &p.notes {
            let _ = writeln!(o, "  说明：{n}");
        }
        let _ = writeln!(o, "  识别的列：");
        for c in &p.columns {
            let _ = writeln!(o, "    {} {} → {}", c.cell, c.header, c.meaning);
        }
        let _ = writeln!(o, "  导入的行（{} 行）：", p.rows.len());
        for r in &p.rows {
            let amounts: Vec<String> = r
                .amounts
                .iter()
                .map(|(w, read, m)| {
                    if p.unit == Unit::WanYuan {
                        format!("{w} {read}")
                    } else {
                        format!("{w} {read}{} = {} 万元", p.unit.label(), m.display_plain())
                    }
                })
                .collect();
            let _ = writeln!(
                o,
                "    第{}行 {} {}：{}",
                r.row,
                r.code,
                r.name,
                amounts.join("；")
            );
        }
        if !p.skipped.is_empty() {
            let _ = writeln!(o, "  跳过的行：");
            for (r, why) in &p.skipped {
                let _ = writeln!(o, "    第{r}行：{why}");
            }
        }
        if !p.checks.is_empty() {
            let _ = writeln!(o, "  核对（表中数 与 导入各行之和，万元）：");
            for c in &p.checks {
                let _ = writeln!(o, "    {}", c.describe());
            }
        }
    }
    let _ = writeln!(o, "文档将发生的变化：");
    for c in &plan.changes {
        let _ = writeln!(o, "  {c}");
    }
    let n = plan.disagreements();
    if n > 0 {
        let _ = writeln!(
            o,
            "注意：有 {n} 处合计/小计与各行之和不一致，导入的是各行（项级）数，请核对原表。"
        );
    }
    o
}

/// Reads `source` and plans the import into `doc`.
pub fn plan_file(source: &Path, doc: &Document, opts: &Options) -> Result<Plan, ImportError> {
    // A reader error names the file itself; what the sheets hold does not.
    let wb = sheet::read(source)?;
    plan(&wb, doc, opts).map_err(|e| ImportError::InFile {
        path: source.display().to_string(),
        source: Box::new(e),
    })
}

/// `--unit` text to a unit.
pub fn parse_unit(s: &str) -> Result<Unit, String> {
    match s.trim() {
        "元" | "yuan" => Ok(Unit::Yuan),
        "万元" | "wan" => Ok(Unit::WanYuan),
        _ => Err("单位只能是 元 或 万元".into()),
    }
}
