//! Hostile and broken files: every case gets a clear Chinese error or a
//! document that every later stage (derive, rules, narrative, layout, PDF,
//! save) handles — never a panic, never unbounded memory.

use crate::support;
mod writers;

use std::path::Path;
use yusuan::compose::ExportOptions;
use yusuan::io::{self, LoadError};
use yusuan::layout::Metrics;
use yusuan::model::{Document, FundSource, SpendingKind};

const EXAMPLE: &str = include_str!("../../examples/qingshan-2021.ron");

/// Runs a loaded document through every later stage, as the app and the
/// CLI would, and checks that saving it gives a file that loads back equal.
fn exercise(doc: &Document) {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let _ = yusuan::rules::check(doc, &catalog);
    let parts = yusuan::narrative::parts(doc, &catalog);
    let blocks = yusuan::compose::compose(doc, &parts, &ExportOptions::default());
    let _ = yusuan::layout::layout(&blocks, Metrics::shared());
    let text = io::to_string(doc).expect("a loaded document serialises");
    assert_eq!(&io::from_str(&text).expect("saved text loads"), doc);
}

fn err(text: &str) -> String {
    match io::from_str(text) {
        Ok(_) => panic!("accepted:\n{}", text.chars().take(300).collect::<String>()),
        Err(e) => e.to_string(),
    }
}

fn ok(text: &str) -> Document {
    let doc = io::from_str(text).unwrap_or_else(|e| panic!("refused: {e}"));
    exercise(&doc);
    doc
}

fn replace(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "{from}");
    EXAMPLE.replacen(from, to, 1)
}

fn rules(doc: &Document) -> Vec<&'static str> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    yusuan::rules::check(doc, &catalog)
        .into_iter()
        .map(|f| f.rule.id())
        .collect()
}

#[test]
fn truncated_at_every_character_is_an_error_with_a_place() {
    let mut cases = 0;
    // Cutting only the final newline still leaves the whole document.
    let end = EXAMPLE.trim_end().len();
    for (i, _) in EXAMPLE.char_indices().skip(1).take_while(|&(i, _)| i < end) {
        let e = err(&EXAMPLE[..i]);
        assert!(e.contains('行') && e.contains('列'), "cut at {i}: {e}");
        cases += 1;
    }
    eprintln!("truncated files tried: {cases}");
    assert!(cases > 10_000, "{cases}");
}

#[test]
fn wrong_types_name_the_place() {
    for (from, to) in [
        ("format_version: 1", "format_version: \"1\""),
        ("year: 2021", "year: \"二〇二一\""),
        ("year: 2021", "year: 20.21"),
        ("amount: \"96.00\"", "amount: 96.00"),
        ("(Institution, 21)", "(Institution, \"二十一\")"),
        ("admin_level: District", "admin_level: Galaxy"),
        ("functions: [", "functions: (["),
    ] {
        let e = err(&replace(from, to));
        assert!(e.contains("第") && e.contains("行"), "{to}: {e}");
    }
}

#[test]
fn unknown_fields_are_accepted_and_dropped_on_save() {
    let doc = ok(&replace(
        "dept_code: \"005001025\",",
        "dept_code: \"005001025\", written_by_a_later_version: [1, 2, 3],",
    ));
    assert!(
        !io::to_string(&doc)
            .unwrap()
            .contains("written_by_a_later_version")
    );
}

#[test]
fn missing_fields_take_defaults_or_are_named() {
    // Optional parts: default.
    let doc = ok(&replace("            retired: 0,\n", ""));
    assert_eq!(doc.overview.staffing.retired, 0);
    let no_amounts = ok(&replace(
        "(code: \"2101102\", name: \"事业单位医疗\", amounts: {(GeneralBudget, Basic): \"19.20\"}),",
        "(code: \"2101102\", name: \"事业单位医疗\"),",
    ));
    assert!(no_amounts.budget_lines[4].amounts.is_empty());
    // Required: named in the message.
    let e = err(&replace("(code: \"2101102\", ", "("));
    assert!(e.contains("缺少字段 code"), "{e}");
    let e = err(&replace("    format_version: 1,\n", ""));
    assert!(e.contains("format_version"), "{e}");
}

#[test]
fn duplicated_entries_are_refused_or_flagged() {
    // The same amount twice in one row would silently lose a figure.
    let e = err(&replace(
        "amounts: {(GeneralBudget, Basic): \"309.86\"}",
        "amounts: {(GeneralBudget, Basic): \"309.86\", (GeneralBudget, Basic): \"1.00\"}",
    ));
    assert!(e.contains("重复出现"), "{e}");
    let e = err(&replace(
        "dept_name: \"青山区大数据中心\",",
        "dept_name: \"a\", dept_name: \"b\",",
    ));
    assert!(e.contains("重复"), "{e}");
    // The same 科目 row twice is a document a 填报人 can fix: a finding.
    let row = "        (code: \"2101102\", name: \"事业单位医疗\", amounts: {(GeneralBudget, Basic): \"19.20\"}),\n";
    let doc = ok(&replace(row, &format!("{row}{row}")));
    assert!(rules(&doc).contains(&"C04"), "{:?}", rules(&doc));
}

