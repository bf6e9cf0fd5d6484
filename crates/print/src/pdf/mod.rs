//! PDF output: draws the pages [`crate::layout`] placed (and nothing else:
//! it never sees the document; [`crate::export`] runs the steps before it), with the fonts embedded
//! as subsets (with ToUnicode maps, so the text can be selected and
//! searched), and writes the file atomically.

mod cmap;
mod subset;
mod write;

pub use write::write_atomically;

use crate::fonts::FontFace;
use crate::layout::{Item, Layout, OutlineEntry, Page};
use printpdf::{
    Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
    TextMatrix,
};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Why an export failed. Messages are for the 填报人.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The PDF could not be serialised (a defect; nothing was written).
    #[error("生成 PDF 内容时出错：{0}。文件未写入，请将此信息告知开发者")]
    Serialize(String),
    /// A compiled-in font could not be read (a damaged installation).
    #[error("无法读取内置字体 {0}，程序文件可能已损坏，请重新安装本软件")]
    Font(String),
    /// No temporary file could be created next to the target.
    #[error("无法在文件夹“{dir}”中写入：{why}。请确认该文件夹存在且有写入权限，或另选保存位置", dir = .dir.display(), why = crate::io::reason(.source))]
    TempFile {
        /// The folder.
        dir: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The finished file could not be put in place.
    #[error(
        "无法保存为“{path}”：{why}。请检查磁盘空间和文件夹权限；如果该文件正在其他程序中打开，请先关闭后重试",
        path = .path.display(),
        why = crate::io::reason(.source)
    )]
    Persist {
        /// The target path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The guarded writer refused the target (a document, an input, a
    /// read-only file).
    #[error(transparent)]
    Refused(crate::io::WriteError),
}

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportReport {
    /// Number of pages.
    pub pages: usize,
    /// File size in bytes.
    pub bytes: u64,
}

/// A text run for printpdf: as text (glyphs looked up in the direct
/// table, see [`cmap`]), with any character beyond it given by glyph id.
fn text_items(text: &str, font: &[u8]) -> Vec<TextItem> {
    if text.chars().all(|c| c <= cmap::LAST_DIRECT) {
        return vec![TextItem::Text(text.to_string())];
    }
    let mut items = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if c <= cmap::LAST_DIRECT {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            items.push(TextItem::Text(std::mem::take(&mut run)));
        }
        let gid = cmap::glyph_id(font, c);
        items.push(TextItem::GlyphIds(vec![printpdf::Codepoint::with_cid(
            gid,
            0.0,
            c.to_string(),
        )]));
    }
    if !run.is_empty() {
        items.push(TextItem::Text(run));
    }
    items
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Draws `layout` into PDF bytes with `title` and `author` in the metadata.
pub fn render(layout: &Layout, title: &str, author: &str) -> Result<Vec<u8>, PdfError> {
    let pages = layout.pages.iter().map(Cow::Borrowed).collect();
    render_pages(pages, &layout.outline, title, author)
}

/// [`render`] consuming the layout: each page is dropped as soon as it is
/// drawn, so memory holds one copy of the pages at a time (a 100,000-row
/// document is some 15,000 pages).
pub(crate) fn render_owned(layout: Layout, title: &str, author: &str) -> Result<Vec<u8>, PdfError> {
    let pages = layout.pages.into_iter().map(Cow::Owned).collect();
    render_pages(pages, &layout.outline, title, author)
}

