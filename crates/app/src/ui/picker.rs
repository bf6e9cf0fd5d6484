//! The 科目 picker: type a code prefix (`2013350`) or part of a name
//! (`事业运行`), move with ↑/↓, Enter adds the highlighted 科目 and puts the
//! cursor in the new row's first amount cell, Esc closes the list. Each match
//! shows its path in the catalog (`2010101 行政运行（一般公共服务支出 /
//! 人大事务）`), since many 项 share a name.

use super::cells::SheetCtx;
use super::command::Command;
use super::edit::Edit;
use crate::catalog::{Catalog, Provenance};
use crate::location::{Field, Location, Sheet};
use crate::model::{CostBucket, EconomicCode, FunctionCode, FundSource, SpendingKind};
use egui::{Key, RichText, ScrollArea, TextEdit, Ui};

/// Results shown at most.
const LIMIT: usize = 50;

/// Rows of matches visible before the list scrolls.
const VISIBLE_ROWS: f32 = 10.0;

/// Query and highlighted match of one picker (view state, not document).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickerState {
    /// What was typed.
    pub query: String,
    /// Index of the highlighted match.
    pub selected: usize,
    /// The name typed for a code the catalog does not have (按编码添加).
    pub name: String,
    /// Enter in the query asked for the name field to take the keyboard
    /// (on the next frame: in this one it would see the same Enter).
    pub focus_name: bool,
}

/// What the 填报人 picked.
enum Pick {
    /// A match of the catalog, by index.
    Hit(usize),
    /// A code the catalog does not have, with the name typed for it.
    Code(String, String),
}

/// `query` as a code of `digits` digits (full-width digits read too).
fn typed_code(query: &str, digits: usize) -> Option<String> {
    let code: String = query
        .trim()
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    (code.len() == digits && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

/// One match, ready to show and to add.
struct Hit {
    /// The text of the button: code, name and path.
    label: String,
    /// Already in the document: shown, not addable.
    used: bool,
    /// Where the row's source was not verified, said on hover.
    note: Option<&'static str>,
}

/// The hover note for a catalog row: where it comes from, said only when
/// that is weaker than a cited source or an official list.
fn provenance_note(p: Provenance) -> Option<&'static str> {
    match p {
        Provenance::Verified | Provenance::Seed | Provenance::Official => None,
        Provenance::OfficialName => Some(p.label()),
    }
}

/// `（一般公共服务支出 / 人大事务）`: the 类 and 款 names of a 项.
pub fn function_path(catalog: &Catalog, code: &FunctionCode) -> String {
    let (class, section) = catalog.function_path(code);
    let names: Vec<&str> = [class, section].into_iter().flatten().collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("（{}）", names.join(" / "))
    }
}

/// The 类 name of an 经济科目 款, in brackets.
fn economic_path(catalog: &Catalog, code: &EconomicCode) -> String {
    catalog
        .economic_path(code)
        .map(|n| format!("（{n}）"))
        .unwrap_or_default()
}

/// What the keyboard asked of the picker this frame.
enum PickerKey {
    None,
    Pick,
    Close,
}

