//! A table-shaped sheet from another system, recognised by anchors: the
//! header row by its text (with the aliases real templates use), the money
//! unit from a `单位：元` line, split 类 | 款 | 项 columns joined, 类/款/合计
//! rows checked against the imported rows instead of imported.

use super::detail::{check, valid_code};
use super::{ColumnMap, Ctx, Figure, ImportError, RowRead, SheetPlan, Target, duplicates};
use crate::detail_sheet::THREE_PUBLIC_ITEMS;
use crate::model::{CostBucket, FundSource, SpendingKind};
use crate::money::{Amount, MoneyUnit};
use crate::sheet::{self, Sheet, SheetCell, cell_ref};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Rows searched for the header.
const HEADER_SEARCH: usize = 30;
/// Header rows at most.
const HEADER_DEPTH: usize = 4;

/// What a column means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Code,
    Class,
    Section,
    Item,
    Name,
    Total,
    Kind(SpendingKind),
    Bucket(CostBucket),
    Source(FundSource),
    /// One of the four 三公 items (index into `THREE_PUBLIC_ITEMS`).
    Three(usize),
}

/// Header text (spaces removed, brackets and a unit suffix folded) to role.
fn role(text: &str) -> Option<Role> {
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
            Role::Three(0)
        }
        "公务用车购置费" => Role::Three(1),
        "公务用车运行费" | "公务用车运行维护费" => Role::Three(2),
        "公务接待费" => Role::Three(3),
        _ => return None,
    })
}

/// The roles found in row `r` (own cells only, not merged copies).
fn row_roles(s: &Sheet, r: usize) -> Vec<(usize, Role)> {
    (0..s.width())
        .filter_map(|c| role(&sheet::header(s.get(r, c))).map(|x| (c, x)))
        .collect()
}

