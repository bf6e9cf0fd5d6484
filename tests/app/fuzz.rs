//! Property and fuzz tests over what a file, a keyboard or the clipboard can
//! bring: never a panic, and a rejected input never changes the document.
//!
//! Case counts: `YUSUAN_FUZZ_CASES=N cargo test --release --test fuzz` sets
//! the file-fuzz counts (default 10,000 each, see docs/reliability.md).

use crate::support;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use yusuan::compose::ExportOptions;
use yusuan::io;
use yusuan::layout::Metrics;
use yusuan::model::Document;
use yusuan::money::{MAX_ABS, parse_amount, parse_amount_in};

const EXAMPLE: &str = include_str!("../../examples/qingshan-2021.ron");

/// Cases for the file fuzzers: `YUSUAN_FUZZ_CASES`, else 10,000.
fn file_cases() -> u32 {
    env_cases("YUSUAN_FUZZ_CASES", 10_000)
}

/// Cases for typing and pasting through the app: `YUSUAN_GUI_CASES`, else 300.
#[cfg(feature = "gui")]
fn gui_cases() -> u32 {
    env_cases("YUSUAN_GUI_CASES", 300)
}

fn env_cases(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking a failure of a 19 KB mutated file can take long; the
        // failing input is printed either way.
        max_shrink_iters: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Everything later stages do with a loaded document; must not panic, and
/// what it saves must load back equal.
fn exercise(doc: &Document) -> Result<(), TestCaseError> {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let _ = yusuan::rules::check(doc, &catalog);
    let parts = yusuan::narrative::parts(doc, &catalog);
    let blocks = yusuan::compose::compose(doc, &parts, &ExportOptions::default());
    let _ = yusuan::layout::layout(&blocks, Metrics::shared());
    let text = io::to_string(doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = io::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, doc);
    Ok(())
}

/// One edit to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    /// Removes `len` bytes at a position (fraction of the length).
    Delete(f64, usize),
    /// Inserts bytes.
    Insert(f64, Vec<u8>),
    /// Inserts a token a RON file or a hostile user might contain.
    Token(f64, &'static str),
    /// Overwrites one byte.
    Flip(f64, u8),
    /// Copies a span elsewhere (duplicated rows and fields).
    Duplicate(f64, usize, f64),
    /// Replaces the next quoted string's content (keeps the syntax, so the
    /// later stages see hostile values).
    Value(f64, &'static str),
    /// Replaces the next unquoted number.
    Number(f64, &'static str),
    /// Duplicates, deletes or moves a whole line (rows are one per line).
    Line(f64, LineOp, f64),
}

#[derive(Clone, Copy, Debug)]
enum LineOp {
    Duplicate,
    Delete,
    Move,
}

const VALUES: &[&str] = &[
    "",
    "0",
    "-0",
    "-0.00",
    "0.001",
    "-12.5",
    "9999999999999.99",
    "-9999999999999.99",
    "10000000000000",
    "NaN",
    "1e5",
    "\u{202e}",
    "\u{0}",
    "\n\n",
    "\t",
    "𠀀𪚥",
    "xxx 待填写",
    "市级财政",
    "ＡＢＣ１２３",
    "2013350",
    "20137",
    "30101",
    "301",
    "9999999",
    "（",
    "”",
    "&<>",
    "%PDF",
    "\\",
    "≥",
    "100%",
];

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2020",
    "2022",
    "1900",
    "9999",
    "-1",
    "4294967295",
    "4294967296",
    "2147483648",
    "-2147483649",
    "00",
    "1.5",
];

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "//",
    "/*",
    "*/",
    "r#\"",
    "'",
    "Some(",
    "None",
    "true",
    "-",
    "\"-0\"",
    "\"NaN\"",
    "\"1e400\"",
    "\"99999999999999999999999999999999\"",
    "\"9999999999999.99\"",
    "\"-9999999999999.99\"",
    "4294967296",
    "-1",
    "18446744073709551616",
    "1e308",
    "\"\\u{202e}\"",
    "\u{202e}",
    "\u{0}",
    "\u{feff}",
    "\"𠀀\"",
    "format_version: 2,",
    "x: [[[[[[[[[[]]]]]]]]]],",
    "(GeneralBudget, Basic): \"1\",",
    "Numeric(cmp: Ge, value: \"",
    "GeneralBudget",
    "Project",
    "Personnel",
    "\n",
    "\"\"",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 1usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (at.clone(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        (at.clone(), proptest::sample::select(TOKENS)).prop_map(|(a, t)| Mutation::Token(a, t)),
        (at.clone(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (at.clone(), 1usize..400, at.clone()).prop_map(|(a, n, b)| Mutation::Duplicate(a, n, b)),
        (at.clone(), proptest::sample::select(VALUES)).prop_map(|(a, v)| Mutation::Value(a, v)),
        (at.clone(), proptest::sample::select(NUMBERS)).prop_map(|(a, v)| Mutation::Number(a, v)),
        (
            at.clone(),
            prop_oneof![
                Just(LineOp::Duplicate),
                Just(LineOp::Delete),
                Just(LineOp::Move)
            ],
            at
        )
            .prop_map(|(a, op, b)| Mutation::Line(a, op, b)),
    ]
}

/// Byte range of the line containing `p` (with its newline).
fn line_at(bytes: &[u8], p: usize) -> std::ops::Range<usize> {
    let start = bytes[..p]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[p..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| p + i + 1);
    start..end
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |f: f64, len: usize| ((f * len as f64) as usize).min(len);
    match m {
        Mutation::Delete(a, n) => {
            let p = pos(*a, bytes.len());
            let end = (p + n).min(bytes.len());
            bytes.drain(p..end);
        }
        Mutation::Insert(a, b) => {
            let p = pos(*a, bytes.len());
            bytes.splice(p..p, b.iter().copied());
        }
        Mutation::Token(a, t) => {
            let p = pos(*a, bytes.len());
            bytes.splice(p..p, t.bytes());
        }
        Mutation::Flip(a, b) => {
            if !bytes.is_empty() {
                let p = pos(*a, bytes.len() - 1);
                bytes[p] = *b;
            }
        }
        Mutation::Duplicate(a, n, b) => {
            let p = pos(*a, bytes.len());
            let end = (p + n).min(bytes.len());
            let span = bytes[p..end].to_vec();
            let q = pos(*b, bytes.len());
            bytes.splice(q..q, span);
        }
        Mutation::Value(a, v) => {
            let p = pos(*a, bytes.len());
            let Some(open) = bytes[p..]
                .iter()
                .position(|&b| b == b'"')
                .map(|i| p + i + 1)
            else {
                return;
            };
            if let Some(close) = bytes[open..]
                .iter()
                .position(|&b| b == b'"')
                .map(|i| open + i)
            {
                bytes.splice(open..close, v.bytes());
            }
        }
        Mutation::Number(a, v) => {
            let p = pos(*a, bytes.len());
            // The next digit run after ": " or "(" or ", " outside quotes is
            // close enough: a wrong hit only makes an invalid file.
            let Some(start) = bytes[p..]
                .windows(2)
                .position(|w| matches!(w[0], b' ' | b'(') && w[1].is_ascii_digit())
                .map(|i| p + i + 1)
            else {
                return;
            };
            let end = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |i| start + i);
            bytes.splice(start..end, v.bytes());
        }
        Mutation::Line(a, op, b) => {
            if bytes.is_empty() {
                return;
            }
            let r = line_at(bytes, pos(*a, bytes.len() - 1));
            let line = bytes[r.clone()].to_vec();
            match op {
                LineOp::Duplicate => {
                    bytes.splice(r.start..r.start, line);
                }
                LineOp::Delete => {
                    bytes.drain(r);
                }
                LineOp::Move => {
                    bytes.drain(r);
                    let q = pos(*b, bytes.len().saturating_sub(1));
                    let q = if bytes.is_empty() {
                        0
                    } else {
                        line_at(bytes, q).start
                    };
                    bytes.splice(q..q, line);
                }
            }
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut runner = TestRunner::new(config(file_cases()));
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..2048), |b| {
            if let Ok(doc) = io::from_bytes(&b) {
                exercise(&doc)?;
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_ron_like_text_never_panics() {
    let mut runner = TestRunner::new(config(file_cases()));
    let ron_like = "[(){}\\[\\]:,\"a-z_0-9 .\\-\\\\\n]{0,400}";
    runner
        .run(&ron_like, |s| {
            if let Ok(doc) = io::from_str(&s) {
                exercise(&doc)?;
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_example_files_never_panic() {
    let mut runner = TestRunner::new(config(file_cases()));
    let accepted = std::cell::Cell::new(0u32);
    runner
        .run(&proptest::collection::vec(mutation(), 1..4), |ms| {
            let mut bytes = EXAMPLE.as_bytes().to_vec();
            for m in &ms {
                apply(&mut bytes, m);
            }
            match io::from_bytes(&bytes) {
                Ok(doc) => {
                    accepted.set(accepted.get() + 1);
                    exercise(&doc)?;
                }
                Err(e) => {
                    // Every refusal says where or why, in Chinese.
                    let msg = e.to_string();
                    prop_assert!(support::is_chinese(&msg), "{}", msg);
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "mutated files: {} of {} loaded and went through every stage",
        accepted.get(),
        file_cases()
    );
    // The mutations must also produce loadable documents, or the later
    // stages are not being fuzzed at all.
    assert!(
        accepted.get() >= file_cases() / 20,
        "only {} of {} mutated files loaded",
        accepted.get(),
        file_cases()
    );
}

proptest! {
    #![proptest_config(config(10_000))]

    /// Every number cell's parser: anything typed or pasted.
    #[test]
    fn amount_parser_never_panics_and_stays_in_range(s in "\\PC{0,80}") {
        if let Ok(m) = parse_amount(&s) {
            prop_assert!(m.value().abs() < MAX_ABS);
            prop_assert!(!(m.is_zero() && m.value().is_sign_negative()));
            // What is shown reads back as the same rounded amount.
            prop_assert_eq!(parse_amount(&m.display()).map(|r| r.rounded()), Ok(m.rounded()));
        }
    }

    /// The 指标值 cell: whatever is typed, what the cell then shows reads
    /// back as the same value.
    #[test]
    fn indicator_values_read_back_as_shown(s in "[≥≤<>=＞＜＝ 0-9.%次期个元天小时\\PC]{0,24}") {
        let v = yusuan::model::IndicatorValue::parse(&s);
        prop_assert_eq!(yusuan::model::IndicatorValue::parse(&v.to_string()), v);
    }

    #[test]
    fn number_like_input_parses_or_is_refused(s in "[-+(),.０-９0-9 ￥元万\u{2212}，。]{0,30}") {
        let _ = parse_amount(&s);
        #[cfg(feature = "gui")]
        for kind in [yusuan::ui::Kind::Money(yusuan::model::MoneyUnit::WanYuan), yusuan::ui::Kind::Money(yusuan::model::MoneyUnit::Yuan), yusuan::ui::Kind::Number, yusuan::ui::Kind::Text] {
            let _ = kind.parse(&s);
        }
    }
}

/// Typing and pasting through the real app.
#[cfg(feature = "gui")]
mod gui {
    use super::*;
    use egui::Event;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::cell::RefCell;
    use support::app::{harness_tofu, type_into};
    use yusuan::location::Sheet;
    use yusuan::model::{BudgetLine, FunctionCode, FundSource, SpendingKind};
    use yusuan::money::Money;
    use yusuan::ui::{App, Command, Page};

    const G: FundSource = FundSource::GeneralBudget;
    const BASIC: SpendingKind = SpendingKind::Basic;
    const PROJECT: SpendingKind = SpendingKind::Project;

    fn sample() -> Document {
        let mut doc = yusuan::ui::blank_document(2021);
        for (code, name, b) in [
            ("2013350", "事业运行", "500"),
            ("2080505", "机关事业单位基本养老保险缴费支出", "50"),
            ("2101102", "事业单位医疗", "20"),
        ] {
            let mut l = BudgetLine {
                code: FunctionCode::new(code),
                name: name.into(),
                ..Default::default()
            };
            l.set_amount(G, BASIC, parse_amount(b).unwrap());
            doc.budget_lines.push(l);
        }
        doc
    }

    fn budget_harness() -> Harness<'static, App> {
        let mut h = harness_tofu(App::new_with(sample(), None));
        h.state_mut()
            .queue(Command::Select(Page::Sheet(Sheet::Budget)));
        h.run();
        h
    }

    fn label(l: &BudgetLine, kind: SpendingKind) -> String {
        format!("{} {} 一般公共预算拨款 {}", l.code, l.name, kind.label())
    }

    /// A cell as someone might paste it: amounts, near-amounts, junk.
    fn cell_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,6}(\\.[0-9]{1,3})?",
            "[-+(),.０-９0-9 ￥元万]{0,10}",
            "[0-9]{12,40}",
            "[^\t\n\r]{0,12}",
        ]
    }

    /// A block of 1–5 rows × 1–5 cells, either several cells or one with a
    /// line break (one cell without is inserted at the cursor like typing).
    fn block() -> impl Strategy<Value = (Vec<Vec<String>>, bool)> {
        (
            proptest::collection::vec(proptest::collection::vec(cell_text(), 1..5), 1..5),
            any::<bool>(),
        )
            .prop_filter("a block", |(rows, _)| rows.len() > 1 || rows[0].len() > 1)
    }

    /// What pasting `text` at (row, 基本支出 column) must do, cell by cell: a
    /// cell that reads as an amount sets it, any other leaves the value
    /// alone. Line breaks at the end only end the block (Excel ends every
    /// copied block with one).
    fn expected(before: &Document, row: usize, text: &str) -> Document {
        let mut doc = before.clone();
        let block = text.trim_end_matches(['\r', '\n']);
        for (dr, line) in block.split('\n').enumerate() {
            let Some(target) = doc.budget_lines.get_mut(row + dr) else {
                break;
            };
            let cells = line.strip_suffix('\r').unwrap_or(line).split('\t');
            for (kind, raw) in [BASIC, PROJECT].into_iter().zip(cells) {
                // As typed into a cell of the document's unit: a 万元/元
                // suffix is converted, not dropped.
                if let Ok(m) = parse_amount_in(raw.trim(), before.meta.unit) {
                    target.set_amount(G, kind, m);
                }
            }
        }
        doc
    }

    /// One app for all cases (building one per case would dominate the
    /// run) and a runner with the GUI case count.
    fn gui_runner() -> (RefCell<Harness<'static, App>>, TestRunner) {
        let runner = TestRunner::new(Config {
            cases: gui_cases(),
            failure_persistence: None,
            ..Config::default()
        });
        (RefCell::new(budget_harness()), runner)
    }

    #[test]
    fn random_paste_blocks_set_exactly_the_readable_cells() {
        let (h, mut runner) = gui_runner();
        runner
            .run(&(block(), 0usize..3), |((rows, crlf), row)| {
                let mut h = h.borrow_mut();
                // A failed case leaves its edit behind; start the shrunk
                // cases that follow from a clean app.
                if h.state().document() != &sample() {
                    *h = budget_harness();
                }
                let before = h.state().document().clone();
                let steps = h.state().undo_steps();
                let l = &before.budget_lines[row];
                h.get_by_label(&label(l, BASIC)).focus();
                h.run();
                let eol = if crlf { "\r\n" } else { "\n" };
                let text = rows
                    .iter()
                    .map(|r| r.join("\t"))
                    .collect::<Vec<_>>()
                    .join(eol);
                let want = expected(&before, row, &text);
                h.event(Event::Paste(text));
                h.run();
                prop_assert_eq!(h.state().document(), &want);
                if want == before {
                    prop_assert_eq!(h.state().undo_steps(), steps, "nothing to undo");
                } else {
                    prop_assert_eq!(h.state().undo_steps(), steps + 1, "one step");
                    h.state_mut().queue(Command::Undo);
                    h.run();
                    prop_assert_eq!(h.state().document(), &before);
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn random_typing_changes_the_amount_only_when_it_reads() {
        let (h, mut runner) = gui_runner();
        runner
            .run(&cell_text(), |typed| {
                let mut h = h.borrow_mut();
                let before = h.state().document().clone();
                let cell = label(&before.budget_lines[1], PROJECT);
                type_into(&mut h, &cell, &typed);
                let got = h.state().document().budget_lines[1].amount(G, PROJECT);
                let old = before.budget_lines[1].amount(G, PROJECT);
                // Typing nothing over a selection leaves the cell as it was.
                let want: Money = if typed.is_empty() {
                    old
                } else {
                    parse_amount_in(&typed, before.meta.unit).unwrap_or(old)
                };
                prop_assert_eq!(got, want, "typed {:?}", typed);
                let mut rest = h.state().document().clone();
                rest.budget_lines[1].set_amount(
                    G,
                    PROJECT,
                    before.budget_lines[1].amount(G, PROJECT),
                );
                prop_assert_eq!(&rest, &before, "nothing else changed");
                Ok(())
            })
            .unwrap();
    }
}

/// The parts the reviewer's tools added to the file (审阅意见 with their
/// places, the sources of a merge) mutated like the rest: an error in
/// Chinese or a document that every stage, the version comparison
/// included, takes without a panic.
#[test]
fn mutated_reviewed_files_never_panic() {
    use yusuan::location::{Field, FieldName, Location, Sheet};
    let example = io::from_str(EXAMPLE).expect("example");
    let mut reviewed = example.clone();
    let mut c = yusuan::comments::Comment::on(
        &example,
        Location::cell(Sheet::Budget, 0, Field::Name),
        "审阅人",
        "名称与科目表不一致",
    );
    c.rule = Some("C02".into());
    reviewed.review.comments.push(c);
    reviewed.review.comments.push(yusuan::comments::Comment::on(
        &example,
        Location::field(Sheet::Meta, Field::Named(FieldName::Preparer)),
        "审阅人",
        "请补填联系电话",
    ));
    let base = io::to_string(&reviewed).expect("save");
    assert!(base.contains("审阅人"), "the comments are in the file");
    let catalog = yusuan::catalogs::nearest(example.meta.year);
    let mut runner = TestRunner::new(config((file_cases() / 4).max(16)));
    runner
        .run(&proptest::collection::vec(mutation(), 1..4), |ms| {
            let mut bytes = base.as_bytes().to_vec();
            for m in &ms {
                apply(&mut bytes, m);
            }
            match io::from_bytes(&bytes) {
                Ok(doc) => {
                    exercise(&doc)?;
                    for c in yusuan::comments::open_comments(&doc) {
                        let _ = (c.line(&doc), c.location(&doc));
                    }
                    let _ = yusuan::diff::compare(&example, &doc, &catalog);
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(support::is_chinese(&msg), "{}", msg);
                }
            }
            Ok(())
        })
        .unwrap();
}
