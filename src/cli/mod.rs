//! The command line: `check`, `diff`, `show`, `new`, `export`, `import`,
//! `catalog`, `merge`, one file each. Running `yusuan` with no subcommand
//! (or with only a file) opens the desktop app.
//!
//! This module is the only place that prints to a terminal or picks an exit
//! code: the library returns values and errors, a subcommand here loads its
//! files ([`load`]), chooses the 科目表 once ([`catalog_for`]), prints with
//! [`say!`] (a closed pipe ends the output quietly instead of panicking)
//! and maps errors to exit codes (0 done, 1 findings or differences, 2
//! refused or unreadable).

mod catalog;
mod check;
mod diff;
mod export;
mod import;
mod merge;
mod new;
mod show;
mod template;

pub use show::{list_tables, render_table};

use crate::catalog::Catalog;
use crate::model::Document;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// 部门预算编制 — yusuan.
#[derive(Parser, Debug)]
#[command(
    name = "yusuan",
    version,
    about = "部门预算编制：填报、审核、导出部门预算公开文件"
)]
pub struct Cli {
    /// Subcommand; none opens the desktop app.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A .ron file to open in the desktop app.
    pub file: Option<PathBuf>,
}

/// CLI subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// 审核：列出所有审核发现。退出码 0 无错误，1 有错误，2 文件无法读取。
    /// 多个文件或文件夹（或加 --report）时生成审核清单，退出码取最差的文件。
    Check {
        /// 预算文件 (.ron)，或包含预算文件的文件夹
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// 把审核清单写到 .xlsx（汇总、审核发现两个工作表）或 .csv（两个文件）
        #[arg(long)]
        report: Option<PathBuf>,
        /// 上年的预算文件 (.ron)：把本文件的上年数与它的本年数逐项比对
        #[arg(long)]
        prior: Option<PathBuf>,
    },
    /// 比较两个版本：填报内容的变化，以及随之变动的合计。退出码 0 相同，1 不同，2 文件无法读取。
    Diff {
        /// 旧版本 (.ron)
        old: PathBuf,
        /// 新版本 (.ron)
        new: PathBuf,
    },
    /// 显示由数据生成的表 N（按文件所用模板的表号），或用 --list 列出全部表。
    Show {
        /// 预算文件 (.ron)
        file: PathBuf,
        /// 表号（见 --list）
        #[arg(long, required_unless_present = "list")]
        table: Option<u8>,
        /// 列出本文件模板的全部公开表
        #[arg(long)]
        list: bool,
    },
    /// 新建预算文件：空白（--dept），或以上年文件为基础（--from）。
    New {
        /// 部门名称
        #[arg(long, required_unless_present = "from")]
        dept: Option<String>,
        /// 以上年预算文件为基础新建（上年数额成为“上年预算数”）
        #[arg(long, conflicts_with = "dept")]
        from: Option<PathBuf>,
        /// 预算年度
        #[arg(long)]
        year: i32,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
        /// 模板：Wuhan2021（默认）、Wuhan2022、Shanghai2025，或已安装模板的 id（见 yusuan template list）
        #[arg(long, default_value = "Wuhan2021")]
        template: String,
        /// 金额单位：万元 或 元（默认按模板：上海为元，其余为万元）
        #[arg(long)]
        unit: Option<String>,
        /// 单位预算（默认为部门预算）
        #[arg(long)]
        unit_document: bool,
    },
    /// 导出 PDF 或 Excel（.xlsx：每张表一个工作表，绩效表单，以及可再导入的“明细”表）。有“错误”级审核发现时拒绝导出，除非加 --force。
    Export {
        /// 预算文件 (.ron)
        file: PathBuf,
        /// 输出文件（.pdf 或 .xlsx）
        #[arg(short, long)]
        output: PathBuf,
        /// 有错误也导出
        #[arg(long)]
        force: bool,
        /// 零值单元格打印 0.00（默认按模板各表的 zero 设置，未设置的留空）
        #[arg(long)]
        print_zeros: bool,
        /// 输出格式 pdf 或 xlsx（默认按输出文件扩展名）
        #[arg(long, value_parser = ["pdf", "xlsx"])]
        format: Option<String>,
    },
    /// 模板：列出、显示、检查和安装公开模板。
    Template {
        /// 子命令
        #[command(subcommand)]
        command: template::TemplateCommand,
    },
    /// 科目表：导入财政部门下发的科目表，列出已安装的科目表。
    Catalog {
        /// 子命令
        #[command(subcommand)]
        command: catalog::CatalogCommand,
    },
    /// 从 Excel/ODS/CSV 导入数字到预算文件，先显示预览。
    Import {
        /// 表格文件 (.xlsx .xls .ods .csv)
        source: PathBuf,
        /// 导入到的预算文件 (.ron)
        #[arg(long)]
        into: PathBuf,
        /// 只读这个工作表
        #[arg(long)]
        sheet: Option<String>,
        /// 表中没有“单位：”行时的金额单位：元 或 万元
        #[arg(long, value_parser = crate::import::parse_unit)]
        unit: Option<crate::model::MoneyUnit>,
        /// 只显示预览，不修改文件
        #[arg(long)]
        dry_run: bool,
        /// 有带金额的行被跳过时仍然导入（先看清跳过了哪些行）
        #[arg(long)]
        accept_skipped: bool,
        /// 指定一列的含义（可多次）：表头=含义。表头按预览“识别的列”中的写法，
        /// 多行表头用 › 或 > 连接，如 '功能分类科目编码 › 项=科目编码·项'、
        /// '项目支出=基本支出'、'序号=不导入'。含义：科目编码、科目编码·类、
        /// 科目编码·款、科目编码·项、科目名称、合计、基本支出、项目支出、
        /// 上缴上级支出、事业单位经营支出、对附属单位补助支出、人员经费、
        /// 公用经费、“三公”各项、不导入
        #[arg(long = "column", value_name = "表头=含义", value_parser = crate::import::ColumnOverrides::parse_arg)]
        columns: Vec<(String, crate::import::ColumnMeaning)>,
    },
    /// 由所属单位的预算文件汇总部门预算；--check 检查汇总后单位文件是否有变。
    Merge {
        /// 单位预算文件 (.ron)
        #[arg(required_unless_present = "check")]
        units: Vec<PathBuf>,
        /// 部门名称
        #[arg(long, required_unless_present = "check")]
        dept: Option<String>,
        /// 输出的部门预算文件
        #[arg(short, long, required_unless_present = "check")]
        output: Option<PathBuf>,
        /// 检查此汇总文件记录的单位文件是否已变更或缺失（退出码 1 表示需重新汇总）
        #[arg(long, value_name = "DEPT.ron", conflicts_with_all = ["units", "dept", "output"])]
        check: Option<PathBuf>,
    },
}

