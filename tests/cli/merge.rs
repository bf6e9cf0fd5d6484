//! 部门 from its 单位 (`yusuan merge`): the example's figures split into two
//! units and merged back equal, table by table, the document entered as
//! their sum; units that cannot be summed are refused naming the files,
//! with nothing written; `merge --check` finds a unit changed or missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yusuan::derive;
use yusuan::merge::{self, MergeError, SourceState};
use yusuan::model::{Document, Entity, MoneyUnit, ThreePublic};
use yusuan::money::Money;
use yusuan::template::Template;

fn example() -> Document {
    yusuan::io::load(Path::new("examples/qingshan-2021.ron")).expect("example loads")
}

/// `m` split in two parts to the cent: (⌊m/2⌋, the rest), or the other
/// way round, so neither unit is simply half of every figure.
fn split(m: Money, first_larger: bool) -> (Money, Money) {
    let cents = (m.value() * rust_decimal::Decimal::from(100)).trunc();
    let cents = i64::try_from(cents).expect("amount in range");
    let a = Money::from_cents(cents / 3);
    let b = m - a;
    if first_larger { (b, a) } else { (a, b) }
}

fn split3(t: ThreePublic) -> (ThreePublic, ThreePublic) {
    let (a1, b1) = split(t.abroad, true);
    let (a2, b2) = split(t.vehicle_purchase, false);
    let (a3, b3) = split(t.vehicle_operation, true);
    let (a4, b4) = split(t.reception, false);
    (
        ThreePublic {
            abroad: a1,
            vehicle_purchase: a2,
            vehicle_operation: a3,
            reception: a4,
        },
        ThreePublic {
            abroad: b1,
            vehicle_purchase: b2,
            vehicle_operation: b3,
            reception: b4,
        },
    )
}

/// The example divided into two 单位: every amount (and 上年 figure) split,
/// the projects shared out, staff and vehicles divided.
fn units(whole: &Document) -> (Document, Document) {
    let mut a = whole.clone();
    let mut b = whole.clone();
    for (d, name) in [(&mut a, "大数据中心本级"), (&mut b, "网格化服务站")] {
        d.meta.dept_name = name.into();
        d.meta.dept_full_name.clear();
        d.meta.entity = Entity::Unit;
    }
    for (i, l) in whole.budget_lines.iter().enumerate() {
        for (k, v) in &l.amounts {
            let (x, y) = split(*v, i % 2 == 0);
            a.budget_lines[i].amounts.insert(*k, x);
            b.budget_lines[i].amounts.insert(*k, y);
        }
        for (k, v) in &l.prior {
            let (x, y) = split(*v, i % 2 == 1);
            a.budget_lines[i].prior.insert(*k, x);
            b.budget_lines[i].prior.insert(*k, y);
        }
    }
    // One 项 only in unit B: the merge must still list it once.
    a.budget_lines.truncate(whole.budget_lines.len() - 1);
    if let Some(last) = whole.budget_lines.last() {
        *b.budget_lines.last_mut().expect("line") = last.clone();
    }
    for (i, l) in whole.basic_by_economic.iter().enumerate() {
        let (x, y) = split(l.amount, i % 2 == 0);
        a.basic_by_economic[i].amount = x;
        b.basic_by_economic[i].amount = y;
        if let Some(p) = l.prior {
            let (x, y) = split(p, true);
            a.basic_by_economic[i].prior = Some(x);
            b.basic_by_economic[i].prior = Some(y);
        }
    }
    (a.three_public, b.three_public) = split3(whole.three_public);
    if let Some(p) = whole.prior_three_public {
        let (x, y) = split3(p);
        a.prior_three_public = Some(x);
        b.prior_three_public = Some(y);
    }
    let half = whole.projects.len() / 2;
    a.projects = whole.projects[..half].to_vec();
    b.projects = whole.projects[half..].to_vec();
    for (i, y) in whole.performance.prior_years.iter().enumerate() {
        let (x1, y1) = split(y.income_fiscal, true);
        let (x2, y2) = split(y.income_other, false);
        let (x3, y3) = split(y.spending_basic, true);
        let (x4, y4) = split(y.spending_project, false);
        let (pa, pb) = (
            &mut a.performance.prior_years[i],
            &mut b.performance.prior_years[i],
        );
        (pa.income_fiscal, pb.income_fiscal) = (x1, y1);
        (pa.income_other, pb.income_other) = (x2, y2);
        (pa.spending_basic, pb.spending_basic) = (x3, y3);
        (pa.spending_project, pb.spending_project) = (x4, y4);
    }
    let o = &whole.other;
    (a.other.prior_year_total, b.other.prior_year_total) = split(o.prior_year_total, true);
    (a.other.procurement_goods, b.other.procurement_goods) = split(o.procurement_goods, false);
    (a.other.procurement_works, b.other.procurement_works) = split(o.procurement_works, true);
    (a.other.procurement_services, b.other.procurement_services) =
        split(o.procurement_services, false);
    a.other.vehicles = o.vehicles / 2;
    b.other.vehicles = o.vehicles - a.other.vehicles;
    let s = &whole.overview.staffing;
    a.overview.staffing.authorized = s.authorized.iter().map(|&(k, n)| (k, n / 2)).collect();
    b.overview.staffing.authorized = s.authorized.iter().map(|&(k, n)| (k, n - n / 2)).collect();
    a.overview.staffing.actual = s.actual.iter().map(|&(k, n)| (k, n / 3)).collect();
    b.overview.staffing.actual = s.actual.iter().map(|&(k, n)| (k, n - n / 3)).collect();
    a.overview.staffing.retired = s.retired / 2;
    b.overview.staffing.retired = s.retired - s.retired / 2;
    (a, b)
}

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("run yusuan")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Writes the two units of the example to `dir`: (a.ron, b.ron).
fn write_units(dir: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = units(&example());
    let (pa, pb) = (dir.join("a.ron"), dir.join("b.ron"));
    yusuan::io::save(&pa, &a).expect("save a");
    yusuan::io::save(&pb, &b).expect("save b");
    (pa, pb)
}

