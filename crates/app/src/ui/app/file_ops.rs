//! Files from the app: dialogs or the path field, open, save, export, the
//! lock of the open file and the crash-recovery copy.

use super::*;
use crate::io::write::{Locking, Replace, Target, WriteError};

impl App {
    /// Runs a file dialog; falls back to the path field when none can be shown.
    pub(super) fn pick(&mut self, purpose: Purpose) -> Option<PathBuf> {
        // The document's folder; for an untitled one the folder of the file
        // opened last, else the user's documents: never the folder the
        // program happened to be started in.
        let dir = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| {
                self.persisted
                    .recent
                    .iter()
                    .filter_map(|p| p.parent())
                    .find(|d| d.is_dir())
                    .map(Path::to_path_buf)
            })
            .or_else(files::documents_dir);
        let stem = self.path.as_deref().and_then(Path::file_stem).map_or_else(
            || {
                format!(
                    "{}{}年部门预算",
                    self.doc.meta.dept_name, self.doc.meta.year
                )
            },
            |s| s.to_string_lossy().into_owned(),
        );
        let picked = if self.setup.native_dialogs {
            match purpose {
                Purpose::Open => files::pick_open(dir.as_deref()),
                Purpose::SaveAs => files::pick_save(dir.as_deref(), &format!("{stem}.ron")),
                Purpose::Export => files::pick_pdf(dir.as_deref(), &format!("{stem}.pdf")),
                Purpose::ExportXlsx => files::pick_xlsx(dir.as_deref(), &format!("{stem}.xlsx")),
                Purpose::Import | Purpose::CatalogImport => files::pick_sheet(dir.as_deref()),
                Purpose::TemplateImport => files::pick_template(dir.as_deref()),
                Purpose::NewFrom | Purpose::Compare | Purpose::Prior => {
                    files::pick_open(dir.as_deref())
                }
            }
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(p) => Some(p),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                let name = match purpose {
                    Purpose::Open
                    | Purpose::Import
                    | Purpose::CatalogImport
                    | Purpose::TemplateImport
                    | Purpose::NewFrom
                    | Purpose::Compare
                    | Purpose::Prior => String::new(),
                    Purpose::SaveAs => format!("{stem}.ron"),
                    Purpose::Export => format!("{stem}.pdf"),
                    Purpose::ExportXlsx => format!("{stem}.xlsx"),
                };
                // The whole path, in the document's folder: a bare file name
                // would land wherever the program was started.
                let text = match (&dir, name.is_empty()) {
                    (Some(d), false) => d.join(&name).display().to_string(),
                    _ => name,
                };
                self.dialog = Some(Dialog::PathEntry { purpose, text });
                None
            }
        }
    }

    pub(super) fn open_path(&mut self, p: PathBuf) {
        match crate::io::load_fingerprinted(&p) {
            Ok((doc, disk)) => {
                self.remember(&p);
                let notice = crate::templates::notice(&doc.meta.template);
                self.open_doc(doc, Some(p));
                if let Some(n) = notice {
                    self.status = n;
                }
                self.disk = Some(disk);
                self.take_lock();
                self.offer_recovery();
            }
            Err(e) => self.dialog = Some(Dialog::Message(e.to_string())),
        }
    }

    pub(super) fn open_doc(&mut self, doc: Document, path: Option<PathBuf>) {
        if path != self.path {
            self.lock = None;
            self.locked_by = None;
        }
        // A comparison belongs to the document it was made for.
        self.compare = None;
        self.prior = None;
        self.saved = doc.clone();
        self.disk = path.as_deref().and_then(super::on_disk);
        self.path = path;
        self.history.clear();
        self.replace_doc(doc);
        self.dirty = false;
        self.page = Page::Summary;
        self.status = String::new();
    }

    /// Saves to the current path, asking for one when untitled. True when saved.
    pub(super) fn save_now(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => self.save_to(p),
            None => match self.pick(Purpose::SaveAs) {
                Some(p) => self.save_to(p),
                None => false,
            },
        }
    }

    pub(super) fn save_to(&mut self, p: PathBuf) -> bool {
        self.save_replacing(p, false)
    }

    /// Saves to `p`. Over the document's own file, only while that file is
    /// as opened or last saved, unless `overwrite` (the user chose 覆盖
    /// after being told it changed); elsewhere, over what the save dialog
    /// confirmed.
    pub(super) fn save_replacing(&mut self, p: PathBuf, overwrite: bool) -> bool {
        let same = Some(&p) == self.path.as_ref();
        if same && let Some(h) = &self.locked_by {
            self.dialog = Some(Dialog::Message(format!(
                "此文件已由 {} 打开编辑，本窗口为只读，不能保存到原文件。\n请用“另存为”保存到其他文件。",
                h.describe()
            )));
            return false;
        }
        // Saving elsewhere needs that file's lock first.
        let new_lock = if same {
            None
        } else {
            match FileLock::acquire(&p) {
                Ok(l) => Some(l),
                Err(LockError::Held(h)) => {
                    self.dialog = Some(Dialog::Message(format!(
                        "{} 已由 {} 打开编辑，不能覆盖。请换一个文件名。",
                        p.display(),
                        h.describe()
                    )));
                    return false;
                }
                // No lock possible there (read-only folder…): the save will
                // report the real reason if it fails too.
                Err(LockError::Io { .. }) => None,
            }
        };
        let replace = if same && !overwrite {
            Replace::Document(self.disk)
        } else {
            Replace::Confirmed
        };
        let held = if same {
            self.lock.as_ref()
        } else {
            new_lock.as_ref()
        };
        let target = Target {
            path: &p,
            replace,
            inputs: &[],
            locking: held.map_or(Locking::Take, Locking::Held),
        };
        match files::save(&target, &self.doc) {
            Ok(disk) => {
                self.disk = Some(disk);
                self.setup.recovery.remove(self.path.as_deref());
                if !same {
                    self.lock = new_lock;
                    self.locked_by = None;
                }
                self.saved = self.doc.clone();
                self.dirty = false;
                self.status = format!("已保存到 {}", p.display());
                self.remember(&p);
                self.path = Some(p);
                true
            }
            Err(WriteError::ChangedOnDisk { .. }) => {
                self.dialog = Some(Dialog::ChangedOnDisk(p));
                false
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message(e.to_string()));
                false
            }
        }
    }

    /// Exports the PDF; with 错误 or 警告 findings (or unreadable cells) it
    /// lists them and asks first unless `anyway`.
    pub(super) fn export_to(&mut self, p: PathBuf, anyway: bool) {
        // A relative path from the path field is taken from the document's
        // folder, and the message names the whole path.
        let p = match (p.is_relative(), self.path.as_deref().and_then(Path::parent)) {
            (true, Some(dir)) => dir.join(p),
            _ => std::path::absolute(&p).unwrap_or(p),
        };
        let mut open = self.unreadable();
        open.extend(
            self.computed
                .findings
                .iter()
                .filter(|f| f.severity() >= Severity::Warning)
                .cloned(),
        );
        open.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        if !open.is_empty() && !anyway {
            self.dialog = Some(Dialog::ConfirmExport { path: p, open });
            return;
        }
        if crate::xlsx::wants_xlsx(None, &p) {
            self.export_xlsx(&p);
            return;
        }
        let parts = self.export_parts();
        let opts = crate::compose::ExportOptions::default();
        self.dialog = Some(match crate::export::pdf(&self.doc, parts, &opts, &p) {
            Ok(r) => Dialog::Exported {
                text: crate::text::exported_message(&p, &format!("{} 页", r.pages), r.bytes),
                path: p,
            },
            Err(e) => Dialog::Message(e.to_string()),
        });
    }

    pub(super) fn remember(&mut self, p: &Path) {
        let p = p.to_path_buf();
        self.persisted.recent.retain(|q| q != &p);
        self.persisted.recent.insert(0, p);
        self.persisted.recent.truncate(RECENT);
    }

    /// Takes the lock of the current file; opens read-only and asks when
    /// another instance holds it.
    pub(super) fn take_lock(&mut self) {
        let Some(p) = self.path.clone() else {
            return;
        };
        if self.lock.is_some() {
            return;
        }
        match FileLock::acquire(&p) {
            Ok(l) => self.lock = Some(l),
            Err(LockError::Held(h)) => {
                self.locked_by = Some(h.clone());
                self.dialog = Some(Dialog::OpenElsewhere(h));
            }
            // A read-only folder or medium: the file can still be read.
            Err(e @ LockError::Io { .. }) => self.status = e.to_string(),
        }
    }

    /// What an export prints besides the entered document, from the live
    /// derivation of this document state (an export derives nothing again).
    pub(super) fn export_parts(&self) -> crate::compose::Parts {
        crate::narrative::parts_from(&self.doc, &self.catalog, self.computed.derived.clone())
    }

    /// Offers a recovery copy newer than the file. Not while another live
    /// instance holds the file: the copy is then that instance's own.
    pub(super) fn offer_recovery(&mut self) {
        if self.locked_by.is_none()
            && let Some(copy) = self.setup.recovery.pending(self.path.as_deref())
        {
            self.dialog = Some(Dialog::Restore(copy));
        }
    }

    /// 仍然编辑: take the lock from the other instance.
    pub(super) fn take_over(&mut self) {
        let Some(p) = self.path.clone() else {
            return;
        };
        match FileLock::take_over(&p) {
            Ok(l) => {
                self.lock = Some(l);
                self.locked_by = None;
            }
            Err(e) => self.dialog = Some(Dialog::Message(e.to_string())),
        }
    }

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(every) = self.setup.autosave_every else {
            return;
        };
        if !self.dirty || self.autosaved {
            return;
        }
        let now = ctx.input(|i| i.time);
        if now - self.last_autosave >= every.as_secs_f64() {
            self.last_autosave = now;
            // After a failure the next change tries again (not every frame).
            self.autosaved = true;
            if let Err(e) = self.setup.recovery.write(self.path.as_deref(), &self.doc) {
                self.status = e.to_string();
            }
        }
        ctx.request_repaint_after(every);
    }
}
