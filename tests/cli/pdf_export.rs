//! Layout behaviour on positions, and the exported PDF read back with
//! poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`).

use crate::common;

use common::tool;

use common::*;
use yusuan::compose::{ExportOptions, grid_of_table};
use yusuan::layout::{
    Block, CellSpec, GridBuilder, Layout, Metrics, Orientation, TableBlock, layout,
};

fn lay(blocks: Vec<Block>) -> Layout {
    layout(&blocks, Metrics::shared())
}

fn runs_with<'a>(
    l: &'a Layout,
    needle: &'a str,
) -> impl Iterator<Item = (usize, &'a yusuan::layout::TextRun)> + 'a {
    l.pages.iter().enumerate().flat_map(move |(i, p)| {
        p.texts()
            .filter(move |t| t.text.contains(needle))
            .map(move |t| (i, t))
    })
}

#[test]
fn long_cell_text_wraps_inside_its_cell() {
    let mut b = GridBuilder::new(vec![1.0, 3.0]).font_size(10.5);
    let long =
        "全区机务网络中心机房、区政府网站平台、全区政务网络干线正常运行，公共WIFI服务正常开展。"
            .repeat(3);
    b.row(vec![
        CellSpec::new("年度目标"),
        CellSpec::new(long.clone()).left(),
    ]);
    b.row(vec![CellSpec::new("下一行"), CellSpec::new("短")]);
    let l = lay(vec![Block::Table(Box::new(TableBlock::new(b.build())))]);
    let page = &l.pages[0];
    let g = page.geometry;
    let col1 = g.left + g.body_width / 4.0;
    let cell_runs: Vec<_> = page
        .texts()
        .filter(|t| t.x > col1 - 0.1 && t.text != "短" && !t.text.starts_with('—'))
        .collect();
    assert!(cell_runs.len() >= 3, "text must wrap onto several lines");
    let joined: String = cell_runs.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(joined, long);
    // Row boundaries: the horizontal rules.
    let mut ys: Vec<f32> = page
        .rules()
        .filter(|r| (r.y1 - r.y2).abs() < 0.01)
        .map(|r| r.y1)
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    assert_eq!(ys.len(), 3, "top, middle and bottom border");
    for t in &cell_runs {
        assert!(t.x >= col1, "run starts inside the cell");
        assert!(
            t.x + t.width <= g.right() + 0.01,
            "run ends inside the cell: {} > {}",
            t.x + t.width,
            g.right()
        );
        assert!(
            t.y - t.size > ys[0] && t.y < ys[1],
            "run inside the first row"
        );
    }
    let short = page
        .texts()
        .find(|t| t.text == "短")
        .map(|t| t.y)
        .unwrap_or_default();
    assert!(short > ys[1] && short < ys[2]);
}

#[test]
fn three_hundred_rows_split_across_pages_with_repeated_header() {
    let t = function_table(2, "一般公共预算支出表", 300);
    let mut block = TableBlock::new(grid_of_table(&t, &ExportOptions::default()));
    block.title = Some("表2.测试".into());
    let l = lay(vec![Block::Table(Box::new(block))]);
    assert!(
        l.pages.len() >= 8,
        "300+ rows need many pages, got {}",
        l.pages.len()
    );
    for (i, p) in l.pages.iter().enumerate() {
        assert!(
            p.texts().any(|t| t.text == "科目编码"),
            "page {i} repeats the header"
        );
        assert!(
            p.texts().any(|t| t.text == "本年一般公共预算支出"),
            "page {i} repeats the spanning header"
        );
        let bottom = p.geometry.bottom();
        assert!(
            p.rules()
                .all(|r| r.y1 <= bottom + 0.01 && r.y2 <= bottom + 0.01),
            "page {i}: table overflows"
        );
    }
    assert_eq!(runs_with(&l, "表2.测试").count(), 1, "caption only once");
    // Every row appears exactly once, in order.
    let items: Vec<String> = l
        .pages
        .iter()
        .flat_map(|p| p.texts())
        .filter(|t| t.text.contains("事业运行项目第"))
        .map(|t| t.text.trim().to_string())
        .collect();
    assert_eq!(items.len(), 300);
    assert_eq!(items[0], "事业运行项目第1项");
    assert_eq!(items[299], "事业运行项目第300项");
    assert_eq!(
        l.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
        (1..=l.pages.len() as u32).map(Some).collect::<Vec<_>>()
    );
}

#[test]
fn merged_body_cell_spans_its_rows_and_is_centred() {
    let mut b = GridBuilder::new(vec![1.0, 1.0, 1.0]).font_size(10.5);
    b.header(vec![
        CellSpec::new("一级指标"),
        CellSpec::new("二级指标"),
        CellSpec::new("指标值"),
    ]);
    b.row(vec![
        CellSpec::new("产出指标").rows(3),
        CellSpec::new("数量指标"),
        CellSpec::new("≥1期"),
    ]);
    b.row(vec![CellSpec::new("数量指标"), CellSpec::new("≥240次")]);
    b.row(vec![CellSpec::new("质量指标"), CellSpec::new("0次")]);
    let l = lay(vec![Block::Table(Box::new(TableBlock::new(b.build())))]);
    let p = &l.pages[0];
    let g = p.geometry;
    let col1 = g.left + g.body_width / 3.0;
    // Horizontal rules inside the first column: only header bottom and table bottom.
    let mut first_col: Vec<f32> = p
        .rules()
        .filter(|r| (r.y1 - r.y2).abs() < 0.01 && r.x1 < col1 - 1.0 && r.x2 <= col1 + 0.01)
        .map(|r| r.y1)
        .collect();
    first_col.sort_by(f32::total_cmp);
    assert_eq!(
        first_col.len(),
        3,
        "top, header bottom, table bottom: {first_col:?}"
    );
    let mut other: Vec<f32> = p
        .rules()
        .filter(|r| (r.y1 - r.y2).abs() < 0.01 && r.x1 >= col1 - 0.01)
        .map(|r| r.y1)
        .collect();
    other.sort_by(f32::total_cmp);
    other.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    assert_eq!(other.len(), 5, "rows are separated in the other columns");
    let y = p
        .texts()
        .find(|t| t.text == "产出指标")
        .map(|t| t.y)
        .unwrap_or_default();
    let mid = (first_col[1] + first_col[2]) / 2.0;
    assert!(
        (y - 10.5 * 0.38 - mid).abs() < 2.0,
        "merged cell centred: baseline {y}, middle {mid}"
    );
}

#[test]
fn wide_tables_go_on_landscape_pages() {
    let t = income_table();
    let l = lay(vec![
        Block::text("前文", yusuan::layout::TextStyle::body()),
        Block::Table(Box::new(TableBlock::new(grid_of_table(
            &t,
            &ExportOptions::default(),
        )))),
        Block::PageBreak,
        Block::text("后文", yusuan::layout::TextStyle::body()),
    ]);
    let orient: Vec<Orientation> = l.pages.iter().map(|p| p.orientation).collect();
    assert_eq!(
        orient,
        [
            Orientation::Portrait,
            Orientation::Landscape,
            Orientation::Portrait
        ]
    );
    let p = &l.pages[1];
    assert!(p.geometry.width > p.geometry.height);
    assert!(p.texts().any(|t| t.text == "上年结转"));
    let narrow = function_table(1, "x", 2);
    let l = lay(vec![Block::Table(Box::new(TableBlock::new(
        grid_of_table(&narrow, &ExportOptions::default()),
    )))]);
    assert_eq!(l.pages[0].orientation, Orientation::Portrait);
}

#[test]
fn zero_amounts_blank_by_default_and_printed_on_request() {
    let t = function_table(2, "x", 1);
    let count = |opts: &ExportOptions| {
        let l = lay(vec![Block::Table(Box::new(TableBlock::new(
            grid_of_table(&t, opts),
        )))]);
        l.pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| t.text == "0.00")
            .count()
    };
    assert_eq!(count(&ExportOptions::default()), 0);
    assert!(
        count(&ExportOptions {
            print_zeros: true,
            ..Default::default()
        }) > 0
    );
}

