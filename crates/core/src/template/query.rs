//! What a published table shows, as a query over the document's facts: the
//! template names facts, filters and measures; the evaluator in
//! `derive::evaluate` sums the exact amounts and computes every 合计 from its
//! parts, so a template cannot print a 合计 that is not the sum of its parts.
//! `docs/templates.md` (表格) describes the language for template authors.

use crate::model::{CostBucket, FundSource, SpendingKind};
use serde::Deserialize;

/// Most columns, rows or sub-rows one query may name: a template is data a
/// user writes, and a bad one is refused in bounded time.
pub const MAX_ITEMS: usize = 64;

/// What a table shows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Query {
    /// Rows of a classification tree (合计 → 类 → 款 → 项), one column per
    /// measure.
    Tree(TreeQuery),
    /// A two-sided 收支总表: named income rows ‖ spending rows.
    Summary(SummaryQuery),
    /// One row of named figures ("三公"经费, 机关运行经费).
    Row(RowQuery),
    /// One row per project, 合计 first.
    Projects(ProjectsQuery),
    /// One row per 政府采购 or 政府购买服务 item, with a 合计 row and, for
    /// 政府采购, optional 采购类型 subtotals.
    Purchases(PurchasesQuery),
    /// One row per 单位 of a merged document (the document itself when it
    /// is not a merge), 合计 first.
    Units(UnitsQuery),
    /// A 绩效 form, laid out as a form rather than a table.
    Form(Form),
}

/// The 绩效 forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Form {
    /// 部门整体支出绩效目标表 (附件3).
    DeptPerformance,
    /// 项目支出绩效目标表, one per project (表10).
    ProjectPerformance,
}

/// Which entered lines a [`TreeQuery`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Facts {
    /// 收支预算 lines by 功能科目 (amounts by 资金来源 × 支出类型).
    #[default]
    Function,
    /// 基本支出 by 部门预算经济分类 (amounts by 人员/公用).
    Economic,
    /// 基本支出 by 政府预算经济分类 (501…/505…), derived from the 部门 lines
    /// through the 对应关系 (amounts by 人员/公用, as their 部门 lines).
    GovEconomic,
    /// 财政拨款支出 by 部门预算经济分类, 基本 and 项目 (amounts by 支出类型):
    /// the 功能科目 × 经济科目 split (`fiscal_by_economic`) summed over the
    /// 功能科目 (河南's 支出经济分类汇总表).
    FiscalEconomic,
}

/// A filter over amounts; an empty list lets everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// 资金来源 (功能科目 amounts).
    #[serde(default)]
    pub sources: Vec<FundSource>,
    /// 支出类型 (功能科目 amounts).
    #[serde(default)]
    pub kinds: Vec<SpendingKind>,
    /// 人员经费 / 公用经费 (经济分类 amounts).
    #[serde(default)]
    pub buckets: Vec<CostBucket>,
}

impl Filter {
    /// True when a 功能科目 amount of `s` × `k` passes.
    pub fn holds(&self, s: FundSource, k: SpendingKind) -> bool {
        (self.sources.is_empty() || self.sources.contains(&s))
            && (self.kinds.is_empty() || self.kinds.contains(&k))
    }

    /// The 资金来源 × 支出类型 pairs the filter lets through, one
    /// [`pair_bit`] each: a test per amount instead of a search.
    pub fn pairs(&self) -> u128 {
        let mut m = 0;
        for s in FundSource::ALL {
            for k in SpendingKind::ALL {
                if self.holds(s, k) {
                    m |= pair_bit(s, k);
                }
            }
        }
        m
    }

    /// True when an 经济分类 amount of `b` passes.
    pub fn holds_bucket(&self, b: CostBucket) -> bool {
        self.buckets.is_empty() || self.buckets.contains(&b)
    }

    /// True when no amount of `facts` can pass both filters.
    fn excludes_all(&self, other: &Filter, facts: Facts) -> bool {
        match facts {
            Facts::Function => {
                disjoint(&self.sources, &other.sources) || disjoint(&self.kinds, &other.kinds)
            }
            Facts::Economic | Facts::GovEconomic => disjoint(&self.buckets, &other.buckets),
            Facts::FiscalEconomic => disjoint(&self.kinds, &other.kinds),
        }
    }
}

/// The bit of one 资金来源 × 支出类型 pair in [`Filter::pairs`].
pub fn pair_bit(s: FundSource, k: SpendingKind) -> u128 {
    1 << (s as usize * 8 + k as usize)
}

/// How deep a tree's rows go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Depth {
    /// 类 rows only.
    Class,
    /// 类 and 款 rows.
    Section,
    /// Down to the entered lines (项 for 功能科目, 款 for 经济分类).
    #[default]
    Item,
}

/// Which rows a tree prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Rows {
    /// Only rows with an amount in some column.
    #[default]
    NonEmpty,
    /// Every 类 of the catalog, zeros included, and the non-empty rows below.
    EveryClass,
}

