//! What a rule reports.

use super::Rule;
use crate::location::Location;
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 提示: worth a look.
    Info,
    /// 警告: probably wrong; does not block export.
    Warning,
    /// 错误: the document is inconsistent; export refuses without `--force`.
    Error,
}

impl Severity {
    /// 错误 / 警告 / 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One finding of one rule. Its severity is its rule's
/// ([`Finding::severity`]), never stated apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule, e.g. [`Rule::X01`].
    pub rule: Rule,
    /// Chinese message naming the figures involved.
    pub message: String,
    /// Where to jump.
    pub location: Location,
}

impl Finding {
    /// A finding. Names quoted in the message are user text: hidden and
    /// direction-changing characters in them are shown as □ and line breaks
    /// as spaces, so that the 审核 panel and a terminal print the message as
    /// it reads (W03 reports such characters by code point).
    pub fn new(rule: Rule, message: String, location: Location) -> Finding {
        let message = match crate::text::visible(&message) {
            std::borrow::Cow::Borrowed(_) if !message.contains('\n') => message,
            shown => shown.replace('\n', " "),
        };
        Finding {
            rule,
            message,
            location,
        }
    }

    /// How serious it is: its rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} {}：{}",
            self.severity().label(),
            self.rule,
            self.location.sheet.label(),
            self.message
        )
    }
}
