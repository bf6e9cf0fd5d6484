//! The desktop app (feature `gui`): entry grids over the core's document
//! model, the 审核 panel, read-only previews of 表1–表8, undo/redo and files.
//!
//! Layout follows egui's `wrap_app`: persisted state apart from runtime
//! state, an enum for the selected page, and a `#[must_use]` [`Command`]
//! collected during the frame and applied once at its end.

mod app;
mod cells;
mod changes;
mod command;
mod core;
mod edit;
mod files;
mod fonts;
mod grid;
mod page;
mod picker;
mod sheets;
mod theme;
mod undo;

pub use app::{App, Persisted, Setup};
pub use cells::Buffer;
pub use cells::Kind;
pub use changes::Changed;
pub use command::Command;
pub use core::{Computed, Mark};
pub use edit::{Edit, List, Value};
pub use files::{blank as blank_document, example as example_document};
pub use fonts::install_fonts;
pub use page::{Page, PageEntry, PageGroup};
pub use picker::function_path;

use std::path::PathBuf;

/// Id under which eframe stores the app's settings and where untitled
/// autosave copies go.
pub(crate) const APP_ID: &str = "yusuan";

/// Opens the app window on `path`, or on the bundled example.
pub fn run(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("部门预算编制")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([800.0, 500.0])
            .with_app_id(APP_ID)
            .with_icon(window_icon()),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            // Office documents on a white page: light by default.
            cc.egui_ctx.set_theme(egui::ThemePreference::Light);
            let persisted = cc
                .storage
                .and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY));
            Ok(Box::new(app::App::start(path, persisted)))
        }),
    )
}

/// The window and taskbar icon (eframe's own logo otherwise): 64×64 RGBA
/// drawn by `scripts/make-icon.py`, like the exe's and the .deb's icons.
fn window_icon() -> egui::IconData {
    egui::IconData {
        rgba: include_bytes!("../../../../assets/icon/yusuan-64.rgba").to_vec(),
        width: 64,
        height: 64,
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, self.persisted());
    }
}
