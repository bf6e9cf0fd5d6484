//! Edits: the only way the app changes a document. Widgets return an
//! [`Edit`] during the frame; the app applies them once at the frame's end and
//! records one undo step per edit (a pasted block or an added row is one
//! edit). Cells are addressed by the core's [`Location`], the same address
//! findings carry.

use crate::comments::{Comment, Reply};
use crate::location::{Field, FieldName, GoalTerm, IndicatorColumn, Location, Sheet};
use crate::model::{
    AdminLevel, AmountKey, BudgetLine, BudgetUnit, CostBucket, Document, EconomicCode,
    EconomicLine, FunctionCode, GlossaryEntry, Goal, Indicator, IndicatorValue, Level1,
    ProcurementItem, ProcurementKind, Project, ProjectAttribute, ProjectIndicator,
    PurchasedService, SpendingKind, StaffKind, UnitKind,
};
use crate::money::Money;

/// A value for one cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An amount.
    Money(Money),
    /// Text (names, long texts, codes).
    Text(String),
    /// A count (people, vehicles) or a year.
    Number(i64),
    /// 一级指标.
    Level1(Option<Level1>),
    /// 人员经费 / 公用经费.
    Bucket(CostBucket),
    /// Kind of a 预算单位.
    UnitKind(UnitKind),
    /// Level of government.
    Admin(AdminLevel),
    /// Template edition.
    Template(crate::template::Template),
    /// Unit the amounts are entered in (relabels; figures are not converted).
    Unit(crate::model::MoneyUnit),
    /// Unit the tables print in (`None` = as entered).
    PrintUnit(Option<crate::model::MoneyUnit>),
    /// 部门 or 单位 document.
    Entity(crate::model::Entity),
    /// 项目属性.
    Attribute(ProjectAttribute),
    /// 采购类型 of a 政府采购 row.
    PurchaseKind(ProcurementKind),
}

/// A list in the document that rows can be added to or removed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// 部门主要职能 paragraphs.
    Functions,
    /// 预算单位构成.
    Units,
    /// 收支预算 rows.
    BudgetLines,
    /// 基本支出 经济科目 rows.
    EconomicLines,
    /// Projects.
    Projects,
    /// A project's indicators.
    ProjectIndicators(usize),
    /// 附件3 部门职能概述 paragraphs.
    FunctionsSummary,
    /// 附件3 年度工作任务.
    Tasks,
    /// 附件3 goals.
    Goals(GoalTerm),
    /// 附件3 indicators of one goal.
    GoalIndicators(GoalTerm, usize),
    /// 名词解释 entries.
    Glossary,
    /// 政府采购 rows.
    Procurement,
    /// 政府购买服务 rows.
    PurchasedServices,
    /// 财政拨款 split rows (功能科目 × 经济科目).
    FiscalByEconomic,
}

impl List {
    /// The sheet the list is edited on.
    pub fn sheet(self) -> Sheet {
        match self {
            List::Functions | List::Units => Sheet::Overview,
            List::BudgetLines => Sheet::Budget,
            List::EconomicLines => Sheet::Economic,
            // A removed project's page is gone: its neighbour shows.
            List::Projects => Sheet::Project(0),
            List::ProjectIndicators(i) => Sheet::Project(i),
            List::FunctionsSummary | List::Tasks | List::Goals(_) | List::GoalIndicators(..) => {
                Sheet::Performance
            }
            List::Glossary => Sheet::Glossary,
            List::Procurement => Sheet::Procurement,
            List::PurchasedServices => Sheet::PurchasedServices,
            List::FiscalByEconomic => Sheet::FiscalByEconomic,
        }
    }
}

/// One change to the document, recorded as one undo step.
#[must_use = "an edit does nothing until the app applies it"]
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets one or more cells (a typed value, or a pasted block).
    Set(Vec<(Location, Value)>),
    /// Adds a 收支预算 row for a 功能科目 picked from the catalog.
    AddBudgetLine(FunctionCode, String),
    /// Adds an 经济科目 row picked from the catalog.
    AddEconomicLine(EconomicCode, String, CostBucket),
    /// Appends an empty row to a list.
    Push(List),
    /// Removes row `.1` of a list.
    Remove(List, usize),
    /// Replaces the whole document (an Excel import: one step).
    Replace(Box<Document>, String),
    /// Adds a 审阅意见 (allowed in 审阅 mode: it changes no figure).
    AddComment(Box<Comment>),
    /// Marks comment `index` resolved with the 填报人's reply.
    ResolveComment(usize, Reply),
}

