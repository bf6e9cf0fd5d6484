//! 文件 → 与上年文件比对… in the app (egui_kittest): the 上年 figures that
//! disagree with last year's file join the 审核 list (Y04) and stay there
//! while the document is edited; a file of the wrong year or one that
//! cannot be read is a message and no comparison.

use crate::support;

use egui_kittest::kittest::Queryable;
use std::path::Path;
use support::app::harness_for;
use yusuan::location::{Field, Location, Sheet};
use yusuan::model::{Document, ThreePublic};
use yusuan::ui::{App, Command};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");

fn last_year() -> Document {
    yusuan::io::load(Path::new(EXAMPLE)).expect("example")
}

/// 2022's document rolled over from the example, with one 上年 figure changed.
fn this_year() -> Document {
    let last = last_year();
    let catalog = yusuan::catalogs::nearest(2022);
    let mut doc = yusuan::rollover::next_year(&last, 2022, &catalog, "last.ron")
        .expect("rolls over")
        .doc;
    doc.prior_three_public = Some(ThreePublic {
        abroad: "7".parse().expect("amount"),
        ..last.three_public
    });
    doc
}

fn y04(app: &App) -> Vec<String> {
    app.computed()
        .findings
        .iter()
        .filter(|f| f.rule == "Y04")
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn disagreeing_prior_figures_join_the_review_list() {
    let mut app = App::new_with(this_year(), None);
    assert!(y04(&app).is_empty(), "nothing before a comparison");
    app.queue(Command::ComparePriorWith(EXAMPLE.into()));
    let mut h = harness_for(app);
    h.run();
    let found = y04(h.state());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("因公出国（境）费") && found[0].contains("7.00 万元"));
    assert!(
        h.state().status().contains("不一致 1 处"),
        "{}",
        h.state().status()
    );
    // Shown in the 审核 panel like any finding.
    assert!(
        h.query_by_label_contains("因公出国（境）费：本文件上年数")
            .is_some()
    );
    // An edit recomputes the comparison with it.
    h.state_mut().queue(Command::Edit {
        edit: yusuan::ui::Edit::Set(vec![(
            Location::cell(Sheet::Economic, 0, Field::PriorValue),
            yusuan::ui::Value::Money("1".parse().expect("amount")),
        )]),
        typing: None,
    });
    h.run();
    let found = y04(h.state());
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_prior_file_of_the_wrong_year_or_unreadable_is_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("坏.ron");
    std::fs::write(&broken, "(format_version: 1").expect("write");
    for path in [broken, EXAMPLE.into()] {
        // The example is 2021's: not the year before the example itself.
        let mut app = App::new_with(last_year(), None);
        app.queue(Command::ComparePriorWith(path));
        let mut h = harness_for(app);
        h.run();
        assert!(h.state().dialog_open());
        assert!(y04(h.state()).is_empty());
    }
}

#[test]
fn the_file_menu_offers_the_comparison_with_last_year() {
    let mut h = harness_for(App::new_with(this_year(), None));
    h.run();
    h.get_by_label("文件").click();
    h.run();
    h.run();
    h.get_by_label_contains("与上年文件比对").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("未能打开系统文件对话框")
            .is_some()
    );
    assert!(h.query_by_label("与上年文件比对").is_some());
}
