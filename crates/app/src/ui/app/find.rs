//! 编辑 → 查找 (Ctrl+F): finds a 科目 code or name, a project or any text
//! of the document and jumps to it. Each hit names its place by identity
//! (the 科目, the project, the indicator), and the jump goes to where that
//! place is in the document at the moment it is taken.

use super::*;
use crate::location::Place;

/// Hits listed at most.
const LIMIT: usize = 200;

/// The 查找 dialog's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindDraft {
    /// What is searched for.
    pub query: String,
    /// The highlighted hit.
    pub selected: usize,
    /// True once the query field was given the keyboard.
    focused: bool,
}

/// One text of the document that holds the query.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Where, by identity.
    pub place: Place,
    /// The text around the match, on one line.
    pub excerpt: String,
}

/// Every printed text of `doc` holding `query` (case-insensitive), in the
/// document's order; at most [`LIMIT`].
pub fn find(doc: &Document, query: &str) -> Vec<Hit> {
    let q = query.trim().to_lowercase();
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    doc.for_each_text(|key, text| {
        if out.len() >= LIMIT || !key.is_printed() {
            return;
        }
        let lower = text.to_lowercase();
        let Some(at) = lower.find(&q) else {
            return;
        };
        let loc = crate::rules::text_location(doc, key);
        let place = Place::of(doc, loc);
        // A 科目 name or code is the place's own label: said once.
        let excerpt = if place.describe(doc).contains(text.trim()) {
            String::new()
        } else {
            excerpt(text, lower[..at].chars().count(), q.chars().count())
        };
        out.push(Hit { place, excerpt });
    });
    out
}

/// Up to 40 characters of `text` around the match at character `start`.
fn excerpt(text: &str, start: usize, len: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let from = start.saturating_sub(12);
    let to = (start + len + 28).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}

impl App {
    /// Draws the 查找 dialog; true when it is to close.
    pub(super) fn find_dialog(
        &mut self,
        ui: &mut Ui,
        d: &mut FindDraft,
        out: &mut Vec<Command>,
    ) -> bool {
        ui.heading("查找");
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut d.query)
                    .hint_text("科目编码或名称、项目名称、任何文字")
                    .desired_width(400.0),
            )
            .accessible_name("查找内容");
        if !d.focused {
            resp.request_focus();
            d.focused = true;
        }
        if resp.changed() {
            d.selected = 0;
        }
        let hits = find(&self.doc, &d.query);
        let (down, up, enter, esc) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.key_pressed(Key::Enter),
                i.key_pressed(Key::Escape),
            )
        });
        if down {
            d.selected = (d.selected + 1).min(hits.len().saturating_sub(1));
        }
        if up {
            d.selected = d.selected.saturating_sub(1);
        }
        if esc {
            return true;
        }
        let mut go: Option<usize> = None;
        if enter && !hits.is_empty() {
            go = Some(d.selected.min(hits.len() - 1));
        }
        if d.query.trim().is_empty() {
            ui.weak("输入要查找的内容；↑/↓ 选择，回车转到，Esc 关闭");
        } else if hits.is_empty() {
            ui.label("没有找到");
        } else {
            let more = if hits.len() >= LIMIT {
                "（仅列出前面部分）"
            } else {
                ""
            };
            ui.label(format!("找到 {} 处{more}；↑/↓ 选择，回车转到", hits.len()));
            egui::ScrollArea::vertical()
                .id_salt("find-hits")
                .max_height(300.0)
                .show(ui, |ui| {
                    for (i, h) in hits.iter().enumerate() {
                        let place = h.place.describe(&self.doc);
                        let text = if h.excerpt.is_empty() {
                            place
                        } else {
                            format!("{place}：{}", h.excerpt)
                        };
                        let selected = i == d.selected;
                        let r = ui.add(egui::Button::selectable(selected, text).truncate());
                        if selected && (up || down) {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            go = Some(i);
                        }
                    }
                });
        }
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.button("关闭").clicked() {
                close = true;
            }
        });
        if let Some(i) = go {
            // The place is looked up now: where its 科目 or project is.
            if let Some(loc) = hits.get(i).and_then(|h| h.place.resolve(&self.doc)) {
                out.push(Command::Focus(loc));
            }
            return true;
        }
        close
    }
}
