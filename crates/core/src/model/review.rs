//! The review part of a document, as stored in its file: reviewers'
//! comments (审阅意见) and the place each is about. A place names its row by
//! what identifies it (a 科目 code, a project's or an indicator's name), not
//! by its position, so that rows added, removed or sorted never move a
//! comment to another row; it also keeps the text the place had, so that a
//! comment whose row was deleted still reads. What a place is now (a row
//! index for the app) is worked out in [`crate::location`]; what is done
//! with comments, in [`crate::comments`].

use crate::model::{FundSource, SpendingKind};
use serde::{Deserialize, Serialize};

/// A sheet of the document, in the order the app lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sheet {
    /// 基本信息 (部门名称, 年度, 填报人 …).
    Meta,
    /// 第一部分 概况.
    Overview,
    /// 收支预算 (功能科目 rows).
    Budget,
    /// 一般公共预算基本支出 by 经济科目.
    Economic,
    /// "三公"经费.
    ThreePublic,
    /// One project (表10), by index.
    Project(usize),
    /// 部门整体支出绩效目标表 (附件3 in 武汉 2021; the template numbers it).
    Performance,
    /// 其他重要事项.
    Other,
    /// 第三部分 情况说明 (generated).
    Narrative,
    /// 第四部分 名词解释.
    Glossary,
    /// A derived table 表1–表8 (read-only).
    Table(u8),
    /// 政府采购预算明细 (one row per 采购项目).
    Procurement,
    /// 政府购买服务预算财政拨款明细 (one row per service).
    PurchasedServices,
    /// 财政拨款支出 by 功能科目 × 经济科目 (one row per pair).
    FiscalByEconomic,
}

impl Sheet {
    /// Name shown in the app and in findings.
    pub fn label(self) -> String {
        match self {
            Sheet::Meta => "基本信息".into(),
            Sheet::Overview => "概况".into(),
            Sheet::Budget => "收支预算".into(),
            Sheet::Economic => "基本支出经济分类".into(),
            Sheet::ThreePublic => "三公经费".into(),
            Sheet::Project(i) => format!("项目{}", i + 1),
            Sheet::Performance => "部门整体绩效".into(),
            Sheet::Other => "其他重要事项".into(),
            Sheet::Narrative => "情况说明".into(),
            Sheet::Glossary => "名词解释".into(),
            Sheet::Table(n) => format!("表{n}"),
            Sheet::Procurement => "政府采购".into(),
            Sheet::PurchasedServices => "政府购买服务".into(),
            Sheet::FiscalByEconomic => "财政拨款经济分类".into(),
        }
    }
}

/// Which goal list of 附件3 an indicator belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GoalTerm {
    /// 长期目标
    LongTerm,
    /// 年度目标
    Annual,
}

/// A column of an indicator table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IndicatorColumn {
    /// 一级指标
    Level1,
    /// 二级指标
    Level2,
    /// 三级指标 / 指标名称
    Name,
    /// 指标值 (附件3) or 指标值（长期） (表10)
    Value,
    /// 指标值（年度） (表10)
    AnnualValue,
    /// 绩效标准
    Standard,
    /// 近两年指标值, 0 = previous year
    Prior(usize),
}

/// A field within a sheet (a column of a grid, or a named form field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// 科目编码 of a row.
    Code,
    /// 科目名称 of a row.
    Name,
    /// An amount of a 收支预算 row, or a project's amount from a source
    /// (kind [`SpendingKind::Project`]).
    Amount(FundSource, SpendingKind),
    /// 上年预算数 of a 收支预算 row for one source and kind.
    PriorAmount(FundSource, SpendingKind),
    /// The amount of a 经济科目 row, or the single amount of a form row.
    Value,
    /// 上年预算数 of a 经济科目 row.
    PriorValue,
    /// 人员经费/公用经费 assignment of a 经济科目 row.
    Bucket,
    /// A named text or number field of a form (部门名称, 填报人, a project's
    /// 项目编码, …). A project's amounts are [`Field::Amount`] with
    /// [`SpendingKind::Project`]; `fiscal` and `other` are what files of
    /// older builds named them, mapped on load.
    Named(FieldName),
    /// A goal's title in 附件3 (`row` is the goal index).
    GoalTitle(GoalTerm),
    /// A cell of an indicator table: 附件3 (with its goal) or a project's
    /// (`term` None; `row` of the [`Location`] is the indicator index).
    Indicator {
        /// Goal list and goal index, for 附件3.
        goal: Option<(GoalTerm, usize)>,
        /// Column.
        column: IndicatorColumn,
    },
    /// 采购类型 of a 政府采购 row.
    PurchaseKind,
    /// 指导性目录 of a 政府购买服务 row.
    Category,
    /// 经济科目 code of a 财政拨款 split row.
    EconomicCode,
    /// 基本支出 or 项目支出 part of a 财政拨款 split row.
    Part(SpendingKind),
}

