//! Fixtures shared by the tests, the benchmark and the examples: a synthetic
//! document after the seed (青山区大数据中心 2021), synthetic 表1–表8 in their
//! published shape, and the example with every text field made very long.
#![allow(dead_code, reason = "each test binary uses its own subset")]

use yusuan::compose::{NarrativeSection, Parts};
use yusuan::derive::table::{Align, Cell, Column, HeaderCell, Row, RowKind, Table};
use yusuan::model::*;
use yusuan::money::Money;

/// Runs a command-line tool (pdftotext, pdfinfo, …) and returns its output.
pub fn tool(cmd: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} not runnable ({e}); install poppler-utils"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn m(s: &str) -> Money {
    s.parse().expect("test amount")
}

fn ind(level1: Level1, level2: &str, name: &str, v: &str) -> Indicator {
    let value = IndicatorValue::parse(v);
    Indicator {
        level1: Some(level1),
        level2: level2.into(),
        name: name.into(),
        value: value.clone(),
        standard: v.into(),
        prior: [value.clone(), value],
    }
}

fn pind(level1: Level1, level2: &str, name: &str, v: &str) -> ProjectIndicator {
    ProjectIndicator {
        level1: Some(level1),
        level2: level2.into(),
        name: name.into(),
        long_term: IndicatorValue::parse(v),
        annual: IndicatorValue::parse(v),
    }
}

fn budget_line(code: &str, name: &str, basic: &str, project: &str) -> BudgetLine {
    let mut l = BudgetLine {
        code: FunctionCode::new(code),
        name: name.into(),
        ..Default::default()
    };
    l.set_amount(FundSource::GeneralBudget, SpendingKind::Basic, m(basic));
    l.set_amount(FundSource::GeneralBudget, SpendingKind::Project, m(project));
    l
}

pub fn project(name: &str, unit: &str, fiscal: &str, goal: &str) -> Project {
    Project {
        code: String::new(),
        name: name.into(),
        implementing_unit: unit.into(),
        attribute: ProjectAttribute::DepartmentSpecial,
        start: "2021.01.01".into(),
        end: "2021.12.31".into(),
        amounts: [(FundSource::GeneralBudget, m(fiscal))].into(),
        purpose: String::new(),
        midterm_goal: goal.into(),
        annual_goal: goal.into(),
        indicators: vec![
            pind(Level1::Output, "数量指标", "网络安全情况通报", "≥1期"),
            pind(Level1::Output, "数量指标", "机房巡查次数", "≥240次"),
            pind(Level1::Output, "质量指标", "机房重大安全事故", "0次"),
            pind(Level1::Benefit, "社会效益指标", "群众投诉受理率", "100%"),
        ],
    }
}

