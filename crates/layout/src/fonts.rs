//! The fonts the document is set in, compiled into the binary so that an
//! export never depends on what is installed on the machine.
//!
//! They are the "Budget … SC" subsets of Noto Serif/Sans CJK SC and LXGW
//! WenKai (SIL OFL 1.1, see `assets/fonts/OFL.txt`, which must ship with any
//! binary that embeds them). Every face covers GB 2312 and levels 1–2 of
//! 通用规范汉字表.

/// A typeface family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// 宋体-like serif (Noto Serif CJK SC): body text, titles, tables.
    Serif,
    /// 黑体-like sans (Noto Sans CJK SC): 一、 headings; the app's UI font.
    Sans,
    /// 楷体 (LXGW WenKai): （一） headings.
    Kai,
}

/// Stroke weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
}

/// One face: a family in a weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontFace {
    /// Family.
    pub family: Family,
    /// Weight.
    pub weight: Weight,
}

impl FontFace {
    /// Every face, in a fixed order (index = [`FontFace::index`]).
    pub const ALL: [FontFace; 6] = [
        FontFace::new(Family::Serif, Weight::Regular),
        FontFace::new(Family::Serif, Weight::Bold),
        FontFace::new(Family::Sans, Weight::Regular),
        FontFace::new(Family::Sans, Weight::Bold),
        FontFace::new(Family::Kai, Weight::Regular),
        FontFace::new(Family::Kai, Weight::Bold),
    ];

    /// A face.
    pub const fn new(family: Family, weight: Weight) -> Self {
        Self { family, weight }
    }

    /// Position in [`FontFace::ALL`].
    pub const fn index(self) -> usize {
        let f = match self.family {
            Family::Serif => 0,
            Family::Sans => 2,
            Family::Kai => 4,
        };
        match self.weight {
            Weight::Regular => f,
            Weight::Bold => f + 1,
        }
    }

    /// The TrueType file of this face.
    pub fn bytes(self) -> &'static [u8] {
        match (self.family, self.weight) {
            (Family::Serif, Weight::Regular) => SERIF_REGULAR,
            (Family::Serif, Weight::Bold) => SERIF_BOLD,
            (Family::Sans, Weight::Regular) => SANS_REGULAR,
            (Family::Sans, Weight::Bold) => SANS_BOLD,
            (Family::Kai, Weight::Regular) => KAI_REGULAR,
            (Family::Kai, Weight::Bold) => KAI_BOLD,
        }
    }
}

/// BudgetSerifSC-Regular.ttf.
pub(crate) static SERIF_REGULAR: &[u8] =
    include_bytes!("../../../assets/fonts/BudgetSerifSC-Regular.ttf");
/// BudgetSerifSC-Bold.ttf.
pub(crate) static SERIF_BOLD: &[u8] =
    include_bytes!("../../../assets/fonts/BudgetSerifSC-Bold.ttf");
/// BudgetSansSC-Regular.ttf.
pub(crate) static SANS_REGULAR: &[u8] =
    include_bytes!("../../../assets/fonts/BudgetSansSC-Regular.ttf");
/// BudgetSansSC-Bold.ttf.
pub static SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/BudgetSansSC-Bold.ttf");
/// BudgetKaiSC-Regular.ttf.
pub(crate) static KAI_REGULAR: &[u8] =
    include_bytes!("../../../assets/fonts/BudgetKaiSC-Regular.ttf");
/// BudgetKaiSC-Bold.ttf.
pub(crate) static KAI_BOLD: &[u8] = include_bytes!("../../../assets/fonts/BudgetKaiSC-Bold.ttf");

/// The licence text that must accompany the fonts.
pub static OFL: &str = include_str!("../../../assets/fonts/OFL.txt");