#[test]
fn page_numbers_alternate_sides_and_skip_cover_and_toc() {
    let l = layout(
        &yusuan::compose::compose(&seed_document(), &seed_parts(), &ExportOptions::default()),
        Metrics::shared(),
    );
    assert_eq!(l.pages[0].number, None, "cover");
    assert_eq!(l.pages[1].number, None, "目录");
    assert_eq!(l.pages[2].number, Some(1));
    for p in &l.pages[2..] {
        let n = p.number.unwrap_or_default();
        let label = format!("— {n} —");
        let run = p
            .texts()
            .find(|t| t.text == label)
            .map(|t| (t.x, t.width))
            .unwrap_or_default();
        let g = p.geometry;
        if n % 2 == 1 {
            assert!(
                run.0 + run.1 > g.right() - 20.0 && run.0 > g.left + g.body_width / 2.0,
                "odd page {n} right"
            );
        } else {
            assert!(run.0 < g.left + 20.0, "even page {n} left");
        }
    }
    // The 目录 lists the parts with their page numbers.
    let toc: Vec<&str> = l.pages[1].texts().map(|t| t.text.as_str()).collect();
    let part1 = l
        .outline
        .iter()
        .find(|e| e.title.starts_with("第一部分"))
        .and_then(|e| e.page_number);
    assert_eq!(part1, Some(1));
    assert!(toc.iter().any(|t| t.starts_with("第一部分")), "{toc:?}");
    assert!(toc.contains(&"1"));
}

