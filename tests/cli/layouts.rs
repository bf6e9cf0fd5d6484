//! Workbooks and official lists as they really come (issue 25), written here
//! by generators independent of yusuan's own export: title rows, `单位：元`,
//! headers over two or three rows with merged parents, 类 | 款 | 项 columns
//! filled in every way people fill them, codes as numbers, subtotal rows; a
//! whole 一体化 export whose every sheet the preview must account for; the
//! 财政部 科目表 in its published layout. Each layout is written as xlsx and
//! as csv (no merged cells) and must give the same document.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook as XWorkbook};
use std::collections::BTreeMap;
use std::path::Path;
use yusuan::catalog::{Catalog, Classification};
use yusuan::catalog_import;
use yusuan::import::{self, Options, Target};
use yusuan::model::{Document, FundSource, MoneyUnit, SpendingKind};
use yusuan::money::{Amount, Money};

/// A cell of a generated sheet.
#[derive(Clone, Debug, PartialEq)]
enum C {
    T(String),
    N(f64),
}

fn t(s: &str) -> C {
    C::T(s.to_string())
}

/// A sheet: cells by (row, column) and merged areas (first, last).
#[derive(Clone, Debug, Default)]
struct Grid {
    name: String,
    hidden: bool,
    cells: BTreeMap<(u32, u16), C>,
    merges: Vec<((u32, u16), (u32, u16))>,
}

impl Grid {
    fn new(name: &str) -> Self {
        Grid {
            name: name.into(),
            ..Grid::default()
        }
    }
    fn put(&mut self, r: u32, c: u16, v: C) {
        self.cells.insert((r, c), v);
    }
    /// `v` in (r, c), merged down to `r2` and right to `c2`.
    fn merged(&mut self, r: u32, c: u16, r2: u32, c2: u16, v: C) {
        self.put(r, c, v);
        if (r2, c2) != (r, c) {
            self.merges.push(((r, c), (r2, c2)));
        }
    }
}

fn save_xlsx(path: &Path, sheets: &[Grid]) {
    let mut wb = XWorkbook::new();
    let f = Format::new();
    for g in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&g.name).expect("name");
        for &((r, c), (r2, c2)) in &g.merges {
            ws.merge_range(r, c, r2, c2, "", &f).expect("merge");
        }
        for (&(r, c), v) in &g.cells {
            match v {
                C::T(s) => ws.write_string(r, c, s).map(|_| ()),
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
            }
            .expect("write");
        }
        if g.hidden {
            ws.set_hidden(true);
        }
    }
    wb.save(path).expect("save");
}

/// The sheet as Excel's 另存为 CSV writes it: merged areas lose all but
/// their top-left value.
fn save_csv(path: &Path, g: &Grid) {
    let rows = g.cells.keys().map(|k| k.0).max().unwrap_or(0);
    let cols = g.cells.keys().map(|k| k.1).max().unwrap_or(0);
    let mut out = String::new();
    for r in 0..=rows {
        let line: Vec<String> = (0..=cols)
            .map(|c| match g.cells.get(&(r, c)) {
                Some(C::T(s)) if s.contains(',') => format!("\"{s}\""),
                Some(C::T(s)) => s.clone(),
                Some(C::N(n)) => format!("{n}"),
                None => String::new(),
            })
            .collect();
        out += &line.join(",");
        out += "\n";
    }
    std::fs::write(path, out).expect("write csv");
}

/// A 项 of the 功能分类 with its 基本支出 and 项目支出 in 元.
struct Leaf {
    code: &'static str,
    name: &'static str,
    basic: &'static str,
    project: &'static str,
}

const LEAVES: [Leaf; 5] = [
    Leaf {
        code: "2010101",
        name: "行政运行",
        basic: "3098600",
        project: "0",
    },
    Leaf {
        code: "2010102",
        name: "一般行政管理事务",
        basic: "0",
        project: "4259800",
    },
    Leaf {
        code: "2010350",
        name: "事业运行",
        basic: "1200000",
        project: "2000000",
    },
    Leaf {
        code: "2080505",
        name: "机关事业单位基本养老保险缴费支出",
        basic: "456789.12",
        project: "0",
    },
    Leaf {
        code: "2210201",
        name: "住房公积金",
        basic: "310000",
        project: "0",
    },
];

