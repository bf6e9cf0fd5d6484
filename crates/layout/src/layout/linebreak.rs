//! Breaking text into lines: CJK may break between any two characters, Latin
//! words and numbers stay whole, and the 避头尾 rules hold — no line starts
//! with closing punctuation (，。、；：？！）》” …) and none ends with opening
//! punctuation (（《“ …). A character that would break a rule is carried to
//! the next line together with its neighbour (推出), so lines stay within width.

use super::metrics::{Metrics, is_wide};
use crate::fonts::FontFace;

/// Characters that must not start a line (行首禁则).
pub(crate) const NO_LINE_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '”', '’', '」', '』', '】', '〕', '〉',
    '〗', '…', '·', '％', '‰', ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
];

/// Characters that must not end a line (行尾禁则).
pub(crate) const NO_LINE_END: &[char] = &[
    '（', '《', '“', '‘', '「', '『', '【', '〔', '〈', '〖', '(', '[', '{',
];

/// One line of broken text.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The characters on the line, without trailing spaces.
    pub text: String,
    /// Its width in points.
    pub width: f32,
    /// True for the last line of a paragraph or a line ended by `\n`: such a
    /// line is never stretched when justifying.
    pub hard_end: bool,
}

/// An unbreakable piece: one wide character, a Latin word or number, or a space.
struct Atom {
    text: String,
    width: f32,
    space: bool,
}

/// Breaks `text` into lines no wider than `width` points (the first line
/// `first_indent` narrower). `\n` forces a break. A single word wider than a
/// whole line is split between characters, the only case a number is split.
pub(crate) fn break_lines(
    metrics: &Metrics,
    face: FontFace,
    size: f32,
    text: &str,
    width: f32,
    first_indent: f32,
) -> Vec<Line> {
    let mut lines = Vec::new();
    // Hidden and direction-changing characters print as a visible marker.
    let text = crate::text::visible(text);
    for (i, para) in text.split('\n').enumerate() {
        let indent = if i == 0 { first_indent } else { 0.0 };
        break_paragraph(metrics, face, size, para, width, indent, &mut lines);
    }
    lines
}

fn atoms(metrics: &Metrics, face: FontFace, size: f32, text: &str) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::new();
    let mut word = String::new();
    let mut word_w = 0.0;
    let flush = |out: &mut Vec<Atom>, word: &mut String, word_w: &mut f32| {
        if !word.is_empty() {
            out.push(Atom {
                text: std::mem::take(word),
                width: *word_w,
                space: false,
            });
            *word_w = 0.0;
        }
    };
    for c in text.chars() {
        let w = metrics.advance(face, c, size);
        if c.is_whitespace() {
            flush(&mut out, &mut word, &mut word_w);
            out.push(Atom {
                text: c.to_string(),
                width: w,
                space: true,
            });
        } else if is_wide(c) {
            flush(&mut out, &mut word, &mut word_w);
            out.push(Atom {
                text: c.to_string(),
                width: w,
                space: false,
            });
        } else {
            word.push(c);
            word_w += w;
        }
    }
    flush(&mut out, &mut word, &mut word_w);
    out
}

/// Groups atoms that may not be separated under 避头尾.
fn groups(atoms: Vec<Atom>) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::with_capacity(atoms.len());
    let mut glue_next = false;
    for a in atoms {
        let starts_closing = a
            .text
            .chars()
            .next()
            .is_some_and(|c| NO_LINE_START.contains(&c));
        let ends_opening = a
            .text
            .chars()
            .last()
            .is_some_and(|c| NO_LINE_END.contains(&c));
        let glue = !a.space && (glue_next || starts_closing);
        match out.last_mut() {
            Some(prev) if glue && !prev.space => {
                prev.text.push_str(&a.text);
                prev.width += a.width;
            }
            _ => out.push(a),
        }
        glue_next = ends_opening;
    }
    out
}