#[test]
fn exported_pdf_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("青山区大数据中心2021年部门预算.pdf");
    let doc = seed_document();
    let report =
        yusuan::export::pdf(&doc, seed_parts(), &ExportOptions::default(), &path).expect("export");
    let p = path.to_str().expect("utf-8 path");

    let info = tool("pdfinfo", &[p]);
    let pages_line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap_or_default();
    assert_eq!(
        pages_line.split_whitespace().nth(1),
        Some(report.pages.to_string().as_str()),
        "{info}"
    );
    assert!(
        report.pages >= 18,
        "cover, 目录, 3 parts, 8 tables, 附件3, 2×表10: {}",
        report.pages
    );
    let field = |k: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(k))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(field("Title:"), "青山区大数据中心2021年部门预算");
    assert_eq!(field("Author:"), "武汉市青山区大数据中心");
    // The export time, not printpdf's 1970 default (pdfinfo prints the
    // date in the machine's zone, so only the year is compared).
    let created = field("CreationDate:");
    let year = 1970 + yusuan::stamp::export_time() / 31_556_952;
    assert!(created.contains(&year.to_string()), "{created}");
    assert!(!field("ModDate:").contains("1970"), "{info}");

    // 第二部分's title is too long for one line: it breaks after the
    // department's name, not inside it.
    let raw = tool("pdftotext", &[p, "-"]);
    assert!(
        raw.lines().any(|l| l.trim() == "第二部分 青山区大数据中心"),
        "{raw}"
    );
    // pdftotext turns wide gaps into spaces or drops them: compare without spaces.
    let text: String = tool("pdftotext", &[p, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let order = [
        "2021年部门预算",
        "目  录",
        "第一部分 青山区大数据中心概况",
        "一、部门主要职能",
        "三、部门人员构成",
        "第二部分 青山区大数据中心2021年部门预算表",
        "表1.青山区大数据中心2021年财政拨款收支预算总表",
        "本部门没有使用政府性基金预算安排的支出",
        "表7.青山区大数据中心2021年部门收入总表",
        "附件3：",
        "部门整体支出绩效目标申报表",
        "长期目标1：政务网平台运行目标",
        "年度目标1：政务网平台运行目标",
        "备注：1.",
        "表10.青山区大数据中心2021年部门项目支出绩效目标表",
        "青山区部门预算部门专项(绩效目标)申报表",
        "政务网平台运行费",
        "网上群众工作部年度经费",
        "第三部分 青山区大数据中心2021年部门预算情况说明",
        "第四部分 名词解释",
    ];
    let mut at = 0;
    for s in order {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.as_str();
        let found = text[at..]
            .find(s)
            .unwrap_or_else(|| panic!("“{s}” missing or out of order"));
        at += found + s.len();
    }
    for figure in [
        "1037.60",
        "411.62",
        "625.98",
        "1170.83",
        "39.67%",
        "60.33%",
        "305.8",
        "2021.01.01-2021.12.31",
        "≥240次",
        "68860276",
        "—1—",
        "—18—",
    ] {
        assert!(text.contains(figure), "figure {figure} missing");
    }

    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap_or_default();
        let (tag, rest) = name.split_once('+').unwrap_or_default();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "subset tag on {name}"
        );
        assert!(rest.starts_with("Budget"), "{name}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni: {row}"
        );
    }
    assert!(report.bytes < 800_000, "size {}", report.bytes);
    // Nothing but the PDF is left in the folder.
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or_default(),
        1
    );
}

