//! The paginator: places blocks one after another on pages, opens pages in
//! the orientation a block needs, keeps headings with what follows, repeats
//! table headers, numbers the pages and fills the 目录 (two passes: the
//! second knows every heading's page number). Pages leave as they are
//! completed ([`paginate`]), so a printer holds one page, not the document.

use super::linebreak::{Line, break_lines, break_title};
use super::metrics::Metrics;
use super::style::{BODY_LINE, HAlign, Orientation, PageGeometry, TextStyle, baseline_in_box, mm};
use super::table::{CAPTION_LINE, CAPTION_SIZE, Prepared, TableBlock, UNIT_LINE, UNIT_SIZE};
use super::{Block, Item, Layout, OutlineEntry, Page, TextRun};
use crate::fonts::{Family, FontFace, Weight};

const EPS: f32 = 0.01;
/// Body rows of a table measured at a time (see [`Flow::table`]).
const RUN_ROWS: usize = 512;
/// Size of page numbers: 4号.
pub(crate) const PAGE_NUMBER_SIZE: f32 = 14.0;

/// Lays out `blocks` into pages, all kept (for previews and tests; a
/// printer that draws page by page uses [`paginate`]).
pub fn layout(blocks: &[Block], metrics: &Metrics) -> Layout {
    let toc = if has_toc(blocks) {
        TocNumbers::from_outline(&paginate(
            blocks,
            metrics,
            &TocNumbers::default(),
            &mut |_| {},
        ))
    } else {
        TocNumbers::default()
    };
    let mut pages = Vec::new();
    let outline = paginate(blocks, metrics, &toc, &mut |p| pages.push(p));
    Layout { pages, outline }
}

/// Whether `blocks` hold a 目录, whose page numbers need a first pass.
pub fn has_toc(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| matches!(b, Block::Toc { .. }))
}

/// The page numbers the 目录 prints, one per outline entry: found by a
/// first pass over the blocks (whose pages are identical to the final
/// ones but for these numbers), given to the second.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TocNumbers(Vec<Option<u32>>);

impl TocNumbers {
    /// The numbers of a first pass's outline.
    pub fn from_outline(outline: &[OutlineEntry]) -> Self {
        TocNumbers(outline.iter().map(|e| e.page_number).collect())
    }
}

/// Lays out `blocks`, handing each page to `each` as soon as it is complete
/// and keeping none (a 100,000-line document is some 15,000 pages), with
/// the 目录 printing `toc`'s numbers (empty on a first pass). Returns the
/// outline.
pub fn paginate(
    blocks: &[Block],
    metrics: &Metrics,
    toc: &TocNumbers,
    each: &mut dyn FnMut(Page),
) -> Vec<OutlineEntry> {
    Flow::run(Blocks::Kept(blocks), metrics, &toc.0, each, RUN_ROWS)
}

/// [`paginate`] for the last pass over `blocks`: each table is dropped
/// once it is set, so that a long document's tables leave memory as its
/// pages are drawn (the blocks of a 100,000-line document are 170 MB).
pub fn paginate_last(
    mut blocks: Vec<Block>,
    metrics: &Metrics,
    toc: &TocNumbers,
    each: &mut dyn FnMut(Page),
) -> Vec<OutlineEntry> {
    Flow::run(Blocks::Spent(&mut blocks), metrics, &toc.0, each, RUN_ROWS)
}

/// The blocks a pass lays out: kept for another pass, or spent as it goes.
enum Blocks<'b> {
    Kept(&'b [Block]),
    Spent(&'b mut [Block]),
}

impl Blocks<'_> {
    fn all(&self) -> &[Block] {
        match self {
            Blocks::Kept(b) => b,
            Blocks::Spent(b) => b,
        }
    }
}

/// The orientation of the table the heading at `i` is kept with: the first
/// block after it that is not another heading, an anchor or space, when
/// that is a table.
fn headed_table(blocks: &[Block], i: usize) -> Option<Orientation> {
    for b in blocks.get(i + 1..)? {
        match b {
            Block::Table(t) => return Some(t.orientation()),
            Block::Text { style, .. } if style.keep_with_next => {}
            Block::Anchor { .. } | Block::Space(_) => {}
            _ => return None,
        }
    }
    None
}

struct Flow<'a> {
    metrics: &'a Metrics,
    /// The page being filled; earlier pages have gone to `each`.
    page: Option<Page>,
    /// Pages opened so far.
    count: usize,
    /// Numbered pages opened so far.
    numbers: u32,
    /// Whether the last page still takes content.
    open: bool,
    /// Whether the last page has flow content yet.
    has_content: bool,
    /// Whether new pages get a number.
    numbering: bool,
    y: f32,
    outline: Vec<OutlineEntry>,
    toc_numbers: &'a [Option<u32>],
    each: &'a mut dyn FnMut(Page),
    /// Body rows of a table measured at a time ([`RUN_ROWS`]).
    run_rows: usize,
}