fn parent_name(code: &str) -> &'static str {
    match code {
        "201" => "一般公共服务支出",
        "20101" => "人大事务",
        "20103" => "政府办公厅（室）及相关机构事务",
        "208" => "社会保障和就业支出",
        "20805" => "行政事业单位养老支出",
        "221" => "住房保障支出",
        "22102" => "住房改革支出",
        _ => "",
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// (basic, project) of the leaves under `prefix`, 元.
fn sum_under(prefix: &str) -> (Decimal, Decimal) {
    LEAVES
        .iter()
        .filter(|l| l.code.starts_with(prefix))
        .fold((Decimal::ZERO, Decimal::ZERO), |(b, p), l| {
            (b + dec(l.basic), p + dec(l.project))
        })
}

fn num(d: Decimal) -> C {
    C::N(d.to_string().parse().expect("f64"))
}

/// How a layout holds its codes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Codes {
    /// One column, text `2010101`.
    Text,
    /// One column, numbers.
    Number,
    /// One column, `201-01-01`.
    Separated,
    /// 类 | 款 | 项, parents repeated on every row.
    Repeated,
    /// 类 | 款 | 项, each row only its own level.
    OwnLevel,
    /// 类 | 款 | 项, no subtotal rows, a parent only on its group's first row.
    BlankUnder,
    /// 类 | 款 | 项, the 类 and 款 cells merged down over their groups.
    MergedDown,
    /// 类 | 款 | 项 as numbers (款 1, 项 1), parents repeated.
    Numeric,
    /// No code column: names indented under their 类 and 款.
    Names,
}

/// How many header rows.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Header {
    One,
    Two,
    Three,
}

const ALL_CODES: [Codes; 9] = [
    Codes::Text,
    Codes::Number,
    Codes::Separated,
    Codes::Repeated,
    Codes::OwnLevel,
    Codes::BlankUnder,
    Codes::MergedDown,
    Codes::Numeric,
    Codes::Names,
];

impl Codes {
    fn split(self) -> bool {
        !matches!(
            self,
            Codes::Text | Codes::Number | Codes::Separated | Codes::Names
        )
    }

    /// Code columns.
    fn columns(self) -> u16 {
        match self {
            Codes::Names => 0,
            c if c.split() => 3,
            _ => 1,
        }
    }
}

