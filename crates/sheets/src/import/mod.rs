//! Figures imported from a spreadsheet the preparer already has: yusuan's own
//! 明细 sheet (exactly), or a table-shaped sheet from another system found by
//! its header text (anchors), never by cell positions.
//!
//! [`plan`] reads and checks everything and builds the new document without
//! touching the old one; its [`Plan`] is the preview (what was recognised,
//! skipped, checked and what changes). Applying is taking `plan.document`:
//! one step, nothing half-applied.

mod by_name;
mod columns;
mod detail;
mod projects;
mod purchases;
mod table;

pub use columns::{
    ColumnMeaning, ColumnMemory, ColumnOverrides, MEMORY_KIND, Remembered, ThreePublicItem,
    header_key, signature,
};

use crate::derive::table::grouped;
use crate::model::{BudgetLine, Document, FundSource, SpendingKind};
use crate::money::{Amount, Money, MoneyUnit, Stated};
use crate::narrative::Words;
use crate::sheet::{self, SheetError, Workbook};
use rust_decimal::Decimal;
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
    /// 政府采购预算明细: one row per 采购项目 (with its 采购类型).
    Procurement,
    /// 政府购买服务预算财政拨款明细: one row per service.
    PurchasedServices,
    /// 项目支出表: one row per project with its money (by 资金来源, or
    /// 财政拨款 / 其他资金).
    Projects,
}

impl Target {
    /// What the preview calls it.
    pub fn label(self) -> String {
        match self {
            Target::Detail => "yusuan 明细（全部录入数）".into(),
            Target::Budget(s) => format!("收支预算（功能科目，资金来源：{}）", s.label()),
            Target::Economic => "基本支出经济分类（人员经费/公用经费）".into(),
            Target::ThreePublic => "“三公”经费".into(),
            Target::Procurement => "政府采购明细（采购项目、采购类型、功能科目、金额）".into(),
            Target::Projects => "项目支出（项目名称、项目编码、实施单位、各资金来源金额）".into(),
            Target::PurchasedServices => {
                "政府购买服务明细（服务名称、指导性目录、功能科目、金额）".into()
            }
        }
    }
}

/// One recognised column and what it maps to.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnMap {
    /// Cell of its header (`C5`).
    pub cell: String,
    /// Header text as read.
    pub header: String,
    /// What it maps to, as the preview says it (`一般公共预算拨款·基本支出`).
    pub meaning: String,
    /// What the import recognised it as from its header
    /// ([`ColumnMeaning::Ignore`] for a column it does not read, and for the
    /// 明细 sheet's fixed columns, which offer no choice).
    pub recognised: ColumnMeaning,
    /// The preparer's meaning when it differs from `recognised`.
    pub chosen: Option<ColumnMeaning>,
}

impl ColumnMap {
    /// The meaning in effect: the chosen one, else the recognised one.
    pub fn effective(&self) -> ColumnMeaning {
        self.chosen.unwrap_or(self.recognised)
    }
}

/// One figure read from a cell: as the sheet states it (in the sheet's unit,
/// or the unit the cell's own suffix names) and as the document gets it (in
/// the document's unit, converted once by [`Amount::to_unit`], exact).
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Which column or part it is (`基本支出`, `收支预算·一般公共预算拨款·基本支出`).
    pub what: String,
    /// Its cell (`E6`).
    pub cell: String,
    /// The figure as the sheet states it.
    pub sheet: Amount,
    /// The same figure in the document's unit, exact (before any rounding
    /// asked for with [`Choices::round_to_cents`]).
    pub document: Amount,
}

impl Figure {
    /// `3098600 元 → 309.86 万元`, or `12.5 万元` when nothing converts;
    /// `3,098,600 元` with `grouping` ([`Plan::grouping`]).
    pub fn describe(&self, grouping: bool) -> String {
        if self.sheet.unit == self.document.unit {
            shown(self.sheet, grouping)
        } else {
            format!(
                "{} → {}",
                shown(self.sheet, grouping),
                shown(self.document, grouping)
            )
        }
    }
}

/// An amount in the preview: every digit and its unit, with thousands
/// separators where the document's template prints them, as its grids and
/// PDF do ([`grouped`], the screen's and the tables' grouping).
fn shown(a: Amount, grouping: bool) -> String {
    format!(
        "{} {}",
        grouped(a.value.to_string(), grouping),
        a.unit.label()
    )
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
    /// 采购类型 (政府采购) or 指导性目录 (政府购买服务) as the sheet words
    /// it; empty for every other row.
    pub detail: String,
    /// Its figures.
    pub amounts: Vec<Figure>,
}

/// A 类/款/合计 row compared with the sum of the imported rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// Row number of the figure as the sheet shows it (1-based).
    pub row: usize,
    /// Cell of the figure (`表!E5`).
    pub cell: String,
    /// What it is (`合计`, `类 201`…) and which column.
    pub what: String,
    /// The sheet's figure, as the sheet states it.
    pub sheet: Amount,
    /// The sheet's figure in the document's unit.
    pub document: Amount,
    /// Sum of the imported rows it covers, in the document's unit.
    pub sum: Amount,
}

