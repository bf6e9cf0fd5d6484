//! A direct-indexed character map for printpdf's parsed fonts.
//!
//! printpdf looks up every character of every text run in the font's `cmap`
//! twice (to collect the glyphs to subset and to encode the text), through
//! allsorts' format 4 reader, which scans the segments one by one: our CJK
//! subset fonts have thousands of segments, and these lookups were ~40% of
//! an export. Replacing the parsed font's subtable by an equivalent format
//! 6 table over the whole Basic Multilingual Plane makes each lookup an
//! index. The glyph ids are those of the font's own Unicode subtables (read
//! with ttf-parser); characters it does not map read as glyph 0 (.notdef),
//! which is what printpdf draws for them anyway. A format 6 table cannot
//! hold the few characters beyond the BMP the fonts have (𠳐 𥻗 𬉼, from
//! names); the renderer hands those to printpdf as glyph ids
//! ([`glyph_id`]).

use allsorts::tables::cmap::owned::CmapSubtable;

/// Characters up to this one are in the direct table.
pub(crate) const LAST_DIRECT: char = '\u{ffff}';

/// The BMP mapping of `font` (its bytes) as a format 6 subtable; `None`
/// when the font or its `cmap` cannot be read (the caller keeps printpdf's
/// own subtable then).
pub(crate) fn direct_bmp_subtable(font: &[u8]) -> Option<CmapSubtable> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let cmap = face.tables().cmap?;
    let mut glyphs = vec![0u16; 0x1_0000];
    // The first Unicode subtable that maps a character wins, as in
    // ttf-parser's own lookup.
    for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        sub.codepoints(|cp| {
            if let Some(slot) = glyphs.get_mut(cp as usize)
                && *slot == 0
                && let Some(g) = sub.glyph_index(cp)
            {
                *slot = g.0;
            }
        });
    }
    Some(CmapSubtable::Format6 {
        language: 0,
        first_code: 0,
        glyph_id_array: glyphs,
    })
}

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

    /// For every BMP character, the direct table gives the glyph the font's
    /// own subtable (as allsorts reads it) gives, and 0 where it gives none;
    /// beyond the BMP, [`glyph_id`] does.
    #[test]
    fn direct_table_maps_every_character_as_the_font_does() {
        for face in FontFace::ALL {
            let Some(direct) = direct_bmp_subtable(face.bytes()) else {
                panic!("{face:?}: cmap unreadable");
            };
            let parsed = printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
                .unwrap_or_else(|| panic!("{face:?} parses"));
            let Some(original) = parsed.cmap_subtable.as_ref() else {
                panic!("{face:?} has a cmap");
            };
            let mut mapped = 0;
            for cp in 0..0x1_0000u32 {
                let want = original.map_glyph(cp).ok().flatten().unwrap_or(0);
                let got = direct.map_glyph(cp).ok().flatten().unwrap_or(0);
                assert_eq!(got, want, "{face:?} U+{cp:04X}");
                mapped += usize::from(want != 0);
            }
            for c in ['𠳐', '𥻗', '𬉼'] {
                let want = original.map_glyph(c as u32).ok().flatten().unwrap_or(0);
                assert_ne!(want, 0, "{face:?} has {c}");
                assert_eq!(glyph_id(face.bytes(), c), want, "{face:?} {c}");
            }
            // GB 2312's 6,763 hanzi alone: the comparison covered real data.
            assert!(mapped > 6_000, "{face:?}: {mapped} characters mapped");
        }
    }
}
