//! The published document as blocks, in the order of the document's
//! template (武汉 2021: cover, 目录, 第一部分 概况, 第二部分 表1–表8,
//! 附件3, 表10, 第三部分 情况说明, 第四部分 名词解释). The tables come
//! ready from [`crate::derive::published_tables`]: this module only prints.
//! The forms ([`forms`]) keep each amount cell's amount for the xlsx writer.

use crate::derive::table::{Align, COLUMN_NUMBER_LABEL, Cell, ColumnNumber, RowKind, Table};
use crate::fonts::{Family, FontFace, Weight};
use crate::layout::{Block, CellSpec, Grid, GridBuilder, HAlign, TableBlock, TextStyle};
use crate::model::{Document, Entity, GlossaryEntry};
use crate::numerals::chinese_number;
use crate::template::{Orientation, PartKind, fill};

/// Choices the user makes when printing.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Print zero amounts in tables as `0.00` instead of leaving the cell
    /// blank (the published convention).
    pub print_zeros: bool,
    /// Author in the PDF metadata; empty means the department name.
    pub author: String,
}

pub use crate::content::{NarrativeSection, Parts};

mod forms;
#[cfg(test)]
pub(crate) use forms::FormBuilder;
pub use forms::{FormCell, FormGrid, FormPart, Forms, forms};

const SANS_BOLD: FontFace = FontFace::new(Family::Sans, Weight::Bold);

/// The document as blocks, ready for [`super::layout`].
pub fn compose(doc: &Document, parts: &Parts, opts: &ExportOptions) -> Vec<Block> {
    let mut out = Vec::new();
    let m = &doc.meta;
    let spec = m.template.spec();
    let cover = TextStyle::title().with_face(SANS_BOLD);
    out.push(Block::Cover(vec![
        (
            m.dept_name.clone(),
            TextStyle {
                size: 26.0,
                line_height: 44.0,
                ..cover
            },
        ),
        (
            fill(&spec.cover, &m.dept_name, m.year, m.entity, 0, ""),
            TextStyle {
                size: 26.0,
                line_height: 44.0,
                ..cover
            }
            .before(20.0),
        ),
    ]));
    out.push(Block::Toc {
        title: spec.toc_title.clone(),
    });
    let mut narratives = 0;
    for part in &spec.parts {
        let heading = fill(&part.heading, &m.dept_name, m.year, m.entity, 0, "");
        if part.is_text() {
            // Sections the template writes: the 情况说明, or a 概况 or
            // 名词解释 worded as the region does.
            narrative(heading, &m.dept_name, parts, narratives, &mut out);
            narratives += 1;
            continue;
        }
        match part.kind {
            PartKind::Overview => overview(doc, heading, &mut out),
            PartKind::Tables => tables(doc, heading, parts, opts, &mut out),
            PartKind::Forms => {
                // A heading of its own (中央's 第五部分 附件) on a page before
                // the forms; most templates leave it empty.
                if !heading.trim().is_empty() {
                    part_title(heading, &m.dept_name, &mut out);
                }
                out.extend(forms(doc, parts).blocks());
            }
            // A 情况说明 is text (above), even without sections.
            PartKind::Narrative => {}
            PartKind::Glossary => glossary(doc, heading, parts, &mut out),
        }
    }
    out
}

/// A part's title on a new page. Too long for one line, it breaks before
/// or after the department's name, never inside it.
/// An empty heading only starts the page: it would print a blank line in
/// the 目录.
fn part_title(text: String, dept: &str, out: &mut Vec<Block>) {
    out.push(Block::PageBreak);
    if text.trim().is_empty() {
        return;
    }
    let phrases: Vec<&str> = match text.find(dept).filter(|_| !dept.is_empty()) {
        Some(at) => [&text[..at], dept, &text[at + dept.len()..]]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect(),
        None => vec![text.as_str()],
    };
    out.push(Block::heading_in_phrases(&phrases, TextStyle::title(), 0));
}

/// Printed where the 填报人 left a part of 第一部分 empty (R03 reports it
/// before export): a whole sentence telling the public reader the
/// information was not provided, under its heading so the gap stays
/// visible, rather than a draft's placeholder; no sentence is built around
/// a missing list or a zero count.
pub(crate) fn not_provided(entity: Entity) -> String {
    format!("本{}暂未提供此项信息。", entity.word())
}

