//! 审核 rules: every check a reviewer would make, each with a stable id, a
//! severity, a Chinese message naming the figures, and a location.
//!
//! Groups (ids): `T` within a table, `X` across tables, `C` catalog codes,
//! `R` required content, `P` performance indicators, `W` wording (residue,
//! placeholders, punctuation), `A` amounts (precision, sign), `Y` year and
//! year-on-year change.

mod content;
mod finding;
mod sums;

pub use content::text_location;
pub use finding::{Finding, Severity};

use crate::catalog::Catalog;
use crate::derive::{Derived, derive};
use crate::location::{Field, FieldName, Location, Sheet};
use crate::model::Document;
use crate::template::Printed;

/// One rule of the catalogue, for documentation and the CLI.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Severity it reports with.
    pub severity: Severity,
    /// What it checks.
    pub title: &'static str,
}

/// Every rule, in id order.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "T01",
        severity: Severity::Error,
        title: "表中 类 = Σ款 = Σ项，合计行 = Σ类（表2/3/5/7/8）",
    },
    RuleInfo {
        id: "T02",
        severity: Severity::Error,
        title: "合计列 = 各列之和（如 合计 = 基本支出 + 项目支出）",
    },
    RuleInfo {
        id: "T03",
        severity: Severity::Error,
        title: "收入总计 = 支出总计（表1、表6）",
    },
    RuleInfo {
        id: "T04",
        severity: Severity::Info,
        title: "按尾差规则调整的单元格（一条提示汇总全部；以较大单位印制时各级合计仍相符）",
    },
    RuleInfo {
        id: "T05",
        severity: Severity::Error,
        title: "同一数字在两处印制时数值相同（基本支出 表3/表8 合计、“三公”经费 表与正文、财政拨款 表1 与分表）",
    },
    RuleInfo {
        id: "X01",
        severity: Severity::Error,
        title: "收支预算中一般公共预算基本支出 = 经济分类基本支出（人员经费 + 公用经费）",
    },
    RuleInfo {
        id: "X02",
        severity: Severity::Error,
        title: "表10 各项目资金总额之和 = 项目支出",
    },
    RuleInfo {
        id: "X03",
        severity: Severity::Warning,
        title: "“三公”经费与经济科目 30212/30217/30231 一致",
    },
    RuleInfo {
        id: "X04",
        severity: Severity::Warning,
        title: "附件3 上年收入合计 = 上年预算总额；近两年 收入合计 = 支出合计",
    },
    RuleInfo {
        id: "C01",
        severity: Severity::Error,
        title: "科目编码格式正确，且在当年官方完整科目表中",
    },
    RuleInfo {
        id: "C02",
        severity: Severity::Warning,
        title: "科目名称与当年科目表一致",
    },
    RuleInfo {
        id: "C03",
        severity: Severity::Info,
        title: "科目编码不在内置部分科目表中（未核实）",
    },
    RuleInfo {
        id: "C04",
        severity: Severity::Warning,
        title: "同一科目重复录入",
    },
    RuleInfo {
        id: "C05",
        severity: Severity::Warning,
        title: "本年度没有科目表，按最近的较早年度科目表核对",
    },
    RuleInfo {
        id: "C06",
        severity: Severity::Info,
        title: "文件记录的科目表版本本机未安装",
    },
    RuleInfo {
        id: "R01",
        severity: Severity::Error,
        title: "必填项：部门名称、年度、填报人、联系电话、主管部门编码",
    },
    RuleInfo {
        id: "R02",
        severity: Severity::Error,
        title: "项目必填：名称、中期目标、年度目标、至少一个产出指标",
    },
    RuleInfo {
        id: "R04",
        severity: Severity::Warning,
        title: "项目缺少效益指标",
    },
    RuleInfo {
        id: "R03",
        severity: Severity::Warning,
        title: "必备内容：主要职能、人员构成、年度工作任务、整体绩效目标",
    },
    RuleInfo {
        id: "P01",
        severity: Severity::Warning,
        title: "二级指标与一级指标匹配（如“实效指标”应为“时效指标”）",
    },
    RuleInfo {
        id: "P02",
        severity: Severity::Error,
        title: "指标缺少一级指标、名称或指标值",
    },
    RuleInfo {
        id: "W01",
        severity: Severity::Warning,
        title: "模板残留与占位符（xxx、XX、待填写、区级文件中的“市直部门”等）",
    },
    RuleInfo {
        id: "W02",
        severity: Severity::Info,
        title: "标点：中文句子中的半角标点、括号不配对",
    },
    RuleInfo {
        id: "W03",
        severity: Severity::Warning,
        title: "字体无法显示的字符、控制字符",
    },
    RuleInfo {
        id: "W04",
        severity: Severity::Warning,
        title: "部门预算中写“本单位”、单位预算中写“本部门”",
    },
    RuleInfo {
        id: "A01",
        severity: Severity::Error,
        title: "金额超过 2 位小数（万元或元）",
    },
    RuleInfo {
        id: "A02",
        severity: Severity::Error,
        title: "不允许的负数金额",
    },
    RuleInfo {
        id: "Y01",
        severity: Severity::Warning,
        title: "预算总额比上年增减但未说明原因",
    },
    RuleInfo {
        id: "Y03",
        severity: Severity::Warning,
        title: "某类支出同比变动超过模板阈值而未说明原因（需上年分科目数）",
    },
    RuleInfo {
        id: "Y02",
        severity: Severity::Warning,
        title: "年度一致：近两年年份、项目起止时间属于预算年度",
    },
];

