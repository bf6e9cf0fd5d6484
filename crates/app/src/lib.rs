//! yusuan's desktop app (egui/eframe): a thin layer over the core, files,
//! sheets and print crates.

// Nothing a user or a file controls may panic the library: every fallible
// step returns an error the caller can show (tests may unwrap). A library
// never prints or ends the process: the command line decides what to say
// and the exit code.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::print_stdout,
        clippy::print_stderr,
        clippy::exit
    )
)]

pub mod ui;

use yusuan_core::{
    catalog, comments, derive, diff, location, model, money, narrative, numerals, rollover, rules,
    start, template,
};
use yusuan_files::{catalogs, io, merge, platform, templates};
use yusuan_layout::text;
use yusuan_print::{compose, export, xlsx};
use yusuan_sheets::{catalog_import, import};