#[test]
fn hostile_numbers_are_refused_and_negative_zero_is_zero() {
    for bad in [
        "1234567890123456789012345678901234567890",
        "99999999999999999999999999999",
        "79228162514264337593543950336",
        "10000000000000",
        "-10000000000000",
        "0.12345678901234567890123456789012",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "1e5",
        "1E-3",
        "0x1F",
        "1_000",
        "1,000.00",
        "",
        " 96",
        "96 ",
        "+96",
        "９６",
        "96.",
        ".96",
        "--96",
    ] {
        let e = err(&replace("amount: \"96.00\"", &format!("amount: \"{bad}\"")));
        assert!(e.contains("金额"), "{bad:?}: {e}");
        assert!(e.contains("第") && e.contains("行"), "{bad:?}: {e}");
    }
    let doc = ok(&replace("amount: \"96.00\"", "amount: \"-0.00\""));
    let m = doc.basic_by_economic[0].amount;
    assert!(m.is_zero() && !m.value().is_sign_negative());
    assert_eq!(m.display(), "0.00");
    // The largest amount allowed, in every cell of a row, still sums.
    let max = "9999999999999.99";
    let doc = ok(&replace("\"309.86\"", &format!("\"{max}\"")));
    let t = yusuan::derive::derive(&doc, &yusuan::catalogs::nearest(2021)).totals;
    assert!(
        t.kind(SpendingKind::Basic).value() > rust_decimal::Decimal::from(9_999_999_999_999i64)
    );
    // Counts and years beyond their types.
    for (from, to) in [
        (
            "(Institution, 21)",
            "(Institution, 99999999999999999999999999999999999999)",
        ),
        ("(Institution, 21)", "(Institution, -1)"),
        ("year: 2021", "year: 99999999999999999999"),
    ] {
        let e = err(&replace(from, to));
        assert!(e.contains("第"), "{to}: {e}");
    }
    let _ = FundSource::GeneralBudget;
}

