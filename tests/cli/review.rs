//! The reviewer's checklist (`yusuan check DIR… --report`): the examples
//! plus broken copies checked into a workbook and into CSV, read back;
//! exit codes from the worst file; files that vanish; what is skipped.

use crate::support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::{Path, PathBuf};
use yusuan::checklist::{self, Outcome};
use yusuan::model::{FundSource, SpendingKind};
use yusuan::rules::Severity;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

const EXAMPLES: [&str; 3] = ["qingshan-2021.ron", "shanghai-2025.ron", "wuhan-2022.ron"];

fn run(args: &[&str]) -> (i32, String) {
    support::yusuan(args)
}

/// (severity counts) of a file checked alone, the way `yusuan check` does.
fn counts(path: &Path) -> [usize; 3] {
    let doc = yusuan::io::load(path).expect("loads");
    let f = yusuan::rules::check(&doc, &yusuan::catalogs::for_document(&doc.meta));
    [Severity::Error, Severity::Warning, Severity::Info]
        .map(|s| f.iter().filter(|x| x.severity() == s).count())
}

/// A folder with the three examples, one with an extra 错误 (a 基本支出
/// figure that no longer matches the 经济科目 rows), one truncated, a text
/// file and a backup.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for e in EXAMPLES {
        std::fs::copy(example(e), dir.path().join(e)).expect("copy");
    }
    let mut doc = yusuan::io::load(&example("qingshan-2021.ron")).expect("loads");
    doc.budget_lines[0].set_amount(
        FundSource::GeneralBudget,
        SpendingKind::Basic,
        yusuan::money::Money::from_cents(99_999),
    );
    yusuan::io::save(&dir.path().join("x-error.ron"), &doc).expect("save");
    let text = std::fs::read_to_string(example("qingshan-2021.ron")).expect("read");
    std::fs::write(dir.path().join("y-broken.ron"), &text[..text.len() / 2]).expect("write");
    std::fs::write(dir.path().join("说明.txt"), "not a budget").expect("write");
    std::fs::write(dir.path().join("qingshan-2021.ron.bak"), &text).expect("write");
    dir
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("opens");
    let range = wb.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("csv written");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|x| x.expect("record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn a_folder_checked_into_a_workbook_and_csv() {
    let dir = folder();
    let d = dir.path();
    let out = tempfile::tempdir().expect("tempdir");
    let xlsx = out.path().join("清单.xlsx");
    let (code, text) = run(&[
        "check",
        d.to_str().expect("utf-8"),
        "--report",
        xlsx.to_str().expect("utf-8"),
    ]);
    // The worst file is unreadable.
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("共 5 个文件"), "{text}");
    assert!(text.contains("跳过 2 个非 .ron 文件"), "{text}");
    assert!(text.contains("已写出审核清单"), "{text}");

    let summary = sheet(&xlsx, "汇总");
    assert_eq!(
        summary[0][..8],
        [
            "文件",
            "部门/单位",
            "年度",
            "模板",
            "错误",
            "警告",
            "提示",
            "是否合格"
        ]
    );
    assert_eq!(summary.len(), 6, "{summary:#?}");
    let row = |file: &str| {
        summary
            .iter()
            .find(|r| r[0].ends_with(file))
            .unwrap_or_else(|| panic!("no row for {file}: {summary:#?}"))
            .clone()
    };
    let mut expected_findings = 1; // the unreadable file's row
    for f in EXAMPLES.iter().chain(&["x-error.ron"]) {
        let r = row(f);
        let c = counts(&d.join(f));
        expected_findings += c.iter().sum::<usize>();
        assert_eq!(
            [&r[4], &r[5], &r[6]],
            c.map(|n| n.to_string()).each_ref(),
            "{f}: {r:?}"
        );
        assert_eq!(r[7], if c[0] > 0 { "不合格" } else { "合格" }, "{f}");
    }
    let q = row("qingshan-2021.ron");
    assert_eq!(q[1], "青山区大数据中心（部门）");
    assert_eq!(q[2], "2021");
    let e = row("x-error.ron");
    assert_eq!(e[7], "不合格");
    assert!(counts(&d.join("x-error.ron"))[0] > counts(&d.join("qingshan-2021.ron"))[0]);
    let b = row("y-broken.ron");
    assert_eq!(b[7], "无法读取");
    assert!(b[9].contains("y-broken.ron"), "{b:?}");

    let findings = sheet(&xlsx, "审核发现");
    assert_eq!(findings[0], ["文件", "规则", "级别", "表/位置", "说明"]);
    assert_eq!(findings.len() - 1, expected_findings);
    assert!(
        findings
            .iter()
            .any(|r| r[0].ends_with("x-error.ron") && r[1] == "X01" && r[2] == "错误"),
        "{findings:#?}"
    );

    // The same as CSV: two files, same rows.
    let csv = out.path().join("清单.csv");
    let (code, _) = run(&[
        "check",
        d.to_str().expect("utf-8"),
        "--report",
        csv.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    let (s, f) = checklist::csv_paths(&csv);
    assert_eq!(csv_rows(&s), summary);
    assert_eq!(csv_rows(&f), findings);
    // Nothing else was written: not next to the report, not in the folder.
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["清单-审核发现.csv", "清单.csv", "清单.xlsx"]);
    assert_eq!(std::fs::read_dir(d).expect("list").count(), 7);
}