/// Where the 合计 row goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum TotalRow {
    /// Above the rows.
    #[default]
    First,
    /// Below the rows.
    Last,
    /// No 合计 row.
    None,
}

/// A money (or text) column: its place in the header tree and what it shows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Header cells above the column's own, outer first, separated by `/`
    /// (`一般公共预算支出`); columns side by side with the same group share
    /// one merged cell.
    #[serde(default)]
    pub group: String,
    /// The column's own header text (an [`Measure::Each`] column's are the
    /// names of the values it expands to).
    #[serde(default)]
    pub header: String,
    /// What the column shows.
    pub measure: Measure,
}

impl ColumnSpec {
    /// The header path: group levels, then the column's own header.
    pub fn path(&self) -> Vec<&str> {
        self.group
            .split('/')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .chain([self.header.as_str()])
            .collect()
    }
}

/// What a column shows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Measure {
    /// Σ of the table's other money columns (computed, never typed).
    Total,
    /// Σ of the facts' amounts that pass the filter (and the table's).
    Sum(Filter),
    /// The same Σ of the 上年预算数 (a [`TreeQuery`] column: 中央's 上年
    /// column). Not part of the 合计 column.
    Prior(Filter),
    /// This year's Σ less the 上年 one (增减). Not part of the 合计 column.
    Change(Filter),
    /// One named figure (a [`RowQuery`] column or a project amount).
    Figure(Figure),
    /// A project's text field (a [`ProjectsQuery`] column).
    Field(Field),
    /// One column per 资金来源 or 支出类型 that has an amount in the table
    /// (within the table's filter), headed with its name: the columns
    /// expand a dimension (a [`TreeQuery`] column).
    Each(Dimension),
    /// The 财政拨款 split of a 功能科目 tree's lines (`fiscal_by_economic`)
    /// under the 部门预算经济分类 类 or 款 `code` (`"301"`, `"30201"`); the
    /// table's `kinds` pick its 基本支出 or 项目支出 part (a [`TreeQuery`]
    /// column over `Function` facts of the 财政拨款 sources).
    Economic(String),
}

/// A dimension whose values [`Measure::Each`] expands into columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Dimension {
    /// 资金来源.
    Sources,
    /// 支出类型.
    Kinds,
    /// 部门预算经济分类 类 of the 财政拨款 split (one [`Measure::Economic`]
    /// column per 类 with an amount).
    EconomicClasses,
    /// 部门预算经济分类 款 of the 财政拨款 split.
    EconomicSections,
}

/// A named figure the program computes from entered facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Figure {
    /// "三公"经费合计 (出国 + 用车 + 接待).
    ThreePublic,
    /// 因公出国（境）费.
    Abroad,
    /// 公务用车购置及运行费 小计 (购置 + 运行).
    Vehicles,
    /// 公务用车购置费.
    VehiclePurchase,
    /// 公务用车运行费.
    VehicleOperation,
    /// 公务接待费.
    Reception,
    /// 机关运行经费 (= 公用经费 of the 经济分类 lines).
    Operating,
    /// 会议费 (部门预算经济分类 30215): see [`Document::economic_spending`].
    ///
    /// [`Document::economic_spending`]: crate::model::Document::economic_spending
    Meetings,
    /// 培训费 (30216), as [`Figure::Meetings`].
    Training,
    /// A project's 财政拨款.
    ProjectFiscal,
    /// A project's 其他资金.
    ProjectOther,
    /// A 政府采购 or 政府购买服务 item's amount (a [`PurchasesQuery`] column).
    Amount,
}

impl Figure {
    /// True for the figures a [`ProjectsQuery`] reads.
    fn of_project(self) -> bool {
        matches!(self, Figure::ProjectFiscal | Figure::ProjectOther)
    }
}

/// A row's text fields (of a project or a purchase).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Field {
    /// 项目名称 (a purchase's 采购项目 / 服务名称).
    Name,
    /// 实施单位 (projects).
    Unit,
    /// 采购类型: 货物 / 工程 / 服务 (政府采购).
    Kind,
    /// 指导性目录 (政府购买服务).
    Category,
    /// A project's 项目编码; the 功能科目 code a purchase is paid from.
    Code,
    /// That 科目's name (from the 收支预算 line).
    CodeName,
}

/// Which purchases a [`PurchasesQuery`] lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum PurchaseFacts {
    /// 政府采购预算明细 (`procurement`).
    Procurement,
    /// 政府购买服务预算财政拨款明细 (`purchased_services`).
    Services,
}

/// One row per purchase.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurchasesQuery {
    /// Which list.
    pub facts: PurchaseFacts,
    /// Where the 合计 row goes.
    #[serde(default)]
    pub total: TotalRow,
    /// 政府采购 only: a subtotal row per 采购类型 (货物、工程、服务, those
    /// with items), its items below it.
    #[serde(default)]
    pub by_kind: bool,
    /// Text fields and the amount.
    pub columns: Vec<ColumnSpec>,
}

