//! The published document as blocks, in the order of the document's
//! template (武汉 2021: cover, 目录, 第一部分 概况, 第二部分 表1–表8,
//! 附件3, 表10, 第三部分 情况说明, 第四部分 名词解释). The tables come
//! ready from [`crate::derive::published_tables`]: this module only prints.

use crate::derive::table::{Align, Cell, RowKind, Table};
use crate::fonts::{Family, FontFace, Weight};
use crate::layout::{
    Block, CellSpec, Grid, GridBuilder, HAlign, Orientation, TableBlock, TextStyle,
};
use crate::model::{
    Document, Entity, GlossaryEntry, Goal, IndicatorValue, Level1, Project, ProjectIndicator,
    StaffKind,
};
use crate::money::Money;
use crate::numerals::chinese_number;
use crate::template::{PartKind, TableKind, fill};

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

const SANS_BOLD: FontFace = FontFace::new(Family::Sans, Weight::Bold);

/// Form text size.
const FORM_SIZE: f32 = 10.5;

/// Amounts in the forms print with 2 decimals like the tables and the app
/// (`1037.60`, never `20` beside `112.34`), blank when zero.
fn plain(m: Money) -> String {
    m.display_blank_zero()
}

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
        match part.kind {
            PartKind::Overview => overview(doc, heading, &mut out),
            PartKind::Tables => tables(doc, heading, parts, opts, &mut out),
            PartKind::Forms => {
                dept_performance_form(doc, &mut out);
                project_performance_form(doc, &mut out);
            }
            PartKind::Narrative => {
                narrative(heading, &m.dept_name, parts, narratives, &mut out);
                narratives += 1;
            }
            PartKind::Glossary => glossary(doc, heading, parts, &mut out),
        }
    }
    out
}

/// A part's title on a new page. Too long for one line, it breaks before
/// or after the department's name, never inside it.
fn part_title(text: String, dept: &str, out: &mut Vec<Block>) {
    out.push(Block::PageBreak);
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
pub fn not_provided(entity: Entity) -> String {
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
    let s = &o.staffing;
    if s.authorized_total() == 0 && s.actual_total() == 0 && s.retired == 0 {
        out.push(body(not_provided(m.entity)));
        return;
    }
    let by_kind = |v: &[(StaffKind, u32)]| {
        v.iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{}{}人", k.label(), n))
            .collect::<Vec<_>>()
            .join("，")
    };
    let mut text = format!("{}总编制人数{}人", m.dept_name, s.authorized_total());
    let a = by_kind(&s.authorized);
    if !a.is_empty() {
        text.push_str(&format!("，其中：{a}"));
    }
    text.push_str(&format!("。在职实有人数{}人", s.actual_total()));
    let a = by_kind(&s.actual);
    if !a.is_empty() {
        text.push_str(&format!("，其中：{a}"));
    }
    text.push('。');
    if s.retired == 0 {
        text.push_str("无离退休人员。");
    } else {
        text.push_str(&format!("离退休人员{}人。", s.retired));
    }
    out.push(body(text));
}

fn tables(
    doc: &Document,
    heading: String,
    parts: &Parts,
    opts: &ExportOptions,
    out: &mut Vec<Block>,
) {
    let m = &doc.meta;
    part_title(heading, &doc.meta.dept_name, out);
    if m.template.spec().table_list {
        for t in &parts.tables {
            out.push(Block::text(
                t.caption.clone(),
                TextStyle::body().indent(0.0).aligned(HAlign::Left),
            ));
        }
    }
    for (i, t) in parts.tables.iter().enumerate() {
        if i > 0 || m.template.spec().table_list {
            out.push(Block::PageBreak);
        }
        let mut block = TableBlock::new(grid_of_table(t, opts));
        block.title = Some(t.caption.clone());
        block.title_keep = vec![m.dept_name.clone()];
        block.unit_left = format!("{}名称：{}", m.entity.word(), m.dept_name);
        block.unit_right = t.unit_line();
        out.push(Block::Table(Box::new(block)));
    }
}

/// A derived table as a grid: its header rows with their spans, then its
/// body (类 and 合计 rows bold, amounts right-aligned as the table's unit
/// and decimals say). An empty table shows its statement in one row across
/// all columns, after its 合计 row if the template keeps it.
pub fn grid_of_table(t: &Table, opts: &ExportOptions) -> Grid {
    let n = t.columns.len().max(1);
    let widths = t.columns.iter().map(|c| c.weight).collect();
    let size = if n >= 10 { 9.0 } else { 10.0 };
    let mut b = GridBuilder::new(widths).font_size(size);
    for row in &t.header {
        b.header(
            row.iter()
                .map(|h| {
                    CellSpec::new(h.text.clone())
                        .span(h.colspan, h.rowspan)
                        .bold()
                })
                .collect(),
        );
    }
    for row in &t.rows {
        let bold = matches!(row.kind, RowKind::Class | RowKind::Total);
        let cells = row
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let align = match t.columns.get(i).map(|c| c.align) {
                    Some(Align::Left) => HAlign::Left,
                    Some(Align::Right) => HAlign::Right,
                    _ => HAlign::Center,
                };
                let (text, align) = match c {
                    Cell::Text(s) => (s.clone(), align),
                    Cell::Money(v) => (t.money_text(*v, opts.print_zeros), HAlign::Right),
                    Cell::Empty => (String::new(), align),
                };
                let spec = CellSpec::new(text).align(align);
                if bold { spec.bold() } else { spec }
            })
            .collect();
        b.row(cells);
    }
    if let Some(s) = &t.empty_statement {
        b.row(vec![CellSpec::new(s.clone()).cols(n)]);
    }
    b.build()
}

