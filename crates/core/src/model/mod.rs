//! The budget document as the 填报人 enters it. Nothing here is derived: every
//! figure appears once, and every table, share and sentence that can be
//! computed from these fields lives in [`crate::derive`] or [`crate::narrative`].

mod amounts;
mod budget;
mod codes;
mod cross;
mod performance;
mod provenance;
mod purchases;
pub mod review;
mod template_ref;
mod texts;

pub use amounts::*;
pub use budget::*;
pub use codes::*;
pub use cross::*;
pub use performance::*;
pub use provenance::MergeSource;
pub use purchases::*;
pub use template_ref::{Template, content_hash};
pub use texts::*;

use crate::money::Money;
use serde::{Deserialize, Serialize};

/// Version of the file format this build writes. Files with a larger version
/// are refused; smaller ones are migrated on load.
pub const FORMAT_VERSION: u32 = 1;

/// One department's budget for one year: everything the published document prints.
///
/// Reading is lenient where it can be without losing meaning: every part but
/// `format_version` and `meta` (and, within them, a row's 科目 code, the
/// department's name and the year) may be missing and then reads as empty;
/// the rules report what an empty part leaves out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// File format version, see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Who and which year.
    pub meta: Meta,
    /// 第一部分 概况.
    #[serde(default)]
    pub overview: Overview,
    /// 收支预算: one row per 功能科目 项.
    #[serde(default)]
    pub budget_lines: Vec<BudgetLine>,
    /// 一般公共预算基本支出 by 经济科目 款.
    #[serde(default)]
    pub basic_by_economic: Vec<EconomicLine>,
    /// "三公"经费.
    #[serde(default)]
    pub three_public: ThreePublic,
    /// Projects (表10, one sheet each).
    #[serde(default)]
    pub projects: Vec<Project>,
    /// 附件3 部门整体支出绩效目标申报表.
    #[serde(default)]
    pub performance: DeptPerformance,
    /// 其他重要事项.
    #[serde(default)]
    pub other: OtherMatters,
    /// 第四部分 名词解释.
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    /// 上年 "三公"经费 预算数 (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_three_public: Option<ThreePublic>,
    /// 审阅意见: reviewers' comments and their replies (never printed).
    /// Absent from files without comments, so older files load and files
    /// without comments save as before.
    #[serde(default, skip_serializing_if = "review::Review::is_empty")]
    pub review: review::Review,
    /// The units a 部门 document was summed from (`yusuan merge`), so that
    /// `merge --check` can tell a unit changed since. Absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<MergeSource>,
    /// 政府采购预算明细, one row per 采购项目 (absent when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procurement: Vec<ProcurementItem>,
    /// 政府购买服务预算财政拨款明细, one row per service (absent when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purchased_services: Vec<PurchasedService>,
    /// "三公"经费 paid from 政府性基金预算 (四川 公开表4-1); `three_public`
    /// is the 一般公共预算 one every template prints. Absent when zero.
    #[serde(default, skip_serializing_if = "ThreePublic::is_zero")]
    pub gov_fund_three_public: ThreePublic,
    /// 财政拨款支出 by 功能科目 × 经济科目 款 (四川 公开表2-1; absent when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fiscal_by_economic: Vec<CrossLine>,
}

impl Document {
    /// The 收支预算 summed over its lines by (资金来源, 支出类型), for every
    /// pair some line holds (a zero sum included).
    pub fn budget_by_pair(&self) -> Amounts {
        let mut cells = Amounts::new();
        for (k, v) in self.budget_lines.iter().flat_map(|l| l.amounts.iter()) {
            *cells.entry(*k).or_default() += *v;
        }
        cells
    }

    /// A new, empty document: valid, with the standard 名词解释 and the two
    /// prior years of 附件3 numbered.
    pub fn blank(dept: &str, year: i32) -> Document {
        let mut doc = Document {
            format_version: FORMAT_VERSION,
            meta: Meta {
                dept_name: dept.to_string(),
                year,
                ..Default::default()
            },
            overview: Overview::default(),
            budget_lines: Vec::new(),
            basic_by_economic: Vec::new(),
            three_public: ThreePublic::default(),
            projects: Vec::new(),
            performance: DeptPerformance::default(),
            other: OtherMatters::default(),
            glossary: default_glossary(AdminLevel::District),
            prior_three_public: None,
            review: Default::default(),
            merged_from: Vec::new(),
            procurement: Vec::new(),
            purchased_services: Vec::new(),
            gov_fund_three_public: ThreePublic::default(),
            fiscal_by_economic: Vec::new(),
        };
        doc.performance.prior_years[0].year = year - 1;
        doc.performance.prior_years[1].year = year - 2;
        doc
    }
}

