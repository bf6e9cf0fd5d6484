//! The pages of the side panel: one list, built from the document, that
//! the side panel draws and the tests walk (as egui_demo_app keeps one list
//! of its apps).

use crate::derive::table::Table;
use crate::location::Sheet;
use crate::model::Document;
use crate::rules::purchases_in;
use crate::template::{Form, Printed};

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// 汇总: totals, shares, change and a chart.
    Summary,
    /// A sheet of the document (entry sheets and the table previews).
    Sheet(Sheet),
}

impl Page {
    /// Name shown in the side panel and the heading: the 部门整体 form as
    /// `doc`'s template numbers and titles it.
    pub fn label(self, doc: &Document) -> String {
        match self {
            Page::Summary => "汇总".into(),
            Page::Sheet(Sheet::Performance) => {
                dept_form_heading(doc).unwrap_or_else(|| Sheet::Performance.label())
            }
            // As the template numbers it (四川's 公开表2-1).
            Page::Sheet(Sheet::Table(n)) => doc.meta.template.spec().table_name(n),
            Page::Sheet(s) => s.label(),
        }
    }
}

/// `表9 整体支出绩效目标表` (湖南 2025), `附件3 部门整体支出绩效目标申报表`
/// (武汉 2021); `None` where the template does not print the form.
fn dept_form_heading(doc: &Document) -> Option<String> {
    doc.meta
        .template
        .spec()
        .form_heading(Form::DeptPerformance, &doc.meta)
}

/// The part of the side panel a page is listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageGroup {
    /// 汇总, on its own.
    Summary,
    /// Entry sheets before the projects.
    Entry,
    /// One page per project, under 项目.
    Projects,
    /// Entry sheets after the projects.
    Later,
    /// The read-only previews of the published tables (公开表).
    Tables,
}

/// One line of the side panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageEntry {
    /// The page.
    pub page: Page,
    /// What the side panel shows (a project's name, a table's title).
    pub label: String,
    /// Where it is listed.
    pub group: PageGroup,
}

/// Every page of `doc`, in side-panel order: 汇总, the entry sheets, the
/// projects, the later sheets (the 部门整体 form only where the template
/// prints it), then the previews of `tables` (the template's published
/// tables).
pub fn pages(doc: &Document, tables: &[Table]) -> Vec<PageEntry> {
    let entry = |page: Page, label: String, group| PageEntry { page, label, group };
    let sheet = |s: Sheet, group| entry(Page::Sheet(s), Page::Sheet(s).label(doc), group);
    let mut out = vec![entry(
        Page::Summary,
        Page::Summary.label(doc),
        PageGroup::Summary,
    )];
    out.extend(ENTRY_SHEETS.map(|s| sheet(s, PageGroup::Entry)));
    out.extend(doc.projects.iter().enumerate().map(|(i, p)| {
        let label = if p.name.trim().is_empty() {
            Sheet::Project(i).label()
        } else {
            p.name.clone()
        };
        entry(Page::Sheet(Sheet::Project(i)), label, PageGroup::Projects)
    }));
    // A sheet only for what the template prints (上海 2025 has no 部门整体
    // form), named by the template's number and title (湖南 2025's 表9).
    let spec = doc.meta.template.spec();
    out.extend(
        LATER_SHEETS
            .into_iter()
            .filter(|s| *s != Sheet::Performance || spec.prints(Printed::DeptPerformance))
            .filter(|s| purchases_in(*s).is_none_or(|p| spec.prints_purchases(p)))
            .filter(|s| *s != Sheet::FiscalByEconomic || spec.prints_split())
            .map(|s| sheet(s, PageGroup::Later)),
    );
    out.extend(tables.iter().map(|t| {
        entry(
            Page::Sheet(Sheet::Table(t.number)),
            format!("{} {}", spec.table_name(t.number), t.title),
            PageGroup::Tables,
        )
    }));
    out
}

/// The entry sheets in published order, before the projects.
pub(crate) const ENTRY_SHEETS: [Sheet; 5] = [
    Sheet::Meta,
    Sheet::Overview,
    Sheet::Budget,
    Sheet::Economic,
    Sheet::ThreePublic,
];

/// The sheets after the projects, in published order.
pub(crate) const LATER_SHEETS: [Sheet; 7] = [
    Sheet::FiscalByEconomic,
    Sheet::Performance,
    Sheet::Procurement,
    Sheet::PurchasedServices,
    Sheet::Other,
    Sheet::Narrative,
    Sheet::Glossary,
];
