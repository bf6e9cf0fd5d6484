//! The command line: `check`, `diff`, `show`, `new`, `export`, `import`,
//! `catalog`, `merge`.
//! Running `yusuan` with
//! no subcommand (or with only a file) opens the desktop app.

use crate::catalog::Catalog;
use crate::compose::ExportOptions;
use crate::derive::table::{Cell, Table};
use crate::model::{Document, Entity, MoneyUnit};
use crate::rules::{self, Severity};
use crate::template::Template;
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
    /// 多个文件或文件夹（或加 --report）时生成审核清单，退出码取最差的文件。
    Check {
        /// 预算文件 (.ron)，或包含预算文件的文件夹
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// 把审核清单写到 .xlsx（汇总、审核发现两个工作表）或 .csv（两个文件）
        #[arg(long)]
        report: Option<PathBuf>,
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
        /// 模板：Wuhan2021（默认）、Wuhan2022、Shanghai2025
        #[arg(long, default_value = "Wuhan2021")]
        template: String,
        /// 金额单位：万元 或 元（默认按模板：上海为元，其余为万元）
        #[arg(long)]
        unit: Option<String>,
        /// 单位预算（默认为部门预算）
        #[arg(long)]
        unit_document: bool,
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
    /// 科目表：导入财政部门下发的科目表，列出已安装的科目表。
    Catalog {
        /// 子命令
        #[command(subcommand)]
        command: crate::catalog::cli::CatalogCommand,
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

/// Prints why an export is refused when `doc` has 错误 findings and `force`
/// is off (true when refused). Otherwise lists what remains open, the
/// forced 错误 and the 警告, so nobody publishes the document unaware.
pub fn refuse_on_errors(doc: &Document, catalog: &Catalog, force: bool) -> bool {
    let findings = rules::check(doc, catalog);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 && !force {
        eprintln!("文件有 {errors} 条错误（用 yusuan check 查看），未导出。确需导出请加 --force。");
        return true;
    }
    let open: Vec<_> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    if !open.is_empty() {
        eprintln!("注意：文件仍有以下 {} 条审核发现：", open.len());
        for f in open {
            eprintln!("  {f}");
        }
    }
    false
}

fn cell_text(t: &Table, c: &Cell) -> String {
    match c {
        // Names are user text: nothing in them may reorder the terminal line.
        Cell::Text(s) => crate::text::visible(s).replace('\n', " "),
        Cell::Money(m) => t.money_text(*m, false),
        Cell::Empty => String::new(),
    }
}

/// Display width: CJK characters take two columns in a terminal.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// A table as aligned text (the header rows joined per column), its
/// caption and unit line first and its empty-table note last.
pub fn render_table(t: &Table) -> String {
    let mut out = format!("{}\n{}\n", crate::text::visible(&t.caption), t.unit_line());
    let head = t.column_titles();
    let rows: Vec<Vec<String>> = std::iter::once(head)
        .chain(
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(|c| cell_text(t, c)).collect()),
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
    if let Some(s) = &t.empty_statement {
        out += s;
        out.push('\n');
    }
    out
}

/// `表1  财政拨款收支预算总表  （万元）`, one line per published table and
/// form of the document's template.
pub fn list_tables(doc: &Document, tables: &[Table]) -> String {
    let m = &doc.meta;
    let spec = m.template.spec();
    let mut out = format!("模板：{}（{}）\n", spec.name, m.template.id());
    for ts in &spec.tables {
        let title = crate::template::fill(&ts.title, &m.dept_name, m.year, m.entity, ts.number, "");
        let unit = tables
            .iter()
            .find(|t| t.number == ts.number)
            .map(|t| format!("（{}）", t.unit.label()))
            .unwrap_or_else(|| "（表单）".into());
        out += &format!("表{}  {}  {}\n", ts.number, title, unit);
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
        Command::Diff { old, new } => crate::diff::run_cli(&old, &new),
        Command::Check { files, report } => {
            let single = match files.as_slice() {
                [f] if report.is_none() && !f.is_dir() => f,
                _ => return crate::checklist::run_cli(&files, report.as_deref()),
            };
            let file = single;
            let doc = match load_or_exit(file) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let findings = rules::check(&doc, &Catalog::for_document(&doc.meta));
            for f in &findings {
                println!("{f}");
            }
            // Open 审阅意见 after the findings; the lines above and the
            // count line keep their form for scripts that read them.
            for c in crate::comments::open_comments(&doc) {
                println!("{c}");
            }
            let count = |s| findings.iter().filter(|f| f.severity == s).count();
            println!(
                "共 {} 条：错误 {}，警告 {}，提示 {}",
                findings.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            );
            let open = crate::comments::open_comments(&doc).count();
            if open > 0 {
                println!("未处理的审阅意见 {open} 条");
            }
            i32::from(count(Severity::Error) > 0)
        }
        Command::Show { file, table, list } => {
            let doc = match load_or_exit(&file) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let tables = derive::published_tables(&doc, &Catalog::for_document(&doc.meta));
            if list {
                print!("{}", list_tables(&doc, &tables));
                return 0;
            }
            match table.and_then(|n| tables.iter().find(|t| t.number == n)) {
                Some(t) => {
                    print!("{}", render_table(t));
                    0
                }
                None => {
                    eprintln!(
                        "本文件的模板（{}）没有数据表 {}，请用 --list 查看",
                        doc.meta.template.label(),
                        table.map(|n| n.to_string()).unwrap_or_default()
                    );
                    2
                }
            }
        }
        Command::Catalog { command } => crate::catalog::cli::run(command),
        Command::Merge {
            check: Some(dept_file),
            ..
        } => crate::merge::run_check(&dept_file),
        Command::Merge {
            units,
            dept,
            output,
            ..
        } => match output {
            Some(out) => crate::merge::run_cli(&units, dept.as_deref().unwrap_or_default(), &out),
            None => {
                eprintln!("请用 -o 给出输出文件");
                2
            }
        },
        Command::New {
            from: Some(from),
            year,
            output,
            ..
        } => crate::rollover::run_cli(&from, year, &output),
        Command::New {
            dept,
            year,
            output,
            template,
            unit,
            unit_document,
            ..
        } => {
            let dept = dept.unwrap_or_default();
            let template = match Template::parse(&template) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("{e}");
                    return 2;
                }
            };
            let unit = match unit.as_deref().map(MoneyUnit::parse).transpose() {
                Ok(u) => u,
                Err(e) => {
                    eprintln!("{e}");
                    return 2;
                }
            };
            if output.exists() {
                eprintln!("文件 {} 已存在，未覆盖", output.display());
                return 2;
            }
            let mut doc = Document::blank(&dept, year);
            doc.meta.template = template;
            doc.meta.unit = unit.unwrap_or(match template {
                Template::Shanghai2025 => MoneyUnit::Yuan,
                _ => MoneyUnit::WanYuan,
            });
            if unit_document {
                doc.meta.entity = Entity::Unit;
            }
            doc.meta.catalog = Some(crate::rollover::catalog_ref(&Catalog::nearest(year)));
            match io::save(&output, &doc) {
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
            let catalog = Catalog::for_document(&doc.meta);
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
