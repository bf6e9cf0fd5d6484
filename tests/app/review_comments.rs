//! 审阅意见 stored in the document: they survive save and load, older files
//! without them still load and save unchanged, `yusuan check` lists the
//! open ones after its findings, the PDF and the Excel export never print
//! them, and a reviewer and a 填报人 pass one back and forth through the app.

use crate::support;

use std::path::Path;
use std::process::{Command, Output};
use yusuan::comments::{Comment, Reply, open_comments};
use yusuan::location::{Field, FieldName, GoalTerm, IndicatorColumn, Location, Sheet};
use yusuan::model::{Document, FundSource, SpendingKind};

/// Comment texts, reviewer names and markers of the test file that no
/// printed output (PDF, workbook) may contain.
const PRINTED_NEVER: [&str; 5] = [
    "REVIEW-OPEN",
    "REVIEW-DONE",
    "审阅意见",
    "李审",
    "已按经济科目更正",
];

fn example() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example loads")
}

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("run yusuan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const OPEN: &str = "请核对事业运行的项目支出REVIEW-OPEN-4711";
const DONE: &str = "三公经费与经济科目不一致REVIEW-DONE-0815";

/// The example with one open comment on a cell, one resolved with a reply
/// on a finding, and one on a named form field.
fn commented() -> Document {
    let mut doc = example();
    let cell = Location::cell(
        Sheet::Budget,
        0,
        Field::Amount(FundSource::GeneralBudget, SpendingKind::Project),
    );
    doc.review
        .comments
        .push(Comment::on(&doc, cell, "财政局 李审", OPEN));
    let mut done = Comment::on(
        &doc,
        Location::sheet(Sheet::ThreePublic),
        "财政局 李审",
        DONE,
    );
    done.rule = Some("X03".into());
    done.resolved = true;
    done.replies.push(Reply {
        author: "魏熙施".into(),
        time: 1_700_000_000,
        text: "已按经济科目更正".into(),
    });
    doc.review.comments.push(done);
    let phone = Comment::on(
        &doc,
        Location::field(Sheet::Meta, Field::Named(FieldName::Phone)),
        "财政局 李审",
        "电话请写区号",
    );
    doc.review.comments.push(phone);
    let indicator = Comment::on(
        &doc,
        Location {
            sheet: Sheet::Performance,
            row: Some(1),
            field: Some(Field::Indicator {
                goal: Some((GoalTerm::Annual, 0)),
                column: IndicatorColumn::Prior(1),
            }),
        },
        "财政局 李审",
        "近两年指标值缺失",
    );
    doc.review.comments.push(indicator);
    doc
}

#[test]
fn comments_survive_save_and_load_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("c.ron");
    let doc = commented();
    yusuan::io::save(&p, &doc).expect("save");
    let back = yusuan::io::load(&p).expect("load");
    assert_eq!(back, doc);
    assert_eq!(back.review.comments.len(), 4);
    assert!(back.review.comments[1].resolved);
    assert_eq!(back.review.comments[1].replies[0].text, "已按经济科目更正");
    // A named field read back is the same address the app uses.
    assert_eq!(
        back.review.comments[2].location(&back),
        Some(Location::field(Sheet::Meta, Field::Named(FieldName::Phone)))
    );
    // An indicator's comment names its goal and indicator, and finds them.
    let ind = &back.review.comments[3];
    assert!(ind.at.label.contains("年度目标"), "{}", ind.at.label);
    assert_eq!(
        ind.location(&back),
        Some(Location {
            sheet: Sheet::Performance,
            row: Some(1),
            field: Some(Field::Indicator {
                goal: Some((GoalTerm::Annual, 0)),
                column: IndicatorColumn::Prior(1),
            }),
        })
    );
    let text = std::fs::read_to_string(&p).expect("read");
    assert_eq!(yusuan::io::to_string(&back).expect("text"), text);
}

#[test]
fn an_older_file_without_review_loads_and_saves_unchanged() {
    let original = std::fs::read_to_string("examples/qingshan-2021.ron").expect("read");
    assert!(!original.contains("review"));
    let doc = yusuan::io::from_str(&original).expect("loads");
    assert!(doc.review.comments.is_empty());
    let again = yusuan::io::to_string(&doc).expect("text");
    assert!(!again.contains("review"), "no empty review part is written");
    assert!(
        !again.contains("merged_from"),
        "nor an empty list of sources"
    );
    assert_eq!(yusuan::io::from_str(&again).expect("reloads"), doc);
}