/// Level of government the department belongs to; decides wording such as
/// 区级财政 and which template residue is flagged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminLevel {
    /// 省级
    Province,
    /// 市级
    City,
    /// 区（县）级
    #[default]
    District,
}

impl AdminLevel {
    /// `区级`, `市级`, `省级`.
    pub fn label(self) -> &'static str {
        match self {
            AdminLevel::Province => "省级",
            AdminLevel::City => "市级",
            AdminLevel::District => "区级",
        }
    }
}

/// A unit money is entered or printed in (defined with [`Money`]; named
/// here too because the file format calls it `unit: Yuan`).
pub use crate::money::MoneyUnit;

/// Whether the document is a 部门's (the sum of its units) or one 单位's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Entity {
    /// 部门预算.
    #[default]
    Department,
    /// 单位预算 (a 所属单位's own document).
    Unit,
}

impl Entity {
    /// Both, in the order the app offers them.
    pub const ALL: [Entity; 2] = [Entity::Department, Entity::Unit];

    /// `部门`, `单位`: the word the titles and text use.
    pub fn word(self) -> &'static str {
        match self {
            Entity::Department => "部门",
            Entity::Unit => "单位",
        }
    }

    /// The other kind (whose wording must not appear in this one's text).
    pub fn other(self) -> Entity {
        match self {
            Entity::Department => Entity::Unit,
            Entity::Unit => Entity::Department,
        }
    }
}

/// Who, which year, and how money is counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// 部门名称 as the titles print it, e.g. 青山区大数据中心.
    pub dept_name: String,
    /// Full name for 附件3, e.g. 武汉市青山区大数据中心; empty means [`Meta::dept_name`].
    #[serde(default)]
    pub dept_full_name: String,
    /// 预算年度.
    pub year: i32,
    /// 主管部门编码, e.g. 005001025.
    pub dept_code: String,
    /// Level of government.
    #[serde(default)]
    pub admin_level: AdminLevel,
    /// 填报人.
    pub preparer: String,
    /// 联系电话.
    pub phone: String,
    /// Unit the amounts are entered (and, unless the template says
    /// otherwise for a table, printed) in.
    #[serde(default)]
    pub unit: MoneyUnit,
    /// Unit the tables print in where the template does not fix one; `None`
    /// = [`Meta::unit`]. Entered 元 can print as 万元: the figures stay as
    /// entered and the 尾差 rule keeps the printed tables adding up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_unit: Option<MoneyUnit>,
    /// Template edition the document is published in.
    #[serde(default)]
    pub template: Template,
    /// 部门 or 单位 document.
    #[serde(default)]
    pub entity: Entity,
    /// The 科目表 (year and edition) the document was prepared against;
    /// absent in files from before catalogs were versioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<CatalogRef>,
}

/// Which 科目表 a document was prepared against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogRef {
    /// Catalog year.
    pub year: i32,
    /// Edition name, e.g. `2025-05 修订` or `内置`.
    pub edition: String,
}

impl Meta {
    /// The unit tables and text print in unless the template fixes one.
    pub fn printed_unit(&self) -> MoneyUnit {
        self.print_unit.unwrap_or(self.unit)
    }

    /// The full name where one was given, else the short one.
    pub fn full_name(&self) -> &str {
        if self.dept_full_name.trim().is_empty() {
            &self.dept_name
        } else {
            &self.dept_full_name
        }
    }
}

/// Kind of 编制.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StaffKind {
    /// 行政编制
    Administrative,
    /// 事业编制
    Institution,
    /// 工勤编制
    Worker,
}

impl StaffKind {
    /// All kinds.
    pub const ALL: [StaffKind; 3] = [
        StaffKind::Administrative,
        StaffKind::Institution,
        StaffKind::Worker,
    ];

    /// Printed name.
    pub fn label(self) -> &'static str {
        match self {
            StaffKind::Administrative => "行政编制",
            StaffKind::Institution => "事业编制",
            StaffKind::Worker => "工勤编制",
        }
    }
}

/// Head counts by kind; totals are derived.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Staffing {
    /// 编制 by kind.
    pub authorized: Vec<(StaffKind, u32)>,
    /// 在职实有 by kind.
    pub actual: Vec<(StaffKind, u32)>,
    /// 离退休人员.
    pub retired: u32,
}

