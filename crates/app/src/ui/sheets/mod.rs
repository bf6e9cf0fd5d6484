//! One module per sheet; [`show`] draws the selected one.

mod budget;
mod cross;
mod economic;
mod forms;
mod indicators;
mod performance;
mod project;
mod purchases;
mod summary;
mod table;

use super::cells::SheetCtx;
use super::page::Page;
use crate::location::Sheet;
use egui::Ui;

/// Draws a page.
pub fn show(ui: &mut Ui, cx: &mut SheetCtx, page: Page) {
    match page {
        Page::Summary => summary::show(ui, cx),
        Page::Sheet(sheet) => match sheet {
            Sheet::Meta => forms::meta(ui, cx),
            Sheet::Overview => forms::overview(ui, cx),
            Sheet::Budget => budget::show(ui, cx),
            Sheet::Economic => economic::show(ui, cx),
            Sheet::ThreePublic => forms::three_public(ui, cx),
            Sheet::Project(i) => project::show(ui, cx, i),
            Sheet::Performance => performance::show(ui, cx),
            Sheet::Other => forms::other(ui, cx),
            Sheet::Narrative => forms::narrative(ui, cx),
            Sheet::Glossary => forms::glossary(ui, cx),
            Sheet::Table(n) => table::show(ui, cx, n),
            Sheet::Procurement => purchases::procurement(ui, cx),
            Sheet::PurchasedServices => purchases::services(ui, cx),
            Sheet::FiscalByEconomic => cross::show(ui, cx),
        },
    }
}
