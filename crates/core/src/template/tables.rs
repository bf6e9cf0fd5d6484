//! The published tables and forms: what each shows and how it prints.

use super::query::{Measure, Query};
use super::spec::TemplateSpec;
use crate::model::MoneyUnit;
use serde::Deserialize;

/// One published table or form.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Stable name an edition that extends this template uses to drop,
    /// move or rename the table; `None` = the title.
    #[serde(default)]
    pub id: Option<String>,
    /// Printed number (表N).
    pub number: u8,
    /// What the table shows: a query over the document's facts.
    pub query: Query,
    /// Title without department and year; `{entity}` filled in.
    pub title: String,
    /// Full caption for this table instead of the template's.
    #[serde(default)]
    pub caption: Option<String>,
    /// For a form: a label line printed above its title (`附件3：`); the
    /// caption then only goes into the 目录.
    #[serde(default)]
    pub label: Option<String>,
    /// Printed unit; `None` = the document's unit.
    #[serde(default)]
    pub unit: Option<MoneyUnit>,
    /// Printed decimals (2, or 0 for whole-yuan tables).
    #[serde(default = "two")]
    pub decimals: u32,
    /// Thousands separators in printed amounts.
    #[serde(default)]
    pub grouping: bool,
    /// How a zero amount prints.
    #[serde(default)]
    pub zero: Zero,
    /// Header rows replacing the ones the columns' groups give (must cover
    /// the same columns; `template check` says where they do not).
    #[serde(default)]
    pub header: Option<Vec<Vec<HeaderSpec>>>,
    /// Code column split into 类 | 款 | 项 (or 类 | 款 for 经济分类).
    #[serde(default)]
    pub split_code: bool,
    /// Statement printed when the table has no data; `{entity}`, `{year}` filled in.
    #[serde(default)]
    pub empty_note: Option<String>,
    /// An empty table still prints its header and 合计 row above the note.
    #[serde(default)]
    pub empty_keeps_total: bool,
    /// A 序号 column first, numbering the body rows 1, 2, 3 … (the 合计
    /// row unnumbered), as 平山 prints its tables.
    #[serde(default)]
    pub row_numbers: bool,
    /// A 栏次 row under the header numbering the amount columns 1, 2, 3 …
    /// (`栏次` across the label columns before the first amount column).
    #[serde(default)]
    pub column_numbers: bool,
    /// The pages the table prints on; `None` = landscape from 7 columns on
    /// (the 序号 column counted), portrait below.
    #[serde(default)]
    pub orientation: Option<Orientation>,
    /// A 说明 printed under the table (天津's 关于…表的说明), with `{entity}`,
    /// `{year}`, `{name}` and `{n}` filled in.
    #[serde(default)]
    pub note: Option<String>,
    /// Why this shape: facts and what is inferred.
    #[serde(default)]
    pub source: String,
}

/// How a zero amount prints in a table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Zero {
    /// Blank (unless the export is asked to print zeros).
    #[default]
    Blank,
    /// `0`.
    Zero,
    /// `0.00` (as many decimals as the table prints).
    ZeroDecimals,
}

/// The pages a table prints on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Orientation {
    /// A4 upright.
    Portrait,
    /// A4 turned: wide tables (功能 × 经济).
    Landscape,
}

/// A header cell in a template file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderSpec {
    /// Text.
    pub text: String,
    /// Columns spanned.
    #[serde(default = "one")]
    pub cols: usize,
    /// Header rows spanned.
    #[serde(default = "one")]
    pub rows: usize,
}

fn one() -> usize {
    1
}

fn two() -> u32 {
    2
}

impl TableSpec {
    /// How the document names the table or form in a line of text, in the
    /// side panel and as a workbook's sheet: its label as printed, without
    /// the colon (`附件3`); else the number its own caption prints before
    /// the title (四川's `公开表2-1 {title}`); else `表N` with the
    /// template's own number (湖南 2025 prints its 部门整体 form as 表9,
    /// 武汉 2022 numbers the forms 10 and 11).
    pub fn short_name(&self) -> String {
        let trimmed = |l: &str| {
            l.trim()
                .trim_end_matches(['：', ':', '、', '.', '．'])
                .trim()
                .to_string()
        };
        let caption_number = || {
            let (before, _) = self.caption.as_deref()?.split_once("{title}")?;
            // Only a literal number: a prefix with the department or year
            // in it is a title, not a number.
            (!before.contains('{')).then(|| trimmed(before))
        };
        self.label
            .as_deref()
            .map(trimmed)
            .filter(|l| !l.is_empty())
            .or_else(|| caption_number().filter(|l| !l.is_empty()))
            .unwrap_or_else(|| format!("表{}", self.number))
    }

