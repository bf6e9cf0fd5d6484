//! The guarded writer from the outside: every command that writes refuses
//! an output over its input or over a budget document, respects the lock,
//! follows symlinks, refuses read-only files and never loses an update made
//! by another writer in between (each test failed on main before the
//! writer: `export -o doc.ron` replaced the document, imports ignored the
//! lock, a save replaced a symlink).

use super::support::yusuan;
use std::fs;
use std::path::{Path, PathBuf};
use yusuan::io::lock::FileLock;
use yusuan::io::write::{self, Locking, Replace, Target};
use yusuan::io::{self, Fingerprint, WriteError};
use yusuan::model::Document;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The example saved in a fresh folder.
fn example_in(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, super::EXAMPLE).expect("write example");
    p
}

/// Two amounts in a CSV the importer recognises (一般公共预算 by 功能科目).
fn sheet(dir: &Path, name: &str, basic: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(
        &p,
        format!("单位：万元\n科目编码,科目名称,合计,基本支出,项目支出\n2010101,行政运行,{basic},{basic},0\n"),
    )
    .expect("write csv");
    p
}

#[test]
fn export_never_replaces_a_budget_document() {
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "预算.ron");
    let other = example_in(dir.path(), "另一份.ron");
    let before = fs::read(&doc).unwrap();
    let renamed = dir.path().join("误改名.pdf");
    fs::write(&renamed, &before).unwrap();
    for (out, format) in [
        (&doc, "pdf"),
        (&doc, "xlsx"),
        (&other, "pdf"),
        (&renamed, "pdf"),
        (&dir.path().join("新.ron"), "xlsx"),
    ] {
        let (code, text) = yusuan(&[
            "export",
            s(&doc),
            "-o",
            s(out),
            "--force",
            "--format",
            format,
        ]);
        assert_eq!(code, 2, "{out:?} {format}: {text}");
        assert!(text.contains("预算文件"), "{text}");
    }
    assert_eq!(fs::read(&doc).unwrap(), before);
    assert_eq!(fs::read(&other).unwrap(), before);
    assert_eq!(fs::read(&renamed).unwrap(), before);
    assert!(!dir.path().join("新.ron").exists());
    // A real output still works, and may be replaced by the next export.
    let pdf = dir.path().join("预算.pdf");
    for _ in 0..2 {
        let (code, text) = yusuan(&["export", s(&doc), "-o", s(&pdf), "--force"]);
        assert_eq!(code, 0, "{text}");
    }
}

#[test]
fn writers_respect_a_lock_held_by_a_live_process() {
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "预算.ron");
    let csv = sheet(dir.path(), "表.csv", "300");
    let before = fs::read(&doc).unwrap();
    // This test process holds the lock, as an open app would.
    let lock = FileLock::acquire(&doc).unwrap();
    let (code, text) = yusuan(&["import", s(&csv), "--into", s(&doc)]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("打开编辑"), "{text}");
    assert_eq!(fs::read(&doc).unwrap(), before);
    drop(lock);
    let (code, text) = yusuan(&["import", s(&csv), "--into", s(&doc)]);
    assert_eq!(code, 0, "{text}");
    assert_ne!(fs::read(&doc).unwrap(), before);
}

#[test]
fn a_save_never_replaces_what_another_writer_saved_in_between() {
    let dir = tempfile::tempdir().unwrap();
    let p = example_in(dir.path(), "预算.ron");
    let (mut mine, loaded) = io::load_fingerprinted(&p).unwrap();
    // Someone else saves first.
    let mut theirs = mine.clone();
    theirs.meta.dept_name = "对方的修改".into();
    io::save(&p, &theirs).unwrap();
    mine.meta.dept_name = "我的修改".into();
    let t = Target::document(&p, Replace::Document(Some(loaded)), &[]);
    assert!(matches!(
        write::save_document(&t, &mine),
        Err(WriteError::ChangedOnDisk { .. })
    ));
    assert_eq!(io::load(&p).unwrap().meta.dept_name, "对方的修改");
}

