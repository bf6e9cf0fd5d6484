//! The 情况说明 text: each section of the template is patterns over named
//! figures ([`crate::template::pattern`]), computed once per document from
//! what the tables print ([`figures`]) and filled in by one evaluator
//! ([`eval`]); and the 科目 list of 第四部分 (四).

mod eval;
mod figures;

use crate::catalog::Catalog;
use crate::content::NarrativeSection;
use crate::derive::groups::by_prefix;
use crate::derive::printed::printed;
use crate::derive::{Derived, totals};
use crate::model::{BudgetLine, CodeLevel, Document, Entity, FundSource, MoneyUnit};
use crate::money::{Money, round_dp};
use crate::numerals::chinese_ordinal;
use crate::template::{Block, TemplateSpec};
use eval::Eval;
use figures::Figures;

/// How the text prints amounts: unit, decimals, and 部门/单位.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    /// Unit word printed after every amount.
    pub unit: MoneyUnit,
    /// Decimals.
    pub decimals: u32,
    /// 部门 or 单位.
    pub entity: Entity,
    /// Thousands separators: as the template says for its text, otherwise
    /// as its tables print amounts.
    pub grouping: bool,
}

impl Words {
    /// The document's text unit as its template prints it.
    pub fn of(doc: &Document) -> Words {
        Words::in_template(doc, doc.meta.template.spec())
    }

    /// The document's text unit as `spec` prints it.
    pub fn in_template(doc: &Document, spec: &TemplateSpec) -> Words {
        Words {
            unit: spec.text_unit.unwrap_or(doc.meta.printed_unit()),
            decimals: spec.text_decimals,
            entity: doc.meta.entity,
            grouping: spec
                .text_grouping
                .unwrap_or_else(|| spec.data_tables().any(|t| t.grouping)),
        }
    }

    /// An amount in prose (`1037.60`), `0` for nothing as the seed prints it.
    pub(crate) fn amt(&self, m: Money) -> String {
        let d = round_dp(m.value(), self.decimals);
        if d.is_zero() {
            "0".into()
        } else {
            crate::derive::table::grouped(d.to_string(), self.grouping)
        }
    }

    /// `1037.60万元`.
    pub fn money(&self, m: Money) -> String {
        format!("{}{}", self.amt(m), self.unit.label())
    }
}

/// Wording of a 资金来源 as income in prose.
fn income_words(s: FundSource) -> &'static str {
    match s {
        FundSource::GeneralBudget => "一般公共预算财政拨款收入",
        FundSource::GovFund => "政府性基金预算财政拨款收入",
        FundSource::StateCapital => "国有资本经营预算财政拨款收入",
        other => other.label(),
    }
}

/// Year-on-year change of one 类 against its prior-year figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassChange {
    /// No prior figure known: nothing is said.
    Unknown,
    /// Prior figure zero, current not: 新增 (never "增长100%").
    New,
    /// Change in percent of the prior figure (the denominator).
    Percent(crate::money::Percent),
}

impl ClassChange {
    /// `新增`, `增长12.50%`, `下降3.00%`, `持平`; empty when unknown.
    pub fn words(&self) -> String {
        match self {
            ClassChange::Unknown => String::new(),
            ClassChange::New => "新增".into(),
            ClassChange::Percent(p) if p.0.is_zero() => "持平".into(),
            ClassChange::Percent(p) if p.0.is_sign_negative() => {
                format!("下降{}%", p.0.abs())
            }
            ClassChange::Percent(p) => format!("增长{}%", p.0),
        }
    }

    /// True when the change is larger than `threshold` percent either way,
    /// or new.
    pub(crate) fn exceeds(&self, threshold: u32) -> bool {
        match self {
            ClassChange::Unknown => false,
            ClassChange::New => true,
            ClassChange::Percent(p) => p.0.abs() > rust_decimal::Decimal::from(threshold),
        }
    }
}

/// 同比 of `current` against `prior` (the prior-year figure is the
/// denominator; a zero base is 新增).
pub(crate) fn class_change(prior: Option<Money>, current: Money) -> ClassChange {
    match prior {
        None => ClassChange::Unknown,
        Some(p) if p.is_zero() && !current.is_zero() => ClassChange::New,
        Some(p) => crate::money::change_percent(p, current)
            .map_or(ClassChange::Unknown, ClassChange::Percent),
    }
}

/// Prior-year amounts per 功能 类, where the document has them. The model
/// gets per-line prior-year figures in another change; until then
/// [`NoPrior`] knows none, and no 同比 is printed.
pub trait PriorAmounts {
    /// The prior-year 一般公共预算 amount of 功能 类 `class` (3 digits).
    fn general_by_class(&self, class: &str) -> Option<Money>;
}

