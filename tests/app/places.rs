//! Places by identity in the app: text still being typed, a finding's jump
//! and an undo step's place name the 科目 code and the column, so they stay
//! on their 科目 when rows are added, removed and reordered (an Excel
//! import that sorts them) between when they were made and when they are
//! used.

use crate::support::app::{harness_for, type_into};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use yusuan::location::{Field, Location, Sheet};
use yusuan::model::{BudgetLine, Document, FunctionCode, FundSource, SpendingKind};
use yusuan::money::Money;
use yusuan::ui::{App, Command, Edit, List, Page};

/// The 2080505 row's 一般公共预算拨款·基本支出 cell, as its label reads.
const PENSION: &str = "2080505 机关事业单位基本养老保险缴费支出 一般公共预算拨款 基本支出";

fn example() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example loads")
}

fn basic(row: usize) -> Location {
    Location::cell(
        Sheet::Budget,
        row,
        Field::Amount(FundSource::GeneralBudget, SpendingKind::Basic),
    )
}

/// Where 2080505 is now.
fn pension_row(h: &Harness<'static, App>) -> usize {
    h.state()
        .document()
        .budget_lines
        .iter()
        .position(|l| l.code.as_str() == "2080505")
        .expect("2080505 is in the document")
}

fn pension_basic(h: &Harness<'static, App>) -> Money {
    let r = pension_row(h);
    h.state().document().budget_lines[r].amount(FundSource::GeneralBudget, SpendingKind::Basic)
}

/// Every row but 2080505.
fn others(h: &Harness<'static, App>) -> Vec<BudgetLine> {
    let lines = &h.state().document().budget_lines;
    lines
        .iter()
        .filter(|l| l.code.as_str() != "2080505")
        .cloned()
        .collect()
}

fn edit(h: &mut Harness<'static, App>, edit: Edit) {
    h.state_mut().queue(Command::Edit { edit, typing: None });
    h.run();
}

/// Rows added, the first removed, and the rest put in reverse order by a
/// replace (what an import that sorts differently does): three steps.
fn move_rows(h: &mut Harness<'static, App>) {
    edit(
        h,
        Edit::AddBudgetLine(FunctionCode::new("2050203"), "初中教育".into()),
    );
    edit(h, Edit::Remove(List::BudgetLines, 0));
    let mut sorted = h.state().document().clone();
    sorted.budget_lines.reverse();
    edit(h, Edit::Replace(Box::new(sorted), "从 Excel 导入".into()));
}

fn open_budget(h: &mut Harness<'static, App>) {
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Budget)));
    h.run();
}

/// Text that does not read as an amount stays in its cell (not in the
/// document); when rows above it go and the rest are reordered, it stays
/// on 2080505's cell, and correcting it there sets 2080505 and no other
/// row. Before, it stayed at its row number, which then showed another
/// 科目, and correcting it wrote to that 科目.
#[test]
fn text_being_typed_stays_on_its_code_when_rows_move() {
    let doc = example();
    assert_eq!(doc.budget_lines[2].code.as_str(), "2080505");
    let mut h = harness_for(App::new_with(doc, None));
    open_budget(&mut h);
    type_into(&mut h, PENSION, "12a");
    let u = h.state().unreadable();
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(u[0].location, basic(2));
    let stored = pension_basic(&h);

    move_rows(&mut h);
    let now = pension_row(&h);
    assert_ne!(now, 2, "the row moved");
    let u = h.state().unreadable();
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(u[0].location, basic(now), "the typed text follows 2080505");
    assert_eq!(pension_basic(&h), stored, "nothing unreadable was stored");

    let before = others(&h);
    type_into(&mut h, PENSION, "12.5");
    assert!(h.state().unreadable().is_empty());
    assert_eq!(pension_basic(&h), Money::from_cents(1250));
    assert_eq!(others(&h), before, "no other row changed");

    // Text typed into a row that is then deleted goes with its row; it
    // does not move onto the row that takes its place.
    type_into(&mut h, PENSION, "34b");
    assert_eq!(h.state().unreadable().len(), 1);
    let r = pension_row(&h);
    edit(&mut h, Edit::Remove(List::BudgetLines, r));
    assert!(
        h.state().unreadable().is_empty(),
        "{:?}",
        h.state().unreadable()
    );
}

/// A finding made before rows moved jumps, when clicked after, to its
/// 科目's cell wherever that row is now.
#[test]
fn a_finding_jumps_to_its_code_after_rows_move() {
    let mut doc = example();
    doc.budget_lines[2].name = "养老保险缴费".into();
    let mut h = harness_for(App::new_with(doc, None));
    let made = h
        .state()
        .computed()
        .findings
        .iter()
        .find(|f| f.rule == "C02" && f.message.contains("养老保险缴费"))
        .cloned()
        .expect("C02 on the renamed row");
    assert_eq!(made.location.row, Some(2));
    move_rows(&mut h);
    let now = h
        .state()
        .document()
        .budget_lines
        .iter()
        .position(|l| l.name == "养老保险缴费")
        .expect("still there");
    assert_ne!(now, 2, "the row moved");
    let text = format!("{}：{}", made.location.sheet.label(), made.message);
    h.get_by_label(&text).click();
    h.run();
    h.run();
    assert_eq!(h.state().page(), Page::Sheet(Sheet::Budget));
    assert_eq!(
        h.state().focused_cell(),
        Some(Location::cell(Sheet::Budget, now, Field::Name)),
        "the renamed 科目's name cell, not row 3's"
    );
}

/// An amount typed into 2080505, then rows moved by later edits: undoing
/// back past the moves restores 2080505's value and shows its cell, and
/// redoing the amount sets it on 2080505 again, wherever the row is.
#[test]
fn undo_and_redo_find_their_code_after_rows_moved() {
    let doc = example();
    let original = doc.budget_lines[2].amount(FundSource::GeneralBudget, SpendingKind::Basic);
    let mut h = harness_for(App::new_with(doc, None));
    open_budget(&mut h);
    type_into(&mut h, PENSION, "777");
    assert_eq!(pension_basic(&h), Money::from_cents(77_700));
    move_rows(&mut h);
    // Three moves, then the amount.
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    h.run();
    assert_eq!(pension_basic(&h), original, "2080505's value is back");
    assert_eq!(
        h.state().focused_cell(),
        Some(basic(pension_row(&h))),
        "undo shows 2080505's cell"
    );
    assert!(
        h.query_by_label_contains("已撤销").is_some(),
        "the status bar says so"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    h.run();
    assert_eq!(pension_basic(&h), Money::from_cents(77_700));
    assert_eq!(h.state().focused_cell(), Some(basic(pension_row(&h))));
}
