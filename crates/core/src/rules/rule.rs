//! The rule table: each 审核 rule's id, severity and title, stated once.
//! A [`super::Finding`] is built from a [`Rule`] and takes its severity from
//! here, so a finding cannot disagree with its rule, and the CLI, the app's
//! 审核 panel and the checklist all read the same table.

use super::Severity;
use std::fmt;

/// Declares [`Rule`] and its table from one list of `id severity "title";`.
macro_rules! rules {
    ($($id:ident $sev:ident $title:literal;)*) => {
        /// One 审核 rule. Groups (ids): `T` within a table, `X` across
        /// tables, `C` catalog codes, `R` required content, `P` performance
        /// indicators, `W` wording, `A` amounts, `Y` years, `U` cells the app
        /// could not read.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = $title]
                $id,
            )*
        }

        impl Rule {
            /// Every rule, in the table's order.
            pub const ALL: &'static [Rule] = &[$(Rule::$id),*];

            /// Stable id, e.g. `X01`: what files, scripts and comments name.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$id => stringify!($id),)*
                }
            }

            /// The severity every finding of the rule reports with.
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$id => Severity::$sev,)*
                }
            }

            /// What the rule checks.
            pub fn title(self) -> &'static str {
                match self {
                    $(Rule::$id => $title,)*
                }
            }
        }
    };
}

rules! {
    T01 Error "表中 类 = Σ款 = Σ项，合计行 = Σ类（表2/3/5/7/8）";
    T02 Error "合计列 = 各列之和（如 合计 = 基本支出 + 项目支出）";
    T03 Error "收入总计 = 支出总计（表1、表6）";
    T04 Info "按尾差规则调整的单元格（一条提示汇总全部；以较大单位印制时各级合计仍相符）";
    T05 Error "同一数字在两处印制时数值相同（基本支出 表3/表8 合计、“三公”经费 表与正文、财政拨款 表1 与分表）";
    X01 Error "收支预算中一般公共预算基本支出 = 经济分类基本支出（人员经费 + 公用经费）";
    X02 Error "项目支出绩效目标表中各项目资金总额之和 = 项目支出";
    X03 Warning "“三公”经费与经济科目 30212/30217/30231 一致";
    X04 Warning "部门整体支出绩效目标表 上年收入合计 = 上年预算总额；近两年 收入合计 = 支出合计";
    X05 Warning "文字中写出的金额与其所指的数字一致（如“三公”经费、预算总额）";
    X07 Warning "各项目按资金来源之和 = 收支预算中该来源的项目支出";
    X06 Warning "部门整体与项目支出绩效目标表中同名指标的指标值一致（年度目标对年度指标值，长期目标对长期指标值）";
    X08 Error "政府采购不超过其所出科目的支出，政府购买服务不超过其所出科目的财政拨款支出（按科目合计）";
    X09 Error "政府性基金预算“三公”经费不超过政府性基金预算支出";
    X11 Error "财政拨款按经济分类的分解：每个功能科目各经济科目之和 = 该科目的财政拨款支出（基本支出、项目支出分别核对；科目须在收支预算中）";
    X12 Error "财政拨款按经济分类的分解：基本支出按经济科目（款）合计 = 一般公共预算基本支出经济分类（财政拨款基本支出全部来自一般公共预算时）";
    X13 Error "按单位分行的表：汇总生成的文件中，各单位汇总时的金额之和 = 本文件的收支预算（按资金来源、支出类型；汇总后改过数字须重新汇总）";
    X10 Warning "政府预算经济分类（按对应关系由部门经济分类推得）合计 = 部门经济分类基本支出合计";
    C01 Error "科目编码格式正确，且在当年官方完整科目表中";
    C02 Warning "科目名称与当年科目表一致";
    C03 Info "科目编码不在内置部分科目表中（未核实）";
    C04 Warning "同一科目重复录入";
    C05 Warning "本年度没有科目表，按最近的较早年度科目表核对";
    C06 Info "文件记录的科目表版本本机未安装";
    C07 Info "部门经济分类科目在对应关系中有对应的政府经济分类科目（印制政府预算经济分类表时）";
    R01 Error "必填项：部门名称、年度、填报人、联系电话、主管部门编码";
    R02 Error "项目必填：名称、中期目标、年度目标、至少一个产出指标";
    R04 Warning "项目缺少效益指标";
    R05 Error "项目编码不重复（每个项目一个编码）";
    R03 Warning "必备内容：主要职能、人员构成、年度工作任务、整体绩效目标";
    R06 Error "政府采购、政府购买服务必填：名称、所出功能科目（须为收支预算中的科目）";
    P01 Warning "二级指标与一级指标匹配（如“实效指标”应为“时效指标”）";
    P02 Error "指标缺少一级指标、名称或指标值";
    W01 Warning "模板残留与占位符（XX、xx、Ｘ、某某、○○、待定、{单位}、（略）、TBD、待填写、区级文件中的“市直部门”等）";
    W02 Info "标点：中文句子中的半角标点、括号不配对";
    W03 Warning "字体无法显示的字符、控制字符";
    W04 Warning "部门预算中写“本单位”、单位预算中写“本部门”";
    A01 Error "金额超过 2 位小数（万元或元）";
    A02 Error "不允许的负数金额";
    A03 Warning "政府采购、政府购买服务的金额为零";
    Y01 Warning "预算总额比上年增减但未说明原因";
    Y03 Warning "某类支出同比变动超过模板阈值而未说明原因（需上年分科目数）";
    Y02 Warning "年度一致：近两年年份、项目起止时间属于预算年度";
    Y04 Warning "上年数与上年文件的本年数一致（yusuan check 文件 --prior 上年文件）";
    Y05 Info "文字中写的年份是上年（可能是沿用上年的文字）";
    U01 Error "录入框中无法识别的内容（未存入文件）";
}

impl Rule {
    /// The rule with id `id`, if there is one (ids stored in 审阅意见 are text).
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Lets tests and callers compare with an id: `f.rule == "C01"`.
impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule has one id (unique, three characters, group letter then
    /// number) and round-trips through it.
    #[test]
    fn ids_are_unique_and_read_back() {
        let mut seen = std::collections::BTreeSet::new();
        for r in Rule::ALL {
            assert!(seen.insert(r.id()), "{} twice", r.id());
            assert_eq!(r.id().chars().count(), 3, "{}", r.id());
            assert!("TXCRPWAYU".contains(&r.id()[..1]), "{}", r.id());
            assert_eq!(Rule::from_id(r.id()), Some(*r));
            assert!(!r.title().is_empty());
        }
        assert_eq!(Rule::from_id("Z99"), None);
    }

    /// The table lists exactly what the checks report: each rule but the
    /// app's U01 (its unreadable cells) is named by some check.
    #[test]
    fn every_rule_in_the_table_is_reported_by_a_check() {
        let checks = [
            include_str!("content.rs"),
            include_str!("sums.rs"),
            include_str!("prior.rs"),
            include_str!("text_figures.rs"),
            include_str!("indicators_twice.rs"),
            include_str!("purchases.rs"),
            include_str!("cross.rs"),
            include_str!("gov_economic.rs"),
            include_str!("units.rs"),
        ]
        .concat();
        for r in Rule::ALL.iter().filter(|r| **r != Rule::U01) {
            assert!(
                checks.contains(&format!("Rule::{}", r.id())),
                "{} is in the table but no check reports it",
                r.id()
            );
        }
    }
}
