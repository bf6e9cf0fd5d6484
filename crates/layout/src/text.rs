//! Text made safe to show: characters that are invisible or that change how
//! the text around them is displayed (C0/C1 controls, right-to-left and
//! other bidirectional overrides, zero-width characters) are replaced by a
//! visible marker wherever the program *shows* text (the PDF, messages). The
//! document keeps the text exactly as entered, and rule W03 names the
//! character, so the 填报人 can find and delete it.

use std::borrow::Cow;

/// What a hidden character is printed as.
pub const MARKER: char = '□';

/// True for a character that must not reach a printed page or a message as
/// is: controls other than line breaks and tabs, bidirectional embeddings,
/// overrides and isolates, zero-width and directional marks, the BOM.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // LRE RLE PDF LRO RLO
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // LRI RLI FSI PDI
            | '\u{061c}'              // Arabic letter mark
            | '\u{feff}')
}

/// `text` with each hidden character replaced by [`MARKER`] and each tab by
/// a space; borrowed when there is nothing to replace (the usual case).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_hidden(c) => MARKER,
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontFace;
    use crate::layout::Metrics;

    #[test]
    fn overrides_and_controls_become_visible() {
        assert_eq!(visible("青山区"), Cow::Borrowed("青山区"));
        assert_eq!(visible("abc\u{202e}def"), "abc□def");
        assert_eq!(visible("a\u{0}b\u{7}c\r"), "a□b□c□");
        assert_eq!(visible("一\n二\t三"), "一\n二 三");
        assert_eq!(visible("\u{200b}\u{2066}x\u{2069}\u{feff}"), "□□x□□");
    }

    #[test]
    fn every_font_can_print_the_marker() {
        let m = Metrics::shared();
        for face in FontFace::ALL {
            // The marker, and the ellipsis that ends a cut 目录 title.
            assert!(m.has_glyph(face, MARKER), "{face:?}");
            assert!(m.has_glyph(face, '…'), "{face:?}");
        }
    }
}