impl Check {
    /// True when the sheet's figure equals the sum.
    pub fn agrees(&self) -> bool {
        self.document.value == self.sum.value
    }

    /// One line for the preview: cell, what, both figures and the verdict
    /// (amounts grouped as [`Figure::describe`] groups them).
    pub fn describe(&self, grouping: bool) -> String {
        let stated = if self.sheet.unit == self.document.unit {
            shown(self.sheet, grouping)
        } else {
            format!(
                "{}（= {}）",
                shown(self.sheet, grouping),
                shown(self.document, grouping)
            )
        };
        format!(
            "{} {}：表中 {}，各行之和 {}，{}",
            self.cell,
            self.what,
            stated,
            shown(self.sum, grouping),
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
    /// The sheet's money unit (a cell's own suffix overrides it).
    pub unit: MoneyUnit,
    /// True when the workbook hides the sheet.
    pub hidden: bool,
    /// Where the unit came from (`A2：单位：元`).
    pub unit_source: String,
    /// Recognised columns.
    pub columns: Vec<ColumnMap>,
    /// Imported rows.
    pub rows: Vec<RowRead>,
    /// Rows skipped: (row number, reason).
    pub skipped: Vec<(usize, String)>,
    /// Of those, the rows that hold figures (no code, or a name the catalog
    /// lacks): the import is saved only once the user accepts leaving them
    /// out.
    pub lost: Vec<usize>,
    /// 类/款/合计 checks.
    pub checks: Vec<Check>,
    /// Remarks (how a choice was made, codes that were summed).
    pub notes: Vec<String>,
    /// The first rows under the header as the sheet shows them: (row number,
    /// one text per entry of `columns`), for a grid of what each column
    /// became.
    pub first_rows: Vec<(usize, Vec<String>)>,
    /// True when the sheet names no 资金来源 and one was assumed: a sheet
    /// that names it wins, and this one is used as a check.
    pub assumed_source: bool,
    /// Why nothing of the sheet can be imported with the column meanings
    /// the preparer chose (two columns with one meaning, no amount column
    /// left): its columns are still listed so the choice can be changed,
    /// and no import goes ahead while it stands.
    pub refused: Option<String>,
}

/// A sheet used only as a check of the imported ones.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedSheet {
    /// Sheet name.
    pub sheet: String,
    /// Why it is not imported and what it is compared with.
    pub why: String,
    /// Its figures against the imported rows' sums.
    pub checks: Vec<Check>,
}

/// A sheet not used whose header was found: its columns, so the preparer
/// can give them the meanings that make it a table to import.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadSheet {
    /// Sheet name.
    pub sheet: String,
    /// Its columns, with the meanings chosen so far.
    pub columns: Vec<ColumnMap>,
    /// Its first rows under the header, as in [`SheetPlan::first_rows`].
    pub first_rows: Vec<(usize, Vec<String>)>,
}

/// Figures that get more decimals in the document than it prints.
#[derive(Clone, Debug, PartialEq)]
pub struct Rounding {
    /// How many figures.
    pub count: usize,
    /// Rounded minus exact, summed over them, in the document's unit.
    pub total: Amount,
    /// True when they are rounded ([`Choices::round_to_cents`]).
    pub applied: bool,
}

/// The preview: everything read, and the document it makes.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Sheets used.
    pub sheets: Vec<SheetPlan>,
    /// Sheets used only as a check of the imported ones.
    pub checked: Vec<CheckedSheet>,
    /// Sheets of the workbook not used, and why.
    pub unused: Vec<(String, String)>,
    /// Of those, the sheets whose header was found, with their columns.
    pub unread: Vec<UnreadSheet>,
    /// Figures finer than the document prints (`None` when there are none).
    pub rounding: Option<Rounding>,
    /// What changes in the document, one line each.
    pub changes: Vec<String>,
    /// The document after the import (the original is untouched).
    pub document: Document,
}

impl Plan {
    /// True when the preview's figures carry thousands separators: where
    /// the document's template prints them ([`Words::grouping`]).
    pub fn grouping(&self) -> bool {
        Words::of(&self.document).grouping
    }

    /// Why sheets cannot be imported with the chosen column meanings, one
    /// line each (`工作表“…”：…`); nothing is imported while there are any.
    pub fn refusals(&self) -> Vec<String> {
        self.sheets
            .iter()
            .filter_map(|p| {
                p.refused
                    .as_ref()
                    .map(|why| format!("工作表“{}”：{why}", p.sheet))
            })
            .collect()
    }

    /// Rows skipped although they hold figures, over all sheets.
    pub fn lost(&self) -> usize {
        self.sheets.iter().map(|s| s.lost.len()).sum()
    }