#[test]
fn exit_code_is_the_worst_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good: Vec<&str> = EXAMPLES
        .iter()
        .copied()
        .filter(|e| counts(&example(e))[0] == 0)
        .collect();
    assert!(!good.is_empty(), "an example without 错误");
    let paths: Vec<String> = good
        .iter()
        .map(|e| example(e).display().to_string())
        .collect();
    let args: Vec<&str> = std::iter::once("check")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let (code, out) = run(&args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("合格"), "{out}");

    let mut doc = yusuan::io::load(&example(good[0])).expect("loads");
    doc.meta.preparer.clear(); // R01 错误
    let bad = d.join("bad.ron");
    yusuan::io::save(&bad, &doc).expect("save");
    let mut args = args.clone();
    args.push(bad.to_str().expect("utf-8"));
    let (code, out) = run(&args);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("不合格"), "{out}");
}

#[test]
fn one_file_without_report_prints_as_before() {
    let (code, out) = run(&[
        "check",
        example("qingshan-2021.ron").to_str().expect("utf-8"),
    ]);
    let c = counts(&example("qingshan-2021.ron"));
    assert_eq!(code, i32::from(c[0] > 0));
    let last = out.lines().last().expect("a line");
    assert_eq!(
        last,
        format!(
            "共 {} 条：错误 {}，警告 {}，提示 {}",
            c.iter().sum::<usize>(),
            c[0],
            c[1],
            c[2]
        )
    );
    assert!(!out.contains("合格"), "{out}");
}

#[test]
fn files_that_vanish_are_rows_with_the_reason() {
    let dir = folder();
    let inputs = checklist::collect(&[dir.path().to_path_buf()]);
    assert_eq!(inputs.files.len(), 5);
    assert_eq!(inputs.skipped.len(), 2);
    // Removed between listing and reading.
    std::fs::remove_file(dir.path().join("wuhan-2022.ron")).expect("remove");
    let rows = checklist::check_all(&inputs.files);
    assert_eq!(rows.len(), 5);
    let gone = rows
        .iter()
        .find(|r| r.path.ends_with("wuhan-2022.ron"))
        .expect("row");
    match &gone.outcome {
        Outcome::Unreadable(why) => assert!(why.contains("不存在"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(checklist::exit_code(&rows), 2);
    // Rows in the order listed.
    let names: Vec<_> = rows.iter().map(|r| r.path.clone()).collect();
    assert_eq!(names, inputs.files);
}

#[test]
fn bad_report_names_and_empty_folders_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let out = d.join("清单.pdf");
    let (code, text) = run(&[
        "check",
        example("qingshan-2021.ron").to_str().expect("utf-8"),
        "--report",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    assert!(text.contains(".xlsx 或 .csv"), "{text}");
    assert!(!out.exists());

    std::fs::write(d.join("a.txt"), "x").expect("write");
    let report = d.join("r.xlsx");
    let (code, text) = run(&[
        "check",
        d.to_str().expect("utf-8"),
        "--report",
        report.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    assert!(text.contains("没有找到要检查的 .ron 文件"), "{text}");
    assert!(!report.exists());
}

/// `yusuan check FILE` prints every finding with its rule's severity, as the
/// one rule table states it, and keeps its line form
/// (`[错误] X01 收支预算：…`); the count line adds the lines up.
#[test]
fn check_prints_each_findings_rule_severity() {
    use yusuan::rules::Rule;
    let dir = folder();
    let file = dir.path().join("x-error.ron");
    let (code, text) = run(&["check", file.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "an 错误 exits 1: {text}");
    let mut seen = [0usize; 3];
    for line in text
        .lines()
        .filter(|l| l.starts_with('[') && !l.starts_with("[审阅意见]"))
    {
        let (label, rest) = line[1..].split_once("] ").expect("[severity] rule");
        let id = rest.split(' ').next().expect("rule id");
        let rule = Rule::from_id(id).unwrap_or_else(|| panic!("unknown rule {id}: {line}"));
        assert_eq!(label, rule.severity().label(), "{line}");
        let i = [Severity::Error, Severity::Warning, Severity::Info]
            .iter()
            .position(|s| *s == rule.severity())
            .expect("a severity");
        seen[i] += 1;
    }
    assert!(seen[0] > 0 && seen[1] + seen[2] > 0, "{seen:?}\n{text}");
    assert_eq!(seen, counts(&file), "{text}");
    let total = format!(
        "共 {} 条：错误 {}，警告 {}，提示 {}",
        seen.iter().sum::<usize>(),
        seen[0],
        seen[1],
        seen[2]
    );
    assert!(text.contains(&total), "{text}");
}