impl<'a> Flow<'a> {
    fn run(
        mut blocks: Blocks,
        metrics: &'a Metrics,
        toc_numbers: &'a [Option<u32>],
        each: &'a mut dyn FnMut(Page),
        run_rows: usize,
    ) -> Vec<OutlineEntry> {
        let mut f = Flow {
            metrics,
            page: None,
            count: 0,
            numbers: 0,
            open: false,
            has_content: false,
            numbering: true,
            y: 0.0,
            outline: Vec::new(),
            toc_numbers,
            each,
            run_rows,
        };
        for i in 0..blocks.all().len() {
            let all = blocks.all();
            match &all[i] {
                Block::Cover(lines) => f.cover(lines),
                Block::Toc { title } => f.toc(title, all),
                Block::Text {
                    text,
                    style,
                    outline,
                    wrapped,
                } => {
                    // A heading goes on the page of the table it heads:
                    // not left alone on an upright page before a turned one.
                    let heads = style.keep_with_next.then(|| headed_table(all, i)).flatten();
                    f.text(text, style, *outline, wrapped.as_deref(), heads);
                }
                Block::Table(t) => f.table(t),
                Block::Anchor { title, level } => f.anchor(title, *level),
                Block::PageBreak => f.open = false,
                Block::Space(pts) => {
                    if f.open && f.has_content {
                        f.y += pts;
                    }
                }
            }
            // A table is what is large: set, in its place nothing but its
            // 目录 line, if it has one (a 目录 further on still lists it).
            if let Blocks::Spent(b) = &mut blocks
                && let Block::Table(t) = &mut b[i]
            {
                b[i] = match t.outline.take() {
                    Some((title, level)) => Block::Anchor { title, level },
                    None => Block::Space(0.0),
                };
            }
        }
        f.finish()
    }

    fn geometry(&self) -> PageGeometry {
        self.page
            .as_ref()
            .map(|p| p.geometry)
            .unwrap_or_else(|| PageGeometry::a4(Orientation::Portrait))
    }

    fn orientation(&self) -> Orientation {
        self.page
            .as_ref()
            .map(|p| p.orientation)
            .unwrap_or(Orientation::Portrait)
    }

    fn new_page(&mut self, orientation: Orientation) {
        self.complete();
        let geometry = PageGeometry::a4(orientation);
        // Numbers run on as pages open: a page never moves once opened.
        let number = self.numbering.then(|| {
            self.numbers += 1;
            self.numbers
        });
        self.page = Some(Page {
            geometry,
            orientation,
            number,
            items: Vec::new(),
        });
        self.count += 1;
        self.open = true;
        self.has_content = false;
        self.y = geometry.top;
    }

    /// Finishes the page being filled (shared borders drawn once, its
    /// number printed) and hands it on.
    fn complete(&mut self) {
        let Some(mut page) = self.page.take() else {
            return;
        };
        // Borders shared by a repeated header and the body are drawn once.
        let key = |v: f32| (v * 100.0).round() as i64;
        let mut seen = std::collections::HashSet::new();
        page.items.retain(|i| match i {
            Item::Rule(r) => seen.insert((key(r.x1), key(r.y1), key(r.x2), key(r.y2))),
            Item::Text(_) => true,
        });
        if let Some(n) = page.number {
            let face = FontFace::new(Family::Serif, Weight::Regular);
            let text = format!("— {n} —");
            let w = self.metrics.width(face, &text, PAGE_NUMBER_SIZE);
            let g = page.geometry;
            // 单页码居右空一字，双页码居左空一字; 7 mm below the text block.
            let x = if n % 2 == 1 {
                g.right() - PAGE_NUMBER_SIZE - w
            } else {
                g.left + PAGE_NUMBER_SIZE
            };
            page.items.push(Item::Text(TextRun {
                x,
                y: g.bottom() + mm(7.0) + 0.88 * PAGE_NUMBER_SIZE,
                face,
                size: PAGE_NUMBER_SIZE,
                letter_spacing: 0.0,
                width: w,
                text,
            }));
        }
        // A finished page gives back its spare capacity: a consumer that
        // keeps thousands of pages would hold up to twice what they use.
        page.items.shrink_to_fit();
        (self.each)(page);
    }

