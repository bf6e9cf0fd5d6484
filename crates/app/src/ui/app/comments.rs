//! 审阅意见 in the app: the reviewer adds one to the selected cell or to a
//! finding (审阅 mode), the 填报人 sees the open ones in the 审核 panel,
//! jumps to their cell and marks them resolved with a reply. Both are
//! [`Edit`]s, so undo works and the file is marked modified.

use super::*;
use crate::comments::{Comment, Reply, open_comments};
use crate::location::Place;
use crate::ui::theme;

/// The 添加审阅意见 dialog being filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct CommentDraft {
    /// Where the comment goes.
    pub at: Location,
    /// The finding's rule, for a comment on a finding.
    pub rule: Option<String>,
    /// 审阅人.
    pub author: String,
    /// The comment.
    pub text: String,
}

/// The 处理审阅意见 dialog being filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolveDraft {
    /// Index of the comment in the document.
    pub index: usize,
    /// 答复人.
    pub author: String,
    /// The reply.
    pub text: String,
}

impl App {
    /// Undo is possible: in 审阅 mode only for a comment step.
    pub(super) fn can_undo(&self) -> bool {
        self.history.undo_label().is_some()
            && (!self.read_only() || (self.locked_by.is_none() && self.history.undo_is_comment()))
    }

    /// Redo is possible: in 审阅 mode only for a comment step.
    pub(super) fn can_redo(&self) -> bool {
        self.history.redo_label().is_some()
            && (!self.read_only() || (self.locked_by.is_none() && self.history.redo_is_comment()))
    }

    pub(super) fn open_comment_dialog(&mut self, at: Location, rule: Option<String>) {
        if self.locked_by.is_some() {
            return;
        }
        self.dialog = Some(Dialog::Comment(CommentDraft {
            at,
            rule,
            author: self.persisted.reviewer.clone(),
            text: String::new(),
        }));
    }

    pub(super) fn open_resolve_dialog(&mut self, index: usize) {
        if self.locked_by.is_some() || self.doc.review.comments.get(index).is_none() {
            return;
        }
        self.dialog = Some(Dialog::Resolve(ResolveDraft {
            index,
            author: self.doc.meta.preparer.trim().to_string(),
            text: String::new(),
        }));
    }

    /// The 添加审阅意见 dialog; true when it closes.
    pub(super) fn comment_dialog(
        &mut self,
        ui: &mut Ui,
        d: &mut CommentDraft,
        out: &mut Vec<Command>,
    ) -> bool {
        ui.heading("添加审阅意见");
        let place = Place::of(&self.doc, d.at).label;
        ui.label(match &d.rule {
            Some(r) => format!("位置：{place}（审核发现 {r}）"),
            None => format!("位置：{place}"),
        });
        ui.horizontal(|ui| {
            ui.label("审阅人");
            ui.add(egui::TextEdit::singleline(&mut d.author).desired_width(200.0))
                .accessible_name("审阅人姓名");
        });
        ui.add(
            egui::TextEdit::multiline(&mut d.text)
                .desired_rows(4)
                .desired_width(400.0)
                .hint_text("请写明需要核对或修改的内容"),
        )
        .accessible_name("审阅意见内容");
        let ready = !d.author.trim().is_empty() && !d.text.trim().is_empty();
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("添加")).clicked() {
                close = true;
                self.persisted.reviewer = d.author.trim().to_string();
                let mut c = Comment::on(&self.doc, d.at, &d.author, &d.text);
                c.rule = d.rule.clone();
                out.push(Command::Edit {
                    edit: Edit::AddComment(Box::new(c)),
                    typing: None,
                });
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
        if !ready {
            ui.weak("请填写审阅人和意见。");
        }
        close
    }