    /// What the user is asked before such an import is saved.
    pub fn lost_question(&self) -> Option<String> {
        let n = self.lost();
        (n > 0)
            .then(|| format!("有 {n} 行带金额的行没有导入（见“跳过的行”）：这些数不会进入文档。"))
    }

    /// Checks whose figures disagree.
    pub fn disagreements(&self) -> usize {
        self.sheets
            .iter()
            .flat_map(|s| &s.checks)
            .chain(self.checked.iter().flat_map(|s| &s.checks))
            .filter(|c| !c.agrees())
            .count()
    }
}

/// The same code on several rows whose sum a subtotal contradicts: why
/// the import was refused.
#[derive(Debug, thiserror::Error)]
#[error(
    "工作表“{sheet}”中 {code}（{what}）在{rows}重复出现（相加为 {together}），而 {check} 的 {stated} 与各行之和 {sum} 不一致：无法判断重复的行是否都该计入，未导入。请删去重复的行或改正合计/小计后再导入"
)]
pub struct Contradiction {
    /// Sheet.
    pub sheet: String,
    /// The code.
    pub code: String,
    /// The column.
    pub what: String,
    /// `第4行、第5行`.
    pub rows: String,
    /// The duplicated rows added up, document unit.
    pub together: Amount,
    /// All rows under the subtotal added up, document unit.
    pub sum: Amount,
    /// The subtotal's cell and what it is.
    pub check: String,
    /// The subtotal's figure.
    pub stated: Amount,
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
    /// The 明细 sheet does not state its unit (written by an older version).
    #[error(
        "明细表“{0}”没有写明金额单位（旧版 yusuan 导出的明细表在 G1 没有“单位：元”或“单位：万元”），无法确定金额是元还是万元；请指定单位（命令行 --unit 元 或 --unit 万元，或导入对话框中的单位选择）"
    )]
    DetailWithoutUnit(String),
    /// A figure that cannot be put in the document's unit.
    #[error("工作表“{sheet}”单元格 {cell}：{amount} 换算为{unit}后超出金额范围")]
    OutOfRange {
        /// Sheet.
        sheet: String,
        /// Cell.
        cell: String,
        /// The figure as stated.
        amount: Amount,
        /// The document's unit label.
        unit: &'static str,
    },
    /// The same code on several rows whose sum a subtotal contradicts.
    #[error(transparent)]
    DuplicateContradicts(Box<Contradiction>),
    /// Any of the above, in a file: the message names it.
    #[error("{path}：{source}")]
    InFile {
        /// The file.
        path: String,
        /// What is wrong in it.
        source: Box<ImportError>,
    },
}

impl ImportError {
    /// True when the import can go ahead once the user names the unit.
    pub fn needs_unit(&self) -> bool {
        match self {
            ImportError::NoUnit(_) | ImportError::DetailWithoutUnit(_) => true,
            ImportError::InFile { source, .. } => source.needs_unit(),
            _ => false,
        }
    }

    /// True when no sheet is a table we import: column meanings chosen by
    /// the preparer ([`columns_only`]) may make one.
    pub fn nothing_recognised(&self) -> bool {
        match self {
            ImportError::NothingRecognised(_) => true,
            ImportError::InFile { source, .. } => source.nothing_recognised(),
            _ => false,
        }
    }
}

/// Options of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Only this sheet.
    pub sheet: Option<String>,
    /// The unit when the sheet does not state it.
    pub unit: Option<MoneyUnit>,
    /// The preparer's meanings for columns, by header path (the app's
    /// list, the command line's `--column`).
    pub columns: ColumnOverrides,
}

/// What the user chose in the preview (the CLI's `Options` are built in
/// `cli.rs`, so the choices made after a first look live apart).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// Round figures the document would hold with more than 2 decimals to
    /// 2 decimals (四舍五入); the preview says how many and by how much.
    pub round_to_cents: bool,
}

/// What a recogniser needs to know of the import.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    /// The unit when the sheet does not state it.
    pub given: Option<MoneyUnit>,
    /// The unit the workbook's other sheets state, when they all agree, and
    /// where (`工作表“1.2部门支出预算总表”A2 的“单位：元”`): an 一体化 export
    /// leaves it off some sheets.
    pub workbook: Option<(MoneyUnit, String)>,
    /// The document's unit.
    pub doc: MoneyUnit,
    /// The document's year: names without codes are matched against its
    /// catalog.
    pub year: i32,
    /// The preparer's meanings for columns.
    pub columns: ColumnOverrides,
}