#[test]
fn a_comment_with_a_made_up_field_name_is_refused_with_its_line() {
    let mut text = yusuan::io::to_string(&commented()).expect("text");
    text = text.replace("Named(\"phone\")", "Named(\"Phone Number!\")");
    let e = yusuan::io::from_str(&text).expect_err("refused");
    assert!(e.to_string().contains("字段名"), "{e}");
    assert!(e.to_string().contains("第"), "{e}");
}

#[test]
fn check_lists_open_comments_after_the_findings_and_not_resolved_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("plain.ron");
    let with = dir.path().join("with.ron");
    yusuan::io::save(&plain, &example()).expect("save");
    yusuan::io::save(&with, &commented()).expect("save");
    let a = yusuan(&["check", s(&plain)]);
    let b = yusuan(&["check", s(&with)]);
    assert_eq!(
        a.status.code(),
        b.status.code(),
        "comments do not change the verdict"
    );
    let (a, b) = (stdout(&a), stdout(&b));
    assert!(b.contains(OPEN), "{b}");
    assert!(b.contains("[审阅意见] 收支预算 2013350 事业运行："), "{b}");
    assert!(b.contains("（财政局 李审 "), "{b}");
    assert!(!b.contains(DONE), "resolved comments are history: {b}");
    assert!(b.contains("未处理的审阅意见 3 条"), "{b}");
    // Everything else is as before, in the same order.
    let rest: Vec<&str> = b
        .lines()
        .filter(|l| !l.starts_with("[审阅意见]") && !l.starts_with("未处理的审阅意见"))
        .collect();
    assert_eq!(rest, a.lines().collect::<Vec<_>>());
    // The comment lines come after the last finding line.
    let lines: Vec<&str> = b.lines().collect();
    let finding = |l: &&str| {
        ["[错误]", "[警告]", "[提示]"]
            .iter()
            .any(|p| l.starts_with(p))
    };
    let last_finding = lines.iter().rposition(finding);
    let first_comment = lines.iter().position(|l| l.starts_with("[审阅意见]"));
    assert!(first_comment > last_finding, "{b}");
    assert_eq!(open_comments(&commented()).count(), 3);
}

