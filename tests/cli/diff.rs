//! `yusuan diff` and `diff::compare`: one changed cell and the totals it
//! moves, rows and projects added or removed, text changes marked, notes
//! for different departments and units, and the exit codes of the binary.

use crate::support;

use std::path::Path;
use yusuan::catalog::Catalog;
use yusuan::diff::{Diff, What, compare};
use yusuan::location::{Field, FieldName, Location, Sheet};
use yusuan::model::{BudgetLine, Document, FunctionCode, FundSource, SpendingKind};
use yusuan::money::Money;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2021.ron");

fn example() -> Document {
    yusuan::io::load(Path::new(EXAMPLE)).expect("example loads")
}

fn diff(old: &Document, new: &Document) -> Diff {
    compare(old, new, &Catalog::for_year(2021).expect("catalog"))
}

fn m(s: &str) -> Money {
    yusuan::money::parse_stored(s).expect("amount")
}

#[test]
fn one_changed_cell_and_the_totals_it_moves() {
    let old = example();
    let mut new = old.clone();
    // 2013350 事业运行, 一般公共预算拨款 基本支出: 309.86 → 312.36.
    let key = (FundSource::GeneralBudget, SpendingKind::Basic);
    new.budget_lines[0].amounts.insert(key, m("312.36"));
    let d = diff(&old, &new);
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    let c = &d.changes[0];
    assert_eq!(
        c.location,
        Location::cell(Sheet::Budget, 0, Field::Amount(key.0, key.1))
    );
    assert_eq!(
        c.what,
        What::Figure {
            old: m("309.86"),
            new: m("312.36")
        }
    );
    assert!(c.place.contains("2013350"), "{}", c.place);
    assert_eq!(c.what.describe(), "309.86 → 312.36（+2.50）");

    // Every moved figure moved by exactly the change: each sums the cell once.
    assert!(!d.derived.is_empty());
    for x in &d.derived {
        assert_eq!(x.new - x.old, m("2.50"), "{}", x.place);
    }
    let places: Vec<&str> = d.derived.iter().map(|x| x.place.as_str()).collect();
    for want in ["主要合计 · 收支总预算", "主要合计 · 一般公共预算基本支出"]
    {
        assert!(places.contains(&want), "{places:#?}");
    }
    // The published tables: the 项 row, its 款 and 类, and the 合计 row.
    for row in ["2013350", "20133", "201 ", "合计"] {
        assert!(
            places
                .iter()
                .any(|p| p.starts_with("表") && p.contains(row)),
            "no table cell of {row}: {places:#?}"
        );
    }
    // Totals that do not depend on the cell are not listed.
    assert!(
        !places.iter().any(|p| p.contains("人员经费")),
        "{places:#?}"
    );
    assert!(
        !places
            .iter()
            .any(|p| p.contains("项目支出") && p.starts_with("主要"))
    );
    // The table cells point at their row in the new version's table.
    let t = d
        .derived
        .iter()
        .find(|x| x.column.is_some())
        .expect("a table cell");
    assert!(matches!(t.location.sheet, Sheet::Table(_)));
    assert!(t.location.row.is_some());
}

#[test]
fn rows_and_projects_added_and_removed() {
    let old = example();
    let mut new = old.clone();
    new.budget_lines.push(BudgetLine {
        code: FunctionCode::new("2010101"),
        name: "行政运行".into(),
        ..Default::default()
    });
    let last = new.budget_lines.len() - 1;
    new.budget_lines[last].set_amount(FundSource::GeneralBudget, SpendingKind::Basic, m("5.00"));
    let removed_economic = new.basic_by_economic.remove(2); // 30103 奖金
    let removed_project = new.projects.remove(0);
    let mut added = new.projects[0].clone();
    added.name = "数据共享平台建设".into();
    new.projects.push(added);
    let d = diff(&old, &new);
    let line = |w: &dyn Fn(&What) -> bool| {
        d.changes
            .iter()
            .filter(|c| w(&c.what))
            .map(|c| c.place.clone())
            .collect::<Vec<_>>()
    };
    let added_places = line(&|w| matches!(w, What::Added(_)));
    let removed_places = line(&|w| matches!(w, What::Removed(_)));
    assert_eq!(
        added_places,
        vec![
            "2010101 行政运行".to_string(),
            "项目“数据共享平台建设”".into()
        ],
        "{:#?}",
        d.changes
    );
    assert_eq!(
        removed_places,
        vec![
            format!("{} {}", removed_economic.code, removed_economic.name),
            format!("项目“{}”", removed_project.name),
        ]
    );
    // Added rows point at themselves in the new version.
    let row = d
        .changes
        .iter()
        .find(|c| c.place == "2010101 行政运行")
        .expect("added row");
    assert_eq!(row.location, Location::row(Sheet::Budget, last));
    assert!(
        row.what
            .describe()
            .contains("一般公共预算拨款·基本支出 5.00")
    );
    // The projects' indicators come and go with them: no line each.
    assert!(!d.changes.iter().any(|c| c.place.contains("指标第")));
    // Nothing else changed: the other project kept its place by name.
    assert_eq!(d.changes.len(), 4, "{:#?}", d.changes);
}

