//! The one list of a document's text fields: [`Document::for_each_text`]
//! and [`Document::for_each_text_mut`] visit every `String` the document
//! holds (names, codes, paragraphs, indicator texts, 审阅意见, merge
//! sources), each with a [`TextKey`] saying which field it is, as
//! [`Document::for_each_amount`] does for money. Code that must look at
//! every text (the hidden-character rule W03) walks this instead of
//! listing the fields again, so a text field added to the model is added
//! here once.

use super::{Document, GlossaryEntry, IndicatorValue};

/// A text field of [`super::Meta`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaText {
    /// 部门名称
    DeptName,
    /// 部门全称
    DeptFullName,
    /// 主管部门编码
    DeptCode,
    /// 填报人
    Preparer,
    /// 联系电话
    Phone,
    /// 科目表版本
    CatalogEdition,
}

/// A text field of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectText {
    /// 项目名称
    Name,
    /// 实施单位
    ImplementingUnit,
    /// 起始时间
    Start,
    /// 终止时间
    End,
    /// 主要用途
    Purpose,
    /// 中期目标
    MidtermGoal,
    /// 年度目标
    AnnualGoal,
}

/// A text column of an indicator row (附件3 goals and 表10 projects).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorText {
    /// 二级指标
    Level2,
    /// 三级指标
    Name,
    /// 指标值 (附件3; a numeric value's unit)
    Value,
    /// 绩效标准
    Standard,
    /// 近两年指标值, previous year first
    Prior(usize),
    /// 指标值（长期）of a project
    LongTerm,
    /// 指标值（年度）of a project
    Annual,
}

/// Which 附件3 goal list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GoalList {
    /// 长期目标
    LongTerm,
    /// 年度目标
    Annual,
}

/// Which text of a 审阅意见 or its reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CommentText {
    /// The rule id the comment was made on.
    Rule,
    /// Who wrote it.
    Author,
    /// What it says.
    Text,
    /// The name its place had when it was made (shown when the place is gone).
    Place,
}

/// Which text of a merge source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceText {
    /// The unit's file.
    File,
    /// The unit's name.
    Unit,
    /// The fingerprint of its bytes.
    Hash,
}

/// Which text field of a [`Document`] a string is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextKey {
    /// 基本信息.
    Meta(MetaText),
    /// 部门主要职能, paragraph `n`.
    Function(usize),
    /// 预算单位构成, row `n`: the unit's name.
    UnitName(usize),
    /// 收支预算 row `n`: 科目编码.
    BudgetCode(usize),
    /// 收支预算 row `n`: 科目名称.
    BudgetName(usize),
    /// 基本支出 经济科目 row `n`: 科目编码.
    EconomicCode(usize),
    /// 基本支出 经济科目 row `n`: 科目名称.
    EconomicName(usize),
    /// A field of project `n`.
    Project(usize, ProjectText),
    /// Project `n`, indicator row `r`.
    ProjectIndicator(usize, usize, IndicatorText),
    /// 附件3 部门职能概述, paragraph `n`.
    FunctionsSummary(usize),
    /// 附件3 年度工作任务, paragraph `n`.
    AnnualTask(usize),
    /// 附件3 goal `n` of a list: its title.
    GoalTitle(GoalList, usize),
    /// 附件3 goal `n` of a list, indicator row `r`.
    GoalIndicator(GoalList, usize, usize, IndicatorText),
    /// 其他重要事项: 变动原因.
    ChangeReason,
    /// 其他重要事项: 国有资产说明.
    AssetsNote,
    /// 名词解释 entry `n`: the term.
    GlossaryTerm(usize),
    /// 名词解释 entry `n`: the explanation.
    GlossaryText(usize),
    /// 审阅意见 `n`.
    Comment(usize, CommentText),
    /// 审阅意见 `n`, reply `r`.
    Reply(usize, usize, CommentText),
    /// 汇总来源 `n` (`yusuan merge`).
    MergedFrom(usize, SourceText),
    /// 政府采购明细 row `n`.
    Procurement(usize, PurchaseText),
    /// 政府购买服务 row `n`.
    PurchasedService(usize, PurchaseText),
}