/// Rows of a classification tree.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeQuery {
    /// Lines read.
    #[serde(default)]
    pub facts: Facts,
    /// Applies to every column.
    #[serde(default)]
    pub filter: Filter,
    /// Deepest level printed.
    #[serde(default)]
    pub depth: Depth,
    /// Which rows print.
    #[serde(default)]
    pub rows: Rows,
    /// Where the 合计 row goes.
    #[serde(default)]
    pub total: TotalRow,
    /// Header cell above 科目编码 and 科目名称 (`功能分类科目`).
    #[serde(default)]
    pub codes_group: String,
    /// The money columns.
    pub columns: Vec<ColumnSpec>,
}

/// A two-sided 收支总表.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryQuery {
    /// Relative width of each 项目 column.
    #[serde(default = "label_width")]
    pub width: f32,
    /// 收入 rows (one amount each).
    pub income: Vec<SummaryLine>,
    /// 支出 rows.
    pub spending: Vec<SummaryLine>,
    /// 支出 money columns (`预算数`, or 合计 and one per source).
    pub columns: Vec<ColumnSpec>,
    /// Labels of the closing row: Σ of the top-level rows of each side.
    #[serde(default = "closing")]
    pub closing: (String, String),
}

fn label_width() -> f32 {
    2.6
}
fn closing() -> (String, String) {
    ("收入总计".into(), "支出总计".into())
}

/// A row (or rows) of one side of a 收支总表.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum SummaryLine {
    /// A named row summing the 功能科目 amounts that pass `sum`; `sub` rows
    /// print indented below it.
    Line {
        /// Printed label, ordinal included (`一、本年收入`).
        label: String,
        /// Amounts summed (on the 支出 side, within each column's filter).
        #[serde(default)]
        sum: Filter,
        /// Indented rows below.
        #[serde(default)]
        sub: Vec<SummaryLine>,
    },
    /// One row per 功能 类 with an amount, numbered 一、 or （一）.
    Classes(Numbering),
    /// One row per 功能 类 of the year's catalog, with or without an
    /// amount (a zero prints as the table's `zero` says), numbered so.
    EveryClass(Numbering),
    /// Σ of the rows above it on its side (`本年收入合计`).
    Subtotal(String),
    /// A row printed with its label and no amount, adding nothing: a row a
    /// budget holds no figure for, such as 结转下年 on the 支出 side (in a
    /// 预算 every 上年结转 is spent this year, so 收入总计 = 支出总计
    /// without it); its cells print as the table's `zero` says.
    Empty(String),
}

/// How generated rows are numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Numbering {
    /// 一、二、
    Plain,
    /// （一）（二）
    Paren,
}

/// One row of named figures.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowQuery {
    /// The columns, each a [`Measure::Figure`].
    pub columns: Vec<ColumnSpec>,
    /// Whose "三公" the "三公" figures are (四川 prints 公开表3-3 for the
    /// 一般公共预算 and 4-1 for the 政府性基金预算).
    #[serde(default)]
    pub fund: ThreePublicFund,
}

/// Which "三公"经费 a row table prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum ThreePublicFund {
    /// 一般公共预算: the document's "三公", what every template prints.
    #[default]
    GeneralBudget,
    /// 政府性基金预算.
    GovFund,
    /// 财政拨款: both together.
    Fiscal,
}

/// One row per project.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectsQuery {
    /// Text fields and amounts.
    pub columns: Vec<ColumnSpec>,
}

/// One row per 单位: a merged document's units as recorded at the merge
/// (`merged_from`, each with its 收支预算 by 资金来源 × 支出类型), or the
/// document itself when it is not a merge.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsQuery {
    /// Applies to every amount column (资金来源, 支出类型).
    #[serde(default)]
    pub filter: Filter,
    /// The 单位名称 (`Field(Name)`) and amounts.
    pub columns: Vec<ColumnSpec>,
}

/// What other parts of the program need to know about a table: which
/// facts it prints as its 合计, for the checks that compare tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A 功能科目 tree of one 资金来源, all 支出类型.
    SourceTree(FundSource),
    /// A 经济分类 tree of 基本支出.
    EconomicTree,
    /// A 政府预算经济分类 tree of 基本支出 (derived).
    GovEconomicTree,
    /// A 收支总表 of 财政拨款 only.
    FiscalSummary,
    /// A row with the "三公"经费 合计.
    ThreePublic,
    /// Anything else.
    Other,
}

impl Query {
    /// The table's columns (none for a form).
    pub fn columns(&self) -> &[ColumnSpec] {
        match self {
            Query::Tree(q) => &q.columns,
            Query::Summary(q) => &q.columns,
            Query::Row(q) => &q.columns,
            Query::Projects(q) => &q.columns,
            Query::Purchases(q) => &q.columns,
            Query::Units(q) => &q.columns,
            Query::Form(_) => &[],
        }
    }