/// True when row `r` holds a figure: a number cell, or text that reads as
/// one (a CSV holds only text).
fn has_number(s: &Sheet, r: usize) -> bool {
    s.rows.get(r).is_some_and(|row| {
        row.iter().any(|c| match c {
            SheetCell::Number(_) => true,
            SheetCell::Text(_) => matches!(sheet::amount(c), Ok(Some(_))),
            _ => false,
        })
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
fn unit(s: &Sheet, upto: usize) -> Option<(MoneyUnit, String)> {
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

/// The sheet as a budget table, `None` when no header is recognised.
pub fn recognise(s: &Sheet, ctx: Ctx) -> Result<Option<SheetPlan>, ImportError> {
    // The header's first row: the first with an anchor (a code or name
    // column) and no numbers.
    let Some(top) = (0..HEADER_SEARCH.min(s.rows.len())).find(|&r| {
        !has_number(s, r)
            && row_roles(s, r)
                .iter()
                .any(|(_, x)| matches!(x, Role::Code | Role::Class | Role::Name | Role::Three(_)))
    }) else {
        return Ok(None);
    };
    let mut bottom = top;
    for r in top + 1..(top + HEADER_DEPTH).min(s.rows.len()) {
        if has_number(s, r) || row_roles(s, r).is_empty() {
            break;
        }
        // A data row whose label reads 合计 has numbers; a header row none.
        bottom = r;
    }
    // Each column's meaning: the lowest header text that has one; a 资金来源
    // above a kind column qualifies it.
    let mut cols: Vec<Col> = Vec::new();
    let mut columns = Vec::new();
    for c in 0..s.width() {
        let mut found: Option<(usize, Role)> = None;
        let mut source = None;
        for r in top..=bottom {
            if let Some(x) = role(&sheet::header(s.shown(r, c))) {
                if let Role::Source(f) = x {
                    source = Some(f);
                }
                found = Some((r, x));
            }
        }
        if let Some((r, x)) = found {
            let header = sheet::text(s.shown(r, c));
            columns.push(ColumnMap {
                cell: cell_ref(r, c),
                header,
                meaning: meaning(x, source),
            });
            cols.push(Col { c, role: x, source });
        }
    }
    let has = |f: &dyn Fn(Role) -> bool| cols.iter().any(|x| f(x.role));
    let three = has(&|r| matches!(r, Role::Three(_)));
    let buckets = has(&|r| matches!(r, Role::Bucket(_)));
    let kinds = has(&|r| matches!(r, Role::Kind(_)));
    let coded = has(&|r| matches!(r, Role::Code | Role::Class));
    let mut notes = Vec::new();
    let target = if three {
        Target::ThreePublic
    } else if buckets && coded {
        Target::Economic
    } else if kinds && coded {
        let title = title_text(s, top);
        let src = cols.iter().find_map(|x| x.source).or_else(|| {
            if title.contains("政府性基金") {
                Some(FundSource::GovFund)
            } else if title.contains("国有资本") {
                Some(FundSource::StateCapital)
            } else {
                None
            }
        });
        let src = src.unwrap_or_else(|| {
            notes.push("表中未分资金来源，按“一般公共预算拨款”计入".into());
            FundSource::GeneralBudget
        });
        Target::Budget(src)
    } else {
        return Ok(None);
    };
    let (unit, unit_source) = match (unit(s, bottom + 1), ctx.given) {
        (Some(u), _) => u,
        (None, Some(u)) => (u, "导入时指定".into()),
        (None, None) => return Err(ImportError::NoUnit(s.name.clone())),
    };
    notes.insert(0, format!("表头在第{}–{}行", top + 1, bottom + 1));
    let amount_cols: Vec<&Col> = cols
        .iter()
        .filter(|x| match target {
            Target::Budget(_) => matches!(x.role, Role::Kind(_) | Role::Total),
            Target::Economic => matches!(x.role, Role::Bucket(_) | Role::Total),
            _ => matches!(x.role, Role::Three(_) | Role::Total),
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
    // Figures of 类/款/合计 rows: (row, what, column, figure) to check later.
    let mut stated: Vec<(usize, String, String, Figure)> = Vec::new();
    for r in bottom + 1..s.rows.len() {
        let label_c = name_c.or(code_c).or(class_c).unwrap_or(0);
        let label = Some(sheet::text(s.shown(r, label_c)))
            .filter(|t| !t.is_empty())
            .or_else(|| {
                // A note or title across the row: its first text.
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
                    Role::Three(i) => out.push(Figure {
                        what: THREE_PUBLIC_ITEMS[i].to_string(),
                        ..f
                    }),
                    _ => stated.push((r, "合计".into(), "合计".into(), f)),
                }
            }
            rows.push(RowRead {
                row: r + 1,
                code: String::new(),
                name: label.clone(),
                amounts: out,
            });
            // One row of figures is the whole table.
            break;
        }
        let code = match (code_c, class_c) {
            (Some(c), _) => code_in(s, r, c),
            (None, Some(c)) => join_split(s, r, c, sec_c, item_c),
            _ => None,
        };
        let code_cell = code_c.or(class_c).unwrap_or(0);
        let Some(code) = code else {
            let raw = sheet::text(s.get(r, code_cell));
            let folded: String = sheet::header(s.shown(r, label_c));
            if folded.contains("合计") || folded.contains("总计") {
                for (x, f) in amounts {
                    stated.push((r, "合计".into(), label_of(x.role), f));
                }
            } else if raw
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                return Err(err(r, code_cell, format!("“{raw}”不是科目编码")));
            } else if amounts.is_empty() {
                skipped.push((
                    r + 1,
                    if label.is_empty() {
                        "空行".into()
                    } else {
                        format!("“{}”：没有科目编码和金额", short(&label))
                    },
                ));
            } else {
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
    Ok(Some(SheetPlan {
        sheet: s.name.clone(),
        target,
        unit,
        hidden: s.hidden,
        unit_source,
        columns,
        rows,
        skipped,
        checks,
        notes,
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
        Role::Three(i) => THREE_PUBLIC_ITEMS[i].into(),
        _ => "合计".into(),
    }
}

fn meaning(r: Role, source: Option<FundSource>) -> String {
    match (r, source) {
        (Role::Code, _) => "科目编码".into(),
        (Role::Class, _) => "科目编码·类".into(),
        (Role::Section, _) => "科目编码·款".into(),
        (Role::Item, _) => "科目编码·项".into(),
        (Role::Name, _) => "科目名称".into(),
        (Role::Total, _) => "合计（核对用）".into(),
        (Role::Kind(k), Some(s)) => format!("{}·{}", s.label(), k.label()),
        (Role::Kind(k), None) => k.label().into(),
        (Role::Bucket(b), _) => b.label().into(),
        (Role::Source(s), _) => format!("资金来源 {}（不单独导入）", s.label()),
        (Role::Three(i), _) => THREE_PUBLIC_ITEMS[i].into(),
    }
}

/// A code in a single code column: the digits, or `None` for a label row.
fn code_in(s: &Sheet, r: usize, c: usize) -> Option<String> {
    sheet::code(s.get(r, c))
}

/// 类 | 款 | 项 columns joined: `201 | 01 | 01` → `2010101`; a 款 or 项
/// column may also repeat the full code (`20101`).
fn join_split(
    s: &Sheet,
    r: usize,
    class: usize,
    sec: Option<usize>,
    item: Option<usize>,
) -> Option<String> {
    let cls = sheet::code(s.get(r, class))?;
    let mut code = cls;
    for (c, len) in [(sec, 5), (item, 7)] {
        let Some(c) = c else { break };
        let Some(part) = sheet::code(s.get(r, c)) else {
            break;
        };
        if part.len() == len {
            code = part;
        } else {
            code += &format!("{part:0>2}");
        }
    }
    Some(code)
}
