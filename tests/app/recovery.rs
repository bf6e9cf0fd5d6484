//! No lost work: a SIGKILLed instance's autosaved edits come back, a second
//! instance is warned off a file that is open, and a save that fails (full
//! disk) keeps the document open and dirty and the old file byte-identical.

use crate::support;

use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use support::app::{harness_for, save, type_into};
use yusuan::io::lock::lock_path;
use yusuan::io::recovery::Recovery;
use yusuan::location::{Field, FieldName, Location, Sheet};
use yusuan::model::{Document, FundSource, SpendingKind};
use yusuan::money::parse_amount;
use yusuan::ui::{App, Command, Page, Setup};

const BASIC_CELL: &str = "2013350 事业运行 一般公共预算拨款 基本支出";
const PENSION_CELL: &str = "2080505 机关事业单位基本养老保险缴费支出 一般公共预算拨款 基本支出";

/// The app as `yusuan` starts it, with recovery copies in `dir/data` written
/// on every frame with changes (the real interval is a minute).
fn app_on(file: &Path, dir: &Path) -> App {
    let doc = yusuan::io::load(file).expect("test file loads");
    App::with_setup(
        doc,
        Some(file.to_path_buf()),
        Setup {
            recovery: Recovery::new(Some(dir.join("data"))),
            autosave_every: Some(Duration::ZERO),
            native_dialogs: false,
            column_memory: None,
        },
    )
}

fn example_file(dir: &Path) -> PathBuf {
    let file = dir.join("青山区 大数据中心 2021.ron");
    yusuan::io::save(&file, &yusuan::ui::example_document()).unwrap();
    file
}

fn amount(doc: &Document, row: usize) -> String {
    doc.budget_lines[row]
        .amount(FundSource::GeneralBudget, SpendingKind::Basic)
        .display()
}

/// Child: edits the file in the real app, lets autosave run, says so on
/// stdout, and waits to be killed.
#[test]
#[ignore = "child process of sigkill_loses_nothing_that_was_autosaved"]
fn crash_child() {
    let Some(dir) = support::child_dir() else {
        return;
    };
    let file = dir.join("青山区 大数据中心 2021.ron");
    let mut h = harness_for(app_on(&file, &dir));
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Budget)));
    h.run();
    type_into(&mut h, BASIC_CELL, "320.5");
    type_into(&mut h, PENSION_CELL, "40");
    h.run();
    assert!(h.state().is_dirty());
    println!("AUTOSAVED");
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[test]
fn sigkill_loses_nothing_that_was_autosaved() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_file(dir.path());
    let original = std::fs::read(&file).unwrap();
    let mut child = support::child("recovery::crash_child", dir.path())
        .spawn()
        .unwrap();

    // Wait (at most two minutes) for the child to report its autosave.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("AUTOSAVED") {
                let _ = tx.send(());
            }
        }
    });
    if rx.recv_timeout(Duration::from_secs(120)).is_err() {
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        panic!(
            "child never autosaved: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // While the child runs, a second instance is warned and opens read-only.
    {
        let mut h = harness_for(app_on(&file, dir.path()));
        h.run();
        let holder = h.state().locked_by().cloned().expect("lock seen");
        assert_eq!(holder.pid, child.id());
        assert!(h.state().is_read_only());
        assert!(h.query_by_label("文件正在别处编辑").is_some());
        assert!(h.query_by_label_contains("只读：文件正由").is_some());
        assert!(h.query_by_label("恢复").is_none(), "not the other's copy");
    }

    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no cleanup
    child.wait().unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        original,
        "file untouched by autosave"
    );
    assert!(
        lock_path(&file).exists(),
        "the killed process left its lock"
    );

    // Restart: the stale lock is taken over silently, the copy is offered.
    let mut h = harness_for(app_on(&file, dir.path()));
    h.run();
    assert!(h.state().locked_by().is_none());
    assert!(!h.state().is_read_only());
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(amount(h.state().document(), 0), "320.50");
    assert_eq!(amount(h.state().document(), 2), "40.00");
    assert!(
        h.state().is_dirty(),
        "restored edits are not yet in the file"
    );
    let copy = Recovery::default().copy_path(Some(&file)).unwrap();
    assert!(copy.exists(), "the copy stays until a save or a discard");

    save(&mut h);
    assert!(!h.state().is_dirty());
    assert!(!copy.exists(), "a normal save removes the recovery copy");
    assert_eq!(amount(&yusuan::io::load(&file).unwrap(), 0), "320.50");
    drop(h);
    assert!(!lock_path(&file).exists(), "closing releases the lock");
}

#[test]
fn discarding_the_recovery_copy_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_file(dir.path());
    let mut edited = yusuan::io::load(&file).unwrap();
    edited.budget_lines[0].set_amount(
        FundSource::GeneralBudget,
        SpendingKind::Basic,
        parse_amount("1").unwrap(),
    );
    let copy = Recovery::default().write(Some(&file), &edited).unwrap();
    let mut h = harness_for(app_on(&file, dir.path()));
    h.run();
    h.get_by_label("丢弃").click();
    h.run();
    assert!(!copy.exists());
    assert_eq!(amount(h.state().document(), 0), "309.86");
    assert!(!h.state().is_dirty());
}