    fn ensure_page(&mut self, orientation: Orientation) {
        if !self.open || self.orientation() != orientation {
            self.new_page(orientation);
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(p) = &mut self.page {
            p.items.push(item);
        }
    }

    fn bottom(&self) -> f32 {
        self.geometry().bottom()
    }

    /// Places one line of text with its box top at `self.y`.
    #[expect(
        clippy::too_many_arguments,
        reason = "a text run is set by all of these; a struct would only rename them"
    )]
    fn line(
        &mut self,
        text: &str,
        face: FontFace,
        size: f32,
        line_h: f32,
        x: f32,
        width: f32,
        spacing: f32,
    ) {
        let run = TextRun {
            x,
            y: baseline_in_box(self.y, line_h, size),
            face,
            size,
            letter_spacing: spacing,
            width,
            text: text.to_string(),
        };
        self.push(Item::Text(run));
        self.y += line_h;
        self.has_content = true;
    }

    /// Sets a paragraph or heading; `heads` is the orientation of the table
    /// a heading is kept with, whose page it goes on.
    fn text(
        &mut self,
        text: &str,
        style: &TextStyle,
        outline: Option<u8>,
        wrapped: Option<&str>,
        heads: Option<Orientation>,
    ) {
        let orientation = match heads {
            Some(o) => o,
            None if self.open => self.orientation(),
            None => Orientation::Portrait,
        };
        self.ensure_page(orientation);
        let g = self.geometry();
        let indent = style.first_indent * style.size;
        let mut lines = break_lines(
            self.metrics,
            style.face,
            style.size,
            text,
            g.body_width,
            indent,
        );
        match wrapped {
            // Too long for one line: break between the phrases instead.
            Some(w) if lines.len() > 1 => {
                // As many whole phrases on a line as fit.
                let fits = |t: &str| {
                    break_lines(
                        self.metrics,
                        style.face,
                        style.size,
                        t,
                        g.body_width,
                        indent,
                    )
                    .len()
                        == 1
                };
                let mut packed: Vec<String> = Vec::new();
                for phrase in w.split('\n') {
                    match packed.last_mut() {
                        Some(last) if fits(&format!("{last}{phrase}")) => last.push_str(phrase),
                        _ => packed.push(phrase.to_string()),
                    }
                }
                let text = packed.join("\n");
                lines = break_lines(
                    self.metrics,
                    style.face,
                    style.size,
                    &text,
                    g.body_width,
                    indent,
                );
            }
            _ if style.align == HAlign::Center && lines.len() > 1 => {
                lines = self.balanced(text, style, g.body_width, lines);
            }
            _ => {}
        }
        if self.has_content {
            self.y += style.space_before;
        }
        if style.keep_with_next && self.has_content {
            let need =
                lines.len().min(3) as f32 * style.line_height + style.space_after + 2.0 * BODY_LINE;
            if self.y + need > self.bottom() + EPS {
                self.new_page(orientation);
            }
        }
        for (i, line) in lines.iter().enumerate() {
            if self.y + style.line_height > self.bottom() + EPS {
                self.new_page(orientation);
            }
            if let (0, Some(level)) = (i, outline) {
                self.outline.push(OutlineEntry {
                    title: text.replace('\n', " "),
                    level,
                    page_index: self.count - 1,
                    page_number: self.page.as_ref().and_then(|p| p.number),
                });
            }
            let start = g.left + if i == 0 { indent } else { 0.0 };
            let avail = g.right() - start;
            let n = line.text.chars().count();
            let (x, spacing, width) = match style.align {
                HAlign::Left => (start, 0.0, line.width),
                HAlign::Center => (start + (avail - line.width) / 2.0, 0.0, line.width),
                HAlign::Right => (g.right() - line.width, 0.0, line.width),
                HAlign::Justify => {
                    let slack = avail - line.width;
                    if !line.hard_end && n > 1 && slack > 0.0 && slack < 3.0 * style.size {
                        (start, slack / (n - 1) as f32, avail)
                    } else {
                        (start, 0.0, line.width)
                    }
                }
            };
            self.line(
                &line.text,
                style.face,
                style.size,
                style.line_height,
                x,
                width,
                spacing,
            );
        }
        self.y += style.space_after;
    }

    fn anchor(&mut self, title: &str, level: u8) {
        let orientation = if self.open {
            self.orientation()
        } else {
            Orientation::Portrait
        };
        self.ensure_page(orientation);
        self.outline.push(OutlineEntry {
            title: title.to_string(),
            level,
            page_index: self.count - 1,
            page_number: self.page.as_ref().and_then(|p| p.number),
        });
    }

    /// The narrowest breaking of a centred title into as many lines as at
    /// full width, so that no line is left with a single character.
    fn balanced(&self, text: &str, style: &TextStyle, width: f32, full: Vec<Line>) -> Vec<Line> {
        let n = full.len();
        let (mut lo, mut hi) = (width / n as f32, width);
        let mut best = full;
        for _ in 0..12 {
            let mid = (lo + hi) / 2.0;
            let try_lines = break_lines(self.metrics, style.face, style.size, text, mid, 0.0);
            if try_lines.len() <= n {
                best = try_lines;
                hi = mid;
            } else {
                lo = mid;
            }
        }
        best
    }

    fn cover(&mut self, lines: &[(String, TextStyle)]) {
        self.numbering = false;
        self.new_page(Orientation::Portrait);
        self.y = mm(80.0);
        for (text, style) in lines {
            self.text(text, style, None, None, None);
        }
        self.open = false;
        self.numbering = true;
    }

    fn toc(&mut self, title: &str, blocks: &[Block]) {
        self.numbering = false;
        self.new_page(Orientation::Portrait);
        self.text(
            title,
            &TextStyle::title().after(BODY_LINE),
            None,
            None,
            None,
        );
        let entries = blocks.iter().filter_map(|b| match b {
            Block::Text {
                text,
                outline: Some(level),
                ..
            } => Some((text.replace('\n', " "), *level)),
            Block::Anchor { title, level } => Some((title.clone(), *level)),
            Block::Table(t) => t.outline.clone(),
            _ => None,
        });
        let entries: Vec<(String, u8)> = entries.collect();
        let face = FontFace::new(Family::Serif, Weight::Regular);
        let size = 14.0;
        // The 目录 fits its page where it can: a few entries more than the
        // page holds at body spacing close up (down to 1.3 lines of 14 pt)
        // rather than run a few lines onto a second page.
        let room = self.bottom() - self.y;
        // Lines, a title too long for one counted twice (the page number's
        // width taken as two digits').
        let g = self.geometry();
        let digits = self.metrics.width(face, "99", size);
        let lines: usize = entries
            .iter()
            .map(|(text, level)| {
                let x = g.left + f32::from(*level) * 2.0 * size;
                let max = (g.right() - x - digits - 3.0 * size).max(size);
                let w = self.metrics.width(face, &crate::text::visible(text), size);
                1 + usize::from(w > max)
            })
            .sum();
        let line_h = if lines as f32 * BODY_LINE > room + EPS {
            (room / lines.max(1) as f32).clamp(size * 1.3, BODY_LINE)
        } else {
            BODY_LINE
        };
        for (i, (text, level)) in entries.into_iter().enumerate() {
            if self.y + line_h > self.bottom() + EPS {
                self.new_page(Orientation::Portrait);
            }
            let g = self.geometry();
            let x = g.left + f32::from(level) * 2.0 * size;
            let number = self
                .toc_numbers
                .get(i)
                .copied()
                .flatten()
                .map(|n| n.to_string())
                .unwrap_or_default();
            let num_w = self.metrics.width(face, &number, size);
            let max_title = (g.right() - x - num_w - 3.0 * size).max(size);
            // Other text reaches here through break_lines, which does this.
            let visible = crate::text::visible(&text);
            // A title too long for its line (上海's 8. 2025年部门一般公共预算
            // 基本支出部门预算经济分类预算表) goes on over a second line,
            // under itself; what the second does not hold is cut.
            // Where the title's text starts: after its ordinal on a second
            // line (a hanging indent, as printed 目录 set it).
            let mut tx = x;
            let title = if self.metrics.width(face, &visible, size) <= max_title {
                visible.into_owned()
            } else {
                // Between words, as a table's title breaks (not `2021` / `年`).
                let first = break_title(self.metrics, face, size, &visible, max_title, &[])
                    .into_iter()
                    .next()
                    .map(|l| l.text)
                    .unwrap_or_default();
                let rest: String = visible.chars().skip(first.chars().count()).collect();
                let width = self.metrics.width(face, &first, size);
                self.line(&first, face, size, line_h, x, width, 0.0);
                if self.y + line_h > self.bottom() + EPS {
                    self.new_page(Orientation::Portrait);
                }
                let hang = self.metrics.width(face, ordinal(&first), size);
                tx = x + hang;
                self.fit(rest.trim_start(), face, size, max_title - hang)
            };
            let title_w = self.metrics.width(face, &title, size);
            let dot_w = self.metrics.advance(face, '.', size).max(1.0);
            let gap = g.right() - num_w - (tx + title_w) - size * 0.5;
            let dots = ".".repeat((gap / dot_w).floor().max(0.0) as usize);
            let dots_w = self.metrics.width(face, &dots, size);
            let top = self.y;
            self.line(&title, face, size, line_h, tx, title_w, 0.0);
            self.y = top;
            self.line(
                &dots,
                face,
                size,
                line_h,
                g.right() - num_w - size * 0.25 - dots_w,
                dots_w,
                0.0,
            );
            self.y = top;
            self.line(&number, face, size, line_h, g.right() - num_w, num_w, 0.0);
        }
        self.open = false;
        self.numbering = true;
    }

    /// `text` cut to `max` points with "…" when longer (one pass: a title
    /// of thousands of characters must not be re-measured per character).
    fn fit(&self, text: &str, face: FontFace, size: f32, max: f32) -> String {
        if self.metrics.width(face, text, size) <= max {
            return text.to_string();
        }
        let room = max - self.metrics.advance(face, '…', size);
        let mut used = 0.0;
        let mut out: String = text
            .chars()
            .take_while(|&c| {
                used += self.metrics.advance(face, c, size);
                used <= room
            })
            .collect();
        out.push('…');
        out
    }

    fn table(&mut self, t: &TableBlock) {
        let orientation = t.orientation();
        self.ensure_page(orientation);
        let g = self.geometry();
        let caption_face = FontFace::new(Family::Serif, Weight::Bold);
        let unit_face = FontFace::new(Family::Serif, Weight::Regular);
        let title_lines = t
            .title
            .as_deref()
            .map(|s| {
                let keep: Vec<&str> = t.title_keep.iter().map(String::as_str).collect();
                break_title(
                    self.metrics,
                    caption_face,
                    CAPTION_SIZE,
                    s,
                    g.body_width,
                    &keep,
                )
            })
            .unwrap_or_default();
        let has_unit = !(t.unit_left.is_empty() && t.unit_right.is_empty());
        let caption_h =
            title_lines.len() as f32 * CAPTION_LINE + if has_unit { UNIT_LINE } else { 0.0 };

        // The header alone first: a header taller than a third of a page
        // (a title of absurd length in it) is not repeated: repeated, it
        // would leave no room for the body on any page. Its rows become
        // body rows, cut like any other.
        let mut header_rows = t.grid.header_rows;
        let head = Prepared::new(
            &t.grid.part(header_rows, header_rows..header_rows),
            self.metrics,
            g.body_width,
            f32::MAX,
        );
        let mut header_h = head.height(0..header_rows);
        if header_h > g.body_height / 3.0 {
            header_rows = 0;
            header_h = 0.0;
        }
        let capacity = g.body_height - header_h - 1.0;
        // The body is measured and set a run of rows at a time: a
        // 100,000-row table's broken lines all at once took 150 MB.
        let mut runs = t.grid.body_runs(header_rows, self.run_rows);
        if runs.is_empty() {
            runs.push(header_rows..header_rows);
        }
        let metrics = self.metrics;
        let prepare = |run: &std::ops::Range<usize>| {
            let part = t.grid.part(header_rows, run.clone());
            let prep = Prepared::new(&part, metrics, g.body_width, f32::MAX);
            if prep.row_h.iter().skip(header_rows).any(|h| *h > capacity) {
                Prepared::new(&part, metrics, g.body_width, capacity.max(BODY_LINE))
            } else {
                prep
            }
        };

        let mut prep = prepare(&runs[0]);
        let mut groups = prep.page_groups(capacity, runs.len() == 1);
        if self.has_content {
            self.y += t.space_before;
        }
        let first_group = groups
            .first()
            .map(|r| prep.height(r.clone()))
            .unwrap_or(0.0);
        let need = caption_h + header_h + first_group.min(capacity);
        if self.has_content && self.y + need > self.bottom() + EPS {
            self.new_page(orientation);
        }
        if let Some((title, level)) = &t.outline {
            self.outline.push(OutlineEntry {
                title: title.clone(),
                level: *level,
                page_index: self.count - 1,
                page_number: self.page.as_ref().and_then(|p| p.number),
            });
        }
        for line in &title_lines {
            // Only a caption of absurd length reaches the bottom.
            if self.y + CAPTION_LINE > self.bottom() + EPS {
                self.new_page(orientation);
            }
            let x = g.left + (g.body_width - line.width) / 2.0;
            self.line(
                &line.text,
                caption_face,
                CAPTION_SIZE,
                CAPTION_LINE,
                x,
                line.width,
                0.0,
            );
        }
        if has_unit {
            // 单位 on the right of the first line; the left text (部门名称：…)
            // wraps in the rest of the width, normally on one line.
            let rw = self.metrics.width(unit_face, &t.unit_right, UNIT_SIZE);
            let left_w = (g.body_width - rw - 2.0 * UNIT_SIZE).max(UNIT_SIZE);
            let left_lines = break_lines(
                self.metrics,
                unit_face,
                UNIT_SIZE,
                &t.unit_left,
                left_w,
                0.0,
            );
            for i in 0..left_lines.len().max(1) {
                if self.y + UNIT_LINE > self.bottom() + EPS {
                    self.new_page(orientation);
                }
                let top = self.y;
                if i == 0 {
                    self.line(
                        &t.unit_right,
                        unit_face,
                        UNIT_SIZE,
                        UNIT_LINE,
                        g.right() - rw,
                        rw,
                        0.0,
                    );
                    self.y = top;
                }
                let (text, width) = left_lines
                    .get(i)
                    .map_or(("", 0.0), |l| (l.text.as_str(), l.width));
                self.line(text, unit_face, UNIT_SIZE, UNIT_LINE, g.left, width, 0.0);
            }
        }

        if self.y + header_h + first_group.min(capacity) > self.bottom() + EPS {
            self.new_page(orientation);
        }
        // Header, then body fragments; a fragment ends where the next group
        // (or, for a group taller than a page, the next row) does not fit,
        // or where its run of rows ends.
        self.draw_rows(&prep, 0..prep.header_rows, g.left);
        let mut next = 1;
        loop {
            let mut frag_start = prep.header_rows;
            let mut frag_top = self.y;
            for group in groups {
                let gh = prep.height(group.clone());
                if self.y + gh > self.bottom() + EPS && frag_start < group.start {
                    self.flush(&prep, frag_start..group.start, frag_top, g.left);
                    self.continue_table(&prep, orientation, g.left);
                    frag_start = group.start;
                    frag_top = self.y;
                }
                if self.y + gh <= self.bottom() + EPS {
                    self.y += gh;
                    continue;
                }
                for r in group {
                    let rh = prep.height(r..r + 1);
                    if self.y + rh > self.bottom() + EPS && frag_start < r {
                        self.flush(&prep, frag_start..r, frag_top, g.left);
                        self.continue_table(&prep, orientation, g.left);
                        frag_start = r;
                        frag_top = self.y;
                    }
                    self.y += rh;
                }
            }
            let end = prep.row_h.len();
            if frag_start < end {
                self.flush(&prep, frag_start..end, frag_top, g.left);
            }
            let Some(run) = runs.get(next) else { break };
            next += 1;
            prep = prepare(run);
            groups = prep.page_groups(capacity, next == runs.len());
            // The page holds rows of the run before: the next group goes
            // on a new page unless it fits, as within a run.
            let first = groups.first().map_or(0.0, |r| prep.height(r.clone()));
            if self.y + first > self.bottom() + EPS {
                self.continue_table(&prep, orientation, g.left);
            }
        }
        self.has_content = true;
    }

    fn draw_rows(&mut self, prep: &Prepared, rows: std::ops::Range<usize>, left: f32) {
        if rows.is_empty() {
            return;
        }
        let h = prep.height(rows.clone());
        let mut items = Vec::new();
        prep.draw(rows, left, self.y, &mut items);
        if let Some(p) = &mut self.page {
            p.items.extend(items);
        }
        self.y += h;
        self.has_content = true;
    }

    fn flush(&mut self, prep: &Prepared, rows: std::ops::Range<usize>, top: f32, left: f32) {
        let mut items = Vec::new();
        prep.draw(rows, left, top, &mut items);
        if let Some(p) = &mut self.page {
            p.items.extend(items);
        }
        self.has_content = true;
    }

    fn continue_table(&mut self, prep: &Prepared, orientation: Orientation, left: f32) {
        self.new_page(orientation);
        self.draw_rows(prep, 0..prep.header_rows, left);
    }

    fn finish(mut self) -> Vec<OutlineEntry> {
        self.complete();
        self.outline
    }
}