/// A form part: portrait whatever its column count, stacked edge to edge.
fn form(grid: Grid) -> Block {
    let mut t = TableBlock::new(grid);
    t.orientation = Some(Orientation::Portrait);
    Block::Table(Box::new(t))
}

fn numbered(items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}、{}", i + 1, s.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The template's title and caption of a form, if the template has it.
fn form_titles(doc: &Document, kind: &TableKind) -> Option<(String, String, Option<String>)> {
    let m = &doc.meta;
    let spec = m.template.spec();
    let ts = spec.form(kind)?;
    let title = fill(&ts.title, &m.dept_name, m.year, m.entity, ts.number, "");
    let caption = ts.caption.as_deref().unwrap_or(&spec.table_caption);
    let caption = fill(caption, &m.dept_name, m.year, m.entity, ts.number, &title);
    Some((title, caption, ts.label.clone()))
}

/// The document as the forms print it: in the unit the tables print in
/// ([`crate::model::Meta::printed_unit`]), at 2 decimals, split by the 尾差
/// rule; its `meta.unit` is that unit, so the forms' headers say it.
fn form_copy(doc: &Document) -> std::borrow::Cow<'_, Document> {
    crate::derive::printed::printed(doc, doc.meta.printed_unit(), 2)
}

/// 附件3 部门整体支出绩效目标表 as the template captions it; the Excel
/// export writes the very same grids.
pub fn dept_performance_form(doc: &Document, out: &mut Vec<Block>) {
    let doc = &*form_copy(doc);
    if let Some((title, caption, label)) = form_titles(doc, &TableKind::DeptPerformance) {
        attachment3(doc, &caption, label.as_deref(), &title, out);
    }
}

/// 表10 项目支出绩效目标表 (one page per project) as the template captions
/// it; the Excel export writes the very same grids, a sheet per project.
pub fn project_performance_form(doc: &Document, out: &mut Vec<Block>) {
    let doc = &*form_copy(doc);
    if let Some((_, caption, _)) = form_titles(doc, &TableKind::ProjectPerformance) {
        table10(doc, &caption, out);
    }
}

