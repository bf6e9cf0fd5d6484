//! A table-shaped sheet from another system, recognised by anchors: the
//! header row by its text (with the aliases real templates use), the money
//! unit from a `单位：元` line, split 类 | 款 | 项 columns joined, 类/款/合计
//! rows checked against the imported rows instead of imported.

use super::columns::{ColumnMeaning, ColumnOverrides, ThreePublicItem};
use super::detail::{check, valid_code};
use super::{ColumnMap, Ctx, Figure, ImportError, RowRead, SheetPlan, Target, duplicates};
use crate::detail_sheet::THREE_PUBLIC_ITEMS;
use crate::model::{CostBucket, FundSource, SpendingKind};
use crate::money::{Amount, MoneyUnit};
use crate::sheet::band::{self, Head, HeaderGrid};
use crate::sheet::{self, Sheet, SheetCell, cell_ref};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Rows searched for the header.
const HEADER_SEARCH: usize = 30;
/// Rows under the header the preview shows in its grid.
const FIRST_ROWS: usize = 6;
/// Header rows at most.
const HEADER_DEPTH: usize = 4;

/// What a column means (the recogniser's name for [`ColumnMeaning`]).
type Role = ColumnMeaning;

/// Header text (spaces removed, brackets and a unit suffix folded) to role.
pub(crate) fn role(text: &str) -> Option<Role> {
    let t: String = text
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect();
    let t = t
        .trim_end_matches("(万元)")
        .trim_end_matches("(元)")
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
    Some(match t {
        "科目编码"
        | "功能分类科目编码"
        | "经济分类科目编码"
        | "功能科目编码"
        | "经济科目编码"
        | "科目代码"
        | "编码"
        | "功能分类编码"
        | "经济分类编码" => Role::Code,
        "类" => Role::Class,
        "款" => Role::Section,
        "项" => Role::Item,
        "科目名称"
        | "功能分类科目名称"
        | "经济分类科目名称"
        | "功能科目名称"
        | "经济科目名称"
        | "名称"
        | "科目"
        | "项目" => Role::Name,
        "合计" | "总计" | "预算数" | "本年预算" | "本年预算数" | "预算金额" | "金额" | "小计" => {
            Role::Total
        }
        "基本支出" => Role::Kind(SpendingKind::Basic),
        "项目支出" => Role::Kind(SpendingKind::Project),
        "上缴上级支出" => Role::Kind(SpendingKind::RemitToHigher),
        "事业单位经营支出" | "经营支出" => Role::Kind(SpendingKind::Operating),
        "对附属单位补助支出" => Role::Kind(SpendingKind::AffiliateSubsidy),
        "人员经费" | "人员经费支出" => Role::Bucket(CostBucket::Personnel),
        "公用经费" | "公用经费支出" | "日常公用经费" => {
            Role::Bucket(CostBucket::Public)
        }
        "一般公共预算"
        | "一般公共预算拨款"
        | "一般公共预算拨款收入"
        | "公共预算拨款"
        | "一般公共预算支出"
        | "财政拨款" => Role::Source(FundSource::GeneralBudget),
        "政府性基金"
        | "政府性基金预算"
        | "政府性基金预算拨款"
        | "政府性基金拨款"
        | "政府性基金预算支出" => Role::Source(FundSource::GovFund),
        "国有资本经营预算" | "国有资本经营预算拨款" => {
            Role::Source(FundSource::StateCapital)
        }
        "因公出国(境)费" | "因公出国(境)费用" | "因公出国(境)经费" => {
            Role::ThreePublic(ThreePublicItem::Abroad)
        }
        "公务用车购置费" => Role::ThreePublic(ThreePublicItem::CarPurchase),
        "公务用车运行费" | "公务用车运行维护费" => {
            Role::ThreePublic(ThreePublicItem::CarRunning)
        }
        "公务接待费" => Role::ThreePublic(ThreePublicItem::Reception),
        "公务用车购置及运行费" | "公务用车购置及运行维护费" => Role::CarTotal,
        // What platforms prefix: 部门预算经济分类科目编码, 支出功能分类科目名称,
        // “三公”经费合计.
        _ if t.chars().count() <= 16 && (t.ends_with("科目编码") || t.ends_with("分类编码")) => {
            Role::Code
        }
        _ if t.chars().count() <= 16 && t.ends_with("科目名称") => Role::Name,
        _ if t.chars().count() <= 12 && t.contains("三公") && t.ends_with("合计") => {
            Role::Total
        }
        _ => return None,
    })
}

