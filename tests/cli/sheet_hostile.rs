//! Hostile spreadsheets through every path that reads one (figure import,
//! catalog import), as `tests/hostile.rs` does for `.ron` files: truncated
//! and corrupted workbooks, a zip bomb, junk. Each gives a Chinese error
//! naming the file (or a plan that names what it skipped), never a panic,
//! and the document is never touched.

use proptest::prelude::*;
use std::io::Write;
use std::path::Path;
use yusuan::model::Document;

fn example() -> Document {
    yusuan::io::from_str(include_str!("../../examples/qingshan-2021.ron")).expect("example")
}

fn workbook() -> Vec<u8> {
    let doc = example();
    yusuan::xlsx::workbook_bytes(
        &doc,
        &yusuan::narrative::parts(&doc, &yusuan::catalogs::for_document(&doc.meta)),
    )
    .expect("export")
    .0
}

/// Runs both importers on `bytes` saved as `name`; the document given to
/// the figure import must come back unchanged.
fn both_importers(dir: &Path, name: &str, bytes: &[u8]) -> (Option<String>, Option<String>) {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    let doc = example();
    let figures = yusuan::import::plan_file(&p, &doc, &Default::default())
        .err()
        .map(|e| e.to_string());
    assert_eq!(doc, example());
    let catalog = yusuan::catalog_import::import(&p, 2021, "x")
        .err()
        .map(|e| e.to_string());
    (figures, catalog)
}

#[test]
fn every_truncation_of_a_workbook_is_refused_without_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = workbook();
    // Every 97th cut (a few hundred files) plus the first and last bytes.
    let cuts = (0..bytes.len())
        .step_by(97)
        .chain([1, 2, 3, 4, bytes.len() - 1]);
    let mut refused = 0;
    for cut in cuts {
        let (f, c) = both_importers(dir.path(), "cut.xlsx", &bytes[..cut]);
        for e in [&f, &c].into_iter().flatten() {
            assert!(e.contains("cut.xlsx"), "message names the file: {e}");
        }
        refused += usize::from(f.is_some());
    }
    // A zip without its central directory cannot be read at all.
    assert!(refused > 0);
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size_before_unpacking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/workbook.xml", opts).expect("entry");
        let zeros = vec![0u8; 1 << 20];
        // 600 MiB of zeros: a file of well under a megabyte.
        for _ in 0..600 {
            z.write_all(&zeros).expect("write");
        }
        z.finish().expect("finish");
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 4 << 20, "{}", bytes.len());
    let (f, c) = both_importers(dir.path(), "bomb.xlsx", &bytes);
    for e in [f, c] {
        let e = e.expect("refused");
        assert!(e.contains("压缩炸弹") && e.contains("bomb.xlsx"), "{e}");
    }
}

/// The workbook with every entry copied and `edit` applied to the text of
/// the first worksheet.
fn rewritten(edit: impl Fn(&str) -> String) -> Vec<u8> {
    let src = workbook();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).expect("zip");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..zin.len() {
            let mut f = zin.by_index(i).expect("entry");
            let name = f.name().expect("name").into_owned();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).expect("read");
            if name == "xl/worksheets/sheet1.xml" {
                data = edit(&String::from_utf8(data).expect("utf8")).into_bytes();
            }
            z.start_file(name, opts).expect("start");
            z.write_all(&data).expect("write");
        }
        z.finish().expect("finish");
    }
    buf.into_inner()
}