/// [`render`] over pages given one by one: owned pages are dropped as soon
/// as they are drawn.
fn render_pages(
    laid: Vec<Cow<'_, Page>>,
    outline: &[OutlineEntry],
    title: &str,
    author: &str,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.author = author.to_string();
    pdf.metadata.info.creator = "yusuan".to_string();
    pdf.metadata.info.producer = "yusuan (printpdf)".to_string();
    // printpdf leaves the dates at 1970-01-01; a reader's 文档属性 should
    // show when the file was made.
    let when = printpdf::DateTime::from_unix_timestamp(crate::stamp::export_time())
        .unwrap_or_else(|_| printpdf::DateTime::now());
    pdf.metadata.info.creation_date = when;
    pdf.metadata.info.modification_date = when;
    pdf.metadata.info.metadata_date = when;

    // Each face with the characters it draws, cut down to them.
    let mut chars: [BTreeSet<char>; 6] = Default::default();
    for t in laid.iter().flat_map(|p| p.texts()) {
        chars[t.face.index()].extend(t.text.chars());
    }
    let mut ids: [Option<printpdf::FontId>; 6] = Default::default();
    let mut fonts: [Vec<u8>; 6] = Default::default();
    for face in FontFace::ALL {
        let i = face.index();
        if chars[i].is_empty() {
            continue;
        }
        // Should cutting ever fail for some set of characters, the whole
        // face still prints them (slower); only an unreadable face stops.
        let cut = subset::subset_face(face, &chars[i]).or_else(|_| subset::whole_face(face))?;
        ids[i] = Some(pdf.add_font(&cut.font));
        fonts[i] = cut.bytes;
    }

    let mut pages = Vec::with_capacity(laid.len());
    for page in laid {
        let h = page.geometry.height;
        let mut ops = Vec::new();
        let mut in_text = false;
        let mut font: Option<(FontFace, f32)> = None;
        let mut spacing = 0.0f32;
        let mut stroke: Option<f32> = None;
        for item in &page.items {
            match item {
                Item::Text(t) => {
                    if t.text.is_empty() {
                        continue;
                    }
                    let Some(id) = ids[t.face.index()].clone() else {
                        continue;
                    };
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        in_text = true;
                        font = None;
                        spacing = 0.0;
                    }
                    if font != Some((t.face, t.size)) {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(id),
                            size: Pt(t.size),
                        });
                        font = Some((t.face, t.size));
                    }
                    if spacing != t.letter_spacing {
                        ops.push(Op::SetCharacterSpacing {
                            multiplier: t.letter_spacing,
                        });
                        spacing = t.letter_spacing;
                    }
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(t.x), Pt(h - t.y)),
                    });
                    ops.push(Op::ShowText {
                        items: text_items(&t.text, &fonts[t.face.index()]),
                    });
                }
                Item::Rule(r) => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    if stroke != Some(r.width) {
                        ops.push(Op::SetOutlineThickness { pt: Pt(r.width) });
                        stroke = Some(r.width);
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![point(r.x1, h - r.y1), point(r.x2, h - r.y2)],
                            is_closed: false,
                        },
                    });
                }
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        ops.shrink_to_fit();
        let mut p = PdfPage::new(Pt(page.geometry.width).into(), Pt(h).into(), ops);
        let size = printpdf::Rect::from_wh(Pt(page.geometry.width), Pt(h));
        p.media_box = size.clone();
        p.trim_box = size.clone();
        p.crop_box = size;
        pages.push(p);
    }
    for e in outline.iter().filter(|e| e.level == 0) {
        pdf.add_bookmark(&e.title, e.page_index + 1);
    }
    let mut warnings = Vec::new();
    // printpdf's `save` compresses every stream at the best (slowest) level
    // on one core; we take its document unoptimised and compress it here.
    let opts = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut doc = pdf
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut warnings);
    // The drawing operations are in `doc` now.
    drop(pdf);
    compress_streams(&mut doc);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| PdfError::Serialize(e.to_string()))?;
    Ok(bytes)
}

/// Deflate level of the PDF's streams: the size of the example's PDF at
/// levels 6 and 9 differs by under 1%, the time by about half
/// (`cargo bench --bench export`).
const DEFLATE_LEVEL: u32 = 6;

/// Compresses the streams that allow it, in parallel (they are independent:
/// the page contents and the font subsets), keeping a stream uncompressed
/// where deflate does not make it smaller, as lopdf does.
fn compress_streams(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
    use std::io::Write as _;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|s| {
        let mut z = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(s.content.len() / 2),
            flate2::Compression::new(DEFLATE_LEVEL),
        );
        // Writing into memory cannot fail; a stream that somehow did stays
        // uncompressed, which is still a valid PDF.
        let Ok(packed) = z.write_all(&s.content).and_then(|()| z.finish()) else {
            return;
        };
        if packed.len() + 19 < s.content.len() {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(packed);
        }
    });
}
