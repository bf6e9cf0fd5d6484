//! PDF output: draws the pages [`crate::layout`] placed (and nothing else:
//! it never sees the document; [`crate::export`] runs the steps before it), with the fonts embedded
//! as subsets (with ToUnicode maps, so the text can be selected and
//! searched), and writes the file atomically.

mod cmap;
mod subset;
mod write;

pub use write::{write_atomically, write_streamed};

use crate::fonts::{Family, FontFace, Weight};
use crate::layout::{
    Block, Item, Layout, Metrics, OutlineEntry, Page, TocNumbers, has_toc, paginate, paginate_last,
};
use printpdf::{
    Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
    TextMatrix,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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
    let mut seen = Seen::default();
    layout.pages.iter().for_each(|p| seen.add(p));
    seen.outline = layout.outline.clone();
    let mut w = Writer::new(seen, title, author)?;
    for page in &layout.pages {
        w.page(page)?;
    }
    w.finish()?.into_bytes()
}

/// Lays `blocks` out and draws them page by page (the drawn document, to
/// be saved, and the page count): memory holds one batch of pages, never
/// the document's (a 100,000-line document is some 15,000 pages, which held
/// 740 MB when laid out whole, twice over for the 目录); the last pass
/// drops each table once it is set.
///
/// Two passes of the paginator: the first finds each face's characters
/// (the fonts are cut to them before any page is drawn), the page sizes,
/// the outline and the 目录's page numbers; the second draws. The passes
/// place the same pages but for the 目录's numbers, whose characters are
/// counted in advance; the writer checks every page against the first pass
/// and refuses a difference rather than draw missing glyphs.
pub fn render_blocks(
    blocks: Vec<Block>,
    metrics: &Metrics,
    title: &str,
    author: &str,
) -> Result<(Drawn, usize), PdfError> {
    let mut seen = Seen::default();
    seen.outline = paginate(&blocks, metrics, &TocNumbers::default(), &mut |p| {
        seen.add(&p);
    });
    let toc = TocNumbers::from_outline(&seen.outline);
    if has_toc(&blocks) {
        // What the 目录 may print in the second pass only: its page
        // numbers, and the `…` of a title shortened to make room for them.
        let face = FontFace::new(Family::Serif, Weight::Regular);
        seen.chars[face.index()].extend(
            ('0'..='9')
                .chain(['…'])
                .filter(|&c| metrics.has_glyph(face, c)),
        );
    }
    let pages = seen.sizes.len();
    let mut w = Writer::new(seen, title, author)?;
    let mut failed = None;
    paginate_last(blocks, metrics, &toc, &mut |page| {
        if failed.is_none() {
            failed = w.page(&page).err();
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok((w.finish()?, pages)),
    }
}

/// What the writer must know before the first page is drawn.
#[derive(Default)]
struct Seen {
    /// Each face's characters.
    chars: [BTreeSet<char>; 6],
    /// Each page's size.
    sizes: Vec<(f32, f32)>,
    /// The bookmarks.
    outline: Vec<OutlineEntry>,
}

impl Seen {
    fn add(&mut self, page: &Page) {
        for t in page.texts() {
            self.chars[t.face.index()].extend(t.text.chars());
        }
        self.sizes.push((page.geometry.width, page.geometry.height));
    }
}

/// The PDF being written: a frame document (page sizes, fonts, outline,
/// metadata) from printpdf with empty pages, whose page contents are drawn
/// a batch at a time as pages arrive, so memory holds one batch's
/// operations and uncompressed streams rather than the whole document's.
struct Writer {
    pdf: PdfDocument,
    doc: lopdf::Document,
    opts: PdfSaveOptions,
    ids: [Option<printpdf::FontId>; 6],
    fonts: [Vec<u8>; 6],
    chars: [BTreeSet<char>; 6],
    sizes: Vec<(f32, f32)>,
    /// Each page's content stream in the frame, in page order.
    slots: Vec<lopdf::ObjectId>,
    /// Pages drawn so far.
    drawn: usize,
    batch: Vec<PdfPage>,
}

impl Writer {
    fn new(seen: Seen, title: &str, author: &str) -> Result<Self, PdfError> {
        let Seen {
            chars,
            sizes,
            outline,
        } = seen;
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

        pdf.pages = sizes
            .iter()
            .enumerate()
            .map(|(i, &(w, h))| {
                // The first frame page shows every character once per face so
                // that printpdf gives each font the widths and ToUnicode
                // entries of all its glyphs; its content is replaced below.
                let ops = if i == 0 {
                    specimen(&chars, &ids, &fonts)
                } else {
                    Vec::new()
                };
                frame_page(w, h, ops)
            })
            .collect();
        for e in outline.iter().filter(|e| e.level == 0) {
            pdf.add_bookmark(&e.title, e.page_index + 1);
        }
        // printpdf's `save` compresses every stream at the best (slowest)
        // level on one core; we take its document unoptimised and compress
        // it here.
        let opts = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let doc = pdf.to_lopdf_document(&opts, &mut Vec::new());
        let slots: Vec<lopdf::ObjectId> = doc
            .get_pages()
            .into_values()
            .map(|page| doc.get_page_contents(page).first().copied())
            .collect::<Option<_>>()
            .ok_or_else(|| PdfError::Serialize("页面缺少内容流".into()))?;
        if slots.len() != sizes.len() {
            return Err(PdfError::Serialize(format!(
                "页数不符：{} / {}",
                slots.len(),
                sizes.len()
            )));
        }
        // Batches carry no outline (it names pages outside them) and no
        // frame pages.
        pdf.bookmarks = Default::default();
        pdf.pages = Vec::new();
        Ok(Writer {
            pdf,
            doc,
            opts,
            ids,
            fonts,
            chars,
            sizes,
            slots,
            drawn: 0,
            batch: Vec::with_capacity(BATCH),
        })
    }

    /// Draws the next page (the pages must be those `Seen` counted).
    fn page(&mut self, page: &Page) -> Result<(), PdfError> {
        let i = self.drawn + self.batch.len();
        let size = (page.geometry.width, page.geometry.height);
        if self.sizes.get(i) != Some(&size) {
            return Err(PdfError::Serialize(format!("第 {} 页两次排版不同", i + 1)));
        }
        if let Some(c) = page.texts().find_map(|t| {
            t.text
                .chars()
                .find(|c| !self.chars[t.face.index()].contains(c))
        }) {
            return Err(PdfError::Serialize(format!(
                "第 {} 页的字符“{c}”不在嵌入的字体中",
                i + 1
            )));
        }
        self.batch.push(draw(page, &self.ids, &self.fonts));
        if self.batch.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Turns the batch into content streams, deflated in parallel, and puts
    /// them in their pages' slots.
    fn flush(&mut self) -> Result<(), PdfError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        self.pdf.pages = std::mem::take(&mut self.batch);
        let mut part = self.pdf.to_lopdf_document(&self.opts, &mut Vec::new());
        self.pdf.pages = Vec::new();
        let drawn: Vec<Vec<u8>> = part
            .get_pages()
            .into_values()
            .map(|page| {
                let id = part.get_page_contents(page).first().copied();
                match id.and_then(|id| part.objects.remove(&id)) {
                    Some(lopdf::Object::Stream(s)) => Ok(s.content),
                    _ => Err(PdfError::Serialize("页面缺少内容流".into())),
                }
            })
            .collect::<Result<_, _>>()?;
        drop(part);
        let n = drawn.len();
        let slots = self
            .slots
            .get(self.drawn..self.drawn + n)
            .ok_or_else(|| PdfError::Serialize("页数多于排版".into()))?;
        for (content, slot) in deflate_all(drawn).into_iter().zip(slots) {
            let Ok(lopdf::Object::Stream(s)) = self.doc.get_object_mut(*slot) else {
                return Err(PdfError::Serialize("页面内容流不可写".into()));
            };
            if let Some(packed) = content.packed {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(packed);
            } else {
                s.set_content(content.plain);
            }
        }
        self.drawn += n;
        self.batch = Vec::with_capacity(BATCH);
        Ok(())
    }

    /// The last batch: the document complete, to be saved.
    fn finish(mut self) -> Result<Drawn, PdfError> {
        self.flush()?;
        if self.drawn != self.slots.len() {
            return Err(PdfError::Serialize(format!(
                "页数不符：{} / {}",
                self.drawn,
                self.slots.len()
            )));
        }
        // The fonts and the rest: compressed once, the pages already are.
        compress_streams(&mut self.doc);
        Ok(Drawn(self.doc))
    }
}

/// A PDF drawn and compressed, not yet serialised: saved straight to its
/// file ([`Drawn::save`]), a long document's bytes are never held beside
/// its objects.
pub struct Drawn(lopdf::Document);

impl Drawn {
    /// The file's bytes.
    pub fn into_bytes(mut self) -> Result<Vec<u8>, PdfError> {
        let mut bytes = Vec::new();
        self.0
            .save_to(&mut bytes)
            .map_err(|e| PdfError::Serialize(e.to_string()))?;
        Ok(bytes)
    }

    /// Writes the file to `path` through the guarded writer
    /// ([`write_streamed`]); returns its length.
    pub fn save(mut self, path: &Path) -> Result<u64, PdfError> {
        write_streamed(path, |mut w| self.0.save_to(&mut w))
    }
}

/// Pages drawn per batch (some 20 MB of operations for a full table page
/// batch; more buys no speed, fewer costs printpdf's per-document work).
const BATCH: usize = 256;

/// A page of the frame: its size and `ops`.
fn frame_page(w: f32, h: f32, ops: Vec<Op>) -> PdfPage {
    let mut p = PdfPage::new(Pt(w).into(), Pt(h).into(), ops);
    let size = printpdf::Rect::from_wh(Pt(w), Pt(h));
    p.media_box = size.clone();
    p.trim_box = size.clone();
    p.crop_box = size;
    p
}

/// Every character of each face, shown once (see the frame in
/// [`Writer::new`]).
fn specimen(
    chars: &[BTreeSet<char>; 6],
    ids: &[Option<printpdf::FontId>; 6],
    fonts: &[Vec<u8>; 6],
) -> Vec<Op> {
    let mut ops = Vec::new();
    for face in FontFace::ALL {
        let i = face.index();
        let Some(id) = ids[i].clone() else { continue };
        let text: String = chars[i].iter().collect();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: text_items(&text, &fonts[i]),
        });
        ops.push(Op::EndTextSection);
    }
    ops
}