#[test]
fn two_units_merge_to_the_document_entered_as_their_sum() {
    let dir = tempfile::tempdir().expect("tempdir");
    let whole = example();
    assert!(whole.budget_lines.len() >= 2 && whole.projects.len() >= 2);
    let (pa, pb) = write_units(dir.path());
    let out = dir.path().join("dept.ron");
    let o = yusuan(&[
        "merge",
        s(&pa),
        s(&pb),
        "--dept",
        &whole.meta.dept_name,
        "-o",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let merged = yusuan::io::load(&out).expect("merged file loads");

    let catalog = yusuan::catalogs::for_document(&whole.meta);
    let mut expected = whole.clone();
    expected.meta.dept_full_name.clear();
    let want = derive::published_tables(&expected, &catalog);
    let got = derive::published_tables(&merged, &catalog);
    assert!(want.len() >= 8, "the template has its tables");
    assert_eq!(want.len(), got.len());
    for (w, g) in want.iter().zip(&got) {
        assert_eq!(w, g, "表{} differs", w.number);
    }

    // The entered figures themselves, not only what the tables print.
    let by_code = |d: &Document| {
        let mut v: Vec<_> = d
            .budget_lines
            .iter()
            .map(|l| (l.code.clone(), l.amounts.clone(), l.prior.clone()))
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    };
    assert_eq!(by_code(&merged), by_code(&whole));
    assert_eq!(merged.three_public, whole.three_public);
    assert_eq!(merged.prior_three_public, whole.prior_three_public);
    assert_eq!(
        merged.performance.prior_years,
        whole.performance.prior_years
    );
    assert_eq!(merged.other.prior_year_total, whole.other.prior_year_total);
    assert_eq!(merged.other.vehicles, whole.other.vehicles);
    let total = |v: &[(yusuan::model::StaffKind, u32)]| v.iter().map(|x| x.1).sum::<u32>();
    assert_eq!(
        total(&merged.overview.staffing.authorized),
        total(&whole.overview.staffing.authorized)
    );
    assert_eq!(
        merged.overview.staffing.retired,
        whole.overview.staffing.retired
    );
    // Projects concatenated in unit order, each with its 实施单位.
    let names: Vec<_> = merged.projects.iter().map(|p| &p.name).collect();
    let want_names: Vec<_> = whole.projects.iter().map(|p| &p.name).collect();
    assert_eq!(names, want_names);
    assert!(
        merged
            .projects
            .iter()
            .all(|p| !p.implementing_unit.is_empty())
    );
    // 预算单位构成 lists the units; the result is a 部门 document.
    let listed: Vec<_> = merged
        .overview
        .units
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(listed, ["大数据中心本级", "网格化服务站"]);
    assert_eq!(merged.meta.entity, Entity::Department);
    assert_eq!(merged.meta.dept_name, whole.meta.dept_name);
    // Sources recorded relative to the merged file's folder, fingerprinted.
    let files: Vec<_> = merged.merged_from.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(files, ["a.ron", "b.ron"]);
    let bytes = std::fs::read(&pa).expect("read a");
    assert_eq!(merged.merged_from[0].hash, merge::fingerprint(&bytes));
}

#[test]
fn a_project_without_implementing_unit_gets_its_units_name() {
    let (mut a, b) = units(&example());
    a.projects[0].implementing_unit.clear();
    let unit = |d: Document, p: &str| merge::Unit {
        path: PathBuf::from(p),
        hash: merge::fingerprint(p.as_bytes()),
        doc: d,
    };
    let m = merge::merge(&[unit(a, "a.ron"), unit(b, "b.ron")], "某局", None).expect("merge");
    assert_eq!(m.doc.projects[0].implementing_unit, "大数据中心本级");
}

/// Runs a merge expected to be refused: exit 2, a message naming both
/// files, no output file.
fn refused(dir: &Path, a: &Path, b: &Path, says: &str) {
    let out = dir.join("dept.ron");
    let o = yusuan(&["merge", s(a), s(b), "--dept", "某局", "-o", s(&out)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains(says), "{t}");
    for f in [a, b] {
        assert!(t.contains(s(f)), "names {}: {t}", f.display());
    }
    assert!(!out.exists(), "nothing written");
    let temps = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".yusuan-"))
        .count();
    assert_eq!(temps, 0);
}

#[test]
fn units_of_different_years_templates_or_money_units_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_units(dir.path());
    let b = yusuan::io::load(&pb).expect("b");

    let mut other = b.clone();
    other.meta.year += 1;
    let p = dir.path().join("b-2022.ron");
    yusuan::io::save(&p, &other).expect("save");
    refused(dir.path(), &pa, &p, "预算年度不一致");

    let mut other = b.clone();
    other.meta.template = Template::Wuhan2022;
    let p = dir.path().join("b-wuhan2022.ron");
    yusuan::io::save(&p, &other).expect("save");
    refused(dir.path(), &pa, &p, "模板不一致");

    let mut other = b.clone();
    other.meta.unit = MoneyUnit::Yuan;
    let p = dir.path().join("b-yuan.ron");
    yusuan::io::save(&p, &other).expect("save");
    refused(dir.path(), &pa, &p, "金额单位不一致");
}

