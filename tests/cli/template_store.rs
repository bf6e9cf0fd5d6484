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

    let (made, path) = filled_with_example(data, work, "Moushi2027");
    assert_eq!(made.meta.template.id(), "Moushi2027");
    assert_eq!(made.meta.template.spec().tables.len(), 6);
    assert!(made.meta.template.carried().is_some());
    assert_eq!(made.meta.unit, yusuan::model::MoneyUnit::Yuan);
    path
}

/// Makes a document with the installed template `id` (`yusuan new`), fills
/// it with the reference example's figures (the template reference from
/// `new` kept) and saves it: the new document as made, and the filled one's
/// path.
fn filled_with_example(data: &Path, work: &Path, id: &str) -> (yusuan::model::Document, PathBuf) {
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
            id,
            "-o",
            s(&blank),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let made = yusuan::io::load(&blank).expect("new document reads");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2021.ron");
    let mut doc = yusuan::io::load(&example).expect("example reads");
    doc.meta.template = made.meta.template.clone();
    let path = work.join("filled.ron");
    yusuan::io::save(&path, &doc).expect("saved");
    (made, path)
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

/// One page of an exported PDF: its size in points and its text.
struct PdfPage {
    width: f32,
    height: f32,
    text: String,
}

/// Every page of `pdf`, sizes by poppler's `pdfinfo`, text by `pdftotext`.
fn pdf_pages(pdf: &Path) -> Vec<PdfPage> {
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    // `Page    3 size: 841.89 x 595.276 pts (A4)`
    let sizes: Vec<(f32, f32)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let dims: Vec<f32> = l
                .split_once(" size: ")
                .map_or("", |(_, d)| d)
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (dims[0], dims[1])
        })
        .collect();
    assert!(!sizes.is_empty(), "{info}");
    sizes
        .into_iter()
        .enumerate()
        .map(|(i, (width, height))| {
            let n = (i + 1).to_string();
            let out = Command::new("pdftotext")
                .args(["-layout", "-f", &n, "-l", &n])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext");
            PdfPage {
                width,
                height,
                text: String::from_utf8_lossy(&out.stdout).into_owned(),
            }
        })
        .collect()
}

/// The pages of table `n` of the made-up template: from the page with its
/// caption to the page before the next table's.
fn table_pages(pages: &[PdfPage], n: u8) -> &[PdfPage] {
    let caption = |k: u8| format!("公开表{k} ");
    let start = pages
        .iter()
        .position(|p| p.text.contains(&caption(n)) && !p.text.contains("目录"))
        .expect("the table's caption is printed");
    let end = pages[start + 1..]
        .iter()
        .position(|p| p.text.contains(&caption(n + 1)) || p.text.contains("预算情况说明"))
        .map_or(pages.len(), |k| start + 1 + k);
    &pages[start..end]
}

