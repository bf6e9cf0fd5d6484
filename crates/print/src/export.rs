//! From a document to a printed file, each step once: the content derived
//! from the document (tables and 情况说明, [`crate::content::Parts`], which
//! the caller computes once per document state with
//! `narrative::parts`) is composed into blocks ([`crate::compose`]), laid
//! out into pages ([`crate::layout`]) as the PDF writer ([`crate::pdf`])
//! draws them, one batch at a time; the writer sees only the pages.

use crate::compose::{ExportOptions, Parts};
use crate::layout::Metrics;
use crate::model::Document;
use crate::pdf::{ExportReport, PdfError};
use std::path::Path;

/// Lays out `doc` (with the derived `parts`, taken so that they are gone
/// before the pages are drawn) and writes it as a PDF to `out`.
/// The file appears complete or not at all: it is written to a temporary
/// file in the same folder, synced, then renamed over `out`.
pub fn pdf(
    doc: &Document,
    parts: Parts,
    opts: &ExportOptions,
    out: &Path,
) -> Result<ExportReport, PdfError> {
    let blocks = crate::compose::compose(doc, &parts, opts);
    // A long document's derived tables are as large as its blocks.
    drop(parts);
    let title = format!("{}{}年部门预算", doc.meta.dept_name, doc.meta.year);
    let author = if opts.author.trim().is_empty() {
        doc.meta.full_name().to_string()
    } else {
        opts.author.clone()
    };
    let (drawn, pages) = crate::pdf::render_blocks(blocks, Metrics::shared(), &title, &author)?;
    let bytes = drawn.save(out)?;
    Ok(ExportReport { pages, bytes })
}
