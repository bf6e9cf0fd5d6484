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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    /// A named text or number field of a form (e.g. "dept_name", "preparer",
    /// "fiscal", "annual_goal", "change_reason"); the names are the model's
    /// field names.
    Named(&'static str),
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
}

/// [`Field`] as read from a file: a named field's name as owned text, which
/// [`Field`]'s `TryFrom` checks and interns.
#[derive(Deserialize)]
#[serde(rename = "Field")]
enum FieldRepr {
    Code,
    Name,
    Amount(FundSource, SpendingKind),
    Value,
    Bucket,
    Named(String),
    GoalTitle(GoalTerm),
    Indicator {
        goal: Option<(GoalTerm, usize)>,
        column: IndicatorColumn,
    },
}

// By hand: a derived impl would borrow the `&'static str` from the input and
// so only read from `'static` text.
impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        Field::try_from(FieldRepr::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<FieldRepr> for Field {
    type Error = String;
    fn try_from(r: FieldRepr) -> Result<Field, String> {
        Ok(match r {
            FieldRepr::Code => Field::Code,
            FieldRepr::Name => Field::Name,
            FieldRepr::Amount(s, k) => Field::Amount(s, k),
            FieldRepr::Value => Field::Value,
            FieldRepr::Bucket => Field::Bucket,
            FieldRepr::Named(n) => Field::Named(named_field(&n)?),
            FieldRepr::GoalTitle(t) => Field::GoalTitle(t),
            FieldRepr::Indicator { goal, column } => Field::Indicator { goal, column },
        })
    }
}

/// Most distinct field names interned per process.
const MAX_NAMES: usize = 1024;

/// Longest field name a file may give for [`Field::Named`].
const MAX_FIELD_NAME: usize = 40;

/// Reads a [`Field::Named`] name. The app's names are the model's field
/// names, so a name from a file is interned once per distinct name (a short
/// ASCII identifier; anything else is refused), which keeps `Location`
/// `Copy` and lets a stored comment point at the same cell id as the app.
fn named_field(name: &str) -> Result<&'static str, String> {
    let ok = !name.is_empty()
        && name.len() <= MAX_FIELD_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ok {
        return Err(format!(
            "字段名“{}”无效",
            name.chars().take(MAX_FIELD_NAME).collect::<String>()
        ));
    }
    intern(name)
}

/// The one `&'static str` for `name` (allocated the first time it is seen).
fn intern(name: &str) -> Result<&'static str, String> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(s) = set.get(name) {
        return Ok(s);
    }
    // The app uses a few dozen names; a file inventing thousands is not
    // allowed to grow this table without bound.
    if set.len() >= MAX_NAMES {
        return Err(format!("文件中的字段名过多（超过 {MAX_NAMES} 个）"));
    }
    let s: &'static str = Box::leak(name.to_owned().into_boxed_str());
    set.insert(s);
    Ok(s)
}
