//! The 政府采购 and 政府购买服务 sheets: listed only where the template
//! prints their table (issue 21: the template decides what is asked), and a
//! row entered by keyboard that one undo takes back.

use crate::support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::app::{harness_for, type_into};
use yusuan::location::Sheet;
use yusuan::model::{BudgetLine, Document, FunctionCode, FundSource, SpendingKind};
use yusuan::money::parse_amount;
use yusuan::template::Template;
use yusuan::ui::{App, Command, Page};

/// A blank document in `template` with one 收支预算 line (2013350, 100).
pub(crate) fn doc(template: Template) -> Document {
    let mut d = yusuan::ui::blank_document(2025);
    d.meta.template = template;
    d.meta.dept_name = "测试部门".into();
    let mut l = BudgetLine {
        code: FunctionCode::new("2013350"),
        name: "事业运行".into(),
        ..Default::default()
    };
    l.set_amount(
        FundSource::GeneralBudget,
        SpendingKind::Basic,
        parse_amount("100").expect("amount"),
    );
    d.budget_lines = vec![l];
    d
}

/// The sheets the app lists.
pub(crate) fn sheets(h: &Harness<'static, App>) -> Vec<Sheet> {
    h.state()
        .pages()
        .into_iter()
        .filter_map(|p| match p.page {
            Page::Sheet(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn the_purchase_sheets_are_listed_only_where_the_template_prints_them() {
    let h = harness_for(App::new_with(doc(Template::Wuhan2021), None));
    let s = sheets(&h);
    assert!(!s.contains(&Sheet::Procurement) && !s.contains(&Sheet::PurchasedServices));
    let h = harness_for(App::new_with(doc(Template::Tianjin2026), None));
    let s = sheets(&h);
    assert!(s.contains(&Sheet::Procurement), "{s:?}");
    assert!(!s.contains(&Sheet::PurchasedServices), "{s:?}");
    let h = harness_for(App::new_with(doc(Template::Beijing2025), None));
    let s = sheets(&h);
    assert!(s.contains(&Sheet::Procurement) && s.contains(&Sheet::PurchasedServices));
}

#[test]
fn a_purchase_row_entered_by_keyboard_is_undone_in_steps() {
    let mut h = harness_for(App::new_with(doc(Template::Beijing2025), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::PurchasedServices)));
    h.run();
    h.get_by_label("新增一行").click();
    h.run();
    assert_eq!(h.state().document().purchased_services.len(), 1);
    type_into(&mut h, "政府购买服务 第1行 服务名称", "物业管理服务");
    type_into(&mut h, "政府购买服务 第1行 功能科目编码", "2013350");
    type_into(&mut h, "政府购买服务 第1行 金额", "45");
    let row = &h.state().document().purchased_services[0];
    assert_eq!(row.name, "物业管理服务");
    assert_eq!(row.code.as_str(), "2013350");
    assert_eq!(row.amount, parse_amount("45").expect("amount"));
    assert_eq!(h.state().undo_steps(), 4);
    // Each undo takes back one step: the amount, then the code …
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().document().purchased_services[0].amount.is_zero());
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    // … and the added row is gone.
    assert!(h.state().document().purchased_services.is_empty());
}

#[test]
fn with_procurement_rows_the_other_matters_form_shows_their_totals_read_only() {
    let input = egui::accesskit::Role::TextInput;
    let mut d = doc(Template::Tianjin2026);
    d.other.procurement_goods = parse_amount("9").expect("amount");
    // Without rows the typed 货物类 is an input, as in older files.
    let mut h = harness_for(App::new_with(d.clone(), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Other)));
    h.run();
    assert!(h.query_by_role_and_label(input, "货物类").is_some());
    // With rows, the three figures are their sums by 采购类型, shown and
    // not typed, and the form says where they come from.
    d.procurement = vec![yusuan::model::ProcurementItem {
        name: "物业管理服务".into(),
        kind: yusuan::model::ProcurementKind::Services,
        code: FunctionCode::new("2013350"),
        amount: parse_amount("12.5").expect("amount"),
    }];
    let mut h = harness_for(App::new_with(d, None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Other)));
    h.run();
    for label in ["货物类", "工程类", "服务类"] {
        assert!(
            h.query_by_role_and_label(input, label).is_none(),
            "{label} is still typed"
        );
    }
    assert!(
        h.query_by_label_contains("由政府采购明细按采购类型合计得出")
            .is_some()
    );
    // 服务类 and the 合计.
    assert_eq!(h.query_all_by_label("12.50").count(), 2);
    assert_eq!(h.query_all_by_label("9.00").count(), 0);
}

#[test]
fn pasted_procurement_kinds_set_the_dropdown_as_a_choice_does() {
    let mut h = harness_for(App::new_with(doc(Template::Tianjin2026), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Procurement)));
    h.run();
    for _ in 0..3 {
        h.get_by_label("新增一行").click();
        h.run();
    }
    // A block copied from a spreadsheet: every column, 采购类型 included,
    // lands in its own cell (货物类 and 工程 read as the dropdown reads them).
    h.get_by_label("政府采购 第1行 采购项目").focus();
    h.run();
    h.event(egui::Event::Paste(
        "台式计算机\t货物\t2013350\t5\r\n维修工程\t工程类\t2013350\t3\r\n印刷\t其他\t2013350\t1\r\n"
            .into(),
    ));
    h.run();
    let rows = &h.state().document().procurement;
    use yusuan::model::ProcurementKind as K;
    assert_eq!(
        rows.iter()
            .map(|p| (p.name.as_str(), p.kind, p.code.as_str()))
            .collect::<Vec<_>>(),
        [
            ("台式计算机", K::Goods, "2013350"),
            ("维修工程", K::Works, "2013350"),
            // Text that names no 采购类型 is not taken; the rest of the row is.
            ("印刷", K::Goods, "2013350"),
        ]
    );
    assert_eq!(rows[1].amount, parse_amount("3").expect("amount"));
    assert_eq!(h.state().undo_steps(), 4);
    // The text not taken stays in view beside the dropdown.
    assert_eq!(h.query_all_by_label("其他").count(), 1);
    // One cell pasted onto the dropdown sets it too.
    h.get_by_label("政府采购 第3行 采购类型").focus();
    h.run();
    h.event(egui::Event::Paste("服务\r\n".into()));
    h.run();
    assert_eq!(h.state().document().procurement[2].kind, K::Services);
}

/// 四川 prints a 政府性基金预算 "三公" table (公开表4-1): its "三公" page asks
/// for that block too, typed figures go to that fact (not the 一般公共预算
/// one), and undo takes them back; 武汉 2021 prints none and asks nothing.
#[test]
fn the_gov_fund_three_public_is_asked_where_the_template_prints_it() {
    let mut h = harness_for(App::new_with(doc(Template::Wuhan2021), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::ThreePublic)));
    h.run();
    assert!(h.query_by_label("政府性基金公务接待费").is_none());

    let mut h = harness_for(App::new_with(doc(Template::Sichuan2025), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::ThreePublic)));
    h.run();
    type_into(&mut h, "政府性基金公务接待费", "3");
    let d = h.state().document();
    assert_eq!(
        d.gov_fund_three_public.reception,
        parse_amount("3").expect("amount")
    );
    assert!(d.three_public.reception.is_zero());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().document().gov_fund_three_public.is_zero());
}
