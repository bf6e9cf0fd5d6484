//! yusuan's files on disk: loading and saving documents, the one guarded
//! writer every output goes through, locks, crash recovery, the installed
//! 科目表 catalogs and merging the units' files.

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

pub mod catalogs;
pub mod io;
pub mod merge;
pub mod platform;
pub mod templates;

use yusuan_core::{catalog, comments, model, template};