impl Ctx {
    /// The unit of sheet `s`'s figures and where it comes from: a `单位：`
    /// line above row `upto`, else the one given for the import, else the
    /// one the workbook's other sheets state; none of them refuses the sheet.
    pub(crate) fn sheet_unit(
        &self,
        s: &sheet::Sheet,
        upto: usize,
    ) -> Result<(MoneyUnit, String), ImportError> {
        match (table::unit(s, upto), self.given, &self.workbook) {
            (Some(u), _, _) => Ok(u),
            (None, Some(u), _) => Ok((u, "导入时指定".into())),
            (None, None, Some((u, from))) => Ok((*u, format!("本表未写单位，按{from}"))),
            (None, None, None) => Err(ImportError::NoUnit(s.name.clone())),
        }
    }

    /// The figure a cell states, in the sheet's unit unless the cell names
    /// its own, and that figure in the document's unit.
    pub(crate) fn figure(
        &self,
        sheet: &sheet::Sheet,
        r: usize,
        c: usize,
        what: String,
        st: Stated,
        sheet_unit: MoneyUnit,
    ) -> Result<Figure, ImportError> {
        let stated = st.in_unit(sheet_unit);
        let cell = sheet::cell_ref(r, c);
        let doc = stated
            .to_unit(self.doc)
            .map_err(|_| ImportError::OutOfRange {
                sheet: sheet.name.clone(),
                cell: cell.clone(),
                amount: stated,
                unit: self.doc.label(),
            })?;
        Ok(Figure {
            what,
            cell,
            sheet: stated,
            document: Amount::of(tidy(doc), self.doc),
        })
    }
}

/// A code (with the same column) on more than one imported row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Duplicate {
    /// The code, or the name where a row has none (三公).
    pub code: String,
    /// The column or part.
    pub what: String,
    /// Its rows, as the sheet numbers them.
    pub rows: Vec<usize>,
    /// Their sum, in the document's unit.
    pub sum: Amount,
}

