//! The official 对应关系 from 部门预算支出经济分类 款 (301…) to 政府预算支出
//! 经济分类 款 (501…), which for many codes depends on whether the unit is a
//! 机关 (行政单位 and 参照公务员法管理的事业单位) or a 事业单位.
//!
//! The bundled file is `assets/catalog/2021/economic_map.tsv` (its README
//! says which lines were read in a source and which were inferred); a user
//! installs a newer one with `yusuan catalog correspondence FILE`, in the
//! same tab-separated form: `dept  unit  gov  status  note`, unit being
//! `机关`, `事业` or `全部`, status `sourced` or `inferred`.

use crate::model::UnitKind;
use std::collections::BTreeMap;

/// Which side of the 对应关系 a unit falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitSide {
    /// 机关: 行政单位 and 参照公务员法管理的事业单位 (501–504).
    Organ,
    /// 事业单位 (505/506).
    Institution,
}

impl UnitSide {
    /// The side of a unit kind.
    pub fn of(kind: UnitKind) -> UnitSide {
        match kind {
            UnitKind::Administrative | UnitKind::CivilServiceManaged => UnitSide::Organ,
            UnitKind::Institution => UnitSide::Institution,
        }
    }

    /// The word in the file's `unit` column.
    pub fn key(self) -> &'static str {
        match self {
            UnitSide::Organ => "机关",
            UnitSide::Institution => "事业",
        }
    }
}

/// One 部门 款's 政府 款 for one side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The 5-digit 政府预算经济分类 款.
    pub gov: String,
    /// True when the pair was read in a cited source (`sourced`), false
    /// when inferred.
    pub sourced: bool,
}

/// The correspondence, by (部门 款, side).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Correspondence {
    rows: BTreeMap<(String, UnitSide), Mapping>,
}

/// A malformed correspondence file: file, line and column named.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("对应关系文件 {file} 第 {line} 行第 {column} 列：{reason}")]
pub struct CorrespondenceError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Why, in Chinese.
    pub reason: String,
}

const BUNDLED: &str = include_str!("../../../../assets/catalog/2021/economic_map.tsv");

fn five_digits(s: &str, first: u8) -> bool {
    s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) && s.as_bytes().first() == Some(&first)
}

impl Correspondence {
    /// The bundled 对应关系.
    pub fn bundled() -> Correspondence {
        // The bundled file is checked by a test; a broken build asset must
        // not stop the program, so it then reads as empty.
        Correspondence::parse("economic_map.tsv", BUNDLED).unwrap_or_default()
    }

    /// Reads the file's text; refuses the first malformed line.
    pub fn parse(file: &str, text: &str) -> Result<Correspondence, CorrespondenceError> {
        let mut rows = BTreeMap::new();
        let mut header = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |column: usize, reason: &str| CorrespondenceError {
                file: file.to_string(),
                line: i + 1,
                column,
                reason: reason.to_string(),
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !header {
                if !line.starts_with("dept\tunit\tgov\tstatus") {
                    return Err(err(
                        1,
                        "第一行应为表头 dept、unit、gov、status、note（以制表符分隔）",
                    ));
                }
                header = true;
                continue;
            }
            let (dept, unit, gov, status) = match cols.as_slice() {
                [d, u, g, s, ..] => (*d, *u, *g, *s),
                _ => {
                    return Err(err(
                        cols.len() + 1,
                        "列数不足（应有 dept、unit、gov、status 四列）",
                    ));
                }
            };
            if !five_digits(dept, b'3') {
                return Err(err(1, "部门经济分类科目应为以 3 开头的 5 位款级编码"));
            }
            let sides: &[UnitSide] = match unit {
                "机关" => &[UnitSide::Organ],
                "事业" => &[UnitSide::Institution],
                "全部" => &[UnitSide::Organ, UnitSide::Institution],
                _ => return Err(err(2, "单位类型应为 机关、事业 或 全部")),
            };
            if !five_digits(gov, b'5') {
                return Err(err(3, "政府经济分类科目应为以 5 开头的 5 位款级编码"));
            }
            let sourced = match status {
                "sourced" => true,
                "inferred" => false,
                _ => return Err(err(4, "来源标记应为 sourced 或 inferred")),
            };
            for side in sides {
                let m = Mapping {
                    gov: gov.to_string(),
                    sourced,
                };
                if rows.insert((dept.to_string(), *side), m).is_some() {
                    return Err(err(1, "同一科目、同一单位类型重复出现"));
                }
            }
        }
        if !header {
            return Err(CorrespondenceError {
                file: file.to_string(),
                line: 1,
                column: 1,
                reason: "缺少表头 dept、unit、gov、status、note".into(),
            });
        }
        Ok(Correspondence { rows })
    }

    /// The 政府 款 of a 部门 款 for a side.
    pub fn gov_of(&self, dept: &str, side: UnitSide) -> Option<&Mapping> {
        self.rows.get(&(dept.to_string(), side))
    }

    /// Number of (款, side) pairs.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is no pair.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every pair, in code order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, UnitSide, &Mapping)> {
        self.rows.iter().map(|((d, s), m)| (d.as_str(), *s, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Classification};

    #[test]
    fn the_bundled_file_reads_and_covers_every_bundled_section() {
        let c = Correspondence::parse("economic_map.tsv", BUNDLED);
        let c = match c {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let cat = Catalog::for_year(2021).unwrap_or_default();
        for (code, _) in cat.economics() {
            if code.as_str().len() != 5 {
                continue;
            }
            for side in [UnitSide::Organ, UnitSide::Institution] {
                let m = c.gov_of(code.as_str(), side);
                let Some(m) = m else {
                    panic!("{} has no {} correspondence", code.as_str(), side.key());
                };
                assert!(
                    cat.rows(Classification::GovEconomic).contains_key(&m.gov),
                    "{} maps to {} which economic_gov.tsv lacks",
                    code.as_str(),
                    m.gov
                );
            }
        }
    }

    #[test]
    fn basic_pay_depends_on_the_unit_kind() {
        let c = Correspondence::bundled();
        let organ = c.gov_of("30101", UnitSide::of(UnitKind::Administrative));
        assert_eq!(
            organ.map(|m| (m.gov.as_str(), m.sourced)),
            Some(("50101", true))
        );
        let civil = c.gov_of("30101", UnitSide::of(UnitKind::CivilServiceManaged));
        assert_eq!(civil.map(|m| m.gov.as_str()), Some("50101"));
        let inst = c.gov_of("30101", UnitSide::of(UnitKind::Institution));
        assert_eq!(inst.map(|m| m.gov.as_str()), Some("50501"));
    }

    #[test]
    fn a_malformed_line_names_its_line_and_column() {
        let text = "# c\ndept\tunit\tgov\tstatus\tnote\n30101\t机关\t50101\tsourced\tx\n30102\t机关\t4010\tsourced\t\n";
        let e = Correspondence::parse("新.tsv", text).err();
        assert_eq!(
            e.map(|e| e.to_string()),
            Some(
                "对应关系文件 新.tsv 第 4 行第 3 列：政府经济分类科目应为以 5 开头的 5 位款级编码"
                    .into()
            )
        );
        let e = Correspondence::parse(
            "新.tsv",
            "dept\tunit\tgov\tstatus\n30101\t单位\t50101\tsourced\n",
        )
        .err();
        assert_eq!(e.map(|e| (e.line, e.column)), Some((2, 2)));
        assert!(Correspondence::parse("x", "code\tname\n").is_err());
    }
}
