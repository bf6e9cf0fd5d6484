//! `yusuan template list|show|check|import|use`: the bundled and installed
//! templates, a template's outline, every problem of a template file,
//! installing one (checked and previewed first), and switching a document
//! to one.

use super::{fail, say, say_raw};
use crate::io::{Replace, Target, write};
use crate::template::{Template, TemplateSpec, bundled_text};
use crate::templates as store;
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// `yusuan template …`.
#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    /// 列出内置和已安装的模板：id、名称、地区/年度、表数、来源。
    List,
    /// 显示模板的大纲：各部分、表（表号和标题）、情况说明各段。
    Show {
        /// 模板 id 或名称（内置或已安装）
        name: String,
        /// 输出模板文件的全文（可另存后修改，作为新模板的起点）
        #[arg(long)]
        source: bool,
    },
    /// 检查模板文件，列出全部问题（语法和不认识的字段带行号列号）。退出码 0 无问题，1 有问题，2 无法读取。
    Check {
        /// 模板文件 (.ron)
        file: PathBuf,
    },
    /// 把文件改用另一个模板（内置或已安装的模板 id 或名称）；尚未填数时金额单位随模板，已填数时不变。
    Use {
        /// 预算文件 (.ron)
        file: PathBuf,
        /// 模板 id 或名称
        name: String,
    },
    /// 检查、预览并安装模板文件；有问题时不安装。
    Import {
        /// 模板文件 (.ron)
        file: PathBuf,
        /// 只检查并预览，不安装
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a template subcommand; returns the exit code.
pub(super) fn run(cmd: TemplateCommand) -> i32 {
    match cmd {
        TemplateCommand::List => list(),
        TemplateCommand::Show { name, source } => show(&name, source),
        TemplateCommand::Check { file } => check(&file),
        TemplateCommand::Import { file, dry_run } => import(&file, dry_run),
        TemplateCommand::Use { file, name } => use_template(&file, &name),
    }
}

/// The template named `name`: bundled first, then installed.
fn named(name: &str) -> Result<(Template, &'static str), i32> {
    match Template::parse(name) {
        Ok(t) => Ok((t, "内置")),
        Err(_) => store::by_name(name).map(|t| (t, "已安装")).map_err(fail),
    }
}

/// `yusuan template use DOC NAME`: the document printed in another template,
/// written back under its lock only if nobody changed it since it was read.
fn use_template(file: &Path, name: &str) -> i32 {
    let (t, _) = match named(name) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let (mut doc, loaded) = match super::load_fingerprinted(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let before = doc.meta.template.label();
    let unit_changed = crate::start::switch_template(&mut doc, &t);
    let target = Target::document(file, Replace::Document(Some(loaded)), &[]);
    match write::save_document(&target, &doc) {
        Ok(_) => {
            say!("{} 已由“{before}”改用“{}”", file.display(), t.label());
            if unit_changed {
                say!("尚未填数，金额单位随模板改为{}", doc.meta.unit.label());
            }
            0
        }
        Err(e) => fail(e),
    }
}

/// `Beijing2026  北京 2026  北京市 2026  13 张表  已安装`.
fn line(s: &TemplateSpec, source: &str) -> String {
    format!("{}  {}  {}", s.id, s.describe(), source)
}

fn list() -> i32 {
    say!("id  名称  地区/年度  表数  来源");
    for t in Template::ALL {
        say!("{}", line(t.spec(), "内置"));
    }
    match store::template_dir() {
        Some(dir) => {
            for i in store::scan(&dir) {
                match i.resolved {
                    Ok(r) => say!("{}", line(&r.spec, "已安装")),
                    Err(e) => say!("无法读取 {}：{e}", i.path.display()),
                }
            }
            say!("（已安装的模板在 {}）", dir.display());
        }
        None => say!(
            "找不到用户数据文件夹（可设置 {}）",
            crate::catalogs::DATA_DIR_ENV
        ),
    }
    0
}

fn show(name: &str, source: bool) -> i32 {
    let (t, from) = match named(name) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if source {
        // The template's own text (an edition's, not its parents'): what an
        // author copies to start a new one.
        let own = bundled_text(t.id())
            .or_else(|| t.carried().and_then(|c| c.first()).map(String::as_str));
        return match own {
            Some(text) => {
                say_raw!("{text}");
                0
            }
            None => fail(format!("模板“{}”没有可显示的原文", t.label())),
        };
    }
    say_raw!("{}", t.spec().outline());
    say!("来源：{from}");
    0
}

fn check(file: &Path) -> i32 {
    let text = match store::read_text(file) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}：{e}", file.display())),
    };
    let problems = store::check_text(&text);
    if problems.is_empty() {
        say!("{}：没有发现问题", file.display());
        return 0;
    }
    say!("{}：{} 处问题", file.display(), problems.len());
    for p in &problems {
        say!("  {p}");
    }
    1
}

fn import(file: &Path, dry_run: bool) -> i32 {
    let text = match store::read_text(file) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}：{e}\n未安装。", file.display())),
    };
    let problems = store::check_text(&text);
    if !problems.is_empty() {
        eprintln!("{}：{} 处问题", file.display(), problems.len());
        for p in &problems {
            eprintln!("  {p}");
        }
        eprintln!("未安装。");
        return 2;
    }
    let resolved = match store::resolve_text(&text) {
        Ok(r) => r,
        Err(e) => return fail(format!("{e}\n未安装。")),
    };
    say_raw!("{}", resolved.spec.outline());
    if bundled_text(&resolved.spec.id).is_some() {
        return fail(format!(
            "“{}”是内置模板的 id，不能替换；请换一个 id。未安装。",
            resolved.spec.id
        ));
    }
    if dry_run {
        say!("（--dry-run：未安装）");
        return 0;
    }
    match store::install(&text) {
        Ok(i) if i.unchanged => {
            say!("已安装过内容相同的模板（{}），未改动", i.path.display());
            0
        }
        Ok(i) => {
            if i.replaced {
                say!("已替换内容不同的已安装模板“{}”", resolved.spec.id);
            }
            say!("已安装到 {}", i.path.display());
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{bundled_lookup, resolve};

    #[test]
    fn the_outline_lists_every_table() {
        for t in Template::ALL {
            let text = bundled_text(t.id()).unwrap_or_default();
            let r = resolve(text, &bundled_lookup).unwrap();
            let o = r.spec.outline();
            for table in &r.spec.tables {
                assert!(o.contains(&table.title), "{o}");
            }
        }
    }
}