#[test]
fn not_text_and_not_ron_are_errors() {
    let mut bytes = EXAMPLE.as_bytes().to_vec();
    let at = EXAMPLE.find("dept_name: \"青山区").unwrap() + 12;
    bytes[at + 1] = 0xff;
    match io::from_bytes(&bytes) {
        Err(e @ LoadError::NotUtf8 { .. }) => {
            let e = e.to_string();
            assert!(e.contains("UTF-8") && e.contains("第 7 行"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    for junk in [
        &b""[..],
        b"\xef\xbb\xbf",
        b"\x00\x00\x00\x00",
        b"%PDF-1.7\n",
        b"PK\x03\x04\x14\x00",
        b"{\"format_version\": 1}",
        b"()",
        b"(format_version: 1)",
    ] {
        assert!(io::from_bytes(junk).is_err(), "{junk:?}");
    }
    // Deep nesting where the format expects it least: the value of an
    // unknown field, which is skipped without a type to stop it.
    let n = 100_000;
    let deep = replace(
        "dept_code: \"005001025\",",
        &format!(
            "dept_code: \"005001025\", x: {}{},",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    let e = err(&deep);
    assert!(e.contains("嵌套层数超过"), "{e}");
    let deep = format!("{}{}", "(".repeat(n), ")".repeat(n));
    assert!(io::from_str(&deep).is_err());
}

#[test]
fn oversized_and_special_files_are_refused_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("200MB.ron");
    // Sparse: costs no disk, and load must refuse it from its size alone.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let t = std::time::Instant::now();
    let e = io::load(&big).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("过大"));
    assert!(t.elapsed().as_secs() < 5, "refused without reading");
    // Endless devices: bounded read, refused.
    for dev in ["/dev/zero", "/dev/urandom"] {
        if Path::new(dev).exists() {
            assert!(io::load(Path::new(dev)).is_err(), "{dev}");
        }
    }
    let e = io::load(dir.path()).unwrap_err().to_string();
    assert!(e.contains("无法读取文件"), "{e}");
    let e = io::load(&dir.path().join("没有这个文件.ron"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("不存在"), "{e}");
}

/// W03 looks at every field the 填报人 types, not only the printed
/// paragraphs: an override or a control character in 填报人, 电话,
/// 主管部门编码, a 单位 name or a 科目 name is flagged, naming the field.
#[test]
fn w03_flags_hidden_characters_in_the_fields_it_used_to_skip() {
    for (from, to, field) in [
        (
            "preparer: \"魏熙施\"",
            "preparer: \"魏\\u{202e}熙施\"",
            "填报人",
        ),
        (
            "phone: \"68860276\"",
            "phone: \"6886\\u{0000}0276\"",
            "联系电话",
        ),
        (
            "dept_code: \"005001025\"",
            "dept_code: \"005001025\\u{202e}\"",
            "主管部门编码",
        ),
        (
            "name: \"事业运行\"",
            "name: \"事业\\u{202d}运行\"",
            "科目名称",
        ),
    ] {
        let doc = ok(&replace(from, to));
        let catalog = yusuan::catalogs::nearest(2021);
        let findings = yusuan::rules::check(&doc, &catalog);
        let w03: Vec<&str> = findings
            .iter()
            .filter(|f| f.rule == "W03")
            .map(|f| f.message.as_str())
            .collect();
        assert!(
            w03.iter().any(|m| m.contains(field) && m.contains("U+")),
            "{to}: {w03:?}"
        );
    }
}

/// Every text field of the model, one at a time, with U+202E appended:
/// each gets a W03 finding that names that field in Chinese.
#[test]
fn w03_covers_every_text_field_of_the_model() {
    let mut base = io::from_str(EXAMPLE).expect("example");
    // Parts the example lacks, so that their texts are visited too.
    base.meta.catalog = Some(yusuan::model::CatalogRef {
        year: 2021,
        edition: "内置".into(),
    });
    let mut c = yusuan::comments::Comment::on(
        &base,
        yusuan::location::Location::sheet(yusuan::location::Sheet::Meta),
        "审阅人",
        "请核对",
    );
    c.rule = Some("R01".into());
    base.review.comments.push(c);
    let catalog = yusuan::catalogs::nearest(2021);
    let mut keys = Vec::new();
    base.for_each_text(|k, _| keys.push(k));
    assert!(keys.len() > 40, "{}", keys.len());
    for key in keys {
        let mut doc = base.clone();
        doc.for_each_text_mut(|k, s| {
            if k == key {
                s.push('\u{202e}');
            }
        });
        let label = key.label();
        let findings = yusuan::rules::check(&doc, &catalog);
        assert!(
            findings.iter().any(|f| f.rule == "W03"
                && f.message.starts_with(&label)
                && f.message.contains("U+202E")),
            "{label}: {:?}",
            findings
                .iter()
                .filter(|f| f.rule == "W03")
                .map(|f| &f.message)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn control_characters_and_rtl_overrides_are_flagged_and_printed_visibly() {
    // U+202E would show "中心" reversed in a bidi-aware viewer.
    let doc = ok(&replace(
        "dept_name: \"青山区大数据中心\"",
        "dept_name: \"青山区\\u{202e}大数据\\u{0007}中心\\u{200b}\"",
    ));
    assert!(doc.meta.dept_name.contains('\u{202e}'), "kept as entered");
    let catalog = yusuan::catalogs::nearest(2021);
    let findings = yusuan::rules::check(&doc, &catalog);
    let w03 = findings
        .iter()
        .find(|f| f.rule == "W03")
        .expect("W03 flags the hidden character");
    assert!(w03.message.contains("U+202E"), "{}", w03.message);
    assert!(
        !w03.message.contains('\u{202e}'),
        "the message is safe to show"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rtl.pdf");
    let parts = yusuan::narrative::parts(&doc, &catalog);
    yusuan::export::pdf(&doc, parts, &ExportOptions::default(), &out).unwrap();
    let text = support::pdf_text(&out);
    assert!(text.contains("青山区□大数据□中心□"), "marker printed");
    assert!(!text.contains('\u{202e}'));
}

#[test]
fn saving_where_it_cannot_be_written_is_a_clear_error() {
    let doc = io::from_str(EXAMPLE).unwrap();
    // A device: never renamed over, never read from.
    if Path::new("/dev/full").exists() {
        let e = io::save(Path::new("/dev/full"), &doc)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("不是普通文件") && e.contains("原文件未改动"),
            "{e}"
        );
        assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
    }
    // A folder where nobody, root included, may create files.
    if Path::new("/sys/kernel").is_dir() {
        let e = io::save(Path::new("/sys/kernel/预算.ron"), &doc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("无法保存到"), "{e}");
    }
    let dir = tempfile::tempdir().unwrap();
    let e = io::save(dir.path(), &doc).unwrap_err().to_string();
    assert!(e.contains("不是普通文件"), "{e}");
    let file = dir.path().join("a.ron");
    std::fs::write(&file, "x").unwrap();
    let e = io::save(&file.join("b.ron"), &doc).unwrap_err().to_string();
    assert!(e.contains("不是文件夹") || e.contains("不存在"), "{e}");
    assert!(support::leftover_temps(dir.path()).is_empty());
}
