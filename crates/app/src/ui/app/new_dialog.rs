//! 文件 → 新建: a dialog asks 部门名称, 预算年度, 模板, 部门/单位预算 and
//! 金额单位 before an empty document opens. The defaults come from the
//! core's [`crate::start::NewDocument`] (the unit follows the template until
//! the user picks one), so the app and `yusuan new` start alike.

use super::*;
use crate::model::{Entity, MoneyUnit};
use crate::start::NewDocument;
use crate::template::Template;

impl App {
    /// The dialog; true when it closes.
    pub(super) fn new_dialog(&mut self, ui: &mut Ui, d: &mut NewDocument) -> bool {
        ui.heading("新建预算文件");
        egui::Grid::new("new-document")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("部门（单位）名称：");
                let name = ui
                    .add(egui::TextEdit::singleline(&mut d.dept).desired_width(260.0))
                    .accessible_name("部门（单位）名称");
                // The dialog opens ready for typing: the name field takes
                // the keyboard unless something in the dialog already has it.
                if ui.memory(|m| m.focused().is_none()) {
                    name.request_focus();
                }
                ui.end_row();
                ui.label("预算年度：");
                ui.add(egui::DragValue::new(&mut d.year).range(2000..=2100))
                    .accessible_name("预算年度");
                ui.end_row();
                ui.label("模板：");
                let choices = template_choices(ui);
                egui::ComboBox::from_id_salt("new-template")
                    .selected_text(d.template.label())
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for (t, label) in choices.iter() {
                            ui.selectable_value(&mut d.template, t.clone(), label);
                        }
                    })
                    .response
                    .accessible_name("新建文件的模板")
                    .on_hover_text(
                        "所在地区财政部门规定的公开模板（内置或已安装）；金额单位随模板的默认值",
                    );
                ui.end_row();
                ui.label("文件类型：");
                ui.horizontal(|ui| {
                    for e in Entity::ALL {
                        ui.radio_value(&mut d.entity, e, format!("{}预算", e.word()));
                    }
                });
                ui.end_row();
                ui.label("金额单位：");
                ui.horizontal(|ui| {
                    let mut unit = d.unit();
                    for u in MoneyUnit::ALL {
                        ui.radio_value(&mut unit, u, u.label());
                    }
                    if unit != d.unit() {
                        d.unit = Some(unit);
                    }
                    if d.unit.is_none() {
                        ui.weak("（模板默认）");
                    }
                });
                ui.end_row();
            });
        let ready = !d.dept.trim().is_empty();
        if !ready {
            ui.weak("请填写部门（单位）名称");
        }
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("新建")).clicked() {
                close = true;
                self.open_doc(d.build(&crate::catalogs::nearest(d.year)), None);
                self.status = format!(
                    "已新建 {} {} 年度（{}，{}）",
                    d.dept.trim(),
                    d.year,
                    d.template.label(),
                    d.unit().label()
                );
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
        if close {
            // The next 新建 lists the templates installed by then.
            ui.data_mut(|m| m.remove::<Choices>(egui::Id::unique(CHOICES)));
        }
        close
    }
}

type Choices = std::sync::Arc<Vec<(Template, String)>>;
const CHOICES: &str = "new-template-choices";

/// The bundled and installed templates with region, year and table count,
/// read from disk once while the dialog is open.
fn template_choices(ui: &Ui) -> Choices {
    let id = egui::Id::unique(CHOICES);
    if let Some(c) = ui.data(|m| m.get_temp::<Choices>(id)) {
        return c;
    }
    let mut list: Vec<(Template, String)> = Template::ALL
        .into_iter()
        .map(|t| {
            let label = t.spec().describe();
            (t, label)
        })
        .collect();
    for r in crate::templates::installed() {
        let label = format!("{}（已安装）", r.spec.describe());
        list.push((crate::template::reference(&r), label));
    }
    let c = Choices::new(list);
    ui.data_mut(|m| m.insert_temp(id, c.clone()));
    c
}
