//! Integration tests of everything below the desktop app: the command line
//! (run as the built binary), loading and saving, imports, PDF and xlsx
//! read back. One test binary, so `cargo test` links the program once for
//! all of them (each file here was its own binary, and linking 21 of them
//! was most of a clean CI run).

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/mod.rs"]
mod support;

mod catalog;
mod cross_checks;
mod diff;
mod document;
mod golden;
mod hostile;
mod import_columns;
mod import_integrity;
mod layering;
mod layouts;
mod merge;
mod pdf_export;
mod pdf_hostile;
mod purchases;
mod readme;
mod review;
mod sheet_hostile;
mod table_queries;
mod template_store;
mod templates;
mod text_patterns;
mod xlsx;
