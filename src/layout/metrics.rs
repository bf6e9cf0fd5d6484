//! Text measurement from the real glyph advances (`hmtx`) of the embedded fonts.
//!
//! If a face cannot be parsed (it is compiled in, so this only happens with a
//! broken build), measurement falls back to a documented approximation:
//! CJK and other wide characters 1 em, everything else ½ em.

use crate::fonts::FontFace;
use std::sync::OnceLock;

/// Advance widths of the six faces, by character.
pub struct Metrics {
    faces: Vec<Option<FaceMetrics>>,
}

struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
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
            Some(m) => {
                let units = m
                    .face
                    .glyph_index(c)
                    .and_then(|g| m.face.glyph_hor_advance(g))
                    .map(f32::from);
                match units {
                    Some(u) => u / m.units_per_em,
                    None => approximate_em(c),
                }
            }
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
            .is_some_and(|m| m.face.glyph_index(c).is_some())
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
pub fn is_wide(c: char) -> bool {
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
