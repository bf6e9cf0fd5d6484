//! 文件 → 从 Excel 导入…: the preview of what a spreadsheet holds and what it
//! changes (built by `crate::import::plan` without touching the document),
//! then 导入 as one undo step or 取消; and 文件 → 导出 Excel….
//!
//! Each recognised column's meaning can be changed from a list; the preview
//! is planned again at once, and the choice is remembered (a small RON file
//! beside the installed catalogs, [`Setup::column_memory`]) for workbooks
//! with the same headers.

use super::*;
use crate::import::{Choices, ColumnMeaning, ColumnMemory, Options, Plan};
use crate::model::MoneyUnit;
use egui::RichText;

/// The remembered column choices' file in the user's data folder.
pub const COLUMN_MEMORY_FILE: &str = "import-columns.ron";

/// A remembered-choices file larger than this is not read (it holds a few
/// lines per workbook layout).
const MEMORY_MAX_BYTES: u64 = 1 << 20;

/// A column's meaning changed in the list: (sheet, header path, meaning).
type Pick = (String, String, ColumnMeaning);

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
    /// `按上次的选择：…`, one line per sheet whose remembered column
    /// meanings were applied when the workbook was opened.
    pub recalled: Vec<String>,
    /// The last plan that could be made, whose columns stay on screen when
    /// a choice makes planning fail (so it can be changed back).
    pub last_ok: Option<Box<Plan>>,
    /// The column meanings `last_ok` was made with.
    pub last_ok_columns: crate::import::ColumnOverrides,
}

/// Reads the remembered column choices at `path`: none when there is no
/// file; a file that is not yusuan's (broken, foreign, too large) is
/// ignored, and the message says so.
pub(super) fn load_memory(path: &Path) -> Result<ColumnMemory, String> {
    let ignored = |why: String| format!("已忽略记住的列含义文件 {}：{why}", path.display());
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ColumnMemory::new()),
        Err(e) => return Err(ignored(crate::io::reason(&e))),
        Ok(m) if m.len() > MEMORY_MAX_BYTES => return Err(ignored("文件过大".into())),
        Ok(_) => {}
    }
    let text = std::fs::read_to_string(path).map_err(|e| ignored(crate::io::reason(&e)))?;
    match ron::from_str::<ColumnMemory>(&text) {
        Ok(m) if m.is_ours() => Ok(m),
        Ok(_) => Err(ignored("不是 yusuan 的导入列含义文件".into())),
        Err(e) => Err(ignored(format!("无法读取（{e}）"))),
    }
}

/// Writes the remembered choices through the guarded writer.
fn save_memory(path: &Path, m: &ColumnMemory) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(m, ron::ser::PrettyConfig::default())
        .map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| crate::io::reason(&e))?;
    }
    // Our own file in our own data folder, replaced whole: not an output
    // (those never take a `.ron` name, which documents have) and not a
    // document (no lock).
    let target = crate::io::Target {
        path,
        replace: crate::io::Replace::Confirmed,
        inputs: &[],
        locking: crate::io::write::Locking::None,
    };
    crate::io::write::write(&target, text.as_bytes()).map_err(|e| e.to_string())
}

impl App {
    /// The remembered column choices, when this app remembers them; a
    /// file that cannot be read is ignored and the status bar says so.
    fn column_memory(&mut self) -> Option<ColumnMemory> {
        let path = self.setup.column_memory.clone()?;
        match load_memory(&path) {
            Ok(m) => Some(m),
            Err(why) => {
                self.status = why;
                None
            }
        }
    }

    /// Reads `p` and shows the preview, or says why it cannot be imported.
    /// Column meanings remembered for a workbook with the same headers are
    /// applied first, and the preview says so.
    pub(super) fn import_from(&mut self, p: &Path) {
        let mut opts = Options::default();
        let choices = Choices::default();
        let mut planned = crate::import::plan_file_with(p, &self.doc, &opts, choices);
        let mut recalled = Vec::new();
        // The plan as recognised: its columns stay on screen should the
        // remembered meanings no longer make a plan.
        let mut as_recognised = None;
        if let Ok(plan) = &planned
            && let Some(memory) = self.column_memory()
        {
            let (columns, notes) = memory.recall(plan);
            if !columns.is_empty() {
                opts.columns = columns;
                recalled = notes;
                as_recognised = Some(Box::new(plan.clone()));
                planned = crate::import::plan_file_with(p, &self.doc, &opts, choices);
            }
        }
        // No sheet is a table we import: the columns of those with a
        // header are listed so the preparer can say what they are.
        if let Err(e) = &planned
            && e.nothing_recognised()
            && as_recognised.is_none()
            && let Ok(columns) = crate::import::columns_only(p, &self.doc, &opts)
            && !columns.unread.is_empty()
        {
            as_recognised = Some(Box::new(columns));
        }
        let listed = as_recognised.is_some();
        let draft = |plan: Result<Plan, String>| {
            Dialog::Import(Box::new(ImportDraft {
                source: p.to_path_buf(),
                opts: opts.clone(),
                choices,
                last_ok: match &plan {
                    Ok(p) => Some(Box::new(p.clone())),
                    Err(_) => as_recognised.clone(),
                },
                last_ok_columns: if plan.is_ok() {
                    opts.columns.clone()
                } else {
                    Default::default()
                },
                plan,
                accept_skipped: false,
                recalled: recalled.clone(),
            }))
        };
        self.dialog = Some(match planned {
            Ok(plan) => draft(Ok(plan)),
            // A sheet without its unit, remembered meanings that no longer
            // fit, or columns to give meanings: the preview asks for a
            // choice.
            Err(e) if e.needs_unit() || listed => draft(Err(format!("未导入：{e}"))),
            Err(e) => Dialog::Message(format!("未导入：{e}")),
        });
    }

