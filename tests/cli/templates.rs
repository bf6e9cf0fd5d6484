//! Template editions end to end: each example exported to PDF and read back
//! with pdftotext (table list, titles, column headers, units, empty notes),
//! `yusuan show --list`, unknown names refused, and the 尾差 rule's promise
//! over random documents entered in 元 and printed in 万元.

use crate::common;

use common::tool;
use proptest::prelude::*;
use std::process::Command;
use yusuan::compose::ExportOptions;
use yusuan::derive::table::{Cell, RowKind, Shape, Table};
use yusuan::model::{
    BudgetLine, CostBucket, Document, EconomicCode, EconomicLine, FunctionCode, FundSource,
    MoneyUnit, SpendingKind,
};
use yusuan::money::Money;
use yusuan::rules::Severity;
use yusuan::template::Template;

fn example(name: &str) -> Document {
    let text = std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("example file");
    yusuan::io::from_str(&text).expect("example parses")
}

/// Exports `doc` and returns the PDF's text, one string per page, with all
/// whitespace removed (pdftotext breaks CJK lines freely).
fn pdf_pages(doc: &Document) -> Vec<String> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.pdf");
    let parts = yusuan::narrative::parts(doc, &catalog);
    yusuan::export::pdf(doc, parts, &ExportOptions::default(), &path).expect("export");
    let p = path.to_str().expect("utf-8 path");
    tool("pdftotext", &[p, "-"])
        .split('\u{c}')
        .map(|page| page.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

/// The page that starts the table captioned `caption`.
fn page_of<'a>(pages: &'a [String], caption: &str) -> &'a str {
    // The 目录 lists captions too; the table's own page has its unit line.
    pages
        .iter()
        .find(|p| p.contains(caption) && p.contains("单位："))
        .unwrap_or_else(|| panic!("no page with {caption}"))
}

/// Every item is on the page (header cells wrap, so pdftotext may interleave
/// them; their order is pinned by the captions and by the data tests).
fn assert_all(text: &str, items: &[&str]) {
    for s in items {
        assert!(text.contains(s), "{s} missing");
    }
}

fn assert_in_order(text: &str, items: &[&str]) {
    let mut at = 0;
    for s in items {
        let i = text[at..]
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing or out of order"));
        at += i + s.len();
    }
}

/// Only the missing-catalog finding (C05: the catalog of 2022/2025 is not
/// bundled yet) may be an 错误 in an example.
fn errors(doc: &Document) -> Vec<String> {
    yusuan::rules::check(doc, &yusuan::catalogs::nearest(doc.meta.year))
        .into_iter()
        .filter(|f| f.severity() == Severity::Error && f.rule != "C05")
        .map(|f| f.to_string())
        .collect()
}

#[test]
fn each_example_names_its_template_and_checks_clean() {
    for (file, t) in [
        ("qingshan-2021.ron", Template::Wuhan2021),
        ("wuhan-2022.ron", Template::Wuhan2022),
        ("shanghai-2025.ron", Template::Shanghai2025),
        ("hunan-2025.ron", Template::Hunan2025),
        ("zhongyang-2024.ron", Template::Zhongyang2024),
        ("guizhou-2025.ron", Template::Guizhou2025),
        ("henan-2025.ron", Template::Henan2025),
        ("tianjin-2026.ron", Template::Tianjin2026),
        ("beijing-2025.ron", Template::Beijing2025),
        ("beijing-2026.ron", Template::Beijing2026),
        ("sichuan-2025.ron", Template::Sichuan2025),
    ] {
        let doc = example(file);
        assert_eq!(doc.meta.template, t, "{file}");
        assert!(errors(&doc).is_empty(), "{file}: {:?}", errors(&doc));
    }
    assert_eq!(example("shanghai-2025.ron").meta.unit, MoneyUnit::Yuan);
}

/// Issue 21: 上海 2025 prints neither 附件3 nor 表10, so nothing only those
/// forms print is asked for: a project without 产出指标 (or goals, dates),
/// an empty 附件3, no 填报人 or 主管部门编码 raise no finding there, while
/// the same document in 武汉 2021, which prints both forms, is asked for all.
#[test]
fn shanghai_asks_nothing_its_template_does_not_print() {
    let mut doc = example("shanghai-2025.ron");
    for p in &mut doc.projects {
        p.indicators.clear();
        p.midterm_goal.clear();
        p.annual_goal.clear();
        p.start = "2021".into();
        p.end = "2021".into();
    }
    doc.performance = Default::default();
    doc.meta.preparer.clear();
    doc.meta.phone.clear();
    doc.meta.dept_code.clear();
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let about_forms = |doc: &Document| -> Vec<String> {
        yusuan::rules::check(doc, &catalog)
            .into_iter()
            .filter(|f| yusuan::rules::printed_in(&f.location).is_some())
            .map(|f| f.to_string())
            .collect()
    };
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
    assert!(about_forms(&doc).is_empty(), "{:?}", about_forms(&doc));
    let mut wuhan = doc.clone();
    wuhan.meta.template = Template::Wuhan2021;
    let asked = about_forms(&wuhan).join("\n");
    for s in [
        "产出指标",
        "中期目标",
        "填报人",
        "主管部门编码",
        "附件3",
        "起止时间",
    ] {
        assert!(asked.contains(s), "{s} not asked in 武汉 2021:\n{asked}");
    }
}

#[test]
fn wuhan_2021_pdf_keeps_its_eight_tables_and_forms() {
    let pages = pdf_pages(&example("qingshan-2021.ron"));
    let all = pages.concat();
    let body = &all[all.find("第二部分").expect("part 2")..];
    assert_in_order(
        body,
        &[
            "表1.青山区大数据中心2021年财政拨款收支预算总表",
            "表2.青山区大数据中心2021年一般公共预算支出表",
            "表3.青山区大数据中心2021年一般公共预算基本支出表",
            "表4.青山区大数据中心2021年一般公共预算“三公”经费支出表",
            "表5.青山区大数据中心2021年政府性基金预算支出表",
            "表6.青山区大数据中心2021年部门收支总表",
            "表7.青山区大数据中心2021年部门收入总表",
            "表8.青山区大数据中心2021年部门支出总表",
            "附件3：",
            "部门整体支出绩效目标申报表",
            "表10.青山区大数据中心2021年部门项目支出绩效目标表",
            "第三部分",
            "第四部分名词解释",
        ],
    );
    let t7 = page_of(&pages, "表7.青山区大数据中心2021年部门收入总表");
    assert_all(
        t7,
        &[
            "科目编码",
            "科目名称",
            "合计",
            "一般公共预算拨款",
            "政府性基金预算拨款",
            "上年结转",
        ],
    );
    assert!(t7.contains("单位：万元"));
    assert!(page_of(&pages, "表5.青山区").contains("本部门没有使用政府性基金预算安排的支出"));
}

