//! The command line: `check`, `show`, `new`, `export`, `import`. Running `yusuan` with
//! no subcommand (or with only a file) opens the desktop app.

use crate::catalog::Catalog;
use crate::derive::table::{Cell, Table};
use crate::layout::ExportOptions;
use crate::model::Document;
use crate::rules::{self, Severity};
use crate::{derive, io, narrative, pdf};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    Check {
        /// 预算文件 (.ron)
        file: PathBuf,
    },
    /// 显示由数据生成的表 N（1–8）。
    Show {
        /// 预算文件 (.ron)
        file: PathBuf,
        /// 表号 1–8
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=8))]
        table: u8,
    },
    /// 新建一个空白预算文件。
    New {
        /// 部门名称
        #[arg(long)]
        dept: String,
        /// 预算年度
        #[arg(long)]
        year: i32,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 导出 PDF。有“错误”级审核发现时拒绝导出，除非加 --force。
    Export {
        /// 预算文件 (.ron)
        file: PathBuf,
        /// 输出 PDF
        #[arg(short, long)]
        output: PathBuf,
        /// 有错误也导出
        #[arg(long)]
        force: bool,
        /// 零值单元格打印 0.00（默认留空）
        #[arg(long)]
        print_zeros: bool,
        /// 输出格式 pdf 或 xlsx（默认按输出文件扩展名）
        #[arg(long, value_parser = ["pdf", "xlsx"])]
        format: Option<String>,
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
        unit: Option<crate::import::Unit>,
        /// 只显示预览，不修改文件
        #[arg(long)]
        dry_run: bool,
    },
}

/// Prints why an export is refused when `doc` has 错误 findings and `force`
/// is off; true when refused.
pub fn refuse_on_errors(doc: &Document, catalog: &Catalog, force: bool) -> bool {
    let errors = rules::check(doc, catalog)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 && !force {
        eprintln!("文件有 {errors} 条错误（用 yusuan check 查看），未导出。确需导出请加 --force。");
        return true;
    }
    false
}

fn cell_text(c: &Cell) -> String {
    match c {
        // Names are user text: nothing in them may reorder the terminal line.
        Cell::Text(s) => crate::text::visible(s).replace('\n', " "),
        Cell::Money(m) => m.display_blank_zero(),
        Cell::Empty => String::new(),
    }
}

/// Display width: CJK characters take two columns in a terminal.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// A table as aligned text (the last header row names the columns).
pub fn render_table(dept: &str, year: i32, t: &Table) -> String {
    let mut out = format!("表{}.{}{}年{}\n单位：万元\n", t.number, dept, year, t.title);
    if let Some(s) = &t.empty_statement {
        out += s;
        out.push('\n');
        return out;
    }
    let mut head: Vec<String> = vec![String::new(); t.columns.len()];
    // Walk the header rows so that spanned cells land in the right columns.
    let mut taken = vec![0usize; t.columns.len()];
    for (r, row) in t.header.iter().enumerate() {
        let mut col = 0;
        for h in row {
            while col < taken.len() && taken[col] > r {
                col += 1;
            }
            for k in col..(col + h.colspan).min(head.len()) {
                if !head[k].is_empty() {
                    head[k].push('/');
                }
                head[k] += &h.text;
                taken[k] = r + h.rowspan;
            }
            col += h.colspan;
        }
    }
    let rows: Vec<Vec<String>> = std::iter::once(head)
        .chain(
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(cell_text).collect()),
        )
        .collect();
    let widths: Vec<usize> = (0..t.columns.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |s| width(s)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let pad = " ".repeat(widths[i].saturating_sub(width(s)));
                if matches!(t.columns[i].align, crate::derive::table::Align::Right) {
                    pad + s
                } else {
                    s.clone() + &pad
                }
            })
            .collect();
        out += line.join("  ").trim_end();
        out.push('\n');
    }
    out
}

pub(crate) fn load_or_exit(file: &std::path::Path) -> Result<Document, i32> {
    io::load(file).map_err(|e| {
        eprintln!("{}", e.in_file(file));
        2
    })
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Check { file } => {
            let doc = match load_or_exit(&file) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let findings = rules::check(&doc, &Catalog::nearest(doc.meta.year));
            for f in &findings {
                println!("{f}");
            }
            let count = |s| findings.iter().filter(|f| f.severity == s).count();
            println!(
                "共 {} 条：错误 {}，警告 {}，提示 {}",
                findings.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            );
            i32::from(count(Severity::Error) > 0)
        }
        Command::Show { file, table } => {
            let doc = match load_or_exit(&file) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let d = derive::derive(&doc, &Catalog::nearest(doc.meta.year));
            match d.table(table) {
                Some(t) => {
                    print!("{}", render_table(&doc.meta.dept_name, doc.meta.year, t));
                    0
                }
                None => 2,
            }
        }
        Command::New { dept, year, output } => {
            if output.exists() {
                eprintln!("文件 {} 已存在，未覆盖", output.display());
                return 2;
            }
            match io::save(&output, &Document::blank(&dept, year)) {
                Ok(()) => {
                    println!("已新建 {}", output.display());
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
        Command::Import {
            source,
            into,
            sheet,
            unit,
            dry_run,
        } => crate::import::run_cli(
            &source,
            &into,
            &crate::import::Options { sheet, unit },
            dry_run,
        ),
        Command::Export {
            file,
            output,
            force,
            print_zeros,
            format,
        } => {
            if crate::xlsx::wants_xlsx(format.as_deref(), &output) {
                return crate::xlsx::run_cli(&file, &output, force);
            }
            let doc = match load_or_exit(&file) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let catalog = Catalog::nearest(doc.meta.year);
            if refuse_on_errors(&doc, &catalog, force) {
                return 1;
            }
            let opts = ExportOptions {
                print_zeros,
                ..Default::default()
            };
            match pdf::export(&doc, &narrative::parts(&doc, &catalog), &opts, &output) {
                Ok(r) => {
                    println!(
                        "已导出 {}：{} 页，{} 字节",
                        output.display(),
                        r.pages,
                        r.bytes
                    );
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
    }
}
