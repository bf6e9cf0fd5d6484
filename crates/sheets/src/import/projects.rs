//! A 项目支出表 read into the document's projects: the table yusuan's xlsx
//! export prints from a template's `Projects` query (北京 项目支出表,
//! 武汉 2022, 天津, 河南, 贵州), or the platform's project list of the same
//! shape, found by its header text.
//!
//! The header names the project (项目名称) and states its money: by 资金来源
//! (一般公共预算拨款 …), or as 财政拨款 / 其他资金 (单位资金), or only a
//! 合计. A project is found in the document by its 项目编码, else by its
//! name; one the document lacks is added (goals and indicators left for the
//! 填报人), one the sheet lacks is left as it is and the preview names it.
//!
//! A column that sums several sources (财政拨款, 其他资金, a lone 合计)
//! cannot say which source: where it equals what the project already holds
//! from those sources, the project's split is kept (so a workbook exported
//! by yusuan imports back unchanged); otherwise the figure goes to the
//! source older files read it as ([`Project::LEGACY_FISCAL`],
//! [`Project::LEGACY_OTHER`]; 一般公共预算拨款 for a lone 合计) and the
//! preview says so. Amounts are in the unit the sheet states, converted to
//! the document's unit.

use super::{
    Check, ColumnMap, ColumnMeaning, Ctx, ImportError, RowRead, SheetPlan, Target, stored,
};
use crate::model::{Document, FundSource, Project};
use crate::money::{Amount, Money, Stated};
use crate::sheet::{self, Sheet, cell_ref};
use rust_decimal::Decimal;

/// Headers of the project's name column.
const NAME: [&str; 2] = ["项目名称", "项目全称"];
/// Headers of the 项目编码 column.
const CODE: [&str; 3] = ["项目编码", "项目代码", "项目编号"];
/// Headers of the 实施单位 column.
const UNIT: [&str; 3] = ["实施单位", "单位名称", "预算单位"];
/// Headers that would make the sheet a purchases table or a 科目 table.
const NOT_PROJECTS: [&str; 4] = ["采购类型", "指导性目录", "科目编码", "功能科目编码"];
/// Header rows searched from the top.
const HEADER_ROWS: usize = 12;

/// What a money column of a 项目支出表 holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Funds {
    /// One 资金来源.
    Source(FundSource),
    /// The 财政拨款 sources together.
    Fiscal,
    /// Every other source together (其他资金, 单位资金).
    Other,
    /// The project's 资金总额: a check where sources are given, else its
    /// only figure.
    Total,
}

impl Funds {
    /// The column a header names.
    fn of(header: &str) -> Option<Funds> {
        if let Some(s) = FundSource::ALL.into_iter().find(|s| s.label() == header) {
            return Some(Funds::Source(s));
        }
        Some(match header {
            "一般公共预算" | "一般公共预算资金" => {
                Funds::Source(FundSource::GeneralBudget)
            }
            "政府性基金" | "政府性基金预算" => Funds::Source(FundSource::GovFund),
            "国有资本经营预算" => Funds::Source(FundSource::StateCapital),
            "财政专户" => Funds::Source(FundSource::FiscalSpecialAccount),
            "财政拨款" | "财政拨款资金" => Funds::Fiscal,
            "其他资金" | "单位资金" | "其他来源" => Funds::Other,
            "合计" | "资金总额" | "项目金额" | "金额" | "预算数" | "项目资金" => {
                Funds::Total
            }
            _ => return None,
        })
    }

    /// The label a figure of this column carries (read back by [`apply`]).
    fn label(self) -> &'static str {
        match self {
            Funds::Source(s) => s.label(),
            Funds::Fiscal => "财政拨款",
            Funds::Other => "其他资金",
            Funds::Total => "合计",
        }
    }

    fn of_label(label: &str) -> Option<Funds> {
        [Funds::Fiscal, Funds::Other, Funds::Total]
            .into_iter()
            .chain(FundSource::ALL.map(Funds::Source))
            .find(|m| m.label() == label)
    }

    /// The sources the column covers.
    fn covers(self, s: FundSource) -> bool {
        match self {
            Funds::Source(x) => x == s,
            Funds::Fiscal => s.is_fiscal(),
            Funds::Other => !s.is_fiscal(),
            Funds::Total => true,
        }
    }

    /// Where its figure goes when the project's split cannot be kept.
    fn default_source(self) -> FundSource {
        match self {
            Funds::Source(s) => s,
            Funds::Fiscal | Funds::Total => Project::LEGACY_FISCAL,
            Funds::Other => Project::LEGACY_OTHER,
        }
    }
}