impl Staffing {
    /// 总编制人数.
    pub fn authorized_total(&self) -> u32 {
        self.authorized
            .iter()
            .fold(0u32, |a, (_, n)| a.saturating_add(*n))
    }
    /// 在职实有人数.
    pub fn actual_total(&self) -> u32 {
        self.actual
            .iter()
            .fold(0u32, |a, (_, n)| a.saturating_add(*n))
    }
}

/// 第一部分 概况.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overview {
    /// 部门主要职能, one entry per numbered paragraph (without its number).
    pub functions: Vec<String>,
    /// 预算单位构成: the units, the first being 本级.
    pub units: Vec<BudgetUnit>,
    /// 人员构成.
    pub staffing: Staffing,
}

/// Kind of budget unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    /// 行政单位
    Administrative,
    /// 参照公务员法管理的事业单位
    CivilServiceManaged,
    /// 事业单位
    #[default]
    Institution,
}

impl UnitKind {
    /// Printed name.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Administrative => "行政单位",
            UnitKind::CivilServiceManaged => "参照公务员法管理的事业单位",
            UnitKind::Institution => "事业单位",
        }
    }
}

/// One 预算单位.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetUnit {
    /// Name, e.g. 本级机关.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
}

/// 其他重要事项 and the year-on-year comparison.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OtherMatters {
    /// 上年预算总额 (部门收支总预算 of the previous year).
    pub prior_year_total: Money,
    /// Why the total changed, e.g. 财政经费压减 (printed after "主要是").
    pub change_reason: String,
    /// 政府采购预算: 货物类, as typed; stated only while the document has
    /// no 政府采购 rows ([`Document::procurement_by_kind`]).
    pub procurement_goods: Money,
    /// 政府采购预算: 工程类.
    pub procurement_works: Money,
    /// 政府采购预算: 服务类.
    pub procurement_services: Money,
    /// 国有资产: 车辆 at 31 December of the previous year.
    pub vehicles: u32,
    /// Further 国有资产 text, printed after the vehicle sentence.
    #[serde(default)]
    pub assets_note: String,
}

impl OtherMatters {
    /// The typed 政府采购预算 合计. Only a document without 政府采购 rows
    /// states it; everything printed reads
    /// [`Document::procurement_total`], which prefers the rows.
    pub fn procurement_total(&self) -> Money {
        self.procurement_goods + self.procurement_works + self.procurement_services
    }
}

/// One 名词解释 entry, in printed order. The entries are numbered (一), (二)…
/// when printed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum GlossaryEntry {
    /// A term and its explanation, editable.
    Term {
        /// Term, e.g. 基本支出.
        term: String,
        /// Explanation.
        text: String,
    },
    /// 本部门使用的主要支出功能分类科目(项级): generated from the 收支预算 rows.
    FunctionCodesUsed,
}

/// The standard 名词解释, worded for the department's level of government.
pub fn default_glossary(level: AdminLevel) -> Vec<GlossaryEntry> {
    let term = |t: &str, x: String| GlossaryEntry::Term {
        term: t.to_string(),
        text: x,
    };
    let lv = level.label();
    let dept = match level {
        AdminLevel::Province => "省直部门",
        AdminLevel::City => "市直部门",
        AdminLevel::District => "区直部门",
    };
    vec![
        term("一般公共预算财政拨款收入", format!("指{lv}财政一般公共预算当年拨付的资金。")),
        term("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。".into()),
        term("项目支出", "指在基本支出之外为完成特定的行政任务和事业发展目标所发生的支出。".into()),
        GlossaryEntry::FunctionCodesUsed,
        term("“三公”经费", format!("纳入财政一般公共预算管理的“三公”经费，是指{dept}用一般公共预算财政拨款安排的因公出国(境)费、公务用车购置及运行维护费和公务接待费。其中，(1)因公出国(境)费，反映单位公务出国(境)的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；(2)公务用车购置及运行维护费，反映单位公务用车购置支出(含车辆购置税、牌照费)及燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；(3)公务接待费反映单位按规定开支的各类公务接待(含外宾接待)支出。")),
        term("机关运行经费", "为保障行政单位(包括参照公务员法管理的事业单位)运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用等。".into()),
        term("其他专用名词", "根据本部门使用的其他专用名词补充解释。".into()),
    ]
}