#[test]
fn wuhan_2022_pdf_prints_eleven_tables_totals_first() {
    let pages = pdf_pages(&example("wuhan-2022.ron"));
    let all = pages.concat();
    let body = &all[all.find("第二部分").expect("part 2")..];
    let c = |n: u8, t: &str| format!("表{n}.示例区大数据中心2022年{t}");
    let titles = [
        c(1, "收支总表"),
        c(2, "收入总表"),
        c(3, "支出总表"),
        c(4, "财政拨款收支总表"),
        c(5, "一般公共预算支出表"),
        c(6, "一般公共预算基本支出表"),
        c(7, "一般公共预算“三公”经费支出表"),
        c(8, "政府性基金预算支出表"),
        c(9, "项目支出表"),
        c(10, "部门整体支出绩效目标表"),
        c(11, "部门项目绩效目标表"),
    ];
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    assert_in_order(body, &refs);
    let t9 = page_of(&pages, &titles[8]);
    assert_all(
        t9,
        &["项目名称", "实施单位", "合计", "财政拨款", "其他资金"],
    );
    assert_in_order(t9, &["政务网平台运行费", "305.80"]);
    let t8 = page_of(&pages, &titles[7]);
    assert_in_order(
        t8,
        &[
            "合计",
            "本部门2022年无政府性基金预算财政拨款安排的预算，故本表为空表",
        ],
    );
    assert!(all.contains("国有资本经营预算财政拨款支出预算情况"));
}

/// 湖南 2025 (10 tables): the text comes before the tables, the tables are
/// numbered 一、二、… with the year before the title, the 三公 table prints
/// its zeros, and the two 绩效 forms close the document.
#[test]
fn hunan_2025_pdf_prints_ten_tables_text_first() {
    let pages = pdf_pages(&example("hunan-2025.ron"));
    let all = pages.concat();
    let text = all.find("第二部分").expect("part 2: the text");
    let tables = all.find("第四部分").expect("part 4: the tables");
    assert!(text < tables, "text before the tables");
    let body = &all[tables..];
    let titles = [
        "一、2021年部门收支总体情况表",
        "二、2021年部门收入总体情况表",
        "三、2021年部门支出总体情况表",
        "四、2021年财政拨款收支总体情况表",
        "五、2021年一般公共预算支出情况表",
        "六、2021年一般公共预算基本支出情况表",
        "七、2021年一般公共预算“三公”经费支出情况表",
        "八、2021年政府性基金预算支出情况表",
        "九、2021年整体支出绩效目标表",
        "十、2021年项目支出绩效目标表",
    ];
    assert_in_order(body, &titles);
    let t7 = page_of(&pages, titles[6]);
    assert_all(t7, &["公务用车购置费", "公务接待费", "0.00"]);
    assert!(all.contains("本部门2021年没有使用政府性基金预算拨款安排的支出"));
}

/// 北京 2026, an edition of 北京 2025 (项目支出表 dropped, 财政拨款收支总表
/// moved to 4th, the project form renamed): its tables print renumbered in
/// the edition's order, and the two 绩效 forms in the template's order
/// (the project form first, as 北京 lists them; they used to print the
/// 部门整体 form first whatever the template said).
#[test]
fn beijing_2026_edition_prints_its_own_order() {
    let pages = pdf_pages(&example("beijing-2026.ron"));
    let all = pages.concat();
    let tables = all.find("第二部分").expect("part 2: the tables");
    let body = &all[tables..];
    assert_in_order(
        body,
        &[
            "一、收支总表",
            "二、收入总表",
            "三、支出总表",
            "四、财政拨款收支总表",
            "五、一般公共预算财政拨款支出表",
            "九、财政拨款“三公”经费支出表",
            "十、政府采购预算明细表",
            "十一、政府购买服务预算财政拨款明细表",
            "十二、年度项目支出绩效目标表",
            "十三、部门整体支出绩效目标表",
        ],
    );
    assert!(!body.contains("、项目支出表"), "dropped in 2026");
    // The 目录 too lists the project form first.
    let toc = &pages[1];
    let (project, dept) = (toc.find("十二、年度项目"), toc.find("十三、部门整体"));
    assert!(
        matches!((project, dept), (Some(p), Some(d)) if p < d),
        "{toc}"
    );
}

