//! 附件3 and 表10, the performance forms, composed once for both writers:
//! every grid keeps, beside each placed cell, the amount that cell prints
//! (in the unit the forms print in), so the PDF lays out the text and the
//! xlsx writer writes the number, and nothing reads a figure back out of
//! printed text.

use crate::content::Parts;
use crate::derive::CurrentYear;
use crate::layout::{Block, CellSpec, Grid, GridBuilder, GridCell, HAlign, Orientation};
use crate::layout::{TableBlock, TextStyle};
use crate::model::{Document, IndicatorValue, Level1, Project, ProjectIndicator};
use crate::model::{Goal, MoneyUnit};
use crate::money::{Amount, Money};
use crate::template::{Form, Query, fill};

/// Form text size.
const FORM_SIZE: f32 = 10.5;

/// A form cell as composed: what it prints and, for an amount, the amount.
#[derive(Clone, Debug, PartialEq)]
pub struct FormCell {
    /// The cell as printed (an amount's text is its
    /// [`Money::display_blank_zero`], right-aligned).
    pub spec: CellSpec,
    /// The amount the cell prints, in the forms' unit; `None` for text.
    pub amount: Option<Amount>,
}

impl From<CellSpec> for FormCell {
    fn from(spec: CellSpec) -> Self {
        FormCell { spec, amount: None }
    }
}

impl FormCell {
    /// Spans `cols` columns.
    fn cols(mut self, cols: usize) -> Self {
        self.spec = self.spec.cols(cols);
        self
    }
}

/// An amount cell: printed with 2 decimals like the tables and the app
/// (`1037.60`, never `20` beside `112.34`), blank when zero, right-aligned.
fn amount(m: Money, unit: MoneyUnit) -> FormCell {
    FormCell {
        spec: CellSpec::new(m.display_blank_zero()).right(),
        amount: Some(Amount::of(m, unit)),
    }
}

/// One grid of a form: the grid as laid out, and the amount of each of its
/// placed cells.
#[derive(Clone, Debug, PartialEq)]
pub struct FormGrid {
    /// The grid the PDF draws.
    pub grid: Grid,
    /// `amounts[i]` is what `grid.cells[i]` prints, `None` for text.
    amounts: Vec<Option<Amount>>,
}

impl FormGrid {
    /// Each placed cell with the amount it prints (`None` for text).
    pub fn cells(&self) -> impl Iterator<Item = (&GridCell, Option<Amount>)> {
        self.grid.cells.iter().zip(self.amounts.iter().copied())
    }
}

/// [`GridBuilder`] for forms, keeping each placed cell's amount.
pub(crate) struct FormBuilder {
    grid: GridBuilder,
    amounts: Vec<Option<Amount>>,
}

impl FormBuilder {
    pub(crate) fn new(widths: Vec<f32>) -> Self {
        FormBuilder {
            grid: GridBuilder::new(widths).font_size(FORM_SIZE),
            amounts: Vec::new(),
        }
    }

    fn header<C: Into<FormCell>>(&mut self, cells: Vec<C>) {
        self.add(cells, true);
    }

    pub(crate) fn row<C: Into<FormCell>>(&mut self, cells: Vec<C>) {
        self.add(cells, false);
    }

    fn add<C: Into<FormCell>>(&mut self, cells: Vec<C>, header: bool) {
        let before = self.grid.placed();
        let (specs, amounts): (Vec<CellSpec>, Vec<Option<Amount>>) = cells
            .into_iter()
            .map(|c| {
                let c = c.into();
                (c.spec, c.amount)
            })
            .unzip();
        if header {
            self.grid.header(specs);
        } else {
            self.grid.row(specs);
        }
        // The builder places a row's cells in order and drops only those
        // past the last column, so the placed ones are the first.
        let placed = self.grid.placed() - before;
        self.amounts.extend(amounts.into_iter().take(placed));
    }

    pub(crate) fn build(self) -> FormGrid {
        FormGrid {
            grid: self.grid.build(),
            amounts: self.amounts,
        }
    }
}

/// A piece of a composed form, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum FormPart {
    /// Printed as it is: a page break, a title, a note, an outline anchor.
    Block(Block),
    /// One of the form's grids, set portrait whatever its column count and
    /// stacked edge to edge.
    Grid(FormGrid),
}

