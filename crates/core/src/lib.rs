//! yusuan's core: the budget document as entered and everything computed
//! from it, with no GUI, no PDF, no spreadsheet and no disk.
//!
//! Floors inside the crate, each using only those before it (the layering
//! test in `tests/layering.rs` keeps them): `money`, `numerals` → `model`
//! (the document as stored, comments and provenance included) → `location`,
//! `catalog`, `template` → `derive` → `content`, `narrative` → `rules`,
//! `comments`, `diff`, `rollover`, `start`.

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

pub mod catalog;
pub mod comments;
pub mod content;
pub mod derive;
pub mod detail_sheet;
pub mod diff;
pub mod location;
pub mod model;
pub mod money;
pub mod narrative;
pub mod numerals;
pub mod rollover;
pub mod rules;
pub mod start;
pub mod template;

use yusuan_layout::{fonts, layout, text};
