//! Reviewers' comments (审阅意见) stored in the document: each points at a
//! cell, field or finding by its [`Place`] (the row by identity, so that
//! rows added, removed or sorted never move it), carries author, time and
//! text, and stays in the file once resolved, with the 填报人's reply, as
//! the history of the review. Comments are never printed: the PDF and the
//! Excel export read only the budget parts of the document. The stored data
//! ([`Review`], [`Comment`], [`Reply`]) is defined in [`crate::model::review`].

use crate::location::{Location, Place};
use crate::model::Document;
pub use crate::model::review::{Comment, Reply, Review};
use std::fmt;

impl Comment {
    /// A new open comment made now on the cell `at` of `doc` (stored by
    /// identity, see [`Place::of`]).
    pub fn on(doc: &Document, at: Location, author: &str, text: &str) -> Comment {
        Comment::new(Place::of(doc, at), author, text)
    }

    /// A new open comment made now.
    pub fn new(at: Place, author: &str, text: &str) -> Comment {
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

    /// Where it points, for lists: `收支预算 2050203 初中教育`, with
    /// `（已删除）` after it when that place is no longer in `doc`.
    pub fn place(&self, doc: &Document) -> String {
        self.at.describe(doc)
    }

    /// Where it is in `doc` now, `None` when its place was deleted.
    pub fn location(&self, doc: &Document) -> Option<Location> {
        self.at.resolve(doc)
    }

    /// The line `yusuan check` prints: as [`fmt::Display`], with the place
    /// as [`Comment::place`] names it in `doc`.
    pub fn line(&self, doc: &Document) -> String {
        self.with_place(&self.place(doc))
    }

    fn with_place(&self, place: &str) -> String {
        let one_line = |s: &str| crate::text::visible(s).replace('\n', " ");
        let rule = self
            .rule
            .as_deref()
            .map(|r| format!(" {}", one_line(r)))
            .unwrap_or_default();
        format!(
            "[审阅意见]{rule} {place}：{}（{}）",
            one_line(&self.text),
            one_line(&self.byline())
        )
    }

    /// `张三 2026-11-29 18:30`.
    pub fn byline(&self) -> String {
        format!("{} {}", self.author, time_text(self.time))
    }
}

impl fmt::Display for Comment {
    /// `[审阅意见] 收支预算 2050203 初中教育：请核对金额（张三 2026-11-29
    /// 18:30）`, the place as labelled when the comment was made; user text
    /// is shown with hidden characters made visible and on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.at.label.is_empty() {
            self.at.sheet.label()
        } else {
            self.at.label.clone()
        };
        f.write_str(&self.with_place(&place))
    }
}

/// What loading does to a document after reading it, and saving to the
/// document it writes: projects without a 项目编码 get one, and comments
/// stored by an older build (a row index, a project by its name) are mapped
/// to identities. A document built in memory with code-less projects thus
/// saves as it reads back. Returns the document unchanged (borrowed) when
/// there is nothing to do.
pub fn identified(doc: &Document) -> std::borrow::Cow<'_, Document> {
    if doc.projects.iter().all(|p| !p.code.trim().is_empty()) {
        return std::borrow::Cow::Borrowed(doc);
    }
    let mut doc = doc.clone();
    doc.assign_project_codes();
    identify_legacy(&mut doc);
    std::borrow::Cow::Owned(doc)
}

/// Maps comments read from files of older builds (rows by index) to the
/// identity of the row each pointed at in `doc` as loaded.
pub fn identify_legacy(doc: &mut Document) {
    let mut review = std::mem::take(&mut doc.review);
    for c in &mut review.comments {
        c.at.identify_legacy(doc);
    }
    doc.review = review;
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