fn attachment3(
    doc: &Document,
    caption: &str,
    label: Option<&str>,
    title: &str,
    out: &mut Vec<Block>,
) {
    let m = &doc.meta;
    let p = &doc.performance;
    out.push(Block::PageBreak);
    match label {
        Some(label) => {
            out.push(Block::Anchor {
                title: caption.into(),
                level: 0,
            });
            out.push(Block::text(label, TextStyle::heading1().indent(0.0)));
            out.push(Block::text(title, TextStyle::form_title()));
        }
        None => out.push(Block::heading(caption, TextStyle::form_title(), 0)),
    }

    let mut b = GridBuilder::new(vec![1.5, 1.0, 1.3, 1.2, 1.0, 1.2, 1.2]).font_size(FORM_SIZE);
    b.row(vec![
        CellSpec::new(format!("{}名称", m.entity.word())),
        CellSpec::new(m.full_name()).cols(6),
    ]);
    b.row(vec![
        CellSpec::new("填报人"),
        CellSpec::new(m.preparer.clone()).cols(2),
        CellSpec::new("联系电话").cols(2),
        CellSpec::new(m.phone.clone()).cols(2),
    ]);
    // 当年 figures and shares come from derive, like every other total.
    let cy = crate::derive::current_year(&crate::derive::totals(doc));
    let (fiscal, other, basic, project) = (
        cy.income_fiscal,
        cy.income_other,
        cy.spending_basic,
        cy.spending_project,
    );
    let (inc, spe) = (cy.income_shares, cy.spending_shares);
    let share = |v: Money, s: &crate::money::Percent| {
        if v.is_zero() {
            String::new()
        } else {
            s.display()
        }
    };
    let years = p.prior_years;
    let year_label = |i: usize| {
        let y = if years[i].year != 0 {
            years[i].year
        } else {
            m.year - 1 - i as i32
        };
        format!("{y}年")
    };
    b.row(vec![
        CellSpec::new(format!(
            "{}总体资金情况\n（{}）",
            m.entity.word(),
            m.unit.label()
        ))
        .rows(8),
        CellSpec::new("总体资金情况").span(2, 2),
        CellSpec::new("当年预算").rows(2),
        CellSpec::new("收支占比").rows(2),
        CellSpec::new("近两年收支情况").cols(2),
    ]);
    b.row(vec![
        CellSpec::new(year_label(0)),
        CellSpec::new(year_label(1)),
    ]);
    let money_row = |label: &str, cur: Money, share: String, a: Money, c: Money| {
        vec![
            CellSpec::new(label),
            CellSpec::new(plain(cur)).right(),
            CellSpec::new(share),
            CellSpec::new(plain(a)).right(),
            CellSpec::new(plain(c)).right(),
        ]
    };
    let mut r = vec![CellSpec::new("收入构成").rows(3)];
    r.extend(money_row(
        "财政拨款",
        fiscal,
        share(fiscal, &inc[0]),
        years[0].income_fiscal,
        years[1].income_fiscal,
    ));
    b.row(r);
    b.row(money_row(
        "其他资金",
        other,
        share(other, &inc[1]),
        years[0].income_other,
        years[1].income_other,
    ));
    b.row(money_row(
        "合计",
        fiscal + other,
        String::new(),
        years[0].income_total(),
        years[1].income_total(),
    ));
    let mut r = vec![CellSpec::new("支出构成").rows(3)];
    r.extend(money_row(
        "基本支出",
        basic,
        share(basic, &spe[0]),
        years[0].spending_basic,
        years[1].spending_basic,
    ));
    b.row(r);
    b.row(money_row(
        "项目支出",
        project,
        share(project, &spe[1]),
        years[0].spending_project,
        years[1].spending_project,
    ));
    b.row(money_row(
        "合计",
        basic + project,
        String::new(),
        years[0].spending_total(),
        years[1].spending_total(),
    ));
    let functions = if p.functions_summary.is_empty() {
        &doc.overview.functions
    } else {
        &p.functions_summary
    };
    b.row(vec![
        CellSpec::new(format!("{}职能概述", m.entity.word())),
        CellSpec::new(numbered(functions)).cols(6).left(),
    ]);
    b.row(vec![
        CellSpec::new("年度工作任务"),
        CellSpec::new(numbered(&p.annual_tasks)).cols(6).left(),
    ]);
    let goal_list = |goals: &[Goal]| {
        goals
            .iter()
            .enumerate()
            .map(|(i, g)| format!("目标{}：{}", i + 1, g.title))
            .collect::<Vec<_>>()
            .join("\n")
    };
    b.row(vec![
        CellSpec::new("整体绩效目标").rows(2),
        CellSpec::new("长期目标").cols(3),
        CellSpec::new("年度目标").cols(3),
    ]);
    b.row(vec![
        CellSpec::new(goal_list(&p.long_term_goals)).cols(3).left(),
        CellSpec::new(goal_list(&p.annual_goals)).cols(3).left(),
    ]);
    out.push(form(b.build()));

    for (i, g) in p.long_term_goals.iter().enumerate() {
        let mut b = GridBuilder::new(vec![1.0, 1.3, 1.8, 1.3, 1.3]).font_size(FORM_SIZE);
        b.header(vec![
            CellSpec::new(format!("长期目标{}：{}", i + 1, g.title))
                .cols(5)
                .left()
                .bold(),
        ]);
        b.header(vec![CellSpec::new("长期绩效指标").cols(5)]);
        b.header(
            ["一级指标", "二级指标", "指标名称", "指标值", "绩效标准"]
                .map(CellSpec::new)
                .to_vec(),
        );
        indicator_rows(&mut b, g.indicators.iter().map(|x| x.level1), |i| {
            let x = &g.indicators[i];
            vec![
                CellSpec::new(x.level2.clone()),
                CellSpec::new(x.name.clone()),
                CellSpec::new(x.value.to_string()),
                CellSpec::new(x.standard.clone()),
            ]
        });
        out.push(form(b.build()));
    }
    for (i, g) in p.annual_goals.iter().enumerate() {
        let mut b = GridBuilder::new(vec![1.0, 1.2, 1.6, 1.0, 1.0, 1.1, 1.1]).font_size(FORM_SIZE);
        b.header(vec![
            CellSpec::new(format!("年度目标{}：{}", i + 1, g.title))
                .cols(7)
                .left()
                .bold(),
        ]);
        b.header(vec![CellSpec::new("年度绩效指标").cols(7)]);
        b.header(vec![
            CellSpec::new("一级指标").rows(3),
            CellSpec::new("二级指标").rows(3),
            CellSpec::new("指标名称").rows(3),
            CellSpec::new("指标值").cols(3),
            CellSpec::new("绩效标准").rows(3),
        ]);
        b.header(vec![
            CellSpec::new("近两年指标值").cols(2),
            CellSpec::new("预期当年实现值").rows(2),
        ]);
        b.header(vec![
            CellSpec::new(year_label(0)),
            CellSpec::new(year_label(1)),
        ]);
        indicator_rows(&mut b, g.indicators.iter().map(|x| x.level1), |i| {
            let x = &g.indicators[i];
            vec![
                CellSpec::new(x.level2.clone()),
                CellSpec::new(x.name.clone()),
                CellSpec::new(x.prior[0].to_string()),
                CellSpec::new(x.prior[1].to_string()),
                CellSpec::new(x.value.to_string()),
                CellSpec::new(x.standard.clone()),
            ]
        });
        out.push(form(b.build()));
    }
    let note = TextStyle::note();
    out.push(Block::Space(6.0));
    out.push(Block::text(
        "备注：1.“整体绩效目标”：请结合部门职能、工作规划、项目支出投向等编报。",
        note,
    ));
    out.push(Block::text(
        "      2.“二级指标”中“产出指标”请选择填报数量、质量、时效、成本等指标；“效益指标”请选择填报社会效益、经济效益、生态效益、可持续发展影响、服务对象满意度等指标。",
        note,
    ));
    out.push(Block::text(
        "      3.“绩效标准”：设定绩效指标值时的依据或参考标准。",
        note,
    ));
}