/// 上海 2025 as the 普陀 documents print it: the 目录 lists the seven parts
/// and, under 五、, the nine tables; 名词解释 and 编制说明 come before the
/// tables; each table under its title `2025年部门…表` with the published
/// column headers, in whole 元 (the "三公" table in 万元).
#[test]
fn shanghai_2025_pdf_prints_nine_tables_in_yuan_and_three_public_in_wan() {
    let pages = pdf_pages(&example("shanghai-2025.ron"));
    let all = pages.concat();
    let t = |title: &str| format!("2025年部门{title}");
    let tables = [
        (
            t("财务收支预算总表"),
            vec![
                "本年收入",
                "本年支出",
                "项目",
                "预算数",
                "一、财政拨款收入",
                "1.一般公共预算资金",
                "二、事业收入",
                "四、其他收入",
            ],
        ),
        (
            t("收入预算总表"),
            vec![
                "项目",
                "收入预算",
                "功能分类科目编码",
                "类",
                "款",
                "项",
                "功能分类科目名称",
                "合计",
                "财政拨款收入",
                "事业收入",
                "事业单位经营收入",
                "其他收入",
            ],
        ),
        (
            t("支出预算总表"),
            vec![
                "支出预算",
                "功能分类科目编码",
                "功能分类科目名称",
                "合计",
                "基本支出",
                "项目支出",
            ],
        ),
        (
            t("财政拨款收支预算总表"),
            vec![
                "财政拨款收入",
                "财政拨款支出",
                "项目",
                "预算数",
                "合计",
                "一般公共预算",
                "政府性基金预算",
                "国有资本经营预算",
                "一、一般公共预算资金",
                "二、政府性基金",
                "三、国有资本经营预算",
            ],
        ),
        (
            t("一般公共预算支出功能分类预算表"),
            vec![
                "一般公共预算支出",
                "功能分类科目编码",
                "合计",
                "基本支出",
                "项目支出",
            ],
        ),
        (
            t("政府性基金预算支出功能分类预算表"),
            vec![
                "合计",
                "注：本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
            ],
        ),
        (
            t("国有资本经营预算支出功能分类预算表"),
            vec![
                "功能分类科目编码",
                "合计",
                "注：本部门2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。",
            ],
        ),
        (
            t("一般公共预算基本支出部门预算经济分类预算表"),
            vec![
                "一般公共预算基本支出",
                "部门预算经济分类科目编码",
                "类",
                "款",
                "经济分类科目名称",
                "合计",
                "人员经费",
                "公用经费",
            ],
        ),
        (
            t("“三公”经费和机关运行经费预算表"),
            vec![
                "“三公”经费预算数",
                "合计",
                "因公出国（境）费",
                "公务接待费",
                "公务用车购置及运行费",
                "小计",
                "购置费",
                "运行费",
                "机关运行经费预算数",
            ],
        ),
    ];
    // The 目录: the parts, and the tables numbered under 五、.
    let mut toc: Vec<String> = [
        "一、部门主要职能",
        "二、部门机构设置",
        "三、名词解释",
        "四、部门预算编制说明",
        "五、部门预算表",
    ]
    .map(String::from)
    .to_vec();
    toc.extend(
        tables
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{}.{c}", i + 1)),
    );
    toc.extend(["六、其他相关情况说明", "七、项目经费情况说明"].map(String::from));
    let toc: Vec<&str> = toc.iter().map(String::as_str).collect();
    assert_in_order(&pages[1], &toc);
    // The document in that order: the text before the tables.
    let body = pages[2..].concat();
    let mut order: Vec<&str> = toc.iter().copied().take(5).collect();
    order.extend(tables.iter().map(|(c, _)| c.as_str()));
    order.extend(["六、其他相关情况说明", "七、项目经费情况说明"]);
    assert_in_order(&body, &order);
    for (i, (caption, headers)) in tables.iter().enumerate() {
        let page = page_of(&pages, caption);
        assert_all(page, headers);
        let unit = if i == 8 {
            "单位：万元"
        } else {
            "单位：元"
        };
        assert!(page.contains(unit), "{caption}: {unit}");
    }
    // Whole yuan with thousands separators; 三公 in 万元 with 2 decimals.
    assert!(
        page_of(&pages, &tables[0].0).contains("10,376,013"),
        "{}",
        page_of(&pages, &tables[0].0)
    );
    assert!(page_of(&pages, &tables[8].0).contains("2.03"));
    assert!(!all.contains("附件3"));
}

/// 上海 2025's text as the 普陀 documents write it: the 编制说明 in 万元 to
/// two decimals with thousands separators (收入, 支出 by 财政拨款 source,
/// the reason, then each 财政拨款 项 named by its 类 and 款), the other
/// notes in 万元 too, and 七、项目经费情况说明 from the projects' entered
/// 用途, 实施单位, 起止时间, amounts and 年度目标; a 财政拨款 figure with
/// 上年预算数 says how it changed.
#[test]
fn shanghai_2025_text_is_in_wan_and_describes_the_projects() {
    let mut doc = example("shanghai-2025.ron");
    let all = pdf_pages(&doc).concat();
    let text = &all[all.find("四、部门预算编制说明2025年").expect("编制说明")..];
    assert_in_order(
        text,
        &[
            "2025年，示例区大数据中心收入预算1,037.60万元，其中：财政拨款收入1,037.60万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
            "支出预算1,037.60万元，其中：财政拨款支出预算1,037.60万元。财政拨款支出预算中，一般公共预算拨款支出预算1,037.60万元；政府性基金拨款支出预算0万元；国有资本经营预算拨款支出预算0万元。",
            "收支预算比2024年预算减少133.23万元，主要原因是财政经费压减。",
            "财政拨款支出主要内容如下：",
            "1.“一般公共服务支出（类）宣传事务（款）事业运行（项）”309.86万元。",
            "2.“一般公共服务支出（类）宣传事务（款）其他宣传事务支出（项）”625.98万元。",
            "6.“住房保障支出（类）住房改革支出（款）住房公积金（项）”28.80万元。",
            "五、部门预算表",
            "六、其他相关情况说明",
            "一、2025年“三公”经费预算情况说明2025年“三公”经费预算数为2.03万元。其中：",
            "（二）公务用车购置及运行费1.23万元。其中：公务用车购置费0万元；公务用车运行费1.23万元。",
            "二、机关运行经费预算2025年示例区大数据中心财政拨款的机关运行经费预算为11.64万元。",
            "三、政府采购预算情况2025年本部门政府采购预算418.10万元",
            "四、绩效目标设置情况2025年度，本部门编报绩效目标的项目共2个，涉及项目预算资金625.98万元。",
            "五、国有资产占有使用情况截至2024年8月31日",
            "七、项目经费情况说明",
            "一、项目概述1.政务网平台运行费：保障全区机务网络中心机房",
            "2.网上群众工作部年度经费：发放群众投诉热线",
            "二、实施主体政务网平台运行费：电子政务科；网上群众工作部年度经费：指挥处置科。",
            "三、实施周期政务网平台运行费：2025.01.01至2025.12.31；",
            "四、年度预算安排2025年度预算安排政务网平台运行费305.80万元，网上群众工作部年度经费320.18万元。",
            "五、绩效目标1.政务网平台运行费：全区机务网络中心机房",
        ],
    );
    // No amount of the text is in whole 元 any more.
    assert!(!text.contains("10,376,013元"), "text in 元");
    // With 上年预算数 on the lines, each 财政拨款 figure says how it changed.
    for l in &mut doc.budget_lines {
        l.prior = l
            .amounts
            .iter()
            .map(|(k, v)| (*k, Money(v.0 * rust_decimal::Decimal::new(9, 1))))
            .collect();
    }
    let all = pdf_pages(&doc).concat();
    for s in [
        "其中：财政拨款收入1,037.60万元，比2024年预算增加103.76万元；事业收入",
        "一般公共预算拨款支出预算1,037.60万元，比2024年预算增加103.76万元；",
        "政府性基金拨款支出预算0万元，与2024年预算持平；",
    ] {
        assert!(all.contains(s), "{s}");
    }
}

#[test]
fn show_lists_the_templates_tables() {
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let path = format!("{}/examples/shanghai-2025.ron", env!("CARGO_MANIFEST_DIR"));
    let out = tool(bin, &["show", &path, "--list"]);
    assert!(out.contains("上海 2025"), "{out}");
    assert!(
        out.contains("表7  部门国有资本经营预算支出功能分类预算表  （元）"),
        "{out}"
    );
    assert!(
        out.contains("表9  部门“三公”经费和机关运行经费预算表  （万元）"),
        "{out}"
    );
    let t7 = tool(bin, &["show", &path, "--table", "7"]);
    assert!(t7.contains("故本表为空表"), "{t7}");
    assert!(t7.contains("单位：元"), "{t7}");
}

