//! The named figures and lists of [`crate::template::pattern`], computed
//! once per document from the figures the tables print (the 尾差-split
//! amounts in the text's unit; "三公" and 机关运行经费 in the unit of the
//! table that prints them), so the text and the tables state one value for
//! one fact.

use super::{ClassChange, PriorAmounts, Words, class_change, general_by_class, income_words};
use crate::catalog::Catalog;
use crate::derive::groups::by_prefix;
use crate::derive::printed::printed;
use crate::derive::{Totals, totals};
use crate::model::{
    BudgetLine, CodeLevel, CostBucket, Document, EconomicCode, FundSource, GlossaryEntry,
    SpendingKind, ThreePublic,
};
use crate::money::{Money, Percent, change_percent, shares};
use crate::numerals::chinese_number;
use crate::template::{Role, TemplateSpec};
use std::collections::{BTreeMap, HashMap};

/// One "三公" item of the entered figures.
type ItemOf = fn(&ThreePublic) -> Money;

/// An amount with how it prints and what it is compared with.
#[derive(Clone, Debug)]
pub(super) struct Fig {
    /// The printed amount.
    pub shown: Money,
    /// Unit and decimals it prints in.
    pub words: Words,
    /// The prior-year figure in the same unit, when known.
    pub prior: Option<Money>,
    /// Change in percent of the prior figure.
    pub pct: Option<Percent>,
    /// 同比率 wording (may be computed from the entered figures).
    pub rate: ClassChange,
}

impl Fig {
    fn plain(shown: Money, words: Words) -> Fig {
        Fig::with_prior(shown, words, None)
    }

    fn with_prior(shown: Money, words: Words, prior: Option<Money>) -> Fig {
        Fig {
            shown,
            words,
            prior,
            pct: prior.and_then(|p| change_percent(p, shown)),
            rate: class_change(prior, shown),
        }
    }
}

/// A figure's value.
#[derive(Clone, Debug)]
pub(super) enum Value {
    Money(Fig),
    Count(i64),
    Text(String),
    Names(Vec<String>),
    Share(Percent),
}

