//! 文件 → 从 Excel 导入…: the preview of what a spreadsheet holds and what it
//! changes (built by `crate::import::plan` without touching the document),
//! then 导入 as one undo step or 取消; and 文件 → 导出 Excel….

use super::*;
use crate::import::{Choices, Options, Plan};
use crate::model::MoneyUnit;
use egui::RichText;

/// The import preview's state: the file, the choices made in the dialog
/// (the unit of a sheet that does not state it, rounding to cents) and the
/// plan they give, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ImportDraft {
    /// The spreadsheet.
    pub source: PathBuf,
    /// Unit for a sheet that does not state it.
    pub opts: Options,
    /// Rounding to cents.
    pub choices: Choices,
    /// The preview, or the reason nothing can be imported yet.
    pub plan: Result<Plan, String>,
    /// The user accepts that rows with figures are left out.
    pub accept_skipped: bool,
}

impl App {
    /// Reads `p` and shows the preview, or says why it cannot be imported.
    pub(super) fn import_from(&mut self, p: &Path) {
        let opts = Options::default();
        let choices = Choices::default();
        self.dialog = Some(
            match crate::import::plan_file_with(p, &self.doc, &opts, choices) {
                Ok(plan) => Dialog::Import(Box::new(ImportDraft {
                    source: p.to_path_buf(),
                    opts,
                    choices,
                    plan: Ok(plan),
                    accept_skipped: false,
                })),
                // A sheet without its unit: the preview asks for one.
                Err(e) if e.needs_unit() => Dialog::Import(Box::new(ImportDraft {
                    source: p.to_path_buf(),
                    opts,
                    choices,
                    plan: Err(format!("未导入：{e}")),
                    accept_skipped: false,
                })),
                Err(e) => Dialog::Message(format!("未导入：{e}")),
            },
        );
    }

    /// The unit choice and rounding choice; the plan again when one changed.
    fn import_choices(&self, ui: &mut Ui, d: &mut ImportDraft) {
        let before = (d.opts.clone(), d.choices);
        ui.horizontal(|ui| {
            ui.label("表中未写单位时：");
            ui.selectable_value(&mut d.opts.unit, None, "按表中所写");
            for u in MoneyUnit::ALL {
                ui.selectable_value(&mut d.opts.unit, Some(u), format!("按 {} 读取", u.label()));
            }
        });
        if let Ok(plan) = &d.plan
            && (plan.rounding.is_some() || d.choices.round_to_cents)
        {
            ui.checkbox(
                &mut d.choices.round_to_cents,
                format!(
                    "四舍五入到 2 位小数（文档以{}打印两位小数）",
                    self.doc.meta.unit.label()
                ),
            );
        }
        if (d.opts.clone(), d.choices) != before {
            d.plan = crate::import::plan_file_with(&d.source, &self.doc, &d.opts, d.choices)
                .map_err(|e| format!("未导入：{e}"));
        }
    }

    /// Writes the workbook (the 错误 question was asked by `export_to`).
    pub(super) fn export_xlsx(&mut self, p: &Path) {
        self.dialog = Some(match crate::xlsx::export(&self.doc, &self.catalog, p) {
            Ok(r) => Dialog::Exported {
                text: crate::text::exported_message(p, &format!("{} 个工作表", r.sheets), r.bytes),
                path: p.to_path_buf(),
            },
            Err(e) => Dialog::Message(e.to_string()),
        });
    }

