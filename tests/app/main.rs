//! Integration tests of the desktop app, driven headless through
//! `egui_kittest`. One test binary for all of them (see tests/cli/main.rs).
#![cfg(feature = "gui")]

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/mod.rs"]
mod support;

mod app;
mod app_import;
mod catalog_app;
mod compare_app;
mod cross_app;
mod first_hour;
mod fuzz;
mod gov_economic_app;
mod places;
mod prior_app;
mod purchases_app;
mod recovery;
mod review_comments;
mod smaller;
mod template_app;