    /// True for the 绩效 forms.
    pub fn is_form(&self) -> bool {
        matches!(self, Query::Form(_))
    }

    /// What the table stands for in the cross-table checks.
    pub fn role(&self) -> Role {
        match self {
            Query::Tree(t) => match t.facts {
                Facts::Economic => Role::EconomicTree,
                Facts::GovEconomic => Role::GovEconomicTree,
                Facts::FiscalEconomic => Role::Other,
                Facts::Function => match (t.filter.sources.as_slice(), t.filter.kinds.is_empty()) {
                    ([s], true) => Role::SourceTree(*s),
                    _ => Role::Other,
                },
            },
            Query::Summary(s) => {
                let fiscal = |l: &SummaryLine| match l {
                    SummaryLine::Line { sum, .. } => {
                        !sum.sources.is_empty()
                            && sum.sources.iter().all(|s| FundSource::FISCAL.contains(s))
                    }
                    _ => false,
                };
                if !s.income.is_empty() && s.income.iter().all(fiscal) {
                    Role::FiscalSummary
                } else {
                    Role::Other
                }
            }
            Query::Row(r) => {
                let three = r
                    .columns
                    .iter()
                    .any(|c| c.measure == Measure::Figure(Figure::ThreePublic));
                // The text states the 一般公共预算 "三公"; a 政府性基金 or
                // 财政拨款 table is not that figure.
                if three && r.fund == ThreePublicFund::GeneralBudget {
                    Role::ThreePublic
                } else {
                    Role::Other
                }
            }
            Query::Projects(_) | Query::Purchases(_) | Query::Units(_) | Query::Form(_) => {
                Role::Other
            }
        }
    }

    /// True when the number of columns depends on the data
    /// ([`Measure::Each`]).
    pub fn expands(&self) -> bool {
        let each = |cols: &[ColumnSpec]| cols.iter().any(|c| matches!(c.measure, Measure::Each(_)));
        match self {
            Query::Tree(t) => each(&t.columns),
            Query::Projects(p) => each(&p.columns),
            Query::Units(u) => each(&u.columns),
            _ => false,
        }
    }

    /// Number of printed columns before a `split_code` (the header
    /// override must cover these).
    pub fn width(&self) -> usize {
        match self {
            Query::Tree(t) => 2 + t.columns.len(),
            Query::Summary(s) => 3 + s.columns.len(),
            Query::Row(r) => r.columns.len(),
            Query::Projects(p) => p.columns.len(),
            Query::Purchases(p) => p.columns.len(),
            Query::Units(u) => u.columns.len(),
            Query::Form(_) => 0,
        }
    }

    /// The problems of this query, each in Chinese naming the field.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self {
            Query::Tree(t) => {
                columns_problems(&t.columns, &mut out, |m| {
                    match m {
                    Measure::Total => None,
                    Measure::Prior(_) | Measure::Change(_) if t.facts == Facts::FiscalEconomic => Some(
                        "财政拨款经济分类分解没有上年数（Prior、Change 不能用于 FiscalEconomic）".into(),
                    ),
                    Measure::Sum(f) | Measure::Prior(f) | Measure::Change(f) => {
                        sum_problem(f, &t.filter, t.facts)
                    }
                    Measure::Each(_) if t.facts != Facts::Function => Some(
                        "经济分类金额没有资金来源、支出类型之分（Each 只用于 Function）".into(),
                    ),
                    Measure::Each(_) => None,
                    Measure::Economic(_) if t.facts != Facts::Function => Some(
                        "Economic 读功能科目的财政拨款按经济分类的分解（只用于 Function）".into(),
                    ),
                    Measure::Economic(code) => economic_code_problem(code),
                    Measure::Figure(_) | Measure::Field(_) => Some(
                        "分类表的栏目只能是 Total、Sum(…)、Prior(…)、Change(…)、Economic(…) 或 Each(…)".into(),
                    ),
                }
                });
                if let Some(p) = filter_problem(&t.filter, t.facts) {
                    out.push(format!("filter：{p}"));
                }
                if t.reads_split() {
                    cross_problems(t, &mut out);
                }
            }
            Query::Summary(s) => {
                let everything = Filter::default();
                columns_problems(&s.columns, &mut out, |m| match m {
                    Measure::Total => None,
                    Measure::Sum(f) => sum_problem(f, &everything, Facts::Function),
                    _ => Some("收支总表的栏目只能是 Total 或 Sum(…)".into()),
                });
                lines_problems("income", &s.income, 0, true, &mut out);
                lines_problems("spending", &s.spending, 0, false, &mut out);
                closing_problems(s, &mut out);
            }
            Query::Row(r) => columns_problems(&r.columns, &mut out, |m| match m {
                Measure::Figure(f) if !f.of_project() && *f != Figure::Amount => None,
                _ => Some(
                    "单行表的栏目只能是 Figure(…)（“三公”经费各项、机关运行经费、会议费、培训费）"
                        .into(),
                ),
            }),
            Query::Projects(p) => columns_problems(&p.columns, &mut out, |m| match m {
                Measure::Total
                | Measure::Field(Field::Name | Field::Unit | Field::Code)
                | Measure::Each(Dimension::Sources) => None,
                Measure::Figure(f) if f.of_project() => None,
                Measure::Sum(f)
                    if f.buckets.is_empty()
                        && f.kinds.iter().all(|k| *k == SpendingKind::Project) =>
                {
                    None
                }
                Measure::Sum(_) => {
                    Some("项目的金额都是项目支出，只按资金来源区分（Sum 只用 sources）".into())
                }
                _ => Some(
                    "项目表的栏目只能是 Field(Name|Unit|Code)、Sum(sources: […])、Each(Sources)、\
                     Figure(ProjectFiscal|ProjectOther) 或 Total"
                        .into(),
                ),
            }),
            Query::Purchases(p) => purchases_problems(p, &mut out),
            Query::Units(u) => units_problems(u, &mut out),
            Query::Form(_) => {}
        }
        out
    }
}