/// A document's own 上年预算数 per line (from `yusuan new --from` or typed):
/// none at all when no line has any, so a first-year document prints no
/// 同比; a 类 without prior figures in a document that has them is 新增.
impl PriorAmounts for Document {
    fn general_by_class(&self, class: &str) -> Option<Money> {
        if self.budget_lines.iter().all(|l| l.prior.is_empty()) {
            return None;
        }
        Some(
            self.budget_lines
                .iter()
                .filter(|l| l.code.prefix(CodeLevel::Class) == Some(class))
                .flat_map(|l| l.prior.iter())
                .filter(|((s, _), _)| *s == FundSource::GeneralBudget)
                .map(|(_, m)| *m)
                .sum(),
        )
    }
}

/// No prior-year figures.
pub struct NoPrior;

impl PriorAmounts for NoPrior {
    fn general_by_class(&self, _class: &str) -> Option<Money> {
        None
    }
}

/// 一般公共预算 amounts per 功能 类 (code, name, amount), in code order.
pub(crate) fn general_by_class(doc: &Document, catalog: &Catalog) -> Vec<(String, String, Money)> {
    let general = |l: &BudgetLine| l.source_total(FundSource::GeneralBudget);
    let lines = doc.budget_lines.iter().filter(|l| !general(l).is_zero());
    by_prefix(lines, |l| l.code.prefix(CodeLevel::Class))
        .into_iter()
        .map(|g| {
            let name = catalog.function_name_str(g.prefix).unwrap_or("其他");
            let sum = g.items.iter().map(|l| general(l)).sum();
            (g.prefix.to_string(), name.to_string(), sum)
        })
        .collect()
}

/// 类 whose 同比 change exceeds the template's threshold while no reason
/// is entered: `(class code, name, change)`. `reason(class)` gives the
/// entered reason, if any.
pub(crate) fn unexplained_changes<'a>(
    doc: &Document,
    catalog: &Catalog,
    prior: &dyn PriorAmounts,
    reason: impl Fn(&str) -> Option<&'a str>,
) -> Vec<(String, String, ClassChange)> {
    let threshold = doc.meta.template.spec().change_threshold_percent;
    general_by_class(doc, catalog)
        .into_iter()
        .filter_map(|(c, n, m)| {
            let ch = class_change(prior.general_by_class(&c), m);
            let explained = reason(&c).is_some_and(|r| !r.trim().is_empty());
            (ch.exceeds(threshold) && !explained).then_some((c, n, ch))
        })
        .collect()
}

/// 第三部分 情况说明 (and, for templates with two text parts, the other
/// one), section by section in template order, numbered within each part.
/// Every figure is the tables' printed figure in the text's unit.
pub fn part3(doc: &Document, catalog: &Catalog, _d: &Derived) -> Vec<NarrativeSection> {
    text_in(doc.meta.template.spec(), doc, catalog)
}

/// The text sections of `spec` for `doc`, in order, numbered within each
/// text part: what [`part3`] prints for the document's own template, and
/// a preview of any other template's text.
pub fn text_in(spec: &TemplateSpec, doc: &Document, catalog: &Catalog) -> Vec<NarrativeSection> {
    let figures = Figures::of(doc, catalog, spec);
    let eval = Eval { figures: &figures };
    let mut out = Vec::new();
    for (part, ps) in spec.text_parts().enumerate() {
        let mut numbered = 0;
        for sec in &ps.sections {
            let heading = eval.blocks(&[Block::S(sec.heading.clone())]).concat();
            // A section without a heading continues the one before: no
            // number of its own (it printed a lone 一、), no 目录 line.
            let heading = if heading.trim().is_empty() {
                String::new()
            } else {
                numbered += 1;
                format!("{}{heading}", chinese_ordinal(numbered, false))
            };
            out.push(NarrativeSection {
                heading,
                paragraphs: eval.blocks(&sec.body),
                part,
            });
        }
    }
    out
}