pub fn seed_document() -> Document {
    let functions = [
        "利用现代信息技术改造传统城市管理流程，通过城市管理监督指挥中心，实现监督权与执行权的分离。",
        "加快推进青山城市管理、公共服务、社会管理（治理）、应急管理、经济分析等信息系统的应用与融合，为政府科学决策提供信息支持。",
        "研究制定有关区级电子政务、政府信息公开、社会管理网格化服务、城市长效综合管理信息化建设等工作规划、计划、制度，并组织实施。",
        "承担区级政府电子政务相关工作。负责区级电子政务应用建设，指导区各部门电子政务应用建设、信息资源的开发利用。负责区级电子政务网络基础设施的建设、维护、管理、资源分配利用；负责区人民政府门户网站建设、运行、管理；负责区机关综合办公楼网络通信维护。",
        "负责区级政府信息公开工作。组织和指导区各级党政群机关和事业单位开展信息化建设工作。",
        "负责推进全区社会管理网格化工作，负责系统内各类案（事）件的监督考核、协调督导和统计汇总，推动网格化运行。",
        "按照市人民政府、市城管委、区人民政府要求全面推进、实施全区数字化城市管理工作。",
        "负责对社情民意、社会矛盾、政务服务等方面问题的综合受理、任务派遣、督办处理、结果反馈等工作，督促各单位落实办理。",
        "协调区有关部门推广和使用政务和公益域名，根据中央编办、工信部关于《党政机关、事业单位和社会组织网上名称管理暂行办法》依法申请注册、使用网上名称。",
        "承办上级交办的其他事项。",
    ];
    Document {
        format_version: FORMAT_VERSION,
        meta: Meta {
            dept_name: "青山区大数据中心".into(),
            dept_full_name: "武汉市青山区大数据中心".into(),
            year: 2021,
            dept_code: "005001025".into(),
            admin_level: AdminLevel::District,
            preparer: "魏熙施".into(),
            phone: "68860276".into(),
            unit: MoneyUnit::WanYuan,
            ..Default::default()
        },
        overview: Overview {
            functions: functions.iter().map(|s| s.to_string()).collect(),
            units: vec![BudgetUnit { name: "本级机关".into(), kind: UnitKind::Institution }],
            staffing: Staffing {
                authorized: vec![(StaffKind::Institution, 21)],
                actual: vec![(StaffKind::Institution, 19)],
                retired: 0,
            },
        },
        budget_lines: vec![
            budget_line("2013350", "事业运行", "359.80", "625.98"),
            budget_line("2080505", "机关事业单位基本养老保险缴费支出", "25.10", "0"),
            budget_line("2210201", "住房公积金", "26.72", "0"),
        ],
        basic_by_economic: vec![],
        three_public: ThreePublic::default(),
        projects: vec![
            project(
                "政务网平台运行费",
                "电子政务科",
                "305.8",
                "全区机务网络中心机房、区政府网站平台、全区政务网络干线正常运行，公共 WIFI 服务正常开展。",
            ),
            project(
                "网上群众工作部年度经费",
                "指挥处置科",
                "320.18",
                "群众投诉热线、市长专线及数字城管的案件受理，按时办结率 100%",
            ),
        ],
        performance: DeptPerformance {
            prior_years: [
                PriorYear {
                    year: 2020,
                    income_fiscal: m("1170.83"),
                    income_other: Money::ZERO,
                    spending_basic: m("355.83"),
                    spending_project: m("815"),
                },
                PriorYear {
                    year: 2019,
                    income_fiscal: m("1012.84"),
                    income_other: Money::ZERO,
                    spending_basic: m("322.84"),
                    spending_project: m("690"),
                },
            ],
            functions_summary: vec![],
            annual_tasks: vec![
                "2021年我中心将积极推进市长专线、城市留言板、数字城管和民呼我应等群众投诉平台系统整合，保证群众投诉平台的畅通稳定。".into(),
                "以政府部门办公自动化、网络化、电子化和信息资源共享化为工作开展目标，积极争取开展电子公文系统建设。".into(),
            ],
            long_term_goals: vec![
                Goal {
                    title: "政务网平台运行目标".into(),
                    indicators: vec![
                        ind(Level1::Output, "数量指标", "网络安全情况通报", "≥1期"),
                        ind(Level1::Output, "数量指标", "机房巡查次数", "≥240次"),
                        ind(Level1::Output, "数量指标", "网站安全监测报告", "≥10次"),
                        ind(Level1::Output, "质量指标", "机房重大安全事故", "0次"),
                    ],
                },
                Goal {
                    title: "网上群众工作部目标".into(),
                    indicators: vec![
                        ind(Level1::Output, "实效指标", "按时办结率", "100%"),
                        ind(Level1::Benefit, "社会效益指标", "群众投诉受理率", "100%"),
                    ],
                },
            ],
            annual_goals: vec![Goal {
                title: "政务网平台运行目标".into(),
                indicators: vec![
                    ind(Level1::Output, "数量指标", "网络安全情况通报", "≥1期"),
                    ind(Level1::Output, "数量指标", "机房巡查次数", "≥240次"),
                    ind(Level1::Benefit, "社会效益指标", "群众投诉受理率", "100%"),
                ],
            }],
        },
        other: OtherMatters::default(),
        glossary: vec![
            GlossaryEntry::Term {
                term: "一般公共预算财政拨款收入".into(),
                text: "指区级财政一般公共预算当年拨付的资金。".into(),
            },
            GlossaryEntry::Term {
                term: "基本支出".into(),
                text: "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。".into(),
            },
            GlossaryEntry::FunctionCodesUsed,
        ],
        prior_three_public: None,
        review: Default::default(),
        merged_from: Vec::new(),
        procurement: Vec::new(),
        purchased_services: Vec::new(),
        gov_fund_three_public: Default::default(),
        fiscal_by_economic: Vec::new(),
    }
}

fn col(weight: f32, align: Align) -> Column {
    Column { weight, align }
}

/// A 功能科目 table (like 表2) with `n_items` 项 rows under rotating 类/款.
pub fn function_table(number: u8, title: &str, n_items: usize) -> Table {
    let mut rows = vec![Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::text(""),
            Cell::text("合计"),
            Cell::Money(m("1037.60")),
            Cell::Money(m("411.62")),
            Cell::Money(m("625.98")),
        ],
    }];
    for i in 0..n_items {
        if i % 10 == 0 {
            rows.push(Row {
                kind: RowKind::Class,
                cells: vec![
                    Cell::text(format!("{}", 201 + i / 10)),
                    Cell::text("一般公共服务支出"),
                    Cell::Money(m("100")),
                    Cell::Money(m("60")),
                    Cell::Money(m("40")),
                ],
            });
        }
        rows.push(Row {
            kind: RowKind::Item,
            cells: vec![
                Cell::text(format!("{:07}", 2013350 + i)),
                Cell::text(format!("  事业运行项目第{}项", i + 1)),
                Cell::Money(m("10.5")),
                Cell::Money(m("10.5")),
                Cell::Money(Money::ZERO),
            ],
        });
    }
    Table {
        number,
        title: title.into(),
        caption: format!("表{number}.青山区大数据中心2021年{title}"),
        columns: vec![
            col(1.2, Align::Center),
            col(3.0, Align::Left),
            col(1.0, Align::Right),
            col(1.0, Align::Right),
            col(1.0, Align::Right),
        ],
        header: vec![
            vec![
                HeaderCell::new("科目编码").rows(2),
                HeaderCell::new("科目名称").rows(2),
                HeaderCell::new("本年一般公共预算支出").cols(3),
            ],
            vec![
                HeaderCell::new("合计"),
                HeaderCell::new("基本支出"),
                HeaderCell::new("项目支出"),
            ],
        ],
        rows,
        ..Default::default()
    }
}

