//! The fonts an export embeds, cut down to the glyphs it draws before
//! printpdf sees them.
//!
//! printpdf parses each font it is given whole: copying a 2–4 MB face and
//! its `glyf` table and touching every page of the copies was about half of
//! an export's time. Subsetting first (allsorts reads the compiled-in bytes
//! in place) hands printpdf a font of a few hundred glyphs instead, which
//! it embeds as it is. The subset keeps the glyphs' outlines, advances and
//! names, so the PDF looks the same.

use super::PdfError;
use crate::fonts::FontFace;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use printpdf::ParsedFont;
use std::collections::BTreeSet;

/// A face cut down to the characters one export draws, parsed for printpdf.
pub(crate) struct Subset {
    /// The face, parsed and named for the PDF.
    pub font: ParsedFont,
    /// Its bytes, for glyph ids of characters beyond the BMP.
    pub bytes: Vec<u8>,
}

/// Tables the cut font keeps: what the PDF embedding and printpdf's parser
/// read (`glyf`/`loca` are added by the subsetter).
const TABLES: [u32; 11] = [
    tag::CMAP,
    tag::CVT,
    tag::FPGM,
    tag::HEAD,
    tag::HHEA,
    tag::HMTX,
    tag::MAXP,
    tag::NAME,
    tag::OS_2,
    tag::POST,
    tag::PREP,
];

/// The whole `face`, parsed for printpdf.
pub(crate) fn whole_face(face: FontFace) -> Result<Subset, PdfError> {
    parsed(face, face.bytes().to_vec(), false)
}

/// `bytes` of `face` parsed for printpdf, named as the PDF names it: its
/// PostScript name, after a subset tag (`ABCDEF+`, ISO 32000-1 9.6.4) when
/// `cut` (printpdf only tags the fonts it cut itself, and it does not cut
/// ours again).
fn parsed(face: FontFace, bytes: Vec<u8>, cut: bool) -> Result<Subset, PdfError> {
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| PdfError::Font(format!("{:?} {:?}", face.family, face.weight)))?;
    let name =
        postscript_name(&bytes).unwrap_or_else(|| format!("{:?}-{:?}", face.family, face.weight));
    font.font_name = Some(if cut {
        format!("{}+{name}", subset_tag(&bytes))
    } else {
        name
    });
    Ok(Subset { font, bytes })
}

/// The face's PostScript name (`name` table, id 6).
fn postscript_name(bytes: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
}

/// Six capital letters from the cut font's bytes: the same subset gets the
/// same tag, so an export is reproducible.
fn subset_tag(bytes: &[u8]) -> String {
    // FNV-1a: small, stable across runs and builds.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// `face` with just the glyphs of `chars` (and .notdef).
pub(crate) fn subset_face(face: FontFace, chars: &BTreeSet<char>) -> Result<Subset, PdfError> {
    let broken =
        |why: String| PdfError::Font(format!("{:?} {:?}: {why}", face.family, face.weight));
    let full = face.bytes();
    let ttf = ttf_parser::Face::parse(full, 0).map_err(|e| broken(e.to_string()))?;
    // .notdef first, then each used glyph once, as the subsetter requires.
    let used: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| ttf.glyph_index(*c))
        .map(|g| g.0)
        .filter(|&g| g != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(used).collect();
    let file = ReadScope::new(full)
        .read::<FontData<'_>>()
        .map_err(|e| broken(e.to_string()))?;
    let provider = file.table_provider(0).map_err(|e| broken(e.to_string()))?;
    let bytes = subset(
        &provider,
        &ids,
        &SubsetProfile::Custom(TABLES.to_vec()),
        CmapTarget::Unicode,
    )
    .map_err(|e| broken(format!("{e:?}")))?;
    parsed(face, bytes, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole face, the fallback, parses with its direct map.
    #[test]
    fn whole_faces_parse() {
        for face in FontFace::ALL {
            let whole = whole_face(face).unwrap_or_else(|e| panic!("{face:?}: {e}"));
            assert_eq!(whole.bytes.len(), face.bytes().len());
            assert!(
                whole
                    .font
                    .lookup_glyph_index('预' as u32)
                    .is_some_and(|g| g != 0)
            );
        }
    }

    /// The cut font draws each character with the same outline and advance
    /// as the whole face, and has no other glyphs.
    #[test]
    fn subset_keeps_the_glyphs_of_the_characters_and_nothing_else() {
        let chars: BTreeSet<char> = "青山区大数据中心2021年部门预算（万元）𬉼".chars().collect();
        for face in FontFace::ALL {
            let cut = subset_face(face, &chars).unwrap_or_else(|e| panic!("{face:?}: {e}"));
            let small = ttf_parser::Face::parse(&cut.bytes, 0).expect("subset parses");
            let whole = ttf_parser::Face::parse(face.bytes(), 0).expect("face parses");
            assert_eq!(usize::from(small.number_of_glyphs()), chars.len() + 1);
            for c in &chars {
                let (Some(g), Some(w)) = (small.glyph_index(*c), whole.glyph_index(*c)) else {
                    panic!("{face:?} {c}: missing");
                };
                assert_eq!(
                    small.glyph_hor_advance(g),
                    whole.glyph_hor_advance(w),
                    "{face:?} {c}"
                );
                assert_eq!(
                    small.glyph_bounding_box(g),
                    whole.glyph_bounding_box(w),
                    "{face:?} {c}"
                );
            }
        }
    }
}
