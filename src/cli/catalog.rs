//! `yusuan catalog import|list`: the bodies of the catalog subcommands.

use super::{say, say_raw};
use crate::catalog::{Catalog, Classification, YEARS};
use crate::catalog_import::import;
use crate::catalogs as store;
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// `yusuan catalog …`.
#[derive(Subcommand, Debug)]
pub enum CatalogCommand {
    /// 导入财政部门下发的科目表（xlsx/xls/ods/csv/tsv），先显示各级科目数和跳过的行。
    Import {
        /// 科目表文件
        file: PathBuf,
        /// 科目表年度
        #[arg(long)]
        year: i32,
        /// 版本名称，如“2025-05 修订”（默认取文件名）
        #[arg(long)]
        edition: Option<String>,
        /// 只检查并显示，不安装
        #[arg(long)]
        dry_run: bool,
        /// 有未读到编码等跳过的行时仍然安装（先看清跳过了哪些行）
        #[arg(long)]
        accept_skipped: bool,
    },
    /// 列出已安装和内置的科目表。
    List,
    /// 安装部门预算经济分类与政府预算经济分类的对应关系（TSV，格式同内置的 economic_map.tsv），替换内置的对应关系。
    Correspondence {
        /// 对应关系文件（表头 dept、unit、gov、status、note）
        file: PathBuf,
    },
}

/// Runs a catalog subcommand; returns the exit code.
pub(super) fn run(cmd: CatalogCommand) -> i32 {
    match cmd {
        CatalogCommand::Import {
            file,
            year,
            edition,
            dry_run,
            accept_skipped,
        } => run_import(&file, year, edition.as_deref(), dry_run, accept_skipped),
        CatalogCommand::List => run_list(),
        CatalogCommand::Correspondence { file } => match store::install_correspondence(&file) {
            Ok((path, n)) => {
                say!("已安装对应关系（{n} 条）到 {}", path.display());
                0
            }
            Err(e) => {
                eprintln!("{e}");
                eprintln!("未安装对应关系。");
                2
            }
        },
    }
}

fn run_import(
    file: &Path,
    year: i32,
    edition: Option<&str>,
    dry_run: bool,
    accept_skipped: bool,
) -> i32 {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let edition = edition.map_or(stem, str::to_string);
    let report = match import(file, year, &edition) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("未导入任何科目。");
            return 2;
        }
    };
    say_raw!("{}", report.summary());
    if dry_run {
        say!("（--dry-run：未安装）");
        return 0;
    }
    // A list with rows that were not read is installed only when the user
    // has seen them and says so: a misread layout must not pass silently.
    let unread = report.unread();
    if unread > 0 && !accept_skipped {
        eprintln!(
            "跳过了 {unread} 行（见上面的列表），未安装。核对无误后加 --accept-skipped 再运行即可安装。"
        );
        return 2;
    }
    match store::install(&report.catalog) {
        Ok(p) => {
            say!("已安装到 {}", p.display());
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

fn line(c: &Catalog) -> String {
    let n = |k| c.counts(k).iter().sum::<usize>();
    format!(
        "{} 年  {}  {}  功能 {} 行，经济 {} 行，政府经济 {} 行",
        c.year,
        c.edition,
        c.completeness.label(),
        n(Classification::Function),
        n(Classification::Economic),
        n(Classification::GovEconomic)
    )
}

fn run_list() -> i32 {
    match store::catalog_dir() {
        Some(dir) => {
            say!("已安装（{}）：", dir.display());
            let found = store::scan(&dir);
            if found.is_empty() {
                say!("  （无）");
            }
            for (path, r) in found {
                match r {
                    Ok(c) => say!("  {}  {}", line(&c), path.display()),
                    Err(e) => say!("  无法读取：{e}"),
                }
            }
        }
        None => say!("找不到用户数据文件夹（可设置 {}）", store::DATA_DIR_ENV),
    }
    say!("内置：");
    for y in YEARS {
        if let Ok(c) = Catalog::for_year(y) {
            say!("  {}", line(&c));
        }
    }
    0
}
