//! Reviewers' comments (审阅意见) stored in the document: each points at a
//! cell, field or finding by its core [`Location`], carries author, time and
//! text, and stays in the file once resolved, with the 填报人's reply, as
//! the history of the review. Comments are never printed: the PDF and the
//! Excel export read only the budget parts of the document.

use crate::location::Location;
use crate::model::Document;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The review part of a document: every comment, open and resolved, in the
/// order they were made. Absent from files without comments (older files
/// load as having none, and a file without comments saves as before).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// All comments, oldest first.
    pub comments: Vec<Comment>,
}

impl Review {
    /// True when there is no comment at all (the part is then not written).
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }
}

/// One 审阅意见.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The cell, field or sheet it is about.
    pub at: Location,
    /// The rule id when the comment was made on a finding (e.g. `X01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Who wrote it (the reviewer's name as entered in the app).
    pub author: String,
    /// When, as Unix seconds.
    pub time: i64,
    /// What the reviewer asks.
    pub text: String,
    /// Dealt with by the 填报人; kept in the file as history.
    #[serde(default)]
    pub resolved: bool,
    /// Answers, oldest first (the 填报人's when resolving).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
}

/// An answer to a comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// Who answered.
    pub author: String,
    /// When, as Unix seconds.
    pub time: i64,
    /// The answer.
    pub text: String,
}

impl Comment {
    /// A new open comment made now.
    pub fn new(at: Location, author: &str, text: &str) -> Comment {
        Comment {
            at,
            rule: None,
            author: author.trim().to_string(),
            time: now(),
            text: text.trim().to_string(),
            resolved: false,
            replies: Vec::new(),
        }
    }

    /// Where it points, for lists: `收支预算 第3行`.
    pub fn place(&self) -> String {
        self.at.place()
    }

    /// `张三 2026-11-29 18:30`.
    pub fn byline(&self) -> String {
        format!("{} {}", self.author, time_text(self.time))
    }
}

impl fmt::Display for Comment {
    /// `[审阅意见] 收支预算 第3行：请核对金额（张三 2026-11-29 18:30）`; user
    /// text is shown with hidden characters made visible and on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one_line = |s: &str| crate::text::visible(s).replace('\n', " ");
        let rule = self
            .rule
            .as_deref()
            .map(|r| format!(" {}", one_line(r)))
            .unwrap_or_default();
        write!(
            f,
            "[审阅意见]{rule} {}：{}（{}）",
            self.place(),
            one_line(&self.text),
            one_line(&self.byline())
        )
    }
}

/// The comments not yet resolved, oldest first (the count a checklist
/// reports per file, and what `yusuan check` lists).
pub fn open_comments(doc: &Document) -> impl Iterator<Item = &Comment> {
    doc.review.comments.iter().filter(|c| !c.resolved)
}

/// The current time as Unix seconds (0 if the clock is before 1970).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Offset of 北京时间 from UTC. Documents are Chinese budgets reviewed in
/// China, so comment times print in that zone without a time-zone database.
const BEIJING: i64 = 8 * 3600;

/// `2026-11-29 18:30` (北京时间) from Unix seconds.
pub fn time_text(secs: i64) -> String {
    let (y, mo, d, h, m) = civil(secs.saturating_add(BEIJING));
    format!("{y}-{mo:02}-{d:02} {h:02}:{m:02}")
}

/// Year, month, day, hour, minute of Unix seconds (UTC; Howard Hinnant's
/// civil-from-days algorithm).
pub fn civil(secs: i64) -> (i64, i64, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (h, m) = (rest / 3600, rest % 3600 / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    (y, mo, d, h, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_print_in_beijing_time() {
        // 2021-01-01 00:00 UTC is 08:00 in Beijing.
        assert_eq!(time_text(1_609_459_200), "2021-01-01 08:00");
        // 16:30 UTC on 2024-02-29 is 00:30 on 1 March in Beijing.
        assert_eq!(time_text(1_709_224_200), "2024-03-01 00:30");
        assert_eq!(civil(0), (1970, 1, 1, 0, 0));
        assert_eq!(civil(-1), (1969, 12, 31, 23, 59));
    }
}
