//! Page geometry and text styles after GB/T 9704-2012 (党政机关公文格式):
//! A4, 版心 156 × 225 mm, top margin 37 mm, binding margin 28 mm, body in
//! 3号 (16 pt) with 22 lines per page, title in 2号 (22 pt).

use crate::fonts::{Family, FontFace, Weight};

/// Points per millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Page orientation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// A4 upright: text pages and narrow tables.
    Portrait,
    /// A4 turned: tables of 7 or more columns.
    Landscape,
}

/// Size of a page and its text block (版心), in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageGeometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left edge of the text block.
    pub left: f32,
    /// Top edge of the text block.
    pub top: f32,
    /// Text block width.
    pub body_width: f32,
    /// Text block height.
    pub body_height: f32,
}

impl PageGeometry {
    /// A4 in the given orientation. Portrait is GB/T 9704's 版心; landscape
    /// keeps the same 28 mm binding margin, now at the top edge of the turned
    /// page's reading direction left, with 20 mm elsewhere.
    pub fn a4(orientation: Orientation) -> Self {
        match orientation {
            Orientation::Portrait => Self {
                width: mm(210.0),
                height: mm(297.0),
                left: mm(28.0),
                top: mm(37.0),
                body_width: mm(156.0),
                body_height: mm(225.0),
            },
            Orientation::Landscape => Self {
                width: mm(297.0),
                height: mm(210.0),
                left: mm(25.0),
                top: mm(22.0),
                body_width: mm(297.0 - 25.0 - 22.0),
                body_height: mm(210.0 - 22.0 - 30.0),
            },
        }
    }

    /// Bottom edge of the text block.
    pub fn bottom(&self) -> f32 {
        self.top + self.body_height
    }

    /// Right edge of the text block.
    pub fn right(&self) -> f32 {
        self.left + self.body_width
    }
}

/// Horizontal alignment of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HAlign {
    /// Ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right (amounts).
    Right,
    /// Both edges flush except the last line (body text).
    Justify,
}

/// How a run of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// Face.
    pub face: FontFace,
    /// Size in points.
    pub size: f32,
    /// Fixed line pitch in points.
    pub line_height: f32,
    /// Alignment.
    pub align: HAlign,
    /// First-line indent in ems.
    pub first_indent: f32,
    /// Extra space above, in points (dropped at the top of a page).
    pub space_before: f32,
    /// Extra space below, in points.
    pub space_after: f32,
    /// Never the last thing on a page (headings).
    pub keep_with_next: bool,
}

/// Body line pitch: 22 lines fill the 225 mm text block.
pub(crate) const BODY_LINE: f32 = 28.95;

const SERIF: FontFace = FontFace::new(Family::Serif, Weight::Regular);
const SERIF_BOLD: FontFace = FontFace::new(Family::Serif, Weight::Bold);
const SANS_BOLD: FontFace = FontFace::new(Family::Sans, Weight::Bold);

impl TextStyle {
    /// 正文: 3号 serif, 2-em indent, justified, 22 lines a page.
    pub fn body() -> Self {
        Self {
            face: SERIF,
            size: 16.0,
            line_height: BODY_LINE,
            align: HAlign::Justify,
            first_indent: 2.0,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
        }
    }

    /// 标题 / part title: 2号 bold serif, centred.
    pub fn title() -> Self {
        Self {
            face: SERIF_BOLD,
            size: 22.0,
            line_height: 36.0,
            align: HAlign::Center,
            first_indent: 0.0,
            space_before: 0.0,
            space_after: BODY_LINE,
            keep_with_next: true,
        }
    }

    /// 一级标题 `一、…`: 3号 bold sans (黑体).
    pub fn heading1() -> Self {
        Self {
            face: SANS_BOLD,
            align: HAlign::Left,
            keep_with_next: true,
            ..Self::body()
        }
    }

    /// Small centred bold line above a form, e.g. 部门整体支出绩效目标申报表.
    pub fn form_title() -> Self {
        Self {
            face: SERIF_BOLD,
            size: 18.0,
            line_height: 30.0,
            align: HAlign::Center,
            first_indent: 0.0,
            space_before: 0.0,
            space_after: 6.0,
            keep_with_next: true,
        }
    }

    /// A plain left-aligned line at table size, e.g. `附件3：` or 备注.
    pub fn note() -> Self {
        Self {
            face: SERIF,
            size: 10.5,
            line_height: 16.0,
            align: HAlign::Left,
            first_indent: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
        }
    }

    /// Same style with another face.
    pub fn with_face(mut self, face: FontFace) -> Self {
        self.face = face;
        self
    }

    /// Same style with another alignment.
    pub fn aligned(mut self, align: HAlign) -> Self {
        self.align = align;
        self
    }

    /// Same style with extra space above.
    pub fn before(mut self, pts: f32) -> Self {
        self.space_before = pts;
        self
    }

    /// Same style with extra space below.
    pub fn after(mut self, pts: f32) -> Self {
        self.space_after = pts;
        self
    }

    /// Same style with a first-line indent of `ems`.
    pub fn indent(mut self, ems: f32) -> Self {
        self.first_indent = ems;
        self
    }
}

/// Where the baseline of a line sits inside its line box, so that CJK text
/// (ideographic em box ≈ 0.88 em above and 0.12 em below the baseline) is
/// vertically centred in the box.
pub(crate) fn baseline_in_box(line_top: f32, line_height: f32, size: f32) -> f32 {
    line_top + (line_height - size) / 2.0 + 0.88 * size
}