impl Edit {
    /// Short Chinese description, for the undo/redo tooltips.
    pub fn label(&self) -> String {
        match self {
            Edit::Set(cells) if cells.len() == 1 => format!("修改{}", cells[0].0.sheet.label()),
            Edit::Set(cells) => format!("粘贴 {} 个单元格", cells.len()),
            Edit::AddBudgetLine(code, _) => format!("新增科目 {code}"),
            Edit::AddEconomicLine(code, _, _) => format!("新增经济科目 {code}"),
            Edit::Push(List::Projects) => "新增项目".into(),
            Edit::Push(_) => "新增行".into(),
            Edit::Remove(List::Projects, _) => "删除项目".into(),
            Edit::Remove(_, _) => "删除行".into(),
            Edit::Replace(_, label) => label.clone(),
            Edit::AddComment(_) => "添加审阅意见".into(),
            Edit::ResolveComment(..) => "处理审阅意见".into(),
        }
    }

    /// True for edits of the review part only (comments and replies), which
    /// a reviewer may make in 审阅 mode.
    pub(crate) fn is_comment(&self) -> bool {
        matches!(self, Edit::AddComment(_) | Edit::ResolveComment(..))
    }

    /// True for edits that add, remove or reorder rows, after which a
    /// position may name another row than before.
    pub(crate) fn moves_rows(&self) -> bool {
        !matches!(
            self,
            Edit::Set(_) | Edit::AddComment(_) | Edit::ResolveComment(..)
        )
    }

    /// Where the edit happens: the first cell it sets, or the sheet whose
    /// rows it adds or removes (an undone row no longer exists to point at).
    pub fn location(&self) -> Option<Location> {
        match self {
            Edit::Set(cells) => cells.first().map(|(l, _)| *l),
            Edit::AddBudgetLine(..) => Some(Location::sheet(Sheet::Budget)),
            Edit::AddEconomicLine(..) => Some(Location::sheet(Sheet::Economic)),
            Edit::Push(list) | Edit::Remove(list, _) => Some(Location::sheet(list.sheet())),
            // An import changes many sheets: the figures' sheet shows it.
            Edit::Replace(..) => Some(Location::sheet(Sheet::Budget)),
            // The comment's place is by identity; the app finds its cell.
            Edit::AddComment(_) => None,
            // The comment's place is in the document, not in the edit.
            Edit::ResolveComment(..) => None,
        }
    }

    /// Applies the edit. Returns an error (Chinese, for the status bar) when
    /// the edit no longer fits the document, e.g. a row that was removed.
    pub fn apply(self, doc: &mut Document) -> Result<(), String> {
        match self {
            Edit::Set(cells) => {
                for (loc, value) in cells {
                    set(doc, loc, value)?;
                }
                Ok(())
            }
            Edit::AddBudgetLine(code, name) => {
                doc.budget_lines.push(BudgetLine {
                    code,
                    name,
                    ..Default::default()
                });
                Ok(())
            }
            Edit::AddEconomicLine(code, name, bucket) => {
                doc.basic_by_economic.push(EconomicLine {
                    code,
                    name,
                    bucket,
                    amount: Money::ZERO,
                    prior: None,
                });
                Ok(())
            }
            Edit::Push(list) => push(doc, list),
            Edit::Remove(list, i) => remove(doc, list, i),
            Edit::Replace(new, _) => {
                // An import's projects without a 项目编码 get one now, as
                // a loaded file's do.
                *doc = crate::comments::identified(&new).into_owned();
                Ok(())
            }
            Edit::AddComment(c) => {
                if c.text.is_empty() {
                    return Err("审阅意见不能为空".into());
                }
                doc.review.comments.push(*c);
                Ok(())
            }
            Edit::ResolveComment(i, reply) => {
                let c = doc
                    .review
                    .comments
                    .get_mut(i)
                    .ok_or_else(|| "该审阅意见已不存在".to_string())?;
                c.resolved = true;
                if !reply.text.is_empty() {
                    c.replies.push(reply);
                }
                Ok(())
            }
        }
    }
}

fn gone() -> String {
    "该行已不存在".into()
}

fn wrong(loc: Location) -> String {
    format!("无法修改“{}”中的该单元格", loc.sheet.label())
}

fn text(v: Value, loc: Location) -> Result<String, String> {
    match v {
        Value::Text(s) => Ok(s),
        _ => Err(wrong(loc)),
    }
}