/// The unit a `单位：元` / `金额单位：万元` text names.
pub(crate) fn unit_in(text: &str) -> Option<MoneyUnit> {
    let h: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ':' { '：' } else { c })
        .collect();
    let i = h.find("单位：")?;
    let rest = &h[i + "单位：".len()..];
    if rest.starts_with("万元") {
        Some(MoneyUnit::WanYuan)
    } else if rest.starts_with('元') {
        Some(MoneyUnit::Yuan)
    } else {
        None
    }
}

/// The money unit from a `单位：元` / `金额单位：万元` line above the data.
pub(crate) fn unit(s: &Sheet, upto: usize) -> Option<(MoneyUnit, String)> {
    for r in 0..upto.min(s.rows.len()) {
        for c in 0..s.rows[r].len() {
            if let Some(u) = unit_in(&sheet::header(s.get(r, c))) {
                return Some((
                    u,
                    format!("{}：{}", cell_ref(r, c), sheet::text(s.get(r, c))),
                ));
            }
        }
    }
    None
}

/// A column and its meaning.
#[derive(Clone, Debug)]
struct Col {
    c: usize,
    role: Role,
    /// The 资金来源 of a spanning header above a kind column.
    source: Option<FundSource>,
}

/// One interpretation of a header band: its columns and what they feed.
struct Reading {
    cols: Vec<Col>,
    columns: Vec<ColumnMap>,
    /// The sheet column of each entry of `columns`.
    index: Vec<usize>,
    /// The 资金来源 over each entry of `columns`, for a meaning chosen
    /// for it.
    sources: Vec<Option<FundSource>>,
    target: Option<(Target, bool)>,
}

/// A column's role from its header path: the lowest header that has one; a
/// 资金来源 above qualifies a kind column, a 小计 under 公务用车购置及运行费
/// is that subtotal.
fn column(path: &[&Head]) -> Option<(usize, Role, Option<FundSource>)> {
    let i = path.iter().rposition(|h| role(&h.key).is_some())?;
    let mut x = role(&path[i].key)?;
    let above: Vec<Role> = path[..i].iter().filter_map(|h| role(&h.key)).collect();
    let source = above.iter().find_map(|r| match r {
        Role::Source(f) => Some(*f),
        _ => None,
    });
    if x == Role::Total && above.contains(&Role::CarTotal) {
        x = Role::CarTotal;
    }
    Some((i, x, source))
}

/// The target the columns make, and whether its 资金来源 is only assumed.
fn target_of(cols: &[Col], s: &Sheet, top: usize) -> Option<(Target, bool)> {
    let has = |f: &dyn Fn(Role) -> bool| cols.iter().any(|x| f(x.role));
    let coded = has(&|r| matches!(r, Role::Code | Role::Class));
    // Names without codes are matched against the catalog (功能科目 only).
    let named = coded || has(&|r| r == Role::Name);
    if has(&|r| matches!(r, Role::ThreePublic(_))) {
        Some((Target::ThreePublic, false))
    } else if has(&|r| matches!(r, Role::Bucket(_))) && coded {
        Some((Target::Economic, false))
    } else if has(&|r| matches!(r, Role::Kind(_))) && named {
        let title = title_text(s, top);
        let src = cols.iter().find_map(|x| x.source).or_else(|| {
            if title.contains("政府性基金") {
                Some(FundSource::GovFund)
            } else if title.contains("国有资本") {
                Some(FundSource::StateCapital)
            } else if title.contains("一般公共预算") || title.contains("公共预算拨款") {
                Some(FundSource::GeneralBudget)
            } else {
                None
            }
        });
        Some((
            Target::Budget(src.unwrap_or(FundSource::GeneralBudget)),
            src.is_none(),
        ))
    } else {
        None
    }
}