/// Found by the fuzz test below on CI: a cell reference with a column of
/// twenty letters overflows inside calamine. It is a message naming the
/// file, not a crash.
#[test]
fn an_overlong_cell_reference_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = rewritten(|xml| {
        assert!(xml.contains(r#"r="A1""#), "sheet1 has A1");
        xml.replacen(r#"r="A1""#, r#"r="AAAAAAAAAAAAAAAAAAAA1""#, 1)
    });
    let (f, c) = both_importers(dir.path(), "overflow.xlsx", &bytes);
    for e in [f, c] {
        let e = e.expect("refused");
        assert!(e.contains("overflow.xlsx"), "{e}");
    }
}

/// A workbook with an opening password (see tests/fixtures/README.md):
/// both importers say it is encrypted and how to proceed, naming the file.
#[test]
fn a_password_protected_workbook_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = include_bytes!("../fixtures/encrypted.xlsx");
    let (f, c) = both_importers(dir.path(), "加密.xlsx", bytes);
    for e in [f, c] {
        let e = e.expect("refused");
        assert!(e.contains("加密.xlsx") && e.contains("已加密"), "{e}");
    }
}

#[test]
fn junk_and_other_documents_are_refused_by_both_importers() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in [
        ("empty.xlsx", Vec::new()),
        ("zeros.xlsx", vec![0u8; 4096]),
        ("ole.xls", {
            let mut v = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            v.extend(std::iter::repeat_n(0u8, 2048));
            v
        }),
        (
            "budget.ron.xlsx",
            include_bytes!("../../examples/qingshan-2021.ron").to_vec(),
        ),
    ] {
        let (f, c) = both_importers(dir.path(), name, &bytes);
        let f = f.unwrap_or_else(|| panic!("{name}: figure import accepted junk"));
        let c = c.unwrap_or_else(|| panic!("{name}: catalog import accepted junk"));
        assert!(f.contains(name), "{f}");
        assert!(c.contains(name), "{c}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("YUSUAN_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(200) / 10
    ))]
    /// Bytes of a real workbook flipped at random: an error or a plan,
    /// never a panic, and the document untouched.
    #[test]
    fn corrupted_workbooks_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut bytes = workbook();
        let n = bytes.len();
        for (at, b) in flips {
            bytes[at % n] ^= b | 1;
        }
        let _ = both_importers(dir.path(), "flip.xlsx", &bytes);
    }
}

/// A CSV field: plain text, or quoted text that may hold the delimiter, a
/// line break or a doubled quote.
fn csv_field() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9 科目]{0,6}", "[a-z,\n\"科]{0,6}"]
}

fn quote(field: &str) -> String {
    if field.contains([',', '\n', '"']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("YUSUAN_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(2000) / 10
    ))]
    /// Random CSV rows read back exactly; with one unclosed quote opened at
    /// the start of a field, refused naming the line it opens on (never
    /// read with the rows after it swallowed).
    #[test]
    fn csv_rows_read_back_or_an_unclosed_quote_is_named(
        rows in proptest::collection::vec(proptest::collection::vec(csv_field(), 1..4), 1..6),
        broken in proptest::option::of((any::<prop::sample::Index>(), any::<prop::sample::Index>())),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        // A leading column keeps every line non-blank and its own row.
        let mut lines: Vec<Vec<String>> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                std::iter::once(format!("r{i}"))
                    .chain(r.iter().map(|f| quote(f)))
                    .collect()
            })
            .collect();
        let mut opened_on = None;
        if let Some((ri, fi)) = broken {
            let r = ri.index(lines.len());
            let f = 1 + fi.index(lines[r].len() - 1);
            // A field without quotes of its own, opened and never closed.
            lines[r][f] = format!("\"{}", rows[r][f - 1].replace(['"', '\n', ','], ""));
            // Every later quote would pair with it: keep the rest plain.
            for (i, l) in lines.iter_mut().enumerate().skip(r) {
                for (j, x) in l.iter_mut().enumerate() {
                    if x.starts_with('"') && (i, j) != (r, f) {
                        *x = "x".into();
                    }
                }
            }
            for x in lines[r].iter_mut().take(f) {
                if x.contains('"') { *x = "x".into(); }
            }
            // Its physical line: 1 + the line breaks in the rows before it
            // and in the fields before it on its row.
            let breaks = |fields: &[String]| fields.iter().map(|x| x.matches('\n').count()).sum::<usize>();
            opened_on = Some(
                1 + lines[..r].iter().map(|l| breaks(l) + 1).sum::<usize>() + breaks(&lines[r][..f]),
            );
        }
        let text: String = lines.iter().map(|l| l.join(",") + "\n").collect();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, &text).expect("write");
        match (yusuan::sheet::read(&p), opened_on) {
            (Ok(wb), None) => {
                let s = &wb.sheets[0];
                prop_assert_eq!(s.rows.len(), rows.len(), "{}", text);
                for (i, r) in rows.iter().enumerate() {
                    for (j, f) in r.iter().enumerate() {
                        let got = match s.get(i, j + 1) {
                            yusuan::sheet::SheetCell::Text(t) => t.clone(),
                            _ => String::new(),
                        };
                        let want = if f.trim().is_empty() { String::new() } else { f.clone() };
                        prop_assert_eq!(got, want, "{}", text);
                    }
                }
            }
            (Err(e), Some(line)) => {
                let e = e.to_string();
                prop_assert!(e.contains(&format!("第{line}行")), "{} want {} in {:?}", e, line, text);
            }
            (got, want) => prop_assert!(false, "{:?} for {:?}: {}", got.map(|_| "read"), want, text),
        }
    }
}