/// Random concurrent writers on one folder: documents saved by threads
/// that each load, change and save back (as import, merge and the app do),
/// and outputs (PDF/xlsx bytes) written under random names, some of them
/// the documents' own. Every save that reported success is in the final
/// file (no update lost without a refusal), and no output ever replaced a
/// document.
#[test]
fn concurrent_writers_lose_no_update_and_replace_no_document() {
    let rounds: usize = std::env::var("YUSUAN_WRITER_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<PathBuf> = (0..2)
        .map(|i| {
            let p = dir.path().join(format!("单位{i}.ron"));
            let mut d = Document::blank(&format!("单位{i}"), 2027);
            d.meta.preparer = String::new();
            io::save(&p, &d).unwrap();
            p
        })
        .collect();
    let outputs: Vec<PathBuf> = vec![
        dir.path().join("a.pdf"),
        dir.path().join("b.xlsx"),
        docs[0].clone(),
        docs[1].clone(),
    ];
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for w in 0..4 {
            let docs = &docs;
            handles.push(scope.spawn(move || {
                let mut won = Vec::new();
                for r in 0..rounds {
                    let p = &docs[(w + r) % docs.len()];
                    let Ok((mut d, fp)) = io::load_fingerprinted(p) else {
                        continue;
                    };
                    let mark = format!("w{w}r{r}");
                    d.meta.preparer.push_str(&format!("{mark};"));
                    let t = Target::document(p, Replace::Document(Some(fp)), &[]);
                    if write::save_document(&t, &d).is_ok() {
                        won.push((p.clone(), mark));
                    }
                }
                won
            }));
        }
        for w in 0..2 {
            let outputs = &outputs;
            scope.spawn(move || {
                for r in 0..rounds * 2 {
                    let out = &outputs[(w * 3 + r) % outputs.len()];
                    let _ = write::write(&Target::output(out, &[]), b"%PDF-1.7 not a document");
                }
            });
        }
        let mut saves = 0;
        for h in handles {
            for (p, mark) in h.join().unwrap() {
                saves += 1;
                let now = io::load(&p).expect("still a document");
                assert!(
                    now.meta.preparer.contains(&format!("{mark};")),
                    "{mark} reported saved but lost from {p:?}"
                );
            }
        }
        assert!(saves > 0, "no save went through at all");
    });
    for d in &docs {
        assert!(io::load(d).is_ok(), "{d:?} was replaced by an output");
    }
}

/// The 一般公共预算 基本支出 figures of a document, by 科目 code: what an
/// import of [`sheet`] sets (an import replaces the whole column).
fn imported(d: &Document) -> Vec<(String, String)> {
    d.budget_lines
        .iter()
        .filter_map(|l| {
            let m = l.amount(
                yusuan::model::FundSource::GeneralBudget,
                yusuan::model::SpendingKind::Basic,
            );
            (!m.is_zero()).then(|| (l.code.as_str().to_string(), m.to_string()))
        })
        .collect()
}

