//! Header rows from the columns' header paths: columns side by side that
//! share a group share one merged cell; a column whose path is shorter
//! than the deepest spans down to the last header row.

use super::table::HeaderCell;

/// The header rows of columns with these paths (outer group first, the
/// column's own text last).
pub(crate) fn header_rows(paths: &[Vec<&str>]) -> Vec<Vec<HeaderCell>> {
    let depth = paths.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = vec![Vec::new(); depth];
    level(paths, 0, depth, &mut rows);
    rows
}

/// Adds the cells of `paths` at `at` and below; cells are pushed left to
/// right in each row, as the layout reads them.
fn level(paths: &[Vec<&str>], at: usize, depth: usize, rows: &mut [Vec<HeaderCell>]) {
    let mut i = 0;
    while i < paths.len() {
        let Some(&text) = paths[i].get(at) else {
            i += 1;
            continue;
        };
        if paths[i].len() == at + 1 {
            rows[at].push(HeaderCell::new(text).rows(depth - at));
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < paths.len() && paths[j].len() > at + 1 && paths[j][at] == text {
            j += 1;
        }
        rows[at].push(HeaderCell::new(text).cols(j - i));
        level(&paths[i..j], at + 1, depth, rows);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_merge_and_short_paths_span_down() {
        let paths = vec![
            vec!["合计"],
            vec!["用车", "小计"],
            vec!["用车", "购置"],
            vec!["接待"],
            vec!["用车", "运行"],
        ];
        let rows = header_rows(&paths);
        assert_eq!(
            rows,
            vec![
                vec![
                    HeaderCell::new("合计").rows(2),
                    HeaderCell::new("用车").cols(2),
                    HeaderCell::new("接待").rows(2),
                    HeaderCell::new("用车").cols(1),
                ],
                vec![
                    HeaderCell::new("小计"),
                    HeaderCell::new("购置"),
                    HeaderCell::new("运行")
                ],
            ]
        );
        assert_eq!(header_rows(&[vec!["a"], vec!["b"]]).len(), 1);
    }
}