    /// The 处理审阅意见 dialog; true when it closes.
    pub(super) fn resolve_dialog(
        &mut self,
        ui: &mut Ui,
        d: &mut ResolveDraft,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(c) = self.doc.review.comments.get(d.index) else {
            return true;
        };
        ui.heading("处理审阅意见");
        ui.label(format!("{}：{}", c.place(&self.doc), c.text));
        ui.weak(c.byline());
        ui.horizontal(|ui| {
            ui.label("答复人");
            ui.add(egui::TextEdit::singleline(&mut d.author).desired_width(200.0))
                .accessible_name("答复人姓名");
        });
        ui.add(
            egui::TextEdit::multiline(&mut d.text)
                .desired_rows(3)
                .desired_width(400.0)
                .hint_text("说明如何处理（可留空）"),
        )
        .accessible_name("答复内容");
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.button("标为已处理").clicked() {
                close = true;
                let reply = Reply {
                    author: d.author.trim().to_string(),
                    time: crate::comments::now(),
                    text: d.text.trim().to_string(),
                };
                out.push(Command::Edit {
                    edit: Edit::ResolveComment(d.index, reply),
                    typing: None,
                });
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
        close
    }

    /// The 审阅意见 part of the 审核 panel: in 审阅 mode the button that
    /// comments on the selected cell, then the open comments (each a link to
    /// its cell, with 处理…), then the resolved ones as history.
    pub(super) fn comment_list(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let can_edit = self.locked_by.is_none();
        if self.review && can_edit {
            ui.horizontal(|ui| {
                let sel = self.review_selected;
                let label = sel.map_or_else(
                    || "（在表中点击一个单元格，或用审核发现后的“提意见”）".to_string(),
                    |l| format!("选中：{}", Place::of(&self.doc, l).label),
                );
                if ui
                    .add_enabled(sel.is_some(), egui::Button::new("添加审阅意见…"))
                    .clicked()
                    && let Some(at) = sel
                {
                    out.push(Command::CommentOn { at, rule: None });
                }
                ui.weak(label);
            });
        }
        let comments = &self.doc.review.comments;
        for (i, c) in comments.iter().enumerate().filter(|(_, c)| !c.resolved) {
            ui.horizontal(|ui| {
                ui.colored_label(theme::COMMENT, "审阅意见");
                if let Some(r) = &c.rule {
                    let shown = ui.monospace(r);
                    if let Some(rule) = crate::rules::Rule::from_id(r) {
                        shown.on_hover_text(rule.title());
                    }
                }
                let text = format!("{}：{}", c.place(&self.doc), c.text);
                jump(ui, text, c.location(&self.doc), out);
                ui.weak(c.byline());
                if can_edit && ui.small_button("处理…").clicked() {
                    out.push(Command::ResolveComment(i));
                }
            });
        }
        let resolved = comments.iter().filter(|c| c.resolved).count();
        if resolved > 0 {
            egui::CollapsingHeader::new(format!("已处理的审阅意见（{resolved}）"))
                .id_salt("resolved-comments")
                .show(ui, |ui| {
                    for c in comments.iter().filter(|c| c.resolved) {
                        ui.horizontal_wrapped(|ui| {
                            // Text, not a check mark: the bundled CJK fonts
                            // have no ✔ glyph.
                            ui.weak("已处理");
                            if let Some(r) = &c.rule {
                                ui.monospace(r);
                            }
                            let text = format!("{}：{}", c.place(&self.doc), c.text);
                            jump(ui, text, c.location(&self.doc), out);
                            ui.weak(c.byline());
                            for r in &c.replies {
                                ui.label(format!(
                                    "答复：{}（{} {}）",
                                    r.text,
                                    r.author,
                                    crate::comments::time_text(r.time)
                                ));
                            }
                        });
                    }
                });
        }
    }

    /// Number of open comments (for the 审核 panel's count).
    pub(super) fn open_comment_count(&self) -> usize {
        open_comments(&self.doc).count()
    }
}

/// A comment's place as a link to its cell; a place that no longer exists
/// is plain text saying so (nothing to jump to).
fn jump(ui: &mut Ui, text: String, at: Option<Location>, out: &mut Vec<Command>) {
    match at {
        Some(loc) => {
            if ui.link(text).on_hover_text("转到该单元格").clicked() {
                out.push(Command::Focus(loc));
            }
        }
        None => {
            ui.label(text)
                .on_hover_text("该位置已被删除，意见内容仍保留");
        }
    }
}