/// Random concurrent writers of every kind on one folder, processes and
/// threads: app-style saves (`save_document` with the fingerprint from
/// load), `yusuan import` into the same document, `yusuan merge` of the
/// units into a department file (sometimes aimed at a unit), and `yusuan
/// export` (sometimes aimed at a document). Afterwards: every app save
/// that reported success is still in the file (an import or a save that
/// read before it and wrote after it would have dropped it: each such
/// writer must have been refused instead); the document's figures are
/// those of the original or of an import that reported success; every
/// refusal said why in Chinese; and no input was ever replaced by an
/// output (units and the document still load, with their own names).
#[test]
fn random_cli_and_app_writers_lose_no_update_and_replace_no_input() {
    let rounds: usize = std::env::var("YUSUAN_WRITER_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12_usize)
        .div_ceil(3);
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "预算.ron");
    let original = imported(&io::load(&doc).unwrap());
    let units: Vec<PathBuf> = (0..2)
        .map(|i| {
            let p = dir.path().join(format!("单位{i}.ron"));
            let mut d = io::load(&doc).unwrap();
            d.meta.dept_name = format!("单位{i}");
            io::save(&p, &d).unwrap();
            p
        })
        .collect();
    let dept = dir.path().join("部门.ron");
    // A small generator: the tests' random choices need no crate.
    let pick = |seed: &mut u64, n: usize| {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) as usize) % n
    };
    let refused_in_chinese = |code: i32, text: &str| {
        assert!(
            code == 2 && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "exit {code} without a Chinese reason: {text}"
        );
    };
    let folder = dir.path();
    let (saves, imports) = std::thread::scope(|scope| {
        let doc = &doc;
        let saver = scope.spawn(move || {
            let mut won = Vec::new();
            for r in 0..rounds * 3 {
                let Ok((mut d, fp)) = io::load_fingerprinted(doc) else {
                    continue;
                };
                let mark = format!("s{r}");
                d.meta.preparer.push_str(&format!("{mark};"));
                let t = Target::document(doc, Replace::Document(Some(fp)), &[]);
                if write::save_document(&t, &d).is_ok() {
                    won.push(mark);
                }
            }
            won
        });
        let importer = scope.spawn(move || {
            let mut seed = 7u64;
            let mut won = Vec::new();
            for r in 0..rounds {
                let value = format!("{}.{:02}", 100 + pick(&mut seed, 900), r);
                let csv = sheet(folder, &format!("表{r}.csv"), &value);
                let (code, text) = yusuan(&["import", s(&csv), "--into", s(doc)]);
                if code == 0 {
                    won.push(vec![("2010101".to_string(), value)]);
                } else {
                    refused_in_chinese(code, &text);
                }
            }
            won
        });
        let units = &units;
        let dept = &dept;
        scope.spawn(move || {
            let mut seed = 11u64;
            for _ in 0..rounds {
                // Now and then the output is one of the units: refused.
                let out = if pick(&mut seed, 3) == 0 {
                    &units[0]
                } else {
                    dept
                };
                let (code, text) = yusuan(&[
                    "merge",
                    s(&units[0]),
                    s(&units[1]),
                    "--dept",
                    "部门",
                    "-o",
                    s(out),
                ]);
                if code != 0 {
                    refused_in_chinese(code, &text);
                }
                assert!(code != 0 || out == dept, "merge replaced a unit: {text}");
            }
        });
        scope.spawn(move || {
            let mut seed = 13u64;
            for r in 0..rounds {
                let out = match pick(&mut seed, 4) {
                    0 => doc.clone(),
                    1 => units[1].clone(),
                    _ => folder.join(format!("输出{}.pdf", r % 2)),
                };
                let (code, text) = yusuan(&["export", s(doc), "-o", s(&out), "--force"]);
                if code != 0 {
                    refused_in_chinese(code, &text);
                }
                assert!(
                    code != 0 || out.extension().is_some_and(|e| e == "pdf"),
                    "export wrote over {out:?}: {text}"
                );
            }
        });
        (saver.join().unwrap(), importer.join().unwrap())
    });
    eprintln!(
        "{rounds} rounds: {} app saves and {} imports went through",
        saves.len(),
        imports.len()
    );
    assert!(!saves.is_empty(), "no app save went through at all");
    let now = io::load(&doc).expect("the document is still a document");
    for mark in &saves {
        assert!(
            now.meta.preparer.contains(&format!("{mark};")),
            "save {mark} reported done but lost: {}",
            now.meta.preparer
        );
    }
    let figures = imported(&now);
    assert!(
        figures == original || imports.contains(&figures),
        "figures {figures:?} are neither the original nor those of an import that reported success"
    );
    for (i, u) in units.iter().enumerate() {
        let d = io::load(u).expect("a unit is still a document");
        assert_eq!(d.meta.dept_name, format!("单位{i}"), "{u:?} was replaced");
    }
    if dept.exists() {
        assert!(io::load(&dept).is_ok(), "the merged file loads");
    }
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_the_real_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("共享");
    fs::create_dir(&real_dir).unwrap();
    let real = example_in(&real_dir, "预算.ron");
    let link = dir.path().join("快捷方式.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let csv = sheet(dir.path(), "表.csv", "300");
    let (code, text) = yusuan(&["import", s(&csv), "--into", s(&link)]);
    assert_eq!(code, 0, "{text}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let doc = io::load(&real).unwrap();
    assert!(
        doc.budget_lines
            .iter()
            .any(|l| l.code.as_str() == "2010101"),
        "the real file was not updated"
    );
    // The backup sits beside the real file, not beside the link.
    assert!(real_dir.join("预算.ron.bak").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_document_is_refused_saying_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "预算.ron");
    fs::set_permissions(&doc, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&doc).unwrap();
    let csv = sheet(dir.path(), "表.csv", "300");
    let (code, text) = yusuan(&["import", s(&csv), "--into", s(&doc)]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("只读"), "{text}");
    assert_eq!(fs::read(&doc).unwrap(), before);
}

#[test]
fn new_and_rollover_never_replace_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "预算.ron");
    let before = fs::read(&doc).unwrap();
    let (code, text) = yusuan(&["new", "--dept", "某部门", "--year", "2027", "-o", s(&doc)]);
    assert_eq!(code, 2, "{text}");
    let (code, text) = yusuan(&["new", "--from", s(&doc), "--year", "2022", "-o", s(&doc)]);
    assert_eq!(code, 2, "{text}");
    assert_eq!(fs::read(&doc).unwrap(), before);
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "预算.ron");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#""$1" show "$2" --table 2 | head -c 1 >/dev/null"#)
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_yusuan"))
        .arg(&doc)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success());
}