/// 人员构成 as the 概况 prints it: `…总编制人数12人，其中：行政编制10人。在职
/// 实有人数11人…。无离退休人员。`; `None` when nothing is entered.
pub fn staffing_sentence(doc: &Document) -> Option<String> {
    let s = &doc.overview.staffing;
    if s.authorized_total() == 0 && s.actual_total() == 0 && s.retired == 0 {
        return None;
    }
    let by_kind = |v: &[(crate::model::StaffKind, u32)]| {
        v.iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{}{}人", k.label(), n))
            .collect::<Vec<_>>()
            .join("，")
    };
    let mut text = format!("{}总编制人数{}人", doc.meta.dept_name, s.authorized_total());
    let a = by_kind(&s.authorized);
    if !a.is_empty() {
        text.push_str(&format!("，其中：{a}"));
    }
    text.push_str(&format!("。在职实有人数{}人", s.actual_total()));
    let a = by_kind(&s.actual);
    if !a.is_empty() {
        text.push_str(&format!("，其中：{a}"));
    }
    text.push('。');
    if s.retired == 0 {
        text.push_str("无离退休人员。");
    } else {
        text.push_str(&format!("离退休人员{}人。", s.retired));
    }
    Some(text)
}

/// 第四部分 (四): `一般公共服务支出(类)宣传事务(款)事业运行、其他宣传事务支出(项)`,
/// one line per 款 used.
pub fn function_codes_used(doc: &Document, catalog: &Catalog) -> Vec<String> {
    // In code order within each 款, as every table lists the 项.
    let mut lines: Vec<_> = doc
        .budget_lines
        .iter()
        .filter(|l| l.amounts.values().any(|m| !m.is_zero()))
        .collect();
    lines.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    by_prefix(lines, |l| l.code.prefix(CodeLevel::Section))
        .into_iter()
        // Lines without a 款 (malformed or 类 codes) name no 款.
        .filter(|g| !g.prefix.is_empty())
        .map(|g| {
            let class = catalog
                .function_name_str(&g.prefix[..3])
                .unwrap_or_default();
            let section = catalog.function_name_str(g.prefix).unwrap_or_default();
            let mut items: Vec<&str> = Vec::new();
            for l in &g.items {
                if !items.contains(&l.name.as_str()) {
                    items.push(&l.name);
                }
            }
            format!("{class}(类){section}(款){}(项)", items.join("、"))
        })
        .collect()
}

/// Everything the page composer prints besides the entered document.
pub fn parts(doc: &Document, catalog: &Catalog) -> crate::content::Parts {
    parts_from(doc, catalog, crate::derive::derive(doc, catalog))
}

/// [`parts`] from a derivation already made for this document state (the
/// app's live one, or the command line's `derive_and_check`), so an export
/// derives nothing again.
pub fn parts_from(doc: &Document, catalog: &Catalog, d: Derived) -> crate::content::Parts {
    // The forms print in the tables' unit; their 当年 column comes from the
    // figures they print, so that its shares add up on the page.
    let (form_copy, form_year) = match printed(doc, doc.meta.printed_unit(), 2) {
        std::borrow::Cow::Owned(copy) => {
            let year = crate::derive::current_year(&totals(&copy));
            (Some(copy), year)
        }
        std::borrow::Cow::Borrowed(_) => (None, d.current_year.clone()),
    };
    crate::content::Parts {
        narrative: part3(doc, catalog, &d),
        function_codes_used: function_codes_used(doc, catalog),
        tables: d.tables,
        form_copy,
        form_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_change_uses_the_prior_year_as_denominator_and_says_new_for_zero() {
        let m = |s: &str| Money(rust_decimal::Decimal::from_str_exact(s).unwrap());
        assert_eq!(class_change(None, m("5")), ClassChange::Unknown);
        assert_eq!(class_change(Some(m("0")), m("5")).words(), "新增");
        assert_eq!(class_change(Some(m("80")), m("100")).words(), "增长25.00%");
        assert_eq!(class_change(Some(m("100")), m("80")).words(), "下降20.00%");
        assert!(class_change(Some(m("100")), m("131")).exceeds(30));
        assert!(!class_change(Some(m("100")), m("129")).exceeds(30));
    }

    /// The template author's empty section heading printed a lone “一、”:
    /// a section without a heading gets no number, and the next one is
    /// numbered as if it were not there.
    #[test]
    fn a_section_without_a_heading_takes_no_number() {
        let text = crate::template::bundled_text("Wuhan2021")
            .unwrap()
            .replacen("heading: \"一般公共预算支出安排情况\"", "heading: \"\"", 1);
        let spec = crate::template::parse_spec(&text).unwrap();
        let doc = Document::blank("某局", 2021);
        let catalog = Catalog::for_year(2021).unwrap();
        let headings: Vec<String> = text_in(&spec, &doc, &catalog)
            .into_iter()
            .map(|s| s.heading)
            .collect();
        assert_eq!(headings[0], "一、财政拨款收支预算总体情况");
        assert_eq!(headings[1], "");
        assert_eq!(headings[2], "二、一般公共预算基本支出安排情况");
    }
}
