//! yusuan's layout floor: the bundled fonts, text measuring, line breaking
//! and pagination into pages of positioned glyph runs, lines and boxes.
//!
//! It knows nothing of budgets: [`yusuan_print`'s composer] turns a document
//! into [`layout::Block`]s and the PDF writer draws the laid-out pages.
//!
//! [`yusuan_print`'s composer]: layout

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

pub mod fonts;
pub mod layout;
pub mod text;
