//! Starting a document (新建 in the app, `yusuan new --dept` on the command
//! line): one place decides the defaults, and they follow the template (a
//! 上海 document is entered in 元, a 武汉 one in 万元) and the budget year
//! (附件3's 近两年 rows are the two years before it).

use crate::catalog::Catalog;
use crate::model::{Document, Entity, MoneyUnit};
use crate::template::Template;

/// What 新建 asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDocument {
    /// 部门（单位）名称.
    pub dept: String,
    /// 预算年度.
    pub year: i32,
    /// 模板.
    pub template: Template,
    /// 部门预算 or 单位预算.
    pub entity: Entity,
    /// 金额单位; `None` = the template's ([`NewDocument::unit`]).
    pub unit: Option<MoneyUnit>,
}

impl NewDocument {
    /// The defaults for a budget of `year`: the default template, a
    /// 部门预算, the template's unit.
    pub fn for_year(year: i32) -> NewDocument {
        NewDocument {
            dept: String::new(),
            year,
            template: Template::default(),
            entity: Entity::Department,
            unit: None,
        }
    }

    /// The unit the document will be entered in.
    pub fn unit(&self) -> MoneyUnit {
        self.unit.unwrap_or(self.template.spec().entry_unit)
    }

    /// The new, empty document, recording `catalog` (the 科目表 nearest its
    /// year, `yusuan_files::catalogs::nearest`) as the one it is checked
    /// against.
    pub fn build(&self, catalog: &Catalog) -> Document {
        let mut doc = Document::blank(self.dept.trim(), self.year);
        doc.meta.template = self.template.stamped();
        doc.meta.unit = self.unit();
        doc.meta.entity = self.entity;
        doc.meta.catalog = Some(crate::rollover::catalog_ref(catalog));
        doc
    }
}

/// True while no figure has been entered (no 收支预算 amount, no 经济分类
/// row, no project): the unit may still follow the template.
pub fn has_no_figures(doc: &Document) -> bool {
    doc.budget_lines.iter().all(|l| l.amounts.is_empty())
        && doc.basic_by_economic.is_empty()
        && doc.projects.is_empty()
}

/// Makes `doc` print in `template` (the app's 模板 choice, `yusuan template
/// use`). Before any figure is entered the unit follows the template as
/// 新建's does; afterwards it is the user's and stays. Returns whether the
/// unit changed.
pub fn switch_template(doc: &mut Document, template: &Template) -> bool {
    let follow = doc.meta.unit == doc.meta.template.spec().entry_unit && has_no_figures(doc);
    let m = &mut doc.meta;
    let unit = template.spec().entry_unit;
    let changed = follow && m.unit != unit;
    if follow {
        m.unit = unit;
    }
    m.template = template.stamped();
    changed
}

/// The year a budget prepared now is for: next year (budgets are prepared
/// in the autumn and winter before their year), by 北京时间.
pub fn budget_year_now() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let (year, ..) = crate::comments::civil(secs.saturating_add(8 * 3600));
    i32::try_from(year + 1).unwrap_or(2027)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_template_and_the_year() {
        let mut n = NewDocument::for_year(2027);
        n.dept = " 某局 ".into();
        assert_eq!(n.unit(), MoneyUnit::WanYuan);
        n.template = Template::Shanghai2025;
        assert_eq!(n.unit(), MoneyUnit::Yuan);
        let catalog = Catalog::for_year(2027).unwrap();
        let d = n.build(&catalog);
        assert_eq!(d.meta.catalog, Some(crate::rollover::catalog_ref(&catalog)));
        assert_eq!(d.meta.dept_name, "某局");
        assert_eq!(d.meta.unit, MoneyUnit::Yuan);
        assert_eq!(d.meta.template, Template::Shanghai2025);
        let years: Vec<i32> = d.performance.prior_years.iter().map(|p| p.year).collect();
        assert_eq!(years, [2026, 2025]);
        n.unit = Some(MoneyUnit::WanYuan);
        assert_eq!(n.build(&catalog).meta.unit, MoneyUnit::WanYuan);
        assert!(budget_year_now() >= 2027);
    }
}