impl Duplicate {
    /// `第4行、第5行`.
    pub fn rows_text(&self) -> String {
        self.rows
            .iter()
            .map(|r| format!("第{r}行"))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The preview's note.
    pub fn note(&self) -> String {
        format!(
            "{}（{}）在{}重复出现，金额相加为 {} 导入",
            self.code,
            self.what,
            self.rows_text(),
            self.sum
        )
    }
}

/// Codes that stand on more than one row with the same column.
pub(crate) fn duplicates(rows: &[RowRead], unit: MoneyUnit) -> Vec<Duplicate> {
    let mut out: Vec<Duplicate> = Vec::new();
    // (code, column) → its entry: a 20,000-row sheet stays linear.
    let mut at: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for r in rows {
        let code = if r.code.is_empty() { &r.name } else { &r.code };
        for f in &r.amounts {
            let v = f.document.value;
            match at.get(&(code.clone(), f.what.clone())) {
                Some(&i) => {
                    let d = &mut out[i];
                    if !d.rows.contains(&r.row) {
                        d.rows.push(r.row);
                    }
                    d.sum.value += v;
                }
                None => {
                    at.insert((code.clone(), f.what.clone()), out.len());
                    out.push(Duplicate {
                        code: code.clone(),
                        what: f.what.clone(),
                        rows: vec![r.row],
                        sum: Amount::new(v, unit),
                    });
                }
            }
        }
    }
    out.retain(|d| d.rows.len() > 1);
    out
}

/// At least 2 decimals, as amounts are typed (`12.30`), nothing dropped.
fn tidy(m: Money) -> Money {
    let mut v = m.value().normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    Money(v)
}

/// True when `f` is `held` (in the document's unit) as a table prints it:
/// at 2 decimals in the sheet's unit, or in whole 元 where a 元 sheet
/// states a whole number (上海's tables), within what printing moves a
/// figure: half a unit of the last place by rounding, one more by the 尾差
/// rule (which keeps printed rows adding up to their printed 合计). A
/// workbook yusuan printed in 万元 from a document entered in 元 to the 分
/// then imports back without its rows' exact amounts (projects, 政府采购, 政府购买服务) replaced by the
/// printed ones; the price is that an edit of one unit in the last printed
/// place (0.01 万元) is not read as a change.
pub(crate) fn states(f: &Figure, held: Money) -> bool {
    let Ok(in_sheet) = Amount::of(held, f.document.unit).to_unit(f.sheet.unit) else {
        return false;
    };
    let gap = (in_sheet.value() - f.sheet.value).abs();
    let within = |place: Decimal| gap <= place * Decimal::new(15, 1);
    within(Decimal::new(1, 2))
        || (f.sheet.unit == MoneyUnit::Yuan
            && f.sheet.value.fract().is_zero()
            && within(Decimal::ONE))
}

/// The value a figure is stored as: exact, or rounded to 2 decimals.
pub(crate) fn stored(f: &Figure, round: bool) -> Money {
    let m = Money(f.document.value);
    if round {
        Money(crate::money::round_dp(m.value(), 2))
    } else {
        m
    }
}

/// Reads `wb` against `doc` and builds the preview and the new document
/// (figures kept exact).
pub fn plan(wb: &Workbook, doc: &Document, opts: &Options) -> Result<Plan, ImportError> {
    plan_with(wb, doc, opts, Choices::default())
}

/// [`plan`] with the preview's choices.
pub fn plan_with(
    wb: &Workbook,
    doc: &Document,
    opts: &Options,
    choices: Choices,
) -> Result<Plan, ImportError> {
    let ctx = Ctx {
        given: opts.unit,
        workbook: workbook_unit(wb),
        doc: doc.meta.unit,
        year: doc.meta.year,
        columns: opts.columns.clone(),
    };
    let mut checked = Vec::new();
    let mut sheets: Vec<SheetPlan> = Vec::new();
    let mut unused: Vec<(String, String)> = Vec::new();
    let mut unread: Vec<UnreadSheet> = Vec::new();
    let hidden = |s: &sheet::Sheet| {
        if s.hidden {
            "（隐藏的工作表）"
        } else {
            ""
        }
    };
    if let Some(name) = &opts.sheet {
        let s = wb
            .sheet(name)
            .ok_or_else(|| ImportError::NoSuchSheet(name.clone()))?;
        let p = match detail::recognise(s, &ctx)? {
            Some(p) => p,
            None => match other_tables(s, &ctx)? {
                Some(p) => p,
                None => table::recognise(s, &ctx)?
                    .ok_or_else(|| ImportError::NoHeader(s.name.clone()))?,
            },
        };
        sheets.push(p);
        for o in wb.sheets.iter().filter(|o| o.name != *name) {
            unused.push((
                o.name.clone(),
                format!("只导入指定的工作表“{name}”{}", hidden(o)),
            ));
        }
    } else if let Some(p) = wb
        .sheets
        .iter()
        .find(|s| s.name == crate::detail_sheet::DETAIL_SHEET)
        .map(|s| detail::recognise(s, &ctx))
        .transpose()?
        .flatten()
    {
        let detail_name = p.sheet.clone();
        sheets.push(p);
        // The 明细 holds every figure of the tables but not the 政府采购
        // and 政府购买服务 rows nor the projects: their own tables carry them.
        for o in wb.sheets.iter().filter(|o| o.name != detail_name) {
            match other_tables(o, &ctx)? {
                Some(p) => sheets.push(p),
                None => unused.push((
                    o.name.clone(),
                    format!("有明细表时只导入明细表（其余各表由它生成）{}", hidden(o)),
                )),
            }
        }
        ambiguous(&sheets)?;
    } else {
        for s in &wb.sheets {
            if let Some(p) = other_tables(s, &ctx)? {
                sheets.push(p);
                continue;
            }
            match table::recognise(s, &ctx)? {
                Some(p) => sheets.push(p),
                None => {
                    unused.push((
                        s.name.clone(),
                        format!("{}{}", table::why_not(s), hidden(s)),
                    ));
                    if let Some((columns, first_rows)) = table::columns_of(s, &ctx) {
                        unread.push(UnreadSheet {
                            sheet: s.name.clone(),
                            columns,
                            first_rows,
                        });
                    }
                }
            }
        }
        // A sheet that only assumes its 资金来源 (a 部门支出预算总表 over all
        // sources) gives way to one that names it, and checks the imported.
        let named: Vec<Target> = sheets
            .iter()
            .filter(|p| !p.assumed_source)
            .map(|p| p.target)
            .collect();
        let (keep, demoted): (Vec<SheetPlan>, Vec<SheetPlan>) = sheets.into_iter().partition(|p| {
            !(p.assumed_source && named.iter().any(|t| matches!(t, Target::Budget(_))))
        });
        sheets = keep;
        ambiguous(&sheets)?;
        for d in demoted {
            checked.push(check_against(&d, &sheets, ctx.doc));
        }
        if sheets.is_empty() {
            let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
            return Err(ImportError::NothingRecognised(names.join("、")));
        }
    }
    let rounding = rounding(&sheets, ctx.doc, choices.round_to_cents);
    let mut document = doc.clone();
    let mut changes = Vec::new();
    // A sheet refused for its column meanings changes nothing.
    for p in sheets.iter().filter(|p| p.refused.is_none()) {
        apply(p, &mut document, &mut changes, choices.round_to_cents);
    }
    if changes.is_empty() {
        changes.push("文件中的数与文档相同，没有变化".into());
    }
    Ok(Plan {
        sheets,
        checked,
        unused,
        unread,
        rounding,
        changes,
        document,
    })
}

/// The tables with one row per item rather than per 科目: 政府采购,
/// 政府购买服务 (told by their 采购类型 / 指导性目录 column), then a
/// 项目支出表.
fn other_tables(s: &sheet::Sheet, ctx: &Ctx) -> Result<Option<SheetPlan>, ImportError> {
    match purchases::recognise(s, ctx)? {
        Some(p) => Ok(Some(p)),
        None => projects::recognise(s, ctx),
    }
}

/// Refuses two sheets that feed the same part.
fn ambiguous(sheets: &[SheetPlan]) -> Result<(), ImportError> {
    for (i, p) in sheets.iter().enumerate() {
        if let Some(other) = sheets[..i].iter().find(|o| o.target == p.target) {
            return Err(ImportError::Ambiguous(
                other.sheet.clone(),
                p.sheet.clone(),
                p.target.label(),
            ));
        }
    }
    Ok(())
}

/// The unit the sheets of `wb` state, when every sheet that states one
/// states the same, with where the first says it.
fn workbook_unit(wb: &Workbook) -> Option<(MoneyUnit, String)> {
    let mut found: Option<(MoneyUnit, String)> = None;
    for s in &wb.sheets {
        if let Some((u, at)) = table::unit(s, 12) {
            match &found {
                None => found = Some((u, format!("工作表“{}”{at}", s.name))),
                Some((f, _)) if *f != u => return None,
                Some(_) => {}
            }
        }
    }
    found
}

/// A 收支预算 sheet whose 资金来源 is only assumed, compared code by code
/// with the sum of the imported 收支预算 sheets.
fn check_against(d: &SheetPlan, imported: &[SheetPlan], unit: MoneyUnit) -> CheckedSheet {
    let budget: Vec<&SheetPlan> = imported
        .iter()
        .filter(|p| matches!(p.target, Target::Budget(_)))
        .collect();
    let names: Vec<String> = budget.iter().map(|p| format!("“{}”", p.sheet)).collect();
    let mut checks: Vec<Check> = d.checks.clone();
    for c in &mut checks {
        // Its subtotals were checked against its own rows; now against the
        // imported sheets' rows.
        let key = c.what.clone();
        let sum: rust_decimal::Decimal = budget
            .iter()
            .flat_map(|p| &p.rows)
            .flat_map(|r| r.amounts.iter().map(move |f| (r, f)))
            .filter(|(r, f)| covers(&key, &r.code, &f.what))
            .map(|(_, f)| f.document.value)
            .sum();
        c.sum = Amount::new(sum, unit);
    }
    let mut by_code: std::collections::HashMap<(&str, &str), rust_decimal::Decimal> =
        std::collections::HashMap::new();
    for o in budget.iter().flat_map(|p| &p.rows) {
        for f in &o.amounts {
            *by_code.entry((&o.code, &f.what)).or_default() += f.document.value;
        }
    }
    for r in &d.rows {
        for f in &r.amounts {
            let sum = by_code
                .get(&(r.code.as_str(), f.what.as_str()))
                .copied()
                .unwrap_or_default();
            checks.push(Check {
                row: r.row,
                cell: format!("{}!{}", d.sheet, f.cell),
                what: format!("{} {}（{}）", r.code, r.name, f.what),
                sheet: f.sheet,
                document: f.document,
                sum: Amount::new(sum, unit),
            });
        }
    }
    CheckedSheet {
        sheet: d.sheet.clone(),
        why: format!(
            "表中未分资金来源（各来源合计），不导入；仅用于核对导入的{}",
            names.join("、")
        ),
        checks,
    }
}

/// True when the check `what` (`合计（基本支出）`, `类 201（项目支出）`)
/// covers the figure `column` of the row with `code`.
fn covers(what: &str, code: &str, column: &str) -> bool {
    let Some(head) = what.strip_suffix(&format!("（{column}）")) else {
        return false;
    };
    head == "合计"
        || head
            .strip_prefix("类 ")
            .or_else(|| head.strip_prefix("款 "))
            .is_some_and(|p| code.starts_with(p))
}

/// Figures with more than 2 decimals in the document's unit.
fn rounding(sheets: &[SheetPlan], unit: MoneyUnit, applied: bool) -> Option<Rounding> {
    let mut count = 0;
    let mut total = rust_decimal::Decimal::ZERO;
    for f in sheets.iter().flat_map(|p| &p.rows).flat_map(|r| &r.amounts) {
        let v = f.document.value;
        if v.normalize().scale() > 2 {
            count += 1;
            total += crate::money::round_dp(v, 2) - v;
        }
    }
    (count > 0).then(|| Rounding {
        count,
        total: Amount::new(total.normalize(), unit),
        applied,
    })
}

/// The budget line for `code`, added (with `name`) when missing; `at`
/// indexes the document's lines by code.
fn line<'a>(
    doc: &'a mut Document,
    at: &mut std::collections::HashMap<String, usize>,
    code: &str,
    name: &str,
) -> &'a mut BudgetLine {
    let i = match at.get(code) {
        Some(&i) => i,
        None => {
            doc.budget_lines.push(BudgetLine {
                code: crate::model::FunctionCode::new(code),
                name: name.to_string(),
                ..Default::default()
            });
            at.insert(code.to_string(), doc.budget_lines.len() - 1);
            doc.budget_lines.len() - 1
        }
    };
    &mut doc.budget_lines[i]
}

