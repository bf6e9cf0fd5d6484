//! Issue 23's cross-checks that need no template language: placeholders in
//! any free text (W01), a document's 上年 figures against last year's file
//! (`yusuan check FILE --prior LAST.ron`, Y04), amounts and years typed
//! into free text against the figures they name (X05, Y05).

use crate::support::yusuan;
use rust_decimal::Decimal;
use yusuan::location::{Field, FieldName, Location, Sheet};
use yusuan::model::{Document, FundSource, MoneyUnit, SpendingKind, ThreePublic};
use yusuan::money::Money;
use yusuan::rules::{Finding, PriorError, compare_with_prior};

fn example(name: &str) -> Document {
    yusuan::io::load(std::path::Path::new(&format!(
        "{}/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )))
    .expect("example loads")
}

fn m(s: &str) -> Money {
    s.parse().expect("amount")
}

fn findings(doc: &Document, rule: &str) -> Vec<Finding> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    yusuan::rules::check(doc, &catalog)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Next year's document started from `doc` (its 上年 figures are `doc`'s).
fn next_year(doc: &Document) -> Document {
    let catalog = yusuan::catalogs::nearest(doc.meta.year + 1);
    yusuan::rollover::next_year(doc, doc.meta.year + 1, &catalog, "last.ron")
        .expect("rolls over")
        .doc
}

/// Each placeholder the issue names is flagged by W01 wherever it is typed,
/// at the field it is in, naming what was found; the examples have none.
#[test]
fn placeholders_are_flagged_in_every_free_text() {
    let base = example("qingshan-2021.ron");
    assert!(
        findings(&base, "W01")
            .iter()
            .all(|f| !f.message.contains("某某"))
    );
    let dept = Location::field(Sheet::Meta, Field::Named(FieldName::DeptName));
    for (typed, named) in [
        ("某某局", "某某"),
        ("XX局", "XX"),
        ("XXXX局", "XXX"),
        ("xx局", "xx"),
        ("ＸＸ局", "ＸＸ"),
        ("Ｘ局", "Ｘ"),
        ("○○局", "○○"),
        ("〇〇局", "〇〇"),
        ("待定", "待定"),
        ("{单位}", "{单位}"),
        ("（略）", "（略）"),
        ("TBD", "TBD"),
    ] {
        let mut doc = base.clone();
        doc.meta.dept_name = typed.to_string();
        let w = findings(&doc, "W01");
        assert!(
            w.iter()
                .any(|f| f.location == dept && f.message.contains(&format!("“{named}”"))),
            "{typed}: {w:?}"
        );
    }
    // Not placeholders: a Latin word or address holding the letters, Ｘ光.
    for typed in [
        "详见 www.xxgk.gov.cn 信息公开栏目",
        "购置Ｘ光机一台",
        "Texas",
    ] {
        let mut doc = base.clone();
        doc.meta.dept_name = typed.to_string();
        assert!(
            findings(&doc, "W01").iter().all(|f| f.location != dept),
            "{typed}"
        );
    }
    // Other fields: 职能, a project's name, 变动原因, a 单位 name.
    let mut doc = base.clone();
    doc.overview.functions[0] = "负责{部门}的日常工作".into();
    doc.projects[0].name = "某某项目".into();
    doc.other.change_reason = "原因待定".into();
    doc.overview.units[0].name = "○○中心".into();
    let w = findings(&doc, "W01");
    for (loc, named) in [
        (
            Location::cell(Sheet::Overview, 0, Field::Named(FieldName::Functions)),
            "{部门}",
        ),
        (
            Location::field(Sheet::Project(0), Field::Named(FieldName::Name)),
            "某某",
        ),
        (
            Location::field(Sheet::Other, Field::Named(FieldName::ChangeReason)),
            "待定",
        ),
        (
            Location::cell(Sheet::Overview, 0, Field::Named(FieldName::UnitName)),
            "○○",
        ),
    ] {
        assert!(
            w.iter()
                .any(|f| f.location == loc && f.message.contains(&format!("“{named}”"))),
            "{named} at {loc:?}: {w:?}"
        );
    }
}

/// `yusuan new --dept 某某局` makes a file `check` warns about, as `XX局` was.
#[test]
fn a_new_document_named_with_a_placeholder_is_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    for dept in ["某某局", "XX局"] {
        let out = dir.path().join(format!("{dept}.ron"));
        let o = out.to_str().expect("utf-8");
        let (code, text) = yusuan(&["new", "--dept", dept, "--year", "2027", "-o", o]);
        assert_eq!(code, 0, "{text}");
        let (_, text) = yusuan(&["check", o]);
        assert!(
            text.lines()
                .any(|l| l.contains("W01") && l.contains(&dept[..dept.len() - "局".len()])),
            "{dept}: {text}"
        );
    }
}

/// A document rolled over from last year's agrees with it, in either unit
/// on either side; every changed 上年 figure is reported once, naming the
/// 科目 and both values.
#[test]
fn prior_figures_are_compared_with_last_years_file() {
    let last = example("qingshan-2021.ron");
    let doc = next_year(&last);
    let clean = compare_with_prior(&doc, &last).expect("years fit");
    assert!(clean.compared > 20, "{}", clean.compared);
    assert!(clean.findings.is_empty(), "{:?}", clean.findings);
    // Either file in 元: the same figures, no disagreement.
    let last_yuan = yusuan::derive::printed::converted(&last, MoneyUnit::Yuan).into_owned();
    let doc_yuan = yusuan::derive::printed::converted(&doc, MoneyUnit::Yuan).into_owned();
    for (d, l) in [
        (&doc, &last_yuan),
        (&doc_yuan, &last),
        (&doc_yuan, &last_yuan),
    ] {
        let c = compare_with_prior(d, l).expect("years fit");
        assert!(c.findings.is_empty(), "{:?}", c.findings);
        assert_eq!(c.compared, clean.compared);
    }

    let mut changed = doc.clone();
    let line = &mut changed.budget_lines[0];
    let (s, k) = (FundSource::GeneralBudget, SpendingKind::Basic);
    let was = line.prior_amount(s, k);
    line.set_prior(s, k, was + m("0.01"));
    let code = line.code.as_str().to_string();
    changed.basic_by_economic[0].prior = Some(m("1234.5"));
    changed.prior_three_public = Some(ThreePublic {
        reception: m("99"),
        ..last.three_public
    });
    let c = compare_with_prior(&changed, &last_yuan).expect("years fit");
    assert_eq!(c.findings.len(), 3, "{:?}", c.findings);
    assert!(c.findings.iter().all(|f| f.rule == "Y04"));
    let budget = &c.findings[0];
    assert_eq!(
        budget.location,
        Location::cell(Sheet::Budget, 0, Field::PriorAmount(s, k))
    );
    assert!(budget.message.contains(&code), "{}", budget.message);
    let yuan = Money(was.value() * Decimal::from(10_000));
    assert!(
        budget
            .message
            .contains(&format!("{} 万元", (was + m("0.01")).display()))
            && budget
                .message
                .contains(&format!("（上年文件为 {} 元）", yuan.display())),
        "{}",
        budget.message
    );
    // 武汉's tables do not group thousands, nor do its findings.
    assert!(c.findings[1].message.contains("1234.50 万元"));
    assert!(c.findings[2].message.contains("公务接待费"));

    // A 科目 last year's file has and this one lacks is reported too.
    let mut dropped = doc.clone();
    let gone = dropped.budget_lines.remove(1);
    let c = compare_with_prior(&dropped, &last).expect("years fit");
    assert!(
        c.findings
            .iter()
            .any(|f| f.message.contains(gone.code.as_str()) && f.message.contains("本文件无此科目")),
        "{:?}",
        c.findings
    );
}

/// Last year's file must be the year before.
#[test]
fn the_prior_file_must_be_the_year_before() {
    let last = example("qingshan-2021.ron");
    let mut doc = next_year(&last);
    doc.meta.year = 2023;
    assert_eq!(
        compare_with_prior(&doc, &last).err(),
        Some(PriorError::WrongYear {
            prior: 2021,
            year: 2023,
            expected: 2022
        })
    );
}

/// End to end: `check --prior` prints each disagreement and a summary;
/// a bad prior file, a wrong year or `--prior` with many files is refused
/// in Chinese with exit code 2, and nothing is written.
#[test]
fn check_with_prior_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let last_path = format!("{}/examples/qingshan-2021.ron", env!("CARGO_MANIFEST_DIR"));
    let last = example("qingshan-2021.ron");
    let mut doc = next_year(&last);
    doc.prior_three_public = Some(ThreePublic {
        abroad: m("7"),
        ..last.three_public
    });
    let path = dir.path().join("2022.ron");
    yusuan::io::save(&path, &doc).expect("saves");
    let p = path.to_str().expect("utf-8");
    let (code, text) = yusuan(&["check", p, "--prior", &last_path]);
    assert_eq!(code, 0, "{text}");
    let y04: Vec<&str> = text.lines().filter(|l| l.contains("Y04")).collect();
    assert_eq!(y04.len(), 1, "{text}");
    assert!(y04[0].contains("因公出国（境）费") && y04[0].contains("7.00 万元"));
    assert!(text.contains("不一致 1 处"), "{text}");

    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 1, meta: (").expect("writes");
    let before: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    for (args, says) in [
        (
            vec!["check", p, "--prior", bad.to_str().expect("utf-8")],
            "上年文件无法读取",
        ),
        (
            vec!["check", p, "--prior", "/nonexistent/2021.ron"],
            "上年文件无法读取",
        ),
        (
            vec!["check", &last_path, "--prior", &last_path],
            "应使用 2020 年度",
        ),
        (
            vec!["check", p, p, "--prior", &last_path],
            "--prior 只能用于检查一个",
        ),
    ] {
        let (code, text) = yusuan(&args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(says), "{args:?}: {text}");
        assert!(crate::support::is_chinese(&text), "{text}");
        assert!(
            !text.contains("共 "),
            "no findings printed on refusal: {text}"
        );
    }
    let after: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(before.len(), after.len());
}

/// An amount typed after a figure's name is compared with the figure; a
/// change, a part or another year's figure is not; the examples raise
/// nothing.
#[test]
fn amounts_in_text_are_compared_with_the_figures_they_name() {
    for name in ["qingshan-2021.ron", "wuhan-2022.ron", "shanghai-2025.ron"] {
        let doc = example(name);
        assert!(findings(&doc, "X05").is_empty(), "{name}");
        assert!(findings(&doc, "Y05").is_empty(), "{name}");
    }
    let mut base = example("qingshan-2021.ron");
    base.three_public.reception = m("12.53");
    let three = base.three_public.total();
    let reason = Location::field(Sheet::Other, Field::Named(FieldName::ChangeReason));
    let flagged = |text: &str| {
        let mut doc = base.clone();
        doc.other.change_reason = text.to_string();
        findings(&doc, "X05")
    };
    let right = three.display();
    let wrong = (three + m("1")).display();
    let one_decimal = yusuan::money::round_dp(three.value(), 1);
    let yuan = yusuan::derive::table::group_thousands(
        &(three.value() * Decimal::from(10_000))
            .round_dp(0)
            .to_string(),
    );
    for ok in [
        format!("“三公”经费预算{right}万元。"),
        format!("三公经费{one_decimal}万元"),
        format!("“三公”经费{yuan}元"),
        format!("“三公”经费比上年减少{wrong}万元"),
        format!("上年“三公”经费{wrong}万元"),
        format!("2020年“三公”经费{wrong}万元"),
        format!("“三公”经费控制在{wrong}万元以内"),
        format!("一般公共预算基本支出{wrong}万元"),
    ] {
        assert!(flagged(&ok).is_empty(), "{ok}: {:?}", flagged(&ok));
    }
    let w = flagged(&format!("“三公”经费预算{wrong}万元。"));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].location, reason);
    assert!(
        w[0].message.contains(&wrong) && w[0].message.contains(&format!("{right} 万元")),
        "{}",
        w[0].message
    );
    let total = yusuan::derive::totals(&base).total;
    let w = flagged(&format!(
        "本年收支预算总额{}万元",
        (total + m("10")).display()
    ));
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains("收支预算总额"));
}

