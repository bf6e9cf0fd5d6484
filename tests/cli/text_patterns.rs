//! The 情况说明 as patterns in the template file: a section a template
//! author writes (not bundled) is printed from the document's figures; the
//! "三公" sentence says its 同比 from the stored 上年 "三公"; a template's
//! text problems name the section and the place; lists do not nest.

use std::collections::BTreeSet;
use yusuan::model::{Document, FundSource, ThreePublic};
use yusuan::money::Money;
use yusuan::narrative::{self, Words};
use yusuan::template::{TemplateSpec, TextProblemKind, text_problems};

fn example(name: &str) -> Document {
    let text = std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("example file");
    yusuan::io::from_str(&text).expect("example parses")
}

/// A template with one text part holding `sections` (RON).
fn spec(sections: &str) -> TemplateSpec {
    let text = format!(
        r#"(name: "测试", cover: "", toc_title: "", table_caption: "", tables: [],
            parts: [(kind: Narrative, heading: "说明", sections: [{sections}])])"#
    );
    ron::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn paragraphs(spec: &TemplateSpec, doc: &Document) -> Vec<Vec<String>> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    narrative::text_in(spec, doc, &catalog)
        .into_iter()
        .map(|s| {
            let mut v = vec![s.heading];
            v.extend(s.paragraphs);
            v
        })
        .collect()
}

#[test]
fn a_section_the_author_writes_prints_the_documents_figures() {
    let doc = example("qingshan-2021.ron");
    let s = spec(
        r#"(id: "mine", heading: "{部门名称}{年度}年{单位}功能类", body: [
            Each(list: "功能类", p: [T("{编码}{名称}{金额}（{占比}）")]),
            P([Join(list: "收入来源", item: [T("{名称}")], sep: "、", before: "来源：", after: "。")]),
            When(if: "个数(项目) > 0 && 政府性基金预算支出", then: [S("有基金与项目")],
                 else: [S("项目{个数(项目)}个")]),
            S("{{原样}}"),
        ])"#,
    );
    assert!(text_problems(&s).is_empty(), "{:?}", text_problems(&s));
    let text = paragraphs(&s, &doc);
    let sec = &text[0];
    assert_eq!(
        sec[0],
        format!("一、{}2021年部门功能类", doc.meta.dept_name)
    );
    // One paragraph per 功能 类 with a 一般公共预算 amount, in code order.
    let classes: BTreeSet<&str> = doc
        .budget_lines
        .iter()
        .filter(|l| !l.source_total(FundSource::GeneralBudget).is_zero())
        .map(|l| &l.code.as_str()[..3])
        .collect();
    let each = &sec[1..1 + classes.len()];
    for (p, code) in each.iter().zip(&classes) {
        assert!(p.starts_with(code), "{p} / {code}");
        assert!(p.ends_with("%）"), "{p}");
    }
    let sources: Vec<&str> = FundSource::ALL
        .iter()
        .filter(|s| {
            doc.budget_lines
                .iter()
                .any(|l| !l.source_total(**s).is_zero())
        })
        .map(|s| s.label())
        .collect();
    assert_eq!(
        sec[1 + classes.len()],
        format!("来源：{}。", sources.join("、"))
    );
    let has_fund = doc
        .budget_lines
        .iter()
        .any(|l| !l.source_total(FundSource::GovFund).is_zero());
    let want = if !doc.projects.is_empty() && has_fund {
        "有基金与项目".to_string()
    } else {
        format!("项目{}个", doc.projects.len())
    };
    assert_eq!(sec[2 + classes.len()], want);
    assert_eq!(sec[3 + classes.len()], "{原样}");
}

/// The "三公" sentence of the document's own template.
fn three_public_sentence(doc: &Document) -> String {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    narrative::text_in(doc.meta.template.spec(), doc, &catalog)
        .into_iter()
        .flat_map(|s| s.paragraphs)
        .find(|p| p.contains("“三公”经费支出预算"))
        .expect("a 三公 sentence")
}

#[test]
fn the_three_public_sentence_says_its_change_from_the_stored_prior() {
    let mut doc = example("qingshan-2021.ron");
    assert!(doc.prior_three_public.is_none());
    let without = three_public_sentence(&doc);
    assert!(!without.contains("2020年"), "{without}");

    // Last year's 接待费 one unit higher: the total fell by that unit.
    let one = Money::from_cents(100);
    let prior = ThreePublic {
        reception: doc.three_public.reception + one,
        ..doc.three_public
    };
    doc.prior_three_public = Some(prior);
    let fell = three_public_sentence(&doc);
    let w = Words::of(&doc);
    assert!(
        fell.starts_with(&without[..without.len() - "。".len()]),
        "{fell}"
    );
    assert!(fell.contains("，比2020年预算减少"), "{fell}");
    assert!(fell.contains("，下降"), "{fell}");
    assert!(fell.ends_with("%。"), "{fell}");

    doc.prior_three_public = Some(doc.three_public);
    let same = three_public_sentence(&doc);
    assert!(same.ends_with("，与2020年预算持平。"), "{same}");
    // The amount prints through the one formatting function.
    assert!(!w.money(one).is_empty());
}