/// The rows of the table: (code, level 1..=3) in order, subtotals first.
fn table_rows(with_subtotals: bool) -> Vec<String> {
    let mut out = Vec::new();
    for l in &LEAVES {
        for n in [3, 5, 7] {
            let c = l.code[..n].to_string();
            if (n == 7 || with_subtotals) && !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// A 支出 table named `name`: title, unit line, header band, 合计 row,
/// 类/款 subtotals (unless the layout has none), 项 rows.
fn budget_grid(name: &str, title: &str, codes: Codes, header: Header) -> Grid {
    let mut g = Grid::new(name);
    let k = codes.columns();
    let width = k + 4;
    g.merged(0, 0, 0, width - 1, t(title));
    g.put(1, width - 1, t("单位：元"));
    g.put(1, 0, t("部门：青山区测试局"));
    let h = 2u32;
    let code_head = "功能分类科目编码";
    let body = match header {
        Header::One => {
            if codes.split() {
                for (i, x) in ["类", "款", "项"].iter().enumerate() {
                    g.put(h, i as u16, t(x));
                }
            } else if k == 1 {
                g.put(h, 0, t("科目编码"));
            }
            g.put(h, k, t("科目名称"));
            g.put(h, k + 1, t("合计"));
            g.put(h, k + 2, t("基本支出"));
            g.put(h, k + 3, t("项目支出"));
            h + 1
        }
        Header::Two => {
            if codes.split() {
                g.merged(h, 0, h, 2, t(code_head));
                for (i, x) in ["类", "款", "项"].iter().enumerate() {
                    g.put(h + 1, i as u16, t(x));
                }
            } else if k == 1 {
                g.merged(h, 0, h + 1, 0, t(code_head));
            }
            g.merged(h, k, h + 1, k, t("功能分类科目名称"));
            g.merged(h, k + 1, h + 1, k + 1, t("合计"));
            g.merged(h, k + 2, h, k + 3, t("其中"));
            g.put(h + 1, k + 2, t("基本支出"));
            g.put(h + 1, k + 3, t("项目支出"));
            h + 2
        }
        Header::Three => {
            if codes.split() {
                g.merged(h, 0, h, 2, t(code_head));
                for (i, x) in ["类", "款", "项"].iter().enumerate() {
                    g.merged(h + 1, i as u16, h + 2, i as u16, t(x));
                }
            } else if k == 1 {
                g.merged(h, 0, h + 2, 0, t("科目编码"));
            }
            g.merged(h, k, h + 2, k, t("科目名称"));
            g.merged(h, k + 1, h, k + 3, t("本年支出预算"));
            g.merged(h + 1, k + 1, h + 2, k + 1, t("合计"));
            g.merged(h + 1, k + 2, h + 1, k + 3, t("其中"));
            g.put(h + 2, k + 2, t("基本支出"));
            g.put(h + 2, k + 3, t("项目支出"));
            h + 3
        }
    };
    // 合计 row: the label over the code columns.
    let (b, p) = sum_under("");
    g.merged(body, 0, body, k, t("合计"));
    g.put(body, k + 1, num(b + p));
    g.put(body, k + 2, num(b));
    g.put(body, k + 3, num(p));
    let rows = table_rows(codes != Codes::BlankUnder);
    let mut r = body + 1;
    let mut shown_class = String::new();
    let mut shown_section = String::new();
    for code in &rows {
        let level = code.len();
        let (b, p) = sum_under(code);
        let name = LEAVES
            .iter()
            .find(|l| l.code == code)
            .map_or(parent_name(code), |l| l.name);
        let indent = match level {
            3 => "",
            5 => "  ",
            _ => "\u{3000}\u{3000}",
        };
        g.put(r, k, t(&format!("{indent}{name}")));
        g.put(r, k + 1, num(b + p));
        if !b.is_zero() {
            g.put(r, k + 2, num(b));
        }
        if !p.is_zero() {
            g.put(r, k + 3, num(p));
        }
        let (cls, sec, item) = (&code[..3], code.get(3..5), code.get(5..7));
        match codes {
            Codes::Names => {}
            Codes::Text => g.put(r, 0, t(code)),
            Codes::Number => g.put(r, 0, C::N(code.parse().expect("n"))),
            Codes::Separated => {
                let parts: Vec<&str> = [Some(cls), sec, item].into_iter().flatten().collect();
                g.put(r, 0, t(&parts.join("-")));
            }
            Codes::Repeated | Codes::Numeric => {
                let n = codes == Codes::Numeric;
                let v = |s: &str| {
                    if n { C::N(s.parse().expect("n")) } else { t(s) }
                };
                g.put(r, 0, v(cls));
                if let Some(s) = sec {
                    g.put(r, 1, v(s));
                }
                if let Some(i) = item {
                    g.put(r, 2, v(i));
                }
            }
            Codes::OwnLevel => match level {
                3 => g.put(r, 0, t(cls)),
                5 => g.put(r, 1, t(sec.unwrap_or_default())),
                _ => g.put(r, 2, t(item.unwrap_or_default())),
            },
            Codes::BlankUnder => {
                if shown_class != cls {
                    g.put(r, 0, t(cls));
                    shown_class = cls.to_string();
                    shown_section.clear();
                }
                let s = &code[..5];
                if shown_section != s {
                    g.put(r, 1, t(&s[3..]));
                    shown_section = s.to_string();
                }
                g.put(r, 2, t(item.unwrap_or_default()));
            }
            Codes::MergedDown => {
                let last = |prefix: &str| {
                    let i = rows
                        .iter()
                        .rposition(|c| c.starts_with(prefix))
                        .unwrap_or(0);
                    body + 1 + i as u32
                };
                match level {
                    3 => g.merged(r, 0, last(cls), 0, t(cls)),
                    5 => g.merged(r, 1, last(code), 1, t(sec.unwrap_or_default())),
                    _ => g.put(r, 2, t(item.unwrap_or_default())),
                }
            }
        }
        r += 1;
    }
    g.put(
        r + 1,
        0,
        t("注：本表金额单位为元，据预算管理一体化系统导出。"),
    );
    g
}

fn qingshan() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example loads")
}

/// The document's 一般公共预算 (基本, 项目) per 功能科目 with any.
fn general(doc: &Document) -> BTreeMap<String, (Money, Money)> {
    doc.budget_lines
        .iter()
        .map(|l| {
            let g = |k| l.amount(FundSource::GeneralBudget, k);
            (
                l.code.as_str().to_string(),
                (g(SpendingKind::Basic), g(SpendingKind::Project)),
            )
        })
        .filter(|(_, (b, p))| !b.is_zero() || !p.is_zero())
        .collect()
}

/// What the leaves must become in a document kept in `unit`.
fn expected(unit: MoneyUnit) -> BTreeMap<String, (Money, Money)> {
    let to = |s: &str| {
        Amount::new(dec(s), MoneyUnit::Yuan)
            .to_unit(unit)
            .expect("in range")
    };
    LEAVES
        .iter()
        .map(|l| (l.code.to_string(), (to(l.basic), to(l.project))))
        .collect()
}

#[test]
fn every_code_layout_and_header_band_imports_the_same_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = qingshan();
    let want = expected(doc.meta.unit);
    let mut layouts = 0;
    for codes in ALL_CODES {
        for header in [Header::One, Header::Two, Header::Three] {
            let g = budget_grid(
                "1.5一般公共预算支出功能分类预算表",
                "2025年一般公共预算支出功能分类预算表",
                codes,
                header,
            );
            let xlsx = dir.path().join(format!("{codes:?}-{header:?}.xlsx"));
            save_xlsx(&xlsx, std::slice::from_ref(&g));
            let csv = dir.path().join(format!("{codes:?}-{header:?}.csv"));
            save_csv(&csv, &g);
            for path in [&xlsx, &csv] {
                // Without merged cells a merged-down 类 reads as blank under
                // the first row of its group: the same figures.
                let plan = import::plan_file(path, &doc, &Options::default())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let text = import::render(&plan);
                assert_eq!(general(&plan.document), want, "{}\n{text}", path.display());
                let p = &plan.sheets[0];
                assert_eq!(p.target, Target::Budget(FundSource::GeneralBudget));
                assert!(
                    p.checks.iter().all(|c| c.agrees()) && !p.checks.is_empty(),
                    "{}: {text}",
                    path.display()
                );
                // Only the footnote and the blank row above it are skipped.
                assert!(
                    p.skipped
                        .iter()
                        .all(|(_, why)| why.starts_with("说明文字") || why == "空行"),
                    "{}: {:?}",
                    path.display(),
                    p.skipped
                );
                if codes == Codes::Names {
                    // The names were matched against the catalog, and said.
                    assert!(
                        p.notes
                            .iter()
                            .any(|n| n.contains("12 行按 2021 年科目表的名称对应编码")
                                && n.contains("→ 2010350")),
                        "{text}"
                    );
                }
                layouts += 1;
            }
        }
    }
    assert_eq!(layouts, 54);
}

#[test]
fn the_merged_down_class_layout_of_the_issue_imports_its_project_spending() {
    // The failing example: 项目支出 was 0 against the sheet's 6,259,800.
    let dir = tempfile::tempdir().expect("tempdir");
    let g = budget_grid(
        "1.2部门支出预算总表",
        "2025年部门支出预算总表",
        Codes::MergedDown,
        Header::Two,
    );
    let path = dir.path().join("yitihua.xlsx");
    save_xlsx(&path, &[g]);
    let doc = qingshan();
    let plan = import::plan_file(&path, &doc, &Options::default()).expect("imports");
    let project: Money = general(&plan.document).values().map(|v| v.1).sum();
    let sheet_total = Amount::new(dec("6259800"), MoneyUnit::Yuan)
        .to_unit(doc.meta.unit)
        .expect("range");
    assert_eq!(project, sheet_total);
    let text = import::render(&plan);
    // The header is read as a tree: each split column by its full path.
    assert!(
        text.contains("功能分类科目编码 › 类 → 科目编码·类"),
        "{text}"
    );
    assert!(text.contains("表头在第3–4行"), "{text}");
    assert!(!text.contains("没有科目编码"), "{text}");
}

#[test]
fn contradictory_parents_and_half_text_codes_are_refused_naming_the_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = budget_grid(
        "支出",
        "2025年一般公共预算支出表",
        Codes::Repeated,
        Header::Two,
    );
    // 类 201 over a 项 written in full as 2080505.
    let row = g
        .cells
        .iter()
        .find(|(_, v)| **v == t("01"))
        .map(|(k, _)| k.0)
        .expect("a 款 row");
    g.put(row, 2, t("2080505"));
    let path = dir.path().join("bad.xlsx");
    save_xlsx(&path, &[g]);
    let e = import::plan_file(&path, &qingshan(), &Options::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("矛盾") && e.contains(&format!("A{}", row + 1)) && e.contains("“支出”"),
        "{e}"
    );
}