/// A text field of a 政府采购 or 政府购买服务 row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PurchaseText {
    /// 采购项目 / 服务名称
    Name,
    /// 功能科目编码
    Code,
    /// 指导性目录 (政府购买服务 only)
    Category,
}

impl TextKey {
    /// True for a text that is printed (in the PDF or the workbook):
    /// not the 审阅意见, the merge sources or the 科目表 edition.
    pub fn is_printed(self) -> bool {
        !matches!(
            self,
            TextKey::Meta(MetaText::CatalogEdition)
                | TextKey::Comment(..)
                | TextKey::Reply(..)
                | TextKey::MergedFrom(..)
        )
    }

    /// Where the text is, in Chinese, for messages: `填报人`,
    /// `收支预算第3行·科目名称`, `项目2·实施单位`, `年度目标1·指标第2行·绩效标准`.
    pub fn label(self) -> String {
        let indicator = |c: IndicatorText| match c {
            IndicatorText::Level2 => "二级指标".to_string(),
            IndicatorText::Name => "三级指标".to_string(),
            IndicatorText::Value => "指标值".to_string(),
            IndicatorText::Standard => "绩效标准".to_string(),
            IndicatorText::Prior(k) => format!("近两年指标值{}", k + 1),
            IndicatorText::LongTerm => "指标值（长期）".to_string(),
            IndicatorText::Annual => "指标值（年度）".to_string(),
        };
        let goals = |l: GoalList| match l {
            GoalList::LongTerm => "长期目标",
            GoalList::Annual => "年度目标",
        };
        let comment = |c: CommentText| match c {
            CommentText::Rule => "规则",
            CommentText::Author => "作者",
            CommentText::Text => "内容",
            CommentText::Place => "位置",
        };
        match self {
            TextKey::Meta(m) => match m {
                MetaText::DeptName => "部门名称",
                MetaText::DeptFullName => "部门全称",
                MetaText::DeptCode => "主管部门编码",
                MetaText::Preparer => "填报人",
                MetaText::Phone => "联系电话",
                MetaText::CatalogEdition => "科目表版本",
            }
            .to_string(),
            TextKey::Function(n) => format!("部门主要职能第{}段", n + 1),
            TextKey::UnitName(n) => format!("预算单位构成第{}行·单位名称", n + 1),
            TextKey::BudgetCode(n) => format!("收支预算第{}行·科目编码", n + 1),
            TextKey::BudgetName(n) => format!("收支预算第{}行·科目名称", n + 1),
            TextKey::EconomicCode(n) => format!("基本支出经济科目第{}行·科目编码", n + 1),
            TextKey::EconomicName(n) => format!("基本支出经济科目第{}行·科目名称", n + 1),
            TextKey::Project(n, f) => format!(
                "项目{}·{}",
                n + 1,
                match f {
                    ProjectText::Name => "项目名称",
                    ProjectText::ImplementingUnit => "实施单位",
                    ProjectText::Start => "起始时间",
                    ProjectText::End => "终止时间",
                    ProjectText::Purpose => "主要用途",
                    ProjectText::MidtermGoal => "中期目标",
                    ProjectText::AnnualGoal => "年度目标",
                }
            ),
            TextKey::ProjectIndicator(n, r, c) => {
                format!("项目{}·指标第{}行·{}", n + 1, r + 1, indicator(c))
            }
            TextKey::FunctionsSummary(n) => format!("部门职能概述第{}段", n + 1),
            TextKey::AnnualTask(n) => format!("年度工作任务第{}段", n + 1),
            TextKey::GoalTitle(l, n) => format!("{}{}·目标名称", goals(l), n + 1),
            TextKey::GoalIndicator(l, n, r, c) => {
                format!("{}{}·指标第{}行·{}", goals(l), n + 1, r + 1, indicator(c))
            }
            TextKey::ChangeReason => "其他重要事项·变动原因".to_string(),
            TextKey::AssetsNote => "其他重要事项·国有资产说明".to_string(),
            TextKey::GlossaryTerm(n) => format!("名词解释第{}条·名词", n + 1),
            TextKey::GlossaryText(n) => format!("名词解释第{}条·解释", n + 1),
            TextKey::Comment(n, c) => format!("审阅意见第{}条·{}", n + 1, comment(c)),
            TextKey::Reply(n, r, c) => {
                format!("审阅意见第{}条·回复{}·{}", n + 1, r + 1, comment(c))
            }
            TextKey::MergedFrom(n, s) => format!(
                "汇总来源第{}个·{}",
                n + 1,
                match s {
                    SourceText::File => "文件",
                    SourceText::Unit => "单位名称",
                    SourceText::Hash => "指纹",
                }
            ),
            TextKey::Procurement(n, t) | TextKey::PurchasedService(n, t) => format!(
                "{}第{}行·{}",
                match self {
                    TextKey::Procurement(..) => "政府采购",
                    _ => "政府购买服务",
                },
                n + 1,
                match t {
                    PurchaseText::Name => "名称",
                    PurchaseText::Code => "科目编码",
                    PurchaseText::Category => "指导性目录",
                }
            ),
        }
    }
}

