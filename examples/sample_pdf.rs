//! Writes the synthetic seed document (tests/common) as a PDF, for looking at
//! the layout: `cargo run --no-default-features --example sample_pdf -- out.pdf [large]`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "sample.pdf".into());
    let (doc, parts) = if args.next().as_deref() == Some("large") {
        common::large()
    } else {
        (common::seed_document(), common::seed_parts())
    };
    match yusuan::export::pdf(
        &doc,
        &parts,
        &yusuan::compose::ExportOptions::default(),
        std::path::Path::new(&out),
    ) {
        Ok(r) => println!("{out}: {} pages, {} bytes", r.pages, r.bytes),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
