//! The header band of a table: one to three rows above the data whose cells,
//! merged over their children, name each column by a path of headers
//! (`功能分类科目编码 › 类`). Importers try every band near the top of a
//! sheet and keep the interpretation that explains the most; nothing here
//! knows what a header means.

use super::{Sheet, SheetCell, amount, header, text};

/// Columns looked at for headers: no budget table is wider, and a hostile
/// sheet 16,384 columns wide stays cheap.
const MAX_COLUMNS: usize = 200;

/// One level of a column's header path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// Row of the cell holding the text (0-based; a merged area's top row).
    pub row: usize,
    /// Column of the cell holding the text (0-based; a merged area's left).
    pub col: usize,
    /// The text with every space removed, for matching.
    pub key: String,
    /// The text as the user reads it.
    pub shown: String,
}

/// The header cells of the first rows of a sheet, with merged areas
/// resolved once, so that many candidate bands are cheap to try.
pub struct HeaderGrid {
    /// Per row, per column: the head shown there, if any.
    cells: Vec<Vec<Option<Head>>>,
    /// Per row: true when the row holds a figure (a data row, not a header).
    numbers: Vec<bool>,
}

/// True for a cell that holds a figure: a number, or text that reads as one
/// (a CSV holds only text).
fn is_figure(c: &SheetCell) -> bool {
    match c {
        SheetCell::Number(_) => true,
        SheetCell::Text(_) => matches!(amount(c), Ok(Some(_))),
        _ => false,
    }
}

impl HeaderGrid {
    /// The first `rows` rows of `s`.
    pub fn new(s: &Sheet, rows: usize) -> Self {
        let rows = rows.min(s.rows.len());
        let width = s.width().min(MAX_COLUMNS);
        let mut origin: Vec<Vec<(usize, usize)>> = (0..rows)
            .map(|r| (0..width).map(|c| (r, c)).collect())
            .collect();
        for m in &s.merged {
            let down = m.last.0.saturating_add(1);
            for row in origin.iter_mut().take(down).skip(m.first.0) {
                let across = m.last.1.saturating_add(1);
                for cell in row.iter_mut().take(across).skip(m.first.1) {
                    *cell = m.first;
                }
            }
        }
        let cells = origin
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&(r, c)| {
                        let cell = s.get(r, c);
                        let key = header(cell);
                        (!key.is_empty()).then(|| Head {
                            row: r,
                            col: c,
                            key,
                            shown: text(cell),
                        })
                    })
                    .collect()
            })
            .collect();
        let numbers = (0..rows)
            .map(|r| s.rows[r].iter().take(MAX_COLUMNS).any(is_figure))
            .collect();
        HeaderGrid { cells, numbers }
    }

    /// Rows held.
    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    /// Columns held.
    pub fn width(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }

    /// True when row `r` holds a figure.
    pub(crate) fn has_number(&self, r: usize) -> bool {
        self.numbers.get(r).copied().unwrap_or(false)
    }

    /// What row `r`, column `c` shows (a merged area's text everywhere in it).
    pub fn at(&self, r: usize, c: usize) -> Option<&Head> {
        self.cells.get(r)?.get(c)?.as_ref()
    }

    /// Column `c`'s header path over rows `top..=bottom`, top first: each
    /// cell once, however many rows or columns its merged area spans.
    pub fn path(&self, top: usize, bottom: usize, c: usize) -> Vec<&Head> {
        let mut out: Vec<&Head> = Vec::new();
        for r in top..=bottom {
            if let Some(h) = self.at(r, c)
                && !out.iter().any(|o| o.row == h.row && o.col == h.col)
            {
                out.push(h);
            }
        }
        out
    }

    /// Every candidate band (top, bottom) of 1..=`depth` rows starting in
    /// the first `search` rows, none of whose rows holds a figure.
    pub(crate) fn bands(&self, search: usize, depth: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for top in 0..search.min(self.rows()) {
            for bottom in top..(top + depth).min(self.rows()) {
                if self.has_number(bottom) {
                    break;
                }
                out.push((top, bottom));
            }
        }
        out
    }
}

/// The best of the interpretations `interpret` gives the candidate bands:
/// the highest score; on a tie the deeper band (it reads more of the
/// header), then the higher one. `interpret` refuses a band with a row that
/// names nothing, so a title row never deepens a band.
pub fn best<T>(
    grid: &HeaderGrid,
    search: usize,
    depth: usize,
    mut interpret: impl FnMut(usize, usize) -> Option<(u32, T)>,
) -> Option<(usize, usize, T)> {
    let mut found: Option<(u32, usize, usize, T)> = None;
    for (top, bottom) in grid.bands(search, depth) {
        let Some((score, t)) = interpret(top, bottom) else {
            continue;
        };
        let better = match &found {
            None => true,
            Some((s, t0, b0, _)) => score > *s || (score == *s && (bottom - top) > (b0 - t0)),
        };
        if better {
            found = Some((score, top, bottom, t));
        }
    }
    found.map(|(_, top, bottom, t)| (top, bottom, t))
}

#[cfg(test)]
mod tests {
    use super::super::Merge;
    use super::*;

    fn t(s: &str) -> SheetCell {
        SheetCell::Text(s.into())
    }

    #[test]
    fn a_merged_parent_heads_each_child_once() {
        // Title, unit, 功能分类科目编码 over 类|款|项, 名称 merged down.
        let s = Sheet {
            name: "s".into(),
            rows: vec![
                vec![t("2025年部门支出预算总表")],
                vec![t("单位：元")],
                vec![
                    t("功能分类科目编码"),
                    t(""),
                    t(""),
                    t("功能分类科目名称"),
                    t("合计"),
                ],
                vec![t("类"), t("款"), t("项")],
                vec![
                    t("201"),
                    t("01"),
                    t("01"),
                    t("行政运行"),
                    SheetCell::Number(5.into()),
                ],
            ],
            merged: vec![
                Merge {
                    first: (0, 0),
                    last: (0, 4),
                },
                Merge {
                    first: (2, 0),
                    last: (2, 2),
                },
                Merge {
                    first: (2, 3),
                    last: (3, 3),
                },
                Merge {
                    first: (2, 4),
                    last: (3, 4),
                },
            ],
            hidden: false,
        };
        let g = HeaderGrid::new(&s, 10);
        let keys = |c| {
            g.path(2, 3, c)
                .iter()
                .map(|h| h.key.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(1), ["功能分类科目编码", "款"]);
        assert_eq!(keys(3), ["功能分类科目名称"]);
        assert_eq!(g.path(0, 3, 4).len(), 2, "title and 合计");
        assert!(g.has_number(4) && !g.has_number(3));
        assert!(!g.bands(10, 3).iter().any(|&(_, b)| b == 4));
        // The band that explains most wins; on a tie the deeper one.
        let pick = best(&g, 10, 3, |top, bottom| {
            let n = (0..g.width())
                .filter(|&c| {
                    g.path(top, bottom, c)
                        .last()
                        .is_some_and(|h| h.key.len() <= 3)
                })
                .count();
            let titled = g
                .at(top, 0)
                .is_some_and(|h| h.key.contains("总表") || h.key.contains("单位"));
            (!titled).then_some((n as u32, ()))
        });
        assert_eq!(pick.map(|(a, b, _)| (a, b)), Some((2, 3)));
    }
}