    /// Remembers the column meanings the import was made with for
    /// workbooks with the same headers (and forgets meanings taken back).
    /// When that fails, a message after the import says so (the import
    /// itself is done).
    fn remember_columns(&mut self, plan: &Plan) {
        let Some(path) = self.setup.column_memory.clone() else {
            return;
        };
        let chose = plan
            .sheets
            .iter()
            .any(|p| p.columns.iter().any(|c| c.chosen.is_some()));
        let mut memory = match load_memory(&path) {
            Ok(m) => m,
            // Never replace a file we cannot read: it may be someone's.
            Err(why) => {
                if chose {
                    self.dialog = Some(Dialog::Message(format!(
                        "已导入。{why}；本次列的选择未记住"
                    )));
                }
                return;
            }
        };
        let before = memory.clone();
        memory.remember(plan);
        if memory != before
            && let Err(why) = save_memory(&path, &memory)
        {
            self.dialog = Some(Dialog::Message(format!(
                "已导入。未能记住列的选择（{}）：{why}",
                path.display()
            )));
        }
    }

    /// Applies a meaning picked from a column's list and plans again.
    fn pick_column(&self, d: &mut ImportDraft, (sheet, header, m): Pick, recognised: bool) {
        if recognised {
            d.opts.columns.clear(Some(&sheet), &header);
        } else {
            d.opts.columns.set(Some(&sheet), &header, m);
        }
        self.replan(d);
    }

    /// The preview again from the draft's choices.
    fn replan(&self, d: &mut ImportDraft) {
        match crate::import::plan_file_with(&d.source, &self.doc, &d.opts, d.choices) {
            Ok(p) => {
                d.last_ok = Some(Box::new(p.clone()));
                d.last_ok_columns = d.opts.columns.clone();
                d.plan = Ok(p);
            }
            Err(e) => {
                // Still no table: its columns as now chosen.
                if e.nothing_recognised()
                    && let Ok(c) = crate::import::columns_only(&d.source, &self.doc, &d.opts)
                    && !c.unread.is_empty()
                {
                    d.last_ok = Some(Box::new(c));
                }
                d.plan = Err(format!("未导入：{e}"));
            }
        }
        d.accept_skipped = false;
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
            self.replan(d);
        }
    }

    /// Writes the workbook (the 错误 question was asked by `export_to`).
    pub(super) fn export_xlsx(&mut self, p: &Path) {
        let parts = self.export_parts();
        self.dialog = Some(match crate::xlsx::export(&self.doc, &parts, p) {
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
        for n in &d.recalled {
            ui.label(
                RichText::new(format!("{n}（可在下面“识别的列”中改回）")).color(
                    crate::ui::theme::severity_color(crate::rules::Severity::Warning),
                ),
            );
        }
        let mut pick: Option<(Pick, bool)> = None;
        let plan = match &d.plan {
            Ok(plan) => plan,
            Err(e) => {
                ui.label(RichText::new(e).color(crate::ui::theme::severity_color(
                    crate::rules::Severity::Error,
                )));
                // The columns of the last preview, so a choice that broke
                // the plan can be changed back.
                let mut back = false;
                if let Some(last) = &d.last_ok {
                    ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        for p in &last.sheets {
                            ui.label(RichText::new(format!("工作表“{}”", p.sheet)).strong());
                            header_grid(ui, Columns::of(p), &mut pick);
                        }
                        for u in &last.unread {
                            ui.label(
                                RichText::new(format!("工作表“{}”（未导入）", u.sheet)).strong(),
                            );
                            header_grid(ui, Columns::unread(u), &mut pick);
                        }
                    });
                    back = d.opts.columns != d.last_ok_columns
                        && ui.button("恢复原来的列含义").clicked();
                }
                let mut close = false;
                if ui.button("取消").clicked() {
                    close = true;
                }
                if back {
                    d.opts.columns = d.last_ok_columns.clone();
                    self.replan(d);
                    return close;
                }
                if let Some((p, recognised)) = pick {
                    self.pick_column(d, p, recognised);
                }
                return close;
            }
        };
        let grouping = plan.grouping();
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
                header_grid(ui, Columns::of(p), &mut pick);
                if let Some(why) = &p.refused {
                    ui.label(RichText::new(format!("未导入：{why}")).color(
                        crate::ui::theme::severity_color(crate::rules::Severity::Error),
                    ));
                }
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
                                .map(|f| format!("{} {}", f.what, f.describe(grouping)))
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
                    let text = c.describe(grouping);
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
                    ui.label(format!("  {}", k.describe(grouping)));
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
                        // A header was found: its columns can be given the
                        // meanings that make it a table to import.
                        if let Some(u) = plan.unread.iter().find(|u| u.sheet == *name) {
                            header_grid(ui, Columns::unread(u), &mut pick);
                        }
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
        // A sheet the chosen meanings make unreadable: nothing is imported
        // until the choice is changed.
        let refusals = plan.refusals();
        for r in &refusals {
            ui.label(RichText::new(format!("无法导入：{r}")).color(
                crate::ui::theme::severity_color(crate::rules::Severity::Error),
            ));
        }
        let ready = (question.is_none() || d.accept_skipped) && refusals.is_empty();
        let mut close = false;
        let mut imported = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("导入")).clicked() {
                close = true;
                imported = true;
                out.push(Command::Edit {
                    edit: Edit::Replace(Box::new(plan.document.clone()), "从 Excel 导入".into()),
                    typing: None,
                });
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
        if imported {
            self.remember_columns(plan);
        } else if let Some((p, recognised)) = pick {
            self.pick_column(d, p, recognised);
        }
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

/// A sheet's columns as the header grid shows them.
struct Columns<'a> {
    sheet: &'a str,
    columns: &'a [crate::import::ColumnMap],
    first_rows: &'a [(usize, Vec<String>)],
    /// False for the 明细 sheet and the purchases tables, read by their
    /// fixed headers.
    choosable: bool,
}