/// The bundled example through the real pipeline (derive + narrative +
/// layout + PDF), read back as a reader would.
#[test]
fn example_document_exports_with_its_sections_and_figures() {
    let doc =
        yusuan::io::from_str(include_str!("../../examples/qingshan-2021.ron")).expect("example");
    let catalog = yusuan::catalog::Catalog::for_year(2021).expect("catalog");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("示例 导出.pdf");
    let parts = yusuan::narrative::parts(&doc, &catalog);
    let report =
        yusuan::export::pdf(&doc, parts, &ExportOptions::default(), &path).expect("export");
    assert!(report.pages >= 15, "{report:?}");
    assert!(report.bytes < 800_000, "{report:?}");
    let p = path.to_str().expect("utf-8 path");
    let text: String = tool("pdftotext", &[p, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // Sections in order, after the 目录.
    let body = &text[text
        .find("第一部分青山区大数据中心概况一、")
        .expect("part 1 body")..];
    let mut at = 0;
    for title in [
        "财政拨款收支预算总表",
        "一般公共预算支出表",
        "一般公共预算基本支出表",
        "“三公”经费支出表",
        "政府性基金预算支出表",
        "部门收支总表",
        "部门收入总表",
        "部门支出总表",
        "部门整体支出绩效目标申报表",
        "项目支出绩效目标表",
        "第三部分",
        "第四部分名词解释",
    ] {
        let found = body[at..]
            .find(title)
            .unwrap_or_else(|| panic!("{title} missing or out of order"));
        at += found;
    }
    for figure in [
        "1037.60",
        "411.62",
        "625.98",
        "399.98",
        "11.64",
        "305.80",
        "320.18",
        "1170.83",
        "39.67%",
        "60.33%",
        "减少133.23万元，下降11.38%",
        "本部门没有使用政府性基金预算安排的支出",
        "一般公共服务支出(类)宣传事务(款)事业运行、其他宣传事务支出(项)",
    ] {
        assert!(text.contains(figure), "{figure} missing");
    }
    let fonts = tool("pdffonts", &[p]);
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|l| l.contains('+') && l.contains("yes")),
        "{fonts}"
    );
}

/// Every character of the reference document prints in every bundled face
/// (no empty boxes). The seed sits in `../shared/seed/` beside the clone.
#[test]
fn fonts_cover_every_character_of_the_seed() {
    use yusuan::fonts::FontFace;
    use yusuan::layout::Metrics;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/qingshan-bigdata-2021-budget.txt");
    let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let metrics = Metrics::shared();
    for face in FontFace::ALL {
        let missing: String = seed
            .chars()
            .filter(|c| !c.is_whitespace() && !metrics.has_glyph(face, *c))
            .collect();
        assert!(missing.is_empty(), "{face:?} lacks {missing}");
    }
}