/// Runs `yusuan new` for 某局 2025 into `out` with `extra` arguments.
fn new_doc(bin: &str, out: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["new", "--dept", "某局", "--year", "2025", "-o", out];
    args.extend(extra);
    Command::new(bin).args(args).output().expect("run")
}

#[test]
fn unknown_template_and_unit_are_refused_in_chinese_listing_the_known_ones() {
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x.ron");
    let o = out.to_str().expect("utf-8");
    let r = new_doc(bin, o, &["--template", "Beijing2030"]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        err.contains("不认识的模板") && err.contains("Shanghai2025"),
        "{err}"
    );
    let r = Command::new(bin)
        .args([
            "new", "--dept", "某局", "--year", "2025", "-o", o, "--unit", "千元",
        ])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&r.stderr).contains("万元"));
    // A file naming a template from a newer program is refused.
    let text = include_str!("../../examples/wuhan-2022.ron").replace("Wuhan2022", "Wuhan2027");
    let e = yusuan::io::from_str(&text)
        .expect_err("refused")
        .to_string();
    assert!(
        e.contains("Wuhan2027") && e.contains("升级") && e.contains("Wuhan2021"),
        "{e}"
    );
    // Files without the new fields read as 武汉 2021, 万元, 部门.
    let doc = example("qingshan-2021.ron");
    assert_eq!(doc.meta.template, Template::Wuhan2021);
    // `new --template` writes the choice.
    let r = new_doc(bin, o, &["--template", "Shanghai2025"]);
    assert!(r.status.success());
    let doc = yusuan::io::load(&out).expect("load");
    assert_eq!(doc.meta.template, Template::Shanghai2025);
    assert_eq!(doc.meta.unit, MoneyUnit::Yuan);
}

#[test]
fn every_template_header_covers_its_columns() {
    for t in Template::ALL {
        let mut doc = example("qingshan-2021.ron");
        doc.meta.template = t.clone();
        for table in yusuan::derive::published_tables(&doc, &yusuan::catalogs::nearest(2021)) {
            let width: usize = table.header[0].iter().map(|h| h.colspan).sum();
            assert_eq!(width, table.columns.len(), "{t:?} 表{}", table.number);
            for r in &table.rows {
                assert_eq!(
                    r.cells.len(),
                    table.columns.len(),
                    "{t:?} 表{}",
                    table.number
                );
            }
        }
    }
}

fn money_at(t: &Table, r: usize, c: usize) -> Money {
    match t.rows[r].cells.get(c) {
        Some(Cell::Money(m)) => *m,
        _ => Money::ZERO,
    }
}

fn depth(k: RowKind) -> i8 {
    match k {
        RowKind::Total => -1,
        RowKind::Class => 0,
        RowKind::Section => 1,
        _ => 2,
    }
}

/// Every parent row = Σ its direct children, and the 合计 column = Σ the
/// value columns, for every code table; plus the 三公 and two-sided sums.
pub(crate) fn assert_adds_up(t: &Table) {
    let first = t.first_money_column();
    let n = t.columns.len();
    for (i, row) in t.rows.iter().enumerate() {
        let v = |c| money_at(t, i, c);
        match t.shape {
            // A list of one amount column (政府采购明细) has no 合计 column.
            Shape::List if n - first < 2 => {}
            Shape::CodeTree | Shape::List => {
                // The 合计 column wherever the template put it.
                if let Some(total) = t.total_column() {
                    let sum: Money = t.total_parts_columns().into_iter().map(v).sum();
                    assert_eq!(v(total), sum, "表{} row {i} 合计列", t.number);
                }
            }
            Shape::Figures => {
                use yusuan::template::Figure as F;
                let at = |f| t.figure_column(f).map(v);
                let (buy, run) = (at(F::VehiclePurchase), at(F::VehicleOperation));
                let cars = at(F::Vehicles).or(buy.zip(run).map(|(b, r)| b + r));
                if let (Some(c), Some(b), Some(r)) = (at(F::Vehicles), buy, run) {
                    assert_eq!(c, b + r, "表{} 用车小计", t.number);
                }
                if let (Some(total), Some(a), Some(c), Some(r)) =
                    (at(F::ThreePublic), at(F::Abroad), cars, at(F::Reception))
                {
                    assert_eq!(total, a + c + r, "表{} “三公”合计", t.number);
                }
            }
            _ => {}
        }
        // A 合计 row last (a template may put it there) sums the rows
        // of the top level above it.
        if t.shape == Shape::CodeTree && row.kind == RowKind::Total && i > 0 {
            let top = t.rows[..i].iter().map(|r| depth(r.kind)).min().unwrap_or(0);
            for c in first..n {
                let sum: Money = (0..i)
                    .filter(|&k| depth(t.rows[k].kind) == top)
                    .map(|k| money_at(t, k, c))
                    .sum();
                assert_eq!(v(c), sum, "表{} 合计行 col {c}", t.number);
            }
        }
        if t.shape == Shape::CodeTree && row.kind != RowKind::Item {
            let d = depth(row.kind);
            let rest = &t.rows[i + 1..];
            let kids: Vec<usize> = (0..rest.len())
                .take_while(|&k| depth(rest[k].kind) > d)
                .filter(|&k| {
                    let kd = depth(rest[k].kind);
                    // Direct children: the next level that exists below.
                    let min = rest
                        .iter()
                        .take_while(|r| depth(r.kind) > d)
                        .map(|r| depth(r.kind))
                        .min()
                        .unwrap_or(kd);
                    kd == min
                })
                .map(|k| i + 1 + k)
                .collect();
            if kids.is_empty() {
                continue;
            }
            for c in first..n {
                let sum: Money = kids.iter().map(|&k| money_at(t, k, c)).sum();
                assert_eq!(v(c), sum, "表{} row {i} col {c}", t.number);
            }
        }
        for c in first..n {
            let m = v(c).value();
            assert!(
                m.scale() <= t.decimals || m.normalize().scale() <= t.decimals,
                "表{} scale",
                t.number
            );
        }
    }
    // A list's 合计 row sums its items, and a subtotal (政府采购 by 采购类型)
    // the items below it.
    if t.shape == Shape::List {
        for (i, row) in t.rows.iter().enumerate() {
            let items: Vec<usize> = match row.kind {
                RowKind::Total => (0..t.rows.len())
                    .filter(|&k| t.rows[k].kind == RowKind::Item)
                    .collect(),
                RowKind::Class => (i + 1..t.rows.len())
                    .take_while(|&k| t.rows[k].kind == RowKind::Item)
                    .collect(),
                _ => continue,
            };
            for c in first..n {
                let sum: Money = items.iter().map(|&k| money_at(t, k, c)).sum();
                assert_eq!(
                    money_at(t, i, c),
                    sum,
                    "表{} 合计行 row {i} col {c}",
                    t.number
                );
            }
        }
    }
    if t.shape == Shape::TwoSided
        && let Some(last) = t.rows.last()
    {
        let at = |c| match last.cells.get(c) {
            Some(Cell::Money(m)) => *m,
            _ => Money::ZERO,
        };
        assert_eq!(at(1), at(3), "表{} 收入总计 = 支出总计", t.number);
    }
}