/// Adds indicator rows, the 一级指标 cell merged down over consecutive rows
/// with the same 一级指标. `rest(i)` gives row `i`'s other cells.
fn indicator_rows(
    b: &mut GridBuilder,
    level1: impl Iterator<Item = Option<Level1>>,
    rest: impl Fn(usize) -> Vec<CellSpec>,
) {
    let levels: Vec<Option<Level1>> = level1.collect();
    let mut i = 0;
    while i < levels.len() {
        let run = levels[i..]
            .iter()
            .take_while(|l| **l == levels[i])
            .count()
            .max(1);
        for k in 0..run {
            let mut cells = Vec::new();
            if k == 0 {
                cells.push(CellSpec::new(levels[i].map(Level1::label).unwrap_or("")).rows(run));
            }
            cells.extend(rest(i + k));
            b.row(cells);
        }
        i += run;
    }
}

/// The prefix of the department name naming its region (`青山区` of
/// `青山区大数据中心`), for the 表10 form title.
// TODO(lead): a `Meta::region` field would be more reliable.
fn region(doc: &Document) -> String {
    let name = doc.meta.dept_name.as_str();
    name.char_indices()
        .take(8)
        .find(|(_, c)| matches!(c, '区' | '县' | '市' | '旗'))
        .map(|(i, c)| name[..i + c.len_utf8()].to_string())
        .unwrap_or_default()
}