fn money(v: Value, loc: Location) -> Result<Money, String> {
    match v {
        Value::Money(m) => Ok(m),
        _ => Err(wrong(loc)),
    }
}

fn count(v: Value, loc: Location) -> Result<u32, String> {
    match v {
        Value::Number(n) => u32::try_from(n).map_err(|_| "人数、车辆数不能为负".to_string()),
        _ => Err(wrong(loc)),
    }
}

fn set_count(list: &mut Vec<(StaffKind, u32)>, kind: StaffKind, n: u32) {
    match list.iter_mut().find(|(k, _)| *k == kind) {
        Some(entry) => entry.1 = n,
        None => list.push((kind, n)),
    }
}

/// The row index of a location, or an error when it has none.
fn row(loc: Location) -> Result<usize, String> {
    loc.row.ok_or_else(|| wrong(loc))
}

fn at<T>(v: &mut [T], i: usize) -> Result<&mut T, String> {
    v.get_mut(i).ok_or_else(gone)
}

/// The staff kind a 人员构成 row stands for.
pub(crate) fn staff_kind(row: usize) -> Option<StaffKind> {
    StaffKind::ALL.get(row).copied()
}

/// The money field a cell edits, as the model names it: amounts are set
/// through [`Document::set_amount_at`], the model's one list of them.
fn amount_key(loc: Location, field: Field) -> Option<AmountKey> {
    use crate::model::{PriorYearItem as Y, ProcurementKind as P};
    let key = match (loc.sheet, field, loc.row) {
        (Sheet::Budget, Field::Amount(s, k), Some(r)) => AmountKey::Budget(r, s, k),
        (Sheet::Budget, Field::PriorAmount(s, k), Some(r)) => AmountKey::BudgetPrior(r, s, k),
        (Sheet::Economic, Field::Value, Some(r)) => AmountKey::Economic(r),
        (Sheet::Economic, Field::PriorValue, Some(r)) => AmountKey::EconomicPrior(r),
        (Sheet::Procurement, Field::Value, Some(r)) => AmountKey::ProcurementItem(r),
        (Sheet::PurchasedServices, Field::Value, Some(r)) => AmountKey::PurchasedService(r),
        (Sheet::FiscalByEconomic, Field::Part(k), Some(r)) => AmountKey::Cross(r, k),
        (Sheet::ThreePublic, Field::Named(name), _) => match name.three_public_item()? {
            (item, false) => AmountKey::ThreePublic(item),
            (item, true) => AmountKey::GovFundThreePublic(item),
        },
        (Sheet::Project(p), Field::Amount(s, SpendingKind::Project), _) => AmountKey::Project(p, s),
        (Sheet::Performance, Field::Named(name), Some(r)) => AmountKey::PriorYear(
            r,
            match name {
                FieldName::IncomeFiscal => Y::IncomeFiscal,
                FieldName::IncomeOther => Y::IncomeOther,
                FieldName::SpendingBasic => Y::SpendingBasic,
                FieldName::SpendingProject => Y::SpendingProject,
                _ => return None,
            },
        ),
        (Sheet::Other, Field::Named(name), _) => match name {
            FieldName::PriorYearTotal => AmountKey::PriorYearTotal,
            FieldName::ProcurementGoods => AmountKey::Procurement(P::Goods),
            FieldName::ProcurementWorks => AmountKey::Procurement(P::Works),
            FieldName::ProcurementServices => AmountKey::Procurement(P::Services),
            _ => return None,
        },
        _ => return None,
    };
    Some(key)
}

