//! Cell widgets shared by every sheet: editable text, amount and count cells,
//! long-text editors and read-only derived cells. Each cell has a stable id
//! made from its [`Location`], an accessible name, and carries the colour of
//! its worst finding.

use super::command::Command;
use super::core::Computed;
use super::edit::{Edit, Value};
use super::theme;
use crate::catalog::Catalog;
use crate::location::Location;
use crate::model::Document;
use crate::model::MoneyUnit;
use crate::money::{Money, parse_amount_in};
use egui::{Align, Id, Layout, Response, RichText, TextEdit, Ui};
use std::collections::HashMap;

/// Text typed into a cell that is not (yet) in the document: kept while the
/// cell has focus, and kept afterwards when it could not be read, so the
/// 填报人 sees what they typed next to the reason.
///
/// Amounts and counts reach the document only when the cell is left (Enter,
/// Tab, a click elsewhere) or before the document is saved, exported or
/// undone, and only when the whole text reads as a value: a half-typed
/// `1O0` never stores its readable prefix `1`. Text fields go in as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buffer {
    /// What was typed.
    pub text: String,
    /// Why it was not accepted, if it was not.
    pub error: Option<String>,
    /// How the text is read.
    pub kind: Kind,
    /// The cell's name, for messages (`2010101 行政运行 一般公共预算拨款 基本支出`).
    pub name: String,
    /// What the document holds there, as shown before typing began.
    pub stored: String,
}

impl Buffer {
    /// The value the text reads as, when it reads as one.
    pub fn value(&self) -> Option<Value> {
        if self.error.is_some() {
            return None;
        }
        self.kind.parse(&self.text).ok()
    }
}

/// Everything a sheet needs while drawing: the document and what is computed
/// from it (read-only), the typed buffers, and the command list to push to.
pub struct SheetCtx<'a> {
    /// The document as of the frame's start.
    pub doc: &'a Document,
    /// The year's catalog.
    pub catalog: &'a Catalog,
    /// Derived tables and findings.
    pub computed: &'a Computed,
    /// Typed text per cell.
    pub buffers: &'a mut HashMap<Location, Buffer>,
    /// Commands collected this frame.
    pub commands: &'a mut Vec<Command>,
    /// 审阅 mode: nothing is editable.
    pub read_only: bool,
    /// A cell to scroll to (a finding was clicked).
    pub scroll_to: Option<Location>,
    /// The cell that had focus at the end of the previous frame.
    pub focused: Option<Location>,
    /// Set by the cell that has focus this frame.
    pub now_focused: Option<Location>,
    /// Per-sheet view state (picker queries, extra columns).
    pub view: &'a mut ViewState,
    /// 审阅 mode: the cell the reviewer clicked last (outlined).
    pub review_selected: Option<Location>,
    /// Cells changed against another version, while comparing.
    pub changes: Option<&'a super::changes::Changed>,
}

/// View state of the sheets that is not part of the document.
#[derive(Default)]
pub struct ViewState {
    /// 科目 picker of 收支预算.
    pub function_picker: super::picker::PickerState,
    /// 科目 picker of 基本支出经济分类.
    pub economic_picker: super::picker::PickerState,
    /// Amount columns the 填报人 added to 收支预算 beyond those in use.
    pub extra_columns: Vec<(crate::model::FundSource, crate::model::SpendingKind)>,
    /// 收支预算 shows a 上年预算数 column beside each amount column, for
    /// typing last year's figures (a first-year 填报人; a file made by
    /// 以上年文件新建 has them already).
    pub prior_columns: bool,
    /// The sheet's editable widgets (cells and dropdowns) in the order they
    /// were drawn this frame: the sheet's Tab order (see
    /// `App::keep_focus_in_sheet`).
    pub focus_order: Vec<egui::Id>,
    /// The widget of each dropdown drawn (its button's id is egui's, not
    /// [`cell_id`]), so that a jump to its place focuses it.
    pub choice_ids: HashMap<Location, Id>,
}

/// The widget id of a cell.
pub(crate) fn cell_id(loc: Location) -> Id {
    Id::unique(("yusuan-cell", loc))
}

