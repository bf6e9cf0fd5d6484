//! yusuan's printing: the document and its derived content composed into
//! blocks ([`compose`]), laid out by `yusuan-layout`, and written as PDF
//! ([`pdf`], which sees only laid-out pages) or as an xlsx workbook
//! ([`xlsx`]); and the reviewer's checklist over many files with its CSV
//! and xlsx report ([`checklist`]).

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

pub mod checklist;
pub mod compose;
pub mod export;
pub mod pdf;
pub mod stamp;
pub mod xlsx;

use yusuan_core::{
    catalog, comments, content, derive, detail_sheet, diff, location, model, money, numerals,
    rules, template,
};
use yusuan_files::{catalogs, io};
use yusuan_layout::{fonts, layout, text};