impl FormPart {
    /// The part as the PDF lays it out.
    pub fn to_block(&self) -> Block {
        match self {
            FormPart::Block(b) => b.clone(),
            FormPart::Grid(g) => {
                let mut t = TableBlock::new(g.grid.clone());
                t.orientation = Some(Orientation::Portrait);
                Block::Table(Box::new(t))
            }
        }
    }
}

/// The forms the document's template prints, composed from one printed copy
/// of the document; a form the template lacks is empty.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Forms {
    /// 附件3 部门整体支出绩效目标表 (a page).
    pub dept: Vec<FormPart>,
    /// 表10 项目支出绩效目标表, each project on a page of its own.
    pub projects: Vec<FormPart>,
    /// The template lists the project form before the 部门整体 one (北京,
    /// 四川).
    pub projects_first: bool,
}

impl Forms {
    /// Both forms as the PDF lays them out, in the template's order.
    pub fn blocks(&self) -> Vec<Block> {
        let (first, second) = if self.projects_first {
            (&self.projects, &self.dept)
        } else {
            (&self.dept, &self.projects)
        };
        first.iter().chain(second).map(FormPart::to_block).collect()
    }
}

/// 附件3 and 表10 as the template captions them, in the unit the tables
/// print in; the PDF prints them ([`Forms::blocks`]) and the xlsx writer
/// writes the very same grids, a sheet per page.
pub fn forms(doc: &Document, parts: &Parts) -> Forms {
    let doc = parts.form_document(doc);
    let spec = doc.meta.template.spec();
    let at = |kind| {
        spec.tables
            .iter()
            .position(|t| t.query == Query::Form(kind))
    };
    let mut f = Forms {
        projects_first: matches!(
            (at(Form::DeptPerformance), at(Form::ProjectPerformance)),
            (Some(dept), Some(projects)) if projects < dept
        ),
        ..Forms::default()
    };
    if let Some((title, caption, label)) = form_titles(doc, Form::DeptPerformance) {
        let cy = &parts.form_year;
        attachment3(doc, cy, &caption, label.as_deref(), &title, &mut f.dept);
    }
    if let Some((title, caption, label)) = form_titles(doc, Form::ProjectPerformance) {
        table10(doc, &caption, label.as_deref(), &title, &mut f.projects);
    }
    f
}

/// A form's heading: its caption in the 目录 and bookmarks, printed as is,
/// or, where the template gives a `label` (`附件3：`), the label on a line
/// of its own above the form's title.
fn heading_blocks(caption: &str, label: Option<&str>, title: &str) -> Vec<Block> {
    match label {
        Some(label) => vec![
            Block::Anchor {
                title: caption.into(),
                level: 0,
            },
            Block::text(label, TextStyle::heading1().indent(0.0)),
            Block::text(title, TextStyle::form_title()),
        ],
        None => vec![Block::heading(caption, TextStyle::form_title(), 0)],
    }
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
fn form_titles(doc: &Document, kind: Form) -> Option<(String, String, Option<String>)> {
    let m = &doc.meta;
    let spec = m.template.spec();
    let ts = spec.form(kind)?;
    let title = fill(&ts.title, &m.dept_name, m.year, m.entity, ts.number, "");
    let caption = ts.caption.as_deref().unwrap_or(&spec.table_caption);
    let caption = fill(caption, &m.dept_name, m.year, m.entity, ts.number, &title);
    Some((title, caption, ts.label.clone()))
}

fn attachment3(
    doc: &Document,
    cy: &CurrentYear,
    caption: &str,
    label: Option<&str>,
    title: &str,
    out: &mut Vec<FormPart>,
) {
    let m = &doc.meta;
    let money = |v: Money| amount(v, m.unit);
    let p = &doc.performance;
    let mut push = |b: Block| out.push(FormPart::Block(b));
    push(Block::PageBreak);
    for b in heading_blocks(caption, label, title) {
        push(b);
    }

    let mut b = FormBuilder::new(vec![1.5, 1.0, 1.3, 1.2, 1.0, 1.2, 1.2]);
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
            FormCell::from(CellSpec::new(label)),
            money(cur),
            CellSpec::new(share).into(),
            money(a),
            money(c),
        ]
    };
    let mut r = vec![FormCell::from(CellSpec::new("收入构成").rows(3))];
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
    let mut r = vec![FormCell::from(CellSpec::new("支出构成").rows(3))];
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
    out.push(FormPart::Grid(b.build()));

    for (i, g) in p.long_term_goals.iter().enumerate() {
        let mut b = FormBuilder::new(vec![1.0, 1.3, 1.8, 1.3, 1.3]);
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
        out.push(FormPart::Grid(b.build()));
    }
    for (i, g) in p.annual_goals.iter().enumerate() {
        let mut b = FormBuilder::new(vec![1.0, 1.2, 1.6, 1.0, 1.0, 1.1, 1.1]);
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
        out.push(FormPart::Grid(b.build()));
    }
    let note = TextStyle::note();
    out.push(FormPart::Block(Block::Space(6.0)));
    for line in [
        "备注：1.“整体绩效目标”：请结合部门职能、工作规划、项目支出投向等编报。",
        "      2.“二级指标”中“产出指标”请选择填报数量、质量、时效、成本等指标；“效益指标”请选择填报社会效益、经济效益、生态效益、可持续发展影响、服务对象满意度等指标。",
        "      3.“绩效标准”：设定绩效指标值时的依据或参考标准。",
    ] {
        out.push(FormPart::Block(Block::text(line, note)));
    }
}