#[test]
fn the_lock_file_is_never_seen_empty() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.ron");
    let lock = yusuan::io::lock::lock_path(&doc);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for _ in 0..300 {
                drop(FileLock::acquire(&doc));
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            if let Ok(text) = fs::read_to_string(&lock) {
                assert!(text.contains("pid="), "a reader saw {text:?}");
            }
        }
    });
}

#[test]
fn held_lock_of_the_saver_is_used_not_retaken() {
    let dir = tempfile::tempdir().unwrap();
    let p = example_in(dir.path(), "预算.ron");
    let (doc, fp) = io::load_fingerprinted(&p).unwrap();
    let lock = FileLock::acquire(&p).unwrap();
    let t = Target {
        path: &p,
        replace: Replace::Document(Some(fp)),
        inputs: &[],
        locking: Locking::Held(&lock),
    };
    let now = write::save_document(&t, &doc).unwrap();
    assert_eq!(Some(now), Fingerprint::of_file(&p).unwrap());
    // Someone took the lock over (仍然编辑 in another window): refused.
    let _theirs = FileLock::take_over(&p).unwrap();
    let t = Target {
        replace: Replace::Document(Some(now)),
        ..t
    };
    assert!(matches!(
        write::save_document(&t, &doc),
        Err(WriteError::Locked { .. })
    ));
}

#[cfg(target_os = "linux")]
#[test]
fn another_users_document_is_refused_saying_why() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let doc = example_in(dir.path(), "同事的预算.ron");
    // Only root can give a file away; elsewhere there is nothing to test.
    if std::os::unix::fs::chown(&doc, Some(65534), Some(65534)).is_err() {
        return;
    }
    let before = fs::read(&doc).unwrap();
    let csv = sheet(dir.path(), "表.csv", "300");
    let (code, text) = yusuan(&["import", s(&csv), "--into", s(&doc)]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("其他用户"), "{text}");
    assert_eq!(fs::read(&doc).unwrap(), before);
    assert_eq!(fs::metadata(&doc).unwrap().uid(), 65534);
}

/// Failed on main before: a 40,000-character name stopped the xlsx export
/// with rust_xlsxwriter's English message naming no field.
#[test]
fn a_text_too_long_for_excel_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = io::from_str(super::EXAMPLE).unwrap();
    doc.meta.dept_name = "局".repeat(40_000);
    let out = dir.path().join("长.xlsx");
    let e = yusuan::xlsx::export(
        &doc,
        &yusuan::narrative::parts(&doc, &yusuan::catalogs::nearest(2021)),
        &out,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("32,767") && e.contains("40000 字"), "{e}");
    assert!(e.contains("部门名称"), "names the field: {e}");
    assert!(!out.exists());
}
