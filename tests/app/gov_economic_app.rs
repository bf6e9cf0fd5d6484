//! The 政府预算经济分类 derived from the 经济分类 sheet: shown read-only on
//! that sheet only where the template prints a table by it.

use crate::support;

use egui_kittest::kittest::Queryable;
use support::app::harness_for;
use yusuan::location::Sheet;
use yusuan::model::{BudgetUnit, CostBucket, Document, EconomicCode, EconomicLine, UnitKind};
use yusuan::money::parse_amount;
use yusuan::template::Template;
use yusuan::ui::{App, Command, Page};

fn doc(template: Template) -> Document {
    let mut d = yusuan::ui::blank_document(2025);
    d.meta.template = template;
    d.meta.dept_name = "测试部门".into();
    d.overview.units = vec![BudgetUnit {
        name: "本级".into(),
        kind: UnitKind::Administrative,
    }];
    d.basic_by_economic = vec![EconomicLine {
        code: EconomicCode::new("30101"),
        name: "基本工资".into(),
        bucket: CostBucket::Personnel,
        amount: parse_amount("96").expect("amount"),
        prior: None,
    }];
    d
}

#[test]
fn the_derived_gov_classification_shows_only_where_the_template_prints_it() {
    const HEADING: &str = "政府预算经济分类（按对应关系推得，只读；按机关）";
    let mut h = harness_for(App::new_with(doc(Template::Hunan2025), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Economic)));
    h.run();
    assert!(h.query_by_label_contains(HEADING).is_some());
    let derived = &h.state().computed().derived.gov_economic;
    assert_eq!(derived.lines.len(), 1);
    assert_eq!(derived.lines[0].code, "50101");
    let mut h = harness_for(App::new_with(doc(Template::Wuhan2021), None));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Economic)));
    h.run();
    assert!(h.query_by_label_contains(HEADING).is_none());
}