/// Last year's year in a sentence that neither compares nor counts from it
/// is a 提示 at the field; a comparison with it is not.
#[test]
fn last_years_year_in_text_is_noted() {
    let mut doc = example("qingshan-2021.ron");
    doc.overview.functions[0] = "2020年我中心将积极推进各项工作。".into();
    doc.other.change_reason = "比2020年增加，主要原因是项目增加。".into();
    doc.performance.annual_tasks[0] = "继续运维2020年建成的平台。".into();
    // A project's text names its own amounts, never a total.
    doc.projects[0].purpose = "项目支出1万元，用于平台运维".into();
    assert!(findings(&doc, "X05").is_empty());
    let y = findings(&doc, "Y05");
    assert_eq!(y.len(), 1, "{y:?}");
    assert_eq!(
        y[0].location,
        Location::cell(Sheet::Overview, 0, Field::Named(FieldName::Functions))
    );
    assert!(y[0].message.contains("2020") && y[0].message.contains("2021"));
    assert_eq!(y[0].severity(), yusuan::rules::Severity::Info);
}

/// An indicator in 附件3 and in one project's 表10 states one value: the
/// examples agree; a changed 附件3 value is flagged at its cell naming both;
/// a name two projects share is not compared.
#[test]
fn an_indicator_in_attachment3_and_table10_agrees() {
    use yusuan::location::{GoalTerm, IndicatorColumn};
    use yusuan::model::IndicatorValue;
    for name in ["qingshan-2021.ron", "wuhan-2022.ron", "shanghai-2025.ron"] {
        assert!(findings(&example(name), "X06").is_empty(), "{name}");
    }
    let base = example("qingshan-2021.ron");
    let (g, r) = base
        .performance
        .annual_goals
        .iter()
        .enumerate()
        .find_map(|(g, goal)| {
            let r = goal
                .indicators
                .iter()
                .position(|x| x.name == "机房巡查次数")?;
            Some((g, r))
        })
        .expect("the example's annual goal has 机房巡查次数");
    let mut doc = base.clone();
    doc.performance.annual_goals[g].indicators[r].value = IndicatorValue::parse("≥200次");
    let x = findings(&doc, "X06");
    assert_eq!(x.len(), 1, "{x:?}");
    assert_eq!(
        x[0].location,
        Location::cell(
            Sheet::Performance,
            r,
            Field::Indicator {
                goal: Some((GoalTerm::Annual, g)),
                column: IndicatorColumn::Value
            }
        )
    );
    assert!(
        x[0].message.contains("≥200次") && x[0].message.contains("≥240次"),
        "{}",
        x[0].message
    );
    // The same name in a second project: which one 附件3 repeats is not said.
    let shared = doc.projects[0]
        .indicators
        .iter()
        .find(|i| i.name == "机房巡查次数")
        .cloned()
        .expect("project indicator");
    doc.projects[1].indicators.push(shared);
    assert!(findings(&doc, "X06").is_empty());
}

