//! What each column of a table-shaped sheet means, and the preparer's own
//! choice where the recognised meaning is wrong: [`ColumnMeaning`] (one
//! typed list, shared by the recogniser, the app's dropdown and the command
//! line's `--column`), [`ColumnOverrides`] (choices keyed by the column's
//! header path, never its position, so a workbook with an extra column still
//! gets them right) and [`ColumnMemory`] (choices remembered for workbooks
//! with the same headers).

use super::Plan;
use crate::detail_sheet::THREE_PUBLIC_ITEMS;
use crate::model::{CostBucket, FundSource, SpendingKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One of the four “三公” items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ThreePublicItem {
    /// 因公出国(境)费.
    Abroad,
    /// 公务用车购置费.
    CarPurchase,
    /// 公务用车运行费.
    CarRunning,
    /// 公务接待费.
    Reception,
}

impl ThreePublicItem {
    /// In the published order.
    pub const ALL: [ThreePublicItem; 4] = [
        ThreePublicItem::Abroad,
        ThreePublicItem::CarPurchase,
        ThreePublicItem::CarRunning,
        ThreePublicItem::Reception,
    ];

    /// Its position in [`THREE_PUBLIC_ITEMS`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name the 明细 sheet gives it.
    pub fn label(self) -> &'static str {
        THREE_PUBLIC_ITEMS[self.index()]
    }
}

/// What a column of a table-shaped sheet means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ColumnMeaning {
    /// The whole 科目编码 in one column.
    Code,
    /// 科目编码 · 类 (split code columns).
    Class,
    /// 科目编码 · 款.
    Section,
    /// 科目编码 · 项.
    Item,
    /// 科目名称.
    Name,
    /// A 合计 of the row's figures: a check, not imported.
    Total,
    /// Spending of this kind (基本支出, 项目支出 …).
    Kind(SpendingKind),
    /// 人员经费 / 公用经费 of the 基本支出.
    Bucket(CostBucket),
    /// A 资金来源 header over kind columns (not a figure of its own).
    Source(FundSource),
    /// One “三公” item.
    ThreePublic(ThreePublicItem),
    /// 公务用车购置及运行费: the two 公务用车 items together, a check.
    CarTotal,
    /// Not imported.
    Ignore,
}

impl ColumnMeaning {
    /// The meanings a preparer can choose for a column, in the order the
    /// list shows them (a 资金来源 is a header over columns, not a choice).
    pub fn choices() -> Vec<ColumnMeaning> {
        let mut v = vec![
            ColumnMeaning::Code,
            ColumnMeaning::Class,
            ColumnMeaning::Section,
            ColumnMeaning::Item,
            ColumnMeaning::Name,
            ColumnMeaning::Total,
        ];
        v.extend(SpendingKind::ALL.map(ColumnMeaning::Kind));
        v.extend([CostBucket::Personnel, CostBucket::Public].map(ColumnMeaning::Bucket));
        v.extend(ThreePublicItem::ALL.map(ColumnMeaning::ThreePublic));
        v.push(ColumnMeaning::CarTotal);
        v.push(ColumnMeaning::Ignore);
        v
    }

    /// What the preview and the list call it.
    pub fn label(self) -> String {
        match self {
            ColumnMeaning::Code => "科目编码".into(),
            ColumnMeaning::Class => "科目编码·类".into(),
            ColumnMeaning::Section => "科目编码·款".into(),
            ColumnMeaning::Item => "科目编码·项".into(),
            ColumnMeaning::Name => "科目名称".into(),
            ColumnMeaning::Total => "合计（核对用）".into(),
            ColumnMeaning::Kind(k) => k.label().into(),
            ColumnMeaning::Bucket(b) => b.label().into(),
            ColumnMeaning::Source(s) => format!("资金来源 {}（不单独导入）", s.label()),
            ColumnMeaning::ThreePublic(i) => i.label().into(),
            ColumnMeaning::CarTotal => "公务用车购置及运行费（核对用）".into(),
            ColumnMeaning::Ignore => "（不导入）".into(),
        }
    }

    /// A meaning as the command line gives it: a label of the list
    /// (`基本支出`, `科目编码·项`), a short form (`代码`, `编码`, `类`, `款`,
    /// `项`, `名称`, `合计`, `不导入`) or any header text the import
    /// recognises (`人员经费支出`).
    pub fn parse(text: &str) -> Option<ColumnMeaning> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(m) = Self::choices().into_iter().find(|m| m.label() == t) {
            return Some(m);
        }
        match t.as_str() {
            "代码" | "编码" | "科目代码" => Some(ColumnMeaning::Code),
            "名称" => Some(ColumnMeaning::Name),
            "合计" => Some(ColumnMeaning::Total),
            "不导入" | "忽略" => Some(ColumnMeaning::Ignore),
            _ => super::table::role(&t),
        }
    }

    /// True for a meaning that one column of a sheet at most may have
    /// (two 科目编码 columns leave no way to tell which is right).
    pub(crate) fn single(self) -> bool {
        !matches!(
            self,
            ColumnMeaning::Ignore | ColumnMeaning::Source(_) | ColumnMeaning::Total
        )
    }
}

