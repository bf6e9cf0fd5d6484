//! Character-level comparison of two texts, for showing what changed in a
//! paragraph. Chinese has no spaces between words, so the unit is the
//! character; runs are merged so that a changed phrase reads as one piece.

/// A piece of a compared text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// In both versions.
    Same(String),
    /// Only in the old version.
    Deleted(String),
    /// Only in the new version.
    Inserted(String),
}

/// Largest (old × new) middle part compared character by character; beyond
/// it (two long paragraphs rewritten throughout) the middle is shown as one
/// deletion and one insertion, which is what it amounts to for a reader.
const MAX_CELLS: usize = 4_000_000;

/// The pieces that turn `old` into `new`: common start and end kept, the
/// middle aligned on its longest common subsequence.
pub fn pieces(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<(u8, char)> = a[..prefix].iter().map(|&c| (0, c)).collect();
    if am.len().saturating_mul(bm.len()) <= MAX_CELLS {
        ops.extend(lcs_ops(am, bm));
    } else {
        ops.extend(am.iter().map(|&c| (1, c)));
        ops.extend(bm.iter().map(|&c| (2, c)));
    }
    ops.extend(a[a.len() - suffix..].iter().map(|&c| (0, c)));
    let mut out: Vec<Piece> = Vec::new();
    for (op, c) in ops {
        match (out.last_mut(), op) {
            (Some(Piece::Same(s)), 0) | (Some(Piece::Deleted(s)), 1) => s.push(c),
            (Some(Piece::Inserted(s)), 2) => s.push(c),
            _ => out.push(match op {
                0 => Piece::Same(c.to_string()),
                1 => Piece::Deleted(c.to_string()),
                _ => Piece::Inserted(c.to_string()),
            }),
        }
    }
    tidy(out)
}

/// Edit operations (0 same, 1 delete, 2 insert) from a longest common
/// subsequence table; deletions before insertions within a change.
fn lcs_ops(a: &[char], b: &[char]) -> Vec<(u8, char)> {
    let (n, m) = (a.len(), b.len());
    // len[i][j] = LCS of a[i..] and b[j..], one flat table.
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[at(i, j)] = if a[i] == b[j] {
                len[at(i + 1, j + 1)] + 1
            } else {
                len[at(i + 1, j)].max(len[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push((0, a[i]));
            i += 1;
            j += 1;
        } else if j == m || (i < n && len[at(i + 1, j)] >= len[at(i, j + 1)]) {
            out.push((1, a[i]));
            i += 1;
        } else {
            out.push((2, b[j]));
            j += 1;
        }
    }
    out
}

/// A single unchanged character between two changes (a 的 or a comma that
/// happens to match) is folded into the change: 【删：甲的乙】 reads better
/// than 【删：甲】的【删：乙】.
fn tidy(pieces: Vec<Piece>) -> Vec<Piece> {
    let changed = |p: Option<&Piece>| matches!(p, Some(Piece::Deleted(_) | Piece::Inserted(_)));
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Same(s)
                if s.chars().count() == 1 && changed(out.last()) && changed(pieces.get(i + 1)) =>
            {
                // Move the character into the deletion and the insertion
                // on either side.
                let mut del = String::new();
                let mut ins = String::new();
                while let Some(p) = out.pop_if(|p| !matches!(p, Piece::Same(_))) {
                    match p {
                        Piece::Deleted(d) => del.insert_str(0, &d),
                        Piece::Inserted(x) => ins.insert_str(0, &x),
                        Piece::Same(_) => {}
                    }
                }
                del.push_str(s);
                ins.push_str(s);
                i += 1;
                while let Some(p) = pieces.get(i).filter(|p| !matches!(p, Piece::Same(_))) {
                    match p {
                        Piece::Deleted(d) => del.push_str(d),
                        Piece::Inserted(x) => ins.push_str(x),
                        Piece::Same(_) => {}
                    }
                    i += 1;
                }
                if !del.is_empty() {
                    out.push(Piece::Deleted(del));
                }
                if !ins.is_empty() {
                    out.push(Piece::Inserted(ins));
                }
                continue;
            }
            p => out.push(p.clone()),
        }
        i += 1;
    }
    out
}

/// The new text with the changes marked inline: `【删：…】【增：…】`.
pub fn marked(old: &str, new: &str) -> String {
    pieces(old, new)
        .into_iter()
        .map(|p| match p {
            Piece::Same(s) => s,
            Piece::Deleted(s) => format!("【删：{s}】"),
            Piece::Inserted(s) => format!("【增：{s}】"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_replaced() {
        assert_eq!(
            marked("主要用于平台运行维护", "主要用于平台升级改造"),
            "主要用于平台【删：运行维护】【增：升级改造】"
        );
    }

    #[test]
    fn two_separate_changes_stay_separate() {
        assert_eq!(
            marked("甲乙丙丁戊己庚辛", "甲X丙丁戊己庚Y"),
            "甲【删：乙】【增：X】丙丁戊己庚【删：辛】【增：Y】"
        );
    }

    #[test]
    fn insertion_and_deletion_only() {
        assert_eq!(marked("", "新增"), "【增：新增】");
        assert_eq!(marked("删去", ""), "【删：删去】");
        assert_eq!(marked("相同", "相同"), "相同");
    }

    #[test]
    fn a_lone_matching_character_joins_the_change() {
        assert_eq!(marked("甲的乙", "丙的丁"), "【删：甲的乙】【增：丙的丁】");
    }
}
