//! Frame time of the app, headless: `cargo bench --bench frame_time`.
//!
//! Runs the app through `egui::Context::run_ui` (layout, text shaping and
//! tessellation; no GPU) on the bundled example and on a generated document
//! with 500 and 5,000 功能科目 rows, with the 收支预算 grid shown and scrolled, and
//! prints the median milliseconds per frame and per edit against the
//! targets of issue 15.

use std::time::Instant;
use yusuan::location::Sheet;
use yusuan::model::{BudgetLine, Document, FunctionCode, FundSource, SpendingKind};
use yusuan::money::Money;
use yusuan::ui::{App, Command, Page};

const FRAMES: usize = 200;

fn large(rows: usize) -> Document {
    let mut doc = yusuan::ui::example_document();
    doc.budget_lines = (0..rows)
        .map(|i| {
            let mut l = BudgetLine {
                code: FunctionCode::new(format!(
                    "{}",
                    2_010_101 + (i / 50) * 10_000 + (i % 50) * 100 + 1
                )),
                name: format!("测试科目{}", i + 1),
                ..Default::default()
            };
            l.set_amount(
                FundSource::GeneralBudget,
                SpendingKind::Basic,
                Money::from_cents(12_345 + i as i64),
            );
            if i % 3 == 0 {
                l.set_amount(
                    FundSource::GeneralBudget,
                    SpendingKind::Project,
                    Money::from_cents(5_000 + i as i64),
                );
            }
            if i % 7 == 0 {
                l.set_amount(
                    FundSource::InstitutionIncome,
                    SpendingKind::Basic,
                    Money::from_cents(700),
                );
            }
            l
        })
        .collect();
    doc
}

fn input(frame: usize) -> egui::RawInput {
    let mut raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 820.0),
        )),
        time: Some(frame as f64 / 60.0),
        ..Default::default()
    };
    // Scroll the grid a little every frame, so rows keep changing.
    raw.events
        .push(egui::Event::PointerMoved(egui::pos2(600.0, 400.0)));
    raw.events.push(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -24.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    raw
}

/// One frame: layout and tessellation; texture updates are what a renderer
/// would upload, dropped here.
fn frame(ctx: &egui::Context, app: &mut App, n: usize) {
    let mut out = ctx.run_ui(input(n), |ui| app.show(ui));
    out.textures_delta.clear();
    let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
}

/// Median milliseconds per frame over `FRAMES` frames.
fn measure(name: &str, doc: Document, page: Page, target: &str) {
    let ctx = egui::Context::default();
    yusuan::ui::install_fonts(&ctx);
    let mut app = App::new_with(doc, None);
    app.queue(Command::Select(page));
    // Warm up: fonts, galley caches.
    for f in 0..20 {
        frame(&ctx, &mut app, f);
    }
    let mut times: Vec<f64> = (0..FRAMES)
        .map(|f| {
            let start = Instant::now();
            frame(&ctx, &mut app, 20 + f);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let ms = times[FRAMES / 2];
    println!("{name:<36} {ms:>7.3} ms/frame   target {target}");
}

/// Median time to recompute tables, findings, counts and marks after one
/// edit (what the app does on every change, undo and redo included).
fn recompute(name: &str, doc: &Document, target: &str) {
    let catalog = yusuan::catalogs::nearest(doc.meta.year);
    let n = if doc.budget_lines.len() > 1000 {
        30
    } else {
        FRAMES
    };
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(yusuan::ui::Computed::new(doc, &catalog));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let findings = yusuan::ui::Computed::new(doc, &catalog).findings.len();
    let ms = times[n / 2];
    println!("{name:<36} {ms:>7.3} ms/edit ({findings} findings)   target {target}");
}

fn main() {
    let example = yusuan::ui::example_document;
    measure("example, 汇总", example(), Page::Summary, "< 1 ms");
    measure(
        "example, 收支预算",
        example(),
        Page::Sheet(Sheet::Budget),
        "< 2 ms",
    );
    for rows in [500, 5_000] {
        let (grid, preview, summary, edit) = if rows == 500 {
            ("< 2 ms", "< 2 ms", "< 1 ms", "< 2 ms")
        } else {
            ("≤ 10× 500", "≤ 10× 500", "≤ 10× 500", "≤ 10× 500")
        };
        measure(
            &format!("{rows} rows, 收支预算"),
            large(rows),
            Page::Sheet(Sheet::Budget),
            grid,
        );
        measure(
            &format!("{rows} rows, 表8 preview"),
            large(rows),
            Page::Sheet(Sheet::Table(8)),
            preview,
        );
        measure(
            &format!("{rows} rows, 汇总"),
            large(rows),
            Page::Summary,
            summary,
        );
        recompute(
            &format!("{rows} rows, derive + rules per edit"),
            &large(rows),
            edit,
        );
    }
}