/// A header path as compared: spaces dropped, `>` and `＞` read as `›`, so
/// `支出功能分类科目 > 项` on the command line finds `支出功能分类科目 › 项`.
pub fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '>' | '＞' => '›',
            _ => c,
        })
        .collect()
}

/// The preparer's meanings for columns, by header path: for one sheet, or
/// (sheet `None`, as the command line gives them) for every sheet with that
/// header. Planning with them is a pure function of the workbook, the
/// document and these choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnOverrides {
    /// (sheet name, or empty for every sheet; [`header_key`]) → meaning.
    choices: BTreeMap<(String, String), ColumnMeaning>,
}

impl ColumnOverrides {
    /// No choices: every column as recognised.
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty()
    }

    /// Gives the column headed `header` (a path, `功能分类科目编码 › 类`) of
    /// `sheet` (or of every sheet) the meaning `m`.
    pub fn set(&mut self, sheet: Option<&str>, header: &str, m: ColumnMeaning) {
        self.choices.insert(
            (sheet.unwrap_or_default().to_string(), header_key(header)),
            m,
        );
    }

    /// Back to the recognised meaning.
    pub fn clear(&mut self, sheet: Option<&str>, header: &str) {
        self.choices
            .remove(&(sheet.unwrap_or_default().to_string(), header_key(header)));
    }

    /// The chosen meaning of `sheet`'s column headed `header`: one made for
    /// that sheet first, else one made for every sheet.
    pub fn get(&self, sheet: &str, header: &str) -> Option<ColumnMeaning> {
        let key = header_key(header);
        self.choices
            .get(&(sheet.to_string(), key.clone()))
            .or_else(|| self.choices.get(&(String::new(), key)))
            .copied()
    }

    /// `--column 'HEADER=MEANING'`: the header path and its meaning.
    pub fn parse_arg(arg: &str) -> Result<(String, ColumnMeaning), String> {
        let Some((header, meaning)) = arg.rsplit_once('=') else {
            return Err(format!(
                "“{arg}”应写成 表头=含义，例如 '支出功能分类科目 › 项=科目编码·项' 或 '项目支出=基本支出'"
            ));
        };
        if header_key(header).is_empty() {
            return Err(format!("“{arg}”中没有表头"));
        }
        let m = ColumnMeaning::parse(meaning).ok_or_else(|| {
            let all: Vec<String> = ColumnMeaning::choices().iter().map(|m| m.label()).collect();
            format!("“{}”不是列的含义；可用：{}", meaning.trim(), all.join("、"))
        })?;
        Ok((header.trim().to_string(), m))
    }

    /// The headers of choices made for every sheet that no column of the
    /// plan's sheets carries (a mistyped `--column`).
    pub fn unmatched(&self, plan: &Plan) -> Vec<String> {
        self.choices
            .keys()
            .filter(|(sheet, _)| sheet.is_empty())
            .filter(|(_, key)| {
                !plan
                    .sheets
                    .iter()
                    .flat_map(|p| &p.columns)
                    .chain(plan.unread.iter().flat_map(|u| &u.columns))
                    .any(|c| header_key(&c.header) == *key)
            })
            .map(|(_, key)| key.clone())
            .collect()
    }
}

/// The choices that took effect on a sheet's columns, by header as shown.
fn of_sheet(p: &super::SheetPlan) -> BTreeMap<String, ColumnMeaning> {
    p.columns
        .iter()
        .filter_map(|c| {
            c.chosen
                .filter(|m| *m != c.recognised)
                .map(|m| (c.header.clone(), m))
        })
        .collect()
}

/// The choices made on one sheet, with the headers they were made on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    /// The sheet's header paths as shown, in order: which workbooks have
    /// “the same headers”.
    pub headers: Vec<String>,
    /// The sheet's name then (for the preview's note).
    pub sheet: String,
    /// Header path → the meaning chosen.
    pub choices: BTreeMap<String, ColumnMeaning>,
}

impl Remembered {
    /// True when every header the choice was made on is in `headers`
    /// (columns may have been added or moved since).
    fn fits(&self, headers: &[String]) -> bool {
        let have: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        self.headers.iter().all(|h| have.contains(&header_key(h)))
    }

    /// True when the headers are the same, in the same order.
    fn same(&self, headers: &[String]) -> bool {
        self.headers.len() == headers.len()
            && self
                .headers
                .iter()
                .zip(headers)
                .all(|(a, b)| header_key(a) == header_key(b))
    }
}

/// Column choices remembered between imports, one entry per header
/// signature. Stored as a small RON file by the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMemory {
    /// What the file is (a foreign RON file is not mistaken for one).
    pub kind: String,
    /// The remembered choices.
    pub entries: Vec<Remembered>,
}

/// [`ColumnMemory::kind`] of yusuan's file.
pub const MEMORY_KIND: &str = "yusuan 导入列含义";

/// A sheet's header signature: its columns' header paths, as shown.
pub fn signature(p: &super::SheetPlan) -> Vec<String> {
    p.columns.iter().map(|c| c.header.clone()).collect()
}