/// Problems of a [`PurchasesQuery`]: its columns fit the list it reads.
fn purchases_problems(p: &PurchasesQuery, out: &mut Vec<String>) {
    let procurement = p.facts == PurchaseFacts::Procurement;
    columns_problems(&p.columns, out, |m| match m {
        Measure::Total | Measure::Figure(Figure::Amount) => None,
        Measure::Field(Field::Name | Field::Code | Field::CodeName) => None,
        Measure::Field(Field::Kind) if procurement => None,
        Measure::Field(Field::Category) if !procurement => None,
        Measure::Field(Field::Kind) => {
            Some("政府购买服务没有采购类型（Kind 只用于 Procurement）".into())
        }
        Measure::Field(Field::Category) => {
            Some("政府采购没有指导性目录（Category 只用于 Services）".into())
        }
        _ => Some(
            "采购表的栏目只能是 Field(Name|Kind|Category|Code|CodeName)、Figure(Amount) 或 Total"
                .into(),
        ),
    });
    if p.by_kind && !procurement {
        out.push("by_kind：只有政府采购按采购类型分组（Services 没有采购类型）".into());
    }
    let texts = p
        .columns
        .iter()
        .filter(|c| matches!(c.measure, Measure::Field(_)))
        .count();
    if texts == 0 && !p.columns.is_empty() {
        out.push("columns：至少要有一栏文字（如 Field(Name)），否则各行无从区分".into());
    }
}

/// Problems of a [`UnitsQuery`]: a unit's figures are its 收支预算 by
/// 资金来源 × 支出类型 at the merge, and nothing else (no 上年, no 经济分类,
/// no 人员/公用, no named figure); its rows are told apart by name.
fn units_problems(u: &UnitsQuery, out: &mut Vec<String>) {
    const BUCKETS: &str = "单位的金额按资金来源、支出类型记录，没有人员/公用之分（不能写 buckets）";
    columns_problems(&u.columns, out, |m| {
        match m {
        Measure::Total | Measure::Field(Field::Name) => None,
        Measure::Each(Dimension::Sources | Dimension::Kinds) => None,
        Measure::Sum(f) if !f.buckets.is_empty() => Some(BUCKETS.into()),
        Measure::Sum(f) => sum_problem(f, &u.filter, Facts::Function),
        Measure::Prior(_) | Measure::Change(_) => Some(
            "单位的金额只有汇总时的本年数，没有上年数（按单位分行的表不能用 Prior、Change）".into(),
        ),
        Measure::Economic(_) | Measure::Each(_) => Some(
            "单位的金额没有经济分类（按单位分行的表只能按资金来源、支出类型展开：Each(Sources)、Each(Kinds)）"
                .into(),
        ),
        Measure::Figure(_) => Some(
            "单位没有具名数字（按单位分行的表的金额栏只能是 Total、Sum(…)、Each(Sources|Kinds)）".into(),
        ),
        Measure::Field(_) => {
            Some("单位只有名称（按单位分行的表的文字栏只能是 Field(Name)）".into())
        }
    }
    });
    if !u.filter.buckets.is_empty() {
        out.push(format!("filter：{BUCKETS}"));
    }
    let named = u
        .columns
        .iter()
        .any(|c| c.measure == Measure::Field(Field::Name));
    if !named && !u.columns.is_empty() {
        out.push("columns：要有一栏 Field(Name)（单位名称），否则各行无从区分".into());
    }
}

impl TreeQuery {
    /// True when a column reads the 财政拨款 split by 经济分类
    /// ([`Measure::Economic`], `Each(EconomicClasses|EconomicSections)`).
    pub fn reads_split(&self) -> bool {
        self.columns.iter().any(|c| c.measure.reads_split())
    }
}

