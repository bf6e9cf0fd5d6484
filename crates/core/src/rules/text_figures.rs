//! Figures typed into free text (职能, 年度工作任务, 变动原因, 国有资产说明,
//! a project's 用途 and goals) against the figures they name: X05 an
//! amount such as “三公”经费12.5万元 against the stored 三公 合计, Y05 last
//! year's year (“2026年” in a 2027 document) left from last year's text.
//!
//! Conservative by design: an amount is compared only where it follows its
//! name closely with nothing between them that makes it another figure
//! (上年, 比, 增加, 其中, 约 …), and a year only where the sentence does not
//! compare with or count from it. A missed mismatch costs less than a
//! false alarm on every correct document.

use super::{Figures, Finding, Rule, text_location};
use crate::derive::Totals;
use crate::model::{Document, ProjectText, SpendingKind, TextKey};
use crate::money::{Amount, Money, MoneyUnit, round_dp};
use rust_decimal::Decimal;

/// A figure a sentence may name, and the names it goes by.
struct Named {
    /// The words that name it in text, longest first.
    names: &'static [&'static str],
    /// What the figure is called in a message.
    label: &'static str,
    /// Words that, just before the name, make it a part of the figure
    /// (一般公共预算基本支出 is not all 基本支出).
    parts: &'static [&'static str],
    /// The figure, in the document's unit.
    value: fn(&Document, &Totals) -> Money,
}

/// Qualifiers that narrow a total to one 资金来源 or one unit.
const SOURCE_WORDS: &[&str] = &["预算", "拨款", "基金", "资金", "收入", "经营", "单位"];

/// The figures free text is checked against: each named unambiguously.
const NAMED: [Named; 5] = [
    Named {
        names: &["三公”经费", "三公\"经费", "三公经费"],
        label: "“三公”经费合计",
        parts: &[],
        value: |_, t| t.three_public,
    },
    Named {
        names: &[
            "收支总预算",
            "收支预算总额",
            "收入预算总额",
            "支出预算总额",
            "预算总额",
        ],
        label: "收支预算总额",
        parts: SOURCE_WORDS,
        value: |_, t| t.total,
    },
    Named {
        names: &["基本支出预算", "基本支出"],
        label: "基本支出合计",
        parts: SOURCE_WORDS,
        value: |_, t| t.kind(SpendingKind::Basic),
    },
    Named {
        names: &["项目支出预算", "项目支出"],
        label: "项目支出合计",
        parts: SOURCE_WORDS,
        value: |_, t| t.kind(SpendingKind::Project),
    },
    Named {
        names: &["政府采购预算"],
        label: "政府采购预算合计",
        parts: &[],
        value: |d, _| d.procurement_total(),
    },
];

/// Words between a name and an amount that make the amount another figure
/// (a change, a part, an estimate, last year's).
const NOT_THE_FIGURE: [&str; 18] = [
    "上年",
    "去年",
    "同比",
    "比",
    "较",
    "增",
    "减",
    "下降",
    "上升",
    "其中",
    "约",
    "近",
    "超",
    "不超过",
    "控制",
    "节约",
    "占",
    "累计",
];

/// Words just before a name that make it another year's figure.
const OTHER_YEAR: [&str; 6] = ["上年", "去年", "同比", "比", "较", "调整"];

/// How far (characters) before a name [`OTHER_YEAR`] and
/// [`Named::parts`] are looked for.
const BEFORE: usize = 8;

/// Words right after an amount that make it a bound, not the figure.
const BOUND_AFTER: [&str; 5] = ["以内", "以下", "以上", "左右", "内"];

/// How far (characters) an amount may stand after its name.
const MAX_GAP: usize = 10;

/// Characters that end a clause: an amount after one of them is not the
/// name's.
const CLAUSE_END: [char; 8] = ['，', ',', '。', '；', ';', '、', '！', '？'];

/// Words in a sentence that make a year in it a comparison or a period,
/// not a stale date.
const YEAR_CONTEXT: [&str; 16] = [
    "上年", "去年", "同比", "比", "较", "以来", "截至", "截止", "至", "到", "起", "自", "—", "-",
    "～", "~",
];

