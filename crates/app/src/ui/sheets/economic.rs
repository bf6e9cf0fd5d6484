//! 一般公共预算基本支出 by 经济科目 款, each counted as 人员经费 or 公用经费.

use crate::location::{Field, Location, Sheet};
use crate::model::CostBucket;
use crate::ui::cells::{Kind, SheetCtx, derived};
use crate::ui::edit::{Edit, List, Value};
use crate::ui::grid::{Grid, GridColumn, paste_hint, plain_loc};
use crate::ui::picker::economic_picker;
use egui::Ui;

/// Draws the sheet.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    paste_hint(ui, cx);
    economic_picker(ui, cx);
    let computed = cx.computed;
    let t = &computed.derived.totals;
    ui.horizontal(|ui| {
        for (label, m) in [
            ("合计", t.economic_total()),
            ("人员经费", t.personnel),
            ("公用经费", t.public),
        ] {
            ui.label(label);
            ui.allocate_ui([110.0, 22.0].into(), |ui| {
                derived(ui, &computed.amount(m), true)
            });
            ui.add_space(crate::ui::theme::BLOCK_GAP);
        }
        ui.label(format!(
            "（收支预算中一般公共预算基本支出：{}）",
            computed.amount(t.general_basic)
        ));
    });
    gov_economic(ui, cx);
    let columns = [
        GridColumn::edit("科目编码", 80.0, Field::Code, Kind::Text),
        GridColumn::edit("科目名称", 240.0, Field::Name, Kind::Text),
        GridColumn::fixed("人员/公用", 110.0),
        GridColumn::edit("金额", 120.0, Field::Value, Kind::Money(cx.doc.meta.unit)),
        GridColumn::edit(
            "上年预算数",
            110.0,
            Field::PriorValue,
            Kind::Money(cx.doc.meta.unit),
        ),
        GridColumn::fixed("", 52.0),
    ];
    let grid = Grid {
        id: "economic-grid",
        sheet: Sheet::Economic,
        rows: doc.basic_by_economic.len(),
        columns: &columns,
        loc: plain_loc,
        scroll: true,
        totals: None,
    };
    grid.show(ui, cx, |ui, cx, r, c| {
        let Some(line) = doc.basic_by_economic.get(r) else {
            return;
        };
        let label = format!("{} {}", line.code, line.name);
        match c {
            0 => {
                cx.text(
                    ui,
                    Location::cell(Sheet::Economic, r, Field::Code),
                    line.code.as_str(),
                    &format!("{label} 科目编码"),
                    72.0,
                );
            }
            1 => {
                cx.text(
                    ui,
                    Location::cell(Sheet::Economic, r, Field::Name),
                    &line.name,
                    &format!("{label} 科目名称"),
                    232.0,
                );
            }
            2 => {
                let loc = Location::cell(Sheet::Economic, r, Field::Bucket);
                let options = [
                    (CostBucket::Personnel, CostBucket::Personnel.label()),
                    (CostBucket::Public, CostBucket::Public.label()),
                ];
                if let Some(b) = cx.choice(
                    ui,
                    loc,
                    &line.bucket,
                    &options,
                    &format!("{label} 人员/公用"),
                    96.0,
                ) {
                    cx.edit(Edit::Set(vec![(loc, Value::Bucket(b))]));
                }
            }
            3 => {
                cx.money(
                    ui,
                    Location::cell(Sheet::Economic, r, Field::Value),
                    line.amount,
                    &format!("{label} 金额"),
                    112.0,
                );
            }
            4 => {
                cx.money(
                    ui,
                    Location::cell(Sheet::Economic, r, Field::PriorValue),
                    line.prior.unwrap_or_default(),
                    &format!("{label} 上年预算数"),
                    102.0,
                );
            }
            _ => {
                if !cx.read_only && ui.small_button("删除").on_hover_text("删除本行").clicked()
                {
                    cx.edit(Edit::Remove(List::EconomicLines, r));
                }
            }
        }
    });
}

/// The 政府预算经济分类 derived from these lines (read-only), where the
/// template prints a table by it.
fn gov_economic(ui: &mut Ui, cx: &SheetCtx) {
    if !crate::rules::gov_economic::printed(cx.doc) {
        return;
    }
    let computed = cx.computed;
    let g = &computed.derived.gov_economic;
    let side = match g.side {
        crate::catalog::UnitSide::Organ => "机关",
        crate::catalog::UnitSide::Institution => "事业单位",
    };
    egui::CollapsingHeader::new(format!(
        "政府预算经济分类（按对应关系推得，只读；按{side}）：合计 {}",
        computed.amount(g.total())
    ))
    .id_salt("gov-economic")
    .show(ui, |ui| {
        egui::Grid::new("gov-economic-grid")
            .striped(true)
            .show(ui, |ui| {
                for l in &g.lines {
                    ui.label(&l.code);
                    ui.label(&l.name);
                    ui.label(l.bucket.label());
                    ui.allocate_ui([110.0, 22.0].into(), |ui| {
                        derived(ui, &computed.amount(l.amount), false)
                    });
                    ui.label(format!("← {}", l.from.join("、")));
                    ui.end_row();
                }
            });
        for &i in &g.unmapped {
            if let Some(l) = cx.doc.basic_by_economic.get(i) {
                ui.label(format!(
                    "{} {}：对应关系中没有对应科目，未列入",
                    l.code, l.name
                ));
            }
        }
    });
}