/// Reads the band `top..=bottom`; `None` when a row of it names nothing we
/// know (a title or unit row is not part of the header) or nothing anchors
/// a table.
fn read_band(s: &Sheet, g: &HeaderGrid, top: usize, bottom: usize) -> Option<(u32, Reading)> {
    let names_something = |r: usize| {
        (0..g.width()).any(|c| {
            g.at(r, c)
                .is_some_and(|h| h.row == r && role(&h.key).is_some())
        })
    };
    if !(top..=bottom).all(names_something) {
        return None;
    }
    let mut cols = Vec::new();
    let mut columns = Vec::new();
    let mut index = Vec::new();
    let mut sources = Vec::new();
    for c in 0..g.width() {
        let path = g.path(top, bottom, c);
        let Some(last) = path.last() else { continue };
        index.push(c);
        let shown = path
            .iter()
            .map(|h| h.shown.as_str())
            .collect::<Vec<_>>()
            .join(" › ");
        let found = column(&path);
        sources.push(found.and_then(|f| f.2).or_else(|| {
            path.iter().find_map(|h| match role(&h.key) {
                Some(Role::Source(f)) => Some(f),
                _ => None,
            })
        }));
        match found {
            Some((i, x, source)) => {
                columns.push(ColumnMap {
                    cell: cell_ref(path[i].row, c),
                    header: shown,
                    meaning: meaning(x, source),
                    recognised: x,
                    chosen: None,
                });
                cols.push(Col { c, role: x, source });
            }
            None => columns.push(ColumnMap {
                cell: cell_ref(last.row, c),
                header: shown,
                meaning: Role::Ignore.label(),
                recognised: Role::Ignore,
                chosen: None,
            }),
        }
    }
    let anchored = cols.iter().any(|x| {
        matches!(
            x.role,
            Role::Code | Role::Class | Role::Name | Role::ThreePublic(_)
        )
    });
    if !anchored {
        return None;
    }
    let target = target_of(&cols, s, top);
    let mut distinct: Vec<Role> = cols.iter().map(|x| x.role).collect();
    distinct.sort_by_key(|r| format!("{r:?}"));
    distinct.dedup();
    let score = distinct.len() as u32 + if target.is_some() { 100 } else { 0 };
    Some((
        score,
        Reading {
            cols,
            columns,
            index,
            sources,
            target,
        },
    ))
}

/// The preparer's meanings over the recognised ones (`o`, by header
/// path): the columns as chosen, a note per changed column, and why the
/// sheet cannot be read so when two columns got one meaning.
fn choose(
    sheet: &str,
    reading: &mut Reading,
    o: &ColumnOverrides,
) -> (Vec<String>, Option<String>) {
    let mut notes = Vec::new();
    if o.is_empty() {
        return (notes, None);
    }
    let Reading {
        cols,
        columns,
        index,
        sources,
        ..
    } = reading;
    for (i, cm) in columns.iter_mut().enumerate() {
        let Some(m) = o.get(sheet, &cm.header) else {
            continue;
        };
        if m == cm.recognised {
            continue;
        }
        let c = index[i];
        cm.chosen = Some(m);
        cm.meaning = meaning(m, sources[i]);
        cols.retain(|x| x.c != c);
        if m != Role::Ignore {
            cols.push(Col {
                c,
                role: m,
                source: sources[i],
            });
        }
        notes.push(format!(
            "按所选的列含义：{}“{}”由 {} 改为 {}",
            cm.cell,
            cm.header,
            cm.recognised.label(),
            m.label()
        ));
    }
    cols.sort_by_key(|x| x.c);
    // A chosen meaning another column already has: which one is right?
    let at = |c: usize| index.iter().position(|&x| x == c).map(|i| &columns[i]);
    let clash = columns
        .iter()
        .zip(index.iter())
        .filter(|(cm, _)| cm.chosen.is_some_and(Role::single))
        .find_map(|(cm, &c)| {
            let me = cols.iter().find(|x| x.c == c)?;
            let other = cols
                .iter()
                .find(|x| x.c != c && x.role == me.role && x.source == me.source)?;
            let o = at(other.c)?;
            let (a, b) = if other.c < c { (o, cm) } else { (cm, o) };
            Some(format!(
                "{}“{}”和 {}“{}”都是“{}”：一种含义只能给一列，请改选其中一列",
                a.cell,
                a.header,
                b.cell,
                b.header,
                me.role.label()
            ))
        });
    (notes, clash)
}

