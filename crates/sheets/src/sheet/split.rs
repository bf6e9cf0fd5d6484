//! 类 | 款 | 项 columns joined into one 科目 code, row after row, as people
//! lay them out: each row filling only its own level, parents repeated on
//! every row, a parent left blank under the first row of its group or merged
//! down (the caller passes what the cell shows), 款/项 typed as numbers
//! (`1` → `01`), or a full code standing in a level's column.

use super::{SheetCell, code, text};

/// The parents carried from row to row while reading split code columns.
#[derive(Clone, Debug, Default)]
pub struct SplitCodes {
    class: Option<String>,
    section: Option<String>,
}

/// A 2-digit part (`1` → `01`), or a full code of `full` digits that must
/// continue `parent` (a 款 column holding `20101`).
fn part(
    cell: &SheetCell,
    full: usize,
    parent: Option<&str>,
    level: &str,
) -> Result<Option<String>, String> {
    if text(cell).is_empty() {
        return Ok(None);
    }
    let Some(c) = code(cell) else {
        return Err(format!("{level}编码“{}”不是数字", text(cell)));
    };
    match c.len() {
        1 | 2 => Ok(Some(format!("{c:0>2}"))),
        n if n == full => match parent {
            Some(p) if !c.starts_with(p) => Err(format!(
                "{level}编码 {c} 不在上级 {p} 之下（上下级编码矛盾）"
            )),
            _ => Ok(Some(c[full - 2..].to_string())),
        },
        _ => Err(format!("{level}编码“{}”不是 2 位", text(cell))),
    }
}

impl SplitCodes {
    /// The code of one row from its 类, 款 and 项 cells: `Ok(None)` when the
    /// row has none of them (a 合计 or note row), an error naming the level
    /// when a part is not a code or contradicts its parent.
    pub fn next(
        &mut self,
        class: &SheetCell,
        section: Option<&SheetCell>,
        item: Option<&SheetCell>,
    ) -> Result<Option<String>, String> {
        let empty = SheetCell::Empty;
        let (section, item) = (section.unwrap_or(&empty), item.unwrap_or(&empty));
        if text(class).is_empty() && text(section).is_empty() && text(item).is_empty() {
            return Ok(None);
        }
        let rest_empty = text(section).is_empty() && text(item).is_empty();
        if !text(class).is_empty() {
            let Some(c) = code(class) else {
                // A label standing in the 类 column (合计, 注：…): no code.
                if rest_empty {
                    return Ok(None);
                }
                return Err(format!("类编码“{}”不是数字", text(class)));
            };
            // A full 款 or 项 code in the 类 column carries its own parents.
            let (cls, sec) = match c.len() {
                3 => (c.clone(), None),
                5 | 7 => (c[..3].to_string(), Some(c[3..5].to_string())),
                _ => return Err(format!("类编码“{c}”不是 3 位")),
            };
            if self.class.as_deref() != Some(&cls) {
                self.section = None;
            }
            self.class = Some(cls);
            match sec {
                Some(s) => {
                    self.section = Some(s);
                    if rest_empty {
                        return Ok(Some(c));
                    }
                }
                None if rest_empty => {
                    self.section = None;
                    return Ok(Some(c));
                }
                None => {}
            }
        }
        let Some(cls) = self.class.clone() else {
            return Err("没有类编码（上方也没有）".into());
        };
        if let Some(s) = part(section, 5, Some(&cls), "款")? {
            self.section = Some(s);
            if text(item).is_empty() {
                return Ok(Some(format!(
                    "{cls}{}",
                    self.section.as_deref().unwrap_or("")
                )));
            }
        }
        // A full 项 code names its own 款; it must still sit under the 类.
        if let Some(full) = code(item).filter(|c| c.len() == 7) {
            if !full.starts_with(&cls) {
                return Err(format!(
                    "项编码 {full} 不在上级 {cls} 之下（上下级编码矛盾）"
                ));
            }
            self.section = Some(full[3..5].to_string());
        }
        let Some(sec) = self.section.clone() else {
            return Err("没有款编码（上方也没有）".into());
        };
        match part(item, 7, Some(&format!("{cls}{sec}")), "项")? {
            Some(i) => Ok(Some(format!("{cls}{sec}{i}"))),
            None => Ok(Some(format!("{cls}{sec}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn t(s: &str) -> SheetCell {
        if s.is_empty() {
            SheetCell::Empty
        } else {
            SheetCell::Text(s.into())
        }
    }
    fn n(v: i64) -> SheetCell {
        SheetCell::Number(Decimal::from(v))
    }

    fn run(rows: &[[SheetCell; 3]]) -> Vec<Result<Option<String>, String>> {
        let mut s = SplitCodes::default();
        rows.iter()
            .map(|[a, b, c]| s.next(a, Some(b), Some(c)))
            .collect()
    }

    fn ok(v: &[&str]) -> Vec<Result<Option<String>, String>> {
        v.iter().map(|c| Ok(Some(c.to_string()))).collect()
    }

    #[test]
    fn own_level_only_repeated_and_blank_parents_give_the_same_codes() {
        let want = ok(&[
            "201", "20101", "2010101", "2010102", "20102", "2010201", "205",
        ]);
        let own = [
            [t("201"), t(""), t("")],
            [t(""), t("01"), t("")],
            [t(""), t(""), t("01")],
            [t(""), t(""), n(2)],
            [t(""), n(2), t("")],
            [t(""), t(""), t("01")],
            [n(205), t(""), t("")],
        ];
        assert_eq!(run(&own), want);
        let repeated = [
            [t("201"), t(""), t("")],
            [t("201"), t("01"), t("")],
            [t("201"), t("01"), t("01")],
            [n(201), n(1), n(2)],
            [t("201"), t("02"), t("")],
            [t("201"), t("02"), t("01")],
            [t("205"), t(""), t("")],
        ];
        assert_eq!(run(&repeated), want);
        let full = [
            [t("201"), t(""), t("")],
            [t(""), t("20101"), t("")],
            [t(""), t(""), t("2010101")],
            [t(""), t(""), t("2010102")],
            [t(""), t("20102"), t("")],
            [t(""), t(""), t("2010201")],
            [t("205"), t(""), t("")],
        ];
        assert_eq!(run(&full), want);
    }

    #[test]
    fn contradictions_and_missing_parents_are_named() {
        let r = run(&[[t("201"), t(""), t("2080505")]]);
        assert!(matches!(&r[0], Err(e) if e.contains("矛盾")), "{r:?}");
        let r = run(&[[t(""), t("01"), t("")]]);
        assert!(matches!(&r[0], Err(e) if e.contains("没有类编码")), "{r:?}");
        let r = run(&[[t("201"), t(""), t("01")]]);
        assert!(matches!(&r[0], Err(e) if e.contains("没有款编码")), "{r:?}");
        assert_eq!(run(&[[t("合计"), t(""), t("")]]), vec![Ok(None)]);
        let r = run(&[[t("合计"), t("01"), t("")]]);
        assert!(r[0].is_err());
        assert_eq!(run(&[[t(""), t(""), t("")]]), vec![Ok(None)]);
    }
}