/// docs/templates.md lists every agreement the program checks: each rule
/// comparing two places (T, X, Y04, Y05) and the placeholder rule W01 is
/// named in its section “程序检查的对应关系”.
#[test]
fn the_template_guide_lists_every_pair_the_program_checks() {
    let doc = std::fs::read_to_string(format!("{}/docs/templates.md", env!("CARGO_MANIFEST_DIR")))
        .expect("docs/templates.md");
    let section = doc
        .split("## 6. 程序检查的对应关系")
        .nth(1)
        .expect("section 6")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    for r in yusuan::rules::Rule::ALL {
        let id = r.id();
        if id.starts_with('T') || id.starts_with('X') || ["Y04", "Y05", "W01"].contains(&id) {
            assert!(section.contains(id), "{id} is not listed");
        }
    }
}

/// Findings print amounts as the screen does: grouped by thousands where
/// the template's tables are (上海 2025, in 元), plain where not (武汉).
#[test]
fn finding_amounts_are_grouped_as_the_screen_groups_them() {
    let mut sh = example("shanghai-2025.ron");
    let mut wu = example("qingshan-2021.ron");
    for doc in [&mut sh, &mut wu] {
        doc.basic_by_economic[0].amount += m("1000");
    }
    let x01 = |doc: &Document| findings(doc, "X01")[0].message.clone();
    let (s, w) = (x01(&sh), x01(&wu));
    let basic = |doc: &Document| yusuan::derive::totals(doc).general_basic.display();
    let grouped = yusuan::derive::table::group_thousands(&basic(&sh));
    assert!(grouped.contains(','), "{grouped}");
    assert!(s.contains(&grouped), "{s}");
    assert!(w.contains(&basic(&wu)) && !w.contains(','), "{w}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any text in the free-text fields (names, amounts, years, braces,
    /// placeholders in any mix) is checked without a panic, and an
    /// amount-rule finding always quotes a figure.
    #[test]
    fn any_free_text_is_checked_without_panic(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("“三公”经费".to_string()),
                proptest::strategy::Just("预算总额".to_string()),
                proptest::strategy::Just("基本支出".to_string()),
                proptest::strategy::Just("万元".to_string()),
                proptest::strategy::Just("元".to_string()),
                proptest::strategy::Just("2020年".to_string()),
                proptest::strategy::Just("{".to_string()),
                proptest::strategy::Just("xx".to_string()),
                proptest::strategy::Just("Ｘ".to_string()),
                "[0-9.,，。；]{1,6}",
                "\\PC{0,8}",
            ],
            0..12,
        )
    ) {
        let text: String = parts.concat();
        let mut doc = example("qingshan-2021.ron");
        doc.other.change_reason = text.clone();
        doc.overview.functions[0] = text.clone();
        doc.meta.dept_name = text;
        for f in findings(&doc, "X05") {
            proptest::prop_assert!(f.message.contains("文件中为"), "{}", f.message);
        }
    }
}