/// What names a row, a project or a 附件3 goal within its list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RowKey {
    /// Its 科目 code (收支预算, 基本支出经济分类) or its name (a project, a
    /// goal, an indicator), and which of the rows carrying that text it is
    /// (0 for the first), for the rare list where two rows share it.
    Named(String, usize),
    /// A project by its 项目编码, and which of the projects carrying that
    /// code it is (0 for the first; two projects sharing a code are a
    /// finding, R05).
    Coded(String, usize),
    /// Its position, for rows nothing else names (单位构成, 人员构成, 近两年,
    /// 其他事项, 名词解释 …) and for rows past the end of their list.
    Position(usize),
}

/// A place in the document as a comment stores it: the sheet, the project
/// (for a project's sheet), the 附件3 goal, the row and the column, each by
/// identity, and the text the place had when the comment was made.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    /// The sheet. For a project's sheet the index is the project's position
    /// when the place was taken; [`Place::project`] is what finds it.
    pub sheet: Sheet,
    /// The project, for a project's sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<RowKey>,
    /// The 附件3 goal (by its title), for a goal's title or indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<RowKey>,
    /// The row within the sheet, goal or project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<RowKey>,
    /// The column or named field. A 附件3 indicator's goal index in it is
    /// the one when the place was taken; [`Place::goal`] is what finds it.
    #[serde(default)]
    pub field: Option<Field>,
    /// What the place was called when the comment was made:
    /// `收支预算 2050203 初中教育`. Empty only in files of older builds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The row index files of older builds stored instead of a key: read,
    /// mapped to a key on load, never written.
    #[serde(default, skip_serializing)]
    pub row: Option<usize>,
}

/// The review part of a document: every comment, open and resolved, in the
/// order they were made. Absent from files without comments (older files
/// load as having none, and a file without comments saves as before).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// All comments, oldest first.
    pub comments: Vec<Comment>,
}

impl Review {
    /// True when there is no comment at all (the part is then not written).
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }
}

/// One 审阅意见.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The cell, field or sheet it is about.
    pub at: Place,
    /// The rule id when the comment was made on a finding (e.g. `X01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Who wrote it (the reviewer's name as entered in the app).
    pub author: String,
    /// When, as Unix seconds.
    pub time: i64,
    /// What the reviewer asks.
    pub text: String,
    /// Dealt with by the 填报人; kept in the file as history.
    #[serde(default)]
    pub resolved: bool,
    /// Answers, oldest first (the 填报人's when resolving).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
}

/// An answer to a comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// Who answered.
    pub author: String,
    /// When, as Unix seconds.
    pub time: i64,
    /// The answer.
    pub text: String,
}