const CODES: [&str; 6] = [
    "2013350", "2013399", "2010301", "2080505", "2101102", "2210201",
];
const ECON: [&str; 4] = ["30101", "30102", "30201", "30299"];

fn amount() -> impl Strategy<Value = Money> {
    // Up to 10 million 元 with 分.
    (0i64..1_000_000_000).prop_map(Money::from_cents)
}

prop_compose! {
    fn random_doc()(
        lines in prop::collection::vec(
            (0..CODES.len(), prop::collection::vec((0..4usize, 0..2usize, amount()), 1..4)),
            1..8,
        ),
        econ in prop::collection::vec((0..ECON.len(), amount()), 0..6),
        three in prop::array::uniform4(amount()),
        // The facts the regions' templates print besides: 政府采购 rows,
        // the 政府性基金 "三公", the 财政拨款 split by 经济科目.
        purchases in prop::collection::vec((0..CODES.len(), 0..3usize, amount()), 0..4),
        fund_three in prop::option::of(prop::array::uniform4(amount())),
        split in prop::collection::vec((0..CODES.len(), 0..ECON.len(), amount(), amount()), 0..4),
        // Projects with their money by 资金来源 (北京, 贵州, 天津 print them).
        projects in prop::collection::vec(prop::collection::vec((0..4usize, amount()), 1..3), 0..4),
    ) -> Document {
        let mut doc = Document::blank("随机部门", 2021);
        doc.meta.unit = MoneyUnit::Yuan;
        doc.meta.print_unit = Some(MoneyUnit::WanYuan);
        doc.meta.template = Template::Wuhan2021;
        let sources = [FundSource::GeneralBudget, FundSource::GovFund, FundSource::InstitutionIncome, FundSource::CarryOver];
        let kinds = [SpendingKind::Basic, SpendingKind::Project];
        for (c, amounts) in lines {
            let mut l = BudgetLine { code: FunctionCode::new(CODES[c]), name: "科目".into(), ..Default::default() };
            for (s, k, m) in amounts {
                l.set_amount(sources[s], kinds[k], m);
            }
            doc.budget_lines.push(l);
        }
        for (c, m) in econ {
            doc.basic_by_economic.push(EconomicLine {
                code: EconomicCode::new(ECON[c]),
                name: "款".into(),
                bucket: if c < 2 { CostBucket::Personnel } else { CostBucket::Public },
                amount: m,
                prior: None,
            });
        }
        doc.three_public.abroad = three[0];
        doc.three_public.vehicle_purchase = three[1];
        doc.three_public.vehicle_operation = three[2];
        doc.three_public.reception = three[3];
        for (c, k, m) in purchases {
            doc.procurement.push(yusuan::model::ProcurementItem {
                name: "采购".into(),
                kind: yusuan::model::ProcurementKind::ALL[k],
                code: FunctionCode::new(CODES[c]),
                amount: m,
            });
        }
        if let Some(t) = fund_three {
            doc.gov_fund_three_public.abroad = t[0];
            doc.gov_fund_three_public.vehicle_purchase = t[1];
            doc.gov_fund_three_public.vehicle_operation = t[2];
            doc.gov_fund_three_public.reception = t[3];
        }
        for (i, amounts) in projects.into_iter().enumerate() {
            let mut p = yusuan::model::Project {
                name: format!("项目{}", i + 1),
                ..Default::default()
            };
            for (s, m) in amounts {
                p.set_amount(sources[s], p.amount(sources[s]) + m);
            }
            doc.projects.push(p);
        }
        doc.assign_project_codes();
        for (c, e, basic, project) in split {
            doc.fiscal_by_economic.push(yusuan::model::CrossLine {
                code: FunctionCode::new(CODES[c]),
                economic_code: EconomicCode::new(ECON[e]),
                basic,
                project,
            });
        }
        doc
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("YUSUAN_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
    ))]

    /// Entered in 元 to the 分, printed in 万元 (every 武汉 table) or whole
    /// 元 (上海): every printed table adds up, and the rules find no sum
    /// error in them.
    #[test]
    fn printed_tables_add_up(
        doc in random_doc(),
        which in 0..Template::ALL.len(),
        weights in prop::collection::vec(1u32..10, 1..4),
    ) {
        let mut doc = doc;
        doc.meta.template = Template::ALL[which].clone();
        let catalog = yusuan::catalogs::nearest(2021);
        let tables = yusuan::derive::published_tables(&doc, &catalog);
        for t in &tables {
            assert_adds_up(t);
        }
        // A template that is not bundled adds up as well.
        let made_up = crate::table_queries::parse(crate::table_queries::MADE_UP).expect("made-up template");
        for t in &yusuan::derive::published_tables_in(&doc, &catalog, &made_up) {
            assert_adds_up(t);
        }
        // A table per 单位, for the document as its one unit and as a merge
        // of units whose amounts are split by `weights`: its 合计 row adds
        // the printed units, and prints what the other tables print.
        let with_units = crate::table_queries::parse(&crate::table_queries::with_units()).expect("units template");
        for d in [doc.clone(), merged_of(&doc, &weights)] {
            let tables = yusuan::derive::published_tables_in(&d, &catalog, &with_units);
            for t in &tables {
                assert_adds_up(t);
            }
            let units = tables.iter().find(|t| t.number == 8).expect("表8");
            let rows = if d.merged_from.is_empty() { 1 } else { weights.len() };
            prop_assert_eq!(units.rows.len(), 1 + rows);
            assert_same_totals(units, tables.iter().find(|t| t.number == 7).expect("表7"));
            let closing = tables[0].rows.last().expect("收入总计");
            prop_assert_eq!(&units.rows[0].cells[1], &closing.cells[1]);
        }
        let findings = yusuan::rules::check(&doc, &catalog);
        let sums: Vec<_> = findings.iter().filter(|f| matches!(f.rule.id(), "T01" | "T02" | "T03")).collect();
        prop_assert!(sums.is_empty(), "{:?}", sums);
        // The grand total prints as the exact total rounded once.
        if doc.meta.template == Template::Wuhan2021 {
            let exact: Money = doc.budget_lines.iter().flat_map(|l| l.amounts.values()).sum();
            let t7 = tables.iter().find(|t| t.number == 7).expect("表7");
            let printed = money_at(t7, 0, 2);
            prop_assert_eq!(printed.value(), yusuan::money::round_dp(exact.value() / rust_decimal::Decimal::from(10_000), 2));
        }
    }
}