/// Words right after a year that make it history (2020年建成, 2020年底),
/// not a stale date.
const HISTORY_AFTER: [&str; 10] = [
    "底", "末", "前", "以前", "建", "成立", "启动", "开始", "完成", "实现",
];

/// Whether `key` is a department-wide text, where a total may be named; a
/// project's texts name the project's own amounts (本项目支出50万元).
fn names_totals(key: TextKey) -> bool {
    !matches!(key, TextKey::Project(..))
}

/// The free texts the preparer writes as sentences, with their keys:
/// listed here rather than filtered from `Document::for_each_text`, which
/// would visit every 科目 name and code after every edit for nothing.
fn prose(doc: &Document) -> Vec<(TextKey, &str)> {
    let mut v: Vec<(TextKey, &str)> = Vec::new();
    let p = &doc.performance;
    v.extend(
        (doc.overview.functions.iter().enumerate())
            .map(|(n, t)| (TextKey::Function(n), t.as_str())),
    );
    v.extend(
        (p.functions_summary.iter().enumerate())
            .map(|(n, t)| (TextKey::FunctionsSummary(n), t.as_str())),
    );
    v.extend(
        (p.annual_tasks.iter().enumerate()).map(|(n, t)| (TextKey::AnnualTask(n), t.as_str())),
    );
    v.push((TextKey::ChangeReason, &doc.other.change_reason));
    v.push((TextKey::AssetsNote, &doc.other.assets_note));
    for (n, pr) in doc.projects.iter().enumerate() {
        for (f, t) in [
            (ProjectText::Purpose, &pr.purpose),
            (ProjectText::MidtermGoal, &pr.midterm_goal),
            (ProjectText::AnnualGoal, &pr.annual_goal),
        ] {
            v.push((TextKey::Project(n, f), t));
        }
    }
    v
}

/// X05 and Y05 over every free text of `doc`.
pub(crate) fn check(doc: &Document, totals: &Totals, out: &mut Vec<Finding>) {
    for (key, text) in prose(doc) {
        let chars: Vec<char> = text.chars().map(ascii_digit).collect();
        // Both rules read a number; most sentences have none.
        if !chars.iter().any(char::is_ascii_digit) {
            continue;
        }
        if names_totals(key) {
            amounts(doc, totals, key, &chars, out);
        }
        years(doc, key, &chars, out);
    }
}

/// Full-width digits and point as ASCII (the rest unchanged).
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '．' => '.',
        _ => c,
    }
}

/// Whether `words` occurs in `chars[from..to]`.
fn contains(chars: &[char], from: usize, to: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    to >= from + w.len() && chars[from..to].windows(w.len()).any(|x| x == w.as_slice())
}

/// Whether `word` starts at `at`.
fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, c)| chars.get(i) == Some(&c))
}

/// An amount written in text: its value as typed, its decimals and unit,
/// and where it ends.
struct Written {
    value: Decimal,
    decimals: u32,
    unit: MoneyUnit,
    end: usize,
}

/// The amount starting at `at` (`12.5万元`, `3,098,612.37 元`), if one does.
fn written_amount(chars: &[char], at: usize) -> Option<Written> {
    let mut i = at;
    let mut digits = String::new();
    while let Some(&c) = chars.get(i) {
        match c {
            '0'..='9' | '.' => digits.push(c),
            ',' if chars.get(i + 1).is_some_and(char::is_ascii_digit) => {}
            _ => break,
        }
        i += 1;
    }
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    let unit = if starts_with(chars, i, "万元") {
        i += 2;
        MoneyUnit::WanYuan
    } else if starts_with(chars, i, "元") {
        i += 1;
        MoneyUnit::Yuan
    } else {
        return None;
    };
    let value: Decimal = digits.parse().ok()?;
    let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Some(Written {
        value,
        decimals,
        unit,
        end: i,
    })
}

/// Where the words before a name at `at` start: [`BEFORE`] characters
/// back, or after the clause's start.
fn before_start(chars: &[char], at: usize) -> usize {
    let from = at.saturating_sub(BEFORE);
    (from..at)
        .rev()
        .find(|&i| CLAUSE_END.contains(&chars[i]))
        .map_or(from, |i| i + 1)
}

