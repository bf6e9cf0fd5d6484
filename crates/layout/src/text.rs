//! Text made safe to show: characters that are invisible or that change how
//! the text around them is displayed (C0/C1 controls, right-to-left and
//! other bidirectional overrides, zero-width characters) are replaced by a
//! visible marker wherever the program *shows* text (the PDF, messages). The
//! document keeps the text exactly as entered, and rule W03 names the
//! character, so the 填报人 can find and delete it.

use std::borrow::Cow;

/// What a hidden character is printed as.
pub(crate) const MARKER: char = '□';

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

/// A file size as a person reads it: `812 字节`, `123.4 KB`, `1.2 MB`.
pub(crate) fn human_size(bytes: u64) -> String {
    const K: u64 = 1024;
    match bytes {
        b if b < K => format!("{b} 字节"),
        b if b < K * K => format!("{:.1} KB", b as f64 / K as f64),
        b => format!("{:.1} MB", b as f64 / (K * K) as f64),
    }
}

/// `已导出 名称：detail，size。` and the folder it is in, for the message
/// after an export.
pub fn exported_message(path: &std::path::Path, detail: &str, bytes: u64) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let folder = path
        .parent()
        .map_or_else(String::new, |d| format!("\n保存在：{}", d.display()));
    format!("已导出 {name}：{detail}，{}。{folder}", human_size(bytes))
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(super::human_size(812), "812 字节");
        assert_eq!(super::human_size(126_259), "123.3 KB");
        assert_eq!(super::human_size(3 * 1024 * 1024 / 2), "1.5 MB");
        let m = super::exported_message(std::path::Path::new("/a/b/预算.pdf"), "18 页", 126_259);
        assert_eq!(m, "已导出 预算.pdf：18 页，123.3 KB。\n保存在：/a/b");
    }
}