/// Marks a cell that has open comments (a corner triangle) and adds their
/// text to its tooltip.
pub(crate) fn mark_commented(
    ui: &Ui,
    doc: &Document,
    loc: Location,
    response: Response,
) -> Response {
    let mut comments = crate::comments::open_comments(doc).peekable();
    if comments.peek().is_none() {
        return response;
    }
    let place = crate::location::Place::of(doc, loc);
    let here: Vec<&crate::comments::Comment> = comments.filter(|c| c.at.same(&place)).collect();
    if here.is_empty() {
        return response;
    }
    let r = response.rect;
    let s = 8.0;
    ui.painter().add(egui::Shape::convex_polygon(
        vec![
            r.right_top(),
            r.right_top() + egui::vec2(0.0, s),
            r.right_top() - egui::vec2(s, 0.0),
        ],
        theme::COMMENT,
        egui::Stroke::NONE,
    ));
    let text = here
        .iter()
        .map(|c| format!("审阅意见：{}（{}）", c.text, c.byline()))
        .collect::<Vec<_>>()
        .join("\n");
    response.on_hover_text(RichText::new(text).color(theme::COMMENT))
}

/// How a cell's text becomes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An amount in the field's unit ([`parse_amount_in`]: a typed
    /// `万元`/`元` suffix is converted into it).
    Money(MoneyUnit),
    /// Free text.
    Text,
    /// A code of digits only (主管部门编码), kept as text so that its
    /// leading zeros stay.
    Digits,
    /// A whole number (people, vehicles, a year).
    Number,
    /// A 采购类型 dropdown: pasted text 货物 / 工程 / 服务 (or 货物类 …)
    /// sets it as picking does.
    PurchaseKind,
}

impl Kind {
    /// Reads typed text.
    pub fn parse(self, s: &str) -> Result<Value, String> {
        match self {
            Kind::Money(unit) => parse_amount_in(s, unit)
                .map(Value::Money)
                .map_err(|e| e.to_string()),
            Kind::Text => Ok(Value::Text(s.to_string())),
            Kind::Digits => parse_digits(s).map(Value::Text),
            Kind::Number => parse_number(s).map(Value::Number),
            Kind::PurchaseKind => crate::model::ProcurementKind::parse(s)
                .map(Value::PurchaseKind)
                .ok_or_else(|| format!("采购类型“{}”应为 货物、工程 或 服务，未采用", s.trim())),
        }
    }

    /// True for text that goes into the document as it is typed; amounts
    /// and counts wait for the cell to be left (see [`Buffer`]).
    pub fn live(self) -> bool {
        matches!(self, Kind::Text | Kind::Digits)
    }
}

