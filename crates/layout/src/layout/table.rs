//! Tables and forms: a grid of cells with row and column spans (in the
//! header and in the body), wrapped cell text, vertically centred; split
//! across pages at row boundaries no merged cell crosses, with the header
//! rows repeated on every page.

use super::linebreak::{Line, break_lines, break_title};
use super::metrics::Metrics;
use super::style::{HAlign, Orientation, baseline_in_box};
use super::{Item, Rule, TextRun};
use crate::fonts::{Family, FontFace, Weight};
use smol_str::SmolStr;
use std::ops::Range;

/// Columns at which a table is set on a landscape page.
pub const LANDSCAPE_COLUMNS: usize = 7;

/// Horizontal cell padding, points.
const PAD_X: f32 = 3.0;
/// Vertical cell padding, points.
const PAD_Y: f32 = 3.0;
/// Border stroke width, points.
pub(crate) const BORDER: f32 = 0.5;

/// A cell as the composer describes it; [`GridBuilder`] finds its column.
/// Small (32 bytes, its text inline up to 23 bytes) because a long
/// document's tables hold millions of them until printed.
#[derive(Clone, Debug, PartialEq)]
pub struct CellSpec {
    /// Text (`\n` breaks).
    pub text: SmolStr,
    /// Columns spanned.
    pub colspan: u16,
    /// Rows spanned.
    pub rowspan: u16,
    /// Alignment.
    pub align: HAlign,
    /// Bold.
    pub bold: bool,
}

impl CellSpec {
    /// A centred 1×1 cell.
    pub fn new(text: impl Into<SmolStr>) -> Self {
        Self {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            align: HAlign::Center,
            bold: false,
        }
    }
    /// Spans `cols` columns and `rows` rows.
    pub fn span(mut self, cols: usize, rows: usize) -> Self {
        let clamp = |n: usize| u16::try_from(n.max(1)).unwrap_or(u16::MAX);
        self.colspan = clamp(cols);
        self.rowspan = clamp(rows);
        self
    }

    /// Columns spanned, at least one.
    pub fn columns(&self) -> usize {
        usize::from(self.colspan.max(1))
    }

    /// Rows spanned, at least one.
    pub fn row_span(&self) -> usize {
        usize::from(self.rowspan.max(1))
    }
    /// Spans `cols` columns.
    pub fn cols(self, cols: usize) -> Self {
        let rows = self.row_span();
        self.span(cols, rows)
    }
    /// Spans `rows` rows.
    pub fn rows(self, rows: usize) -> Self {
        let cols = self.columns();
        self.span(cols, rows)
    }
    /// Aligned.
    pub fn align(mut self, align: HAlign) -> Self {
        self.align = align;
        self
    }
    /// Left-aligned.
    pub fn left(self) -> Self {
        self.align(HAlign::Left)
    }
    /// Right-aligned (amounts).
    pub fn right(self) -> Self {
        self.align(HAlign::Right)
    }
    /// Bold.
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
}

/// A placed cell (40 bytes).
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    /// What it shows and how.
    pub spec: CellSpec,
    /// First row.
    pub row: u32,
    /// First column.
    pub col: u16,
}

impl GridCell {
    /// First row, as an index.
    pub fn row(&self) -> usize {
        self.row as usize
    }

    /// First column, as an index.
    pub fn col(&self) -> usize {
        usize::from(self.col)
    }
}

/// A grid of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Relative column widths.
    pub widths: Vec<f32>,
    /// Number of rows.
    pub rows: usize,
    /// Leading rows repeated at the top of every page the table runs onto.
    pub header_rows: usize,
    /// Cells, in row order.
    pub cells: Vec<GridCell>,
    /// Text size in points.
    pub font_size: f32,
}

impl Grid {
    /// Body rows (after the first `header_rows`) in runs of at least
    /// `rows` rows (but for the last), each ending where no merged cell
    /// reaches past it, so that a long table can be measured and set a run
    /// at a time ([`Self::part`]) instead of holding every row's broken
    /// lines at once.
    pub(super) fn body_runs(&self, header_rows: usize, rows: usize) -> Vec<Range<usize>> {
        let total = self.rows;
        // How far down the cells starting on each row reach.
        let mut reach: Vec<usize> = (1..=total).collect();
        for c in &self.cells {
            if let Some(slot) = reach.get_mut(c.row()) {
                *slot = (*slot).max((c.row() + c.spec.row_span()).min(total));
            }
        }
        let mut out = Vec::new();
        let mut start = header_rows.min(total);
        let mut end = start;
        let mut far = start;
        while end < total {
            far = far.max(reach[end]);
            end += 1;
            if end >= far && end - start >= rows.max(1) {
                out.push(start..end);
                start = end;
            }
        }
        if start < total {
            out.push(start..total);
        }
        out
    }