/// 表7 部门收入总表: 13 columns.
pub fn income_table() -> Table {
    let mut columns = vec![
        col(1.2, Align::Center),
        col(2.5, Align::Left),
        col(1.0, Align::Right),
    ];
    columns.extend((0..10).map(|_| col(1.0, Align::Right)));
    let mut h2 = vec![
        HeaderCell::new("科目编码").rows(1),
        HeaderCell::new("科目名称"),
        HeaderCell::new("合计"),
    ];
    h2.extend(FundSource::ALL.iter().map(|s| HeaderCell::new(s.label())));
    let mut cells = vec![
        Cell::text("2013350"),
        Cell::text("事业运行"),
        Cell::Money(m("1037.6")),
        Cell::Money(m("1037.6")),
    ];
    cells.extend((0..9).map(|_| Cell::Money(Money::ZERO)));
    Table {
        number: 7,
        title: "部门收入总表".into(),
        columns,
        header: vec![
            vec![
                HeaderCell::new("功能分类科目").cols(2),
                HeaderCell::new("本年收入").cols(11),
            ],
            h2,
        ],
        rows: vec![Row {
            kind: RowKind::Item,
            cells,
        }],
        caption: "表7.青山区大数据中心2021年部门收入总表".into(),
        ..Default::default()
    }
}

pub fn empty_table() -> Table {
    let mut t = function_table(5, "政府性基金预算支出表", 0);
    t.rows.clear();
    t.empty_statement = Some("本部门没有使用政府性基金预算安排的支出".into());
    t
}

pub fn seed_parts() -> Parts {
    Parts {
        tables: vec![
            function_table(1, "财政拨款收支预算总表", 3),
            function_table(2, "一般公共预算支出表", 3),
            function_table(3, "一般公共预算基本支出表", 3),
            function_table(4, "一般公共预算“三公”经费支出表", 1),
            empty_table(),
            function_table(6, "部门收支总表", 3),
            income_table(),
            function_table(8, "部门支出总表", 3),
        ],
        narrative: vec![
            NarrativeSection {
                heading: "一、财政拨款收支预算总体情况".into(),
                paragraphs: vec!["2021年财政拨款收支总预算1037.60万元。收入包括：一般公共预算财政拨款本年收入1037.60万元。".into()],
                part: 0,
            },
            NarrativeSection {
                heading: "二、一般公共预算支出安排情况".into(),
                paragraphs: vec!["2021年一般公共预算支出预算1037.60万元，比2020年预算减少133.23万元，下降11.38%，主要是财政经费压减。".into()],
                part: 0,
            },
        ],
        function_codes_used: vec![],
        // The forms print the entered figures (the seed is in 万元, the
        // unit its tables print in), so there is no printed copy.
        form_copy: None,
        form_year: yusuan::derive::current_year(&yusuan::derive::totals(&seed_document())),
    }
}

/// A large document: 300 功能科目 rows and 100 projects.
pub fn large() -> (Document, Parts) {
    let mut doc = seed_document();
    doc.projects = (0..100)
        .map(|i| {
            project(
                &format!("项目{}", i + 1),
                "电子政务科",
                "6.26",
                "保障全区政务网络干线正常运行。",
            )
        })
        .collect();
    let mut parts = seed_parts();
    parts.tables[1] = function_table(2, "一般公共预算支出表", 300);
    (doc, parts)
}

/// The RON text `ron` with every quoted string that holds a Chinese
/// character (every non-empty text field; codes and amounts hold none)
/// replaced by `chars` characters of mixed Chinese, Latin, digits and
/// punctuation: the "every text field at 10,000 characters" document.
pub fn with_long_texts(ron: &str, chars: usize) -> String {
    let unit = "预算编制测试文本ABC123，（一）“引号”；";
    let long: String = unit.chars().cycle().take(chars).collect();
    let mut out = String::with_capacity(ron.len() + 100 * chars * 3);
    let mut rest = ron;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else {
            rest = after;
            break;
        };
        let content = &after[..close];
        if content
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            out.push_str(&long);
        } else {
            out.push_str(content);
        }
        out.push('"');
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
