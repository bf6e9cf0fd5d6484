//! Reading one cell as an amount, a 科目 code or text, whatever way the
//! spreadsheet stored it: numbers or text, full-width digits, thousands
//! separators, stray spaces, `2010101.0`.

use super::SheetCell;
use crate::money::{Stated, parse_stated};

/// Why a cell that should hold an amount does not.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Text that is not a number.
    #[error("“{0}”不是金额")]
    NotANumber(String),
    /// A date where a number belongs.
    #[error("是日期（{0}），不是金额")]
    Date(String),
    /// A formula without a stored result.
    #[error("公式“={0}”没有计算结果，请在 Excel 中重新计算并保存后再导入")]
    Uncached(String),
    /// An error value.
    #[error("是错误值 {0}")]
    ErrorValue(String),
    /// TRUE/FALSE.
    #[error("是逻辑值，不是金额")]
    Bool,
    /// Beyond what an amount may be.
    #[error("金额过大（{0}）")]
    TooLarge(String),
}

/// The figure in a cell: `None` for a blank cell or a lone `-`; numbers
/// exactly as stored; text as a 填报人 would type it (`1,037.60`, full-width
/// digits, `(12.50)` for a negative), with its `万元`/`元` suffix if it has one.
pub fn amount(cell: &SheetCell) -> Result<Option<Stated>, ValueError> {
    match cell {
        SheetCell::Empty => Ok(None),
        SheetCell::Number(d) => {
            if d.abs() >= crate::money::MAX_ABS {
                Err(ValueError::TooLarge(d.to_string()))
            } else {
                Ok(Some(Stated {
                    value: *d,
                    suffix: None,
                }))
            }
        }
        SheetCell::Text(t) => {
            let t = t.trim();
            if t.is_empty() || t == "-" || t == "—" || t == "－" {
                return Ok(None);
            }
            match parse_stated(t) {
                Ok(st) => Ok(Some(st)),
                Err(crate::money::AmountError::TooLarge) => {
                    Err(ValueError::TooLarge(t.chars().take(40).collect()))
                }
                Err(_) => Err(ValueError::NotANumber(t.chars().take(40).collect())),
            }
        }
        SheetCell::Date(d) => Err(ValueError::Date(d.clone())),
        SheetCell::Uncached { formula } => Err(ValueError::Uncached(formula.clone())),
        SheetCell::Error(e) => Err(ValueError::ErrorValue(e.clone())),
        SheetCell::Bool(_) => Err(ValueError::Bool),
    }
}

/// Marks people put between the levels of a code (`201-01-01`).
const SEPARATORS: [char; 5] = ['-', '－', '–', '·', '/'];

/// The digits of a classification code in a cell, or `None` when the cell
/// is not a code: `2010101`, `2010101.0`, ` 201 01 01 `, `２０１０１０１` all
/// read as `2010101`. Leading zeros of a split column (`01`) are kept when
/// the cell is text; a number cell `1` reads as `1` (the caller pads).
pub fn code(cell: &SheetCell) -> Option<String> {
    let raw = match cell {
        SheetCell::Number(d) if d.fract().is_zero() && !d.is_sign_negative() => {
            d.trunc().normalize().to_string()
        }
        SheetCell::Text(t) => t.clone(),
        _ => return None,
    };
    let mut digits = String::new();
    for c in raw.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c.is_whitespace() || (SEPARATORS.contains(&c) && !digits.is_empty()) {
            continue;
        } else if c == '.' && raw.matches('.').count() > 1 && !digits.is_empty() {
            // `201.01.01`; one dot is a decimal (`2010101.0` below).
            continue;
        } else {
            // "2010101.0" from a text export of a number column.
            let rest = raw.trim();
            return rest
                .strip_suffix(".0")
                .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
                .map(str::to_string);
        }
    }
    (!digits.is_empty()).then_some(digits)
}