    /// The grid of the first `header_rows` rows and the body rows `body`
    /// (renumbered to follow the header), with this grid's columns and size.
    /// `body` must be one of [`Self::body_runs`] (no merged cell crosses it).
    pub(super) fn part(&self, header_rows: usize, body: Range<usize>) -> Grid {
        // Cells are in row order (the builder places them so).
        let head_end = self.cells.partition_point(|c| c.row() < header_rows);
        let from = self.cells.partition_point(|c| c.row() < body.start);
        let to = self.cells.partition_point(|c| c.row() < body.end);
        // Rows are u32 as the builder placed them; the shift is smaller.
        let shift = (body.start - header_rows.min(body.start)) as u32;
        let cells = self.cells[..head_end]
            .iter()
            .cloned()
            .chain(self.cells[from..to].iter().map(|c| GridCell {
                row: c.row - shift,
                ..c.clone()
            }))
            .collect();
        Grid {
            widths: self.widths.clone(),
            rows: header_rows + body.len(),
            header_rows,
            cells,
            font_size: self.font_size,
        }
    }
}

/// Builds a [`Grid`] row by row the way HTML tables are written: each cell
/// takes the next column not covered by a cell spanning down from above.
#[derive(Clone, Debug)]
pub struct GridBuilder {
    grid: Grid,
    occupied: Vec<Vec<bool>>,
    next_row: usize,
}

impl GridBuilder {
    /// A grid with columns of the given relative widths, text at 10 pt.
    pub fn new(widths: Vec<f32>) -> Self {
        let widths = if widths.is_empty() { vec![1.0] } else { widths };
        Self {
            grid: Grid {
                widths,
                rows: 0,
                header_rows: 0,
                cells: Vec::new(),
                font_size: 10.0,
            },
            occupied: Vec::new(),
            next_row: 0,
        }
    }

    /// Text size in points.
    pub fn font_size(mut self, size: f32) -> Self {
        self.grid.font_size = size;
        self
    }

    /// Adds a header row (repeated on every page). Header rows come first.
    pub fn header(&mut self, cells: Vec<CellSpec>) -> &mut Self {
        self.row(cells);
        self.grid.header_rows = self.next_row;
        self
    }

    /// Adds a body row.
    pub fn row(&mut self, cells: Vec<CellSpec>) -> &mut Self {
        let n = self.grid.widths.len();
        let r = self.next_row;
        let mut col = 0;
        for spec in cells {
            while col < n && self.is_occupied(r, col) {
                col += 1;
            }
            if col >= n {
                break; // more cells than columns: the rest cannot be placed
            }
            // Past u32 rows or u16 columns (no document comes near) a
            // cell is not placed rather than wrapped onto another.
            let (Ok(row), Ok(col16)) = (u32::try_from(r), u16::try_from(col)) else {
                break;
            };
            let colspan = spec.columns().min(n - col);
            let rowspan = spec.row_span();
            for rr in r..r + rowspan {
                for cc in col..col + colspan {
                    self.mark(rr, cc);
                }
            }
            self.grid.cells.push(GridCell {
                spec: CellSpec {
                    colspan: colspan as u16, // at most spec.colspan
                    rowspan: rowspan as u16,
                    ..spec
                },
                row,
                col: col16,
            });
            self.grid.rows = self.grid.rows.max(r + rowspan);
            col += colspan;
        }
        self.next_row += 1;
        self.grid.rows = self.grid.rows.max(self.next_row);
        self
    }

    fn is_occupied(&self, r: usize, c: usize) -> bool {
        self.occupied
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(false)
    }

    fn mark(&mut self, r: usize, c: usize) {
        let n = self.grid.widths.len();
        while self.occupied.len() <= r {
            self.occupied.push(vec![false; n]);
        }
        if let Some(slot) = self.occupied[r].get_mut(c) {
            *slot = true;
        }
    }

    /// How many cells are placed so far (a row's cells past the last column
    /// are dropped), so that a caller can keep something beside each one.
    pub fn placed(&self) -> usize {
        self.grid.cells.len()
    }