/// `doc` as the merge of `weights.len()` units: each (资金来源, 支出类型)
/// total of its 收支预算 shared out by the weights, to the 分, the last unit
/// taking what is left.
fn merged_of(doc: &Document, weights: &[u32]) -> Document {
    let mut d = doc.clone();
    let all: u32 = weights.iter().sum();
    d.merged_from = weights
        .iter()
        .enumerate()
        .map(|(i, _)| yusuan::model::MergeSource {
            file: format!("{i}.ron"),
            unit: format!("单位{i}"),
            hash: String::new(),
            amounts: Default::default(),
        })
        .collect();
    for (k, m) in doc.budget_by_pair() {
        let mut left = m;
        for (i, w) in weights.iter().enumerate() {
            let part = if i + 1 == weights.len() {
                left
            } else {
                let share =
                    m.value() * rust_decimal::Decimal::from(*w) / rust_decimal::Decimal::from(all);
                Money(share.round_dp(2))
            };
            left = left - part;
            d.merged_from[i].amounts.insert(k, part);
        }
    }
    d
}

/// The 合计 row of `a` and of `b` print the same figure in every column
/// both have (by column title).
fn assert_same_totals(a: &Table, b: &Table) {
    let (ta, tb) = (a.column_titles(), b.column_titles());
    let total = |t: &Table| {
        t.rows
            .iter()
            .position(|r| r.kind == RowKind::Total)
            .expect("合计")
    };
    let (ra, rb) = (total(a), total(b));
    let mut shared = 0;
    for (ca, title) in ta.iter().enumerate().skip(a.first_money_column()) {
        if let Some(cb) = tb.iter().position(|x| x == title) {
            shared += 1;
            assert_eq!(
                money_at(a, ra, ca),
                money_at(b, rb, cb),
                "表{}/表{} {title}",
                a.number,
                b.number
            );
        }
    }
    assert!(shared > 0, "{ta:?} {tb:?}");
}

/// `doc` with its 经济科目 rows rebuilt as the split of its 一般公共预算
/// 基本支出 (one row per such amount), so the two agree to the 分 as they
/// must in a document without errors.
fn with_matching_economic(mut doc: Document) -> Document {
    doc.basic_by_economic.clear();
    let basic: Vec<Money> = doc
        .budget_lines
        .iter()
        .filter_map(|l| {
            l.amounts
                .get(&(FundSource::GeneralBudget, SpendingKind::Basic))
        })
        .copied()
        .collect();
    for (i, m) in basic.into_iter().enumerate() {
        let c = i % ECON.len();
        doc.basic_by_economic.push(EconomicLine {
            code: EconomicCode::new(ECON[c]),
            name: "款".into(),
            bucket: if c < 2 {
                CostBucket::Personnel
            } else {
                CostBucket::Public
            },
            amount: m,
            prior: None,
        });
    }
    doc
}

/// The printed 合计 row cell of the table of `kind`, column `offset` after
/// its first money column.
fn printed_total(
    doc: &Document,
    tables: &[Table],
    role: yusuan::template::Role,
    offset: usize,
) -> Option<Money> {
    let spec = doc.meta.template.spec();
    let n = spec.data_tables().find(|s| s.query.role() == role)?.number;
    let t = tables.iter().find(|t| t.number == n)?;
    let row = t.rows.iter().find(|r| r.kind == RowKind::Total)?;
    match row.cells.get(t.first_money_column() + offset) {
        Some(Cell::Money(m)) => Some(*m),
        _ => None,
    }
}

/// 上海 as bundled: 一般公共预算基本支出 prints one value in 表3 and as 表8's
/// 合计 (4,116,212 both; 表8 printed 4,116,213 before), and T05 is silent.
#[test]
fn shanghai_prints_basic_spending_with_one_value() {
    use yusuan::template::Role;
    let doc = example("shanghai-2025.ron");
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let tables = yusuan::derive::published_tables(&doc, &catalog);
    let basic = printed_total(
        &doc,
        &tables,
        Role::SourceTree(FundSource::GeneralBudget),
        1,
    );
    let economic = printed_total(&doc, &tables, Role::EconomicTree, 0);
    assert!(basic.is_some());
    assert_eq!(basic, economic);
    let t05: Vec<_> = yusuan::rules::check(&doc, &catalog)
        .into_iter()
        .filter(|f| f.rule == "T05")
        .collect();
    assert!(t05.is_empty(), "{t05:#?}");
}

