//! 第一部分 and 第三部分 text generated from the figures, worded as the
//! published template words them; and the 科目 list of 第四部分 (四).
//! Every number here comes from [`crate::derive`].

use crate::catalog::Catalog;
use crate::derive::{Derived, Totals};
use crate::layout::NarrativeSection;
use crate::model::{CostBucket, Document, EconomicCode, FunctionCode, FundSource, SpendingKind};
use crate::money::{Money, shares};
use crate::numerals::chinese_ordinal;
use std::collections::BTreeMap;

/// An amount in prose: `1037.60`, but `0` for nothing, as the seed prints it.
fn amt(m: Money) -> String {
    if m.rounded().is_zero() {
        "0".into()
    } else {
        m.display()
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

/// `比2020年预算减少133.23万元，下降11.38%，主要是财政经费压减`
pub fn change_sentence(doc: &Document, t: &Totals) -> String {
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
            "比{prev}年预算减少{}万元，下降{}%{reason}",
            amt(-t.change),
            p.0.abs()
        ),
        Some(p) => format!(
            "比{prev}年预算增加{}万元，增长{}%{reason}",
            amt(t.change),
            p.0
        ),
    }
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
    let mut by: BTreeMap<String, (Money, Vec<String>)> = BTreeMap::new();
    for l in doc
        .basic_by_economic
        .iter()
        .filter(|l| l.bucket == bucket && !l.amount.is_zero())
    {
        let class = l.code.class().map(|c| c.0).unwrap_or_default();
        let e = by.entry(class).or_default();
        e.0 += l.amount;
        e.1.push(l.name.clone());
    }
    by.into_iter()
        .map(|(c, (m, items))| {
            (
                catalog
                    .economic_name(&EconomicCode::new(c))
                    .unwrap_or("其他")
                    .to_string(),
                m,
                items,
            )
        })
        .collect()
}