/// An 一体化 export: several tables, a text sheet, an empty and a hidden
/// sheet; the economic table states no unit; the 三公 table has its
/// 公务用车购置及运行费 over 小计 | 购置费 | 运行费.
fn yitihua_export() -> Vec<Grid> {
    let mut income = Grid::new("1.1部门收入预算总表");
    income.put(0, 0, t("2025年部门收入预算总表"));
    income.put(1, 6, t("单位：元"));
    income.merged(2, 0, 2, 2, t("功能分类科目编码"));
    for (i, x) in ["类", "款", "项"].iter().enumerate() {
        income.put(3, i as u16, t(x));
    }
    income.merged(2, 3, 3, 3, t("功能分类科目名称"));
    income.merged(2, 4, 3, 4, t("合计"));
    income.merged(2, 5, 3, 5, t("一般公共预算拨款收入"));
    income.merged(2, 6, 3, 6, t("事业收入"));
    income.put(4, 0, t("201"));
    income.put(4, 3, t("一般公共服务支出"));
    income.put(4, 4, C::N(100.0));
    income.put(4, 5, C::N(100.0));

    let total = budget_grid(
        "1.2部门支出预算总表",
        "2025年部门支出预算总表",
        Codes::MergedDown,
        Header::Two,
    );
    let general = budget_grid(
        "1.5一般公共预算支出功能分类预算表",
        "2025年一般公共预算支出功能分类预算表",
        Codes::OwnLevel,
        Header::Two,
    );

    let mut econ = Grid::new("1.8基本支出经济分类表");
    for (c, h) in [
        "部门预算经济分类科目编码",
        "部门预算经济分类科目名称",
        "合计",
        "人员经费",
        "公用经费",
    ]
    .iter()
    .enumerate()
    {
        econ.put(0, c as u16, t(h));
    }
    let econ_rows = [
        (30101.0, "基本工资", 1_200_000.0, 0.0),
        (30102.0, "津贴补贴", 800_000.0, 0.0),
        (30201.0, "办公费", 0.0, 150_000.0),
        (30211.0, "差旅费", 0.0, 60_000.0),
    ];
    for (i, (code, name, pe, pu)) in econ_rows.iter().enumerate() {
        let r = i as u32 + 1;
        econ.put(r, 0, C::N(*code));
        econ.put(r, 1, t(name));
        econ.put(r, 2, C::N(pe + pu));
        econ.put(r, 3, C::N(*pe));
        econ.put(r, 4, C::N(*pu));
    }

    let mut three = Grid::new("1.9三公和机关运行经费表");
    three.merged(0, 0, 0, 6, t("2025年“三公”经费和机关运行经费预算表"));
    three.put(1, 6, t("单位：元"));
    three.merged(2, 0, 3, 0, t("“三公”经费合计"));
    three.merged(2, 1, 3, 1, t("因公出国（境）费"));
    three.merged(2, 2, 3, 2, t("公务接待费"));
    three.merged(2, 3, 2, 5, t("公务用车购置及运行费"));
    three.put(3, 3, t("小计"));
    three.put(3, 4, t("公务用车购置费"));
    three.put(3, 5, t("公务用车运行费"));
    three.merged(2, 6, 3, 6, t("机关运行经费"));
    for (c, v) in [
        86_000.0, 20_000.0, 16_000.0, 50_000.0, 0.0, 50_000.0, 210_000.0,
    ]
    .iter()
    .enumerate()
    {
        three.put(4, c as u16, C::N(*v));
    }

    let mut words = Grid::new("2.13名词解释");
    words.put(0, 0, t("名词解释"));
    words.put(1, 0, t("一、财政拨款收入：指区级财政当年拨付的资金。"));
    let empty = Grid::new("Sheet3");
    let mut hidden = Grid::new("参数");
    hidden.hidden = true;
    hidden.put(0, 0, t("版本"));
    hidden.put(0, 1, t("v2.3"));
    vec![income, total, general, econ, three, words, empty, hidden]
}