/// Declares [`FieldName`] with each variant's name in files and cell ids.
macro_rules! field_names {
    ($($variant:ident = $name:literal,)*) => {
        /// A named field of a form sheet: the model field it edits, so that a
        /// misspelt name fails to compile. Stored in files (审阅意见) as the
        /// model's field name (`"dept_name"`), and declared in that order so
        /// that locations sort as they did when the name was text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldName {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl FieldName {
            /// Every named field.
            pub const ALL: &[FieldName] = &[$(FieldName::$variant,)*];

            /// The model's name of the field (`"dept_name"`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FieldName::$variant => $name,)*
                }
            }

            /// The field of a model name, `None` for any other text.
            pub(crate) fn from_name(name: &str) -> Option<FieldName> {
                match name {
                    $($name => Some(FieldName::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

impl FieldName {
    /// The form field of a "三公" item: the 一般公共预算 one, or with
    /// `gov_fund` the 政府性基金预算 one.
    pub fn of_three_public(item: super::ThreePublicItem, gov_fund: bool) -> FieldName {
        use super::ThreePublicItem as I;
        match (item, gov_fund) {
            (I::Abroad, false) => FieldName::Abroad,
            (I::VehiclePurchase, false) => FieldName::VehiclePurchase,
            (I::VehicleOperation, false) => FieldName::VehicleOperation,
            (I::Reception, false) => FieldName::Reception,
            (I::Abroad, true) => FieldName::GovFundAbroad,
            (I::VehiclePurchase, true) => FieldName::GovFundVehiclePurchase,
            (I::VehicleOperation, true) => FieldName::GovFundVehicleOperation,
            (I::Reception, true) => FieldName::GovFundReception,
        }
    }

    /// The "三公" item a form field edits, and whether it is the
    /// 政府性基金预算 one; `None` for any other field.
    pub fn three_public_item(self) -> Option<(super::ThreePublicItem, bool)> {
        use super::ThreePublicItem as I;
        Some(match self {
            FieldName::Abroad => (I::Abroad, false),
            FieldName::VehiclePurchase => (I::VehiclePurchase, false),
            FieldName::VehicleOperation => (I::VehicleOperation, false),
            FieldName::Reception => (I::Reception, false),
            FieldName::GovFundAbroad => (I::Abroad, true),
            FieldName::GovFundVehiclePurchase => (I::VehiclePurchase, true),
            FieldName::GovFundVehicleOperation => (I::VehicleOperation, true),
            FieldName::GovFundReception => (I::Reception, true),
            _ => return None,
        })
    }
}

field_names! {
    Abroad = "abroad",
    Actual = "actual",
    AdminLevel = "admin_level",
    AnnualGoal = "annual_goal",
    AnnualGoals = "annual_goals",
    AnnualTasks = "annual_tasks",
    AssetsNote = "assets_note",
    Attribute = "attribute",
    Authorized = "authorized",
    ChangeReason = "change_reason",
    Code = "code",
    DeptCode = "dept_code",
    DeptFullName = "dept_full_name",
    DeptName = "dept_name",
    End = "end",
    Entity = "entity",
    Fiscal = "fiscal",
    Functions = "functions",
    FunctionsSummary = "functions_summary",
    GovFundAbroad = "gov_fund_abroad",
    GovFundReception = "gov_fund_reception",
    GovFundVehicleOperation = "gov_fund_vehicle_operation",
    GovFundVehiclePurchase = "gov_fund_vehicle_purchase",
    ImplementingUnit = "implementing_unit",
    IncomeFiscal = "income_fiscal",
    IncomeOther = "income_other",
    Indicators = "indicators",
    LongTermGoals = "long_term_goals",
    MidtermGoal = "midterm_goal",
    Name = "name",
    Other = "other",
    Phone = "phone",
    Preparer = "preparer",
    PrintUnit = "print_unit",
    PriorYearTotal = "prior_year_total",
    PriorYears = "prior_years",
    ProcurementGoods = "procurement_goods",
    ProcurementServices = "procurement_services",
    ProcurementWorks = "procurement_works",
    Purpose = "purpose",
    Reception = "reception",
    Retired = "retired",
    SpendingBasic = "spending_basic",
    SpendingProject = "spending_project",
    Staffing = "staffing",
    Start = "start",
    Template = "template",
    Term = "term",
    Text = "text",
    Unit = "unit",
    UnitKind = "unit_kind",
    UnitName = "unit_name",
    Units = "units",
    VehicleOperation = "vehicle_operation",
    VehiclePurchase = "vehicle_purchase",
    Vehicles = "vehicles",
    Year = "year",
}

impl std::fmt::Display for FieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FieldName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FieldName, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        FieldName::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "字段名“{}”无效",
                name.chars().take(40).collect::<String>()
            ))
        })
    }
}