/// 第三部分 情况说明, section by section.
pub fn part3(doc: &Document, catalog: &Catalog, d: &Derived) -> Vec<NarrativeSection> {
    let t = &d.totals;
    let y = doc.meta.year;
    let mut out = Vec::new();
    let mut sec = |n: usize, title: &str, paragraphs: Vec<String>| {
        out.push(NarrativeSection {
            heading: format!("{}{}", chinese_ordinal(n, false), title),
            paragraphs,
        })
    };

    // 一、财政拨款收支预算总体情况
    let fiscal_sources: Vec<String> = FundSource::FISCAL
        .iter()
        .filter(|s| !t.source(**s).is_zero())
        .map(|s| {
            format!(
                "{}本年收入{}万元",
                income_words(*s).trim_end_matches("收入"),
                amt(t.source(*s))
            )
        })
        .collect();
    let mut p = format!("{y}年财政拨款收支总预算{}万元。", amt(t.fiscal));
    if !fiscal_sources.is_empty() {
        p += &format!("收入包括：{}。", fiscal_sources.join("；"));
    }
    sec(1, "财政拨款收支预算总体情况", vec![p]);

    // 二、一般公共预算支出安排情况
    let mut ps = vec![format!(
        "{y}年一般公共预算支出预算{}万元。其中：(1)本年预算{}万元，{}。具体安排情况如下：",
        amt(t.general()),
        amt(t.general()),
        change_sentence(doc, t)
    )];
    let personnel_classes = economic_names(doc, catalog, CostBucket::Personnel, true);
    let public_classes = economic_names(doc, catalog, CostBucket::Public, true);
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
    ps.push(format!("(一)基本支出{}万元{uses}。", amt(t.general_basic)));
    ps.push(format!(
        "(二)项目支出{}万元。{}",
        amt(t.general_project),
        if doc.projects.is_empty() {
            ""
        } else {
            "其中："
        }
    ));
    for p in &doc.projects {
        let purpose = p.purpose.trim().trim_end_matches('。');
        ps.push(if purpose.is_empty() {
            format!("{}{}万元。", p.name, amt(p.fiscal))
        } else {
            format!("{}{}万元，主要用于{}。", p.name, amt(p.fiscal), purpose)
        });
    }
    sec(2, "一般公共预算支出安排情况", ps);

    // 三、一般公共预算基本支出安排情况
    let mut ps = vec![format!(
        "{y}年一般公共预算基本支出{}万元。其中：",
        amt(t.general_basic)
    )];
    let personnel = economic_classes(doc, catalog, CostBucket::Personnel);
    ps.push(if personnel.is_empty() {
        format!("(一)人员经费{}万元。", amt(t.personnel))
    } else {
        format!("(一)人员经费{}万元。包括：", amt(t.personnel))
    });
    for (class, m, items) in personnel {
        ps.push(format!(
            "{class}{}万元，主要用于：{}等。",
            amt(m),
            items.join("、")
        ));
    }
    let public_items = economic_names(doc, catalog, CostBucket::Public, false);
    ps.push(if public_items.is_empty() {
        format!("(二)公用经费{}万元。", amt(t.public))
    } else {
        format!(
            "(二)公用经费{}万元，主要用于{}等。",
            amt(t.public),
            public_items.join("、")
        )
    });
    sec(3, "一般公共预算基本支出安排情况", ps);

    // 四、"三公"经费
    let tp = &doc.three_public;
    let mut p = format!(
        "{y}年一般公共预算安排“三公”经费支出预算{}万元",
        amt(t.three_public)
    );
    if !t.three_public.is_zero() {
        p += &format!(
            "，其中：因公出国（境）费{}万元，公务用车购置及运行费{}万元（其中：公务用车购置费{}万元，公务用车运行费{}万元），公务接待费{}万元",
            amt(tp.abroad),
            amt(tp.vehicles()),
            amt(tp.vehicle_purchase),
            amt(tp.vehicle_operation),
            amt(tp.reception)
        );
    }
    sec(4, "一般公共预算“三公”经费支出安排情况", vec![p + "。"]);

    // 五、政府性基金
    let fund = t.source(FundSource::GovFund);
    let p = if fund.is_zero() {
        format!("{y}年{}。", crate::derive::NO_GOV_FUND)
    } else {
        format!("{y}年政府性基金预算支出{}万元。", amt(fund))
    };
    sec(5, "政府性基金预算支出安排情况", vec![p]);

    // 六、部门收支预算总体安排情况
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
    sec(
        6,
        "部门收支预算总体安排情况",
        vec![
            format!(
                "按照综合预算的原则，{}所有收入和支出均纳入部门预算管理。",
                doc.meta.dept_name
            ),
            // No list is printed empty: a document without figures yet says so.
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
                "{y}年部门收支总预算{}万元。{}。",
                amt(t.total),
                change_sentence(doc, t)
            ),
        ],
    );

    // 七、部门收入预算安排情况
    let used: Vec<FundSource> = FundSource::ALL
        .into_iter()
        .filter(|s| !t.source(*s).is_zero())
        .collect();
    let sh = shares(&used.iter().map(|s| t.source(*s)).collect::<Vec<_>>());
    let parts: Vec<String> = used
        .iter()
        .zip(&sh)
        .map(|(s, p)| format!("{}{}万元，占{}", income_words(*s), amt(t.source(*s)), p))
        .collect();
    sec(
        7,
        "部门收入预算安排情况",
        vec![format!(
            "{y}年部门收入预算{}万元，其中：{}。",
            amt(t.total),
            parts.join("；")
        )],
    );

    // 八、部门支出预算安排情况
    let used: Vec<SpendingKind> = SpendingKind::ALL
        .into_iter()
        .filter(|k| !t.kind(*k).is_zero())
        .collect();
    let sh = shares(&used.iter().map(|k| t.kind(*k)).collect::<Vec<_>>());
    let parts: Vec<String> = used
        .iter()
        .zip(&sh)
        .map(|(k, p)| format!("{}{}万元，占{}", k.label(), amt(t.kind(*k)), p))
        .collect();
    sec(
        8,
        "部门支出预算安排情况",
        vec![format!(
            "{y}年部门支出预算{}万元，其中：{}。",
            amt(t.total),
            parts.join("；")
        )],
    );

    // 九、其他重要事项的情况说明
    let o = &doc.other;
    let units = match doc.overview.units.as_slice() {
        [u] => format!("{}1家{}", u.name, u.kind.label()),
        us => format!("{}家预算单位", us.len()),
    };
    let mut ps = vec![
        "(一)机关运行经费情况".to_string(),
        format!("{y}年部门{units}的机关运行经费{}万元。", amt(t.public)),
    ];
    ps.push("(二)政府采购预算情况".into());
    let proc: Vec<String> = [
        ("货物类", o.procurement_goods),
        ("工程类", o.procurement_works),
        ("服务类", o.procurement_services),
    ]
    .iter()
    .filter(|(_, m)| !m.is_zero())
    .map(|(n, m)| format!("{n}{}万元", amt(*m)))
    .collect();
    ps.push(if proc.is_empty() {
        format!("{y}年部门没有安排政府采购预算。")
    } else {
        format!(
            "{y}年部门政府采购预算支出合计{}万元。包括：{}。",
            amt(o.procurement_total()),
            proc.join("，")
        )
    });
    ps.push("(三)国有资产占有使用情况".into());
    let mut p = if o.vehicles == 0 {
        format!("截至{}年12月31日，部门无车辆。", y - 1)
    } else {
        format!("截至{}年12月31日，部门共有车辆{}辆。", y - 1, o.vehicles)
    };
    p += o.assets_note.trim();
    ps.push(p);
    ps.push("(四)绩效目标设置情况".into());
    let covered: Vec<_> = doc
        .projects
        .iter()
        .filter(|p| !p.annual_goal.trim().is_empty() && !p.indicators.is_empty())
        .collect();
    let amount: Money = covered.iter().map(|p| p.fiscal).sum();
    ps.push(
        if !doc.projects.is_empty() && covered.len() == doc.projects.len() {
            format!(
                "{y}年部门项目绩效目标实现全覆盖，涉及一般公共预算本年财政拨款{}万元。",
                amt(amount)
            )
        } else {
            format!(
                "{y}年部门{}个项目中{}个设置了绩效目标，涉及一般公共预算本年财政拨款{}万元。",
                doc.projects.len(),
                covered.len(),
                amt(amount)
            )
        },
    );
    sec(9, "其他重要事项的情况说明", ps);
    out
}