/// 平山 prints a 序号 column and a 栏次 row; a 功能 × 经济 table may be set
/// on landscape pages. A template that is not bundled asks for them per
/// table (one 序号 + 栏次 + landscape; a 7-column 收支总表 kept portrait
/// with a 栏次 row; a 栏次 row alone), is checked, installed and used, and
/// the exported PDF and workbook print them: the 栏次 numbers under the
/// amount columns, the rows numbered with the 合计 row unnumbered, that
/// table's pages landscape A4 and only those, the 目录's page numbers those
/// of the pages, the workbook's 栏次 and 序号 as numbers and its sheet set
/// landscape.
#[test]
fn a_template_prints_row_numbers_a_column_number_row_and_landscape_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let text = MADE_UP
        .replace("id: \"Moushi2027\"", "id: \"Moushi2027Wide\"")
        .replace("name: \"某市 2027\"", "name: \"某市 2027（横排）\"")
        .replacen(
            "(number: 2, title: \"财政拨款收支预算总表\",",
            "(number: 2, title: \"财政拨款收支预算总表\", column_numbers: true, orientation: Portrait,",
            1,
        )
        .replacen(
            "(number: 3, title: \"一般公共预算支出功能分类预算表\",",
            "(number: 3, title: \"一般公共预算支出功能分类预算表\", row_numbers: true, column_numbers: true, orientation: Landscape,",
            1,
        )
        .replacen(
            "(number: 4, title: \"一般公共预算基本支出经济分类预算表\",",
            "(number: 4, title: \"一般公共预算基本支出经济分类预算表\", column_numbers: true,",
            1,
        );
    assert_eq!(text.matches("column_numbers: true").count(), 3, "anchors");
    let t = dir.path().join("wide.ron");
    std::fs::write(&t, &text).expect("template written");
    let (code, out, err) = yusuan(&data, &["template", "check", s(&t)]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = yusuan(&data, &["template", "import", s(&t)]);
    assert_eq!(code, 0, "{out}{err}");

    // A 序号 on a one-row table is refused, nothing installed.
    let bad = text
        .replace("id: \"Moushi2027Wide\"", "id: \"Moushi2027Bad\"")
        .replacen("query: Row(", "row_numbers: true, query: Row(", 1);
    let b = dir.path().join("bad.ron");
    std::fs::write(&b, bad).expect("written");
    let (code, out, err) = yusuan(&data, &["template", "import", s(&b)]);
    assert_ne!(code, 0, "{out}");
    let said = format!("{out}{err}");
    assert!(
        said.contains("row_numbers") && said.contains("单行表") && is_chinese(&said),
        "{said}"
    );
    assert!(
        !installed_files(&data)
            .iter()
            .any(|p| p.to_string_lossy().contains("Moushi2027Bad")),
        "nothing installed"
    );

    let (_, path) = filled_with_example(&data, dir.path(), "Moushi2027Wide");
    let (_, out, err) = yusuan(&data, &["check", s(&path)]);
    assert!(
        !out.contains("T0"),
        "the 合计 checks find nothing: {out}{err}"
    );

    let pdf = dir.path().join("out.pdf");
    export(&data, &path, &pdf);
    let pages = pdf_pages(&pdf);
    let landscape = |p: &PdfPage| p.width > p.height;
    let a4 = |p: &PdfPage| {
        let (w, h) = (p.width.max(p.height), p.width.min(p.height));
        (w - 841.89).abs() < 1.0 && (h - 595.28).abs() < 1.0
    };
    assert!(pages.iter().all(a4));

    // 表3: landscape, 序号 + 栏次 on every page it runs onto.
    let t3 = table_pages(&pages, 3);
    assert!(t3.iter().all(landscape), "表3 on landscape pages");
    // Its 14 rows run onto a second landscape page: the header repeats.
    assert!(t3.len() >= 2, "{}", t3.len());
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in t3 {
        let text = flat(&p.text);
        assert!(text.contains("序号"), "{text}");
        assert!(text.contains("栏次 1 2 3"), "{text}");
    }
    let first = flat(&t3[0].text);
    // The 合计 row first, unnumbered; then 201 as 1, its 款 as 2 ….
    let total = first.find("合计 ").expect("合计 row");
    let after_header = &first[first.find("栏次 1 2 3").expect("栏次 row")..];
    assert!(
        after_header.contains("合计 1037.60") || after_header.contains("合计 1,037.60"),
        "the 合计 row prints no 序号: {after_header}"
    );
    assert!(
        after_header.contains("1 201 一般公共服务支出"),
        "{after_header}"
    );
    assert!(after_header.contains("2 20133 "), "{after_header}");
    assert!(total < first.len());

    // 表2 has 7 columns (landscape by default) but asks for portrait.
    let t2 = table_pages(&pages, 2);
    assert!(!t2.iter().any(landscape), "表2 kept portrait");
    assert!(
        flat(&t2[0].text).contains("栏次 1 2 3 4 5"),
        "{}",
        t2[0].text
    );
    // 表4 and the text after the tables: portrait as before.
    let t4 = table_pages(&pages, 4);
    assert!(!t4.iter().any(landscape));
    assert!(flat(&t4[0].text).contains("栏次 1 2 3"), "{}", t4[0].text);
    assert!(!flat(&t4[0].text).contains("序号"));
    let text_page = pages
        .iter()
        .position(|p| p.text.contains("三、2021年部门预算情况说明") && !p.text.contains("目录"))
        .expect("the 情况说明 part");
    assert!(!landscape(&pages[text_page]));

    // The 目录 names the pages the parts are on.
    let toc = pages
        .iter()
        .find(|p| p.text.contains("目录"))
        .expect("目录 page");
    let toc_number = |heading: &str| -> String {
        let line = toc
            .text
            .lines()
            .find(|l| l.contains(heading))
            .unwrap_or_else(|| panic!("{heading} in the 目录:\n{}", toc.text));
        line.trim_end()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or_default()
            .to_string()
    };
    for (heading, at) in [
        ("预算情况说明", text_page),
        (
            "预算公开表",
            pages
                .iter()
                .position(|p| {
                    p.text.contains("二、2021年部门预算公开表") && !p.text.contains("目录")
                })
                .expect("the tables part"),
        ),
    ] {
        let n = toc_number(heading);
        let page: String = pages[at].text.split_whitespace().collect();
        assert!(
            page.contains(&format!("—{n}—")),
            "目录 says {heading} is on page {n}:\n{}",
            pages[at].text
        );
    }

    let xlsx = dir.path().join("out.xlsx");
    export(&data, &path, &xlsx);
    let wb = sheet::read(&xlsx).expect("workbook reads back");
    let sheet3 = wb
        .sheets
        .iter()
        .find(|s| s.name == "表3")
        .expect("表3 sheet");
    let row_of = |label: &str| {
        sheet3
            .rows
            .iter()
            .find(|r| {
                r.iter()
                    .any(|c| matches!(c, SheetCell::Text(t) if t == label))
            })
            .unwrap_or_else(|| panic!("{label} row in 表3: {:?}", sheet3.rows))
    };
    let number = |k: i64| SheetCell::Number(k.into());
    let lanci = row_of("栏次");
    assert_eq!(
        lanci
            .iter()
            .filter(|c| matches!(c, SheetCell::Number(_)))
            .cloned()
            .collect::<Vec<_>>(),
        vec![number(1), number(2), number(3)]
    );
    assert_eq!(row_of("序号")[0], SheetCell::Text("序号".into()));
    let class = row_of("一般公共服务支出");
    assert_eq!(class[0], number(1), "{class:?}");
    let total = row_of("合计");
    assert!(
        matches!(total[0], SheetCell::Empty),
        "the 合计 row has no 序号: {total:?}"
    );
    // Page setup as the PDF: landscape for 表3 only of the three.
    let bytes = std::fs::read(&xlsx).expect("workbook");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let order: Vec<String> = wb.sheets.iter().map(|s| s.name.clone()).collect();
    for (name, wide) in [("表2", false), ("表3", true), ("表4", false)] {
        let k = order.iter().position(|n| n == name).expect("sheet") + 1;
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip
                .by_name(&format!("xl/worksheets/sheet{k}.xml"))
                .expect("sheet part"),
            &mut xml,
        )
        .expect("xml");
        assert_eq!(
            xml.contains("orientation=\"landscape\""),
            wide,
            "{name}: {xml:.400}"
        );
    }
}