fn apply(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>, round: bool) {
    let unit = doc.meta.unit;
    match p.target {
        Target::Detail => detail::apply(p, doc, changes, round),
        Target::Economic => detail::apply_economic(p, doc, changes, round),
        Target::ThreePublic => detail::apply_three_public(p, doc, changes, round),
        Target::Procurement | Target::PurchasedServices => purchases::apply(p, doc, changes, round),
        Target::Projects => projects::apply(p, doc, changes, round),
        Target::Budget(source) => {
            let kinds: Vec<SpendingKind> = SpendingKind::ALL
                .into_iter()
                .filter(|k| {
                    p.rows
                        .iter()
                        .any(|r| r.amounts.iter().any(|a| a.what == k.label()))
                })
                .collect();
            let before = doc.budget_lines.clone();
            // The sheet states this source's figures in full: others go.
            for l in &mut doc.budget_lines {
                for k in &kinds {
                    l.set_amount(source, *k, Money::default());
                }
            }
            let mut at: std::collections::HashMap<String, usize> = doc
                .budget_lines
                .iter()
                .enumerate()
                .map(|(i, l)| (l.code.as_str().to_string(), i))
                .collect();
            for r in &p.rows {
                let l = line(doc, &mut at, &r.code, &r.name);
                for f in &r.amounts {
                    if let Some(k) = kinds.iter().find(|k| k.label() == f.what) {
                        // A code on two rows: their figures add up.
                        let sum = l.amount(source, *k) + stored(f, round);
                        l.set_amount(source, *k, sum);
                    }
                }
            }
            let had: std::collections::HashSet<&str> =
                before.iter().map(|b| b.code.as_str()).collect();
            doc.budget_lines
                .retain(|l| !l.amounts.is_empty() || had.contains(l.code.as_str()));
            doc.budget_lines
                .sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
            let grouping = Words::of(doc).grouping;
            describe_lines(&before, &doc.budget_lines, unit, grouping, changes);
        }
    }
}