/// Calls `$f(key, text)` on every text of `$doc` in one fixed order;
/// `$iter` is `iter` or `iter_mut`, `$opt` `as_ref` or `as_mut` and `$r`
/// is `&` or `&mut`, so the read and write visits cannot drift apart.
macro_rules! visit {
    ($doc:expr, $f:expr, $iter:ident, $opt:ident, $value:ident, $($r:tt)+) => {{
        let doc = $doc;
        let f = $f;
        let m = $($r)+ doc.meta;
        f(TextKey::Meta(MetaText::DeptName), $($r)+ m.dept_name);
        f(TextKey::Meta(MetaText::DeptFullName), $($r)+ m.dept_full_name);
        f(TextKey::Meta(MetaText::DeptCode), $($r)+ m.dept_code);
        f(TextKey::Meta(MetaText::Preparer), $($r)+ m.preparer);
        f(TextKey::Meta(MetaText::Phone), $($r)+ m.phone);
        if let Some(c) = m.catalog.$opt() {
            f(TextKey::Meta(MetaText::CatalogEdition), $($r)+ c.edition);
        }
        for (n, t) in doc.overview.functions.$iter().enumerate() {
            f(TextKey::Function(n), t);
        }
        for (n, u) in doc.overview.units.$iter().enumerate() {
            f(TextKey::UnitName(n), $($r)+ u.name);
        }
        for (n, l) in doc.budget_lines.$iter().enumerate() {
            f(TextKey::BudgetCode(n), $($r)+ l.code.0);
            f(TextKey::BudgetName(n), $($r)+ l.name);
        }
        for (n, l) in doc.basic_by_economic.$iter().enumerate() {
            f(TextKey::EconomicCode(n), $($r)+ l.code.0);
            f(TextKey::EconomicName(n), $($r)+ l.name);
        }
        for (n, p) in doc.projects.$iter().enumerate() {
            f(TextKey::Project(n, ProjectText::Name), $($r)+ p.name);
            f(TextKey::Project(n, ProjectText::ImplementingUnit), $($r)+ p.implementing_unit);
            f(TextKey::Project(n, ProjectText::Start), $($r)+ p.start);
            f(TextKey::Project(n, ProjectText::End), $($r)+ p.end);
            f(TextKey::Project(n, ProjectText::Purpose), $($r)+ p.purpose);
            f(TextKey::Project(n, ProjectText::MidtermGoal), $($r)+ p.midterm_goal);
            f(TextKey::Project(n, ProjectText::AnnualGoal), $($r)+ p.annual_goal);
            for (r, x) in p.indicators.$iter().enumerate() {
                f(TextKey::ProjectIndicator(n, r, IndicatorText::Level2), $($r)+ x.level2);
                f(TextKey::ProjectIndicator(n, r, IndicatorText::Name), $($r)+ x.name);
                f(TextKey::ProjectIndicator(n, r, IndicatorText::LongTerm), $value($($r)+ x.long_term));
                f(TextKey::ProjectIndicator(n, r, IndicatorText::Annual), $value($($r)+ x.annual));
            }
        }
        let perf = $($r)+ doc.performance;
        for (n, t) in perf.functions_summary.$iter().enumerate() {
            f(TextKey::FunctionsSummary(n), t);
        }
        for (n, t) in perf.annual_tasks.$iter().enumerate() {
            f(TextKey::AnnualTask(n), t);
        }
        for (list, goals) in [
            (GoalList::LongTerm, $($r)+ perf.long_term_goals),
            (GoalList::Annual, $($r)+ perf.annual_goals),
        ] {
            for (n, g) in goals.$iter().enumerate() {
                f(TextKey::GoalTitle(list, n), $($r)+ g.title);
                for (r, x) in g.indicators.$iter().enumerate() {
                    f(TextKey::GoalIndicator(list, n, r, IndicatorText::Level2), $($r)+ x.level2);
                    f(TextKey::GoalIndicator(list, n, r, IndicatorText::Name), $($r)+ x.name);
                    f(TextKey::GoalIndicator(list, n, r, IndicatorText::Value), $value($($r)+ x.value));
                    f(TextKey::GoalIndicator(list, n, r, IndicatorText::Standard), $($r)+ x.standard);
                    for (k, v) in x.prior.$iter().enumerate() {
                        f(TextKey::GoalIndicator(list, n, r, IndicatorText::Prior(k)), $value(v));
                    }
                }
            }
        }
        let o = $($r)+ doc.other;
        f(TextKey::ChangeReason, $($r)+ o.change_reason);
        f(TextKey::AssetsNote, $($r)+ o.assets_note);
        for (n, g) in doc.glossary.$iter().enumerate() {
            if let GlossaryEntry::Term { term, text } = g {
                f(TextKey::GlossaryTerm(n), term);
                f(TextKey::GlossaryText(n), text);
            }
        }
        for (n, c) in doc.review.comments.$iter().enumerate() {
            if let Some(rule) = c.rule.$opt() {
                f(TextKey::Comment(n, CommentText::Rule), rule);
            }
            f(TextKey::Comment(n, CommentText::Author), $($r)+ c.author);
            f(TextKey::Comment(n, CommentText::Text), $($r)+ c.text);
            f(TextKey::Comment(n, CommentText::Place), $($r)+ c.at.label);
            for (r, reply) in c.replies.$iter().enumerate() {
                f(TextKey::Reply(n, r, CommentText::Author), $($r)+ reply.author);
                f(TextKey::Reply(n, r, CommentText::Text), $($r)+ reply.text);
            }
        }
        for (n, s) in doc.merged_from.$iter().enumerate() {
            f(TextKey::MergedFrom(n, SourceText::File), $($r)+ s.file);
            f(TextKey::MergedFrom(n, SourceText::Unit), $($r)+ s.unit);
            f(TextKey::MergedFrom(n, SourceText::Hash), $($r)+ s.hash);
        }
        for (n, p) in doc.procurement.$iter().enumerate() {
            f(TextKey::Procurement(n, PurchaseText::Name), $($r)+ p.name);
            f(TextKey::Procurement(n, PurchaseText::Code), $($r)+ p.code.0);
        }
        for (n, p) in doc.purchased_services.$iter().enumerate() {
            f(TextKey::PurchasedService(n, PurchaseText::Name), $($r)+ p.name);
            f(TextKey::PurchasedService(n, PurchaseText::Category), $($r)+ p.category);
            f(TextKey::PurchasedService(n, PurchaseText::Code), $($r)+ p.code.0);
        }
    }};
}