#[test]
fn a_text_change_is_marked_where_it_changed() {
    let old = example();
    let mut new = old.clone();
    new.projects[1].purpose = "发放群众投诉热线及数字城管工作聘用人员工资".into();
    let d = diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    let c = &d.changes[0];
    assert_eq!(
        c.location,
        Location::field(Sheet::Project(1), Field::Named(FieldName::Purpose))
    );
    assert_eq!(
        c.what.describe(),
        "发放群众投诉热线【删：、市长专线】及数字城管工作聘用人员工资"
    );
    // No figure moved.
    assert!(d.derived.is_empty(), "{:#?}", d.derived);
}

#[test]
fn different_departments_and_units_are_said_first() {
    let old = example();
    let mut other = old.clone();
    other.meta.dept_name = "青山区财政局".into();
    let d = diff(&old, &other);
    assert!(d.notes[0].contains("不是同一部门"), "{:?}", d.notes);
    assert!(d.notes[0].contains("青山区大数据中心") && d.notes[0].contains("青山区财政局"));

    // The same figures in 元: only the unit differs, the amounts compare equal.
    let yuan =
        yusuan::derive::printed::converted(&old, yusuan::model::MoneyUnit::Yuan).into_owned();
    let mut yuan = yuan;
    yuan.meta.unit = yusuan::model::MoneyUnit::Yuan;
    let d = diff(&old, &yuan);
    assert!(d.notes.iter().any(|n| n.contains("换算")), "{:?}", d.notes);
    assert!(
        d.changes.iter().all(|c| c.place.contains("金额单位")),
        "{:#?}",
        d.changes
    );
}

#[test]
fn equal_versions_have_no_differences() {
    let d = diff(&example(), &example());
    assert!(d.is_empty(), "{d:#?}");
}

fn run(args: &[&str]) -> (i32, String) {
    support::yusuan(args)
}

#[test]
fn the_command_exits_0_when_equal_1_when_different_2_when_unreadable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new_path = dir.path().join("new.ron");
    let mut new = example();
    new.budget_lines[0].amounts.insert(
        (FundSource::GeneralBudget, SpendingKind::Basic),
        m("312.36"),
    );
    new.projects[1].purpose = "发放群众投诉热线及数字城管工作聘用人员工资".into();
    yusuan::io::save(&new_path, &new).expect("save");
    let new_s = new_path.to_str().expect("utf-8 path");
    let before = std::fs::read(&new_path).expect("read");

    let (code, out) = run(&["diff", EXAMPLE, EXAMPLE]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("两个版本内容相同"), "{out}");

    let (code, out) = run(&["diff", EXAMPLE, new_s]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("【收支预算】"), "{out}");
    assert!(out.contains("309.86 → 312.36（+2.50）"), "{out}");
    assert!(out.contains("【删：、市长专线】"), "{out}");
    assert!(out.contains("随之变动的合计与公开表"), "{out}");
    // Neither file is touched.
    assert_eq!(std::fs::read(&new_path).expect("read"), before);

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, meta: (").expect("write");
    let (code, out) = run(&["diff", EXAMPLE, broken.to_str().expect("utf-8")]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("broken.ron"), "{out}");
    let (code, _) = run(&["diff", "/nonexistent/a.ron", EXAMPLE]);
    assert_eq!(code, 2);

    // Different departments: said before anything else.
    let other = dir.path().join("other.ron");
    let mut doc = example();
    doc.meta.dept_name = "青山区财政局".into();
    yusuan::io::save(&other, &doc).expect("save");
    let (code, out) = run(&["diff", EXAMPLE, other.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("注意：两个文件不是同一部门"), "{out}");
}

/// 上海 prints its tables in fixed units (元). A version entered in 万元
/// compared with one entered in 元 shows the published figures as they
/// print, not ×10⁴ or ÷10⁴: with the same figures no table cell moved, and
/// one changed amount (in 收支预算 and its 经济科目 row) moves its cells
/// by exactly that amount in 元.
#[test]
fn a_shanghai_diff_across_units_compares_the_printed_tables_once_converted() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/shanghai-2025.ron");
    let old = yusuan::io::load(Path::new(path)).expect("example loads");
    assert_eq!(old.meta.unit, yusuan::model::MoneyUnit::Yuan);
    let catalog = yusuan::catalogs::for_document(&old.meta);
    let mut wan =
        yusuan::derive::printed::converted(&old, yusuan::model::MoneyUnit::WanYuan).into_owned();
    wan.meta.unit = yusuan::model::MoneyUnit::WanYuan;
    let d = compare(&old, &wan, &catalog);
    assert!(d.derived.is_empty(), "{:#?}", d.derived);

    // One 一般公共预算 基本支出 amount up by 1 万元 = 10 000 元.
    let key = (FundSource::GeneralBudget, SpendingKind::Basic);
    let line = wan
        .budget_lines
        .iter_mut()
        .find(|l| l.amounts.contains_key(&key))
        .expect("a 基本支出 line");
    let before = line.amount(key.0, key.1);
    line.set_amount(key.0, key.1, before + m("1"));
    // …and the same 1 万元 in its 经济科目 split, so both still agree.
    wan.basic_by_economic[0].amount += m("1");
    let d = compare(&old, &wan, &catalog);
    let cells: Vec<_> = d.derived.iter().filter(|c| c.column.is_some()).collect();
    assert!(!cells.is_empty(), "{:#?}", d.derived);
    for c in cells {
        assert_eq!(c.new - c.old, m("10000"), "{}: {}", c.place, c.describe());
    }
}