#[test]
fn every_sheet_of_an_yitihua_export_is_imported_checked_or_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("部门预算.xlsx");
    let sheets = yitihua_export();
    save_xlsx(&path, &sheets);
    let doc = qingshan();
    let plan = import::plan_file(&path, &doc, &Options::default()).expect("imports");
    let text = import::render(&plan);
    // Every sheet is in exactly one place of the preview.
    for g in &sheets {
        let n = plan.sheets.iter().filter(|p| p.sheet == g.name).count()
            + plan.checked.iter().filter(|p| p.sheet == g.name).count()
            + plan.unused.iter().filter(|(s, _)| *s == g.name).count();
        assert_eq!(n, 1, "{}: {text}", g.name);
        assert!(
            text.contains(&format!("“{}”", g.name)),
            "{}: {text}",
            g.name
        );
    }
    let targets: Vec<(&str, Target)> = plan
        .sheets
        .iter()
        .map(|p| (p.sheet.as_str(), p.target))
        .collect();
    assert_eq!(
        targets,
        [
            (
                "1.5一般公共预算支出功能分类预算表",
                Target::Budget(FundSource::GeneralBudget)
            ),
            ("1.8基本支出经济分类表", Target::Economic),
            ("1.9三公和机关运行经费表", Target::ThreePublic),
        ]
    );
    // The 总表 over all sources checks the imported table, and agrees.
    assert_eq!(plan.checked.len(), 1);
    assert_eq!(plan.checked[0].sheet, "1.2部门支出预算总表");
    assert!(
        plan.checked[0].checks.len() > 5 && plan.checked[0].checks.iter().all(|c| c.agrees()),
        "{text}"
    );
    assert_eq!(plan.disagreements(), 0, "{text}");
    assert_eq!(general(&plan.document), expected(doc.meta.unit));
    // The economic sheet states no unit: the workbook's 元 is used, and said.
    let econ = &plan.sheets[1];
    assert_eq!(econ.unit, MoneyUnit::Yuan);
    assert!(
        econ.unit_source.contains("本表未写单位"),
        "{}",
        econ.unit_source
    );
    let yuan = |v: &str| {
        Amount::new(dec(v), MoneyUnit::Yuan)
            .to_unit(doc.meta.unit)
            .expect("range")
    };
    let lines: BTreeMap<String, Money> = plan
        .document
        .basic_by_economic
        .iter()
        .map(|l| (l.code.as_str().to_string(), l.amount))
        .collect();
    assert_eq!(lines.get("30101"), Some(&yuan("1200000")));
    assert_eq!(lines.get("30211"), Some(&yuan("60000")));
    assert_eq!(lines.len(), 4);
    let tp = &plan.document.three_public;
    assert_eq!(
        (
            tp.abroad,
            tp.reception,
            tp.vehicle_purchase,
            tp.vehicle_operation
        ),
        (
            yuan("20000"),
            yuan("16000"),
            Money::default(),
            yuan("50000")
        )
    );
    // Why each other sheet is not used, as the preparer reads it.
    let why = |name: &str| {
        plan.unused
            .iter()
            .find(|(s, _)| s == name)
            .map(|(_, w)| w.clone())
            .unwrap_or_default()
    };
    assert!(
        why("1.1部门收入预算总表").contains("不是可导入的表"),
        "{text}"
    );
    assert!(why("2.13名词解释").contains("找不到可识别的表头"), "{text}");
    assert_eq!(why("Sheet3"), "空表");
    assert!(why("参数").contains("隐藏"), "{text}");
    assert!(text.contains("仅作核对"), "{text}");
    assert!(text.contains("第5行  “三公”经费："), "{text}");
    assert!(text.contains("机关运行经费 → （不导入）"), "{text}");
}

