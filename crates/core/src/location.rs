//! Addresses of places in the document: which sheet, which row, which field.
//! Findings point at a [`Location`]; the app selects the sheet, scrolls to
//! the row and focuses the field. Locations are serialisable because
//! reviewers' comments ([`crate::comments`]) are stored with the place they
//! point at.

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
    /// 附件3 部门整体支出绩效目标申报表.
    Performance,
    /// 其他重要事项.
    Other,
    /// 第三部分 情况说明 (generated).
    Narrative,
    /// 第四部分 名词解释.
    Glossary,
    /// A derived table 表1–表8 (read-only).
    Table(u8),
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
            Sheet::Performance => "部门整体绩效（附件3）".into(),
            Sheet::Other => "其他重要事项".into(),
            Sheet::Narrative => "情况说明".into(),
            Sheet::Glossary => "名词解释".into(),
            Sheet::Table(n) => format!("表{n}"),
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
    /// An amount of a 收支预算 row.
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
    /// 财政拨款, …).
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
}

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
            pub fn from_name(name: &str) -> Option<FieldName> {
                match name {
                    $($name => Some(FieldName::$variant),)*
                    _ => None,
                }
            }
        }
    };
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
    DeptCode = "dept_code",
    DeptFullName = "dept_full_name",
    DeptName = "dept_name",
    End = "end",
    Entity = "entity",
    Fiscal = "fiscal",
    Functions = "functions",
    FunctionsSummary = "functions_summary",
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