/// Full-width digits (typed with a Chinese IME) as ASCII.
fn ascii_digits(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// A code of digits: `005001025`, kept exactly (leading zeros too).
fn parse_digits(s: &str) -> Result<String, String> {
    let t = ascii_digits(s);
    if t.chars().all(|c| c.is_ascii_digit()) {
        Ok(t)
    } else {
        Err(format!(
            "只能填数字（预算管理一体化系统中的编码），“{}”含有其他字符，未采用",
            s.trim()
        ))
    }
}

fn parse_number(s: &str) -> Result<i64, String> {
    let t = ascii_digits(s);
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<i64>()
        .map_err(|_| format!("“{}”不是整数", s.trim()))
}

impl SheetCtx<'_> {
    /// Pushes an edit.
    pub fn edit(&mut self, edit: Edit) {
        if !self.read_only {
            self.commands.push(Command::Edit { edit, typing: None });
        }
    }

    /// Pushes any command.
    pub fn command(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// An editable cell. `shown` is the document's value as text and
    /// `current` the value itself (to skip edits that change nothing).
    #[expect(
        clippy::too_many_arguments,
        reason = "one cell: where, how read, what it holds, its name and width"
    )]
    pub fn cell(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        kind: Kind,
        shown: &str,
        current: &Value,
        name: &str,
        width: f32,
    ) -> Response {
        self.editor(ui, loc, kind, shown, current, name, width, false)
    }

    /// An amount cell.
    pub fn money(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        value: Money,
        name: &str,
        width: f32,
    ) -> Response {
        // More than 2 decimals is an A01 错误: show every digit, so the
        // 填报人 sees what is wrong rather than a rounded figure. A cell
        // being edited shows the plain figure to type over; the others
        // show it as the template prints it (thousands separators).
        let editing = ui.memory(|m| m.has_focus(cell_id(loc)));
        let shown = if value.decimals() > 2 {
            value.display_plain()
        } else if value.rounded().is_zero() {
            String::new()
        } else if editing {
            value.display()
        } else {
            self.computed.amount(value)
        };
        self.cell(
            ui,
            loc,
            Kind::Money(self.doc.meta.unit),
            &shown,
            &Value::Money(value),
            name,
            width,
        )
    }

    /// A single-line text cell.
    pub fn text(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        value: &str,
        name: &str,
        width: f32,
    ) -> Response {
        self.cell(
            ui,
            loc,
            Kind::Text,
            value,
            &Value::Text(value.to_string()),
            name,
            width,
        )
    }

    /// A whole-number cell.
    pub fn number(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        value: i64,
        name: &str,
        width: f32,
    ) -> Response {
        self.cell(
            ui,
            loc,
            Kind::Number,
            &value.to_string(),
            &Value::Number(value),
            name,
            width,
        )
    }

    /// A multi-line editor for long texts (职能, 目标, 指标).
    pub(crate) fn long_text(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        value: &str,
        name: &str,
    ) -> Response {
        let width = ui.available_width();
        self.editor(
            ui,
            loc,
            Kind::Text,
            value,
            &Value::Text(value.to_string()),
            name,
            width,
            true,
        )
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the shared body of `cell` and `text_area`"
    )]
    fn editor(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        kind: Kind,
        shown: &str,
        current: &Value,
        name: &str,
        width: f32,
        multiline: bool,
    ) -> Response {
        let buffer = self.buffers.get(&loc);
        let mut text = buffer.map_or_else(|| shown.to_string(), |b| b.text.clone());
        let error = buffer.and_then(|b| b.error.clone());
        let computed = self.computed;
        let mark = computed.marks.get(&loc);
        let bg = match (&error, mark) {
            (Some(_), _) => Some(theme::INVALID_BG),
            (None, Some(m)) => Some(theme::severity_bg(m.severity)),
            (None, None) => None,
        };
        let mut edit = if multiline {
            TextEdit::multiline(&mut text).desired_rows(2)
        } else {
            TextEdit::singleline(&mut text)
        }
        .id(cell_id(loc))
        .desired_width(width)
        .interactive(!self.read_only);
        if self.read_only {
            // In 审阅 mode a cell reads as printed text, not as a field to type in.
            edit = edit.frame(egui::Frame::NONE);
        }
        if !kind.live() {
            edit = edit.align(egui::Align2::RIGHT_CENTER);
        }
        if let Some(bg) = bg {
            edit = edit.background_color(bg).text_color(theme::TEXT_ON_MARK);
        }
        let mut response = ui.add(edit).accessible_name(name);
        if !self.read_only {
            self.view.focus_order.push(response.id);
        }
        if response.gained_focus() {
            // Reached by Tab: bring it into view.
            response.scroll_to_me(None);
            ui.ctx().request_repaint();
        }
        if self.read_only {
            // A read-only cell takes no focus; in 审阅 mode a click selects
            // it for a comment, and its context menu adds one.
            let hit = ui.interact(
                response.rect,
                cell_id(loc).with("review"),
                egui::Sense::click(),
            );
            if hit.clicked() || hit.secondary_clicked() {
                self.commands.push(Command::SelectCell(loc));
            }
            let commands = &mut *self.commands;
            hit.context_menu(|ui| {
                if ui.button("添加审阅意见…").clicked() {
                    commands.push(Command::CommentOn {
                        at: loc,
                        rule: None,
                    });
                    ui.close();
                }
            });
            if self.review_selected == Some(loc) {
                ui.painter().rect_stroke(
                    response.rect,
                    2.0,
                    (2.0, theme::COMMENT),
                    egui::StrokeKind::Inside,
                );
            }
        }
        response = mark_commented(ui, self.doc, loc, response);
        if response.changed() && !self.read_only {
            let parsed = kind.parse(&text);
            // Text goes in as typed; amounts and counts wait for the cell
            // to be left (see [`Buffer`]).
            if let (true, Ok(v)) = (kind.live(), &parsed)
                && v != current
            {
                self.commands.push(Command::Edit {
                    edit: Edit::Set(vec![(loc, v.clone())]),
                    typing: Some(loc),
                });
            }
            let stored = self
                .buffers
                .get(&loc)
                .map_or_else(|| shown.to_string(), |b| b.stored.clone());
            self.buffers.insert(
                loc,
                Buffer {
                    text,
                    error: parsed.err(),
                    kind,
                    name: name.to_string(),
                    stored,
                },
            );
        }
        if response.has_focus() {
            self.now_focused = Some(loc);
        }
        if response.lost_focus() {
            if let Some(v) = self.buffers.get(&loc).and_then(Buffer::value) {
                self.buffers.remove(&loc);
                if !kind.live() && &v != current {
                    self.commands.push(Command::Edit {
                        edit: Edit::Set(vec![(loc, v)]),
                        typing: None,
                    });
                }
            }
            self.commands.push(Command::Seal);
        }
        if self.scroll_to == Some(loc) {
            response.scroll_to_me(None);
        }
        let hover = match (error, mark) {
            (Some(e), _) => Some(e),
            (None, Some(m)) => Some(m.message.clone()),
            (None, None) => None,
        };
        if let Some(h) = hover {
            response = response.on_hover_text(h);
        }
        super::changes::mark(ui, response, self.changes.and_then(|c| c.note(loc)))
    }
}