/// One item of a list: its fields.
pub(super) type Item = Vec<(&'static str, Value)>;

/// Every named figure and list of one document.
pub(super) struct Figures {
    /// 预算年度.
    pub year: i32,
    values: HashMap<&'static str, Value>,
    lists: HashMap<&'static str, Vec<Item>>,
}

impl Figures {
    /// The figure named `name`.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// The list named `name`.
    pub fn list(&self, name: &str) -> Option<&[Item]> {
        self.lists.get(name).map(Vec::as_slice)
    }

    /// Computes every figure of `doc`.
    pub fn of(doc: &Document, catalog: &Catalog, spec: &TemplateSpec) -> Figures {
        let w = Words::in_template(doc, spec);
        let p = printed(doc, w.unit, w.decimals);
        let t = totals(&p);
        let (tp, tw) = three_public_printed(doc, w, spec);
        let tt = totals(&tp);
        let mut f = Figures {
            year: doc.meta.year,
            values: HashMap::new(),
            lists: HashMap::new(),
        };
        let money = |m: Money| Value::Money(Fig::plain(m, w));
        let text = |s: &str| Value::Text(s.to_string());
        f.put("年度", Value::Count(doc.meta.year.into()));
        f.put("上年", Value::Count((doc.meta.year - 1).into()));
        f.put("部门名称", text(&doc.meta.dept_name));
        f.put("单位", text(w.entity.word()));
        f.put(
            "收支总预算",
            Value::Money(Fig::with_prior(
                t.total,
                w,
                t.change_percent.map(|_| t.prior),
            )),
        );
        // 财政拨款 figures know their 上年 from the lines' 上年预算数, where
        // the document has them (上海 states each one's change).
        let prior_of = |sources: &[FundSource]| {
            t.prior_lines.map(|_| {
                p.budget_lines
                    .iter()
                    .flat_map(|l| l.prior.iter())
                    .filter(|((s, _), _)| sources.contains(s))
                    .map(|(_, m)| *m)
                    .sum()
            })
        };
        let with_prior = |m: Money, sources: &[FundSource]| {
            Value::Money(Fig::with_prior(m, w, prior_of(sources)))
        };
        f.put(
            "财政拨款收入合计",
            with_prior(t.fiscal, &FundSource::FISCAL),
        );
        // The 上海 收入 rows: 事业收入, 事业单位经营收入, and 其他收入 for
        // every other non-财政拨款 source.
        f.put("事业收入", money(t.source(FundSource::InstitutionIncome)));
        f.put(
            "事业单位经营收入",
            money(t.source(FundSource::OperatingIncome)),
        );
        let other: Money = FundSource::ALL
            .into_iter()
            .filter(|s| {
                !s.is_fiscal()
                    && !matches!(
                        s,
                        FundSource::InstitutionIncome | FundSource::OperatingIncome
                    )
            })
            .map(|s| t.source(s))
            .sum();
        f.put("其他收入", money(other));
        f.put(
            "一般公共预算支出",
            with_prior(t.general(), &[FundSource::GeneralBudget]),
        );
        f.put("一般公共预算基本支出", money(t.general_basic));
        f.put("一般公共预算项目支出", money(t.general_project));
        f.put("基本支出", money(t.kind(SpendingKind::Basic)));
        f.put("项目支出", money(t.kind(SpendingKind::Project)));
        f.put(
            "政府性基金预算支出",
            with_prior(t.source(FundSource::GovFund), &[FundSource::GovFund]),
        );
        f.put(
            "国有资本经营预算支出",
            with_prior(
                t.source(FundSource::StateCapital),
                &[FundSource::StateCapital],
            ),
        );
        f.put("人员经费", money(t.personnel));
        f.put("公用经费", money(t.public));
        f.put(
            "人员经费类名称",
            Value::Names(economic_names(&p, catalog, CostBucket::Personnel, true)),
        );
        f.put(
            "公用经费类名称",
            Value::Names(economic_names(&p, catalog, CostBucket::Public, true)),
        );
        f.put(
            "公用经费科目名称",
            Value::Names(economic_names(&p, catalog, CostBucket::Public, false)),
        );
        f.three_public(&tp, tw);
        f.put(
            "政府性基金三公经费",
            Value::Money(Fig::plain(tp.gov_fund_three_public.total(), tw)),
        );
        f.put("机关运行经费", Value::Money(Fig::plain(tt.public, tw)));
        f.put("会议费", money(p.economic_spending(crate::model::MEETINGS)));
        f.put("培训费", money(p.economic_spending(crate::model::TRAINING)));
        f.put("政府采购预算", money(p.procurement_total()));
        f.put("车辆数", Value::Count(doc.other.vehicles.into()));
        f.put("变动原因", text(doc.other.change_reason.trim()));
        f.put("资产说明", text(doc.other.assets_note.trim()));
        let staff = &doc.overview.staffing;
        f.put("编制人数", Value::Count(staff.authorized_total().into()));
        f.put("实有人数", Value::Count(staff.actual_total().into()));
        f.put("离退休人数", Value::Count(staff.retired.into()));
        f.put(
            "人员构成",
            text(&super::staffing_sentence(doc).unwrap_or_default()),
        );
        f.lists(doc, catalog, &p, &t, w);
        f.glossary(doc, catalog);
        // Every item knows its place, for numbered sentences (`（一）`).
        for items in f.lists.values_mut() {
            for (i, item) in items.iter_mut().enumerate() {
                item.push(("序号", Value::Count(i as i64 + 1)));
                item.push(("中文序号", text(&chinese_number(i + 1))));
            }
        }
        f
    }

    /// 名词解释 as a list: each term with its explanation; the entry listing
    /// the 项 used explains itself with them (`1、…；2、…`).
    fn glossary(&mut self, doc: &Document, catalog: &Catalog) {
        let text = |s: &str| Value::Text(s.to_string());
        let entries = doc
            .glossary
            .iter()
            .map(|e| match e {
                GlossaryEntry::Term { term, text: t } => {
                    vec![("名词", text(term)), ("解释", text(t))]
                }
                GlossaryEntry::FunctionCodesUsed => {
                    let lines = super::function_codes_used(doc, catalog);
                    let explained = if lines.is_empty() {
                        "本年尚未编列支出预算。".to_string()
                    } else {
                        lines
                            .iter()
                            .enumerate()
                            .map(|(k, l)| format!("{}、{l}", k + 1))
                            .collect::<Vec<_>>()
                            .join("；")
                    };
                    vec![
                        (
                            "名词",
                            Value::Text(format!(
                                "本{}使用的主要支出功能分类科目(项级)",
                                doc.meta.entity.word()
                            )),
                        ),
                        ("解释", Value::Text(explained)),
                    ]
                }
            })
            .collect();
        self.lists.insert("名词解释", entries);
    }

    fn put(&mut self, name: &'static str, v: Value) {
        self.values.insert(name, v);
    }

    /// "三公" items with the stored 上年 "三公" as their prior figures.
    fn three_public(&mut self, tp: &Document, tw: Words) {
        let now = &tp.three_public;
        let prior = tp.prior_three_public.as_ref();
        let items: [(&'static str, ItemOf); 6] = [
            ("三公经费", ThreePublic::total),
            ("因公出国（境）费", |x| x.abroad),
            ("公务用车购置及运行费", ThreePublic::vehicles),
            ("公务用车购置费", |x| x.vehicle_purchase),
            ("公务用车运行费", |x| x.vehicle_operation),
            ("公务接待费", |x| x.reception),
        ];
        for (name, get) in items {
            self.put(
                name,
                Value::Money(Fig::with_prior(get(now), tw, prior.map(get))),
            );
        }
    }

    fn lists(&mut self, doc: &Document, catalog: &Catalog, p: &Document, t: &Totals, w: Words) {
        let money = |m: Money| Value::Money(Fig::plain(m, w));
        let text = |s: &str| Value::Text(s.to_string());
        let fiscal: Vec<Item> = FundSource::FISCAL
            .iter()
            .filter(|s| !t.source(**s).is_zero())
            .map(|s| {
                vec![
                    ("名称", text(income_words(*s).trim_end_matches("收入"))),
                    ("金额", money(t.source(*s))),
                ]
            })
            .collect();
        self.lists.insert("财政拨款来源", fiscal);

        let used: Vec<FundSource> = FundSource::ALL
            .into_iter()
            .filter(|s| !t.source(*s).is_zero())
            .collect();
        let sh = shares(&used.iter().map(|s| t.source(*s)).collect::<Vec<_>>());
        let sources = used
            .iter()
            .zip(sh)
            .map(|(s, pc)| {
                vec![
                    ("名称", text(s.label())),
                    ("收入名称", text(income_words(*s))),
                    ("金额", money(t.source(*s))),
                    ("占比", Value::Share(pc)),
                ]
            })
            .collect();
        self.lists.insert("收入来源", sources);

        let mut kinds_of_income = Vec::new();
        if !t.fiscal.is_zero() {
            kinds_of_income.push(vec![("名称", text("财政拨款收入"))]);
        }
        kinds_of_income.extend(
            used.iter()
                .filter(|s| !s.is_fiscal())
                .map(|s| vec![("名称", text(s.label()))]),
        );
        self.lists.insert("收入种类", kinds_of_income);

        let kinds: Vec<SpendingKind> = SpendingKind::ALL
            .into_iter()
            .filter(|k| !t.kind(*k).is_zero())
            .collect();
        let sh = shares(&kinds.iter().map(|k| t.kind(*k)).collect::<Vec<_>>());
        let kinds = kinds
            .iter()
            .zip(sh)
            .map(|(k, pc)| {
                vec![
                    ("名称", text(k.label())),
                    ("金额", money(t.kind(*k))),
                    ("占比", Value::Share(pc)),
                ]
            })
            .collect();
        self.lists.insert("支出类型", kinds);

        self.lists
            .insert("功能类", function_classes(doc, catalog, p, w));
        self.economic_classes(p, catalog, w);

        let projects = p
            .projects
            .iter()
            .map(|pr| {
                vec![
                    ("名称", text(&pr.name)),
                    ("金额", money(pr.fiscal())),
                    ("资金总额", money(pr.total())),
                    ("用途", text(pr.purpose.trim().trim_end_matches('。'))),
                    ("实施单位", text(pr.implementing_unit.trim())),
                    ("开始", text(pr.start.trim())),
                    ("结束", text(pr.end.trim())),
                    (
                        "年度目标",
                        text(pr.annual_goal.trim().trim_end_matches('。')),
                    ),
                ]
            })
            .collect();
        self.lists.insert("项目", projects);
        // A project has 绩效目标 when both its 年度目标 and indicators are
        // entered.
        let covered: Vec<_> = p
            .projects
            .iter()
            .filter(|pr| !pr.annual_goal.trim().is_empty() && !pr.indicators.is_empty())
            .collect();
        self.put(
            "绩效目标项目金额",
            money(covered.iter().map(|pr| pr.fiscal()).sum()),
        );
        let covered = covered
            .iter()
            .map(|pr| vec![("名称", text(&pr.name)), ("金额", money(pr.fiscal()))])
            .collect();
        self.lists.insert("有绩效目标项目", covered);

        let functions = doc
            .overview
            .functions
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .map(|f| vec![("内容", text(f))])
            .collect();
        self.lists.insert("主要职能", functions);

        self.lists.insert(
            "一般公共预算项",
            items_of(p, catalog, w, &[FundSource::GeneralBudget]),
        );
        self.lists
            .insert("财政拨款项", items_of(p, catalog, w, &FundSource::FISCAL));

        // From the printed rows when there are any (so the text's figures
        // add up as the 政府采购 table prints them), else the typed totals.
        let procurement = p
            .procurement_by_kind()
            .iter()
            .filter(|(_, m)| !m.is_zero())
            .map(|(k, m)| {
                let name = format!("{}类", k.label());
                vec![("名称", text(&name)), ("金额", money(*m))]
            })
            .collect();
        self.lists.insert("政府采购项", procurement);
        let rows = p
            .procurement
            .iter()
            .map(|r| {
                vec![
                    ("名称", text(&r.name)),
                    ("采购类型", text(r.kind.label())),
                    ("金额", money(r.amount)),
                ]
            })
            .collect();
        self.lists.insert("政府采购明细", rows);

        let units = doc
            .overview
            .units
            .iter()
            .map(|u| vec![("名称", text(&u.name)), ("类型", text(u.kind.label()))])
            .collect();
        self.lists.insert("预算单位", units);
    }

    /// 人员经费经济类 and 公用经费经济类, with shares over both together
    /// (the shares of 基本支出).
    fn economic_classes(&mut self, p: &Document, catalog: &Catalog, w: Words) {
        let personnel = economic_classes(p, catalog, CostBucket::Personnel);
        let public = economic_classes(p, catalog, CostBucket::Public);
        let all: Vec<Money> = personnel.iter().chain(&public).map(|c| c.1).collect();
        let sh = shares(&all);
        let n = personnel.len();
        let item = |(name, v, items): (String, Money, Vec<String>), pc: Percent| -> Item {
            vec![
                ("名称", Value::Text(name)),
                ("金额", Value::Money(Fig::plain(v, w))),
                ("占比", Value::Share(pc)),
                ("科目", Value::Names(items)),
            ]
        };
        let per: Vec<Item> = personnel
            .into_iter()
            .zip(sh.iter().copied())
            .map(|(c, pc)| item(c, pc))
            .collect();
        let pub_: Vec<Item> = public
            .into_iter()
            .zip(sh.iter().skip(n).copied())
            .map(|(c, pc)| item(c, pc))
            .collect();
        self.lists.insert("人员经费经济类", per);
        self.lists.insert("公用经费经济类", pub_);
    }
}

/// The 功能科目 项 with an amount from `sources`, in code order as every
/// table lists them, each with the names of its 类 and 款 (上海's
/// “一般公共服务支出（类）财政事务（款）行政运行（项）”).
fn items_of(p: &Document, catalog: &Catalog, w: Words, sources: &[FundSource]) -> Vec<Item> {
    let amount = |l: &BudgetLine| -> Money { sources.iter().map(|s| l.source_total(*s)).sum() };
    let mut lines: Vec<&BudgetLine> = p
        .budget_lines
        .iter()
        .filter(|l| !amount(l).is_zero())
        .collect();
    lines.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    let name_at = |l: &BudgetLine, level| {
        let name = l
            .code
            .prefix(level)
            .and_then(|c| catalog.function_name_str(c))
            .unwrap_or_default();
        Value::Text(name.to_string())
    };
    lines
        .into_iter()
        .map(|l| {
            vec![
                ("编码", Value::Text(l.code.as_str().to_string())),
                ("名称", Value::Text(l.name.clone())),
                ("类名称", name_at(l, CodeLevel::Class)),
                ("款名称", name_at(l, CodeLevel::Section)),
                ("金额", Value::Money(Fig::plain(amount(l), w))),
            ]
        })
        .collect()
}

/// The document in the unit of the table that prints "三公" (the text's
/// unit when no table does), and that unit's words.
fn three_public_printed<'d>(
    doc: &'d Document,
    w: Words,
    spec: &TemplateSpec,
) -> (std::borrow::Cow<'d, Document>, Words) {
    let three_spec = spec
        .tables
        .iter()
        .find(|ts| ts.query.role() == Role::ThreePublic);
    let tw = match three_spec {
        Some(ts) => Words {
            unit: ts.unit.unwrap_or(doc.meta.printed_unit()),
            decimals: ts.decimals,
            ..w
        },
        None => w,
    };
    (printed(doc, tw.unit, tw.decimals), tw)
}

/// 功能类 with their shares; 同比率 from the entered figures, as rule Y03
/// reads them: a ratio of the same unit, whatever the text prints in.
fn function_classes(doc: &Document, catalog: &Catalog, p: &Document, w: Words) -> Vec<Item> {
    let classes = general_by_class(p, catalog);
    let entered: BTreeMap<String, Money> = general_by_class(doc, catalog)
        .into_iter()
        .map(|(c, _, m)| (c, m))
        .collect();
    let sh = shares(&classes.iter().map(|c| c.2).collect::<Vec<_>>());
    classes
        .into_iter()
        .zip(sh)
        .map(|((code, name, v), pc)| {
            let now = entered.get(&code).copied().unwrap_or(v);
            let mut fig = Fig::with_prior(v, w, p.general_by_class(&code));
            fig.rate = class_change(doc.general_by_class(&code), now);
            vec![
                ("编码", Value::Text(code)),
                ("名称", Value::Text(name)),
                ("金额", Value::Money(fig)),
                ("占比", Value::Share(pc)),
            ]
        })
        .collect()
}

/// Names of the 经济科目 类 (or the lines' own names) used in one bucket.
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

/// Amounts per 经济科目 类 within a bucket, with the lines' names.
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