#[test]
fn the_same_unit_twice_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, _) = write_units(dir.path());
    // A copy under another name, edited: still the same unit.
    let mut copy = yusuan::io::load(&pa).expect("a");
    copy.three_public.reception += Money::from_cents(100);
    let p = dir.path().join("a-copy.ron");
    yusuan::io::save(&p, &copy).expect("save");
    refused(dir.path(), &pa, &p, "同一单位出现两次");
    match merge::merge(
        &[
            merge::read_unit(&pa).expect("a"),
            merge::read_unit(&pa).expect("a"),
        ],
        "某局",
        None,
    ) {
        Err(MergeError::Duplicate { unit, .. }) => assert_eq!(unit, "大数据中心本级"),
        other => panic!("expected a duplicate error, got {other:?}"),
    }
}

#[test]
fn an_unreadable_unit_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, _) = write_units(dir.path());
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format_version: 1, meta: (").expect("write");
    let out = dir.path().join("dept.ron");
    let o = yusuan(&["merge", s(&pa), s(&bad), "--dept", "某局", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("broken.ron"), "{}", text(&o));
    assert!(!out.exists());
}

#[test]
fn a_hand_entered_document_is_not_overwritten_by_a_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_units(dir.path());
    let out = dir.path().join("dept.ron");
    yusuan::io::save(&out, &example()).expect("save");
    let before = std::fs::read(&out).expect("read");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某局", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("不是汇总生成的文件"));
    assert_eq!(std::fs::read(&out).expect("read"), before);
}