/// 附件3's 近两年: both years' figures and each 年度目标 indicator's value
/// of last year are compared with what last year's file states.
#[test]
fn attachment3_prior_columns_are_compared_with_last_years_file() {
    use yusuan::location::{GoalTerm, IndicatorColumn};
    use yusuan::model::IndicatorValue;
    let last = example("qingshan-2021.ron");
    let mut doc = next_year(&last);
    let before = compare_with_prior(&doc, &last).expect("years fit");
    assert!(before.findings.is_empty(), "{:?}", before.findings);
    doc.performance.prior_years[1].income_fiscal += m("1");
    doc.performance.annual_goals[0].indicators[0].prior[0] = IndicatorValue::parse("≥9次");
    let c = compare_with_prior(&doc, &last).expect("years fit");
    assert_eq!(c.compared, before.compared);
    assert_eq!(c.findings.len(), 2, "{:?}", c.findings);
    let years = &c.findings[0];
    assert!(
        years.message.contains(&format!(
            "{}年收入 财政拨款",
            doc.performance.prior_years[1].year
        )),
        "{}",
        years.message
    );
    let ind = &c.findings[1];
    assert_eq!(
        ind.location,
        Location::cell(
            Sheet::Performance,
            0,
            Field::Indicator {
                goal: Some((GoalTerm::Annual, 0)),
                column: IndicatorColumn::Prior(0)
            }
        )
    );
    assert!(ind.message.contains("≥9次"), "{}", ind.message);
}
