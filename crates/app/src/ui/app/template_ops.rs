//! 模板 → 导入模板…: a template file checked and outlined before it is
//! installed, as 科目表 → 导入… previews a list. The work is the files
//! crate's (`templates`); this file only asks and shows.

use super::*;
use crate::templates as store;

impl App {
    /// Reads and checks the template at `p`; shows its outline, or every
    /// problem. Nothing is stored yet.
    pub(super) fn preview_template(&mut self, p: &Path) {
        let text = match store::read_text(p) {
            Ok(t) => t,
            Err(e) => {
                self.dialog = Some(Dialog::Message(format!("未导入模板：{e}")));
                return;
            }
        };
        let problems = store::check_text(&text);
        let preview = if problems.is_empty() {
            store::resolve_text(&text)
                .map(|r| r.spec.outline())
                .map_err(|e| vec![e.to_string()])
        } else {
            Err(problems.iter().map(ToString::to_string).collect())
        };
        let replaces = store::resolve_text(&text).is_ok_and(|r| {
            store::template_dir()
                .and_then(|d| {
                    store::read_text(&d.join(format!("{}.{}", r.spec.id, store::EXTENSION))).ok()
                })
                .is_some_and(|old| old != text)
        });
        self.dialog = Some(Dialog::TemplatePreview {
            path: p.to_path_buf(),
            preview,
            replaces,
        });
    }

    /// Installs the previewed template (read and checked again: the file
    /// may have changed since the preview).
    pub(super) fn install_template(&mut self, p: &Path) {
        let done = store::read_text(p).and_then(|text| store::install(&text));
        self.dialog = Some(Dialog::Message(match done {
            Ok(i) if i.unchanged => {
                format!("已安装过内容相同的模板，未改动（{}）", i.path.display())
            }
            Ok(i) => format!(
                "已{}模板\n保存在 {}\n新建文件时可以选用。",
                if i.replaced { "替换" } else { "安装" },
                i.path.display()
            ),
            Err(e) => format!("未安装模板：{e}"),
        }));
    }
}