    /// How the table is named in a message: `表2（一般公共预算支出表）`.
    pub fn place(&self) -> String {
        match &self.id {
            Some(id) => format!("{}（{id}）", self.short_name()),
            None => format!("{}（{}）", self.short_name(), self.title),
        }
    }

    /// What is wrong with this table as written, each in Chinese naming
    /// the table and the field: a header override that does not cover the
    /// columns, a measure over facts that cannot exist, a 合计 with no parts.
    pub fn problems(&self) -> Vec<String> {
        let place = self.place();
        let mut out: Vec<String> = self
            .query
            .problems()
            .into_iter()
            .map(|p| format!("{place} query.{p}"))
            .collect();
        if self.split_code && !matches!(self.query, Query::Tree(_)) {
            out.push(format!("{place} split_code：只有分类表有科目编码可拆"));
        }
        out.extend(self.numbering_problems(&place));
        if self.header.is_some() && self.query.expands() {
            out.push(format!(
                "{place} header：含 Each 栏的表栏数随数据变化，不能自写表头"
            ));
        } else if let Some(h) = &self.header {
            let width = self.query.width() + self.split_code_extra();
            let mut spans = vec![0usize; h.len()];
            // Each header row, with the cells spanning down into it from
            // above, must cover every column.
            for (r, row) in h.iter().enumerate() {
                for c in row {
                    for s in spans.iter_mut().skip(r).take(c.rows.max(1)) {
                        *s += c.cols;
                    }
                }
            }
            for (r, s) in spans.iter().enumerate() {
                if *s != width {
                    out.push(format!(
                        "{place} header 第{}行：覆盖 {s} 栏，表有 {width} 栏",
                        r + 1
                    ));
                }
            }
        }
        out
    }

    /// Where a 序号 column, a 栏次 row or an orientation means nothing: on a
    /// 绩效 form (laid out as a form, not as rows and columns), a 序号 on a
    /// one-row table, a 栏次 row over a table without amount columns or
    /// without a text column ahead of them to print `栏次` in.
    fn numbering_problems(&self, place: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.query.is_form() {
            for (set, field) in [
                (self.row_numbers, "row_numbers"),
                (self.column_numbers, "column_numbers"),
                (self.orientation.is_some(), "orientation"),
            ] {
                if set {
                    out.push(format!(
                        "{place} {field}：绩效表单按固定版式印制，不能加序号栏、栏次行或指定横排竖排"
                    ));
                }
            }
            return out;
        }
        if self.row_numbers && matches!(self.query, Query::Row(_)) {
            out.push(format!(
                "{place} row_numbers：单行表只有一行，序号栏没有可编的行"
            ));
        }
        let columns = self.query.columns();
        let text = |c: &super::query::ColumnSpec| matches!(c.measure, Measure::Field(_));
        let amounts = matches!(self.query, Query::Summary(_)) || !columns.iter().all(text);
        // The label `栏次` goes in the text columns before the first
        // amount column (a tree's codes, a 收支总表's 项目, a 序号 column):
        // without any, the row would read as a row of figures.
        let label = (self.row_numbers && !matches!(self.query, Query::Row(_)))
            || matches!(self.query, Query::Tree(_) | Query::Summary(_))
            || columns.first().is_some_and(text);
        if self.column_numbers && !amounts {
            out.push(format!(
                "{place} column_numbers：表中没有金额栏，栏次行没有可编的栏"
            ));
        } else if self.column_numbers && !label {
            out.push(format!(
                "{place} column_numbers：金额栏之前没有文字栏可印“栏次”，栏次行会被看作一行数字（项目表、采购表可把文字栏放在最前，或加 row_numbers）"
            ));
        }
        out
    }

    /// Columns a `split_code` adds (类|款|项 for 功能, 类|款 for 经济).
    pub(crate) fn split_code_extra(&self) -> usize {
        match &self.query {
            Query::Tree(t) if self.split_code => match t.facts {
                super::query::Facts::Function => 2,
                super::query::Facts::Economic
                | super::query::Facts::GovEconomic
                | super::query::Facts::FiscalEconomic => 1,
            },
            _ => 0,
        }
    }
}

impl TemplateSpec {
    /// The problems of the template's tables' queries
    /// ([`TableSpec::problems`]); numbers and ids printed twice are
    /// [`TemplateSpec::problems`]'.
    pub fn table_problems(&self) -> Vec<String> {
        self.tables.iter().flat_map(|t| t.problems()).collect()
    }
}