#[test]
fn text_problems_name_the_section_and_what_is_wrong() {
    let s = spec(
        r#"(id: "bad", heading: "{不存在}", body: [
            S("{年度"),
            S("{增幅(收支总预算)}"),
            S("{同比(部门名称)}"),
            S("{项目}"),
            When(if: "个数(功能类) >", then: []),
            Each(list: "功能类", p: [Join(list: "项目", item: [T("{名称}")])]),
            Each(list: "没有的列表", p: []),
        ])"#,
    );
    let problems = text_problems(&s);
    let kinds: Vec<&TextProblemKind> = problems.iter().map(|p| &p.kind).collect();
    assert!(kinds.contains(&&TextProblemKind::UnknownName("不存在".into())));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, TextProblemKind::Malformed(_)))
    );
    assert!(kinds.contains(&&TextProblemKind::UnknownHelper("增幅".into())));
    assert!(kinds.contains(&&TextProblemKind::WrongArgument {
        helper: "同比".into(),
        argument: "部门名称".into()
    }));
    assert!(kinds.contains(&&TextProblemKind::NotPrintable("项目".into())));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, TextProblemKind::BadCondition(_)))
    );
    assert!(kinds.contains(&&TextProblemKind::NestedList("项目".into())));
    assert!(kinds.contains(&&TextProblemKind::UnknownList("没有的列表".into())));
    for p in &problems {
        let m = p.to_string();
        assert!(m.starts_with("情况说明“bad”："), "{m}");
    }
}

#[test]
fn a_nested_list_prints_nothing_and_a_huge_section_is_refused() {
    let doc = example("qingshan-2021.ron");
    let s = spec(
        r#"(id: "nest", heading: "", body: [
            Each(list: "功能类", p: [T("{名称}"), Join(list: "一般公共预算项", item: [T("{名称}")])]),
        ])"#,
    );
    let text = paragraphs(&s, &doc);
    let names: Vec<&String> = text[0][1..].iter().collect();
    assert!(!names.is_empty());
    for n in names {
        assert!(!n.contains('“') && n.chars().count() < 20, "{n}");
    }

    let many = vec![r#"S("{年度}")"#; 2_000].join(",");
    let s = spec(&format!(r#"(id: "big", heading: "", body: [{many}])"#));
    let problems = text_problems(&s);
    assert!(
        problems
            .iter()
            .any(|p| matches!(p.kind, TextProblemKind::TooLarge(_))),
        "{problems:?}"
    );
    // Checking stops counting once too large: one problem, not 1,600.
    assert!(problems.len() < 5, "{}", problems.len());
}

#[test]
fn the_preparers_texts_fill_their_slots() {
    let mut doc = example("qingshan-2021.ron");
    doc.overview.functions = vec!["负责一".into(), "  ".into(), "负责二".into()];
    doc.other.change_reason = "新增机构".into();
    let s = spec(
        r#"(id: "slots", heading: "", body: [
            Each(list: "主要职能", p: [T("{内容}")]),
            When(if: "变动原因", then: [S("原因：{变动原因}")]),
        ])"#,
    );
    let text = paragraphs(&s, &doc);
    assert_eq!(text[0][1..], ["负责一", "负责二", "原因：新增机构"]);
}

/// 北京's sentence: `比2020年年初预算数X万元增加Y万元，增长Z%`, built from
/// `上年`, `增减`, `增减额` and `同比率`; without a prior figure the words
/// are empty and the condition fails.
#[test]
fn the_change_can_be_worded_with_its_amount_and_direction() {
    let s = spec(
        r#"(id: "mine", heading: "三公", body: [
            P([T("“三公”经费{三公经费}"),
               If(if: "有上年(三公经费)", then: [T("，比{上年}年年初预算数{上年(三公经费)}{增减(三公经费)}{增减额(三公经费)}，{同比率(三公经费)}")]),
               If(if: "增减额(三公经费) < 0", then: [T("（压减）")]),
               T("。")]),
        ])"#,
    );
    assert!(text_problems(&s).is_empty(), "{:?}", text_problems(&s));
    let mut doc = example("qingshan-2021.ron");
    doc.three_public.reception = Money::from_cents(5_000);
    let w = Words::of(&doc);
    let now = doc.three_public.total();
    let text = |doc: &Document| paragraphs(&s, doc)[0][1].clone();
    assert_eq!(text(&doc), format!("“三公”经费{}。", w.money(now)));

    let ten = Money::from_cents(1000);
    doc.prior_three_public = Some(ThreePublic {
        reception: doc.three_public.reception + ten,
        ..doc.three_public
    });
    let fell = text(&doc);
    assert!(
        fell.contains(&format!(
            "，比2020年年初预算数{}减少{}，下降",
            w.money(now + ten),
            w.money(ten)
        )),
        "{fell}"
    );
    assert!(fell.ends_with("%（压减）。"), "{fell}");

    doc.prior_three_public = Some(ThreePublic {
        reception: doc.three_public.reception - ten,
        ..doc.three_public
    });
    let rose = text(&doc);
    assert!(
        rose.contains(&format!("增加{}，增长", w.money(ten))),
        "{rose}"
    );
    assert!(!rose.contains("压减"), "{rose}");

    doc.prior_three_public = Some(doc.three_public);
    assert!(text(&doc).contains("持平0万元，持平"), "{}", text(&doc));
}