impl Measure {
    /// True for a column of the 财政拨款 split by 经济分类.
    pub fn reads_split(&self) -> bool {
        matches!(
            self,
            Measure::Economic(_)
                | Measure::Each(Dimension::EconomicClasses | Dimension::EconomicSections)
        )
    }
}

/// A [`Measure::Economic`] code must be a 类 (3 digits) or 款 (5 digits).
fn economic_code_problem(code: &str) -> Option<String> {
    let ok = matches!(code.len(), 3 | 5) && code.bytes().all(|b| b.is_ascii_digit());
    (!ok).then(|| format!("Economic(\"{code}\")：经济分类编码应为 3 位（类）或 5 位（款）数字"))
}

/// A tree that prints the 财政拨款 split: it reads 功能科目 lines of the
/// three 财政拨款 sources (the split holds nothing else), and its other
/// money columns are a `Total`, so each row's 合计 is the sum of its 经济
/// columns.
fn cross_problems(t: &TreeQuery, out: &mut Vec<String>) {
    let mut sources = t.filter.sources.clone();
    sources.sort();
    sources.dedup();
    if sources != FundSource::FISCAL.to_vec() {
        out.push(
            "filter：按经济分类展开的表只有财政拨款的数据，filter 须为 \
             (sources: [GeneralBudget, GovFund, StateCapital])"
                .into(),
        );
    }
    for (i, c) in t.columns.iter().enumerate() {
        if matches!(c.measure, Measure::Sum(_)) {
            out.push(format!(
                "columns[{}]（{}）：按经济分类展开的表只能有 Total 与经济分类栏，\
                 Sum 会把收支预算与经济分类分解混在一行",
                i + 1,
                c.header
            ));
        }
    }
    if t.filter
        .kinds
        .iter()
        .any(|k| !matches!(k, SpendingKind::Basic | SpendingKind::Project))
    {
        out.push(
            "filter：经济分类分解只分基本支出与项目支出（kinds 只能是 Basic、Project）".into(),
        );
    }
}

/// Problems of a filter given the facts it reads.
fn filter_problem(f: &Filter, facts: Facts) -> Option<String> {
    match facts {
        Facts::Function if !f.buckets.is_empty() => {
            Some("功能科目金额没有人员/公用之分（buckets 只用于 Economic）".into())
        }
        Facts::Economic | Facts::GovEconomic if !f.sources.is_empty() || !f.kinds.is_empty() => {
            Some("经济分类金额都是一般公共预算基本支出（sources、kinds 只用于 Function）".into())
        }
        Facts::FiscalEconomic
            if !f.sources.is_empty()
                || !f.buckets.is_empty()
                || f.kinds
                    .iter()
                    .any(|k| !matches!(k, SpendingKind::Basic | SpendingKind::Project)) =>
        {
            Some(
                "财政拨款经济分类分解只分基本支出与项目支出（只能写 kinds: [Basic] 或 [Project]）"
                    .into(),
            )
        }
        _ => None,
    }
}

/// Problems of a `Sum` column under the table's filter.
fn sum_problem(f: &Filter, table: &Filter, facts: Facts) -> Option<String> {
    filter_problem(f, facts).or_else(|| {
        f.excludes_all(table, facts)
            .then(|| "筛选条件与表的 filter 没有交集，此栏恒为零".into())
    })
}

/// Column count, Total parts, header texts and each measure's fit.
fn columns_problems(
    cols: &[ColumnSpec],
    out: &mut Vec<String>,
    fits: impl Fn(&Measure) -> Option<String>,
) {
    if cols.is_empty() {
        out.push("columns：至少要有一栏".into());
    }
    if cols.len() > MAX_ITEMS {
        out.push(format!(
            "columns：栏目过多（{}，上限 {MAX_ITEMS}）",
            cols.len()
        ));
        return;
    }
    let amounts = cols
        .iter()
        .filter(|c| {
            matches!(
                c.measure,
                Measure::Sum(_) | Measure::Figure(_) | Measure::Each(_) | Measure::Economic(_)
            )
        })
        .count();
    for (i, c) in cols.iter().enumerate() {
        let at = format!("columns[{}]（{}）", i + 1, c.header);
        if c.header.trim().is_empty() && !matches!(c.measure, Measure::Each(_)) {
            out.push(format!("{at}：表头为空"));
        }
        if c.measure == Measure::Total && amounts == 0 {
            out.push(format!("{at}：Total 是其他金额栏之和，但没有其他金额栏"));
        }
        if let Some(p) = fits(&c.measure) {
            out.push(format!("{at}：{p}"));
        }
    }
}

