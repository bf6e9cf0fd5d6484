//! yusuan — 部门预算编制.
//!
//! The core library: document model, classification catalog, derivation of
//! the published tables, 审核 rules, the 第三部分 narrative, page layout, PDF,
//! spreadsheet reading, file I/O, the reviewer's checklist and version
//! comparison, and the CLI. The desktop app (`ui`, feature `gui`) is a thin
//! layer over it.

// Nothing a user or a file controls may panic the library: every fallible
// step returns an error the caller can show (tests may unwrap).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod comments;
pub mod compose;
pub mod derive;
pub mod diff;
pub mod fonts;
pub mod import;
pub mod io;
pub mod layout;
pub mod location;
pub mod merge;
pub mod model;
pub mod money;
pub mod narrative;
pub mod numerals;
pub mod pdf;
pub mod platform;
pub mod rollover;
pub mod rules;
pub mod sheet;
pub mod start;
pub mod template;
pub mod text;
pub mod xlsx;

#[cfg(feature = "gui")]
pub mod ui;
