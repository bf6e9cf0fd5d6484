//! yusuan's spreadsheets: reading the workbooks preparers have (xlsx, xls,
//! ods, csv) into plain cells, and importing their figures into a document
//! with a preview that accounts for every cell.

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

pub mod catalog_import;
pub mod import;
pub mod sheet;

use yusuan_core::{catalog, derive, detail_sheet, model, money, narrative};