#[test]
fn pdf_and_excel_exports_never_print_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("with.ron");
    yusuan::io::save(&file, &commented()).expect("save");
    let pdf = dir.path().join("out.pdf");
    let o = yusuan(&["export", s(&file), "-o", s(&pdf), "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = support::pdf_text(&pdf);
    assert!(
        text.contains("青山区大数据中心"),
        "the PDF has text to search"
    );
    for needle in PRINTED_NEVER {
        assert!(!text.contains(needle), "PDF prints {needle}");
    }

    let xlsx = dir.path().join("out.xlsx");
    let o = yusuan(&["export", s(&file), "-o", s(&xlsx), "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let wb = yusuan::sheet::read(&xlsx).expect("read back");
    let mut cells = 0;
    for sheet in &wb.sheets {
        for row in &sheet.rows {
            for c in row {
                let t = yusuan::sheet::text(c);
                cells += 1;
                for needle in PRINTED_NEVER {
                    assert!(!t.contains(needle), "sheet {} prints {needle}", sheet.name);
                }
            }
        }
    }
    assert!(cells > 100, "the workbook was read");
}

/// A comment stored by an older build names its row by position
/// (`row: Some(2)`): it is mapped on load to the 科目 that row held, so a
/// row added or removed later does not move it, and it names that 科目.
#[test]
fn an_older_files_row_comment_is_mapped_to_its_code_on_load() {
    let text = yusuan::io::to_string(&example()).expect("text");
    let old = "review: (comments: [(at: (sheet: Budget, row: Some(2), field: Some(Amount(GeneralBudget, Basic))), author: \"财政局 李审\", time: 1700000000, text: \"OLD-FORMAT-ROW-3\")]),\n";
    let at = text
        .find("    merged_from")
        .or_else(|| text.rfind(')'))
        .expect("end");
    let mut with = text.clone();
    with.insert_str(at, &format!("    {old}"));
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("old.ron");
    std::fs::write(&p, &with).expect("write");
    let o = yusuan(&["check", s(&p)]);
    assert!(
        stdout(&o).contains("收支预算 2080505 机关事业单位基本养老保险缴费支出：OLD-FORMAT-ROW-3"),
        "{}",
        stdout(&o)
    );
}

#[cfg(feature = "gui")]
mod app {
    use super::*;
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;
    use support::app::{harness_for, save};
    use yusuan::model::FunctionCode;
    use yusuan::ui::{App, Command, Edit, List, Page};

    const CELL: &str = "2013350 事业运行 一般公共预算拨款 项目支出";

    fn cell() -> Location {
        Location::cell(
            Sheet::Budget,
            0,
            Field::Amount(FundSource::GeneralBudget, SpendingKind::Project),
        )
    }

    fn type_in(h: &mut egui_kittest::Harness<'static, App>, label: &str, text: &str) {
        h.get_by_label(label).focus();
        h.run();
        h.get_by_label(label).type_text(text);
        h.run();
    }

    #[test]
    fn reviewer_comments_in_the_app_and_the_preparer_resolves_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("单位.ron");
        let mut doc = example();
        doc.review.comments.clear();
        assert_eq!(doc.budget_lines[0].code.as_str(), "2013350");
        yusuan::io::save(&path, &doc).expect("save");

        // The reviewer: 审阅模式, click the cell, 添加审阅意见….
        let mut h = harness_for(App::new_with(
            yusuan::io::load(&path).expect("load"),
            Some(path.clone()),
        ));
        h.get_by_label("审阅模式").click();
        h.run();
        assert!(h.state().is_read_only());
        h.state_mut()
            .queue(Command::Select(Page::Sheet(Sheet::Budget)));
        h.run();
        h.get_by_label(CELL).click();
        h.run();
        assert_eq!(h.state().review_selected(), Some(cell()));
        assert!(
            h.query_by_label("选中：收支预算 2013350 事业运行")
                .is_some()
        );
        h.get_by_label("添加审阅意见…").click();
        h.run();
        assert!(
            h.query_by_label("位置：收支预算 2013350 事业运行")
                .is_some()
        );
        type_in(&mut h, "审阅人姓名", "财政局 李审");
        type_in(&mut h, "审阅意见内容", OPEN);
        h.get_by_label("添加").click();
        h.run();
        let app = h.state();
        assert_eq!(app.document().review.comments.len(), 1);
        let c = &app.document().review.comments[0];
        assert_eq!(
            (
                c.location(app.document()),
                c.author.as_str(),
                c.text.as_str()
            ),
            (Some(cell()), "财政局 李审", OPEN)
        );
        assert!(app.is_dirty(), "a comment is an edit of the file");
        assert_eq!(
            app.persisted().reviewer,
            "财政局 李审",
            "the name is remembered"
        );
        assert_eq!(
            app.document().budget_lines,
            doc.budget_lines,
            "no figure changed"
        );
        // Undo works in 审阅 mode for a comment, and redo brings it back.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert!(h.state().document().review.comments.is_empty());
        h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
        h.run();
        assert_eq!(h.state().document().review.comments.len(), 1);
        save(&mut h);
        assert!(!h.state().is_dirty());
        drop(h);

        // The 填报人 reopens the file: 审阅意见 in the 审核 panel.
        let mut h = harness_for(App::new_with(
            yusuan::io::load(&path).expect("reload"),
            Some(path.clone()),
        ));
        h.run();
        let link = format!("收支预算 2013350 事业运行：{OPEN}");
        assert!(h.query_by_label("审阅意见").is_some());
        assert!(h.query_by_label_contains("审阅意见 1 条").is_some());
        h.get_by_label(&link).click();
        h.run();
        h.run();
        assert_eq!(h.state().page(), Page::Sheet(Sheet::Budget));
        assert_eq!(h.state().focused_cell(), Some(cell()), "jumped to the cell");
        h.get_by_label("处理…").click();
        h.run();
        type_in(&mut h, "答复内容", "已改为 625.98");
        h.get_by_label("标为已处理").click();
        h.run();
        let c = &h.state().document().review.comments[0];
        assert!(c.resolved);
        assert_eq!(c.replies[0].text, "已改为 625.98");
        assert_eq!(c.replies[0].author, doc.meta.preparer);
        assert!(h.query_by_label(&link).is_none(), "no longer open");
        assert!(h.query_by_label_contains("已处理的审阅意见（1）").is_some());
        save(&mut h);
        drop(h);

        let back = yusuan::io::load(&path).expect("reload");
        assert_eq!(
            back.review.comments.len(),
            1,
            "resolved ones stay as history"
        );
        assert!(back.review.comments[0].resolved);
        assert_eq!(open_comments(&back).count(), 0);
        let o = yusuan(&["check", s(&path)]);
        assert!(!stdout(&o).contains("[审阅意见]"), "{}", stdout(&o));
    }

    /// The walk: a comment on the third 收支预算 row stays on that
    /// 科目 when a row is added and the first is deleted (its link names the
    /// 科目 and jumps to its cell, its mark stays on it), and when the 科目
    /// itself is deleted the comment stays readable, says so, and clicking it
    /// goes nowhere.
    #[test]
    fn a_comment_stays_on_its_code_when_rows_move_and_says_when_it_is_gone() {
        const THIRD: &str = "2080505 机关事业单位基本养老保险缴费支出 一般公共预算拨款 基本支出";
        const ASK: &str = "养老保险缴费基数请核对";
        let mut doc = example();
        doc.review.comments.clear();
        assert_eq!(doc.budget_lines[2].code.as_str(), "2080505");
        let mut h = harness_for(App::new_with(doc, None));
        h.get_by_label("审阅模式").click();
        h.run();
        h.state_mut()
            .queue(Command::Select(Page::Sheet(Sheet::Budget)));
        h.run();
        h.get_by_label(THIRD).click();
        h.run();
        h.get_by_label("添加审阅意见…").click();
        h.run();
        type_in(&mut h, "审阅人姓名", "财政局 李审");
        type_in(&mut h, "审阅意见内容", ASK);
        h.get_by_label("添加").click();
        h.run();
        h.get_by_label("审阅模式").click();
        h.run();
        assert!(!h.state().is_read_only());

        // Add a row, delete the first.
        h.state_mut().queue(Command::Edit {
            edit: Edit::AddBudgetLine(FunctionCode::new("2050203"), "初中教育".into()),
            typing: None,
        });
        h.run();
        h.get_all_by_label("删除")
            .next()
            .expect("a delete button per row")
            .click();
        h.run();
        let lines = &h.state().document().budget_lines;
        assert!(lines.iter().all(|l| l.code.as_str() != "2013350"));
        let now = lines
            .iter()
            .position(|l| l.code.as_str() == "2080505")
            .expect("still there");
        assert_ne!(now, 2, "the row moved");
        let link = format!("收支预算 2080505 机关事业单位基本养老保险缴费支出：{ASK}");
        assert!(
            h.query_by_label(&link).is_some(),
            "the comment names its 科目, not a row number"
        );
        h.get_by_label(&link).click();
        h.run();
        h.run();
        let at = Location::cell(
            Sheet::Budget,
            now,
            Field::Amount(FundSource::GeneralBudget, SpendingKind::Basic),
        );
        assert_eq!(h.state().focused_cell(), Some(at), "jumped to its cell");
        // The mark (and its tooltip) is on 2080505's cell, not on row 3's.
        h.get_by_label(THIRD).hover();
        h.run();
        h.run();
        assert!(
            h.query_by_label_contains(&format!("审阅意见：{ASK}"))
                .is_some(),
            "the cell's tooltip carries the comment"
        );

        // Delete 2080505 itself: the comment stays, saying its place is gone.
        h.state_mut().queue(Command::Edit {
            edit: Edit::Remove(List::BudgetLines, now),
            typing: None,
        });
        h.run();
        let gone = format!("收支预算 2080505 机关事业单位基本养老保险缴费支出（已删除）：{ASK}");
        assert!(
            h.query_by_label(&gone).is_some(),
            "the comment says its place is gone"
        );
        let before = h.state().document().clone();
        h.get_by_label(&gone).click();
        h.run();
        h.run();
        assert_eq!(h.state().document(), &before, "clicking it changes nothing");
        assert_eq!(h.state().document().review.comments.len(), 1);
    }

    /// Issue 21 for projects: a comment on the second project's
    /// 一般公共预算拨款 names the project by its 项目编码, so it stays on that
    /// project when the first is renamed to the second's name (and the
    /// second renamed), when a project is added and when the first is
    /// deleted; its link jumps to the project's cell. Deleting the project
    /// itself leaves the comment readable, saying so.
    #[test]
    fn a_project_comment_follows_its_code_through_renames_and_deletes() {
        const ASK: &str = "项目资金来源请核对";
        let mut doc = example();
        doc.review.comments.clear();
        let (first, second) = (doc.projects[0].name.clone(), doc.projects[1].name.clone());
        let field = Field::Amount(FundSource::GeneralBudget, SpendingKind::Project);
        let at = Location::field(Sheet::Project(1), field);
        doc.review
            .comments
            .push(Comment::on(&doc, at, "财政局 李审", ASK));
        let mut h = harness_for(App::new_with(doc, None));
        let rename = |h: &mut egui_kittest::Harness<'static, App>, i: usize, to: &str| {
            let name = Location::field(Sheet::Project(i), Field::Named(FieldName::Name));
            h.state_mut().queue(Command::Edit {
                edit: Edit::Set(vec![(name, yusuan::ui::Value::Text(to.into()))]),
                typing: None,
            });
            h.run();
        };
        rename(&mut h, 1, "改名后的项目");
        rename(&mut h, 0, &second);
        h.state_mut().queue(Command::Edit {
            edit: Edit::Push(List::Projects),
            typing: None,
        });
        h.run();
        // Delete the first project.
        h.state_mut().queue(Command::Edit {
            edit: Edit::Remove(List::Projects, 0),
            typing: None,
        });
        h.run();
        let projects = &h.state().document().projects;
        assert_eq!(projects.len(), 2);
        assert_eq!(projects[0].name, "改名后的项目", "{first} was deleted");
        let link = format!("项目“{second}”：{ASK}");
        assert!(
            h.query_by_label(&link).is_some(),
            "the comment keeps its label"
        );
        h.get_by_label(&link).click();
        h.run();
        h.run();
        assert_eq!(
            h.state().focused_cell(),
            Some(Location::field(Sheet::Project(0), field)),
            "jumped to the renamed project's cell, not to the project now called {second}"
        );
        assert_eq!(
            h.state().document().review.comments[0].location(h.state().document()),
            Some(Location::field(Sheet::Project(0), field))
        );

        // Delete the commented project itself.
        h.state_mut().queue(Command::Edit {
            edit: Edit::Remove(List::Projects, 0),
            typing: None,
        });
        h.run();
        let gone = format!("项目“{second}”（已删除）：{ASK}");
        assert!(
            h.query_by_label(&gone).is_some(),
            "says its project is gone"
        );
        assert_eq!(h.state().document().review.comments.len(), 1);
    }

    #[test]
    fn a_reviewer_comments_on_a_finding() {
        let mut doc = example();
        doc.meta.phone.clear();
        let mut h = harness_for(App::new_with(doc, None));
        h.get_by_label("审阅模式").click();
        h.run();
        let n = h.state().computed().findings.len();
        assert!(n > 0);
        // The first 提意见 belongs to the first finding listed (worst first).
        h.get_all_by_label("提意见")
            .next()
            .expect("a button per finding")
            .click();
        h.run();
        assert!(h.query_by_label_contains("（审核发现 R01）").is_some());
        type_in(&mut h, "审阅人姓名", "区财政局");
        type_in(&mut h, "审阅意见内容", "请补填联系电话");
        h.get_by_label("添加").click();
        h.run();
        let c = &h.state().document().review.comments[0];
        assert_eq!(c.rule.as_deref(), Some("R01"));
        assert_eq!(c.at.sheet, Sheet::Meta);
        assert_eq!(
            c.location(h.state().document()).map(|l| l.sheet),
            Some(Sheet::Meta)
        );
    }

    #[test]
    fn without_review_mode_figures_stay_editable_and_no_comment_button_shows() {
        let mut h = harness_for(App::new_with(example(), None));
        h.run();
        assert!(h.query_by_label("添加审阅意见…").is_none());
        assert!(h.query_by_label("提意见").is_none());
    }
}