#[test]
fn check_reports_a_unit_changed_since_the_merge_and_a_missing_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_units(dir.path());
    let out = dir.path().join("dept.ron");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某局", "-o", s(&out)]);
    assert!(o.status.success(), "{}", text(&o));

    let o = yusuan(&["merge", "--check", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("全部 2 个单位文件与汇总时相同"));

    // The 填报人 of unit B corrects a figure after the merge.
    let mut b = yusuan::io::load(&pb).expect("b");
    b.three_public.reception += Money::from_cents(1);
    yusuan::io::save(&pb, &b).expect("save b");
    let o = yusuan(&["merge", "--check", s(&out)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("已变更  b.ron（网格化服务站）"), "{t}");
    assert!(t.contains("未变  a.ron"), "{t}");
    let merged = yusuan::io::load(&out).expect("merged");
    let states: Vec<_> = merge::check(&merged, &out)
        .into_iter()
        .map(|x| x.1)
        .collect();
    assert_eq!(states[0], SourceState::Unchanged);
    assert_eq!(states[1], SourceState::Changed);

    std::fs::remove_file(&pa).expect("remove a");
    let o = yusuan(&["merge", "--check", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("缺失  a.ron"), "{}", text(&o));

    // Merging again records the current files: the check is clean again.
    let (a, _) = units(&example());
    yusuan::io::save(&pa, &a).expect("save a");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某局", "-o", s(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    let o = yusuan(&["merge", "--check", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn check_on_a_document_that_is_not_a_merge_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("x.ron");
    yusuan::io::save(&p, &example()).expect("save");
    let o = yusuan(&["merge", "--check", s(&p)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("不是由单位汇总生成的文件"));
}

/// Failed on main before: `merge A B D` where D is the merge of A and B
/// wrote a department with every figure twice and exit 0.
#[test]
fn a_merge_given_with_its_own_units_is_refused_naming_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_units(dir.path());
    let d = dir.path().join("dept.ron");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某局", "-o", s(&d)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let again = dir.path().join("again.ron");
    let o = yusuan(&[
        "merge",
        s(&pa),
        s(&pb),
        s(&d),
        "--dept",
        "某局",
        "-o",
        s(&again),
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains("重复计算") && t.contains("dept.ron") && t.contains("a.ron"),
        "{t}"
    );
    assert!(!again.exists());
    // A copy of a unit under another name is caught by its fingerprint.
    let copy = dir.path().join("copy-of-b.ron");
    std::fs::copy(&pb, &copy).expect("copy");
    let o = yusuan(&["merge", s(&d), s(&copy), "--dept", "某局", "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("重复计算"), "{}", text(&o));
}

/// Failed on main before: the output compared as a string, so
/// `sub/../a.ron` replaced the unit `a.ron` it was summing.
#[test]
fn the_output_is_never_one_of_the_units_however_it_is_spelt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_units(dir.path());
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let before = std::fs::read(&pa).expect("read");
    let sneaky = dir.path().join("sub/../a.ron");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某局", "-o", s(&sneaky)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(std::fs::read(&pa).expect("read"), before);
    #[cfg(unix)]
    {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&pb, &link).expect("symlink");
        let before = std::fs::read(&pb).expect("read");
        let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某局", "-o", s(&link)]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert_eq!(std::fs::read(&pb).expect("read"), before);
    }
}

/// Each unit's program-assigned 项目编码 (`XM001` …) counts only in its own
/// file: merged, they are numbered afresh so two units' projects never share
/// one; a code typed from the platform is kept, and two units typing the
/// same one is R05, not a silent merge.
#[test]
fn assigned_project_codes_are_renumbered_and_typed_ones_kept() {
    let (mut a, mut b) = units(&example());
    a.projects.truncate(1);
    b.projects = vec![a.projects[0].clone()];
    a.projects[0].code = "XM001".into();
    b.projects[0].code = "XM001".into();
    let unit = |d: Document, p: &str| merge::Unit {
        path: PathBuf::from(p),
        hash: merge::fingerprint(p.as_bytes()),
        doc: d,
    };
    let m = merge::merge(
        &[unit(a.clone(), "a.ron"), unit(b.clone(), "b.ron")],
        "某局",
        None,
    )
    .expect("merge");
    let codes: Vec<&str> = m.doc.projects.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["XM001", "XM002"]);
    a.projects[0].code = "42011221T000000001".into();
    b.projects[0].code = "42011221T000000001".into();
    let m = merge::merge(&[unit(a, "a.ron"), unit(b, "b.ron")], "某局", None).expect("merge");
    let codes: Vec<&str> = m.doc.projects.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["42011221T000000001", "42011221T000000001"]);
    let catalog = yusuan::catalog::Catalog::for_year(m.doc.meta.year).expect("catalog");
    assert!(
        yusuan::rules::check(&m.doc, &catalog)
            .iter()
            .any(|f| f.rule.id() == "R05")
    );
}

/// Issue 23: units in the same installed template whose content differs
/// (one re-installed after an edit) merge, and the merge says which
/// template the 部门 file takes.
#[test]
fn units_in_an_edited_template_merge_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_units(dir.path());
    let base = yusuan::template::bundled_text("Wuhan2021").expect("bundled");
    let edited = base.replacen("目  录", "目    录", 1);
    assert_ne!(base, edited, "the template has a 目录 title to edit");
    for (p, text) in [(&pa, base.to_string()), (&pb, edited)] {
        let texts = vec![text.clone()];
        let r = format!(
            "template: Ref(id: \"Wuhan2021x\", hash: Some(\"{}\"), carried: Some([{:?}])),",
            yusuan::model::content_hash(&texts),
            text
        );
        let file = std::fs::read_to_string(p).expect("unit");
        assert!(file.contains("template: Wuhan2021,"), "{file}");
        let file = file.replacen("template: Wuhan2021,", &r, 1);
        std::fs::write(p, file).expect("write");
        let d = yusuan::io::load(p).expect("unit loads");
        assert_eq!(d.meta.template.id(), "Wuhan2021x");
    }
    let out = dir.path().join("dept.ron");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某中心", "-o", s(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    let said = text(&o);
    assert!(
        said.contains("b.ron 所用模板") && said.contains("内容与") && said.contains("a.ron 的模板"),
        "{said}"
    );
    let merged = yusuan::io::load(&out).expect("merged");
    assert_eq!(
        merged
            .meta
            .template
            .carried()
            .map(|c| c[0].contains("目  录")),
        Some(true)
    );
}