/// The closing row of each side sums its top-level rows: each side must
/// count every amount it covers once, and both sides the same amounts, or
/// 收入总计 and 支出总计 could differ for a document without errors.
fn closing_problems(s: &SummaryQuery, out: &mut Vec<String>) {
    let columns = s
        .columns
        .iter()
        .filter_map(|c| match &c.measure {
            Measure::Sum(f) => Some(f.pairs()),
            _ => None,
        })
        .fold(0, |a, b| a | b);
    let side = |lines: &[SummaryLine], within: u128, name: &str, out: &mut Vec<String>| {
        let mut seen = 0u128;
        for (i, l) in lines.iter().enumerate() {
            let m = match l {
                SummaryLine::Line { sum, .. } => sum.pairs() & within,
                SummaryLine::Classes(_) | SummaryLine::EveryClass(_) => within,
                SummaryLine::Subtotal(_) | SummaryLine::Empty(_) => continue,
            };
            if seen & m != 0 {
                out.push(format!(
                    "{name}[{}]：与上面的行重复计入同一笔金额，总计会多算",
                    i + 1
                ));
            }
            seen |= m;
        }
        seen
    };
    let income = side(&s.income, u128::MAX, "income", out);
    let spending = side(&s.spending, columns, "spending", out);
    if income != spending {
        out.push(format!(
            "closing（{}、{}）：收入方与支出方计入的资金来源、支出类型不同，两个总计可能不等（{}）",
            s.closing.0,
            s.closing.1,
            one_sided(income, spending)
        ));
    }
}

/// What only one side of a 收支总表 counts, for the author: `只在收入方：
/// 其他收入；只在支出方：…`, by 资金来源 (with the 支出类型 where only some of
/// a source's kinds differ).
fn one_sided(income: u128, spending: u128) -> String {
    let side = |only: u128| {
        let mut names: Vec<String> = Vec::new();
        for s in FundSource::ALL {
            let kinds: Vec<SpendingKind> = SpendingKind::ALL
                .into_iter()
                .filter(|k| only & pair_bit(s, *k) != 0)
                .collect();
            if kinds.len() == SpendingKind::ALL.len() {
                names.push(s.label().to_string());
            } else if !kinds.is_empty() {
                let k: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
                names.push(format!("{}（{}）", s.label(), k.join("、")));
            }
        }
        names.join("、")
    };
    let (i, o) = (side(income & !spending), side(spending & !income));
    match (i.is_empty(), o.is_empty()) {
        (false, false) => format!("只在收入方：{i}；只在支出方：{o}"),
        (false, true) => format!("只在收入方：{i}"),
        _ => format!("只在支出方：{o}"),
    }
}

/// Problems of one side of a 收支总表.
fn lines_problems(
    side: &str,
    lines: &[SummaryLine],
    depth: usize,
    income: bool,
    out: &mut Vec<String>,
) {
    if lines.len() > MAX_ITEMS || depth > 2 {
        out.push(format!("{side}：行过多或嵌套过深"));
        return;
    }
    for (i, l) in lines.iter().enumerate() {
        let at = format!("{side}[{}]", i + 1);
        match l {
            SummaryLine::Line { sum, sub, .. } => {
                if let Some(p) = filter_problem(sum, Facts::Function) {
                    out.push(format!("{at}：{p}"));
                }
                lines_problems(side, sub, depth + 1, income, out);
            }
            SummaryLine::Classes(_) | SummaryLine::EveryClass(_) if income => {
                out.push(format!("{at}：收入方没有按功能科目展开的行"));
            }
            SummaryLine::Classes(_) | SummaryLine::EveryClass(_) => {}
            SummaryLine::Subtotal(_) if i == 0 => {
                out.push(format!("{at}：Subtotal 上方没有可加总的行"));
            }
            SummaryLine::Subtotal(_) | SummaryLine::Empty(_) => {}
        }
    }
}