fn overview(doc: &Document, heading: String, out: &mut Vec<Block>) {
    let m = &doc.meta;
    let o = &doc.overview;
    let e = m.entity.word();
    let body = |text: String| Block::text(text, TextStyle::body());
    part_title(heading, &doc.meta.dept_name, out);
    out.push(Block::heading(
        format!("一、{e}主要职能"),
        TextStyle::heading1(),
        1,
    ));
    let functions: Vec<&str> = o
        .functions
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect();
    if functions.is_empty() {
        out.push(body(not_provided(m.entity)));
    }
    for (i, f) in functions.iter().enumerate() {
        out.push(body(format!("{}、{}", i + 1, f)));
    }
    out.push(Block::heading(
        format!("二、{e}预算单位构成"),
        TextStyle::heading1(),
        1,
    ));
    let names: Vec<&str> = o
        .units
        .iter()
        .map(|u| u.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    out.push(body(if names.is_empty() {
        not_provided(m.entity)
    } else {
        format!(
            "纳入{}{}年{e}预算编制范围的预算单位共{}个，包括：{}。",
            m.dept_name,
            m.year,
            names.len(),
            names.join("、")
        )
    }));
    out.push(Block::heading(
        format!("三、{e}人员构成"),
        TextStyle::heading1(),
        1,
    ));
    out.push(body(
        yusuan_core::narrative::staffing_sentence(doc).unwrap_or_else(|| not_provided(m.entity)),
    ));
}

fn tables(
    doc: &Document,
    heading: String,
    parts: &Parts,
    opts: &ExportOptions,
    out: &mut Vec<Block>,
) {
    let m = &doc.meta;
    let spec = m.template.spec();
    part_title(heading, &doc.meta.dept_name, out);
    if spec.table_list {
        for t in &parts.tables {
            out.push(Block::text(
                t.caption.clone(),
                TextStyle::body().indent(0.0).aligned(HAlign::Left),
            ));
        }
    }
    for (i, t) in parts.tables.iter().enumerate() {
        if i > 0 || spec.table_list {
            out.push(Block::PageBreak);
        }
        let mut block = TableBlock::new(grid_of_table(t, opts));
        block.title = Some(t.caption.clone());
        // 上海 lists each table in the 目录, under the tables part.
        block.outline = spec.toc_tables.as_deref().map(|line| {
            let line = fill(line, &m.dept_name, m.year, m.entity, t.number, &t.title);
            (line, 1)
        });
        block.title_keep = vec![m.dept_name.clone()];
        block.unit_left = spec.dept_line(m, t.number);
        block.unit_right = t.unit_line();
        // The template's orientation; without one the layout turns a table
        // of 7 or more columns (the 序号 column counted).
        block.orientation = t.orientation.map(|o| match o {
            Orientation::Portrait => crate::layout::Orientation::Portrait,
            Orientation::Landscape => crate::layout::Orientation::Landscape,
        });
        out.push(Block::Table(Box::new(block)));
        if let Some(note) = &t.note {
            out.push(Block::text(note.clone(), TextStyle::body()));
        }
    }
}

/// A derived table as a grid: its header rows with their spans (and the
/// 序号 column and 栏次 row the template asks for), then its body (类 and
/// 合计 rows bold, amounts right-aligned as the table's unit and decimals
/// say). An empty table shows its statement in one row across all columns,
/// after its 合计 row if the template keeps it.
pub fn grid_of_table(t: &Table, opts: &ExportOptions) -> Grid {
    let columns = t.printed_columns();
    let lead = t.lead_columns();
    let n = columns.len().max(1);
    let widths = columns.iter().map(|c| c.weight).collect();
    let size = if n >= 10 { 9.0 } else { 10.0 };
    let mut b = GridBuilder::new(widths).font_size(size);
    for row in t.printed_header() {
        b.header(
            row.into_iter()
                .map(|h| CellSpec::new(h.text).span(h.colspan, h.rowspan).bold())
                .collect(),
        );
    }
    let numbers = t.column_number_row();
    if !numbers.is_empty() {
        b.header(
            numbers
                .into_iter()
                .map(|c| match c {
                    ColumnNumber::Label { colspan } => {
                        CellSpec::new(COLUMN_NUMBER_LABEL).cols(colspan).bold()
                    }
                    ColumnNumber::Blank => CellSpec::new(""),
                    ColumnNumber::Number(k) => CellSpec::new(k.to_string()),
                })
                .collect(),
        );
    }
    for (row, serial) in t.rows.iter().zip(t.numbered_rows()) {
        let bold = matches!(row.kind, RowKind::Class | RowKind::Total);
        let spec = |text: String, align: HAlign| {
            let spec = CellSpec::new(text).align(align);
            if bold { spec.bold() } else { spec }
        };
        let lead_cells = (lead > 0).then(|| {
            spec(
                serial.map(|k| k.to_string()).unwrap_or_default(),
                HAlign::Center,
            )
        });
        let cells = lead_cells
            .into_iter()
            .chain(row.cells.iter().enumerate().map(|(i, c)| {
                let align = match t.columns.get(i).map(|c| c.align) {
                    Some(Align::Left) => HAlign::Left,
                    Some(Align::Right) => HAlign::Right,
                    _ => HAlign::Center,
                };
                match c {
                    Cell::Text(s) => spec(s.clone(), align),
                    Cell::Money(v) => spec(t.money_text(*v, opts.print_zeros), HAlign::Right),
                    Cell::Empty => spec(String::new(), align),
                }
            }))
            .collect();
        b.row(cells);
    }
    if let Some(s) = &t.empty_statement {
        b.row(vec![CellSpec::new(s.clone()).cols(n)]);
    }
    b.build()
}

fn narrative(heading: String, dept: &str, parts: &Parts, part: usize, out: &mut Vec<Block>) {
    part_title(heading, dept, out);
    for s in parts.narrative.iter().filter(|s| s.part == part) {
        if !s.heading.is_empty() {
            out.push(Block::heading(s.heading.clone(), TextStyle::heading1(), 1));
        }
        for p in &s.paragraphs {
            out.push(Block::text(p.clone(), TextStyle::body()));
        }
    }
}

fn glossary(doc: &Document, heading: String, parts: &Parts, out: &mut Vec<Block>) {
    part_title(heading, &doc.meta.dept_name, out);
    for (i, e) in doc.glossary.iter().enumerate() {
        let n = chinese_number(i + 1);
        match e {
            GlossaryEntry::Term { term, text } => {
                out.push(Block::text(
                    format!("({n}){term}：{text}"),
                    TextStyle::body(),
                ));
            }
            GlossaryEntry::FunctionCodesUsed => {
                let lines = &parts.function_codes_used;
                // A colon only before a list that has something in it.
                let none = if lines.is_empty() {
                    "本年尚未编列支出预算。"
                } else {
                    ""
                };
                out.push(Block::text(
                    format!(
                        "({n})本{}使用的主要支出功能分类科目(项级)：{none}",
                        doc.meta.entity.word()
                    ),
                    TextStyle::body(),
                ));
                for (k, l) in lines.iter().enumerate() {
                    out.push(Block::text(format!("{}、{}", k + 1, l), TextStyle::body()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/templates.md §1: an empty part heading prints no title and
    /// leaves no blank 目录 line (the template author's report found one),
    /// but the part still starts a page.
    /// The template author's `label: Some("附件：")` on the project form
    /// printed nothing: it now prints above the form's title, as on the
    /// 部门整体 form.
    #[test]
    fn a_label_on_the_project_form_prints_above_its_title() {
        use crate::template;
        let text = template::bundled_text("Wuhan2021")
            .unwrap()
            .replace("id: \"Wuhan2021\"", "id: \"Labelled\"")
            .replace(
                "query: Form(ProjectPerformance)",
                "label: \"附件2：\", query: Form(ProjectPerformance)",
            );
        let resolved = template::resolve(&text, &template::bundled_lookup).unwrap();
        let mut doc: Document =
            crate::io::from_str(include_str!("../../../../examples/qingshan-2021.ron")).unwrap();
        doc.meta.template = template::reference(&resolved);
        let catalog = crate::catalog::Catalog::for_year(2021).unwrap();
        let parts = yusuan_core::narrative::parts(&doc, &catalog);
        let texts: Vec<String> = forms(&doc, &parts)
            .projects
            .iter()
            .filter_map(|p| match p {
                FormPart::Block(Block::Text { text, .. }) => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts.first().map(String::as_str),
            Some("附件2："),
            "{texts:?}"
        );
        assert_eq!(
            texts.get(1).map(String::as_str),
            Some("部门项目支出绩效目标表")
        );
    }

    #[test]
    fn an_empty_part_heading_only_starts_a_page() {
        let mut out = Vec::new();
        part_title("  ".into(), "某局", &mut out);
        assert_eq!(out, vec![Block::PageBreak]);
        part_title("第一部分 某局概况".into(), "某局", &mut out);
        assert!(matches!(
            out.last(),
            Some(Block::Text { outline: Some(0), text, .. }) if text == "第一部分 某局概况"
        ));
    }
}