#[test]
fn a_renamed_project_is_one_change_and_its_indicators_pair_by_name() {
    let old = example();
    assert!(old.projects[1].indicators.len() >= 2);
    let mut new = old.clone();
    let renamed = format!("{}（二期）", old.projects[1].name);
    new.projects[1].name = renamed.clone();
    // A new indicator put first must not make the others look changed.
    let mut inserted = new.projects[1].indicators[0].clone();
    inserted.name = "新增指标".into();
    new.projects[1].indicators.insert(0, inserted);
    let d = diff(&old, &new);
    let places: Vec<(&str, String)> = d
        .changes
        .iter()
        .map(|c| (c.place.as_str(), c.what.describe()))
        .collect();
    assert_eq!(d.changes.len(), 2, "{places:#?}");
    // The rename: one text change of the project, at its page in the new version.
    let name = d
        .changes
        .iter()
        .find(|c| matches!(&c.what, What::Text { new, .. } if *new == renamed))
        .expect("the rename reads as a text change");
    assert_eq!(name.location.sheet, Sheet::Project(1));
    // The inserted indicator is the one addition, at its row.
    let added = d
        .changes
        .iter()
        .find(|c| matches!(c.what, What::Added(_)))
        .expect("an indicator added");
    assert!(added.what.describe().contains("新增指标"), "{places:#?}");
    assert_eq!(added.location, Location::row(Sheet::Project(1), 0));
}

#[test]
fn projects_of_older_files_pair_by_name_when_their_assigned_codes_shift() {
    // Files of older builds get codes on load in list order: deleting the
    // first project gives the second the first's code.
    let mut old = example();
    old.projects[0].code = "XM001".into();
    old.projects[1].code = "XM002".into();
    let mut new = old.clone();
    new.projects.remove(0);
    new.projects[0].code = "XM001".into();
    let d = diff(&old, &new);
    let removed: Vec<&str> = d
        .changes
        .iter()
        .filter(|c| matches!(c.what, What::Removed(_)))
        .map(|c| c.place.as_str())
        .collect();
    assert_eq!(removed, vec![format!("项目“{}”", old.projects[0].name)]);
    // The kept project is paired by its name: only its code moved.
    let rest: Vec<&What> = d
        .changes
        .iter()
        .filter(|c| !matches!(c.what, What::Removed(_)))
        .map(|c| &c.what)
        .collect();
    assert_eq!(
        rest,
        vec![&What::Text {
            old: "XM002".into(),
            new: "XM001".into()
        }]
    );
}

#[test]
fn a_project_renamed_keeps_its_typed_code_and_pairs_by_it() {
    let mut old = example();
    old.projects[0].code = "420107-21-0001".into();
    let mut new = old.clone();
    new.projects.swap(0, 1);
    new.projects[1].name = "改名后的项目".into();
    let d = diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    assert_eq!(d.changes[0].location.sheet, Sheet::Project(1));
}

/// Issue 23: two versions in the same template id whose template content
/// differs (a region's template re-installed between them) are told apart:
/// table differences may come from the template, not from the figures.
#[test]
fn versions_in_an_edited_template_say_so() {
    let with_hash = |h: &str| {
        let text = std::fs::read_to_string(EXAMPLE).expect("example");
        let text = text.replacen(
            "    meta: (\n",
            &format!(
                "    meta: (\n        template: Ref(id: \"Wuhan2021\", hash: Some(\"{h}\")),\n"
            ),
            1,
        );
        assert!(text.contains(h), "the example names its template");
        yusuan::io::from_str(&text).expect("loads")
    };
    let d = diff(&with_hash("aaaa"), &with_hash("bbbb"));
    assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
    assert!(d.notes[0].contains("模板内容不同"), "{:?}", d.notes);
    // Same content, or a file from before hashes: nothing to say.
    assert!(
        diff(&with_hash("aaaa"), &with_hash("aaaa"))
            .notes
            .is_empty()
    );
    assert!(diff(&example(), &with_hash("aaaa")).notes.is_empty());
}