/// Why the columns as chosen make no table we import.
fn missing(cols: &[Col]) -> String {
    let anchored = cols.iter().any(|x| {
        matches!(
            x.role,
            Role::Code | Role::Class | Role::Name | Role::ThreePublic(_)
        )
    });
    if anchored {
        "没有可导入的金额列（基本支出、项目支出等，人员经费/公用经费，或“三公”各项）".into()
    } else {
        "没有科目编码列（科目编码、类/款/项 或 科目名称）".into()
    }
}

/// The header band that explains the sheet best, if any.
fn best_band(s: &Sheet) -> Option<(usize, usize, Reading)> {
    let g = HeaderGrid::new(s, HEADER_SEARCH + HEADER_DEPTH);
    band::best(&g, HEADER_SEARCH, HEADER_DEPTH, |top, bottom| {
        read_band(s, &g, top, bottom)
    })
}

/// Rows as the sheet shows them: (row number, one text per column).
type FirstRows = Vec<(usize, Vec<String>)>;

/// The first rows under the header: (row number, one text per entry of
/// `index`, as the sheet shows it).
fn first_rows(s: &Sheet, bottom: usize, index: &[usize]) -> FirstRows {
    (bottom + 1..s.rows.len())
        .take(FIRST_ROWS)
        .map(|r| {
            let cells = index.iter().map(|&c| sheet::text(s.shown(r, c))).collect();
            (r + 1, cells)
        })
        .collect()
}

/// The columns (with the preparer's meanings) and first rows of a sheet
/// that [`recognise`] does not read although it found a header, so the
/// preparer can give its columns their meanings.
pub fn columns_of(s: &Sheet, ctx: &Ctx) -> Option<(Vec<ColumnMap>, FirstRows)> {
    let (_, bottom, mut reading) = best_band(s)?;
    choose(&s.name, &mut reading, &ctx.columns);
    let rows = first_rows(s, bottom, &reading.index);
    Some((reading.columns, rows))
}

/// Why a sheet that [`recognise`] does not read is not used.
pub fn why_not(s: &Sheet) -> String {
    if s.rows
        .iter()
        .all(|r| r.iter().all(|c| sheet::text(c).is_empty()))
    {
        return "空表".into();
    }
    match best_band(s) {
        None => "找不到可识别的表头（没有 科目编码、类/款/项 或 科目名称 列）".into(),
        Some((top, bottom, r)) => {
            let known: Vec<String> = r
                .columns
                .iter()
                .filter(|c| !c.meaning.starts_with('（'))
                .map(|c| c.header.clone())
                .collect();
            let rows = if top == bottom {
                format!("第{}行", top + 1)
            } else {
                format!("第{}–{}行", top + 1, bottom + 1)
            };
            format!(
                "{rows}的表头（{}）不是可导入的表：只导入按功能科目的基本/项目支出表、基本支出经济分类表（人员经费/公用经费）和“三公”经费表",
                known.join("、")
            )
        }
    }
}