fn break_paragraph(
    metrics: &Metrics,
    face: FontFace,
    size: f32,
    text: &str,
    width: f32,
    first_indent: f32,
    lines: &mut Vec<Line>,
) {
    const EPS: f32 = 0.01;
    let start = lines.len();
    let mut cur = String::new();
    let mut cur_w = 0.0f32;
    let mut avail = (width - first_indent).max(size);
    let finish = |lines: &mut Vec<Line>, cur: &mut String, cur_w: &mut f32| {
        let trimmed = cur.trim_end();
        let trailing: f32 = cur[trimmed.len()..]
            .chars()
            .map(|c| metrics.advance(face, c, size))
            .sum();
        lines.push(Line {
            text: trimmed.to_string(),
            width: *cur_w - trailing,
            hard_end: false,
        });
        cur.clear();
        *cur_w = 0.0;
    };
    for g in groups(atoms(metrics, face, size, text)) {
        if g.space && cur.is_empty() {
            continue; // no line starts with a space
        }
        if cur_w + g.width <= avail + EPS || g.space {
            cur.push_str(&g.text);
            cur_w += g.width;
            continue;
        }
        if !cur.is_empty() {
            finish(lines, &mut cur, &mut cur_w);
            avail = width.max(size);
        }
        if g.width <= avail + EPS {
            cur.push_str(&g.text);
            cur_w = g.width;
        } else {
            // Wider than a whole line: split between characters.
            for c in g.text.chars() {
                let w = metrics.advance(face, c, size);
                if cur_w + w > avail + EPS && !cur.is_empty() {
                    finish(lines, &mut cur, &mut cur_w);
                    avail = width.max(size);
                }
                cur.push(c);
                cur_w += w;
            }
        }
    }
    if !cur.is_empty() || lines.len() == start {
        finish(lines, &mut cur, &mut cur_w);
    }
    if let Some(last) = lines.last_mut() {
        last.hard_end = true;
    }
}

/// The words the [`TITLE_TERMS`] are made of, where a term too wide for its
/// line may break (`政府性基金` / `预算`).
pub const TITLE_WORDS: &[&str] = &[
    "一般公共",
    "政府性基金",
    "国有资本经营",
    "预算",
    "拨款",
    "财政",
    "功能",
    "经济",
    "分类",
    "科目",
    "编码",
    "名称",
    "项目",
    "支出",
    "收入",
    "合计",
    "小计",
    "基本",
    "采购",
    "类型",
];

/// Terms of the published titles that a title never breaks inside where a
/// break between them fits.
pub const TITLE_TERMS: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政拨款",
    "财务收支",
    "收支预算",
    "收入预算",
    "支出预算",
    "基本支出",
    "项目支出",
    "部门预算",
    "单位预算",
    "经济分类",
    "功能分类",
    "整体支出",
    "绩效目标",
    "“三公”经费",
    "机关运行经费",
    "申报表",
    "预算表",
    "支出表",
    "收入表",
    "总表",
];