/// True when both lists restrict and share nothing.
fn disjoint<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ron::extensions::Extensions;

    fn problems(text: &str) -> Vec<String> {
        ron::Options::default()
            .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES)
            .from_str::<Query>(text)
            .expect("reads")
            .problems()
    }

    #[test]
    fn a_fiscal_economic_tree_sums_by_kind_only() {
        let ok = r#"Tree(facts: FiscalEconomic, columns: [
            (header: "合计", measure: Total),
            (header: "基本支出", measure: Sum(kinds: [Basic])),
            (header: "项目支出", measure: Sum(kinds: [Project])),
        ])"#;
        assert_eq!(problems(ok), Vec::<String>::new());
        let bad = r#"Tree(facts: FiscalEconomic, columns: [
            (header: "合计", measure: Total),
            (header: "一般公共", measure: Sum(sources: [GeneralBudget])),
            (header: "人员", measure: Sum(buckets: [Personnel])),
            (header: "上年", measure: Prior(kinds: [Basic])),
        ])"#;
        let p = problems(bad);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p.iter()
                .all(|s| s.contains("FiscalEconomic") || s.contains("只分基本支出与项目支出")),
            "{p:?}"
        );
    }

    #[test]
    fn a_split_table_reads_the_fiscal_sources_with_only_economic_columns() {
        let ok = r#"Tree(filter: (sources: [GeneralBudget, GovFund, StateCapital]), columns: [
            (header: "合计", measure: Total),
            (group: "部门预算支出经济分类科目", measure: Each(EconomicClasses)),
            (header: "工资福利支出", measure: Economic("301")),
        ])"#;
        assert_eq!(problems(ok), Vec::<String>::new());
        let bad = r#"Tree(columns: [
            (header: "合计", measure: Total),
            (header: "基本支出", measure: Sum(kinds: [Basic])),
            (header: "x", measure: Economic("3011")),
        ])"#;
        let p = problems(bad);
        assert!(p.iter().any(|s| s.contains("3 位（类）或 5 位")), "{p:?}");
        assert!(p.iter().any(|s| s.contains("filter 须为")), "{p:?}");
        assert!(p.iter().any(|s| s.contains("Sum 会把")), "{p:?}");
        let econ = r#"Tree(facts: Economic, columns: [(header: "x", measure: Economic("301"))])"#;
        assert!(
            problems(econ).iter().any(|s| s.contains("只用于 Function")),
            "{:?}",
            problems(econ)
        );
    }

    fn query(text: &str) -> Query {
        use ron::extensions::Extensions;
        ron::Options::default()
            .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES)
            .from_str(text)
            .expect("query reads")
    }

    /// A table per 单位 prints names and amounts by 资金来源 × 支出类型;
    /// what a unit's recorded figures cannot give is refused naming the
    /// column.
    #[test]
    fn a_units_table_takes_names_and_source_kind_sums_only() {
        let ok = r#"Units(filter: (sources: [GeneralBudget, GovFund]), columns: [
            (header: "单位名称", measure: Field(Name)),
            (header: "合计", measure: Total),
            (group: "按资金来源", measure: Each(Sources)),
            (measure: Each(Kinds)),
            (header: "一般公共预算", measure: Sum(sources: [GeneralBudget])),
        ])"#;
        assert_eq!(problems(ok), Vec::<String>::new());
        assert_eq!(query(ok).width(), 5);
        assert!(query(ok).expands());
        let bad = r#"Units(filter: (buckets: [Personnel]), columns: [
            (header: "实施单位", measure: Field(Unit)),
            (header: "三公", measure: Figure(ThreePublic)),
            (header: "上年", measure: Prior()),
            (header: "增减", measure: Change()),
            (header: "工资福利", measure: Economic("301")),
            (measure: Each(EconomicClasses)),
            (header: "人员", measure: Sum(buckets: [Personnel])),
            (header: "基金", measure: Sum(sources: [OtherIncome])),
        ])"#;
        let p = problems(bad);
        let has = |at: &str, says: &str| p.iter().any(|m| m.starts_with(at) && m.contains(says));
        assert!(
            has("columns[1]（实施单位）", "只能是 Field(Name)"),
            "{p:#?}"
        );
        assert!(has("columns[2]（三公）", "没有具名数字"), "{p:#?}");
        assert!(has("columns[3]（上年）", "没有上年数"), "{p:#?}");
        assert!(has("columns[4]（增减）", "没有上年数"), "{p:#?}");
        assert!(has("columns[5]（工资福利）", "没有经济分类"), "{p:#?}");
        assert!(has("columns[6]（）", "没有经济分类"), "{p:#?}");
        assert!(has("columns[7]（人员）", "没有人员/公用之分"), "{p:#?}");
        assert!(has("filter：", "没有人员/公用之分"), "{p:#?}");
        assert!(has("columns：", "Field(Name)"), "{p:#?}");
        assert_eq!(p.len(), 9, "{p:#?}");
        // A column whose filter misses the table's is always zero.
        let empty = r#"Units(filter: (sources: [GeneralBudget]), columns: [
            (header: "单位名称", measure: Field(Name)),
            (header: "其他", measure: Sum(sources: [OtherIncome])),
        ])"#;
        assert!(
            problems(empty)
                .iter()
                .any(|m| m.starts_with("columns[2]（其他）") && m.contains("没有交集")),
            "{:?}",
            problems(empty)
        );
    }

    #[test]
    fn a_gov_economic_tree_filters_by_bucket_and_refuses_sources() {
        let q = query(
            r#"Tree(facts: GovEconomic, columns: [
                (header: "合计", measure: Total),
                (header: "人员经费", measure: Sum(buckets: [Personnel])),
            ])"#,
        );
        assert_eq!(q.problems(), Vec::<String>::new());
        assert_eq!(q.role(), Role::GovEconomicTree);
        let bad = query(
            r#"Tree(facts: GovEconomic, filter: (sources: [GovFund]), columns: [
                (header: "x", measure: Each(Sources)),
            ])"#,
        );
        let p = bad.problems();
        assert!(
            p.iter().any(|m| m.contains("Each 只用于 Function")),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.starts_with("filter：")), "{p:?}");
    }
}