/// A read-only computed cell (subtotal, 合计, share): shaded, right-aligned.
pub fn derived(ui: &mut Ui, text: &str, bold: bool) -> Response {
    let bg = theme::derived_bg(ui);
    let rect = ui.available_rect_before_wrap();
    ui.painter().rect_filled(rect, 0.0, bg);
    let mut rt = RichText::new(text);
    if bold {
        rt = rt.family(super::fonts::bold());
    }
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| ui.label(rt))
        .inner
}

/// A labelled form row: the label, then the widget drawn by `add`.
pub(crate) fn form_row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.horizontal(|ui| {
        // Labels right-aligned against their fields, as on a paper form.
        ui.allocate_ui_with_layout(
            [160.0, 22.0].into(),
            Layout::right_to_left(Align::Center),
            |ui| ui.label(label),
        );
        add(ui)
    })
    .inner
}

impl SheetCtx<'_> {
    /// A drop-down choice; returns the newly chosen option, if any.
    pub fn choice<T: PartialEq + Clone>(
        &mut self,
        ui: &mut Ui,
        loc: Location,
        current: &T,
        options: &[(T, &str)],
        name: &str,
        width: f32,
    ) -> Option<T> {
        let shown = options
            .iter()
            .find(|(v, _)| v == current)
            .map_or("（未选择）", |(_, l)| *l);
        let mut picked = None;
        let read_only = self.read_only;
        ui.add_enabled_ui(!read_only, |ui| {
            let inner = egui::ComboBox::from_id_salt(cell_id(loc))
                .selected_text(shown)
                .width(width)
                .show_ui(ui, |ui| {
                    for (v, l) in options {
                        if ui.selectable_label(v == current, *l).clicked() && v != current {
                            picked = Some(v.clone());
                        }
                    }
                });
            let mut resp = inner.response.accessible_name(name);
            if !read_only {
                self.view.focus_order.push(resp.id);
            }
            self.view.choice_ids.insert(loc, resp.id);
            if resp.has_focus() {
                self.now_focused = Some(loc);
            }
            if resp.gained_focus() {
                resp.scroll_to_me(None);
                ui.ctx().request_repaint();
            }
            if picked.is_some() {
                // The list closed with the choice: the dropdown keeps the
                // keyboard, so Tab goes on to the next cell.
                resp.request_focus();
            }
            if let Some(m) = self.computed.marks.get(&loc) {
                ui.painter().rect_stroke(
                    resp.rect,
                    2.0,
                    (2.0, theme::severity_color(m.severity)),
                    egui::StrokeKind::Inside,
                );
                resp = resp.on_hover_text(m.message.clone());
            }
            resp = super::changes::mark(ui, resp, self.changes.and_then(|c| c.note(loc)));
            if self.scroll_to == Some(loc) {
                resp.scroll_to_me(None);
            }
        });
        picked
    }
}