/// Breaks a title: on one line when it fits; on two lines, only between
/// words (never inside one of `keep`, such as the department's name, a
/// [`TITLE_TERMS`] term, a number with its 年, or against 避头尾), at the
/// break that makes the two lines most nearly equal. A title that needs
/// more lines, or has no such break that fits, breaks as [`break_lines`].
pub(crate) fn break_title(
    metrics: &Metrics,
    face: FontFace,
    size: f32,
    text: &str,
    width: f32,
    keep: &[&str],
) -> Vec<Line> {
    let plain = break_lines(metrics, face, size, text, width, 0.0);
    if plain.len() != 2 || text.contains('\n') {
        return plain;
    }
    let chars: Vec<char> = text.chars().collect();
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    // Where a break would fall inside one of `terms`.
    let inside_of = |terms: &mut dyn Iterator<Item = &str>| {
        let mut inside = vec![false; chars.len() + 1];
        for term in terms.filter(|t| !t.is_empty()) {
            for (b, _) in text.match_indices(term) {
                let from = starts.partition_point(|&x| x < b);
                let to = from + term.chars().count();
                for slot in inside.iter_mut().take(to).skip(from + 1) {
                    *slot = true;
                }
            }
        }
        inside
    };
    let inside = inside_of(&mut keep.iter().copied().chain(TITLE_TERMS.iter().copied()));
    let inside_word = inside_of(&mut keep.iter().copied().chain(TITLE_WORDS.iter().copied()));
    let widths: Vec<f32> = chars
        .iter()
        .map(|c| metrics.advance(face, *c, size))
        .collect();
    let total: f32 = widths.iter().sum();
    // A break between characters k-1 and k that no rule forbids (terms aside).
    let may_break = |k: usize| {
        let (a, b) = (chars[k - 1], chars[k]);
        (is_wide(a) || is_wide(b))
            && (!a.is_ascii_digit() || b != '年')
            && !NO_LINE_START.contains(&b)
            && !NO_LINE_END.contains(&a)
            && !a.is_whitespace()
            && !b.is_whitespace()
    };
    // The most nearly equal break that fits, between terms where one
    // does; else between the words of a term (`一般公共` / `预算拨款` in a
    // narrow column, not `一般公共预` / `算拨款`).
    let balanced = |inside: &[bool]| {
        let mut best: Option<(f32, usize)> = None;
        let mut left = 0.0f32;
        for k in 1..chars.len() {
            left += widths[k - 1];
            let allowed = !inside[k] && may_break(k);
            let right = total - left;
            if allowed && left <= width && right <= width {
                let score = (left - right).abs();
                if best.is_none_or(|(s, _)| score < s) {
                    best = Some((score, k));
                }
            }
        }
        best
    };
    let mut best = balanced(&inside).or_else(|| balanced(&inside_word));
    // No break between words fits (the text is one long term, such as
    // 政府性基金预算 in a narrow column): at least no character is left
    // alone on the second line (`政府性基金` / `预算`, not `政府性基金预` / `算`).
    let n = chars.len();
    if best.is_none() && plain[1].text.chars().count() == 1 && n >= 4 && may_break(n - 2) {
        best = Some((0.0, n - 2));
    }
    match best {
        Some((_, k)) => {
            let (l, r) = (&chars[..k], &chars[k..]);
            let w = |cs: &[char]| cs.iter().map(|c| metrics.advance(face, *c, size)).sum();
            vec![
                Line {
                    text: l.iter().collect(),
                    width: w(l),
                    hard_end: false,
                },
                Line {
                    text: r.iter().collect(),
                    width: w(r),
                    hard_end: true,
                },
            ]
        }
        None => plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{Family, Weight};

    const F: FontFace = FontFace::new(Family::Serif, Weight::Regular);

    fn lines(text: &str, width_em: f32) -> Vec<String> {
        break_lines(Metrics::shared(), F, 10.0, text, width_em * 10.0, 0.0)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    fn title(text: &str, width_em: f32) -> Vec<String> {
        break_title(Metrics::shared(), F, 10.0, text, width_em * 10.0, &[])
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn a_title_that_is_one_term_leaves_no_character_alone() {
        assert_eq!(lines("政府性基金预算", 6.5), ["政府性基金预", "算"]);
        assert_eq!(title("政府性基金预算", 6.5), ["政府性基金", "预算"]);
        // Between words where it can.
        assert_eq!(title("项目支出合计", 5.5), ["项目支出", "合计"]);
        // A term too wide for the line breaks between its words.
        assert_eq!(lines("一般公共预算拨款", 5.5), ["一般公共预", "算拨款"]);
        assert_eq!(title("一般公共预算拨款", 5.5), ["一般公共", "预算拨款"]);
    }

    #[test]
    fn cjk_breaks_anywhere_within_width() {
        assert_eq!(
            lines("一二三四五六七八九十", 4.0),
            ["一二三四", "五六七八", "九十"]
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // "四" is pushed to the next line together with "，".
        assert_eq!(lines("一二三四，五六七", 4.0), ["一二三", "四，五六", "七"]);
        for text in [
            "一二三四。",
            "一二三四、",
            "一二三四）",
            "一二三四》",
            "一二三四”",
            "一二三四；",
            "一二三四：",
            "一二三四？",
            "一二三四！",
        ] {
            for l in lines(text, 4.0) {
                let c = l.chars().next().unwrap();
                assert!(!NO_LINE_START.contains(&c), "{text}: line starts with {c}");
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for text in ["一二三（四）五", "一二三《四》五", "一二三“四”五"] {
            let ls = lines(text, 4.0);
            for l in &ls {
                let c = l.chars().last().unwrap();
                assert!(!NO_LINE_END.contains(&c), "{text}: {ls:?}");
            }
            assert_eq!(ls.concat(), text);
        }
    }

    #[test]
    fn numbers_are_not_split() {
        let ls = lines("合计金额为1037.60万元", 7.0);
        assert!(ls.iter().any(|l| l.contains("1037.60")), "{ls:?}");
        let ls = lines("项目起止时间为2021.01.01-2021.12.31", 14.0);
        assert!(
            ls.iter().any(|l| l.contains("2021.01.01-2021.12.31")),
            "{ls:?}"
        );
    }

    #[test]
    fn lines_fit_and_newline_breaks() {
        let m = Metrics::shared();
        let text = "负责区级政府信息公开工作。组织和指导区各级党政群机关和事业单位开展信息化建设工作。\n第二段";
        let ls = break_lines(m, F, 16.0, text, 200.0, 32.0);
        assert!(ls[0].width <= 168.01);
        assert!(ls.iter().all(|l| l.width <= 200.01));
        assert_eq!(ls.last().unwrap().text, "第二段");
        assert!(ls.last().unwrap().hard_end);
        assert_eq!(ls.iter().filter(|l| l.hard_end).count(), 2);
        assert_eq!(lines("", 4.0), [""]);
    }

    #[test]
    fn overlong_word_is_split() {
        let ls = lines("12345678901234567890", 3.0);
        assert!(ls.len() > 1);
        assert_eq!(ls.concat(), "12345678901234567890");
    }
}