/// The ordinal a 目录 title starts with (`8. `, `十二、`, `（三）`), with
/// the spaces after it; empty when it has none.
fn ordinal(title: &str) -> &str {
    const CN: &str = "一二三四五六七八九十百";
    let (body, closing): (&str, &[char]) = match title.strip_prefix('（') {
        Some(rest) => (rest, &['）']),
        None => (title, &['.', '．', '、']),
    };
    let digits = body.len()
        - body
            .trim_start_matches(|c: char| c.is_ascii_digit() || CN.contains(c))
            .len();
    let after = &body[digits..];
    match after.chars().next() {
        Some(c) if digits > 0 && closing.contains(&c) => {
            let end = title.len() - after.len() + c.len_utf8();
            let rest = &title[end..];
            &title[..end + (rest.len() - rest.trim_start().len())]
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_contents_title_hangs_after_its_ordinal() {
        assert_eq!(super::ordinal("8. 2025年部门预算表"), "8. ");
        assert_eq!(super::ordinal("十二、部门预算项目绩效目标汇总表"), "十二、");
        assert_eq!(super::ordinal("（三）人员构成"), "（三）");
        assert_eq!(super::ordinal("2025年部门预算表"), "");
        assert_eq!(super::ordinal("公开表1 部门收支总表"), "");
    }

    use super::*;
    use crate::layout::{CellSpec, GridBuilder, Item};

    /// A long table of one-line rows, rows of several lines and groups of
    /// merged rows, some longer than a page.
    fn long_table() -> Vec<Block> {
        let mut b = GridBuilder::new(vec![1.0, 3.0, 1.0]);
        b.header(vec![
            CellSpec::new("编码"),
            CellSpec::new("名称"),
            CellSpec::new("金额"),
        ]);
        let mut r = 0;
        while r < 1500 {
            if r % 97 == 5 {
                // A merged group, once in a while taller than a page.
                let n = if r % 2 == 0 { 4 } else { 60 };
                b.row(vec![
                    CellSpec::new(format!("组{r}")).rows(n),
                    CellSpec::new("甲"),
                    CellSpec::new("1.00"),
                ]);
                for _ in 1..n {
                    b.row(vec![CellSpec::new("乙"), CellSpec::new("2.00")]);
                }
                r += n;
            } else {
                let name = if r % 13 == 0 {
                    "很长的名称".repeat(12)
                } else {
                    format!("项{r}")
                };
                b.row(vec![
                    CellSpec::new(format!("{r}")),
                    CellSpec::new(name),
                    CellSpec::new("3.00"),
                ]);
                r += 1;
            }
        }
        vec![
            Block::text("前文", TextStyle::body()),
            Block::Table(Box::new(TableBlock::new(b.build()))),
        ]
    }

    /// Each page's texts (with where they stand) and its distinct rules.
    fn pages(blocks: &[Block], run_rows: usize) -> Vec<(Vec<String>, Vec<String>)> {
        let mut out = Vec::new();
        Flow::run(
            Blocks::Kept(blocks),
            Metrics::shared(),
            &[],
            &mut |p: Page| {
                let mut texts = Vec::new();
                let mut rules = std::collections::BTreeSet::new();
                for item in &p.items {
                    match item {
                        Item::Text(t) => texts.push(format!("{:.2},{:.2} {}", t.x, t.y, t.text)),
                        Item::Rule(r) => {
                            rules
                                .insert(format!("{:.2},{:.2},{:.2},{:.2}", r.x1, r.y1, r.x2, r.y2));
                        }
                    }
                }
                texts.sort();
                out.push((texts, rules.into_iter().collect()));
            },
            run_rows,
        );
        out
    }

    #[test]
    fn a_table_set_a_run_of_rows_at_a_time_prints_as_set_whole() {
        let blocks = long_table();
        let whole = pages(&blocks, usize::MAX);
        assert!(whole.len() > 20, "{} pages", whole.len());
        for run_rows in [1, 7, 64, 512] {
            assert_eq!(pages(&blocks, run_rows), whole, "runs of {run_rows} rows");
        }
    }

    /// The last row of a table (上海's 合计 below the rows) never opens a
    /// page alone: it goes over with the row before it.
    #[test]
    fn the_last_row_does_not_stand_alone_on_a_page() {
        let table = |rows: usize| {
            let mut b = GridBuilder::new(vec![1.0, 3.0]);
            b.header(vec![CellSpec::new("科目"), CellSpec::new("金额")]);
            for r in 0..rows {
                b.row(vec![CellSpec::new(format!("项{r}")), CellSpec::new("1.00")]);
            }
            b.row(vec![CellSpec::new("合计"), CellSpec::new("9.00")]);
            vec![Block::Table(Box::new(TableBlock::new(b.build())))]
        };
        let on_page = |pages: &[(Vec<String>, Vec<String>)], s: &str| {
            pages
                .iter()
                .position(|(texts, _)| texts.iter().any(|t| t.ends_with(&format!(" {s}"))))
        };
        // As many rows as fill the first page, then the 合计.
        let n = (1..200)
            .find(|n| pages(&table(*n), usize::MAX).len() > 1)
            .expect("a page fills");
        let blocks = table(n);
        let laid = pages(&blocks, usize::MAX);
        assert_eq!(laid.len(), 2);
        let last = format!("项{}", n - 1);
        assert_eq!(on_page(&laid, "合计"), Some(1));
        assert_eq!(on_page(&laid, &last), Some(1), "{last} goes with 合计");
        assert_eq!(on_page(&laid, "项0"), Some(0));
        // Set a run of rows at a time, the same.
        assert_eq!(pages(&blocks, 7), laid);
    }

    /// 上海 lists each table in the 目录: a table's outline line points at
    /// the page its title prints on (a landscape one opens no empty
    /// portrait page for it), and a line too long for the 目录 goes on over
    /// a second line rather than being cut.
    #[test]
    fn a_table_is_listed_in_the_toc_at_the_page_of_its_title() {
        let wide = |title: &str| {
            let mut b = GridBuilder::new(vec![1.0; 7]);
            b.header((0..7).map(|i| CellSpec::new(format!("栏{i}"))).collect());
            b.row((0..7).map(|_| CellSpec::new("1")).collect());
            let mut t = TableBlock::new(b.build());
            t.title = Some(title.to_string());
            t.outline = Some((format!("1. {title}"), 1));
            Block::Table(Box::new(t))
        };
        let long = "2025年部门一般公共预算基本支出部门预算经济分类预算表";
        let blocks = vec![
            Block::Toc {
                title: "目录".into(),
            },
            Block::heading("五、部门预算表", TextStyle::title(), 0),
            Block::PageBreak,
            wide("2025年部门收入预算总表"),
            Block::PageBreak,
            wide(long),
        ];
        let laid = layout(&blocks, Metrics::shared());
        let titles: Vec<(&str, u8, usize)> = laid
            .outline
            .iter()
            .map(|e| (e.title.as_str(), e.level, e.page_index))
            .collect();
        assert_eq!(
            titles,
            [
                ("五、部门预算表", 0, 1),
                ("1. 2025年部门收入预算总表", 1, 2),
                (&format!("1. {long}") as &str, 1, 3),
            ]
        );
        assert_eq!(laid.pages.len(), 4, "no empty page before a table");
        let g = laid.pages[2].geometry;
        assert!(g.width > g.height, "the table page is landscape");
        let toc: String = laid.pages[0].texts().map(|t| t.text.as_str()).collect();
        assert!(toc.contains("1. 2025年部门收入预算总表"), "{toc}");
        assert!(toc.contains("经济分类预算表"), "cut: {toc}");
        assert!(!toc.contains('…'), "cut: {toc}");
    }

    #[test]
    fn runs_end_only_where_no_merged_cell_reaches_past() {
        let Block::Table(t) = &long_table()[1] else {
            unreachable!()
        };
        let runs = t.grid.body_runs(1, 10);
        assert_eq!(runs.first().map(|r| r.start), Some(1));
        assert_eq!(runs.last().map(|r| r.end), Some(t.grid.rows));
        for w in runs.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for c in t.grid.cells.iter().filter(|c| c.row() >= 1) {
            let (a, b) = (c.row(), c.row() + c.spec.row_span());
            assert!(
                runs.iter().any(|r| r.start <= a && b <= r.end),
                "cell at row {a} crosses a run"
            );
        }
        // Parts renumber the body after the header and keep the header.
        let part = t.grid.part(1, runs[1].clone());
        assert_eq!(part.rows, 1 + runs[1].len());
        assert_eq!(part.cells[0].spec.text, "编码");
        assert!(
            part.cells
                .iter()
                .skip(3)
                .all(|c| c.row() >= 1 && c.row() < part.rows)
        );
    }

    /// A part's title followed by a table set on landscape pages printed
    /// alone on an upright page: the title goes on the table's page, as
    /// does a heading at the foot of an upright page of text. A heading
    /// before an upright table, or before text, stays where it was.
    #[test]
    fn a_heading_goes_on_the_page_of_the_turned_table_it_heads() {
        let table = |orientation| {
            let mut b = GridBuilder::new(vec![1.0, 1.0]);
            b.header(vec![CellSpec::new("名称"), CellSpec::new("金额")]);
            b.row(vec![CellSpec::new("甲"), CellSpec::new("1.00")]);
            let mut t = TableBlock::new(b.build());
            t.orientation = Some(orientation);
            Block::Table(Box::new(t))
        };
        let run = |blocks: Vec<Block>| {
            let mut out = Vec::new();
            Flow::run(
                Blocks::Kept(&blocks),
                Metrics::shared(),
                &[],
                &mut |p: Page| {
                    let texts: Vec<String> = p.texts().map(|t| t.text.clone()).collect();
                    out.push((p.orientation, texts));
                },
                RUN_ROWS,
            );
            out
        };
        let title = || Block::heading("第二部分 预算表", TextStyle::title(), 0);
        let pages = run(vec![
            Block::text("前文", TextStyle::body()),
            Block::PageBreak,
            title(),
            table(Orientation::Landscape),
            Block::text("后文", TextStyle::body()),
            Block::heading("表二", TextStyle::heading1(), 1),
            table(Orientation::Landscape),
            Block::PageBreak,
            Block::heading("表三", TextStyle::heading1(), 1),
            table(Orientation::Portrait),
        ]);
        let orientations: Vec<Orientation> = pages.iter().map(|p| p.0).collect();
        assert_eq!(
            orientations,
            [
                Orientation::Portrait,
                Orientation::Landscape,
                Orientation::Portrait
            ],
            "{pages:?}"
        );
        assert!(
            pages[1].1.iter().any(|t| t == "第二部分 预算表"),
            "{pages:?}"
        );
        assert!(pages[1].1.iter().any(|t| t == "表二"), "{pages:?}");
        assert!(pages[2].1.iter().any(|t| t == "表三"), "{pages:?}");
        let pages = run(vec![
            Block::text("前文", TextStyle::body()),
            Block::heading("表四", TextStyle::heading1(), 1),
            table(Orientation::Landscape),
        ]);
        assert_eq!(pages.len(), 2, "{pages:?}");
        assert_eq!(pages[0].0, Orientation::Portrait);
        assert!(!pages[0].1.iter().any(|t| t == "表四"), "{pages:?}");
        assert_eq!(pages[1].0, Orientation::Landscape);
        assert_eq!(pages[1].1.first().map(String::as_str), Some("表四"));
    }
}