/// T05 sees a fact printed with two values.
#[test]
fn t05_reports_a_fact_printed_twice_with_two_values() {
    let doc = example("shanghai-2025.ron");
    let catalog = yusuan::catalogs::for_document(&doc.meta);
    let mut d = yusuan::derive::derive(&doc, &catalog);
    let spec = doc.meta.template.spec();
    let n = spec
        .data_tables()
        .find(|s| s.query.role() == yusuan::template::Role::EconomicTree)
        .expect("经济分类表")
        .number;
    let t = d.tables.iter_mut().find(|t| t.number == n).expect("table");
    let first = t.first_money_column();
    let row = t
        .rows
        .iter_mut()
        .find(|r| r.kind == RowKind::Total)
        .expect("合计");
    if let Some(Cell::Money(m)) = row.cells.get_mut(first) {
        *m += Money::from_cents(100);
    }
    let found = yusuan::rules::check_derived(&doc, &catalog, &d);
    assert!(found.iter().any(|f| f.rule == "T05"), "{found:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("YUSUAN_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Entered in 元 to the 分 and printed in 万元 (武汉) or whole 元 (上海):
    /// every fact printed in two places prints one value. 一般公共预算基本支出
    /// in its 功能 table is the 经济科目 table's 合计, and T05 finds nothing.
    #[test]
    fn every_fact_prints_one_value(doc in random_doc(), shanghai in any::<bool>()) {
        use yusuan::template::Role;
        let mut doc = with_matching_economic(doc);
        if shanghai {
            doc.meta.template = Template::Shanghai2025;
        }
        let catalog = yusuan::catalogs::nearest(2021);
        let tables = yusuan::derive::published_tables(&doc, &catalog);
        let basic = printed_total(&doc, &tables, Role::SourceTree(FundSource::GeneralBudget), 1);
        let economic = printed_total(&doc, &tables, Role::EconomicTree, 0);
        if let (Some(b), Some(e)) = (basic, economic) {
            prop_assert_eq!(b, e);
        }
        let t05: Vec<_> = yusuan::rules::check(&doc, &catalog)
            .into_iter()
            .filter(|f| f.rule == "T05")
            .collect();
        prop_assert!(t05.is_empty(), "{:?}", t05);
    }
}

/// The forms (附件3, 表10) print in the unit the tables print in, and say
/// so: a 元 document printed in 万元 composes the very forms of the same
/// figures entered in 万元 (the 附件3 header reads （万元）).
#[test]
fn forms_print_in_the_printed_unit_and_say_it() {
    let wan = example("qingshan-2021.ron");
    assert_eq!(wan.meta.unit, MoneyUnit::WanYuan);
    let mut yuan = yusuan::derive::printed::converted(&wan, MoneyUnit::Yuan).into_owned();
    yuan.meta.unit = MoneyUnit::Yuan;
    yuan.meta.print_unit = Some(MoneyUnit::WanYuan);
    let forms = |doc: &Document| {
        let parts = yusuan::narrative::parts(doc, &yusuan::catalogs::nearest(doc.meta.year));
        format!("{:?}", yusuan::compose::forms(doc, &parts).blocks())
    };
    let (w, y) = (forms(&wan), forms(&yuan));
    assert!(w.contains("（万元）"), "{w}");
    assert!(y == w, "元 printed in 万元 differs from 万元:\n{y}");
}

/// A fresh document (`yusuan new`) of `template` for department `dept`.
fn fresh(template: Template, dept: &str) -> Document {
    yusuan::start::NewDocument {
        dept: dept.into(),
        year: 2027,
        template,
        entity: yusuan::model::Entity::Department,
        unit: None,
    }
    .build(&yusuan::catalogs::nearest(2027))
}

/// The PDF of `doc` as pdftotext -layout reads it, one string per page.
fn pdf_layout_pages(doc: &Document) -> Vec<String> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.pdf");
    let parts = yusuan::narrative::parts(doc, &catalog);
    yusuan::export::pdf(doc, parts, &ExportOptions::default(), &path).expect("export");
    let p = path.to_str().expect("utf-8 path");
    tool("pdftotext", &["-layout", p, "-"])
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

/// Issue 21: a freshly created document prints no clause about nothing
/// (`部门0家预算单位`, `0个项目中0个`, `其中：。`), no draft placeholder
/// (`（未填写）`) but a sentence saying the information was not provided
/// under each empty 第一部分 heading, and its 目录 on one page.
#[test]
fn a_fresh_document_reads_whole_in_every_template() {
    for t in Template::ALL {
        let doc = fresh(t.clone(), "测试部门");
        let pages = pdf_pages(&doc);
        let all = pages.concat();
        for bad in ["0家", "0个", "（未填写）", "其中：。", "，其中：；"] {
            assert!(!all.contains(bad), "{t:?}: {bad}");
        }
        // The three 第一部分 headings of an 概况 part, each saying the
        // information was not provided (北京 words its 部门情况 itself;
        // 四川 writes its two sections, each saying so too).
        let expected: usize = t
            .spec()
            .parts
            .iter()
            .filter(|p| p.kind == yusuan::template::PartKind::Overview)
            .map(|p| {
                if p.sections.is_empty() {
                    3
                } else {
                    p.sections.len()
                }
            })
            .sum();
        let unprovided = all.matches("本部门暂未提供此项信息。").count();
        assert_eq!(unprovided, expected, "{t:?}");
        // Sentences the first four templates' texts share (the regions'
        // templates word their 情况说明 otherwise).
        let wuhan_words = [Template::Wuhan2021, Template::Wuhan2022].contains(&t);
        if wuhan_words || t == Template::Hunan2025 {
            assert!(all.contains("2027年部门未设置项目绩效目标。"), "{t:?}");
        }
        if wuhan_words {
            assert!(all.contains("部门的机关运行经费"), "{t:?}");
        }
        if wuhan_words || t == Template::Shanghai2025 {
            assert!(all.contains("(项级)：本年尚未编列支出预算。"), "{t:?}");
        }
        if t == Template::Shanghai2025 {
            for s in [
                "2027年度，本部门没有项目支出，未编报项目绩效目标。",
                "2027年本部门没有安排项目经费。",
                "2027年测试部门财政拨款的机关运行经费预算为0万元。",
            ] {
                assert!(all.contains(s), "{s}");
            }
        }
        // The 目录 is page 2 (after the cover) and nothing of it runs on.
        let toc = t.spec().toc_title.replace(' ', "");
        assert!(pages[1].contains(&toc), "{t:?}");
        assert!(!pages[2].contains("....."), "{t:?}: 目录 runs onto page 3");
    }
}

/// Issue 21: a title too long for one line breaks between words, never
/// inside a term (`…经济分 / 类预算表`) or the department's name, and into
/// two lines of about equal length.
#[test]
fn table_titles_break_between_words() {
    use yusuan::layout::linebreak::TITLE_TERMS;
    // 上海 2025's table 8 with the department's name in its title, as the
    // template captioned it before the 普陀 documents were read.
    let text = yusuan::template::bundled_text("Shanghai2025")
        .expect("bundled")
        .replacen("id: \"Shanghai2025\"", "id: \"NamedCaptions\"", 1)
        .replacen(
            "table_caption: \"{year}年{title}\"",
            "table_caption: \"{n}.{name}{year}年{title}\"",
            1,
        );
    let named = yusuan::template::resolve(&text, &yusuan::template::bundled_lookup)
        .expect("template resolves");
    for dept in ["测试部门", "武汉市青山区大数据中心"] {
        let mut doc = fresh(Template::Shanghai2025, dept);
        doc.meta.template = yusuan::template::reference(&named);
        let pages = pdf_layout_pages(&doc);
        let page = pages
            .iter()
            .find(|p| p.lines().any(|l| l.trim().starts_with("8.")) && p.contains("单位："))
            .expect("表8 page");
        let lines: Vec<&str> = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("8."))
            .expect("表8 title");
        let (first, second) = (lines[at], lines[at + 1]);
        assert!(
            second.ends_with("预算表"),
            "{dept}: 表8 title on one line? {first} / {second}"
        );
        for term in TITLE_TERMS.iter().chain(&[dept]) {
            let cs: Vec<char> = term.chars().collect();
            for k in 1..cs.len() {
                let (a, b): (String, String) = (cs[..k].iter().collect(), cs[k..].iter().collect());
                assert!(
                    !(first.ends_with(&a) && second.starts_with(&b)),
                    "{dept}: breaks inside {term}: {first} / {second}"
                );
            }
        }
        let (w1, w2) = (first.chars().count() as i32, second.chars().count() as i32);
        assert!(
            (w1 - w2).abs() <= 8,
            "{dept}: unbalanced {first} / {second}"
        );
    }
}

