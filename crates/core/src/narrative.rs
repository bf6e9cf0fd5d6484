//! 第一部分 and 第三部分 text generated from the figures, worded as the
//! published template words them; and the 科目 list of 第四部分 (四).
//! Every number here comes from [`crate::derive`].

use crate::catalog::Catalog;
use crate::content::NarrativeSection;
use crate::derive::groups::by_prefix;
use crate::derive::printed::printed;
use crate::derive::{Derived, Totals, totals};
use crate::model::{
    BudgetLine, CodeLevel, CostBucket, Document, EconomicCode, Entity, FundSource, MoneyUnit,
    SpendingKind,
};
use crate::money::{Money, round_dp, shares};
use crate::numerals::chinese_ordinal;
use crate::template::{PartKind, Role, SectionKind, fill};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How the text prints amounts: unit, decimals, and 部门/单位.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    /// Unit word printed after every amount.
    pub unit: MoneyUnit,
    /// Decimals.
    pub decimals: u32,
    /// 部门 or 单位.
    pub entity: Entity,
    /// Thousands separators, as the template's tables print amounts: one
    /// number format per document.
    pub grouping: bool,
}

impl Words {
    /// The document's text unit as its template prints it.
    pub fn of(doc: &Document) -> Words {
        let spec = doc.meta.template.spec();
        Words {
            unit: spec.text_unit.unwrap_or(doc.meta.printed_unit()),
            decimals: spec.text_decimals,
            entity: doc.meta.entity,
            grouping: spec.data_tables().any(|t| t.grouping),
        }
    }