impl ColumnMemory {
    /// An empty memory.
    pub fn new() -> Self {
        ColumnMemory {
            kind: MEMORY_KIND.into(),
            entries: Vec::new(),
        }
    }

    /// The remembered choices for the sheets of `plan` (planned without
    /// any), with the preview's note (`按上次的选择：…`) per sheet. The entry
    /// with exactly the sheet's headers wins, else the one with the most
    /// headers that are all still there.
    pub fn recall(&self, plan: &Plan) -> (ColumnOverrides, Vec<String>) {
        let mut out = ColumnOverrides::default();
        let mut notes = Vec::new();
        for p in &plan.sheets {
            let headers = signature(p);
            let best = self.entries.iter().find(|e| e.same(&headers)).or_else(|| {
                self.entries
                    .iter()
                    .filter(|e| e.fits(&headers))
                    .max_by_key(|e| e.headers.len())
            });
            let Some(e) = best else { continue };
            let mut said = Vec::new();
            for (header, m) in &e.choices {
                // The column as it stands in this workbook.
                if let Some(c) = p
                    .columns
                    .iter()
                    .find(|c| header_key(&c.header) == header_key(header))
                {
                    out.set(Some(&p.sheet), &c.header, *m);
                    said.push(format!("{} “{}”为 {}", c.cell, c.header, m.label()));
                }
            }
            if !said.is_empty() {
                notes.push(format!(
                    "按上次的选择：工作表“{}”{}",
                    p.sheet,
                    said.join("；")
                ));
            }
        }
        (out, notes)
    }

    /// Remembers the choices that took effect on `plan`'s sheets: a sheet
    /// whose choices were all taken back forgets its entry.
    pub fn remember(&mut self, plan: &Plan) {
        for p in &plan.sheets {
            let headers = signature(p);
            let choices = of_sheet(p);
            self.entries.retain(|e| !e.same(&headers));
            if !choices.is_empty() {
                self.entries.push(Remembered {
                    headers,
                    sheet: p.sheet.clone(),
                    choices,
                });
            }
        }
    }

    /// True when the file read is yusuan's memory (a foreign RON file that
    /// happens to parse is not taken for one).
    pub fn is_ours(&self) -> bool {
        self.kind == MEMORY_KIND
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_from_its_label() {
        for m in ColumnMeaning::choices() {
            assert_eq!(ColumnMeaning::parse(&m.label()), Some(m), "{}", m.label());
        }
        assert_eq!(ColumnMeaning::parse(" 代码 "), Some(ColumnMeaning::Code));
        assert_eq!(
            ColumnMeaning::parse("人员经费支出"),
            Some(ColumnMeaning::Bucket(CostBucket::Personnel))
        );
        assert_eq!(ColumnMeaning::parse("本年预算"), Some(ColumnMeaning::Total));
        assert_eq!(ColumnMeaning::parse("随便"), None);
    }

    #[test]
    fn a_command_line_choice_is_a_header_path_and_a_meaning() {
        assert_eq!(
            ColumnOverrides::parse_arg("支出功能分类科目 › 项=代码"),
            Ok(("支出功能分类科目 › 项".to_string(), ColumnMeaning::Code))
        );
        assert!(ColumnOverrides::parse_arg("项目支出").is_err());
        assert!(ColumnOverrides::parse_arg("=基本支出").is_err());
        let e = ColumnOverrides::parse_arg("项目支出=奖金").expect_err("refused");
        assert!(e.contains("不是列的含义") && e.contains("基本支出"), "{e}");
    }

    #[test]
    fn a_choice_for_one_sheet_wins_over_one_for_every_sheet() {
        let mut o = ColumnOverrides::default();
        o.set(None, "本年预算 > 基本", ColumnMeaning::Total);
        o.set(
            Some("表1"),
            "本年预算›基本",
            ColumnMeaning::Kind(SpendingKind::Basic),
        );
        assert_eq!(
            o.get("表1", "本年预算 › 基本"),
            Some(ColumnMeaning::Kind(SpendingKind::Basic))
        );
        assert_eq!(o.get("表2", "本年预算 ＞ 基本"), Some(ColumnMeaning::Total));
        o.clear(Some("表1"), "本年预算 › 基本");
        assert_eq!(o.get("表1", "本年预算 › 基本"), Some(ColumnMeaning::Total));
        assert_eq!(o.get("表1", "本年预算"), None);
    }

    #[test]
    fn remembered_headers_fit_a_sheet_with_columns_added_but_not_one_missing_them() {
        let e = Remembered {
            headers: vec!["科目编码".into(), "项目支出".into()],
            sheet: "支出".into(),
            choices: BTreeMap::new(),
        };
        let with_extra = ["序号".to_string(), "科目编码".into(), "项目支出".into()];
        assert!(e.fits(&with_extra) && !e.same(&with_extra));
        assert!(e.same(&["科目编码".to_string(), "项目支出".into()]));
        assert!(!e.fits(&["科目编码".to_string(), "基本支出".into()]));
    }
}