/// A unit with 政府采购 rows merged with one that typed only the totals:
/// the 部门's totals are its rows' sums, so the typed totals would drop
/// out of every figure. They become rows of their own, named, without a
/// 功能科目 (where the template prints the rows, R06 asks for it), and the
/// merge says so; the 部门's 政府采购 is the units' sum.
#[test]
fn typed_procurement_totals_survive_a_merge_with_rows() {
    use yusuan::model::{FunctionCode, ProcurementItem, ProcurementKind};
    let (mut a, mut b) = units(&example());
    a.procurement = vec![ProcurementItem {
        name: "服务器".into(),
        kind: ProcurementKind::Goods,
        code: FunctionCode::new("2013399"),
        amount: Money::from_cents(30_000),
    }];
    b.procurement.clear();
    b.other.procurement_goods = Money::from_cents(1_000);
    b.other.procurement_services = Money::from_cents(2_500);
    let want = a.procurement_total() + b.procurement_total();
    assert_eq!(want, Money::from_cents(33_500));
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    yusuan::io::save(&pa, &a).expect("save a");
    yusuan::io::save(&pb, &b).expect("save b");
    let out = dir.path().join("dept.ron");
    let o = yusuan(&["merge", s(&pa), s(&pb), "--dept", "某中心", "-o", s(&out)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("只填了政府采购总数") && text(&o).contains("网格化服务站（未分明细）"),
        "{}",
        text(&o)
    );
    let merged = yusuan::io::load(&out).expect("merged");
    assert_eq!(merged.procurement_total(), want);
    let added: Vec<(&str, ProcurementKind)> = merged
        .procurement
        .iter()
        .skip(1)
        .map(|p| (p.name.as_str(), p.kind))
        .collect();
    assert_eq!(
        added,
        [
            ("网格化服务站（未分明细）", ProcurementKind::Goods),
            ("网格化服务站（未分明细）", ProcurementKind::Services)
        ]
    );
}

/// The two units of the example in a made-up template with a table per
/// 单位 (表8), unit B also with a 事业收入 figure so the table has two
/// 资金来源 columns; written to `dir` and merged into `dept.ron`.
fn merged_with_units_table(dir: &Path) -> (Document, Document, PathBuf) {
    let (mut a, mut b) = units(&example());
    b.budget_lines[0].set_amount(
        yusuan::model::FundSource::InstitutionIncome,
        yusuan::model::SpendingKind::Basic,
        Money::from_cents(1_234),
    );
    let template = crate::table_queries::with_units();
    let resolved = yusuan::template::resolve(&template, &yusuan::template::bundled_lookup)
        .expect("template resolves");
    assert_eq!(
        crate::table_queries::parse(&template)
            .expect("parses")
            .table_problems(),
        Vec::<String>::new()
    );
    for d in [&mut a, &mut b] {
        d.meta.template = yusuan::template::reference(&resolved);
    }
    yusuan::io::save(&dir.join("a.ron"), &a).expect("save a");
    yusuan::io::save(&dir.join("b.ron"), &b).expect("save b");
    (a, b, merge_units_in(dir))
}

/// Merges `dir`'s a.ron and b.ron into its dept.ron (its path).
fn merge_units_in(dir: &Path) -> PathBuf {
    let (pa, pb, out) = (dir.join("a.ron"), dir.join("b.ron"), dir.join("dept.ron"));
    let o = yusuan(&[
        "merge",
        s(&pa),
        s(&pb),
        "--dept",
        "青山区大数据中心",
        "-o",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    out
}

/// A unit's figures as the table prints them: 合计, 一般公共预算拨款,
/// 事业收入 (blank when zero).
fn unit_figures(d: &Document) -> [String; 3] {
    use yusuan::model::FundSource as F;
    let by = d.budget_by_pair();
    let source = |s: F| -> Money {
        by.iter()
            .filter(|((x, _), _)| *x == s)
            .map(|(_, v)| *v)
            .sum()
    };
    let shown = |m: Money| m.display_blank_zero();
    [
        shown(by.values().copied().sum()),
        shown(source(F::GeneralBudget)),
        shown(source(F::InstitutionIncome)),
    ]
}

/// Issue 23: a 部门 merged from two units prints one row per unit with the
/// unit's own figures and a 合计 row equal to the document's total, in the
/// PDF and in the workbook; a unit's file on its own prints itself as the
/// one row.
#[test]
fn a_units_table_prints_one_row_per_merged_unit_in_pdf_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, out) = merged_with_units_table(dir.path());
    let merged = yusuan::io::load(&out).expect("merged loads");
    // The merge records each unit's 收支预算 by 资金来源 × 支出类型.
    for (src, unit) in merged.merged_from.iter().zip([&a, &b]) {
        let mut want = unit.budget_by_pair();
        want.retain(|_, v| !v.is_zero());
        assert_eq!(src.amounts, want, "{}", src.unit);
    }
    let total = derive::totals(&merged).total;
    assert_eq!(
        total,
        derive::totals(&a).total + derive::totals(&b).total,
        "the 部门 is the sum of its units"
    );
    // No 错误: the table per 单位 agrees with the rest, and a tree printed
    // to 类 depth with its 合计 last (表2) is checked as printed.
    let o = yusuan(&["check", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // PDF: the table's rows as pdftotext lays them out.
    let pdf = dir.path().join("dept.pdf");
    let o = yusuan(&["export", s(&out), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", text(&o));
    let pdf_text = crate::support::pdf_text(&pdf);
    let page = pdf_text
        .split('\u{c}')
        .find(|p| p.contains("分单位收支预算表"))
        .expect("the units table prints");
    let line = |name: &str| -> Vec<String> {
        let l = page
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no row {name}:\n{page}"));
        l.split_whitespace().skip(1).map(str::to_string).collect()
    };
    let figures = |d: &Document| -> Vec<String> {
        unit_figures(d)
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert_eq!(line("大数据中心本级"), figures(&a), "{page}");
    assert_eq!(line("网格化服务站"), figures(&b), "{page}");
    assert_eq!(line("合计"), figures(&merged), "{page}");
    assert_eq!(line("合计")[0], total.display());
    // The header wraps 一般公共预算拨款 in its narrow column.
    assert!(
        page.contains("一般公共预算") && page.contains("事业收入") && page.contains("按资金来源"),
        "{page}"
    );
    let rows: Vec<&str> = page
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| ["合计", "大数据中心本级", "网格化服务站"].contains(w))
        .collect();
    assert_eq!(rows, ["合计", "大数据中心本级", "网格化服务站"], "{page}");

    // xlsx: the same rows on the table's sheet, amounts as numbers.
    let xlsx = dir.path().join("dept.xlsx");
    let o = yusuan(&["export", s(&out), "-o", s(&xlsx)]);
    assert!(o.status.success(), "{}", text(&o));
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).expect("workbook opens");
    let range = wb.worksheet_range("表8").expect("the units table's sheet");
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f:.2}"),
                    Data::Int(i) => format!("{i}.00"),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let row = |name: &str| -> Vec<String> {
        cells
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(name))
            .unwrap_or_else(|| panic!("no row {name}: {cells:?}"))
            .iter()
            .skip(1)
            .cloned()
            .collect()
    };
    // Every amount is a number in the workbook, a zero too.
    let numbers = |d: &Document| -> Vec<String> {
        unit_figures(d)
            .into_iter()
            .map(|s| if s.is_empty() { "0.00".into() } else { s })
            .collect()
    };
    assert_eq!(row("大数据中心本级"), numbers(&a), "{cells:?}");
    assert_eq!(row("网格化服务站"), numbers(&b), "{cells:?}");
    assert_eq!(row("合计"), numbers(&merged), "{cells:?}");

    // A unit's own file is not a merge: the table prints the unit itself.
    let catalog = yusuan::catalogs::for_document(&a.meta);
    let t = derive::published_tables(&a, &catalog)
        .into_iter()
        .find(|t| t.number == 8)
        .expect("表8");
    use yusuan::derive::table::Cell;
    let names: Vec<&Cell> = t.rows.iter().map(|r| &r.cells[0]).collect();
    assert_eq!(names, [&Cell::text("合计"), &Cell::text("大数据中心本级")]);
    assert_eq!(t.rows[0].cells[1..], t.rows[1].cells[1..]);
    assert_eq!(t.rows[1].cells[1], Cell::Money(derive::totals(&a).total));
    crate::templates::assert_adds_up(&t);
}

/// Issue 23: the merged document's figures edited afterwards no longer add
/// up to its units: a 错误 (X13) naming the difference and asking for a new
/// merge; merging again clears it.
#[test]
fn editing_a_merged_document_with_a_units_table_is_an_error_until_merged_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, _, out) = merged_with_units_table(dir.path());
    let mut merged = yusuan::io::load(&out).expect("merged loads");
    let line = &mut merged.budget_lines[0];
    let k = (
        yusuan::model::FundSource::GeneralBudget,
        yusuan::model::SpendingKind::Basic,
    );
    let before = line.amount(k.0, k.1);
    line.set_amount(k.0, k.1, before + Money::from_cents(1_000));
    yusuan::io::save(&out, &merged).expect("save edited");
    let o = yusuan(&["check", s(&out)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    let x13 = t
        .lines()
        .find(|l| l.contains("X13"))
        .unwrap_or_else(|| panic!("no X13:\n{t}"));
    assert!(
        x13.contains("错误")
            && x13.contains("一般公共预算拨款·基本支出")
            && x13.contains("相差 10.00")
            && x13.contains("重新汇总")
            && x13.contains("yusuan merge"),
        "{x13}"
    );
    let pdf = dir.path().join("edited.pdf");
    let o = yusuan(&["export", s(&out), "-o", s(&pdf)]);
    assert_ne!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!pdf.exists());

    merge_units_in(dir.path());
    let o = yusuan(&["check", s(&out)]);
    assert!(!text(&o).contains("X13"), "{}", text(&o));
}

/// Next year's file from a merged one is not a merge of this year's units:
/// it keeps no units' figures (its table per 单位 prints the 部门 itself,
/// nothing for X13 to hold it to).
#[test]
fn next_years_file_from_a_merge_records_no_units() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, _, out) = merged_with_units_table(dir.path());
    let merged = yusuan::io::load(&out).expect("merged loads");
    assert_eq!(merged.merged_from.len(), 2);
    let catalog = yusuan::catalog::Catalog::for_year(2022).unwrap_or_default();
    let next = yusuan::rollover::next_year(&merged, 2022, &catalog, "dept.ron")
        .expect("rolls over")
        .doc;
    assert!(next.merged_from.is_empty());
    let t = derive::published_tables(&next, &catalog)
        .into_iter()
        .find(|t| t.number == 8)
        .expect("表8");
    assert_eq!(t.rows.len(), 2, "合计 and the 部门 itself");
    assert_eq!(
        t.rows[1].cells[0],
        yusuan::derive::table::Cell::text("青山区大数据中心")
    );
}