/// The columns of a 项目支出表 header.
struct Columns {
    row: usize,
    name: usize,
    code: Option<usize>,
    unit: Option<usize>,
    /// Money columns, left to right (a 合计 among sources is a check).
    money: Vec<(usize, Funds)>,
}

fn header(s: &Sheet) -> Option<Columns> {
    let heads = |r: usize| -> Vec<String> {
        s.rows.get(r).map_or_else(Vec::new, |cells| {
            (0..cells.len())
                .map(|c| sheet::header(s.get(r, c)))
                .collect()
        })
    };
    (0..HEADER_ROWS.min(s.rows.len())).find_map(|row| {
        let here = heads(row);
        let at = |names: &[&str]| here.iter().position(|h| names.contains(&h.as_str()));
        let name = at(&NAME)?;
        if at(&NOT_PROJECTS).is_some() {
            return None;
        }
        let (code, unit) = (at(&CODE), at(&UNIT));
        let labels = [Some(name), code, unit];
        let money_in = |hs: &[String]| -> Vec<(usize, Funds)> {
            hs.iter()
                .enumerate()
                .filter(|(c, _)| !labels.contains(&Some(*c)))
                .filter_map(|(c, h)| Some((c, Funds::of(h)?)))
                .collect()
        };
        // Sources may stand one row down, under a 资金来源 band.
        let mut money = money_in(&heads(row + 1));
        let last = if money.is_empty() { row } else { row + 1 };
        money.extend(money_in(&here));
        // A band's cell and the column under it: the lower header wins.
        money.sort_by_key(|(c, _)| *c);
        money.dedup_by_key(|(c, _)| *c);
        (!money.is_empty()).then_some(Columns {
            row: last,
            name,
            code,
            unit,
            money,
        })
    })
}

/// The sheet as a 项目支出表, if its header is one.
pub fn recognise(s: &Sheet, ctx: &Ctx) -> Result<Option<SheetPlan>, ImportError> {
    let Some(cols) = header(s) else {
        return Ok(None);
    };
    let (unit, unit_source) = ctx.sheet_unit(s, cols.row + 1)?;
    let fixed = [
        (Some(cols.name), "项目名称".to_string()),
        (cols.code, "项目编码".into()),
        (cols.unit, "实施单位".into()),
    ];
    let columns = fixed
        .into_iter()
        .filter_map(|(c, m)| Some((c?, m)))
        .chain(cols.money.iter().map(|(c, m)| (*c, m.label().to_string())))
        .map(|(c, meaning)| ColumnMap {
            cell: cell_ref(cols.row, c),
            header: sheet::text(s.get(cols.row, c)),
            meaning,
            recognised: ColumnMeaning::Ignore,
            chosen: None,
        })
        .collect();
    // A 合计 beside sources is a check of them; alone it is the figure.
    let sources_given = cols.money.iter().any(|(_, m)| *m != Funds::Total);
    let mut rows: Vec<RowRead> = Vec::new();
    let mut skipped = Vec::new();
    let mut checks: Vec<Check> = Vec::new();
    let mut total_rows = Vec::new();
    for r in cols.row + 1..s.rows.len() {
        let name = sheet::text(s.get(r, cols.name)).trim().to_string();
        let mut stated = Vec::new();
        for (c, m) in &cols.money {
            let st: Option<Stated> =
                sheet::amount(s.get(r, *c)).map_err(|e| ImportError::Cell {
                    sheet: s.name.clone(),
                    cell: cell_ref(r, *c),
                    reason: e.to_string(),
                })?;
            stated.push((*c, *m, st));
        }
        // 合计 may stand in any label column (the platform puts it first).
        let is_total = [Some(cols.name), cols.code, cols.unit]
            .into_iter()
            .flatten()
            .any(|c| sheet::text(s.get(r, c)).replace(char::is_whitespace, "") == "合计");
        if name.is_empty() && !is_total {
            if stated.iter().any(|(_, _, st)| st.is_some()) {
                skipped.push((r + 1, "没有项目名称".to_string()));
            }
            continue;
        }
        if sheet::is_note(&name) {
            skipped.push((r + 1, "表下的说明".to_string()));
            continue;
        }
        // A blank money cell of a project's row is a zero, as printed.
        let mut figures = Vec::new();
        let mut total = None;
        for (c, m, st) in stated {
            let st = st.unwrap_or(Stated {
                value: Decimal::ZERO,
                suffix: None,
            });
            let f = ctx.figure(s, r, c, m.label().to_string(), st, unit)?;
            if m == Funds::Total && sources_given {
                total = Some(f);
            } else {
                figures.push(f);
            }
        }
        if is_total {
            let f = if sources_given {
                total
            } else {
                figures.into_iter().next()
            };
            total_rows.extend(f.map(|f| (r, f)));
            continue;
        }
        if let Some(f) = &total {
            let sum: Decimal = figures.iter().map(|f| f.document.value).sum();
            checks.push(super::detail::check(
                s,
                r,
                f,
                format!("“{name}”合计"),
                Amount::new(sum, ctx.doc),
            ));
        }
        rows.push(RowRead {
            row: r + 1,
            code: cols
                .code
                .map(|c| sheet::text(s.get(r, c)).trim().to_string())
                .unwrap_or_default(),
            name,
            detail: cols
                .unit
                .map(|c| sheet::text(s.get(r, c)).trim().to_string())
                .unwrap_or_default(),
            amounts: figures,
        });
    }
    let all: Decimal = rows
        .iter()
        .flat_map(|x| &x.amounts)
        .map(|f| f.document.value)
        .sum();
    for (r, f) in total_rows {
        checks.push(super::detail::check(
            s,
            r,
            &f,
            "合计".into(),
            Amount::new(all, ctx.doc),
        ));
    }
    let mut notes = vec![
        format!("表头在第{}行", cols.row + 1),
        "按项目编码（没有编码时按项目名称）更新各项目的资金；文档中没有的项目新增，表中没有的项目不变".to_string(),
    ];
    notes.extend(repeated_codes(&rows));
    Ok(Some(SheetPlan {
        sheet: s.name.clone(),
        target: Target::Projects,
        unit,
        hidden: s.hidden,
        unit_source,
        columns,
        rows,
        skipped,
        lost: Vec::new(),
        checks,
        notes,
        first_rows: Vec::new(),
        assumed_source: false,
        refused: None,
    }))
}