    /// Draws the preview; true when it is closed (导入 or 取消).
    pub(super) fn import_preview(
        &mut self,
        ui: &mut Ui,
        d: &mut ImportDraft,
        out: &mut Vec<Command>,
    ) -> bool {
        ui.set_max_width(760.0);
        ui.heading("从 Excel 导入：预览");
        self.import_choices(ui, d);
        let plan = match &d.plan {
            Ok(plan) => plan,
            Err(e) => {
                ui.label(RichText::new(e).color(crate::ui::theme::severity_color(
                    crate::rules::Severity::Error,
                )));
                let mut close = false;
                if ui.button("取消").clicked() {
                    close = true;
                }
                return close;
            }
        };
        ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            // What changes first: it is what the user decides on.
            ui.label(RichText::new("文档将发生的变化").strong());
            for c in &plan.changes {
                ui.label(c);
            }
            ui.separator();
            for p in &plan.sheets {
                ui.label(
                    RichText::new(format!("工作表“{}” → {}", p.sheet, p.target.label())).strong(),
                );
                if p.hidden {
                    ui.label(
                        RichText::new("注意：这是隐藏的工作表（在 Excel 中看不到）").color(
                            crate::ui::theme::severity_color(crate::rules::Severity::Warning),
                        ),
                    );
                }
                ui.label(format!("金额单位：{}（{}）", p.unit.label(), p.unit_source));
                for n in &p.notes {
                    ui.label(format!("说明：{n}"));
                }
                header_grid(ui, p);
                ui.label(format!("导入的行：{} 行", p.rows.len()));
                egui::Grid::new(("import-rows", &p.sheet))
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label("行");
                        ui.label("科目编码");
                        ui.label("名称");
                        ui.label(format!(
                            "金额（表中 → 文档，{}）",
                            plan.document.meta.unit.label()
                        ));
                        ui.end_row();
                        for r in p.rows.iter().take(200) {
                            ui.label(r.row.to_string());
                            ui.label(&r.code);
                            ui.label(crate::text::visible(&r.name));
                            let amounts: Vec<String> = r
                                .amounts
                                .iter()
                                .map(|f| format!("{} {}", f.what, f.describe()))
                                .collect();
                            ui.label(amounts.join("；"));
                            ui.end_row();
                        }
                    });
                if p.rows.len() > 200 {
                    ui.label(format!("……另有 {} 行", p.rows.len() - 200));
                }
                if !p.skipped.is_empty() {
                    ui.collapsing(format!("跳过的行（{}）", p.skipped.len()), |ui| {
                        for (r, why) in &p.skipped {
                            ui.label(format!("第{r}行：{why}"));
                        }
                    });
                }
                for c in &p.checks {
                    let text = c.describe();
                    if c.agrees() {
                        ui.label(text);
                    } else {
                        ui.label(RichText::new(text).color(crate::ui::theme::severity_color(
                            crate::rules::Severity::Error,
                        )));
                    }
                }
                ui.separator();
            }
        });
        for c in &plan.checked {
            let agree = c.checks.iter().filter(|k| k.agrees()).count();
            let bad = c.checks.len() - agree;
            let line = format!(
                "工作表“{}” → 仅作核对：{}（{agree} 处一致，{bad} 处不一致）",
                c.sheet, c.why
            );
            if bad == 0 {
                ui.label(line);
            } else {
                ui.label(RichText::new(line).color(crate::ui::theme::severity_color(
                    crate::rules::Severity::Error,
                )));
                for k in c.checks.iter().filter(|k| !k.agrees()) {
                    ui.label(format!("  {}", k.describe()));
                }
            }
        }
        // The account: rows read, used, checked, skipped (listed above, per
        // sheet); the sheets not used, with why.
        ui.label(crate::import::account_summary(plan));
        if !plan.unused.is_empty() {
            ui.collapsing(
                format!("未使用的工作表（{}）", plan.unused.len()),
                |ui| {
                    for (name, why) in &plan.unused {
                        ui.label(format!("“{name}”：{why}"));
                    }
                },
            );
        }
        if let Some(r) = &plan.rounding {
            ui.label(RichText::new(crate::import::rounding_line(r)).color(
                crate::ui::theme::severity_color(crate::rules::Severity::Warning),
            ));
        }
        let bad = plan.disagreements();
        if bad > 0 {
            ui.label(
                RichText::new(format!(
                    "有 {bad} 处合计/小计与各行之和不一致；导入的是各行数。"
                ))
                .color(crate::ui::theme::severity_color(
                    crate::rules::Severity::Error,
                )),
            );
        }
        let question = plan.lost_question();
        if let Some(q) = &question {
            ui.label(RichText::new(q).color(crate::ui::theme::severity_color(
                crate::rules::Severity::Error,
            )));
            ui.checkbox(&mut d.accept_skipped, "已核对，不导入这些行");
        }
        let ready = question.is_none() || d.accept_skipped;
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("导入")).clicked() {
                close = true;
                out.push(Command::Edit {
                    edit: Edit::Replace(Box::new(plan.document.clone()), "从 Excel 导入".into()),
                    typing: None,
                });
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
        close
    }
}

/// What a column became, for its colour in the header grid.
fn column_colour(ui: &Ui, meaning: &str) -> egui::Color32 {
    if meaning.starts_with('（') {
        ui.visuals().weak_text_color()
    } else if meaning.starts_with("科目") {
        egui::Color32::from_rgb(0x1f, 0x5f, 0xbf)
    } else if meaning.contains("核对") || meaning.starts_with("资金来源") {
        crate::ui::theme::severity_color(crate::rules::Severity::Warning)
    } else {
        egui::Color32::from_rgb(0x2e, 0x7d, 0x32)
    }
}

/// The recognised header tree over the sheet's first rows: each column's
/// header path and what it became (coloured by kind), then the rows as the
/// sheet shows them, so the preparer sees at a glance what was understood.
fn header_grid(ui: &mut Ui, p: &crate::import::SheetPlan) {
    egui::CollapsingHeader::new(format!("识别的列（{}）", p.columns.len()))
        .id_salt(("import-columns", &p.sheet))
        .default_open(true)
        .show(ui, |ui| {
            ScrollArea::horizontal()
                .id_salt(("import-head-scroll", &p.sheet))
                .show(ui, |ui| {
                    egui::Grid::new(("import-head", &p.sheet))
                        .striped(true)
                        .show(ui, |ui| {
                            ui.label("");
                            for c in &p.columns {
                                ui.label(
                                    RichText::new(format!("{} {}", c.cell, c.header)).strong(),
                                );
                            }
                            ui.end_row();
                            ui.label("→");
                            for c in &p.columns {
                                ui.label(
                                    RichText::new(&c.meaning).color(column_colour(ui, &c.meaning)),
                                );
                            }
                            ui.end_row();
                            for (row, cells) in &p.first_rows {
                                ui.label(format!("第{row}行"));
                                for (c, text) in p.columns.iter().zip(cells) {
                                    ui.label(
                                        RichText::new(crate::text::visible(text))
                                            .color(column_colour(ui, &c.meaning)),
                                    );
                                }
                                ui.end_row();
                            }
                        });
                });
        });
}