fn table10(doc: &Document, caption: &str, out: &mut Vec<Block>) {
    let m = &doc.meta;
    out.push(Block::PageBreak);
    out.push(Block::heading(caption, TextStyle::form_title(), 0));
    if doc.projects.is_empty() {
        out.push(Block::text(
            format!("本{}本年度无项目支出。", m.entity.word()),
            TextStyle::body(),
        ));
        return;
    }
    let sum = |f: fn(&Project) -> Money| doc.projects.iter().map(f).sum::<Money>();
    let totals = (sum(Project::total), sum(|p| p.fiscal), sum(|p| p.other));
    for (i, p) in doc.projects.iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak);
        }
        out.push(Block::text(
            format!("{}部门预算部门专项(绩效目标)申报表", region(doc)),
            TextStyle::form_title().after(0.0),
        ));
        out.push(Block::text(
            format!("{}年度", m.year),
            TextStyle::note().aligned(HAlign::Center).after(4.0),
        ));
        out.push(form(project_sheet(doc, p, totals)));
        out.push(form(project_indicators(&p.indicators)));
    }
}

fn project_sheet(doc: &Document, p: &Project, totals: (Money, Money, Money)) -> Grid {
    let mut b = GridBuilder::new(vec![1.2, 1.2, 1.3, 1.0, 1.2, 1.3, 1.0]).font_size(FORM_SIZE);
    b.row(vec![
        CellSpec::new(format!("项目基本信息（{}年度）", doc.meta.year))
            .cols(7)
            .bold(),
    ]);
    b.row(vec![
        CellSpec::new("项目名称").cols(2),
        CellSpec::new(p.name.clone()).cols(5),
    ]);
    b.row(vec![
        CellSpec::new("主管部门及编码").cols(2),
        CellSpec::new(doc.meta.dept_code.clone()).cols(2),
        CellSpec::new("实施单位"),
        CellSpec::new(p.implementing_unit.clone()).cols(2),
    ]);
    b.row(vec![
        CellSpec::new("项目属性").cols(2),
        CellSpec::new(p.attribute.label()).cols(2),
        CellSpec::new("项目起止时间"),
        CellSpec::new(format!("{}-{}", p.start, p.end)).cols(2),
    ]);
    b.row(vec![
        CellSpec::new("项目资金").rows(3),
        CellSpec::new("资金总额"),
        CellSpec::new(plain(p.total())).cols(2).right(),
        CellSpec::new("当年资金总额"),
        CellSpec::new(plain(totals.0)).cols(2).right(),
    ]);
    b.row(vec![
        CellSpec::new("其中：财政拨款"),
        CellSpec::new(plain(p.fiscal)).cols(2).right(),
        CellSpec::new("其中：当年财政拨款"),
        CellSpec::new(plain(totals.1)).cols(2).right(),
    ]);
    b.row(vec![
        CellSpec::new("其他资金"),
        CellSpec::new(plain(p.other)).cols(2).right(),
        CellSpec::new("当年其他资金"),
        CellSpec::new(plain(totals.2)).cols(2).right(),
    ]);
    b.row(vec![
        CellSpec::new("总体目标").rows(2),
        CellSpec::new("中期目标").cols(3),
        CellSpec::new("年度目标").cols(3),
    ]);
    b.row(vec![
        CellSpec::new(p.midterm_goal.clone()).cols(3).left(),
        CellSpec::new(p.annual_goal.clone()).cols(3).left(),
    ]);
    b.build()
}

fn project_indicators(indicators: &[ProjectIndicator]) -> Grid {
    let mut b = GridBuilder::new(vec![1.2, 1.2, 1.3, 1.0, 1.2, 1.3, 1.0]).font_size(FORM_SIZE);
    b.header(vec![CellSpec::new("绩效项目指标表").cols(7).bold()]);
    b.header(
        [
            "一级指标",
            "二级指标\n（长期）",
            "三级指标\n（长期）",
            "指标值\n（长期）",
            "二级指标\n（年度）",
            "三级指标\n（年度）",
            "指标值\n（年度）",
        ]
        .map(CellSpec::new)
        .to_vec(),
    );
    let show = |v: &IndicatorValue| v.to_string();
    indicator_rows(&mut b, indicators.iter().map(|x| x.level1), |i| {
        let x = &indicators[i];
        vec![
            CellSpec::new(x.level2.clone()),
            CellSpec::new(x.name.clone()),
            CellSpec::new(show(&x.long_term)),
            CellSpec::new(x.level2.clone()),
            CellSpec::new(x.name.clone()),
            CellSpec::new(show(&x.annual)),
        ]
    });
    b.build()
}

fn narrative(heading: String, dept: &str, parts: &Parts, part: usize, out: &mut Vec<Block>) {
    part_title(heading, dept, out);
    for s in parts.narrative.iter().filter(|s| s.part == part) {
        out.push(Block::heading(s.heading.clone(), TextStyle::heading1(), 1));
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