/// 第四部分 (四): `一般公共服务支出(类)宣传事务(款)事业运行、其他宣传事务支出(项)`,
/// one line per 款 used.
pub fn function_codes_used(doc: &Document, catalog: &Catalog) -> Vec<String> {
    let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in doc
        .budget_lines
        .iter()
        .filter(|l| l.amounts.values().any(|m| !m.is_zero()))
    {
        if let Some(section) = l.code.section() {
            let items = by.entry(section.0).or_default();
            if !items.contains(&l.name) {
                items.push(l.name.clone());
            }
        }
    }
    by.into_iter()
        .map(|(section, items)| {
            let s = FunctionCode::new(section.as_str());
            let class = s
                .class()
                .and_then(|c| catalog.function_name(&c).map(str::to_string))
                .unwrap_or_default();
            let sname = catalog.function_name(&s).unwrap_or_default();
            format!("{class}(类){sname}(款){}(项)", items.join("、"))
        })
        .collect()
}

/// Everything the page composer prints besides the entered document.
pub fn parts(doc: &Document, catalog: &Catalog) -> crate::layout::Parts {
    let d = crate::derive::derive(doc, catalog);
    crate::layout::Parts {
        narrative: part3(doc, catalog, &d),
        function_codes_used: function_codes_used(doc, catalog),
        tables: d.tables,
    }
}
