//! The 财政拨款经济分类 sheet (四川 公开表2-1's facts): listed only where the
//! template prints a 功能 × 经济 table, and a figure entered by keyboard
//! that undo takes back.

use crate::support;

use crate::purchases_app::{doc, sheets};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use support::app::{harness_for, type_into};
use yusuan::location::Sheet;
use yusuan::money::parse_amount;
use yusuan::template::Template;
use yusuan::ui::{App, Command, Page};

#[test]
fn the_split_sheet_is_listed_only_where_the_template_prints_it() {
    let h = harness_for(App::new_with(doc(Template::Wuhan2021), None));
    assert!(!sheets(&h).contains(&Sheet::FiscalByEconomic));
    let h = harness_for(App::new_with(doc(Template::Sichuan2025), None));
    assert!(sheets(&h).contains(&Sheet::FiscalByEconomic));
}

#[test]
fn a_split_figure_entered_by_keyboard_is_undone() {
    let mut h = harness_for(App::new_with(doc(Template::Sichuan2025), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::FiscalByEconomic)));
    h.run();
    h.get_by_label("新增一行").click();
    h.run();
    type_into(&mut h, "财政拨款经济分类 第1行 功能科目编码", "2013350");
    type_into(&mut h, "财政拨款经济分类 第1行 经济科目编码", "30101");
    type_into(&mut h, "财政拨款经济分类 第1行 基本支出", "100");
    let row = &h.state().document().fiscal_by_economic[0];
    assert_eq!(row.code.as_str(), "2013350");
    assert_eq!(row.economic_code.as_str(), "30101");
    assert_eq!(row.basic, parse_amount("100").expect("amount"));
    assert_eq!(h.state().undo_steps(), 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().document().fiscal_by_economic[0].basic.is_zero());
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(h.state().document().fiscal_by_economic.is_empty());
}
