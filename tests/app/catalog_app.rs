//! The app's 科目表 → 导入… and 文件 → 以上年文件新建… (issue 9), driven
//! headless. The test runs in a child process of the test binary with
//! YUSUAN_DATA_DIR pointing at a temporary folder: the variable is
//! process-wide, and no other test may see the catalogs it installs.

use crate::support;

use egui_kittest::kittest::Queryable;
use support::app::harness_for;
use yusuan::catalog::Catalog;
use yusuan::model::{BudgetLine, FunctionCode, FundSource, SpendingKind};
use yusuan::money::Money;
use yusuan::ui::{App, Command};

fn example() -> yusuan::model::Document {
    yusuan::io::from_str(include_str!("../../examples/qingshan-2021.ron")).expect("example")
}

#[test]
fn an_official_list_is_previewed_installed_and_used_and_next_year_starts_from_this_one() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = support::child("catalog_app::official_list_child", data.path())
        .env(yusuan::catalogs::DATA_DIR_ENV, data.path())
        .output()
        .expect("child test runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("OFFICIAL-LIST-USED"),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Child of the test above, with its own YUSUAN_DATA_DIR.
#[test]
#[ignore = "child process of an_official_list_is_previewed_installed_and_used_and_next_year_starts_from_this_one"]
fn official_list_child() {
    let Some(data) = support::child_dir() else {
        return;
    };

    // A 2021 document using 2240106, which the bundled partial list lacks.
    let mut doc = example();
    let mut line = BudgetLine {
        code: FunctionCode::new("2240106"),
        name: "安全监管".into(),
        ..Default::default()
    };
    line.set_amount(
        FundSource::GeneralBudget,
        SpendingKind::Project,
        Money::from_cents(100),
    );
    doc.budget_lines.push(line);
    let mut h = harness_for(App::new_with(doc, None));
    h.run();
    let on_code = |h: &egui_kittest::Harness<'static, App>| {
        h.state()
            .computed()
            .findings
            .iter()
            .filter(|f| f.message.contains("2240106"))
            .map(|f| f.rule.id())
            .collect::<Vec<_>>()
    };
    assert_eq!(on_code(&h), vec!["C03"]);

    // The bureau's list: the bundled rows plus 224 / 22401 / 2240106.
    let bundled = Catalog::for_year(2021).expect("bundled");
    let mut csv = String::from("2021年政府收支分类科目\n科目编码,科目名称\n");
    for (c, e) in bundled.functions() {
        csv += &format!("{c},{}\n", e.name);
    }
    csv += "224,灾害防治及应急管理支出\n22401,应急管理事务\n2240106,安全监管\n";
    for (c, e) in bundled.economics() {
        csv += &format!("{c},{}\n", e.name);
    }
    let list = data.join("2021官方科目表.csv");
    std::fs::write(&list, csv).expect("write");

    h.state_mut().queue(Command::ImportCatalogFrom(list));
    h.run();
    assert!(h.query_by_label_contains("导入科目表").is_some());
    // The preview gives the counts per level before anything is stored.
    assert!(h.query_by_label_contains("支出功能分类：类").is_some());
    // Nothing is installed before 安装.
    assert!(yusuan::catalogs::installed_catalogs().is_empty());
    h.get_by_label("安装").click();
    h.run();
    h.run();
    assert_eq!(yusuan::catalogs::installed_catalogs().len(), 1);
    let meta = &h.state().document().meta;
    assert_eq!(
        meta.catalog.as_ref().map(|c| c.edition.as_str()),
        Some("2021官方科目表")
    );
    assert!(on_code(&h).is_empty(), "{:?}", on_code(&h));
    assert_eq!(h.state().undo_steps(), 1);
    assert!(h.query_by_label_contains("已安装科目表").is_some());
    h.get_by_label("确定").click();
    h.run();

    // 以上年文件新建: next year from the example file, untitled and unsaved.
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");
    h.state_mut()
        .queue(Command::NewFromPath(std::path::PathBuf::from(example)));
    h.run();
    h.run();
    let app = h.state();
    assert_eq!(app.document().meta.year, 2022);
    assert!(app.path().is_none());
    assert!(app.is_dirty());
    let prior: Money = app
        .document()
        .budget_lines
        .iter()
        .map(|l| l.prior_total())
        .sum();
    assert_eq!(prior, Money::from_cents(103_760));
    assert!(h.query_by_label_contains("未带入项目").is_some());
    println!("OFFICIAL-LIST-USED");
}