/// Adds indicator rows, the 一级指标 cell merged down over consecutive rows
/// with the same 一级指标. `rest(i)` gives row `i`'s other cells.
fn indicator_rows(
    b: &mut FormBuilder,
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

fn table10(
    doc: &Document,
    caption: &str,
    label: Option<&str>,
    title: &str,
    out: &mut Vec<FormPart>,
) {
    let m = &doc.meta;
    out.push(FormPart::Block(Block::PageBreak));
    out.extend(
        heading_blocks(caption, label, title)
            .into_iter()
            .map(FormPart::Block),
    );
    if doc.projects.is_empty() {
        out.push(FormPart::Block(Block::text(
            format!("本{}本年度无项目支出。", m.entity.word()),
            TextStyle::body(),
        )));
        return;
    }
    let sum = |f: fn(&Project) -> Money| doc.projects.iter().map(f).sum::<Money>();
    let totals = (
        sum(Project::total),
        sum(Project::fiscal),
        sum(Project::other),
    );
    for (i, p) in doc.projects.iter().enumerate() {
        if i > 0 {
            out.push(FormPart::Block(Block::PageBreak));
        }
        out.push(FormPart::Block(Block::text(
            format!("{}部门预算部门专项(绩效目标)申报表", region(doc)),
            TextStyle::form_title().after(0.0),
        )));
        out.push(FormPart::Block(Block::text(
            format!("{}年度", m.year),
            TextStyle::note().aligned(HAlign::Center).after(4.0),
        )));
        out.push(FormPart::Grid(project_sheet(doc, p, totals)));
        out.push(FormPart::Grid(project_indicators(&p.indicators)));
    }
}

fn project_sheet(doc: &Document, p: &Project, totals: (Money, Money, Money)) -> FormGrid {
    let money = |v: Money| amount(v, doc.meta.unit);
    let mut b = FormBuilder::new(vec![1.2, 1.2, 1.3, 1.0, 1.2, 1.3, 1.0]);
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
        FormCell::from(CellSpec::new("项目资金").rows(3)),
        CellSpec::new("资金总额").into(),
        money(p.total()).cols(2),
        CellSpec::new("当年资金总额").into(),
        money(totals.0).cols(2),
    ]);
    b.row(vec![
        FormCell::from(CellSpec::new("其中：财政拨款")),
        money(p.fiscal()).cols(2),
        CellSpec::new("其中：当年财政拨款").into(),
        money(totals.1).cols(2),
    ]);
    b.row(vec![
        FormCell::from(CellSpec::new("其他资金")),
        money(p.other()).cols(2),
        CellSpec::new("当年其他资金").into(),
        money(totals.2).cols(2),
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

fn project_indicators(indicators: &[ProjectIndicator]) -> FormGrid {
    let mut b = FormBuilder::new(vec![1.2, 1.2, 1.3, 1.0, 1.2, 1.3, 1.0]);
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