/// Runs every rule on the document. Cheap enough to call after every edit.
pub fn check(doc: &Document, catalog: &Catalog) -> Vec<Finding> {
    derive_and_check(doc, catalog).1
}

/// Derives the document and runs every rule: what the app does after each
/// edit. The rules that read only the entered document run on a second core
/// while the tables are derived and checked (each side is about half the
/// work; the 2-core machines users have finish an edit in the time of one).
pub fn derive_and_check(doc: &Document, catalog: &Catalog) -> (Derived, Vec<Finding>) {
    let ((derived, mut out), entered) = rayon::join(
        || {
            let derived = derive(doc, catalog);
            let mut out = Vec::new();
            derived_rules(doc, &derived, &mut out);
            (derived, out)
        },
        || {
            let mut out = Vec::new();
            entered_rules(doc, catalog, &mut out);
            out
        },
    );
    out.extend(entered);
    only_printed(doc, &mut out);
    sort(&mut out);
    (derived, out)
}

/// Runs every rule given already-derived figures.
pub fn check_derived(doc: &Document, catalog: &Catalog, derived: &Derived) -> Vec<Finding> {
    let mut out = Vec::new();
    derived_rules(doc, derived, &mut out);
    entered_rules(doc, catalog, &mut out);
    only_printed(doc, &mut out);
    sort(&mut out);
    out
}

/// The template part a place's data is printed in, where that part is one
/// only some templates print ([`Printed`]); `None` for data every template
/// prints. Every rule names the place it is about, so this one table
/// states which part each rule's finding needs: the R03 附件3 entries, X04
/// and Y02's 近两年, P01/P02 on 附件3 goals, 填报人/联系电话 need
/// 附件3; R02's goals and 产出指标, R04, P01/P02 on a project's
/// indicators, Y02's 起止时间 and the 主管部门编码 need 表10.
pub fn printed_in(loc: &Location) -> Option<Printed> {
    let named = match loc.field {
        Some(Field::Named(f)) => Some(f),
        _ => None,
    };
    match loc.sheet {
        Sheet::Performance => Some(Printed::DeptPerformance),
        Sheet::Meta => match named? {
            FieldName::Preparer | FieldName::Phone => Some(Printed::DeptPerformance),
            FieldName::DeptCode => Some(Printed::ProjectPerformance),
            _ => None,
        },
        Sheet::Project(_) => match loc.field? {
            Field::Indicator { .. } => Some(Printed::ProjectPerformance),
            Field::Named(
                FieldName::ImplementingUnit
                | FieldName::Start
                | FieldName::End
                | FieldName::MidtermGoal
                | FieldName::AnnualGoal
                | FieldName::Indicators
                | FieldName::Attribute,
            ) => Some(Printed::ProjectPerformance),
            _ => None,
        },
        _ => None,
    }
}

/// Drops the findings about data the document's template does not print:
/// a rule asks only for what is published (上海 2025 prints neither 附件3
/// nor 表10, so a project without 产出指标 is no 错误 there).
fn only_printed(doc: &Document, out: &mut Vec<Finding>) {
    let spec = doc.meta.template.spec();
    out.retain(|f| printed_in(&f.location).is_none_or(|p| spec.prints(p)));
}

/// The rules on the derived tables and figures (T, X, Y01–Y02).
fn derived_rules(doc: &Document, derived: &Derived, out: &mut Vec<Finding>) {
    sums::check_tables(&derived.tables, out);
    sums::check_cross(doc, derived, out);
    sums::check_printed_once(doc, derived, out);
    content::check_years(doc, derived, out);
}

/// The rules on the entered document alone (C, R, P, W, A, Y03).
fn entered_rules(doc: &Document, catalog: &Catalog, out: &mut Vec<Finding>) {
    content::check_codes(doc, catalog, out);
    content::check_required(doc, out);
    content::check_indicators(doc, out);
    content::check_text(doc, out);
    content::check_amounts(doc, out);
    content::check_class_changes(doc, catalog, doc, out);
}

/// Most severe first, then by rule id; a rule's findings keep their order
/// (no rule runs in both [`derived_rules`] and [`entered_rules`], so the
/// result does not depend on which side finished first).
fn sort(out: &mut [Finding]) {
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(b.rule)));
}
