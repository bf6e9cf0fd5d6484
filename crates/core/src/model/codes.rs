//! Classification codes as newtypes, so a 功能科目 can never be passed where an
//! 经济科目 is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Level of a code in its classification: 类, 款 or 项.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeLevel {
    /// 类 (3 digits).
    Class,
    /// 款 (5 digits).
    Section,
    /// 项 (7 digits, 支出功能分类 only).
    Item,
}

impl CodeLevel {
    /// Chinese name of the level.
    pub fn label(self) -> &'static str {
        match self {
            CodeLevel::Class => "类",
            CodeLevel::Section => "款",
            CodeLevel::Item => "项",
        }
    }
}

fn level_of(code: &str) -> Option<CodeLevel> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        3 => Some(CodeLevel::Class),
        5 => Some(CodeLevel::Section),
        7 => Some(CodeLevel::Item),
        _ => None,
    }
}

macro_rules! code_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a code string as typed; [`Self::level`] says whether it is well formed.
            pub fn new(code: impl Into<String>) -> Self {
                Self(code.into())
            }
            /// The code text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// 类/款/项 level, or `None` when the code is not 3, 5 or 7 digits.
            pub fn level(&self) -> Option<CodeLevel> {
                level_of(&self.0)
            }
            /// The code's prefix at `level` (类: 3 digits, 款: 5, 项: 7),
            /// borrowed: `None` when the code is malformed or above that
            /// level. The one definition of which codes share a 类 or 款.
            pub fn prefix(&self, level: CodeLevel) -> Option<&str> {
                let len = match level {
                    CodeLevel::Class => 3,
                    CodeLevel::Section => 5,
                    CodeLevel::Item => 7,
                };
                (self.level()? >= level).then(|| &self.0[..len])
            }
            /// The 类 prefix (first 3 digits), if the code is well formed.
            pub fn class(&self) -> Option<Self> {
                self.prefix(CodeLevel::Class).map(Self::new)
            }
            /// The 款 prefix (first 5 digits), if the code is at 款 level or below.
            pub fn section(&self) -> Option<Self> {
                self.prefix(CodeLevel::Section).map(Self::new)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

code_newtype!(
    /// 支出功能分类科目 code: 类 `201`, 款 `20133`, 项 `2013350`.
    FunctionCode
);
code_newtype!(
    /// 部门预算支出经济分类科目 code: 类 `301`, 款 `30101`.
    EconomicCode
);