#[test]
fn second_instance_can_take_over_and_the_first_keeps_no_claim() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_file(dir.path());
    let first = harness_for(app_on(&file, dir.path()));
    let mut second = harness_for(app_on(&file, dir.path()));
    second.run();
    assert!(second.state().is_read_only());
    // Read-only: typing changes nothing, saving to the file is refused.
    second
        .state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Budget)));
    second.run();
    type_into(&mut second, BASIC_CELL, "1");
    assert_eq!(amount(second.state().document(), 0), "309.86");
    second.get_by_label("仍然编辑").click();
    second.run();
    assert!(!second.state().is_read_only());
    assert!(second.state().locked_by().is_none());
    type_into(&mut second, BASIC_CELL, "1");
    assert_eq!(amount(second.state().document(), 0), "1.00");
    // The first instance closing must not remove the second's lock.
    drop(first);
    assert!(lock_path(&file).exists());
    save(&mut second);
    assert!(!second.state().is_dirty());
}

/// Child: runs with the file-size limit just above the saved file, makes the
/// document bigger than the limit and presses Ctrl+S.
#[test]
#[ignore = "child process of a_full_disk_keeps_the_document_dirty_and_the_file_intact"]
fn full_disk_child() {
    let Some(dir) = support::child_dir() else {
        return;
    };
    let file = dir.join("青山区 大数据中心 2021.ron");
    let mut h = harness_for(app_on(&file, &dir));
    h.run();
    let long = "部门职能说明。".repeat(2000);
    h.state_mut().queue(Command::Edit {
        edit: yusuan::ui::Edit::Set(vec![(
            Location::cell(Sheet::Overview, 0, Field::Named(FieldName::Functions)),
            yusuan::ui::Value::Text(long),
        )]),
        typing: None,
    });
    h.run();
    assert!(h.state().is_dirty());
    save(&mut h);
    assert!(
        h.state().is_dirty(),
        "a failed save leaves the document dirty"
    );
    let message = h
        .query_by_label_contains("无法保存到")
        .and_then(|n| n.value())
        .expect("the failure is shown");
    assert!(message.contains("超出系统允许的文件大小"), "{message}");
    assert!(message.contains("原文件未改动"), "{message}");
    println!("SAVE-REFUSED");
}

#[test]
fn a_full_disk_keeps_the_document_dirty_and_the_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_file(dir.path());
    let original = std::fs::read(&file).unwrap();
    let limit = original.len() as u64 + 8 * 1024;
    let out = support::child_with_file_limit("recovery::full_disk_child", dir.path(), limit)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("SAVE-REFUSED"),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&file).unwrap(), original, "old file intact");
    assert!(support::leftover_temps(dir.path()).is_empty());
}

#[test]
fn save_as_onto_a_file_open_elsewhere_or_unwritable_is_refused_and_stays_dirty() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_file(dir.path());
    let original = std::fs::read(&file).unwrap();
    let _holder = harness_for(app_on(&file, dir.path()));
    let mut edited = yusuan::ui::example_document();
    edited.meta.preparer = "李四".into();
    let mut other = harness_for(App::new_with(edited, None));
    other.run();
    other.state_mut().queue(Command::SaveTo(file.clone()));
    other.run();
    assert!(
        other
            .query_by_label_contains("打开编辑，不能覆盖")
            .is_some()
    );
    assert_eq!(std::fs::read(&file).unwrap(), original);
    assert_eq!(other.state().path(), None, "still untitled");
    // A folder where no file may be created (root included).
    if Path::new("/sys/kernel").is_dir() {
        let mut third = harness_for(App::new_with(yusuan::ui::example_document(), None));
        third.run();
        third.state_mut().queue(Command::Edit {
            edit: yusuan::ui::Edit::Set(vec![(
                Location::cell(Sheet::Meta, 0, Field::Named(FieldName::Preparer)),
                yusuan::ui::Value::Text("王五".into()),
            )]),
            typing: None,
        });
        third.run();
        assert!(third.state().is_dirty());
        third
            .state_mut()
            .queue(Command::SaveTo("/sys/kernel/预算.ron".into()));
        third.run();
        assert!(third.query_by_label_contains("无法保存到").is_some());
        assert!(third.state().is_dirty());
        assert_eq!(third.state().path(), None);
    }
}

/// Failed on main before: the app saved over a file another program (an
/// import, a colleague) had changed since it was opened, without a word.
#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let file = example_file(dir.path());
    let mut h = harness_for(app_on(&file, dir.path()));
    h.run();
    h.state_mut()
        .queue(Command::Select(Page::Sheet(Sheet::Budget)));
    h.run();
    type_into(&mut h, BASIC_CELL, "1");
    // Someone else writes the file meanwhile (bypassing the lock, as a
    // program that knows nothing of it would).
    let mut theirs = yusuan::io::load(&file).unwrap();
    theirs.meta.dept_name = "对方改过".into();
    std::fs::write(&file, yusuan::io::to_string(&theirs).unwrap()).unwrap();
    save(&mut h);
    assert!(h.state().is_dirty(), "nothing was saved");
    assert_eq!(yusuan::io::load(&file).unwrap().meta.dept_name, "对方改过");
    h.get_by_label("覆盖").click();
    h.run();
    assert!(!h.state().is_dirty());
    let now = yusuan::io::load(&file).unwrap();
    assert_eq!(amount(&now, 0), "1.00");
    // The other version is still there to compare with.
    let bak = yusuan::io::load(&yusuan::io::backup_path(&file)).unwrap();
    assert_eq!(bak.meta.dept_name, "对方改过");
}