/// A 概况 and a 名词解释 worded by the template (四川's two-section 概况,
/// a numbered 名词解释 section): they print the document's entries as
/// text sections numbered within their part; without sections the
/// program's wording stays; a table part refuses sections.
#[test]
fn the_overview_and_the_glossary_can_be_written_as_sections() {
    let text = r#"(name: "测试", cover: "", toc_title: "", table_caption: "", tables: [],
        parts: [
            (kind: Overview, heading: "第一部分 概况", sections: [
                (id: "duties", heading: "基本职能及主要工作", body: [
                    Each(list: "主要职能", p: [T("{序号}.{内容}")]),
                ]),
                (id: "units", heading: "{单位}预算单位构成", body: [
                    P([T("共{个数(预算单位)}个："), Join(list: "预算单位", item: [T("{名称}")], sep: "、")]),
                    When(if: "编制人数 > 0", then: [S("{人员构成}")]),
                ]),
            ]),
            (kind: Narrative, heading: "第三部分 说明", sections: [(id: "x", heading: "收支", body: [S("{收支总预算}")])]),
            (kind: Glossary, heading: "第四部分 名词解释", sections: [
                (id: "terms", heading: "", body: [Each(list: "名词解释", p: [T("（{中文序号}）{名词}：{解释}")])]),
            ]),
        ])"#;
    let spec: TemplateSpec = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text_problems(&spec).is_empty(),
        "{:?}",
        text_problems(&spec)
    );
    assert!(
        !spec.problems().iter().any(|p| p.place.starts_with("parts")),
        "{:?}",
        spec.problems()
    );
    let mut doc = example("qingshan-2021.ron");
    doc.overview.staffing.retired = 2;
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let secs = narrative::text_in(&spec, &doc, &catalog);
    let parts: Vec<usize> = secs.iter().map(|s| s.part).collect();
    assert_eq!(parts, vec![0, 0, 1, 2]);
    assert_eq!(secs[0].heading, "一、基本职能及主要工作");
    let duties: Vec<&str> = doc
        .overview
        .functions
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect();
    assert!(!duties.is_empty());
    assert_eq!(secs[0].paragraphs.len(), duties.len());
    assert_eq!(secs[0].paragraphs[0], format!("1.{}", duties[0]));
    assert_eq!(secs[1].heading, "二、部门预算单位构成");
    assert!(secs[1].paragraphs[0].starts_with(&format!("共{}个：", doc.overview.units.len())));
    let staffing = narrative::staffing_sentence(&doc).expect("staffing");
    assert!(staffing.contains("离退休人员2人"), "{staffing}");
    if doc.overview.staffing.authorized_total() > 0 {
        assert_eq!(secs[1].paragraphs[1], staffing);
    } else {
        assert_eq!(secs[1].paragraphs.len(), 1);
    }
    // The 情况说明 is numbered on its own; the 名词解释 section has no heading.
    assert_eq!(secs[2].heading, "一、收支");
    assert_eq!(secs[3].heading, "");
    assert_eq!(secs[3].paragraphs.len(), doc.glossary.len());
    assert!(
        secs[3].paragraphs[0].starts_with("（一）"),
        "{}",
        secs[3].paragraphs[0]
    );
    let used = secs[3]
        .paragraphs
        .iter()
        .find(|p| p.contains("使用的主要支出功能分类科目(项级)："))
        .expect("the entry listing the 项 used");
    assert!(used.contains("1、") && used.contains("(类)"), "{used}");

    // Sections on a table part are refused, naming the part.
    let bad: TemplateSpec = ron::from_str(&text.replace(
        "(kind: Narrative, heading: \"第三部分 说明\"",
        "(kind: Tables, heading: \"表\", sections: [(id: \"t\", heading: \"\", body: [])]),\n            (kind: Narrative, heading: \"第三部分 说明\"",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        bad.problems().iter().any(|p| p.place == "parts[1]"),
        "{:?}",
        bad.problems()
    );
}