    /// The grid.
    pub fn build(mut self) -> Grid {
        // A long table's cells stay until printed: not the doubling
        // growth's spare room (a 100,000-row table held 16 MB of it).
        self.grid.cells.shrink_to_fit();
        self.grid
    }
}

/// A table with its caption, as it flows on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct TableBlock {
    /// Centred bold title above the table, e.g. `表1.青山区大数据中心2021年…`.
    pub title: Option<String>,
    /// Left part of the line between title and table (部门名称).
    pub unit_left: String,
    /// Right part of that line (`单位：万元`).
    pub unit_right: String,
    /// The grid.
    pub grid: Grid,
    /// Page orientation; `None` chooses landscape for 7 or more columns.
    pub orientation: Option<Orientation>,
    /// Space above, points (0 stacks a form's parts edge to edge).
    pub space_before: f32,
    /// Names the title never breaks inside (the department's name).
    pub title_keep: Vec<String>,
    /// Its line in the outline (目录, bookmarks) and level, on the page
    /// where its title prints; `None` lists it nowhere.
    pub outline: Option<(String, u8)>,
}

impl TableBlock {
    /// A table without caption.
    pub fn new(grid: Grid) -> Self {
        Self {
            title: None,
            unit_left: String::new(),
            unit_right: String::new(),
            grid,
            orientation: None,
            space_before: 0.0,
            title_keep: Vec::new(),
            outline: None,
        }
    }

    /// The orientation it is set in.
    pub fn orientation(&self) -> Orientation {
        self.orientation
            .unwrap_or(if self.grid.widths.len() >= LANDSCAPE_COLUMNS {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            })
    }
}

/// Title size of a table caption.
pub(crate) const CAPTION_SIZE: f32 = 16.0;
/// Line pitch of a table caption.
pub(crate) const CAPTION_LINE: f32 = 26.0;
/// Size of the unit line.
pub(crate) const UNIT_SIZE: f32 = 10.5;
/// Pitch of the unit line.
pub(crate) const UNIT_LINE: f32 = 18.0;

/// A cell with its text broken into lines.
#[derive(Clone, Debug)]
struct PreparedCell {
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    lines: Vec<Line>,
    align: HAlign,
    face: FontFace,
    /// A piece of a row split across pages: text from the top.
    top_aligned: bool,
}

/// A grid measured for one text width.
#[derive(Clone, Debug)]
pub(super) struct Prepared {
    col_x: Vec<f32>,
    pub(super) row_h: Vec<f32>,
    cells: Vec<PreparedCell>,
    /// For each cell (in `cells`' order, sorted by row), the furthest row
    /// end (`row + rowspan`) of it and every cell before it: lets
    /// [`Self::draw`] find the cells of a page's rows by binary search
    /// instead of scanning every cell of the table for every page.
    reach: Vec<usize>,
    pub(super) header_rows: usize,
    size: f32,
    line_h: f32,
}