    /// An amount in prose (`1037.60`), `0` for nothing as the seed prints it.
    pub(crate) fn amt(&self, m: Money) -> String {
        let d = round_dp(m.value(), self.decimals);
        if d.is_zero() {
            "0".into()
        } else if self.grouping {
            crate::derive::table::group_thousands(&d.to_string())
        } else {
            d.to_string()
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

fn change_words(doc: &Document, t: &Totals, w: &Words) -> String {
    let prev = doc.meta.year - 1;
    let reason = doc.other.change_reason.trim();
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!("，主要是{reason}")
    };
    match t.change_percent {
        None => format!("{prev}年无可比预算数"),
        Some(_) if t.change.is_zero() => format!("与{prev}年预算持平"),
        Some(p) if t.change.is_negative() => format!(
            "比{prev}年预算减少{}，下降{}%{reason}",
            w.money(-t.change),
            p.0.abs()
        ),
        Some(p) => format!(
            "比{prev}年预算增加{}，增长{}%{reason}",
            w.money(t.change),
            p.0
        ),
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

/// Names of the 经济科目 类 (or 款) used in one bucket, for 基本支出 prose.
fn economic_names(
    doc: &Document,
    catalog: &Catalog,
    bucket: CostBucket,
    class_level: bool,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for l in doc
        .basic_by_economic
        .iter()
        .filter(|l| l.bucket == bucket && !l.amount.is_zero())
    {
        let name = if class_level {
            let class = l.code.class().unwrap_or_else(|| EconomicCode::new(""));
            catalog.economic_name(&class).unwrap_or("其他").to_string()
        } else {
            l.name.clone()
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Amounts per 经济科目 类 within a bucket.
fn economic_classes(
    doc: &Document,
    catalog: &Catalog,
    bucket: CostBucket,
) -> Vec<(String, Money, Vec<String>)> {
    let lines = doc
        .basic_by_economic
        .iter()
        .filter(|l| l.bucket == bucket && !l.amount.is_zero());
    by_prefix(lines, |l| l.code.prefix(CodeLevel::Class))
        .into_iter()
        .map(|g| {
            (
                catalog
                    .economic_name(&EconomicCode::new(g.prefix))
                    .unwrap_or("其他")
                    .to_string(),
                g.items.iter().map(|l| l.amount).sum(),
                g.items.iter().map(|l| l.name.clone()).collect(),
            )
        })
        .collect()
}

/// What the section writers share: the document with its amounts in the
/// text's printed unit (the same 尾差-split figures the tables print), its
/// totals, and how amounts are worded.
struct Writer<'a> {
    doc: &'a Document,
    catalog: &'a Catalog,
    /// The document in the text unit.
    p: Cow<'a, Document>,
    t: Totals,
    w: Words,
    /// "三公" and 机关运行经费 in the unit of the table that prints them.
    three: (Cow<'a, Document>, Totals, Words),
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document, catalog: &'a Catalog) -> Self {
        let w = Words::of(doc);
        let p = printed(doc, w.unit, w.decimals);
        let t = totals(&p);
        let spec = doc.meta.template.spec();
        let three_spec = spec
            .tables
            .iter()
            .find(|ts| ts.query.role() == Role::ThreePublic);
        let tw = match three_spec {
            Some(ts) => Words {
                unit: ts.unit.unwrap_or(doc.meta.printed_unit()),
                decimals: ts.decimals,
                entity: w.entity,
                grouping: w.grouping,
            },
            None => w,
        };
        let tp = printed(doc, tw.unit, tw.decimals);
        let tt = totals(&tp);
        Writer {
            doc,
            catalog,
            p,
            t,
            w,
            three: (tp, tt, tw),
        }
    }

    fn section(&self, kind: SectionKind) -> Vec<String> {
        let (t, w, doc) = (&self.t, &self.w, &*self.p);
        let y = doc.meta.year;
        let e = w.entity.word();
        let m = |x: Money| w.money(x);
        match kind {
            SectionKind::FiscalOverview => {
                let fiscal_sources: Vec<String> = FundSource::FISCAL
                    .iter()
                    .filter(|s| !t.source(**s).is_zero())
                    .map(|s| {
                        format!(
                            "{}本年收入{}",
                            income_words(*s).trim_end_matches("收入"),
                            m(t.source(*s))
                        )
                    })
                    .collect();
                let mut p = format!("{y}年财政拨款收支总预算{}。", m(t.fiscal));
                if !fiscal_sources.is_empty() {
                    p += &format!("收入包括：{}。", fiscal_sources.join("；"));
                }
                vec![p]
            }
            SectionKind::GeneralSpending => self.general_spending(),
            SectionKind::GeneralBasic => self.general_basic(),
            SectionKind::ThreePublic => {
                let (d3, t3, w3) = &self.three;
                let tp = &d3.three_public;
                let m3 = |x: Money| w3.money(x);
                let mut p = format!(
                    "{y}年一般公共预算安排“三公”经费支出预算{}",
                    m3(t3.three_public)
                );
                if !t3.three_public.is_zero() {
                    p += &format!(
                        "，其中：因公出国（境）费{}，公务用车购置及运行费{}（其中：公务用车购置费{}，公务用车运行费{}），公务接待费{}",
                        m3(tp.abroad),
                        m3(tp.vehicles()),
                        m3(tp.vehicle_purchase),
                        m3(tp.vehicle_operation),
                        m3(tp.reception)
                    );
                }
                vec![p + "。"]
            }
            SectionKind::GovFund => {
                let fund = t.source(FundSource::GovFund);
                vec![if fund.is_zero() {
                    format!("{y}年本{e}没有使用政府性基金预算安排的支出。")
                } else {
                    format!("{y}年政府性基金预算支出{}。", m(fund))
                }]
            }
            SectionKind::StateCapital => {
                let cap = t.source(FundSource::StateCapital);
                vec![if cap.is_zero() {
                    format!("本{e}{y}年无国有资本经营预算财政拨款安排的预算。")
                } else {
                    format!("{y}年国有资本经营预算财政拨款支出预算{}。", m(cap))
                }]
            }
            SectionKind::Overall => {
                let mut incomes: Vec<&str> = Vec::new();
                if !t.fiscal.is_zero() {
                    incomes.push("财政拨款收入");
                }
                incomes.extend(
                    FundSource::ALL
                        .iter()
                        .filter(|s| !s.is_fiscal() && !t.source(**s).is_zero())
                        .map(|s| s.label()),
                );
                let kinds: Vec<&str> = SpendingKind::ALL
                    .iter()
                    .filter(|k| !t.kind(**k).is_zero())
                    .map(|k| k.label())
                    .collect();
                vec![
                    format!(
                        "按照综合预算的原则，{}所有收入和支出均纳入{e}预算管理。",
                        doc.meta.dept_name
                    ),
                    // No list is printed empty: a document without figures
                    // yet says so.
                    if incomes.is_empty() {
                        "本年尚未编列收入预算。".to_string()
                    } else {
                        format!("收入包括：{}。", incomes.join("、"))
                    },
                    if kinds.is_empty() {
                        "本年尚未编列支出预算。".to_string()
                    } else {
                        format!("支出包括：{}。", kinds.join("、"))
                    },
                    format!(
                        "{y}年{e}收支总预算{}。{}。",
                        m(t.total),
                        change_words(doc, t, w)
                    ),
                ]
            }
            SectionKind::Income => {
                let used: Vec<FundSource> = FundSource::ALL
                    .into_iter()
                    .filter(|s| !t.source(*s).is_zero())
                    .collect();
                let sh = shares(&used.iter().map(|s| t.source(*s)).collect::<Vec<_>>());
                let parts: Vec<String> = used
                    .iter()
                    .zip(&sh)
                    .map(|(s, p)| format!("{}{}，占{}", income_words(*s), m(t.source(*s)), p))
                    .collect();
                // `其中` only before a list that has something in it.
                vec![if parts.is_empty() {
                    format!("{y}年{e}收入预算{}。", m(t.total))
                } else {
                    format!(
                        "{y}年{e}收入预算{}，其中：{}。",
                        m(t.total),
                        parts.join("；")
                    )
                }]
            }
            SectionKind::Spending => {
                let used: Vec<SpendingKind> = SpendingKind::ALL
                    .into_iter()
                    .filter(|k| !t.kind(*k).is_zero())
                    .collect();
                let sh = shares(&used.iter().map(|k| t.kind(*k)).collect::<Vec<_>>());
                let parts: Vec<String> = used
                    .iter()
                    .zip(&sh)
                    .map(|(k, p)| format!("{}{}，占{}", k.label(), m(t.kind(*k)), p))
                    .collect();
                // `其中` only before a list that has something in it.
                vec![if parts.is_empty() {
                    format!("{y}年{e}支出预算{}。", m(t.total))
                } else {
                    format!(
                        "{y}年{e}支出预算{}，其中：{}。",
                        m(t.total),
                        parts.join("；")
                    )
                }]
            }
            SectionKind::Operating => vec![self.operating()],
            SectionKind::Procurement => vec![self.procurement()],
            SectionKind::Assets => vec![self.assets()],
            SectionKind::PerformanceTargets => vec![self.targets()],
            SectionKind::OtherMatters => vec![
                "(一)机关运行经费情况".to_string(),
                self.operating(),
                "(二)政府采购预算情况".into(),
                self.procurement(),
                "(三)国有资产占有使用情况".into(),
                self.assets(),
                "(四)绩效目标设置情况".into(),
                self.targets(),
            ],
            SectionKind::ItemList => {
                // In code order, as every table lists the 项.
                let mut items: Vec<_> = doc
                    .budget_lines
                    .iter()
                    .filter(|l| !l.source_total(FundSource::GeneralBudget).is_zero())
                    .collect();
                items.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
                let lines: Vec<String> = items
                    .iter()
                    .map(|l| {
                        let g = l.source_total(FundSource::GeneralBudget);
                        format!("“{}{}”（项）{}。", l.code.as_str(), l.name, m(g))
                    })
                    .collect();
                if lines.is_empty() {
                    vec![format!("本{e}{y}年无一般公共预算支出。")]
                } else {
                    lines
                }
            }
        }
    }

    fn general_spending(&self) -> Vec<String> {
        let (t, w, doc) = (&self.t, &self.w, &*self.p);
        let y = doc.meta.year;
        let m = |x: Money| w.money(x);
        let mut ps = vec![format!(
            "{y}年一般公共预算支出预算{}。其中：(1)本年预算{}，{}。具体安排情况如下：",
            m(t.general()),
            m(t.general()),
            change_words(doc, t, w)
        )];
        let classes = general_by_class(doc, self.catalog);
        if classes.len() > 1 {
            // 同比 from the entered figures, as rule Y03 reads them: a ratio
            // of the same unit, whatever the text prints in.
            let entered: BTreeMap<String, Money> = general_by_class(self.doc, self.catalog)
                .into_iter()
                .map(|(c, _, m)| (c, m))
                .collect();
            let sh = shares(&classes.iter().map(|c| c.2).collect::<Vec<_>>());
            let parts: Vec<String> = classes
                .iter()
                .zip(&sh)
                .map(|((code, name, v), p)| {
                    let now = entered.get(code).copied().unwrap_or(*v);
                    let ch = class_change(self.doc.general_by_class(code), now).words();
                    let ch = if ch.is_empty() {
                        ch
                    } else {
                        format!("，{ch}")
                    };
                    format!("{name}{}，占{p}{ch}", m(*v))
                })
                .collect();
            ps.push(format!("按支出功能分类：{}。", parts.join("；")));
        }
        let personnel_classes = economic_names(doc, self.catalog, CostBucket::Personnel, true);
        let public_classes = economic_names(doc, self.catalog, CostBucket::Public, true);
        let mut uses = Vec::new();
        if !personnel_classes.is_empty() {
            uses.push(format!("人员经费({})", personnel_classes.join("、")));
        }
        if !public_classes.is_empty() {
            uses.push(format!("公用经费({})", public_classes.join("、")));
        }
        let uses = if uses.is_empty() {
            String::new()
        } else {
            format!("，主要用于{}", uses.join("、"))
        };
        ps.push(format!("(一)基本支出{}{uses}。", m(t.general_basic)));
        ps.push(format!(
            "(二)项目支出{}。{}",
            m(t.general_project),
            if doc.projects.is_empty() {
                ""
            } else {
                "其中："
            }
        ));
        for p in &doc.projects {
            let purpose = p.purpose.trim().trim_end_matches('。');
            ps.push(if purpose.is_empty() {
                format!("{}{}。", p.name, m(p.fiscal))
            } else {
                format!("{}{}，主要用于{}。", p.name, m(p.fiscal), purpose)
            });
        }
        ps
    }

    fn general_basic(&self) -> Vec<String> {
        let (t, w, doc) = (&self.t, &self.w, &*self.p);
        let y = doc.meta.year;
        let m = |x: Money| w.money(x);
        let mut ps = vec![format!(
            "{y}年一般公共预算基本支出{}。其中：",
            m(t.general_basic)
        )];
        let personnel = economic_classes(doc, self.catalog, CostBucket::Personnel);
        let public = economic_classes(doc, self.catalog, CostBucket::Public);
        ps.push(if personnel.is_empty() {
            format!("(一)人员经费{}。", m(t.personnel))
        } else {
            format!("(一)人员经费{}。包括：", m(t.personnel))
        });
        let all: Vec<Money> = personnel.iter().chain(&public).map(|c| c.1).collect();
        let sh = shares(&all);
        for ((class, v, items), p) in personnel.iter().zip(&sh) {
            ps.push(format!(
                "{class}{}，占{p}，主要用于：{}等。",
                m(*v),
                items.join("、")
            ));
        }
        let public_items = economic_names(doc, self.catalog, CostBucket::Public, false);
        let public_share: Vec<String> = public
            .iter()
            .zip(sh.iter().skip(personnel.len()))
            .map(|((class, v, _), p)| format!("{class}{}，占{p}", m(*v)))
            .collect();
        let share_text = if public_share.is_empty() {
            String::new()
        } else {
            format!("（{}）", public_share.join("；"))
        };
        ps.push(if public_items.is_empty() {
            format!("(二)公用经费{}{share_text}。", m(t.public))
        } else {
            format!(
                "(二)公用经费{}{share_text}，主要用于{}等。",
                m(t.public),
                public_items.join("、")
            )
        });
        ps
    }

    fn operating(&self) -> String {
        let (_, t3, w3) = &self.three;
        let doc = self.doc;
        // No count of nothing: without 预算单位构成 the sentence names none.
        let units = match doc.overview.units.as_slice() {
            [] => String::new(),
            [u] => format!("{}1家{}", u.name, u.kind.label()),
            us => format!("{}家预算单位", us.len()),
        };
        format!(
            "{}年{}{units}的机关运行经费{}。",
            doc.meta.year,
            self.w.entity.word(),
            w3.money(t3.public)
        )
    }

    fn procurement(&self) -> String {
        let (w, o) = (&self.w, &self.p.other);
        let (y, e) = (self.doc.meta.year, self.w.entity.word());
        let proc: Vec<String> = [
            ("货物类", o.procurement_goods),
            ("工程类", o.procurement_works),
            ("服务类", o.procurement_services),
        ]
        .iter()
        .filter(|(_, m)| !m.is_zero())
        .map(|(n, m)| format!("{n}{}", w.money(*m)))
        .collect();
        if proc.is_empty() {
            format!("{y}年{e}没有安排政府采购预算。")
        } else {
            format!(
                "{y}年{e}政府采购预算支出合计{}。包括：{}。",
                w.money(o.procurement_total()),
                proc.join("，")
            )
        }
    }

    fn assets(&self) -> String {
        let o = &self.doc.other;
        let (y, e) = (self.doc.meta.year, self.w.entity.word());
        let mut p = if o.vehicles == 0 {
            format!("截至{}年12月31日，{e}无车辆。", y - 1)
        } else {
            format!("截至{}年12月31日，{e}共有车辆{}辆。", y - 1, o.vehicles)
        };
        p += o.assets_note.trim();
        p
    }

    fn targets(&self) -> String {
        let doc = &*self.p;
        let (y, e) = (doc.meta.year, self.w.entity.word());
        let covered: Vec<_> = doc
            .projects
            .iter()
            .filter(|p| !p.annual_goal.trim().is_empty() && !p.indicators.is_empty())
            .collect();
        let amount: Money = covered.iter().map(|p| p.fiscal).sum();
        // No clause counts zero projects: none entered, or none with goals,
        // is said as such.
        if doc.projects.is_empty() {
            format!("{y}年{e}未设置项目绩效目标。")
        } else if covered.is_empty() {
            format!("{y}年{e}{}个项目均未设置绩效目标。", doc.projects.len())
        } else if covered.len() == doc.projects.len() {
            format!(
                "{y}年{e}项目绩效目标实现全覆盖，涉及一般公共预算本年财政拨款{}。",
                self.w.money(amount)
            )
        } else {
            format!(
                "{y}年{e}{}个项目中{}个设置了绩效目标，涉及一般公共预算本年财政拨款{}。",
                doc.projects.len(),
                covered.len(),
                self.w.money(amount)
            )
        }
    }
}

/// 第三部分 情况说明 (and, for templates with two text parts, the other
/// one), section by section in template order, numbered within each part.
/// Every figure is the tables' printed figure in the text's unit.
pub fn part3(doc: &Document, catalog: &Catalog, _d: &Derived) -> Vec<NarrativeSection> {
    let writer = Writer::new(doc, catalog);
    let spec = doc.meta.template.spec();
    let mut out = Vec::new();
    let narrative_parts = spec.parts.iter().filter(|p| p.kind == PartKind::Narrative);
    for (part, ps) in narrative_parts.enumerate() {
        for (n, sec) in ps.sections.iter().enumerate() {
            out.push(NarrativeSection {
                heading: format!(
                    "{}{}",
                    chinese_ordinal(n + 1, false),
                    fill(
                        &sec.heading,
                        &doc.meta.dept_name,
                        doc.meta.year,
                        doc.meta.entity,
                        0,
                        ""
                    )
                ),
                paragraphs: writer.section(sec.kind),
                part,
            });
        }
    }
    out
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
}
