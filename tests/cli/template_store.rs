//! Templates installed like catalogs, through the built binary: a made-up
//! template that is not bundled is checked, imported, used by `new
//! --template`, and a document made with it exports to PDF and xlsx; the
//! same document renders identically on a "machine" without the template
//! (an empty data folder), saying so. Bad template files are refused with
//! Chinese messages naming line and column, nothing installed.

use crate::support::{is_chinese, pdf_text};
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::sheet::{self, SheetCell};

/// A made-up 6-table 部门预算 template (not bundled): tables first, then
/// the text; 元 tables with a 万元 三公 table.
pub const MADE_UP: &str = include_str!("../fixtures/templates/moushi-2027.ron");

/// Runs the binary with its data folder in `data`: exit code, stdout, stderr.
fn yusuan(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env("YUSUAN_DATA_DIR", data)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn installed_files(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("templates"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Imports MADE_UP into `data`, makes a document with it, fills it with
/// the reference example's figures (the template reference from `new`
/// kept), and returns its path.
fn document_with_made_up_template(data: &Path, work: &Path) -> PathBuf {
    let t = work.join("moushi.ron");
    std::fs::write(&t, MADE_UP).expect("template written");
    let (code, out, err) = yusuan(data, &["template", "check", s(&t)]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = yusuan(data, &["template", "import", s(&t)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("公开表") || out.contains("表6"), "{out}");
    assert!(out.contains("已安装到"), "{out}");
    let (code, out, _) = yusuan(data, &["template", "list"]);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("Moushi2027"))
        .unwrap_or_default();
    assert!(
        line.contains("某市 2027") && line.contains("6 张表") && line.contains("已安装"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("Wuhan2021") && l.contains("内置")),
        "{out}"
    );
    let (code, out, _) = yusuan(data, &["template", "show", "Moushi2027"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("表6  “三公”经费支出预算表") && out.contains("收支预算总体情况"),
        "{out}"
    );

    let blank = work.join("blank.ron");
    let (code, out, err) = yusuan(
        data,
        &[
            "new",
            "--dept",
            "青山区大数据中心",
            "--year",
            "2021",
            "--template",
            "Moushi2027",
            "-o",
            s(&blank),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let made = yusuan::io::load(&blank).expect("new document reads");
    assert_eq!(made.meta.template.id(), "Moushi2027");
    assert_eq!(made.meta.template.spec().tables.len(), 6);
    assert!(made.meta.template.carried().is_some());
    assert_eq!(made.meta.unit, yusuan::model::MoneyUnit::Yuan);

    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2021.ron");
    let mut doc = yusuan::io::load(&example).expect("example reads");
    doc.meta.template = made.meta.template.clone();
    let path = work.join("filled.ron");
    yusuan::io::save(&path, &doc).expect("saved");
    path
}

fn export(data: &Path, doc: &Path, out: &Path) -> String {
    let (code, o, err) = yusuan(data, &["export", s(doc), "-o", s(out), "--force"]);
    assert_eq!(code, 0, "{o}{err}");
    err
}

#[test]
fn a_made_up_template_is_imported_used_and_exported_without_a_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let doc = document_with_made_up_template(&data, dir.path());

    let pdf = dir.path().join("out.pdf");
    let err = export(&data, &doc, &pdf);
    assert!(
        !err.contains("提示"),
        "installed and unchanged: nothing to say: {err}"
    );
    let text = pdf_text(&pdf);
    let flat: String = text.split_whitespace().collect();
    for want in [
        "公开表1青山区大数据中心2021年部门收支预算总表",
        "公开表6青山区大数据中心2021年“三公”经费支出预算表",
        "本部门2021年没有政府性基金预算支出",
        "三、2021年部门预算情况说明",
    ] {
        assert!(flat.contains(want), "{want} not in the PDF:\n{text}");
    }
    assert!(!flat.contains("公开表7"), "{text}");
    // The 收支总表 lists every 类 of the year's catalog: one the document
    // has no line in prints blank, not 0.00; the 说明 follows the table.
    let defence = flat.find("国防支出").expect("every 类 printed");
    let after = &flat[defence + "国防支出".len()..];
    assert!(
        !after.starts_with(|c: char| c.is_ascii_digit()),
        "a 类 without lines prints blank: {after:.40}"
    );
    assert!(
        flat.contains("说明：本表反映部门2021年全部收支预算"),
        "{text}"
    );

    let xlsx = dir.path().join("out.xlsx");
    export(&data, &doc, &xlsx);
    let wb = sheet::read(&xlsx).expect("workbook reads back");
    let all: String = wb
        .sheets
        .iter()
        .flat_map(|s| s.rows.iter().flatten())
        .filter(|c| !matches!(c, SheetCell::Empty))
        .map(sheet::text)
        .collect();
    assert!(all.contains("“三公”经费支出预算表"), "{all}");
    assert!(all.contains("一般公共预算基本支出经济分类预算表"), "{all}");
    assert!(
        all.contains("说明：本表反映部门2021年全部收支预算"),
        "{all}"
    );
    assert!(
        wb.sheets.len() >= 6,
        "{:?}",
        wb.sheets.iter().map(|s| &s.name).collect::<Vec<_>>()
    );
}

#[test]
fn a_document_renders_the_same_on_a_machine_without_its_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let doc = document_with_made_up_template(&data, dir.path());
    let here = dir.path().join("here.pdf");
    export(&data, &doc, &here);

    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("empty data folder");
    let there = dir.path().join("there.pdf");
    let err = export(&elsewhere, &doc, &there);
    assert!(
        err.contains("本机没有安装模板“某市 2027”（Moushi2027）"),
        "{err}"
    );
    assert_eq!(pdf_text(&here), pdf_text(&there));

    // The template changed since: said, and the document's copy is used.
    let changed = MADE_UP.replace("“三公”经费支出预算表", "三公经费表");
    let t = dir.path().join("changed.ron");
    std::fs::write(&t, changed).expect("written");
    let (code, out, err) = yusuan(&data, &["template", "import", s(&t)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已替换内容不同的已安装模板"), "{out}");
    let again = dir.path().join("again.pdf");
    let err = export(&data, &doc, &again);
    assert!(err.contains("与本文件创建时所用的不同"), "{err}");
    assert_eq!(pdf_text(&here), pdf_text(&again));
}

#[test]
fn bad_templates_are_refused_with_line_and_column_and_nothing_installed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let cases: [(&str, String, &str); 6] = [
        (
            "typo",
            MADE_UP.replace("toc_title:", "toc_titel:"),
            "第 11 行",
        ),
        ("syntax", MADE_UP.replace("tables: [", "tables: [[("), "第 "),
        (
            "missing-parent",
            "(id: \"Jia\", name: \"甲\", extends: Some(\"Yi\"), changes: [])".into(),
            "Jia → Yi",
        ),
        (
            "bundled-id",
            MADE_UP.replace("Moushi2027", "Wuhan2021"),
            "内置",
        ),
        (
            "duplicate",
            MADE_UP.replace(
                "title: \"财政拨款收支预算总表\"",
                "title: \"{entity}收支预算总表\"",
            ),
            "重复",
        ),
        (
            "huge",
            format!("{MADE_UP}//{}", "x".repeat(10 << 20)),
            "过大",
        ),
    ];
    for (name, text, want) in cases {
        let f = dir.path().join(format!("{name}.ron"));
        std::fs::write(&f, &text).expect("written");
        let (code, out, err) = yusuan(&data, &["template", "import", s(&f)]);
        assert_eq!(code, 2, "{name}: {out}{err}");
        let msg = out.clone() + &err;
        assert!(msg.contains(want), "{name}: {msg}");
        assert!(is_chinese(&err), "{name}: {err}");
        assert!(installed_files(&data).is_empty(), "{name}");
        if name != "bundled-id" {
            let (code, out, _) = yusuan(&data, &["template", "check", s(&f)]);
            assert_ne!(code, 0, "{name}: {out}");
        }
    }
    // A cycle among installed ones cannot be built (the first import needs
    // its parent), and is named when written by hand into the folder.
    let folder = data.join("templates");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(
        folder.join("Jia.template"),
        "(id: \"Jia\", name: \"甲\", extends: Some(\"Yi\"))",
    )
    .expect("w");
    std::fs::write(
        folder.join("Yi.template"),
        "(id: \"Yi\", name: \"乙\", extends: Some(\"Jia\"))",
    )
    .expect("w");
    let (_, out, _) = yusuan(&data, &["template", "list"]);
    assert!(out.contains("Jia → Yi → Jia"), "{out}");
}

#[test]
fn an_edition_of_an_installed_template_is_installed_and_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let base = dir.path().join("base.ron");
    std::fs::write(&base, MADE_UP).expect("written");
    assert_eq!(yusuan(&data, &["template", "import", s(&base)]).0, 0);
    let edition = dir.path().join("e.ron");
    std::fs::write(
        &edition,
        r#"(id: "Moushi2028", name: "某市 2028", extends: Some("Moushi2027"), year: Some(2028),
            changes: [Drop("政府性基金预算支出表"), Move(id: "“三公”经费支出预算表", after: None),
                      Rename(id: "财政拨款收支预算总表", title: "财政拨款收支总表")])"#,
    )
    .expect("written");
    let (code, out, err) = yusuan(&data, &["template", "import", s(&edition)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("继承自：Moushi2027") && out.contains("表1  “三公”经费支出预算表"),
        "{out}"
    );
    let doc = dir.path().join("d.ron");
    let (code, out, err) = yusuan(
        &data,
        &[
            "new",
            "--dept",
            "某局",
            "--year",
            "2028",
            "--template",
            "某市 2028",
            "-o",
            s(&doc),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let d = yusuan::io::load(&doc).expect("reads");
    let titles: Vec<&str> = d
        .meta
        .template
        .spec()
        .tables
        .iter()
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert_eq!(titles[0], "“三公”经费支出预算表");
    assert_eq!(d.meta.template.carried().map(<[String]>::len), Some(2));
}

/// Cases for the template reader fuzzer: `YUSUAN_FUZZ_CASES`, else 200.
fn fuzz_cases() -> u32 {
    std::env::var("YUSUAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// `text` with one mutation: a byte range cut, repeated or replaced by
/// `insert`, at char boundaries.
fn mutate(text: &str, at: usize, len: usize, how: u8, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    let (head, rest) = chars.split_at(at);
    let (mid, tail) = rest.split_at(end - at);
    let head: String = head.iter().collect();
    let mid: String = mid.iter().collect();
    let tail: String = tail.iter().collect();
    match how % 4 {
        0 => head + &tail,
        1 => head + &mid + &mid + &tail,
        2 => head + insert + &tail,
        _ => head,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(fuzz_cases()))]

    /// Any mutation of a template (the made-up one or a bundled one) is
    /// read, checked and, carried in a document, loaded without a panic;
    /// every refusal is in Chinese.
    #[test]
    fn mutated_templates_never_panic_and_explain_themselves(
        which in 0usize..4,
        at in 0usize..8000,
        len in 0usize..40,
        how in proptest::prelude::any::<u8>(),
        insert in proptest::prop_oneof![
            proptest::prelude::Just("(".to_string()),
            proptest::prelude::Just("extends: Some(\"Moushi2027\"),".to_string()),
            proptest::prelude::Just("tables: [],".to_string()),
            proptest::prelude::Just("\"".to_string()),
            "\\PC{0,12}",
        ],
    ) {
        use yusuan::template::{Template, bundled_lookup, bundled_text, check, resolve};
        let base = match which {
            0 => MADE_UP,
            i => bundled_text(Template::ALL[i - 1].id()).unwrap_or(MADE_UP),
        };
        let text = mutate(base, at, len, how, &insert);
        let lookup = |id: &str| if id == "Moushi2027" { Some(MADE_UP.to_string()) } else { bundled_lookup(id) };
        for p in check(&text, &lookup) {
            proptest::prop_assert!(is_chinese(&p.to_string()), "{p}");
        }
        if let Err(e) = resolve(&text, &lookup) {
            proptest::prop_assert!(is_chinese(&e.to_string()), "{e}");
        }
        // Carried in a document (with its hash, as a saved file has it).
        let texts = vec![text.clone()];
        let doc = format!(
            "(format_version: 1, meta: (dept_name: \"某局\", year: 2027, dept_code: \"1\", preparer: \"\", phone: \"\", template: Ref(id: \"X\", hash: Some(\"{}\"), carried: Some([{:?}]))))",
            yusuan::model::content_hash(&texts),
            text
        );
        match yusuan::io::from_str(&doc) {
            Ok(d) => { let _ = d.meta.template.spec(); }
            Err(e) => proptest::prop_assert!(is_chinese(&e.to_string()), "{e}"),
        }
    }
}

#[test]
fn the_fuzzers_document_shape_loads_when_the_template_is_good() {
    let texts = vec![MADE_UP.to_string()];
    let doc = format!(
        "(format_version: 1, meta: (dept_name: \"某局\", year: 2027, dept_code: \"1\", preparer: \"\", phone: \"\", template: Ref(id: \"X\", hash: Some(\"{}\"), carried: Some([{:?}]))))",
        yusuan::model::content_hash(&texts),
        MADE_UP
    );
    let d = yusuan::io::from_str(&doc).expect("loads");
    assert_eq!(d.meta.template.spec().tables.len(), 6);
    // A carried text that does not read is refused on load, in Chinese.
    let broken = doc.replace("tables: [", "tables: [[");
    let texts = vec![MADE_UP.replace("tables: [", "tables: [[")];
    let broken = broken.replace(
        &yusuan::model::content_hash(&[MADE_UP]),
        &yusuan::model::content_hash(&texts),
    );
    let e = yusuan::io::from_str(&broken).unwrap_err().to_string();
    assert!(e.contains("文件所带的模板") && e.contains("行"), "{e}");
}

/// The edition in docs/templates.md §4 is a working template: it resolves
/// on the made-up template it extends, checks clean, and does what the
/// text says.
#[test]
fn the_documented_edition_example_works() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/templates.md"))
        .expect("docs");
    let section = doc.split("## 4.").nth(1).expect("section 4");
    let example = section
        .split("```ron")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a ron example");
    let lookup = |id: &str| (id == "Moushi2027").then(|| MADE_UP.to_string());
    assert_eq!(yusuan::template::check(example, &lookup), vec![]);
    let r = yusuan::template::resolve(example, &lookup).expect("resolves");
    let titles: Vec<(u8, &str)> = r
        .spec
        .tables
        .iter()
        .map(|t| (t.number, t.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            (1, "“三公”经费支出预算表"),
            (2, "{entity}收支预算总表"),
            (3, "“三公”经费明细表"),
            (4, "财政拨款收支总表"),
            (5, "一般公共预算支出功能分类预算表"),
            (6, "一般公共预算基本支出经济分类预算表"),
        ]
    );
    assert_eq!(r.spec.cover, "{year}年{entity}预算公开");
    assert_eq!(r.spec.entry_unit, yusuan::model::MoneyUnit::WanYuan);
    assert!(
        r.spec
            .parts
            .iter()
            .flat_map(|p| &p.sections)
            .any(|s| s.heading == "收支总体情况")
    );
}

/// `template show NAME --source` prints the template's own text, which an
/// author saves and changes to start a new template: it is the bundled file
/// for a bundled one and the installed file for an installed one.
#[test]
fn show_source_prints_the_text_an_author_starts_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let (code, out, err) = yusuan(&data, &["template", "show", "Wuhan2021", "--source"]);
    assert_eq!(code, 0, "{err}");
    let bundled = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates/wuhan-2021.ron"),
    )
    .expect("bundled file");
    assert_eq!(out.trim_end(), bundled.trim_end());
    // Saved as a new file with another id, it checks clean and installs.
    let copy = dir.path().join("copy.ron");
    std::fs::write(
        &copy,
        out.replacen("id: \"Wuhan2021\"", "id: \"Wuhan2021Copy\"", 1),
    )
    .expect("written");
    let (code, out, err) = yusuan(&data, &["template", "import", s(&copy)]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = yusuan(&data, &["template", "show", "Wuhan2021Copy", "--source"]);
    assert_eq!(code, 0);
    assert!(out.contains("Wuhan2021Copy"), "{out}");
}

/// A document naming a template by a bare id it does not carry (typed by
/// hand) is refused with the line, and the message says both ways out:
/// a newer program, or a file made by 新建 that carries the template.
#[test]
fn a_bare_unknown_template_id_is_refused_saying_what_the_file_needs() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2021.ron"),
    )
    .expect("example")
    .replacen(
        "        unit: WanYuan,\n",
        "        unit: WanYuan,\n        template: Moushi2027,\n",
        1,
    );
    let e = yusuan::io::from_str(&text).unwrap_err().to_string();
    assert!(
        e.contains("Moushi2027") && e.contains("第 15 行") && e.contains("本机安装的模板"),
        "{e}"
    );
}

/// Crossing: the workbook a document in an installed template exports
/// imports back into that document with every figure unchanged, on a
/// machine that lacks the template (the document carries it).
#[test]
fn a_made_up_templates_workbook_imports_back_without_the_template_installed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let path = document_with_made_up_template(&data, dir.path());
    let xlsx = dir.path().join("back.xlsx");
    export(&data, &path, &xlsx);
    let doc = yusuan::io::load(&path).expect("loads");
    let mut empty = doc.clone();
    empty.budget_lines.clear();
    empty.basic_by_economic.clear();
    empty.three_public = Default::default();
    let plan = yusuan::import::plan_file(&xlsx, &empty, &Default::default()).expect("plan");
    assert_eq!(plan.document, doc);
    assert_eq!(plan.document.meta.template.id(), "Moushi2027");
}