// ---- The official 科目表 in its published layout ----

fn bundled() -> Catalog {
    Catalog::for_year(2021).expect("bundled 2021")
}

fn function_names(c: &Catalog) -> BTreeMap<String, String> {
    c.rows(Classification::Function)
        .iter()
        .map(|(code, e)| (code.clone(), e.name.clone()))
        .collect()
}

/// How a published list fills its 类 | 款 | 项 columns.
#[derive(Clone, Copy, Debug)]
enum ListFill {
    /// Each row only its own column, text `01`.
    OwnLevel,
    /// 类 on every row, 款 and 项 as numbers.
    ClassRepeated,
    /// 类 and 款 on every row below them, numbers.
    AllRepeated,
    /// The 类 cell merged down over its group, own level otherwise.
    MergedClass,
}

/// The list as published: a title row, `科目编码` spanning 类|款|项 over
/// a second header row (or one header row), a name and a 说明 column,
/// and a footnote.
fn official_list(path: &Path, fill: ListFill, two_rows: bool) {
    let c = bundled();
    let rows: Vec<(String, String)> = c.functions().map(|(k, e)| (k.0, e.name.clone())).collect();
    let mut g = Grid::new("支出功能分类科目");
    g.merged(0, 0, 0, 4, t("2021年政府收支分类科目（支出功能分类科目）"));
    let body = if two_rows {
        g.merged(1, 0, 1, 2, t("科目编码"));
        for (i, x) in ["类", "款", "项"].iter().enumerate() {
            g.put(2, i as u16, t(x));
        }
        g.merged(1, 3, 2, 3, t("科目名称"));
        g.merged(1, 4, 2, 4, t("说明"));
        3
    } else {
        for (i, x) in ["类", "款", "项", "科目名称", "说明"].iter().enumerate() {
            g.put(1, i as u16, t(x));
        }
        2
    };
    let n = |s: &str| C::N(s.parse().expect("n"));
    for (i, (code, name)) in rows.iter().enumerate() {
        let r = body + i as u32;
        let (cls, sec, item) = (&code[..3], code.get(3..5), code.get(5..7));
        match fill {
            ListFill::OwnLevel => match code.len() {
                3 => g.put(r, 0, t(cls)),
                5 => g.put(r, 1, t(sec.unwrap_or_default())),
                _ => g.put(r, 2, t(item.unwrap_or_default())),
            },
            ListFill::ClassRepeated => {
                g.put(r, 0, t(cls));
                match (sec, item) {
                    (Some(_), Some(i)) => g.put(r, 2, n(i)),
                    (Some(s), None) => g.put(r, 1, n(s)),
                    _ => {}
                }
            }
            ListFill::AllRepeated => {
                g.put(r, 0, n(cls));
                if let Some(s) = sec {
                    g.put(r, 1, n(s));
                }
                if let Some(i) = item {
                    g.put(r, 2, n(i));
                }
            }
            ListFill::MergedClass => match code.len() {
                3 => {
                    let last = rows
                        .iter()
                        .rposition(|(k, _)| k.starts_with(cls))
                        .unwrap_or(i);
                    g.merged(r, 0, body + last as u32, 0, t(cls));
                }
                5 => g.put(r, 1, t(sec.unwrap_or_default())),
                _ => g.put(r, 2, t(item.unwrap_or_default())),
            },
        }
        g.put(r, 3, t(name));
        g.put(r, 4, t("反映……"));
    }
    g.put(
        body + rows.len() as u32 + 1,
        0,
        t("注：本表根据财政部《2021年政府收支分类科目》整理。"),
    );
    save_xlsx(path, &[g]);
}