/// One change line per 功能科目 added, changed or cleared.
pub(crate) fn describe_lines(
    before: &[BudgetLine],
    after: &[BudgetLine],
    unit: MoneyUnit,
    grouping: bool,
    out: &mut Vec<String>,
) {
    for l in after {
        match before.iter().find(|b| b.code == l.code) {
            None => out.push(format!("新增 {} {}", l.code.as_str(), l.name)),
            Some(b) if b.amounts != l.amounts || b.name != l.name || b.prior != l.prior => {
                let total = |x: &BudgetLine| x.amounts.values().copied().sum::<Money>();
                let name = if b.name == l.name {
                    l.name.clone()
                } else {
                    format!("{}（原名称“{}”）", l.name, b.name)
                };
                out.push(format!(
                    "替换 {} {}：{} → {}",
                    l.code.as_str(),
                    name,
                    shown(Amount::of(total(b), unit), grouping),
                    shown(Amount::of(total(l), unit), grouping)
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
    let grouping = plan.grouping();
    for p in &plan.sheets {
        let _ = writeln!(o, "工作表“{}” → {}", p.sheet, p.target.label());
        if p.hidden {
            let _ = writeln!(o, "  注意：这是隐藏的工作表（在 Excel 中看不到）");
        }
        let _ = writeln!(o, "  金额单位：{}（{}）", p.unit.label(), p.unit_source);
        for n in &p.notes {
            let _ = writeln!(o, "  说明：{n}");
        }
        let _ = writeln!(o, "  识别的列：");
        for c in &p.columns {
            let was = match c.chosen {
                Some(_) if c.recognised == ColumnMeaning::Ignore => "（按所选；原未识别）".into(),
                Some(_) => format!("（按所选；原识别为 {}）", c.recognised.label()),
                None => String::new(),
            };
            let _ = writeln!(o, "    {} {} → {}{was}", c.cell, c.header, c.meaning);
        }
        if let Some(why) = &p.refused {
            let _ = writeln!(o, "  未导入：{why}");
        }
        let _ = writeln!(o, "  导入的行（{} 行）：", p.rows.len());
        for r in &p.rows {
            let amounts: Vec<String> = r
                .amounts
                .iter()
                .map(|f| format!("{} {}", f.what, f.describe(grouping)))
                .collect();
            let detail = if r.detail.is_empty() {
                String::new()
            } else {
                format!("（{}）", r.detail)
            };
            let _ = writeln!(
                o,
                "    第{}行 {} {}{detail}：{}",
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
            let _ = writeln!(o, "  核对（表中数 与 导入各行之和）：");
            for c in &p.checks {
                let _ = writeln!(o, "    {}", c.describe(grouping));
            }
        }
    }
    for c in &plan.checked {
        let _ = writeln!(o, "工作表“{}” → 仅作核对：{}", c.sheet, c.why);
        let agree = c.checks.iter().filter(|k| k.agrees()).count();
        let _ = writeln!(o, "  {} 处一致，{} 处不一致", agree, c.checks.len() - agree);
        for k in c.checks.iter().filter(|k| !k.agrees()) {
            let _ = writeln!(o, "    {}", k.describe(grouping));
        }
    }
    if let Some(r) = &plan.rounding {
        let _ = writeln!(o, "{}", rounding_line(r));
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
    for line in account(plan) {
        let _ = writeln!(o, "{line}");
    }
    for r in plan.refusals() {
        let _ = writeln!(o, "无法导入：{r}");
    }
    o
}

/// The account's first line: rows read, used, checked and skipped.
pub fn account_summary(plan: &Plan) -> String {
    let used: usize = plan.sheets.iter().map(|p| p.rows.len()).sum();
    let skipped: usize = plan.sheets.iter().map(|p| p.skipped.len()).sum();
    let checked: usize = plan
        .sheets
        .iter()
        .map(|p| {
            let mut rows: Vec<usize> = p.checks.iter().map(|c| c.row).collect();
            rows.sort_unstable();
            rows.dedup();
            rows.len()
        })
        .sum();
    format!(
        "合计：读取 {} 行，导入 {used} 行，作为合计/小计核对 {checked} 行，跳过 {skipped} 行；仅作核对的工作表 {} 个，未使用的工作表 {} 个",
        used + skipped + checked,
        plan.checked.len(),
        plan.unused.len()
    )
}

/// What the preview says of figures finer than the document prints.
pub fn rounding_line(r: &Rounding) -> String {
    if r.applied {
        format!(
            "已四舍五入到 2 位小数：{} 个数，合计调整 {}",
            r.count, r.total
        )
    } else {
        format!(
            "注意：{} 个数换算后超过文档的 2 位小数（保存后检查会报错 A01）；可选择四舍五入到 2 位小数，合计将调整 {}",
            r.count, r.total
        )
    }
}

/// The closing account: rows read, used, checked and skipped, and the
/// sheets not used, each with its reason.
pub fn account(plan: &Plan) -> Vec<String> {
    let mut out = vec![account_summary(plan)];
    for p in &plan.sheets {
        for (r, why) in &p.skipped {
            out.push(format!("  跳过 “{}” 第{r}行：{why}", p.sheet));
        }
    }
    for c in &plan.checked {
        out.push(format!("  “{}”：仅作核对（{}）", c.sheet, c.why));
    }
    if !plan.unused.is_empty() {
        out.push(format!("未使用的工作表（{} 个）：", plan.unused.len()));
        for (name, why) in &plan.unused {
            out.push(format!("  “{name}”：{why}"));
        }
    }
    out
}

/// Reads `source` and plans the import into `doc`.
pub fn plan_file(source: &Path, doc: &Document, opts: &Options) -> Result<Plan, ImportError> {
    plan_file_with(source, doc, opts, Choices::default())
}

/// [`plan_file`] with the preview's choices.
pub fn plan_file_with(
    source: &Path,
    doc: &Document,
    opts: &Options,
    choices: Choices,
) -> Result<Plan, ImportError> {
    // A reader error names the file itself; what the sheets hold does not.
    let wb = sheet::read(source)?;
    plan_with(&wb, doc, opts, choices).map_err(|e| ImportError::InFile {
        path: source.display().to_string(),
        source: Box::new(e),
    })
}

/// A workbook none of whose sheets is a table we import, as a plan that
/// imports nothing and lists every sheet as not used, with the columns of
/// those whose header was found ([`Plan::unread`]): the preview of
/// [`ImportError::NothingRecognised`], where the preparer can give columns
/// their meanings.
pub fn columns_only(source: &Path, doc: &Document, opts: &Options) -> Result<Plan, ImportError> {
    let wb = sheet::read(source)?;
    let ctx = Ctx {
        given: opts.unit,
        workbook: workbook_unit(&wb),
        doc: doc.meta.unit,
        year: doc.meta.year,
        columns: opts.columns.clone(),
    };
    let mut unused = Vec::new();
    let mut unread = Vec::new();
    for s in &wb.sheets {
        unused.push((s.name.clone(), table::why_not(s)));
        if let Some((columns, first_rows)) = table::columns_of(s, &ctx) {
            unread.push(UnreadSheet {
                sheet: s.name.clone(),
                columns,
                first_rows,
            });
        }
    }
    Ok(Plan {
        sheets: Vec::new(),
        checked: Vec::new(),
        unused,
        unread,
        rounding: None,
        changes: Vec::new(),
        document: doc.clone(),
    })
}

/// `--unit` text to a unit.
pub fn parse_unit(s: &str) -> Result<MoneyUnit, String> {
    match s.trim() {
        "元" | "yuan" => Ok(MoneyUnit::Yuan),
        "万元" | "wan" => Ok(MoneyUnit::WanYuan),
        _ => Err("单位只能是 元 或 万元".into()),
    }
}