/// X05: each named figure followed closely by an amount.
fn amounts(doc: &Document, totals: &Totals, key: TextKey, chars: &[char], out: &mut Vec<Finding>) {
    for named in &NAMED {
        let mut at = 0;
        while at < chars.len() {
            let Some(name) = named.names.iter().find(|n| starts_with(chars, at, n)) else {
                at += 1;
                continue;
            };
            let after = at + name.chars().count();
            let before = before_start(chars, at);
            let other_year = OTHER_YEAR
                .iter()
                .chain(named.parts)
                .any(|w| contains(chars, before, at, w))
                || (2000..2100)
                    .filter(|y| *y != doc.meta.year)
                    .any(|y| year_at(&chars[before..at], y).is_some());
            at = after;
            if other_year {
                continue;
            }
            let Some(first_digit) =
                (after..chars.len().min(after + MAX_GAP + 1)).find(|&i| chars[i].is_ascii_digit())
            else {
                continue;
            };
            if chars[after..first_digit]
                .iter()
                .any(|c| CLAUSE_END.contains(c))
                || NOT_THE_FIGURE
                    .iter()
                    .any(|w| contains(chars, after, first_digit, w))
            {
                continue;
            }
            let Some(w) = written_amount(chars, first_digit) else {
                continue;
            };
            if BOUND_AFTER.iter().any(|b| starts_with(chars, w.end, b)) {
                continue;
            }
            let figure = (named.value)(doc, totals);
            let Ok(in_written_unit) = Amount::of(figure, doc.meta.unit).to_unit(w.unit) else {
                continue;
            };
            if round_dp(in_written_unit.value(), w.decimals) == w.value {
                continue;
            }
            let typed: String = chars[first_digit..w.end].iter().collect();
            out.push(Finding::new(
                Rule::X05,
                format!(
                    "{}写{}为 {typed}，文件中为 {}",
                    key.label(),
                    named.label,
                    Figures::of(doc).with_unit(figure, doc.meta.unit)
                ),
                text_location(doc, key),
            ));
        }
    }
}

/// Y05: last year's year (`2026年` in a 2027 document) in a sentence that
/// neither compares with it nor counts from it.
fn years(doc: &Document, key: TextKey, chars: &[char], out: &mut Vec<Finding>) {
    let last = doc.meta.year.saturating_sub(1);
    let mut start = 0;
    for end in (0..=chars.len())
        .filter(|&i| i == chars.len() || matches!(chars[i], '。' | '；' | ';' | '！' | '？' | '\n'))
    {
        let sentence = &chars[start..end];
        start = end + 1;
        let Some(at) = stale_year_at(sentence, last) else {
            continue;
        };
        if YEAR_CONTEXT
            .iter()
            .any(|w| contains(sentence, 0, sentence.len(), w))
        {
            continue;
        }
        // From the clause's start, at most 8 characters before the year.
        let from = before_start(sentence, at);
        let quoted: String = sentence[from..sentence.len().min(at + 12)].iter().collect();
        out.push(Finding::new(
            Rule::Y05,
            format!(
                "{}“{}”写的是 {last} 年，本文件是 {} 年度预算；如是沿用上年的文字，请改为本年度",
                key.label(),
                quoted.trim(),
                doc.meta.year
            ),
            text_location(doc, key),
        ));
        return;
    }
}

/// Where `year` stands in `s` as a year (`2026年`, not part of a longer
/// number).
fn year_at(s: &[char], year: i32) -> Option<usize> {
    let y: Vec<char> = year.to_string().chars().collect();
    (0..s.len()).find(|&i| {
        s[i..].starts_with(&y)
            && s.get(i + y.len()) == Some(&'年')
            && (i == 0 || !s[i - 1].is_ascii_digit())
    })
}

/// Where `year` stands in `s` as a date that is not history
/// ([`HISTORY_AFTER`]).
fn stale_year_at(s: &[char], year: i32) -> Option<usize> {
    let at = year_at(s, year)?;
    let after = at + year.to_string().chars().count() + 1;
    (!HISTORY_AFTER.iter().any(|w| starts_with(s, after, w))).then_some(at)
}