/// A 项目编码 on more than one row: each row stays a project of its own
/// (their money is not summed into one), and the preview says so.
fn repeated_codes(rows: &[RowRead]) -> Vec<String> {
    let mut at: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for r in rows.iter().filter(|r| !r.code.is_empty()) {
        at.entry(r.code.as_str()).or_default().push(r.row);
    }
    at.into_iter()
        .filter(|(_, rows)| rows.len() > 1)
        .map(|(code, rows)| {
            let rows: Vec<String> = rows.iter().map(|r| format!("第{r}行")).collect();
            format!(
                "项目编码 {code} 在{}重复出现：各行分别导入为一个项目，审核 R05 会指出编码重复",
                rows.join("、")
            )
        })
        .collect()
}

/// The amounts by source a row gives `p` (its amounts before).
/// `printed`: `before` is the document's project, which the sheet may state
/// as printed ([`states`]); a new project takes the figures as they are.
fn amounts_of(
    r: &RowRead,
    before: &Project,
    round: bool,
    printed: bool,
    notes: &mut Vec<String>,
) -> Project {
    let mut p = before.clone();
    for f in &r.amounts {
        let Some(m) = Funds::of_label(&f.what) else {
            continue;
        };
        let value = stored(f, round);
        let held: Money = FundSource::ALL
            .into_iter()
            .filter(|s| m.covers(*s))
            .map(|s| before.amount(s))
            .sum();
        if held == value || (printed && super::states(f, held)) {
            // The sheet states what the project holds, to its precision.
            continue;
        }
        if let Funds::Source(s) = m {
            p.set_amount(s, value);
        } else {
            for s in FundSource::ALL.into_iter().filter(|s| m.covers(*s)) {
                p.set_amount(s, Money::ZERO);
            }
            p.set_amount(m.default_source(), value);
            notes.push(format!(
                "第{}行“{}”的{} {} 不分资金来源，按{}导入",
                r.row,
                r.name,
                m.label(),
                value,
                m.default_source().label()
            ));
        }
    }
    p
}