fn set(doc: &mut Document, loc: Location, v: Value) -> Result<(), String> {
    let field = loc.field.ok_or_else(|| wrong(loc))?;
    if let Some(key) = amount_key(loc, field) {
        let m = money(v, loc)?;
        return if doc.set_amount_at(key, m) {
            Ok(())
        } else {
            Err(gone())
        };
    }
    match (loc.sheet, field) {
        (Sheet::Meta, Field::Named(name)) => {
            if let (FieldName::Template, Value::Template(t)) = (name, &v) {
                crate::start::switch_template(doc, t);
                return Ok(());
            }
            let m = &mut doc.meta;
            match (name, v) {
                (FieldName::Year, Value::Number(n)) => {
                    let old = m.year;
                    m.year = i32::try_from(n).map_err(|_| wrong(loc))?;
                    let year = m.year;
                    // 附件3's 近两年 rows follow the year while they are still
                    // empty; rows with figures keep their year (Y02 asks).
                    for (i, p) in (1..).zip(doc.performance.prior_years.iter_mut()) {
                        if p.year == old - i && p.is_empty() {
                            p.year = year - i;
                        }
                    }
                }
                (FieldName::AdminLevel, Value::Admin(a)) => m.admin_level = a,
                (FieldName::Unit, Value::Unit(u)) => m.unit = u,
                (FieldName::PrintUnit, Value::PrintUnit(u)) => m.print_unit = u,
                (FieldName::Entity, Value::Entity(e)) => m.entity = e,
                (name, v) => {
                    let s = text(v, loc)?;
                    match name {
                        FieldName::DeptName => m.dept_name = s,
                        FieldName::DeptFullName => m.dept_full_name = s,
                        FieldName::DeptCode => m.dept_code = s,
                        FieldName::Preparer => m.preparer = s,
                        FieldName::Phone => m.phone = s,
                        _ => return Err(wrong(loc)),
                    }
                }
            }
        }
        (Sheet::Overview, Field::Named(FieldName::Functions)) => {
            *at(&mut doc.overview.functions, row(loc)?)? = text(v, loc)?;
        }
        (Sheet::Overview, Field::Named(FieldName::UnitName)) => {
            at(&mut doc.overview.units, row(loc)?)?.name = text(v, loc)?;
        }
        (Sheet::Overview, Field::Named(FieldName::UnitKind)) => match v {
            Value::UnitKind(k) => at(&mut doc.overview.units, row(loc)?)?.kind = k,
            _ => return Err(wrong(loc)),
        },
        (Sheet::Overview, Field::Named(name @ (FieldName::Authorized | FieldName::Actual))) => {
            let kind = staff_kind(row(loc)?).ok_or_else(gone)?;
            let n = count(v, loc)?;
            let s = &mut doc.overview.staffing;
            set_count(
                if name == FieldName::Authorized {
                    &mut s.authorized
                } else {
                    &mut s.actual
                },
                kind,
                n,
            );
        }
        (Sheet::Overview, Field::Named(FieldName::Retired)) => {
            doc.overview.staffing.retired = count(v, loc)?;
        }
        (Sheet::Budget, f) => {
            let line = at(&mut doc.budget_lines, row(loc)?)?;
            match f {
                Field::Code => line.code = FunctionCode::new(text(v, loc)?.trim()),
                Field::Name => line.name = text(v, loc)?,
                _ => return Err(wrong(loc)),
            }
        }
        (Sheet::Economic, f) => {
            let line = at(&mut doc.basic_by_economic, row(loc)?)?;
            match (f, v) {
                (Field::Code, v) => line.code = EconomicCode::new(text(v, loc)?.trim()),
                (Field::Name, v) => line.name = text(v, loc)?,
                (Field::Bucket, Value::Bucket(b)) => line.bucket = b,
                _ => return Err(wrong(loc)),
            }
        }
        (Sheet::Procurement, f) => {
            let item = at(&mut doc.procurement, row(loc)?)?;
            match (f, v) {
                (Field::Code, v) => item.code = FunctionCode::new(text(v, loc)?.trim()),
                (Field::Name, v) => item.name = text(v, loc)?,
                (Field::PurchaseKind, Value::PurchaseKind(k)) => item.kind = k,
                // Typed or pasted: 货物 / 工程 / 服务 (or 货物类 …).
                (Field::PurchaseKind, Value::Text(t)) => {
                    item.kind = ProcurementKind::parse(&t)
                        .ok_or_else(|| format!("采购类型“{}”应为 货物、工程 或 服务", t.trim()))?;
                }
                _ => return Err(wrong(loc)),
            }
        }
        (Sheet::FiscalByEconomic, f) => {
            let r = at(&mut doc.fiscal_by_economic, row(loc)?)?;
            let s = text(v, loc)?;
            match f {
                Field::Code => r.code = FunctionCode::new(s.trim()),
                Field::EconomicCode => r.economic_code = EconomicCode::new(s.trim()),
                _ => return Err(wrong(loc)),
            }
        }
        (Sheet::PurchasedServices, f) => {
            let item = at(&mut doc.purchased_services, row(loc)?)?;
            let s = text(v, loc)?;
            match f {
                Field::Code => item.code = FunctionCode::new(s.trim()),
                Field::Name => item.name = s,
                Field::Category => item.category = s,
                _ => return Err(wrong(loc)),
            }
        }
        (Sheet::Project(p), Field::Indicator { goal: None, column }) => {
            let project = at(&mut doc.projects, p)?;
            let ind = at(&mut project.indicators, row(loc)?)?;
            set_indicator(ind, column, v, loc)?;
        }
        (Sheet::Project(p), Field::Named(name)) => {
            let pr = at(&mut doc.projects, p)?;
            match (name, v) {
                (FieldName::Attribute, Value::Attribute(a)) => pr.attribute = a,
                (name, v) => {
                    let s = text(v, loc)?;
                    match name {
                        FieldName::Name => pr.name = s,
                        FieldName::Code => pr.code = s.trim().to_string(),
                        FieldName::ImplementingUnit => pr.implementing_unit = s,
                        FieldName::Start => pr.start = s,
                        FieldName::End => pr.end = s,
                        FieldName::Purpose => pr.purpose = s,
                        FieldName::MidtermGoal => pr.midterm_goal = s,
                        FieldName::AnnualGoal => pr.annual_goal = s,
                        _ => return Err(wrong(loc)),
                    }
                }
            }
        }
        (Sheet::Performance, Field::Named(name)) => {
            let perf = &mut doc.performance;
            match name {
                FieldName::FunctionsSummary => {
                    *at(&mut perf.functions_summary, row(loc)?)? = text(v, loc)?;
                }
                FieldName::AnnualTasks => *at(&mut perf.annual_tasks, row(loc)?)? = text(v, loc)?,
                _ => {
                    let y = at(&mut perf.prior_years, row(loc)?)?;
                    match name {
                        FieldName::Year => match v {
                            Value::Number(n) => {
                                y.year = i32::try_from(n).map_err(|_| wrong(loc))?;
                            }
                            _ => return Err(wrong(loc)),
                        },
                        _ => return Err(wrong(loc)),
                    }
                }
            }
        }
        (Sheet::Performance, Field::GoalTitle(term)) => {
            at(goals(doc, term), row(loc)?)?.title = text(v, loc)?;
        }
        (
            Sheet::Performance,
            Field::Indicator {
                goal: Some((term, g)),
                column,
            },
        ) => {
            let goal = at(goals(doc, term), g)?;
            let ind = at(&mut goal.indicators, row(loc)?)?;
            set_indicator(ind, column, v, loc)?;
        }
        (Sheet::Other, Field::Named(name)) => {
            let o = &mut doc.other;
            match name {
                FieldName::Vehicles => o.vehicles = count(v, loc)?,
                FieldName::ChangeReason => o.change_reason = text(v, loc)?,
                FieldName::AssetsNote => o.assets_note = text(v, loc)?,
                _ => return Err(wrong(loc)),
            }
        }
        (Sheet::Glossary, Field::Named(name)) => {
            let entry = at(&mut doc.glossary, row(loc)?)?;
            let s = text(v, loc)?;
            match entry {
                GlossaryEntry::Term { term, text } => match name {
                    FieldName::Term => *term = s,
                    FieldName::Text => *text = s,
                    _ => return Err(wrong(loc)),
                },
                GlossaryEntry::FunctionCodesUsed => return Err(wrong(loc)),
            }
        }
        _ => return Err(wrong(loc)),
    }
    Ok(())
}

