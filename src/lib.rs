//! yusuan — 部门预算编制.
//!
//! The root package: the command line ([`cli`], one file per subcommand,
//! the only place that prints to a terminal or picks an exit code). Everything else
//! lives in the crates under `crates/`, one per floor (docs/architecture.md);
//! they are re-exported here under their module names so that tests,
//! examples and benches name them as `yusuan::model`, `yusuan::pdf`, ….

// Nothing a user or a file controls may panic the library: every fallible
// step returns an error the caller can show (tests may unwrap).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod console;

pub use yusuan_core::{
    catalog, comments, content, derive, detail_sheet, diff, location, model, money, narrative,
    numerals, rollover, rules, start, template,
};
pub use yusuan_files::{catalogs, io, merge, platform, templates};
pub use yusuan_layout::{fonts, layout, text};
pub use yusuan_print::{checklist, compose, export, pdf, stamp, xlsx};
pub use yusuan_sheets::{catalog_import, import, sheet};

#[cfg(feature = "gui")]
pub use yusuan_app::ui;
