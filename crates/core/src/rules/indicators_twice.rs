//! X06: an indicator stated in 附件3 (部门整体支出绩效目标) and in a
//! project's 表10 (项目支出绩效目标表) states the same 指标值: an 年度目标's
//! value equals the project's 年度 value, a 长期目标's its 长期 value.
//!
//! Matched by 一级指标 and 三级指标 name; only a name that exactly one
//! project indicator carries is compared (a name several projects share,
//! such as 满意度, may sum or summarise them in 附件3, and which one it
//! repeats is not said).

use super::{Finding, Rule};
use crate::location::{Field, GoalTerm, IndicatorColumn, Location, Sheet};
use crate::model::{Document, IndicatorValue, Level1, ProjectIndicator};
use crate::template::Printed;
use std::collections::BTreeMap;

/// The project (by name) and its indicator carrying a name.
type Carrier<'a> = (&'a str, &'a ProjectIndicator);

/// X06 over every 附件3 indicator whose name one project indicator carries.
pub(crate) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let spec = doc.meta.template.spec();
    if !(spec.prints(Printed::DeptPerformance) && spec.prints(Printed::ProjectPerformance)) {
        return;
    }
    let (dept, projects) = (super::dept_form(doc), super::project_form(doc));
    // (一级指标, name) → the one project indicator carrying it, or None
    // when several do.
    let mut once: BTreeMap<(Option<Level1>, &str), Option<Carrier<'_>>> = BTreeMap::new();
    for p in &doc.projects {
        for x in &p.indicators {
            let key = (x.level1, x.name.trim());
            if key.1.is_empty() {
                continue;
            }
            once.entry(key)
                .and_modify(|e| *e = None)
                .or_insert(Some((p.name.trim(), x)));
        }
    }
    for (term, goals) in [
        (GoalTerm::LongTerm, &doc.performance.long_term_goals),
        (GoalTerm::Annual, &doc.performance.annual_goals),
    ] {
        for (g, goal) in goals.iter().enumerate() {
            for (r, x) in goal.indicators.iter().enumerate() {
                let Some(Some((project, px))) = once.get(&(x.level1, x.name.trim())) else {
                    continue;
                };
                let (theirs, column) = match term {
                    GoalTerm::LongTerm => (&px.long_term, "长期指标值"),
                    GoalTerm::Annual => (&px.annual, "年度指标值"),
                };
                if is_blank(&x.value) || is_blank(theirs) || same(&x.value, theirs) {
                    continue;
                }
                let list = match term {
                    GoalTerm::LongTerm => "长期目标",
                    GoalTerm::Annual => "年度目标",
                };
                out.push(Finding::new(
                    Rule::X06,
                    format!(
                        "{dept} {list}“{}” 指标“{}”为 {}，{projects} 项目“{project}”的{column}为 {theirs}",
                        goal.title.trim(),
                        x.name.trim(),
                        x.value
                    ),
                    Location::cell(
                        Sheet::Performance,
                        r,
                        Field::Indicator {
                            goal: Some((term, g)),
                            column: IndicatorColumn::Value,
                        },
                    ),
                ));
            }
        }
    }
}

/// Nothing entered.
pub(super) fn is_blank(v: &IndicatorValue) -> bool {
    matches!(v, IndicatorValue::Text(s) if s.trim().is_empty())
}

/// The same value: the same comparator, number (`240` = `240.0`) and unit,
/// or the same text.
pub(super) fn same(a: &IndicatorValue, b: &IndicatorValue) -> bool {
    match (a, b) {
        (
            IndicatorValue::Numeric { cmp, value, unit },
            IndicatorValue::Numeric {
                cmp: c2,
                value: v2,
                unit: u2,
            },
        ) => cmp == c2 && value == v2 && unit.trim() == u2.trim(),
        (IndicatorValue::Text(x), IndicatorValue::Text(y)) => x.trim() == y.trim(),
        _ => a.to_string().trim() == b.to_string().trim(),
    }
}