/// Issue 21: 项 lists in the text follow code order, as the tables do,
/// whatever order the lines were entered in.
#[test]
fn item_lists_in_the_text_follow_code_order() {
    let mut doc = example("shanghai-2025.ron");
    doc.budget_lines.reverse();
    let all = pdf_pages(&doc).concat();
    assert_in_order(
        &all,
        &[
            "宣传事务（款）事业运行（项）”",
            "宣传事务（款）其他宣传事务支出（项）”",
            "机关事业单位基本养老保险缴费支出（项）”",
            "机关事业单位职业年金缴费支出（项）”",
            "住房改革支出（款）住房公积金（项）”",
        ],
    );
    assert!(
        all.contains("事业运行、其他宣传事务支出"),
        "项级 list out of order"
    );
}

/// Issue 21: fractional 元 amounts printed in whole 元 move cells in many
/// tables; the 审核 says so once (naming the first cells), not once a cell.
#[test]
fn rounding_adjustments_are_one_finding() {
    let doc = example("shanghai-2025.ron");
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let derived = yusuan::derive::derive(&doc, &catalog);
    let moved: usize = derived.tables.iter().map(|t| t.adjusted.len()).sum();
    assert!(moved > 1, "the example should need the 尾差 rule: {moved}");
    let t04: Vec<_> = yusuan::rules::check(&doc, &catalog)
        .into_iter()
        .filter(|f| f.rule == "T04")
        .collect();
    assert_eq!(t04.len(), 1, "{t04:?}");
    assert!(
        t04[0].message.starts_with(&format!("{moved}个印制金额")),
        "{}",
        t04[0].message
    );
}

/// Issue 21: one number format per document: the text prints amounts with
/// thousands separators where the template's tables do (上海 2025), and
/// without where they do not (武汉).
#[test]
fn the_text_groups_thousands_as_the_tables_do() {
    let sh = pdf_pages(&example("shanghai-2025.ron")).concat();
    assert!(sh.contains("收入预算1,037.60万元"), "上海 text ungrouped");
    let wh = pdf_pages(&example("qingshan-2021.ron")).concat();
    assert!(wh.contains("收支总预算1037.60万元"), "武汉 text changed");
}

/// Issue 21: the 部门整体 form is named as each template numbers it. With
/// its 年度工作任务 left empty, `yusuan check` of the 湖南 2025 example
/// says 表9 (武汉 2021 附件3, 武汉 2022 表10), never 附件3 where the
/// template prints no 附件3; the 湖南 workbook's form sheets are 表9 and
/// 表10（n）, and the workbook imports back into its document.
#[test]
fn findings_and_sheets_name_the_forms_as_the_template_numbers_them() {
    use crate::support::yusuan;
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, dept) in [
        ("hunan-2025.ron", "表9"),
        ("qingshan-2021.ron", "附件3"),
        ("wuhan-2022.ron", "表10"),
    ] {
        let mut doc = example(file);
        doc.performance.annual_tasks.clear();
        let path = dir.path().join(file);
        yusuan::io::save(&path, &doc).expect("saved");
        let (_, text) = yusuan(&["check", path.to_str().expect("utf-8 path")]);
        assert!(
            text.contains(&format!("{dept} 未填写年度工作任务")),
            "{file}: {text}"
        );
        if dept != "附件3" {
            assert!(!text.contains("附件3"), "{file}: {text}");
        }
    }
    let hunan = format!("{}/examples/hunan-2025.ron", env!("CARGO_MANIFEST_DIR"));
    let xlsx = dir.path().join("hunan.xlsx");
    let x = xlsx.to_str().expect("utf-8 path");
    let (code, text) = yusuan(&["export", &hunan, "-o", x]);
    assert_eq!(code, 0, "{text}");
    let names: Vec<String> = yusuan::sheet::read(&xlsx)
        .expect("workbook reads back")
        .sheets
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(names.iter().any(|n| n == "表9"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("表10")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("附件")), "{names:?}");
    let into = dir.path().join("hunan-2025.ron");
    std::fs::copy(&hunan, &into).expect("copied");
    let (code, text) = yusuan(&[
        "import",
        x,
        "--into",
        into.to_str().expect("utf-8 path"),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{text}");
}

/// `yusuan template use DOC NAME`: the document prints in the other
/// template; its unit follows the template only while no figure is
/// entered; an unknown name changes nothing.
#[test]
fn template_use_switches_a_document_and_its_unit_only_while_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env("YUSUAN_DATA_DIR", dir.path().join("data"))
            .output()
            .expect("runs")
    };
    let load = |p: &std::path::Path| {
        yusuan::io::from_str(&std::fs::read_to_string(p).expect("reads")).expect("loads")
    };
    let full = dir.path().join("q.ron");
    std::fs::copy(
        format!("{}/examples/qingshan-2021.ron", env!("CARGO_MANIFEST_DIR")),
        &full,
    )
    .expect("copy");
    let before = std::fs::read(&full).expect("reads");
    let out = run(&["template", "use", full.to_str().expect("utf-8"), "Nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&full).expect("reads"), before, "unchanged");

    let out = run(&[
        "template",
        "use",
        full.to_str().expect("utf-8"),
        "Shanghai2025",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = load(&full);
    assert_eq!(doc.meta.template.id(), "Shanghai2025");
    // Figures entered in 万元 stay in 万元.
    assert_eq!(doc.meta.unit, yusuan::model::MoneyUnit::WanYuan);

    let empty = dir.path().join("new.ron");
    let out = run(&[
        "new",
        "--dept",
        "测试部门",
        "--year",
        "2027",
        "-o",
        empty.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "template",
        "use",
        empty.to_str().expect("utf-8"),
        "Shanghai2025",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("金额单位随模板改为元"));
    let doc = load(&empty);
    assert_eq!(doc.meta.unit, yusuan::model::MoneyUnit::Yuan);
}