#[test]
fn the_official_list_in_its_published_layouts_imports_every_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let want = function_names(&bundled());
    for fill in [
        ListFill::OwnLevel,
        ListFill::ClassRepeated,
        ListFill::AllRepeated,
        ListFill::MergedClass,
    ] {
        for two_rows in [true, false] {
            let path = dir.path().join(format!("{fill:?}-{two_rows}.xlsx"));
            official_list(&path, fill, two_rows);
            let r = catalog_import::import(&path, 2021, "官方")
                .unwrap_or_else(|e| panic!("{fill:?} {two_rows}: {e}"));
            assert_eq!(function_names(&r.catalog), want, "{fill:?} {two_rows}");
            assert!(
                r.sheets[0].1.contains("类/款/项 在 A/B/C 列"),
                "{fill:?}: {:?}",
                r.sheets
            );
            // Only the footnote is left out.
            assert_eq!(r.skipped.len(), 1, "{fill:?} {two_rows}: {:?}", r.skipped);
        }
    }
}

#[test]
fn a_list_read_only_to_its_classes_is_refused_not_installed() {
    // A code column holding only the 类; 款 and 项 rows have a name only.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("classes.csv");
    let mut text = String::from("科目编码,科目名称\n");
    for (code, e) in bundled().functions() {
        let code = if code.0.len() == 3 {
            code.0
        } else {
            String::new()
        };
        text += &format!("{code},{}\n", e.name);
    }
    std::fs::write(&path, text).expect("write");
    let e = catalog_import::import(&path, 2021, "x")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("classes.csv") && e.contains("没有一个款或项"),
        "{e}"
    );
}