/// One laid-out page as printpdf operations.
fn draw(page: &Page, ids: &[Option<printpdf::FontId>; 6], fonts: &[Vec<u8>; 6]) -> PdfPage {
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
    frame_page(page.geometry.width, h, ops)
}

/// A stream's content, with its deflated form where that is smaller.
struct Deflated {
    plain: Vec<u8>,
    packed: Option<Vec<u8>>,
}

/// Deflates each stream in parallel (they are independent).
fn deflate_all(streams: Vec<Vec<u8>>) -> Vec<Deflated> {
    use rayon::prelude::*;
    streams
        .into_par_iter()
        .map(|plain| match deflate(&plain) {
            Some(packed) => Deflated {
                plain: Vec::new(),
                packed: Some(packed),
            },
            None => Deflated {
                plain,
                packed: None,
            },
        })
        .collect()
}

/// `content` deflated, where that makes it smaller (as lopdf decides).
fn deflate(content: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(content.len() / 2),
        flate2::Compression::new(DEFLATE_LEVEL),
    );
    // Writing into memory cannot fail; a stream that somehow did stays
    // uncompressed, which is still a valid PDF.
    let mut packed = z.write_all(content).and_then(|()| z.finish()).ok()?;
    // Kept until the file is written: give back the guessed capacity (half
    // the content; deflate makes a page's operations some eight times
    // smaller), which for 15,000 pages was 150 MB.
    packed.shrink_to_fit();
    (packed.len() + 19 < content.len()).then_some(packed)
}

/// Deflate level of the PDF's streams: the size of the example's PDF at
/// levels 6 and 9 differs by under 1%, the time by about half
/// (`cargo bench --bench export`).
const DEFLATE_LEVEL: u32 = 6;

/// Compresses the streams that allow it and are not yet compressed, in
/// parallel, keeping a stream uncompressed where deflate does not make it
/// smaller, as lopdf does.
fn compress_streams(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
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
        if let Some(packed) = deflate(&s.content) {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(packed);
        }
    });
}