/// The few characters the fonts have beyond the BMP (rare hanzi of names)
/// go to printpdf by glyph id, not through its character map: they still
/// print with their own glyphs and extract as themselves, around ordinary
/// text on both sides.
#[test]
fn characters_beyond_the_bmp_print_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rare.pdf");
    let mut doc = seed_document();
    doc.meta.dept_name = "青山区𬉼数据𠳐中心𥻗".to_string();
    yusuan::export::pdf(&doc, seed_parts(), &ExportOptions::default(), &path).expect("export");
    let p = path.to_str().expect("utf-8 path");
    let text: String = tool("pdftotext", &[p, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("青山区𬉼数据𠳐中心𥻗"), "{text}");
    // Every font embedded as a subset with a ToUnicode map.
    let fonts = tool("pdffonts", &[p]);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols.len() >= 5, "{fonts}");
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{fonts}");
    }
}

/// The writer draws pages a batch at a time into a frame printpdf made
/// (crates/print/src/pdf/mod.rs): every page of a document longer than a
/// batch must carry its own text, in order, and a character first used on
/// the last page must still print and read back (the fonts' widths and
/// ToUnicode maps come from the frame, not from the batch).
#[test]
fn pages_beyond_one_batch_keep_their_own_text() {
    use yusuan::layout::TextStyle;
    let mut blocks = vec![Block::heading("开篇", TextStyle::body(), 0)];
    for i in 1..=600 {
        if i > 1 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::text(format!("第{i}页正文"), TextStyle::body()));
    }
    // A character no earlier page uses, on the last page only.
    blocks.push(Block::text("末页：审核完毕", TextStyle::body()));
    let laid = lay(blocks);
    assert_eq!(laid.pages.len(), 600);
    let bytes = yusuan::pdf::render(&laid, "分批", "测试").expect("render");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("分批.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let p = path.to_str().expect("utf-8 path");
    let info = tool("pdfinfo", &[p]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(str::trim);
    assert_eq!(pages, Some("600"), "{info}");
    for page in [1, 256, 257, 512, 513, 600] {
        let n = page.to_string();
        let text = tool("pdftotext", &["-f", &n, "-l", &n, p, "-"]);
        assert!(
            text.contains(&format!("第{page}页正文")),
            "page {page}: {text}"
        );
    }
    let last = tool("pdftotext", &["-f", "600", "-l", "600", p, "-"]);
    assert!(last.contains("末页：审核完毕"), "{last}");
}

/// The export draws pages as the paginator completes them
/// (`pdf::render_blocks`, two passes, nothing kept): with a 目录 whose
/// entries point past the first batches, it must print what drawing the
/// whole laid-out document prints, page for page, and the 目录's numbers
/// (found by the first pass) must be those of the headings' pages.
#[test]
fn pages_drawn_as_laid_out_match_the_whole_layout() {
    use yusuan::layout::TextStyle;
    let mut blocks = vec![
        Block::Toc {
            title: "目录".into(),
        },
        Block::PageBreak,
    ];
    for i in 1..=300 {
        if i > 1 {
            blocks.push(Block::PageBreak);
        }
        if i % 100 == 0 {
            blocks.push(Block::heading(format!("第{i}节"), TextStyle::body(), 0));
        }
        blocks.push(Block::text(format!("第{i}页正文"), TextStyle::body()));
    }
    let whole = yusuan::pdf::render(&lay(blocks.clone()), "整", "测试").expect("render");
    let (drawn, pages) =
        yusuan::pdf::render_blocks(blocks, Metrics::shared(), "整", "测试").expect("render");
    let streamed = drawn.into_bytes().expect("bytes");
    assert_eq!(pages, 301);
    let dir = tempfile::tempdir().expect("tempdir");
    let text = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        tool(
            "pdftotext",
            &["-layout", path.to_str().expect("utf-8"), "-"],
        )
    };
    let (a, b) = (text("whole.pdf", &whole), text("streamed.pdf", &streamed));
    assert_eq!(a, b);
    // The 目录 (page 1, unnumbered) lists 第300节 on the page numbered 300.
    let toc = b.split('\u{c}').next().unwrap_or_default();
    let line = toc
        .lines()
        .find(|l| l.contains("第300节"))
        .unwrap_or_default();
    assert!(line.trim_end().ends_with("300"), "{toc}");
    let page_300 = b.split('\u{c}').nth(300).unwrap_or_default();
    assert!(
        page_300.contains("第300节") && page_300.contains("— 300 —"),
        "{page_300}"
    );
}