impl<'a> Columns<'a> {
    fn of(p: &'a crate::import::SheetPlan) -> Self {
        Columns {
            sheet: &p.sheet,
            columns: &p.columns,
            first_rows: &p.first_rows,
            // Fixed headers: the 明细 and the 政府采购/购买服务 tables.
            choosable: !matches!(
                p.target,
                crate::import::Target::Detail
                    | crate::import::Target::Procurement
                    | crate::import::Target::PurchasedServices
                    | crate::import::Target::Projects
            ),
        }
    }

    fn unread(u: &'a crate::import::UnreadSheet) -> Self {
        Columns {
            sheet: &u.sheet,
            columns: &u.columns,
            first_rows: &u.first_rows,
            choosable: true,
        }
    }
}

/// The recognised header tree over the sheet's first rows: each column's
/// header path and what it became (coloured by kind, and a list to change
/// it), then the rows as the sheet shows them, so the preparer sees at a
/// glance what was understood.
fn header_grid(ui: &mut Ui, p: Columns, pick: &mut Option<(Pick, bool)>) {
    egui::CollapsingHeader::new(format!("识别的列（{}）", p.columns.len()))
        .id_salt(("import-columns", p.sheet))
        .default_open(true)
        .show(ui, |ui| {
            ScrollArea::horizontal()
                .id_salt(("import-head-scroll", p.sheet))
                .show(ui, |ui| {
                    egui::Grid::new(("import-head", p.sheet))
                        .striped(true)
                        .show(ui, |ui| {
                            ui.label("");
                            for c in p.columns {
                                ui.label(
                                    RichText::new(format!("{} {}", c.cell, c.header)).strong(),
                                );
                            }
                            ui.end_row();
                            ui.label("→");
                            for (i, c) in p.columns.iter().enumerate() {
                                if let Some(m) = meaning_list(ui, &p, i, c) {
                                    *pick = Some((
                                        (p.sheet.to_string(), c.header.clone(), m),
                                        m == c.recognised,
                                    ));
                                }
                            }
                            ui.end_row();
                            for (row, cells) in p.first_rows {
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

/// A column's meaning as a list to choose from (the 明细 sheet's fixed
/// columns are only shown); the meaning picked, when it changed.
fn meaning_list(
    ui: &mut Ui,
    p: &Columns,
    i: usize,
    c: &crate::import::ColumnMap,
) -> Option<ColumnMeaning> {
    let colour = column_colour(ui, &c.meaning);
    if !p.choosable {
        ui.label(RichText::new(&c.meaning).color(colour));
        return None;
    }
    let now = c.effective();
    let mut picked = now;
    let shown = match c.chosen {
        Some(_) => format!("{}（已改）", c.meaning),
        None => c.meaning.clone(),
    };
    egui::ComboBox::from_id_salt(("import-meaning", p.sheet, i))
        .selected_text(RichText::new(shown).color(colour))
        .show_ui(ui, |ui| {
            for m in ColumnMeaning::choices() {
                ui.selectable_value(&mut picked, m, m.label());
            }
        })
        .response
        .accessible_name(format!("{} {} 的含义", c.cell, c.header))
        .on_hover_text(format!("按表头识别为 {}；可改选", c.recognised.label()));
    (picked != now).then_some(picked)
}