/// Draws the search field and, while it holds a query, the matches; moves
/// the highlight with ↑/↓. Returns what was picked (Enter or a click): a
/// match, or a code of `digits` digits the catalog does not have, with a
/// typed name (按编码添加: the bundled 科目表 is partial).
#[expect(
    clippy::too_many_arguments,
    reason = "one picker serves 功能科目 and 经济科目, which differ in these"
)]
fn picker(
    ui: &mut Ui,
    state: &mut PickerState,
    title: &str,
    hint: &str,
    name: &str,
    read_only: bool,
    digits: usize,
    hits: impl FnOnce(&str) -> Vec<Hit>,
) -> Option<Pick> {
    let id = egui::Id::unique(("picker", name));
    let response = ui
        .horizontal(|ui| {
            ui.label(title);
            ui.add(
                TextEdit::singleline(&mut state.query)
                    .id(id)
                    .hint_text(hint)
                    .desired_width(320.0),
            )
            .accessible_name(name)
        })
        .inner;
    if response.changed() {
        state.selected = 0;
    }
    let q = state.query.trim().to_string();
    if q.is_empty() {
        return None;
    }
    let hits = hits(&q);
    let mut key = PickerKey::None;
    if response.has_focus() {
        ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                state.selected = (state.selected + 1).min(hits.len().saturating_sub(1));
            }
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                state.selected = state.selected.saturating_sub(1);
            }
        });
    }
    // A single-line editor gives up focus on Enter and on Esc.
    if response.lost_focus() {
        if ui.input(|i| i.key_pressed(Key::Enter)) {
            key = PickerKey::Pick;
        } else if ui.input(|i| i.key_pressed(Key::Escape)) {
            key = PickerKey::Close;
        }
    }
    if matches!(key, PickerKey::Close) {
        state.query.clear();
        state.selected = 0;
        return None;
    }
    if hits.is_empty() {
        ui.label("科目表中没有匹配的科目");
        let code = typed_code(&q, digits).filter(|_| !read_only);
        let name_id = id.with("by-code-name");
        if matches!(key, PickerKey::Pick) {
            // Keep typing: the query stays and the field keeps the cursor;
            // for a whole code the cursor goes on to its name.
            if code.is_some() {
                state.focus_name = true;
                ui.ctx().request_repaint();
            } else {
                response.request_focus();
            }
        }
        return code.and_then(|code| by_code(ui, state, code, name_id));
    }
    state.selected = state.selected.min(hits.len() - 1);
    let mut picked = None;
    if matches!(key, PickerKey::Pick) {
        if !hits[state.selected].used && !read_only {
            picked = Some(Pick::Hit(state.selected));
        } else {
            response.request_focus();
        }
    }
    let row_h = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.small("↑/↓ 选择，回车添加，Esc 关闭");
        // The list sits in a row beside other controls, whose height would
        // otherwise squeeze it to two or three matches.
        let rows = (hits.len() as f32).min(VISIBLE_ROWS);
        ScrollArea::vertical()
            .id_salt(("picker-list", name))
            .min_scrolled_height(row_h * rows)
            .max_height(row_h * VISIBLE_ROWS)
            .show(ui, |ui| {
                for (i, h) in hits.iter().enumerate() {
                    let mut text = RichText::new(&h.label);
                    if h.note.is_some() {
                        text = text.italics();
                    }
                    let selected = i == state.selected;
                    let resp = ui.add_enabled(
                        !h.used && !read_only,
                        egui::Button::selectable(selected, text),
                    );
                    if selected && response.has_focus() {
                        resp.scroll_to_me(None);
                    }
                    let resp = match h.note {
                        Some(n) => resp.on_hover_text(n),
                        None => resp,
                    };
                    if resp.clicked() {
                        picked = Some(Pick::Hit(i));
                    }
                }
            });
    });
    if picked.is_some() {
        state.query.clear();
        state.selected = 0;
    }
    picked
}

/// 按编码添加: a whole code the catalog does not have is added under a
/// typed name, marked 未在科目表中 (the rules flag it too), with the way to
/// a complete list.
fn by_code(ui: &mut Ui, state: &mut PickerState, code: String, name_id: egui::Id) -> Option<Pick> {
    let mut picked = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.colored_label(
            super::theme::severity_color(crate::rules::Severity::Warning),
            format!("编码 {code} 未在科目表中"),
        );
        if state.focus_name && !ui.input(|i| i.key_pressed(Key::Enter)) {
            state.focus_name = false;
            ui.memory_mut(|m| m.request_focus(name_id));
        }
        ui.horizontal(|ui| {
            ui.label("按编码添加，科目名称：");
            let r = ui
                .add(
                    TextEdit::singleline(&mut state.name)
                        .id(name_id)
                        .hint_text("照官方科目表填写")
                        .desired_width(200.0),
                )
                .accessible_name("按编码添加 科目名称");
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let named = !state.name.trim().is_empty();
            let clicked = ui
                .add_enabled(named, egui::Button::new("按编码添加"))
                .clicked();
            if named && (clicked || enter) {
                picked = Some(Pick::Code(code.clone(), state.name.trim().to_string()));
            }
        });
        ui.weak("内置科目表不全：可从菜单“科目表 → 导入…”导入财政部门下发的完整科目表。");
    });
    if picked.is_some() {
        state.query.clear();
        state.name.clear();
        state.selected = 0;
    }
    picked
}