/// Prints a line to standard output; once the reader has gone (`| head`),
/// further output is dropped instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
/// As [`say!`], without the line break.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}
pub(crate) use {say, say_raw};

/// Reads a document, or prints why not (exit code 2). A document whose
/// template this machine lacks, or has in another version, says so on
/// standard error (it renders from the template it carries).
fn load(file: &Path) -> Result<Document, i32> {
    let doc = crate::io::load(file).map_err(|e| fail(e.in_file(file)))?;
    template_notice(&doc);
    Ok(doc)
}

fn template_notice(doc: &Document) {
    if let Some(n) = crate::templates::notice(&doc.meta.template) {
        eprintln!("{n}");
    }
}

/// Reads a document with the fingerprint of its bytes (for a write back to
/// it), or prints why not (exit code 2).
fn load_fingerprinted(file: &Path) -> Result<(Document, crate::io::Fingerprint), i32> {
    let r = crate::io::load_fingerprinted(file).map_err(|e| fail(e.in_file(file)))?;
    template_notice(&r.0);
    Ok(r)
}

/// The 科目表 a document is checked, shown and exported against: the one
/// it was prepared with when installed, else the nearest year's. Every
/// subcommand asks here, so `check`, `export` to PDF and to xlsx agree.
fn catalog_for(doc: &Document) -> Catalog {
    crate::catalogs::for_document(&doc.meta)
}

/// Prints `why` on standard error; the exit code of a refusal.
fn fail(why: impl std::fmt::Display) -> i32 {
    eprintln!("{why}");
    2
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Diff { old, new } => diff::run(&old, &new),
        Command::Check {
            files,
            report,
            prior,
        } => check::run(&files, report.as_deref(), prior.as_deref()),
        Command::Show { file, table, list } => show::run(&file, table, list),
        Command::Catalog { command } => catalog::run(command),
        Command::Template { command } => template::run(command),
        Command::Merge {
            check: Some(dept_file),
            ..
        } => merge::check(&dept_file),
        Command::Merge {
            units,
            dept,
            output,
            ..
        } => match output {
            Some(out) => merge::run(&units, dept.as_deref().unwrap_or_default(), &out),
            None => fail("请用 -o 给出输出文件"),
        },
        Command::New {
            from: Some(from),
            year,
            output,
            ..
        } => new::from_previous(&from, year, &output),
        Command::New {
            dept,
            year,
            output,
            template,
            unit,
            unit_document,
            ..
        } => new::blank(&new::Blank {
            dept: dept.unwrap_or_default(),
            year,
            output,
            template,
            unit,
            unit_document,
        }),
        Command::Import {
            source,
            into,
            sheet,
            unit,
            dry_run,
            accept_skipped,
            columns,
        } => {
            let mut chosen = crate::import::ColumnOverrides::default();
            for (header, meaning) in &columns {
                chosen.set(None, header, *meaning);
            }
            import::run(
                &source,
                &into,
                &crate::import::Options {
                    sheet,
                    unit,
                    columns: chosen,
                },
                dry_run,
                accept_skipped,
            )
        }
        Command::Export {
            file,
            output,
            force,
            print_zeros,
            format,
        } => export::run(&export::Export {
            file,
            output,
            force,
            print_zeros,
            format,
        }),
    }
}