/// The cell as the user reads it, trimmed, with inner line breaks and runs
/// of spaces folded to one space (header cells are often wrapped by hand).
pub fn text(cell: &SheetCell) -> String {
    let raw = match cell {
        SheetCell::Empty => return String::new(),
        SheetCell::Text(t) => t.clone(),
        SheetCell::Number(d) => d.normalize().to_string(),
        SheetCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        SheetCell::Date(d) => d.clone(),
        SheetCell::Uncached { formula } => format!("={formula}"),
        SheetCell::Error(e) => e.clone(),
    };
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a note under or beside a table (`注：…`, `说明：…`, `备注…`,
/// `资料来源…`): words for the reader, not a row of figures or a 科目.
pub(crate) fn is_note(text: &str) -> bool {
    ["注", "说明", "备注", "资料来源", "数据来源"]
        .iter()
        .any(|p| text.trim_start().starts_with(p))
}

/// The cell as a header to match against known header text: [`text`] with
/// every space removed (`功能分类\n科目名称` → `功能分类科目名称`).
pub fn header(cell: &SheetCell) -> String {
    text(cell).chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn t(s: &str) -> SheetCell {
        SheetCell::Text(s.into())
    }
    fn n(s: &str) -> SheetCell {
        SheetCell::Number(Decimal::from_str(s).unwrap_or_default())
    }

    #[test]
    fn amounts_in_every_spelling() {
        let d = |s: &str| {
            Some(Stated {
                value: Decimal::from_str(s).unwrap_or_default(),
                suffix: None,
            })
        };
        assert_eq!(amount(&n("1037.6")), Ok(d("1037.6")));
        assert_eq!(amount(&t(" 1,037.60 ")), Ok(d("1037.60")));
        assert_eq!(amount(&t("１０３７．６")), Ok(d("1037.6")));
        assert_eq!(amount(&t("(12.50)")), Ok(d("-12.50")));
        assert_eq!(amount(&t("-")), Ok(None));
        assert_eq!(
            amount(&t("300万元")),
            Ok(Some(Stated {
                value: Decimal::from(300),
                suffix: Some(crate::money::MoneyUnit::WanYuan),
            }))
        );
        assert_eq!(amount(&SheetCell::Empty), Ok(None));
        assert!(matches!(amount(&t("abc")), Err(ValueError::NotANumber(_))));
        assert!(matches!(
            amount(&SheetCell::Date("2021-01-01".into())),
            Err(ValueError::Date(_))
        ));
        assert!(matches!(
            amount(&SheetCell::Uncached {
                formula: "SUM(A1:A3)".into()
            }),
            Err(ValueError::Uncached(_))
        ));
        assert!(matches!(
            amount(&n("100000000000000")),
            Err(ValueError::TooLarge(_))
        ));
    }

    #[test]
    fn codes_in_every_spelling() {
        assert_eq!(code(&n("2010101")).as_deref(), Some("2010101"));
        assert_eq!(code(&n("2010101.0")).as_deref(), Some("2010101"));
        assert_eq!(code(&t("2010101.0")).as_deref(), Some("2010101"));
        assert_eq!(code(&t(" 201 01 01 ")).as_deref(), Some("2010101"));
        assert_eq!(code(&t("２０１０１０１")).as_deref(), Some("2010101"));
        assert_eq!(code(&t("01")).as_deref(), Some("01"));
        assert_eq!(code(&t("201-01-01")).as_deref(), Some("2010101"));
        assert_eq!(code(&t("201.01.01")).as_deref(), Some("2010101"));
        assert_eq!(code(&t("12.5")), None);
        assert_eq!(code(&t("-5")), None);
        assert_eq!(code(&t("合计")), None);
        assert_eq!(code(&t("201合计")), None);
        assert_eq!(code(&n("12.5")), None);
        assert_eq!(code(&SheetCell::Empty), None);
    }

    #[test]
    fn header_text_is_folded() {
        assert_eq!(text(&t(" 功能分类\n科目名称 ")), "功能分类 科目名称");
        assert_eq!(text(&n("2021.0")), "2021");
        assert_eq!(header(&t(" 功能分类\n科目 名称 ")), "功能分类科目名称");
    }
}
