//! Text measurement from the real glyph advances (`hmtx`) of the embedded fonts.
//!
//! If a face cannot be parsed (it is compiled in, so this only happens with a
//! broken build), measurement falls back to a documented approximation:
//! CJK and other wide characters 1 em, everything else ½ em.

use crate::fonts::FontFace;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// Advance widths of the six faces, by character.
pub struct Metrics {
    faces: Vec<Option<FaceMetrics>>,
}

struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Per BMP character, its glyph's advance in font units + 1 (`NO_GLYPH`
    /// when the face has none, 0 not looked up yet): a `cmap` lookup costs
    /// about 500 ns, and the layout and the W03 rule ask for the same few
    /// thousand characters over and over. Atomics, because the one shared
    /// instance is read from several threads (`check` of many files).
    bmp: Box<[AtomicU32]>,
}

/// [`FaceMetrics::bmp`] entry of a character the face has no glyph for.
const NO_GLYPH: u32 = u32::MAX;

impl FaceMetrics {
    /// The advance of `c` in font units, `None` without a glyph.
    fn advance_units(&self, c: char) -> Option<u16> {
        let lookup = || {
            self.face
                .glyph_index(c)
                .map(|g| self.face.glyph_hor_advance(g).unwrap_or(0))
        };
        let Some(slot) = self.bmp.get(c as usize) else {
            return lookup();
        };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let found = lookup();
                slot.store(
                    found.map_or(NO_GLYPH, |u| u32::from(u) + 1),
                    Ordering::Relaxed,
                );
                found
            }
            NO_GLYPH => None,
            // Stored as units + 1 ≤ 65,536.
            known => u16::try_from(known - 1).ok(),
        }
    }
}

impl Metrics {
    /// Parses the compiled-in faces.
    pub fn new() -> Self {
        let faces = FontFace::ALL
            .iter()
            .map(|f| {
                ttf_parser::Face::parse(f.bytes(), 0)
                    .ok()
                    .map(|face| FaceMetrics {
                        units_per_em: f32::from(face.units_per_em().max(1)),
                        face,
                        bmp: (0..0x1_0000).map(|_| AtomicU32::new(0)).collect(),
                    })
            })
            .collect();
        Self { faces }
    }

    /// One shared instance for the whole process (parsing is cheap, but the
    /// layout is called often by the preview).
    pub fn shared() -> &'static Metrics {
        static SHARED: OnceLock<Metrics> = OnceLock::new();
        SHARED.get_or_init(Metrics::new)
    }

    /// Advance of `c` in `face` at `size` points.
    pub fn advance(&self, face: FontFace, c: char, size: f32) -> f32 {
        let em = match self.faces.get(face.index()).and_then(Option::as_ref) {
            Some(m) => match m.advance_units(c) {
                Some(u) => f32::from(u) / m.units_per_em,
                None => approximate_em(c),
            },
            None => approximate_em(c),
        };
        em * size
    }

    /// Width of `text` in `face` at `size` points (no kerning: the forms and
    /// tables are CJK and digits, which the fonts do not kern).
    pub fn width(&self, face: FontFace, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(face, c, size)).sum()
    }

    /// True when `face` has a glyph for `c`.
    pub fn has_glyph(&self, face: FontFace, c: char) -> bool {
        self.faces
            .get(face.index())
            .and_then(Option::as_ref)
            .is_some_and(|m| m.advance_units(c).is_some())
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// The approximation used when a face is unavailable.
fn approximate_em(c: char) -> f32 {
    if is_wide(c) { 1.0 } else { 0.5 }
}

/// CJK ideographs, CJK punctuation and full-width forms: one em wide.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x2FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{Family, Weight};

    #[test]
    fn cjk_is_one_em_and_digits_are_narrower() {
        let m = Metrics::shared();
        let f = FontFace::new(Family::Serif, Weight::Regular);
        assert!((m.advance(f, '预', 10.0) - 10.0).abs() < 0.01);
        let d = m.advance(f, '1', 10.0);
        assert!(d > 3.0 && d < 7.0, "digit advance {d}");
        assert!(m.has_glyph(f, '〇'));
        assert!((m.width(f, "预算", 16.0) - 32.0).abs() < 0.1);
    }
}