fn goals(doc: &mut Document, term: GoalTerm) -> &mut Vec<Goal> {
    match term {
        GoalTerm::LongTerm => &mut doc.performance.long_term_goals,
        GoalTerm::Annual => &mut doc.performance.annual_goals,
    }
}

/// A row of either indicator table (a project's 绩效指标, 附件3's goals'):
/// both have the 一级指标, 二级指标 and name; the value columns are each
/// table's own.
trait IndicatorRow {
    /// The 一级指标, 二级指标 and name.
    fn common(&mut self) -> (&mut Option<Level1>, &mut String, &mut String);
    /// Sets one of the table's own (text) columns.
    fn set_own(&mut self, column: IndicatorColumn, s: String, loc: Location) -> Result<(), String>;
}

impl IndicatorRow for ProjectIndicator {
    fn common(&mut self) -> (&mut Option<Level1>, &mut String, &mut String) {
        (&mut self.level1, &mut self.level2, &mut self.name)
    }
    fn set_own(&mut self, column: IndicatorColumn, s: String, loc: Location) -> Result<(), String> {
        let parsed = IndicatorValue::parse(&s);
        match column {
            IndicatorColumn::Value => self.long_term = parsed,
            IndicatorColumn::AnnualValue => self.annual = parsed,
            _ => return Err(wrong(loc)),
        }
        Ok(())
    }
}