/// Updates the document's projects from the sheet's rows.
pub fn apply(p: &SheetPlan, doc: &mut Document, changes: &mut Vec<String>, round: bool) {
    let mut taken = vec![false; doc.projects.len()];
    let mut added = Vec::new();
    let mut updated = Vec::new();
    let mut notes = Vec::new();
    for r in &p.rows {
        let by_code = (!r.code.is_empty())
            .then(|| (0..doc.projects.len()).find(|&i| !taken[i] && doc.projects[i].code == r.code))
            .flatten();
        let found = by_code.or_else(|| {
            (0..doc.projects.len()).find(|&i| !taken[i] && doc.projects[i].name.trim() == r.name)
        });
        match found {
            Some(i) => {
                taken[i] = true;
                let mut next = amounts_of(r, &doc.projects[i], round, true, &mut notes);
                if !r.detail.is_empty() {
                    next.implementing_unit = r.detail.clone();
                }
                if next != doc.projects[i] {
                    updated.push(r.name.clone());
                    doc.projects[i] = next;
                }
            }
            None => {
                let fresh = Project {
                    code: r.code.clone(),
                    name: r.name.clone(),
                    implementing_unit: r.detail.clone(),
                    ..Default::default()
                };
                let next = amounts_of(r, &fresh, round, false, &mut notes);
                added.push(r.name.clone());
                doc.projects.push(next);
                taken.push(true);
            }
        }
    }
    doc.assign_project_codes();
    let untouched: Vec<String> = doc
        .projects
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(p, _)| format!("“{}”", p.name.trim()))
        .collect();
    let list = |v: &[String]| {
        v.iter()
            .map(|n| format!("“{n}”"))
            .collect::<Vec<_>>()
            .join("、")
    };
    if !updated.is_empty() {
        changes.push(format!("更新项目资金：{}", list(&updated)));
    }
    if !added.is_empty() {
        changes.push(format!("新增项目：{}（绩效目标和指标待填）", list(&added)));
    }
    changes.extend(notes);
    if !untouched.is_empty() && (!updated.is_empty() || !added.is_empty()) {
        changes.push(format!("表中没有、未改动的项目：{}", untouched.join("、")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MoneyUnit;
    use crate::sheet::{SheetCell, Workbook};

    fn t(s: &str) -> SheetCell {
        SheetCell::Text(s.into())
    }

    fn n(s: &str) -> SheetCell {
        SheetCell::Number(s.parse().expect("number"))
    }

    fn m(s: &str) -> Money {
        Money(s.parse().expect("amount"))
    }

    /// A platform's project list in 元, sources under a 资金来源 band.
    fn platform() -> Sheet {
        let e = SheetCell::Empty;
        Sheet {
            name: "项目支出".into(),
            rows: vec![
                vec![t("项目支出预算表")],
                vec![t("单位：元")],
                vec![
                    t("项目编码"),
                    t("项目名称"),
                    t("实施单位"),
                    t("合计"),
                    t("资金来源"),
                    e.clone(),
                ],
                vec![
                    e.clone(),
                    e.clone(),
                    e.clone(),
                    e.clone(),
                    t("一般公共预算拨款"),
                    t("政府性基金预算拨款"),
                ],
                vec![
                    t("合计"),
                    e.clone(),
                    e.clone(),
                    n("4500000"),
                    n("4000000"),
                    n("500000"),
                ],
                vec![
                    t("420107-26-0001"),
                    t("平台运维"),
                    t("信息科"),
                    n("3000000"),
                    n("2500000"),
                    n("500000"),
                ],
                vec![
                    t("420107-26-0002"),
                    t("数据治理"),
                    t("数据科"),
                    n("1500000"),
                    n("1500000"),
                    e.clone(),
                ],
            ],
            ..Default::default()
        }
    }

    fn doc() -> Document {
        let mut doc = Document::blank("某局", 2027);
        doc.meta.unit = MoneyUnit::WanYuan;
        let mut kept = Project {
            code: "XM001".into(),
            name: "档案整理".into(),
            ..Default::default()
        };
        kept.set_amount(FundSource::OtherIncome, m("12.00"));
        let mut ops = Project {
            code: "420107-26-0001".into(),
            name: "平台运维（旧名）".into(),
            purpose: "运维".into(),
            ..Default::default()
        };
        ops.set_amount(FundSource::GeneralBudget, m("100.00"));
        ops.set_amount(FundSource::OtherIncome, m("5.00"));
        doc.projects = vec![kept, ops];
        doc
    }

    #[test]
    fn a_platform_list_in_yuan_updates_projects_by_code_and_adds_the_new() {
        let wb = Workbook {
            sheets: vec![platform()],
        };
        let plan = super::super::plan(&wb, &doc(), &Default::default()).expect("plan");
        let p = &plan.sheets[0];
        assert_eq!(p.target, Target::Projects);
        assert_eq!(p.rows.len(), 2);
        // Two rows' 合计 and the table's 合计, each equal to its parts.
        assert_eq!(p.checks.len(), 3, "{:?}", p.checks);
        assert!(p.checks.iter().all(Check::agrees), "{:?}", p.checks);
        let projects = &plan.document.projects;
        assert_eq!(projects.len(), 3);
        // Found by its code: the sources the sheet states replace the held
        // ones (a blank 政府性基金 cell is a zero); a source it has no
        // column for (其他收入) stays; name and goals are the document's.
        let ops = &projects[1];
        assert_eq!(ops.name, "平台运维（旧名）");
        assert_eq!(ops.purpose, "运维");
        assert_eq!(ops.implementing_unit, "信息科");
        assert_eq!(ops.amount(FundSource::GeneralBudget), m("250"));
        assert_eq!(ops.amount(FundSource::GovFund), m("50"));
        assert_eq!(ops.amount(FundSource::OtherIncome), m("5.00"));
        // Added with its code, 万元 exactly.
        let new = &projects[2];
        assert_eq!(
            (new.code.as_str(), new.name.as_str()),
            ("420107-26-0002", "数据治理")
        );
        assert_eq!(new.amount(FundSource::GeneralBudget), m("150"));
        assert_eq!(new.amount(FundSource::GovFund), Money::ZERO);
        // The project the sheet lacks is left as it was, and named.
        assert_eq!(projects[0], doc().projects[0]);
        let changes = plan.changes.join("\n");
        assert!(changes.contains("新增项目：“数据治理”"), "{changes}");
        assert!(
            changes.contains("表中没有、未改动的项目：“档案整理”"),
            "{changes}"
        );
    }

    #[test]
    fn a_fiscal_column_keeps_the_split_it_equals_and_says_where_a_new_figure_goes() {
        let e = SheetCell::Empty;
        let sheet = Sheet {
            name: "表9".into(),
            rows: vec![
                vec![t("单位：万元")],
                vec![
                    t("项目名称"),
                    t("实施单位"),
                    t("合计"),
                    t("财政拨款"),
                    t("其他资金"),
                ],
                vec![t("平台运维（旧名）"), e.clone(), n("105"), n("100"), n("5")],
                vec![t("档案整理"), e.clone(), n("20"), e.clone(), n("20")],
            ],
            ..Default::default()
        };
        let mut before = doc();
        // 100 of 财政拨款 held as two sources: the sheet's 100 keeps them.
        before.projects[1].set_amount(FundSource::GeneralBudget, m("60.00"));
        before.projects[1].set_amount(FundSource::GovFund, m("40.00"));
        let wb = Workbook {
            sheets: vec![sheet],
        };
        let plan = super::super::plan(&wb, &before, &Default::default()).expect("plan");
        assert!(plan.sheets[0].checks.iter().all(Check::agrees));
        let ops = &plan.document.projects[1];
        assert_eq!(ops.amount(FundSource::GeneralBudget), m("60.00"));
        assert_eq!(ops.amount(FundSource::GovFund), m("40.00"));
        // 其他资金 20 where 12 was held: it cannot say which source, so it
        // goes to 其他收入 and the preview says so.
        let kept = &plan.document.projects[0];
        assert_eq!(kept.amount(FundSource::OtherIncome), m("20"));
        let changes = plan.changes.join("\n");
        assert!(
            changes.contains("第4行“档案整理”的其他资金 20.00 不分资金来源，按其他收入导入"),
            "{changes}"
        );
        assert!(
            !changes.contains("平台运维（旧名）”的财政拨款"),
            "{changes}"
        );
    }

    #[test]
    fn a_code_on_two_rows_is_named_and_each_row_stays_a_project() {
        let mut s = platform();
        s.rows[6][0] = t("420107-26-0001");
        let wb = Workbook { sheets: vec![s] };
        let plan = super::super::plan(&wb, &doc(), &Default::default()).expect("plan");
        let notes = plan.sheets[0].notes.join("\n");
        assert!(
            notes.contains("项目编码 420107-26-0001 在第6行、第7行重复出现"),
            "{notes}"
        );
        assert_eq!(plan.document.projects.len(), 3);
    }

    #[test]
    fn a_row_total_that_is_not_its_sources_is_a_disagreement() {
        let mut s = platform();
        s.rows[5][3] = n("3100000");
        let wb = Workbook { sheets: vec![s] };
        let plan = super::super::plan(&wb, &doc(), &Default::default()).expect("plan");
        let bad: Vec<&Check> = plan.sheets[0]
            .checks
            .iter()
            .filter(|c| !c.agrees())
            .collect();
        assert_eq!(bad.len(), 1, "{:?}", plan.sheets[0].checks);
        assert_eq!(bad[0].what, "“平台运维”合计");
        assert_eq!(plan.disagreements(), 1);
    }
}