#[test]
fn the_command_line_installs_a_list_with_skipped_rows_only_when_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    official_list(&d.join("list.xlsx"), ListFill::OwnLevel, true);
    std::fs::write(
        d.join("gaps.csv"),
        "科目编码,科目名称\n201,一般公共服务支出\n20101,人大事务\n2010101,行政运行\n二零一,错写的编码\n",
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(args)
            .current_dir(d)
            .env("YUSUAN_DATA_DIR", d)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    // The published list: only its footnote is not a 科目, installed.
    let (code, out) = run(&["catalog", "import", "list.xlsx", "--year", "2021"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("类/款/项 在 A/B/C 列"), "{out}");
    // A list with a row that is not read: refused until confirmed.
    let (code, out) = run(&["catalog", "import", "gaps.csv", "--year", "2026"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("跳过了 1 行") && out.contains("--accept-skipped"),
        "{out}"
    );
    let (code, out) = run(&[
        "catalog",
        "import",
        "gaps.csv",
        "--year",
        "2026",
        "--accept-skipped",
    ]);
    assert_eq!(code, 0, "{out}");
}

// ---- Bad input: a clear line or refusal naming sheet and cell ----

#[test]
fn hostile_layouts_end_in_a_preview_line_or_a_refusal_naming_the_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = qingshan();
    let good = || {
        budget_grid(
            "1.5一般公共预算支出表",
            "2025年一般公共预算支出表",
            Codes::Text,
            Header::Two,
        )
    };
    // A merged range over the whole sheet; a header band of 10 rows whose
    // upper rows name nothing; a code column half text, half numbers.
    let mut blanket = Grid::new("整表合并");
    blanket.merged(0, 0, 5000, 30, t("科目编码"));
    let mut deep = good();
    deep.name = "十行表头".into();
    let shift: BTreeMap<(u32, u16), C> = deep
        .cells
        .iter()
        .map(|(&(r, c), v)| ((if r >= 2 { r + 8 } else { r }, c), v.clone()))
        .collect();
    deep.cells = shift;
    deep.merges = deep
        .merges
        .iter()
        .map(|&((r, c), (r2, c2))| {
            let s = |r: u32| if r >= 2 { r + 8 } else { r };
            ((s(r), c), (s(r2), c2))
        })
        .collect();
    for r in 2..10 {
        deep.merged(r, 0, r, 4, t(&format!("第{}级栏目", r - 1)));
    }
    let mut mixed = good();
    let numbered: Vec<(u32, u16)> = mixed
        .cells
        .iter()
        .filter(|&(&(r, c), v)| c == 0 && r % 2 == 0 && matches!(v, C::T(s) if s.len() == 7))
        .map(|(k, _)| *k)
        .collect();
    assert!(!numbered.is_empty());
    for k in numbered {
        if let Some(C::T(s)) = mixed.cells.get(&k).cloned() {
            mixed.cells.insert(k, C::N(s.parse().expect("n")));
        }
    }
    for g in [&deep, &mixed] {
        let path = dir.path().join(format!("{}.xlsx", g.name));
        save_xlsx(&path, &[g.clone(), blanket.clone()]);
        let plan = import::plan_file(&path, &doc, &Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", g.name));
        assert_eq!(
            general(&plan.document),
            expected(doc.meta.unit),
            "{}",
            g.name
        );
        let why = &plan.unused[0];
        assert_eq!(why.0, "整表合并");
        assert!(why.1.contains("不是可导入的表"), "{why:?}");
    }
    // Two sheets that both name the same part: refused, both named.
    let mut twin = good();
    twin.name = "2.20一般公共预算拨款表".into();
    let path = dir.path().join("twins.xlsx");
    save_xlsx(&path, &[good(), twin]);
    let e = import::plan_file(&path, &doc, &Options::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("1.5一般公共预算支出表") && e.contains("2.20一般公共预算拨款表"),
        "{e}"
    );
}

#[test]
fn the_workbook_yusuan_exports_imports_back_to_each_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every bundled example, so every template's sheet names and units
    // cross the importer (the seven regional ones included).
    let mut names: Vec<String> = std::fs::read_dir("examples")
        .expect("examples")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".ron").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 11, "{names:?}");
    for name in &names {
        let mut doc = yusuan::io::load(Path::new(&format!("examples/{name}.ron"))).expect("loads");
        // 四川 prints the 政府性基金 "三公" (公开表4-1): a figure in it
        // crosses too (the example has none).
        if name == "sichuan-2025" {
            doc.gov_fund_three_public.reception = yusuan::money::Money::from_cents(300);
        }
        let path = dir.path().join(format!("{name}.xlsx"));
        yusuan::xlsx::export(
            &doc,
            &yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(doc.meta.year)),
            &path,
        )
        .expect("export");
        let mut empty = doc.clone();
        empty.budget_lines.clear();
        empty.basic_by_economic.clear();
        empty.three_public = Default::default();
        empty.gov_fund_three_public = Default::default();
        // The 政府采购 and 政府购买服务 rows come back from their tables,
        // not from the document imported into.
        empty.procurement.clear();
        empty.purchased_services.clear();
        // So does the 财政拨款 split by 经济分类 (四川 公开表2-1), from 明细.
        empty.fiscal_by_economic.clear();
        let plan = import::plan_file(&path, &empty, &Options::default()).expect("plan");
        assert_eq!(plan.document, doc, "{name}");
        // The preview lists them, row by row.
        let preview = import::render(&plan);
        for p in &doc.procurement {
            assert!(
                preview.contains(&format!("{} {}", p.code.as_str(), p.name)),
                "{name}: {preview}"
            );
        }
        for p in &doc.purchased_services {
            assert!(preview.contains(&p.name), "{name}: {preview}");
        }
        // Every other sheet of the export is accounted for.
        assert_eq!(
            plan.sheets.len() + plan.unused.len() + plan.checked.len(),
            yusuan::sheet::read(&path).expect("read").sheets.len(),
            "{name}"
        );
    }
}

#[test]
fn a_figure_import_that_leaves_out_rows_with_figures_saves_only_when_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut g = budget_grid("支出", "2025年一般公共预算支出表", Codes::Text, Header::One);
    // A row with figures and no code, between the others.
    let last = g.cells.keys().map(|k| k.0).max().unwrap_or(0);
    g.put(last + 2, 1, t("其他支出（未列编码）"));
    g.put(last + 2, 3, C::N(1234.0));
    save_xlsx(&d.join("s.xlsx"), &[g]);
    let doc = d.join("q.ron");
    std::fs::copy("examples/qingshan-2021.ron", &doc).expect("copy");
    let before = std::fs::read(&doc).expect("read");
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["import", "s.xlsx", "--into", "q.ron"])
            .args(extra)
            .current_dir(d)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (code, out) = run(&[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("有 1 行带金额的行没有导入") && out.contains("--accept-skipped"),
        "{out}"
    );
    assert!(
        out.contains("“其他支出（未列编码）”：没有科目编码"),
        "{out}"
    );
    assert_eq!(std::fs::read(&doc).expect("read"), before, "nothing saved");
    let (code, out) = run(&["--accept-skipped"]);
    assert_eq!(code, 0, "{out}");
    assert_ne!(std::fs::read(&doc).expect("read"), before);
}