/// The sheet as a budget table, `None` when no header is recognised.
pub fn recognise(s: &Sheet, ctx: &Ctx) -> Result<Option<SheetPlan>, ImportError> {
    let Some((top, bottom, mut reading)) = best_band(s) else {
        return Ok(None);
    };
    let (chosen_notes, clash) = choose(&s.name, &mut reading, &ctx.columns);
    let Reading {
        cols,
        columns,
        index,
        target: recognised,
        ..
    } = reading;
    // With the preparer's meanings the sheet may make another table, or
    // none: then it is listed, refused, so the choice can be taken back.
    let chose = columns.iter().any(|c| c.chosen.is_some());
    let target = if chose {
        target_of(&cols, s, top)
    } else {
        recognised
    };
    let refused = match (chose, clash, target) {
        (false, _, _) => None,
        (true, Some(why), _) => Some(why),
        (true, None, None) => Some(missing(&cols)),
        (true, None, Some(_)) => None,
    };
    let Some((target, assumed)) = target.or(recognised.filter(|_| refused.is_some())) else {
        return Ok(None);
    };
    let mut notes = chosen_notes;
    if assumed {
        notes.push("表中未分资金来源，按“一般公共预算拨款”计入".to_string());
    }
    let (unit, unit_source) = ctx.sheet_unit(s, bottom + 1)?;
    notes.insert(0, format!("表头在第{}–{}行", top + 1, bottom + 1));
    let first_rows = first_rows(s, bottom, &index);
    // What the sheet's header says, whether or not its rows can be read.
    let head = SheetPlan {
        sheet: s.name.clone(),
        target,
        unit,
        hidden: s.hidden,
        unit_source,
        columns,
        rows: Vec::new(),
        skipped: Vec::new(),
        lost: Vec::new(),
        checks: Vec::new(),
        notes: Vec::new(),
        first_rows,
        assumed_source: assumed,
        refused: None,
    };
    if let Some(why) = refused {
        return Ok(Some(SheetPlan {
            notes,
            refused: Some(format!("按所选的列含义无法导入本表：{why}")),
            ..head
        }));
    }
    let amount_cols: Vec<&Col> = cols
        .iter()
        .filter(|x| match target {
            Target::Budget(_) => matches!(x.role, Role::Kind(_) | Role::Total),
            Target::Economic => matches!(x.role, Role::Bucket(_) | Role::Total),
            _ => matches!(x.role, Role::ThreePublic(_) | Role::Total | Role::CarTotal),
        })
        .collect();
    let col_of = |want: Role| cols.iter().find(|x| x.role == want).map(|x| x.c);
    let (code_c, class_c, sec_c, item_c, name_c) = (
        col_of(Role::Code),
        col_of(Role::Class),
        col_of(Role::Section),
        col_of(Role::Item),
        col_of(Role::Name),
    );
    let err = |r: usize, c: usize, reason: String| ImportError::Cell {
        sheet: s.name.clone(),
        cell: cell_ref(r, c),
        reason,
    };
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut lost = Vec::new();
    // Figures of 类/款/合计 rows: (row, what, column, figure) to check later.
    let mut stated: Vec<(usize, String, String, Figure)> = Vec::new();
    let mut split = sheet::SplitCodes::default();
    // No code column: names matched against the catalog, and said so.
    let mut by_name = (code_c.is_none() && class_c.is_none())
        .then(|| super::by_name::ByName::new(&crate::catalog::choose(ctx.year, None, Vec::new())));
    let mut matched: Vec<String> = Vec::new();
    let label_cols: Vec<usize> = [name_c, code_c, class_c, sec_c, item_c]
        .into_iter()
        .flatten()
        .collect();
    let shown = sheet::ShownColumns::new(s, &label_cols);
    for r in bottom + 1..s.rows.len() {
        // What the row is called: its name, else the first text in its code
        // or name columns (合计 often stands merged over 类|款|项), else the
        // first text across the row (a note or a title).
        let label = [name_c, code_c, class_c, sec_c, item_c]
            .into_iter()
            .flatten()
            .map(|c| sheet::text(shown.get(r, c)))
            .find(|t| !t.is_empty() && sheet::code(&SheetCell::Text(t.clone())).is_none())
            .or_else(|| {
                (0..s.width())
                    .map(|c| sheet::text(s.get(r, c)))
                    .find(|t| !t.is_empty())
            })
            .unwrap_or_default();
        let name = name_c.map(|c| sheet::text(s.get(r, c))).unwrap_or_default();
        // Read the amounts first: a date or broken formula is an error
        // wherever it stands in the body.
        let mut amounts = Vec::new();
        for x in &amount_cols {
            let cell = s.get(r, x.c);
            let v = sheet::amount(cell).map_err(|e| err(r, x.c, e.to_string()))?;
            if let Some(v) = v {
                amounts.push((x, ctx.figure(s, r, x.c, label_of(x.role), v, unit)?));
            }
        }
        if target == Target::ThreePublic {
            if amounts.is_empty() {
                skipped.push((r + 1, "没有金额".into()));
                continue;
            }
            let mut out = Vec::new();
            for (x, f) in amounts {
                match x.role {
                    Role::ThreePublic(i) => out.push(Figure {
                        what: i.label().to_string(),
                        ..f
                    }),
                    Role::CarTotal => {
                        stated.push((r, "公务用车".into(), "公务用车购置及运行费".into(), f));
                    }
                    _ => stated.push((r, "合计".into(), "合计".into(), f)),
                }
            }
            // The row's label, unless the row has none but its figures.
            let name = if label.is_empty() || sheet::code(&SheetCell::Text(label.clone())).is_some()
            {
                "“三公”经费".to_string()
            } else {
                label.clone()
            };
            rows.push(RowRead {
                row: r + 1,
                code: String::new(),
                name,
                detail: String::new(),
                amounts: out,
            });
            // One row of figures is the whole table.
            break;
        }
        let code_cell = code_c.or(class_c).unwrap_or(0);
        let folded: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        let total_row = folded.contains("合计") || folded.contains("总计");
        let code = match (code_c, class_c) {
            (Some(c), _) => code_in(s, r, c),
            (None, Some(c)) if !total_row => split
                .next(
                    shown.get(r, c),
                    sec_c.map(|x| shown.get(r, x)),
                    item_c.map(|x| shown.get(r, x)),
                )
                .map_err(|e| err(r, c, e))?,
            (None, None) if !total_row => {
                let found = by_name.as_mut().and_then(|b| b.next(&name));
                if let Some(c) = &found {
                    matched.push(format!("第{}行“{}”→ {c}", r + 1, name));
                }
                found
            }
            _ => None,
        };
        let Some(code) = code else {
            let raw = sheet::text(s.get(r, code_cell));
            if total_row {
                for (x, f) in amounts {
                    stated.push((r, "合计".into(), label_of(x.role), f));
                }
            } else if raw
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                return Err(err(r, code_cell, format!("“{raw}”不是科目编码")));
            } else if amounts.is_empty() && sheet::is_note(&label) {
                skipped.push((r + 1, format!("说明文字，不导入：{}", short(&label))));
            } else if amounts.is_empty() {
                skipped.push((
                    r + 1,
                    if label.is_empty() {
                        "空行".into()
                    } else {
                        format!("“{}”：没有科目编码和金额", short(&label))
                    },
                ));
            } else if by_name.is_some() {
                lost.push(r + 1);
                skipped.push((
                    r + 1,
                    format!(
                        "“{}”：没有科目编码，科目表中也找不到唯一的同名科目",
                        short(&label)
                    ),
                ));
            } else {
                lost.push(r + 1);
                skipped.push((r + 1, format!("“{}”：没有科目编码", short(&label))));
            }
            continue;
        };
        let function = matches!(target, Target::Budget(_));
        if !valid_code(&code, function) {
            return Err(err(
                r,
                code_cell,
                format!(
                    "“{code}”不是科目编码（应为 3、5{} 位数字）",
                    if function { " 或 7" } else { "" }
                ),
            ));
        }
        let leaf = if function { 7 } else { 5 };
        if code.len() < leaf {
            let level = if code.len() == 3 { "类" } else { "款" };
            for (x, f) in amounts {
                stated.push((r, format!("{level} {code}"), label_of(x.role), f));
            }
            continue;
        }
        if amounts.is_empty() {
            skipped.push((r + 1, format!("{code}：没有金额")));
            continue;
        }
        rows.push(RowRead {
            row: r + 1,
            code,
            name: if name.is_empty() { label } else { name },
            detail: String::new(),
            amounts: amounts.into_iter().map(|(_, f)| f).collect(),
        });
    }
    // Each stated figure against the sum of the imported rows it covers.
    let covers = |code: &str| {
        [
            "合计".to_string(),
            format!("类 {}", code.get(..3).unwrap_or("")),
            format!("款 {}", code.get(..5).unwrap_or("")),
        ]
    };
    let mut sums: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for row in &rows {
        for f in &row.amounts {
            for k in covers(&row.code) {
                *sums.entry((k, f.what.clone())).or_default() += f.document.value;
            }
        }
    }
    // The 三公 table's 合计 column covers its four items.
    if target == Target::ThreePublic {
        let all = rows
            .iter()
            .flat_map(|r| &r.amounts)
            .map(|f| f.document.value)
            .sum();
        sums.insert(("合计".into(), "合计".into()), all);
        let cars = rows
            .iter()
            .flat_map(|r| &r.amounts)
            .filter(|f| f.what == THREE_PUBLIC_ITEMS[1] || f.what == THREE_PUBLIC_ITEMS[2])
            .map(|f| f.document.value)
            .sum();
        sums.insert(("公务用车".into(), "公务用车购置及运行费".into()), cars);
    }
    let checks: Vec<_> = stated
        .into_iter()
        .map(|(r, what, col, f)| {
            let sum = sums
                .get(&(what.clone(), col.clone()))
                .copied()
                .unwrap_or_default();
            check(
                s,
                r,
                &f,
                format!("{what}（{col}）"),
                Amount::new(sum, ctx.doc),
            )
        })
        .collect();
    // A code on two rows is summed and said so; a subtotal over it that the
    // sum contradicts leaves no way to tell which row is right: refused.
    let dups = duplicates(&rows, ctx.doc);
    for d in &dups {
        let keys = covers(&d.code);
        if let Some(c) = checks
            .iter()
            .find(|c| !c.agrees() && keys.iter().any(|k| c.what == format!("{k}（{}）", d.what)))
        {
            return Err(ImportError::DuplicateContradicts(Box::new(
                super::Contradiction {
                    sheet: s.name.clone(),
                    code: d.code.clone(),
                    what: d.what.clone(),
                    rows: d.rows_text(),
                    together: d.sum,
                    sum: c.sum,
                    check: format!("{} {}", c.cell, c.what),
                    stated: c.sheet,
                },
            )));
        }
    }
    notes.extend(dups.iter().map(|d| d.note()));
    if !matched.is_empty() {
        let shown: Vec<&str> = matched.iter().take(12).map(String::as_str).collect();
        notes.push(format!(
            "表中没有科目编码列，{} 行按 {} 年科目表的名称对应编码：{}{}",
            matched.len(),
            ctx.year,
            shown.join("；"),
            if matched.len() > shown.len() {
                "……"
            } else {
                ""
            }
        ));
    }
    Ok(Some(SheetPlan {
        rows,
        skipped,
        lost,
        checks,
        notes,
        ..head
    }))
}

fn short(s: &str) -> String {
    s.chars().take(20).collect()
}

/// The sheet's title: text of the rows above the header.
fn title_text(s: &Sheet, top: usize) -> String {
    let mut t = s.name.clone();
    for r in 0..top {
        for c in 0..s.rows[r].len() {
            t += &sheet::header(s.get(r, c));
        }
    }
    t
}

fn label_of(r: Role) -> String {
    match r {
        Role::Kind(k) => k.label().into(),
        Role::Bucket(b) => b.label().into(),
        Role::ThreePublic(i) => i.label().into(),
        _ => "合计".into(),
    }
}

fn meaning(r: Role, source: Option<FundSource>) -> String {
    match (r, source) {
        (Role::Kind(k), Some(s)) => format!("{}·{}", s.label(), k.label()),
        _ => r.label(),
    }
}

/// A code in a single code column: the digits, or `None` for a label row.
fn code_in(s: &Sheet, r: usize, c: usize) -> Option<String> {
    sheet::code(s.get(r, c))
}