/// The text of a 指标值: free text, or a number's unit.
fn value_ref(v: &IndicatorValue) -> &String {
    match v {
        IndicatorValue::Text(t) => t,
        IndicatorValue::Numeric { unit, .. } => unit,
    }
}

/// [`value_ref`], mutable.
fn value_mut(v: &mut IndicatorValue) -> &mut String {
    match v {
        IndicatorValue::Text(t) => t,
        IndicatorValue::Numeric { unit, .. } => unit,
    }
}

impl Document {
    /// Every text of the document with its key, in one fixed order: 基本信息;
    /// 概况 (职能, 单位); 收支预算 and 经济科目 rows (code, name); projects
    /// with their indicators; 附件3; 其他重要事项; 名词解释; 审阅意见; merge
    /// sources. A numeric 指标值 is visited as its unit (its number is not
    /// text); absent optional texts are not visited.
    pub fn for_each_text(&self, mut f: impl FnMut(TextKey, &str)) {
        let mut g = |k: TextKey, s: &String| f(k, s.as_str());
        visit!(self, &mut g, iter, as_ref, value_ref, &);
    }

    /// [`Document::for_each_text`], each text mutable.
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(TextKey, &mut String)) {
        visit!(self, &mut f, iter_mut, as_mut, value_mut, &mut);
    }
}

