//! The 科目 picker: type a code prefix (`2013350`) or part of a name
//! (`事业运行`) and pick from the year's catalog.

use super::cells::SheetCtx;
use super::edit::Edit;
use crate::model::CostBucket;
use egui::{ScrollArea, TextEdit, Ui};

/// Results shown at most.
const LIMIT: usize = 30;

/// Picker for 功能科目 (项 level); a pick adds a 收支预算 row.
pub fn function_picker(ui: &mut Ui, cx: &mut SheetCtx) {
    ui.horizontal(|ui| {
        ui.label("新增科目：");
        ui.add(
            TextEdit::singleline(&mut cx.view.function_query)
                .hint_text("输入科目编码或名称，如 2013350 或 事业运行")
                .desired_width(320.0),
        )
        .accessible_name("功能科目搜索");
    });
    let q = cx.view.function_query.trim().to_string();
    if q.is_empty() {
        return;
    }
    let hits: Vec<_> = cx
        .catalog
        .search_functions(&q, LIMIT)
        .into_iter()
        .map(|(c, e)| (c, e.name.clone()))
        .collect();
    results(ui, "function-picker", hits.len(), |ui, i| {
        let (code, name) = &hits[i];
        let used = cx.doc.budget_lines.iter().any(|l| &l.code == code);
        let label = format!("{code} {name}{}", if used { "（已有）" } else { "" });
        if ui
            .add_enabled(!used && !cx.read_only, egui::Button::new(label))
            .clicked()
        {
            cx.edit(Edit::AddBudgetLine(code.clone(), name.clone()));
            cx.view.function_query.clear();
        }
    });
}

/// Picker for 经济科目 (款 level); a pick adds a 基本支出 row with the
/// catalog's 人员/公用 default.
pub fn economic_picker(ui: &mut Ui, cx: &mut SheetCtx) {
    ui.horizontal(|ui| {
        ui.label("新增经济科目：");
        ui.add(
            TextEdit::singleline(&mut cx.view.economic_query)
                .hint_text("输入科目编码或名称，如 30101 或 基本工资")
                .desired_width(320.0),
        )
        .accessible_name("经济科目搜索");
    });
    let q = cx.view.economic_query.trim().to_string();
    if q.is_empty() {
        return;
    }
    let hits: Vec<_> = cx
        .catalog
        .search_economics(&q, LIMIT)
        .into_iter()
        .map(|(c, e)| (c, e.name.clone(), e.bucket.unwrap_or(CostBucket::Public)))
        .collect();
    results(ui, "economic-picker", hits.len(), |ui, i| {
        let (code, name, bucket) = &hits[i];
        let used = cx.doc.basic_by_economic.iter().any(|l| &l.code == code);
        let label = format!(
            "{code} {name}（{}）{}",
            bucket.label(),
            if used { "（已有）" } else { "" }
        );
        if ui
            .add_enabled(!used && !cx.read_only, egui::Button::new(label))
            .clicked()
        {
            cx.edit(Edit::AddEconomicLine(code.clone(), name.clone(), *bucket));
            cx.view.economic_query.clear();
        }
    });
}

fn results(ui: &mut Ui, id: &str, n: usize, mut row: impl FnMut(&mut Ui, usize)) {
    if n == 0 {
        ui.label("科目表中没有匹配的科目");
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ScrollArea::vertical()
            .id_salt(id)
            .max_height(160.0)
            .show(ui, |ui| {
                for i in 0..n {
                    row(ui, i);
                }
            });
    });
}
