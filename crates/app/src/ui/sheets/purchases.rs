//! 政府采购 and 政府购买服务: one row per item, each with the 功能科目 it
//! is paid from and its amount (the rules hold each 科目's items within
//! its spending). One grid serves both lists; only the third column
//! differs (采购类型 or 指导性目录).

use crate::location::{Field, Location, Sheet};
use crate::model::ProcurementKind;
use crate::ui::cells::{Kind, SheetCtx};
use crate::ui::edit::{Edit, List, Value};
use crate::ui::grid::{Grid, GridColumn, paste_hint, plain_loc};
use egui::Ui;

/// One row as the grid shows it.
struct Item<'a> {
    name: &'a str,
    code: &'a str,
    kind: Option<ProcurementKind>,
    category: &'a str,
    amount: crate::money::Money,
}

/// Draws the 政府采购 sheet.
pub fn procurement(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let items: Vec<Item> = doc
        .procurement
        .iter()
        .map(|p| Item {
            name: &p.name,
            code: p.code.as_str(),
            kind: Some(p.kind),
            category: "",
            amount: p.amount,
        })
        .collect();
    show(ui, cx, Sheet::Procurement, List::Procurement, &items);
}

/// Draws the 政府购买服务 sheet.
pub fn services(ui: &mut Ui, cx: &mut SheetCtx) {
    let doc = cx.doc;
    let items: Vec<Item> = doc
        .purchased_services
        .iter()
        .map(|p| Item {
            name: &p.name,
            code: p.code.as_str(),
            kind: None,
            category: &p.category,
            amount: p.amount,
        })
        .collect();
    show(
        ui,
        cx,
        Sheet::PurchasedServices,
        List::PurchasedServices,
        &items,
    );
}

fn show(ui: &mut Ui, cx: &mut SheetCtx, sheet: Sheet, list: List, items: &[Item]) {
    paste_hint(ui, cx);
    let total: crate::money::Money = items.iter().map(|i| i.amount).sum();
    ui.horizontal(|ui| {
        ui.label(format!(
            "合计：{}（按科目不超过{}，见审核）",
            cx.computed.amount(total),
            if sheet == Sheet::Procurement {
                "该科目的支出"
            } else {
                "该科目的财政拨款支出"
            }
        ));
        if !cx.read_only && ui.button("新增一行").clicked() {
            cx.edit(Edit::Push(list));
        }
    });
    let unit = cx.doc.meta.unit;
    let third = if sheet == Sheet::Procurement {
        GridColumn::edit("采购类型", 90.0, Field::PurchaseKind, Kind::PurchaseKind)
    } else {
        GridColumn::edit("指导性目录", 200.0, Field::Category, Kind::Text)
    };
    let name = if sheet == Sheet::Procurement {
        "采购项目"
    } else {
        "服务名称"
    };
    let columns = [
        GridColumn::edit(name, 240.0, Field::Name, Kind::Text),
        third,
        GridColumn::edit("功能科目编码", 100.0, Field::Code, Kind::Text),
        GridColumn::edit("金额", 120.0, Field::Value, Kind::Money(unit)),
        GridColumn::fixed("", 52.0),
    ];
    let grid = Grid {
        id: if sheet == Sheet::Procurement {
            "procurement-grid"
        } else {
            "services-grid"
        },
        sheet,
        rows: items.len(),
        columns: &columns,
        loc: plain_loc,
        scroll: true,
        totals: None,
    };
    grid.show(ui, cx, |ui, cx, r, c| {
        let Some(item) = items.get(r) else {
            return;
        };
        let label = format!("{} 第{}行", sheet.label(), r + 1);
        match c {
            0 => {
                cx.text(
                    ui,
                    Location::cell(sheet, r, Field::Name),
                    item.name,
                    &format!("{label} {name}"),
                    232.0,
                );
            }
            1 => match item.kind {
                Some(kind) => {
                    let loc = Location::cell(sheet, r, Field::PurchaseKind);
                    let options = ProcurementKind::ALL.map(|k| (k, k.label()));
                    if let Some(k) =
                        cx.choice(ui, loc, &kind, &options, &format!("{label} 采购类型"), 80.0)
                    {
                        cx.buffers.remove(&loc);
                        cx.edit(Edit::Set(vec![(loc, Value::PurchaseKind(k))]));
                    }
                    // Pasted text that names no 采购类型: shown, not taken.
                    if let Some(b) = cx.buffers.get(&loc)
                        && let Some(e) = &b.error
                    {
                        ui.colored_label(ui.visuals().error_fg_color, &b.text)
                            .on_hover_text(e);
                    }
                }
                None => {
                    cx.text(
                        ui,
                        Location::cell(sheet, r, Field::Category),
                        item.category,
                        &format!("{label} 指导性目录"),
                        192.0,
                    );
                }
            },
            2 => {
                cx.text(
                    ui,
                    Location::cell(sheet, r, Field::Code),
                    item.code,
                    &format!("{label} 功能科目编码"),
                    92.0,
                );
            }
            3 => {
                cx.money(
                    ui,
                    Location::cell(sheet, r, Field::Value),
                    item.amount,
                    &format!("{label} 金额"),
                    112.0,
                );
            }
            _ => {
                if !cx.read_only && ui.small_button("删除").on_hover_text("删除本行").clicked()
                {
                    cx.edit(Edit::Remove(list, r));
                }
            }
        }
    });
}