/// Every quoted string of a RON text (for the completeness tests of the
/// visitors): what precedes it (trimmed), the string, and up to 60 bytes
/// of context before it.
#[cfg(test)]
pub(super) fn quoted(text: &str) -> Vec<(&str, &str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let from = rest[..start]
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i + 60 >= start)
            .unwrap_or(start);
        out.push((rest[..start].trim_end(), &after[..end], &rest[from..start]));
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::{Comment, Reply};
    use crate::location::{Location, Sheet};
    use crate::model::{Indicator, ProjectIndicator};

    /// A document where every optional text part is present: a catalog
    /// reference, a comment with a rule and a reply, a merge source, both
    /// kinds of 指标值 and a 近两年 value on an indicator.
    fn full() -> Document {
        let text = include_str!("../../../../examples/wuhan-2022.ron");
        let mut doc: Document = ron::from_str(text).expect("example reads");
        doc.meta.catalog = Some(crate::model::CatalogRef {
            year: 2022,
            edition: "内置".into(),
        });
        let mut c = Comment::on(&doc, Location::sheet(Sheet::Meta), "审阅人", "请核对");
        c.rule = Some("W03".into());
        c.replies.push(Reply {
            author: "填报人".into(),
            time: 0,
            text: "已核对".into(),
        });
        doc.review.comments.push(c);
        doc.merged_from.push(crate::model::MergeSource {
            file: "a.ron".into(),
            unit: "单位".into(),
            hash: "abc".into(),
            amounts: Default::default(),
        });
        let numeric = IndicatorValue::parse("≥240次");
        let text = IndicatorValue::parse("良好");
        assert!(matches!(numeric, IndicatorValue::Numeric { .. }));
        doc.performance.annual_goals[0].indicators.push(Indicator {
            value: numeric.clone(),
            prior: [text.clone(), numeric.clone()],
            ..Default::default()
        });
        doc.projects[0].indicators.push(ProjectIndicator {
            long_term: numeric,
            annual: text,
            ..Default::default()
        });
        doc
    }

    /// Every text value the file holds is one the visitor saw: with every
    /// visited text set to a marker, the only quoted strings left in the RON
    /// text are the marker and the document's non-text values (amounts,
    /// numbers of 指标值, field names of locations), and the marker appears
    /// once per visit.
    #[test]
    fn the_visitor_sees_every_text_of_the_file() {
        let mut doc = full();
        let marker = "⟦文字⟧";
        let mut seen = 0usize;
        doc.for_each_text_mut(|_, s| {
            *s = marker.to_string();
            seen += 1;
        });
        let mut read = 0usize;
        let mut keys = std::collections::BTreeSet::new();
        doc.for_each_text(|k, s| {
            assert_eq!(s, marker);
            assert!(keys.insert(k), "{k:?} visited twice");
            read += 1;
        });
        assert_eq!(read, seen);
        let text = ron::ser::to_string(&doc).expect("serialises");
        assert_eq!(
            text.matches(&format!("\"{marker}\"")).count(),
            seen,
            "{text}"
        );
        for (before, s, context) in quoted(&text) {
            // What may be quoted and is not text: amounts and 指标值
            // numbers (decimals) and a location's field name.
            let not_text = crate::money::parse_stored(s).is_ok()
                || s.parse::<rust_decimal::Decimal>().is_ok()
                || (before.ends_with("Named(")
                    && crate::location::FieldName::from_name(s).is_some());
            assert!(s == marker || not_text, "文字 {s:?} 未被访问：…{context}");
        }
    }

    /// Every key has a Chinese label, and labels tell fields apart.
    #[test]
    fn every_key_is_named_in_chinese() {
        let doc = full();
        let mut labels = std::collections::BTreeSet::new();
        doc.for_each_text(|k, _| {
            let l = k.label();
            assert!(!l.is_ascii(), "{k:?}: {l}");
            assert!(labels.insert(l.clone()), "{k:?}: {l} twice");
        });
    }
}