impl Prepared {
    /// Measures `grid` for `width` points; rows taller than `max_row` are cut
    /// into several rows so that they can go on several pages.
    pub(super) fn new(grid: &Grid, metrics: &Metrics, width: f32, max_row: f32) -> Self {
        let total: f32 = grid
            .widths
            .iter()
            .map(|w| w.max(0.0))
            .sum::<f32>()
            .max(f32::EPSILON);
        let mut col_x = Vec::with_capacity(grid.widths.len() + 1);
        let mut x = 0.0;
        col_x.push(0.0);
        for w in &grid.widths {
            x += w.max(0.0) / total * width;
            col_x.push(x);
        }
        let size = grid.font_size;
        let line_h = (size * 1.3).ceil();
        let mut cells: Vec<PreparedCell> = grid
            .cells
            .iter()
            .map(|c| {
                let face = FontFace::new(
                    Family::Serif,
                    if c.spec.bold {
                        Weight::Bold
                    } else {
                        Weight::Regular
                    },
                );
                let end = (c.col() + c.spec.columns()).min(grid.widths.len());
                let inner = (col_x[end] - col_x[c.col()] - 2.0 * PAD_X).max(size);
                let text = c.spec.text.trim_end_matches('\n');
                let lines = if text.is_empty() {
                    Vec::new()
                } else if c.row() < grid.header_rows {
                    // A column title breaks between words, as a table's
                    // title does (`项目支出` / `合计`, not `项目支出合` / `计`).
                    break_title(metrics, face, size, text, inner, &[])
                } else {
                    break_lines(metrics, face, size, text, inner, 0.0)
                };
                // Most cells are one line: without this each held room for
                // four (77 MB for a 100,000-row table).
                let mut lines = lines;
                lines.shrink_to_fit();
                PreparedCell {
                    row: c.row(),
                    col: c.col(),
                    colspan: end - c.col(),
                    rowspan: c.spec.row_span(),
                    lines,
                    align: c.spec.align,
                    face,
                    top_aligned: false,
                }
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        let mut p = Self {
            col_x,
            row_h: Vec::new(),
            cells,
            reach: Vec::new(),
            header_rows: grid.header_rows,
            size,
            line_h,
        };
        p.measure_rows(grid.rows);
        if p.unmerge_tall_groups(max_row) {
            p.measure_rows(grid.rows);
        }
        p.split_tall_rows(max_row);
        p.reach = p
            .cells
            .iter()
            .scan(0, |far, c| {
                *far = (*far).max(c.row + c.rowspan);
                Some(*far)
            })
            .collect();
        p
    }

    /// The cells that may reach into `rows`, in order: from the first whose
    /// running reach passes `rows.start` to the last that starts before
    /// `rows.end` (cells are sorted by row).
    fn cells_near(&self, rows: &Range<usize>) -> &[PreparedCell] {
        let from = self.reach.partition_point(|&far| far <= rows.start);
        let to = self.cells.partition_point(|c| c.row < rows.end);
        self.cells.get(from..to.max(from)).unwrap_or(&[])
    }

    /// Dissolves the merged cells of a body group that cannot be printed
    /// merged: a row of it, or a merged cell's own text, is taller than
    /// `max` (a page). Each merged cell keeps its text in its first row and
    /// gets empty bordered cells below, so that [`Self::split_tall_rows`]
    /// can then cut the rows across pages instead of drawing past the
    /// bottom of the page. Only absurdly long texts get here.
    fn unmerge_tall_groups(&mut self, max: f32) -> bool {
        let rows = self.row_h.len();
        let mut tall: Vec<bool> = self.row_h.iter().map(|h| *h > max).collect();
        for c in &self.cells {
            if c.rowspan > 1 && c.row < rows && self.cell_height(c.lines.len()) > max {
                tall[c.row] = true;
            }
        }
        let mut dissolve = vec![false; rows];
        for g in self.body_groups() {
            if g.len() > 1 && tall[g.clone()].iter().any(|t| *t) {
                dissolve[g].fill(true);
            }
        }
        if !dissolve.iter().any(|d| *d) {
            return false;
        }
        let mut added = Vec::new();
        for c in &mut self.cells {
            if c.rowspan > 1 && c.row < rows && dissolve[c.row] {
                for row in c.row + 1..(c.row + c.rowspan).min(rows) {
                    added.push(PreparedCell {
                        row,
                        rowspan: 1,
                        lines: Vec::new(),
                        ..c.clone()
                    });
                }
                c.rowspan = 1;
                c.top_aligned = true;
            }
        }
        self.cells.extend(added);
        self.cells.sort_by_key(|c| (c.row, c.col));
        true
    }

    fn cell_height(&self, lines: usize) -> f32 {
        lines as f32 * self.line_h + 2.0 * PAD_Y
    }

    fn measure_rows(&mut self, rows: usize) {
        let min = self.line_h + 2.0 * PAD_Y + 4.0;
        let mut h = vec![min; rows];
        for c in self.cells.iter().filter(|c| c.rowspan == 1) {
            if let Some(slot) = h.get_mut(c.row) {
                *slot = slot.max(self.cell_height(c.lines.len()));
            }
        }
        let mut spanning: Vec<&PreparedCell> =
            self.cells.iter().filter(|c| c.rowspan > 1).collect();
        spanning.sort_by_key(|c| c.rowspan);
        for c in spanning {
            let end = (c.row + c.rowspan).min(rows);
            if end <= c.row {
                continue;
            }
            let have: f32 = h[c.row..end].iter().sum();
            let need = self.cell_height(c.lines.len());
            if need > have {
                let extra = (need - have) / (end - c.row) as f32;
                for slot in &mut h[c.row..end] {
                    *slot += extra;
                }
            }
        }
        self.row_h = h;
    }

    /// Cuts a body row that is taller than `max` (and not part of a merged
    /// block) into pieces, each cell's lines shared out top-aligned. One pass
    /// over the cells: a document of absurdly long texts cuts thousands of
    /// rows, and per-row rescans made that quadratic.
    fn split_tall_rows(&mut self, max: f32) {
        let per_piece = (((max - 2.0 * PAD_Y) / self.line_h).floor() as usize).max(1);
        let rows = self.row_h.len();
        // A body row no merged cell ties to another forms a group of its own.
        let mut simple = vec![false; rows];
        for g in self.body_groups().into_iter().filter(|g| g.len() == 1) {
            simple[g.start] = true;
        }
        // Pieces of each row: more than one only for a tall simple body row.
        let mut pieces = vec![1usize; rows];
        for c in &self.cells {
            let r = c.row;
            if r < rows && simple[r] && self.row_h[r] > max {
                pieces[r] = pieces[r].max(c.lines.len().div_ceil(per_piece).max(1));
            }
        }
        if pieces.iter().all(|&p| p == 1) {
            return;
        }
        // First new row of each old row (and the end).
        let mut start = Vec::with_capacity(rows + 1);
        let mut n = 0;
        for p in &pieces {
            start.push(n);
            n += p;
        }
        start.push(n);
        let mut piece_lines = vec![0usize; n];
        let mut cells = Vec::with_capacity(self.cells.len());
        for mut c in std::mem::take(&mut self.cells) {
            let r = c.row.min(rows);
            if r < rows && pieces[r] > 1 {
                let mut rest = std::mem::take(&mut c.lines);
                for i in 0..pieces[r] {
                    let take = rest.len().min(per_piece);
                    let chunk: Vec<Line> = rest.drain(..take).collect();
                    piece_lines[start[r] + i] = piece_lines[start[r] + i].max(chunk.len());
                    cells.push(PreparedCell {
                        row: start[r] + i,
                        rowspan: 1,
                        lines: chunk,
                        top_aligned: true,
                        ..c.clone()
                    });
                }
            } else {
                let end = (c.row + c.rowspan).min(rows);
                c.row = start[r];
                c.rowspan = (start[end.max(r)] - start[r]).max(1);
                cells.push(c);
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        self.cells = cells;
        let mut heights = Vec::with_capacity(n);
        for (r, h) in self.row_h.iter().enumerate() {
            if pieces[r] == 1 {
                heights.push(*h);
            } else {
                heights.extend((0..pieces[r]).map(|i| self.cell_height(piece_lines[start[r] + i])));
            }
        }
        self.row_h = heights;
    }

    /// Body rows in groups that merged cells tie together and that must
    /// stay on one page when possible.
    pub(super) fn body_groups(&self) -> Vec<Range<usize>> {
        let rows = self.row_h.len();
        // How far down the cells starting on each row reach.
        let mut reach: Vec<usize> = (1..=rows).collect();
        for c in &self.cells {
            if c.row < rows {
                reach[c.row] = reach[c.row].max((c.row + c.rowspan).min(rows));
            }
        }
        let mut out = Vec::new();
        let mut r = self.header_rows;
        while r < rows {
            let mut end = r + 1;
            let mut q = r;
            while q < end {
                end = end.max(reach[q]);
                q += 1;
            }
            out.push(r..end);
            r = end;
        }
        out
    }

    /// [`Self::body_groups`] as pages take them: in the table's `last` run
    /// of rows, the last row (a 合计 below the rows, as 上海 prints it) does
    /// not stand alone on a page but goes with the group before it, where
    /// the two fit in `max` (a page).
    pub(super) fn page_groups(&self, max: f32, last: bool) -> Vec<Range<usize>> {
        let mut out = self.body_groups();
        let n = out.len();
        if last && n >= 2 && out[n - 1].len() == 1 {
            let both = out[n - 2].start..out[n - 1].end;
            if self.height(both.clone()) <= max {
                out.truncate(n - 2);
                out.push(both);
            }
        }
        out
    }

    /// Height of rows `range`.
    pub(super) fn height(&self, range: Range<usize>) -> f32 {
        self.row_h.get(range).map(|h| h.iter().sum()).unwrap_or(0.0)
    }

    /// Draws rows `rows` with their top at `top` and the grid's left edge at
    /// `left`. Cells reaching outside `rows` are cut at its edges; their text
    /// goes in the piece where the cell starts (or the first piece shown).
    pub(super) fn draw(&self, rows: Range<usize>, left: f32, top: f32, out: &mut Vec<Item>) {
        let mut row_y = Vec::with_capacity(rows.len() + 1);
        let mut y = top;
        row_y.push(y);
        for r in rows.clone() {
            y += self.row_h.get(r).copied().unwrap_or(0.0);
            row_y.push(y);
        }
        let y_of = |r: usize| row_y[r.clamp(rows.start, rows.end) - rows.start];
        let mut rules = Vec::new();
        for c in self.cells_near(&rows) {
            let (a, b) = (c.row, c.row + c.rowspan);
            if b <= rows.start || a >= rows.end {
                continue;
            }
            let (y0, y1) = (y_of(a), y_of(b));
            let (x0, x1) = (
                left + self.col_x[c.col],
                left + self.col_x[c.col + c.colspan],
            );
            rules.push((x0, y0, x1, y0));
            rules.push((x0, y1, x1, y1));
            rules.push((x0, y0, x0, y1));
            rules.push((x1, y0, x1, y1));
            let n = c.lines.len() as f32;
            let text_h = n * self.line_h;
            let first = if c.top_aligned {
                y0 + PAD_Y
            } else {
                y0 + ((y1 - y0) - text_h) / 2.0
            };
            for (i, line) in c.lines.iter().enumerate() {
                let x = match c.align {
                    HAlign::Left | HAlign::Justify => x0 + PAD_X,
                    HAlign::Center => x0 + ((x1 - x0) - line.width) / 2.0,
                    HAlign::Right => x1 - PAD_X - line.width,
                };
                out.push(Item::Text(TextRun {
                    x,
                    y: baseline_in_box(first + i as f32 * self.line_h, self.line_h, self.size),
                    face: c.face,
                    size: self.size,
                    letter_spacing: 0.0,
                    width: line.width,
                    text: line.text.clone(),
                }));
            }
        }
        // Shared edges of neighbouring cells are drawn once.
        let key = |v: f32| (v * 100.0).round() as i64;
        let mut seen = std::collections::HashSet::new();
        for (x1, y1, x2, y2) in rules {
            if seen.insert((key(x1), key(y1), key(x2), key(y2))) {
                out.push(Item::Rule(Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width: BORDER,
                }));
            }
        }
    }

    /// The placed text of each cell (for tests): (row, col, lines).
    #[cfg(test)]
    pub(super) fn cell_lines(&self) -> Vec<(usize, usize, Vec<String>)> {
        self.cells
            .iter()
            .map(|c| {
                (
                    c.row,
                    c.col,
                    c.lines.iter().map(|l| l.text.clone()).collect(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_skips_slots_covered_from_above() {
        let mut b = GridBuilder::new(vec![1.0; 4]);
        b.header(vec![
            CellSpec::new("一级").rows(2),
            CellSpec::new("指标值").cols(3),
        ]);
        b.header(vec![
            CellSpec::new("a"),
            CellSpec::new("b"),
            CellSpec::new("c"),
        ]);
        b.row(vec![
            CellSpec::new("产出").rows(2),
            CellSpec::new("x"),
            CellSpec::new("y"),
            CellSpec::new("z"),
        ]);
        b.row(vec![
            CellSpec::new("p"),
            CellSpec::new("q"),
            CellSpec::new("r"),
            CellSpec::new("overflow"),
        ]);
        let g = b.build();
        assert_eq!(g.header_rows, 2);
        assert_eq!(g.rows, 4);
        let at = |t: &str| {
            g.cells
                .iter()
                .find(|c| c.spec.text == t)
                .map(|c| (c.row, c.col))
        };
        assert_eq!(at("a"), Some((1, 1)));
        assert_eq!(at("p"), Some((3, 1)));
        assert_eq!(at("r"), Some((3, 3)));
        assert_eq!(at("overflow"), None);
    }

    #[test]
    fn merged_body_rows_form_one_group() {
        let mut b = GridBuilder::new(vec![1.0; 3]);
        b.header(vec![
            CellSpec::new("h1"),
            CellSpec::new("h2"),
            CellSpec::new("h3"),
        ]);
        b.row(vec![
            CellSpec::new("产出指标").rows(3),
            CellSpec::new("a"),
            CellSpec::new("b"),
        ]);
        b.row(vec![CellSpec::new("c"), CellSpec::new("d")]);
        b.row(vec![CellSpec::new("e"), CellSpec::new("f")]);
        b.row(vec![
            CellSpec::new("效益指标"),
            CellSpec::new("g"),
            CellSpec::new("h"),
        ]);
        let p = Prepared::new(&b.build(), Metrics::shared(), 300.0, 500.0);
        assert_eq!(p.body_groups(), vec![1..4, 4..5]);
    }

    #[test]
    fn a_header_cell_breaks_between_words_a_body_cell_anywhere() {
        let m = Metrics::shared();
        let face = FontFace::new(Family::Serif, Weight::Regular);
        // Room for five characters of the 10 pt serif, not six.
        let width = 5.5 * m.advance(face, '项', 10.0) + 2.0 * PAD_X;
        let mut b = GridBuilder::new(vec![1.0]);
        b.header(vec![CellSpec::new("项目支出合计")]);
        b.row(vec![CellSpec::new("项目支出合计")]);
        let p = Prepared::new(&b.build(), m, width, 500.0);
        let lines = p.cell_lines();
        assert_eq!(lines[0].2, ["项目支出", "合计"], "header: {lines:?}");
        assert_eq!(lines[1].2, ["项目支出合", "计"], "body: {lines:?}");
    }

    #[test]
    fn long_cell_text_wraps_and_grows_the_row() {
        let mut b = GridBuilder::new(vec![1.0, 3.0]);
        b.row(vec![
            CellSpec::new("短"),
            CellSpec::new("很长的文字".repeat(20)).left(),
        ]);
        let p = Prepared::new(&b.build(), Metrics::shared(), 200.0, 500.0);
        let lines = &p.cell_lines()[1].2;
        assert!(lines.len() > 3, "{lines:?}");
        assert!(p.row_h[0] >= lines.len() as f32 * p.line_h);
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_into_pieces() {
        let mut b = GridBuilder::new(vec![1.0, 3.0]);
        b.row(vec![
            CellSpec::new("部门职能概述"),
            CellSpec::new("职能".repeat(400)).left(),
        ]);
        b.row(vec![CellSpec::new("下一行"), CellSpec::new("x")]);
        let p = Prepared::new(&b.build(), Metrics::shared(), 300.0, 200.0);
        assert!(p.row_h.len() > 3);
        assert!(p.row_h.iter().all(|h| *h <= 200.0));
        let text: String = p
            .cell_lines()
            .iter()
            .filter(|c| c.1 == 1)
            .flat_map(|c| c.2.clone())
            .collect();
        assert!(text.starts_with(&"职能".repeat(400)));
    }

    /// Drawing a range of rows looks only at the cells near it, and finds
    /// exactly the cells a scan of the whole table would: those starting in
    /// the range and those merged down into it from above.
    #[test]
    fn drawing_a_range_finds_the_cells_a_full_scan_finds() {
        let mut b = GridBuilder::new(vec![1.0, 1.0, 1.0]);
        b.header(vec![CellSpec::new("h1"), CellSpec::new("h2").cols(2)]);
        for r in 0..40 {
            match r % 7 {
                0 => b.row(vec![
                    CellSpec::new(format!("m{r}")).rows(5),
                    CellSpec::new("x"),
                    CellSpec::new("y"),
                ]),
                1..=4 => b.row(vec![CellSpec::new("x"), CellSpec::new(format!("{r}"))]),
                _ => b.row(vec![
                    CellSpec::new("a"),
                    CellSpec::new(format!("{r}")),
                    CellSpec::new("c"),
                ]),
            };
        }
        let p = Prepared::new(&b.build(), Metrics::shared(), 300.0, 500.0);
        let rows = p.row_h.len();
        for start in 0..rows {
            for end in start + 1..=rows {
                let full: Vec<(usize, usize)> = p
                    .cells
                    .iter()
                    .filter(|c| c.row + c.rowspan > start && c.row < end)
                    .map(|c| (c.row, c.col))
                    .collect();
                let near: Vec<(usize, usize)> = p
                    .cells_near(&(start..end))
                    .iter()
                    .filter(|c| c.row + c.rowspan > start && c.row < end)
                    .map(|c| (c.row, c.col))
                    .collect();
                assert_eq!(near, full, "rows {start}..{end}");
                let looked_at = p.cells_near(&(start..end)).len();
                assert!(
                    looked_at <= full.len() + 3 * 5,
                    "rows {start}..{end}: {looked_at}"
                );
            }
        }
    }
}
