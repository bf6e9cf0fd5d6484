//! Glyph lookups the PDF writer makes itself.
//!
//! printpdf (built without its HTML/text-layout engine, which we do not use
//! and which was a tenth of a clean build) maps the characters of a text run
//! through the parsed font's own codepoint table, an ordered map. The few
//! characters beyond the Basic Multilingual Plane the fonts have (𠳐 𥻗 𬉼,
//! from names) are handed to printpdf as glyph ids ([`glyph_id`]).

/// Characters up to this one are passed to printpdf as text.
pub(crate) const LAST_DIRECT: char = '\u{ffff}';

/// The glyph of `c` in `font` (its bytes), for characters beyond
/// [`LAST_DIRECT`]; 0 (.notdef) when it has none.
pub(crate) fn glyph_id(font: &[u8], c: char) -> u16 {
    ttf_parser::Face::parse(font, 0)
        .ok()
        .and_then(|f| f.glyph_index(c))
        .map_or(0, |g| g.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontFace;

    /// printpdf's parsed font maps every BMP character as the font's own
    /// Unicode subtable does (read with ttf-parser), and [`glyph_id`] finds
    /// the characters beyond the BMP.
    #[test]
    fn printpdf_maps_every_character_as_the_font_does() {
        for face in FontFace::ALL {
            let parsed = printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
                .unwrap_or_else(|| panic!("{face:?} parses"));
            let ttf = ttf_parser::Face::parse(face.bytes(), 0).expect("face");
            let mut mapped = 0;
            for cp in 0..0x1_0000u32 {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let want = ttf.glyph_index(c).map_or(0, |g| g.0);
                let got = parsed.codepoint_to_glyph.get(&cp).copied().unwrap_or(0);
                assert_eq!(got, want, "{face:?} U+{cp:04X}");
                mapped += usize::from(want != 0);
            }
            for c in ['𠳐', '𥻗', '𬉼'] {
                assert_ne!(glyph_id(face.bytes(), c), 0, "{face:?} has {c}");
            }
            // GB 2312's 6,763 hanzi alone: the comparison covered real data.
            assert!(mapped > 6_000, "{face:?}: {mapped} characters mapped");
        }
    }
}