/// Picker for 功能科目 (项 level); a pick adds a 收支预算 row and focuses its
/// first amount cell.
pub(crate) fn function_picker(ui: &mut Ui, cx: &mut SheetCtx) {
    let catalog = cx.catalog;
    let doc = cx.doc;
    let mut found: Vec<(FunctionCode, String)> = Vec::new();
    let picked = picker(
        ui,
        &mut cx.view.function_picker,
        "新增科目：",
        "输入科目编码或名称，如 2013350 或 事业运行",
        "功能科目搜索",
        cx.read_only,
        7,
        |q| {
            catalog
                .search_functions(q, LIMIT)
                .into_iter()
                .map(|(code, e)| {
                    let used = doc.budget_lines.iter().any(|l| l.code == code);
                    let hit = Hit {
                        label: format!(
                            "{code} {}{}{}",
                            e.name,
                            function_path(catalog, &code),
                            if used { "（已有）" } else { "" }
                        ),
                        used,
                        note: provenance_note(e.provenance),
                    };
                    found.push((code, e.name.clone()));
                    hit
                })
                .collect()
        },
    );
    let picked = match picked {
        Some(Pick::Hit(i)) => found.get(i).cloned(),
        Some(Pick::Code(code, name)) => Some((FunctionCode::new(code), name)),
        None => None,
    };
    if let Some((code, name)) = picked {
        // Added by code a second time: go to the row it already has.
        if let Some(row) = doc.budget_lines.iter().position(|l| l.code == code) {
            cx.command(Command::Focus(Location::cell(
                Sheet::Budget,
                row,
                Field::Name,
            )));
            return;
        }
        let row = doc.budget_lines.len();
        cx.edit(Edit::AddBudgetLine(code, name));
        // The first amount column (一般公共预算·基本支出 is always shown).
        let field = Field::Amount(FundSource::GeneralBudget, SpendingKind::Basic);
        cx.command(Command::Focus(Location::cell(Sheet::Budget, row, field)));
    }
}

/// Picker for 经济科目 (款 level); a pick adds a 基本支出 row with the
/// catalog's 人员/公用 default and focuses its amount.
pub(crate) fn economic_picker(ui: &mut Ui, cx: &mut SheetCtx) {
    let catalog = cx.catalog;
    let doc = cx.doc;
    let mut found: Vec<(EconomicCode, String, CostBucket)> = Vec::new();
    let picked = picker(
        ui,
        &mut cx.view.economic_picker,
        "新增经济科目：",
        "输入科目编码或名称，如 30101 或 基本工资",
        "经济科目搜索",
        cx.read_only,
        5,
        |q| {
            catalog
                .search_economics(q, LIMIT)
                .into_iter()
                .map(|(code, e)| {
                    let used = doc.basic_by_economic.iter().any(|l| l.code == code);
                    let bucket = e.bucket.unwrap_or(CostBucket::Public);
                    let hit = Hit {
                        label: format!(
                            "{code} {}{}·{}{}",
                            e.name,
                            economic_path(catalog, &code),
                            bucket.label(),
                            if used { "（已有）" } else { "" }
                        ),
                        used,
                        note: provenance_note(e.provenance),
                    };
                    found.push((code, e.name.clone(), bucket));
                    hit
                })
                .collect()
        },
    );
    let picked = match picked {
        Some(Pick::Hit(i)) => found.get(i).cloned(),
        // Outside the catalog the 人员/公用 split is not known: 公用, as
        // for catalog rows without one; the row's dropdown changes it.
        Some(Pick::Code(code, name)) => Some((EconomicCode::new(code), name, CostBucket::Public)),
        None => None,
    };
    if let Some((code, name, bucket)) = picked {
        if let Some(row) = doc.basic_by_economic.iter().position(|l| l.code == code) {
            cx.command(Command::Focus(Location::cell(
                Sheet::Economic,
                row,
                Field::Name,
            )));
            return;
        }
        let row = doc.basic_by_economic.len();
        cx.edit(Edit::AddEconomicLine(code, name, bucket));
        cx.command(Command::Focus(Location::cell(
            Sheet::Economic,
            row,
            Field::Value,
        )));
    }
}