impl IndicatorRow for Indicator {
    fn common(&mut self) -> (&mut Option<Level1>, &mut String, &mut String) {
        (&mut self.level1, &mut self.level2, &mut self.name)
    }
    fn set_own(&mut self, column: IndicatorColumn, s: String, loc: Location) -> Result<(), String> {
        match column {
            IndicatorColumn::Value => self.value = IndicatorValue::parse(&s),
            IndicatorColumn::Standard => self.standard = s,
            IndicatorColumn::Prior(i) => *at(&mut self.prior, i)? = IndicatorValue::parse(&s),
            _ => return Err(wrong(loc)),
        }
        Ok(())
    }
}

/// Sets one cell of an indicator row of either table.
fn set_indicator(
    ind: &mut impl IndicatorRow,
    column: IndicatorColumn,
    v: Value,
    loc: Location,
) -> Result<(), String> {
    let (level1, level2, name) = ind.common();
    match (column, v) {
        (IndicatorColumn::Level1, Value::Level1(l)) => *level1 = l,
        (IndicatorColumn::Level2, Value::Text(s)) => *level2 = s,
        (IndicatorColumn::Name, Value::Text(s)) => *name = s,
        (IndicatorColumn::Level1 | IndicatorColumn::Level2 | IndicatorColumn::Name, _) => {
            return Err(wrong(loc));
        }
        (column, v) => ind.set_own(column, text(v, loc)?, loc)?,
    }
    Ok(())
}

fn push(doc: &mut Document, list: List) -> Result<(), String> {
    match list {
        List::Functions => doc.overview.functions.push(String::new()),
        List::Units => doc.overview.units.push(BudgetUnit::default()),
        List::BudgetLines => doc.budget_lines.push(BudgetLine::default()),
        List::EconomicLines => doc.basic_by_economic.push(EconomicLine {
            code: EconomicCode::default(),
            name: String::new(),
            bucket: CostBucket::Public,
            amount: Money::ZERO,
            prior: None,
        }),
        List::Projects => {
            let code = doc.next_project_code();
            doc.projects.push(Project {
                code,
                name: "新项目".into(),
                ..Default::default()
            });
        }
        List::ProjectIndicators(p) => at(&mut doc.projects, p)?
            .indicators
            .push(ProjectIndicator::default()),
        List::FunctionsSummary => doc.performance.functions_summary.push(String::new()),
        List::Tasks => doc.performance.annual_tasks.push(String::new()),
        List::Goals(term) => goals(doc, term).push(Goal::default()),
        List::GoalIndicators(term, g) => at(goals(doc, term), g)?
            .indicators
            .push(Indicator::default()),
        List::Glossary => doc.glossary.push(GlossaryEntry::Term {
            term: String::new(),
            text: String::new(),
        }),
        List::Procurement => doc.procurement.push(ProcurementItem::default()),
        List::PurchasedServices => doc.purchased_services.push(PurchasedService::default()),
        List::FiscalByEconomic => doc
            .fiscal_by_economic
            .push(crate::model::CrossLine::default()),
    }
    Ok(())
}

fn remove_at<T>(v: &mut Vec<T>, i: usize) -> Result<(), String> {
    if i < v.len() {
        v.remove(i);
        Ok(())
    } else {
        Err(gone())
    }
}

fn remove(doc: &mut Document, list: List, i: usize) -> Result<(), String> {
    match list {
        List::Functions => remove_at(&mut doc.overview.functions, i),
        List::Units => remove_at(&mut doc.overview.units, i),
        List::BudgetLines => remove_at(&mut doc.budget_lines, i),
        List::EconomicLines => remove_at(&mut doc.basic_by_economic, i),
        List::Projects => remove_at(&mut doc.projects, i),
        List::ProjectIndicators(p) => remove_at(&mut at(&mut doc.projects, p)?.indicators, i),
        List::FunctionsSummary => remove_at(&mut doc.performance.functions_summary, i),
        List::Tasks => remove_at(&mut doc.performance.annual_tasks, i),
        List::Goals(term) => remove_at(goals(doc, term), i),
        List::GoalIndicators(term, g) => remove_at(&mut at(goals(doc, term), g)?.indicators, i),
        List::Glossary => remove_at(&mut doc.glossary, i),
        List::Procurement => remove_at(&mut doc.procurement, i),
        List::PurchasedServices => remove_at(&mut doc.purchased_services, i),
        List::FiscalByEconomic => remove_at(&mut doc.fiscal_by_economic, i),
    }
}
