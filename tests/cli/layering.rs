//! The floors of docs/architecture.md, checked on the source: each crate
//! depends only on crates below it (Cargo.toml), each module uses only the
//! modules below it in its crate (`crate::…` paths outside `#[cfg(test)]`
//! code and comments), and no library crate prints or ends the process.
//! The compiler already refuses an upward dependency between crates; this
//! keeps the rule inside them, where it cannot.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Crates by folder, lowest first; a crate may depend on lower floors only.
const CRATES: [(&str, u8); 6] = [
    ("layout", 0),
    ("core", 1),
    ("files", 2),
    ("sheets", 2),
    ("print", 3),
    ("app", 4),
];

/// Each crate's modules in floors, lowest first: a module may use the
/// modules of lower floors (and whatever its crate imports from below).
fn floors(krate: &str) -> &'static [&'static [&'static str]] {
    match krate {
        "layout" => &[&["fonts"], &["text"], &["layout"]],
        "core" => &[
            &["money", "numerals"],
            &["model"],
            &["location", "catalog", "template", "detail_sheet"],
            &["derive", "comments"],
            &["content"],
            &["narrative"],
            &["rules", "diff", "rollover"],
            &["start"],
        ],
        "files" => &[
            &["platform"],
            &["io"],
            &["catalogs", "merge"],
            &["templates"],
        ],
        "sheets" => &[&["sheet"], &["import", "catalog_import"]],
        "print" => &[
            &["stamp"],
            &["compose"],
            &["pdf", "xlsx"],
            &["export", "checklist"],
        ],
        "app" => &[&["ui"]],
        "." => &[&["console"], &["cli"]],
        _ => &[],
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn src_dir(krate: &str) -> PathBuf {
    if krate == "." {
        root().join("src")
    } else {
        root().join("crates").join(krate).join("src")
    }
}

/// Every `.rs` file of module `m` (its file, or its folder).
fn files_of(src: &Path, m: &str) -> Vec<PathBuf> {
    let file = src.join(format!("{m}.rs"));
    if file.is_file() {
        return vec![file];
    }
    let mut out = Vec::new();
    let mut stack = vec![src.join(m)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// The code of a file without its `#[cfg(test)]` part (tests may reach
/// anything) and without comment lines.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment after each `crate::`, including each item of a
/// `crate::{a, b::c}` group.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    _ if item_start && !c.is_whitespace() => {
                        out.insert(ident(&group[j..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

#[test]
fn each_crate_depends_only_on_crates_below_it() {
    let floor_of = |name: &str| {
        CRATES
            .iter()
            .find(|(k, _)| format!("yusuan-{k}") == name)
            .map(|(_, f)| *f)
    };
    let mut wrong = Vec::new();
    for (krate, floor) in CRATES {
        let toml =
            std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml")).unwrap();
        // Only the normal dependencies: tests may read back what a crate
        // above produced (print's tests read its xlsx with the sheets crate).
        let deps = toml
            .split("\n[dependencies]")
            .nth(1)
            .unwrap_or_default()
            .split("\n[")
            .next()
            .unwrap_or_default();
        for line in deps.lines() {
            let name = line.split(['.', '=', ' ']).next().unwrap_or_default();
            if floor_of(name).is_some_and(|f| f >= floor) {
                wrong.push(format!("yusuan-{krate} → {name}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies that do not run downward: {wrong:?}"
    );
}

#[test]
fn each_module_uses_only_modules_below_it() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for krate in CRATES.iter().map(|(k, _)| *k).chain(["."]) {
        let src = src_dir(krate);
        let floors = floors(krate);
        let local: BTreeSet<&str> = floors.iter().flat_map(|f| f.iter().copied()).collect();
        // Every module the crate declares is placed on a floor.
        let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
        for line in lib.lines() {
            if let Some(m) = line
                .trim()
                .strip_prefix("pub mod ")
                .or(line.trim().strip_prefix("mod "))
            {
                let m = m.trim_end_matches(';');
                assert!(
                    local.contains(m),
                    "{krate}: module {m} is on no floor of tests/cli/layering.rs"
                );
            }
        }
        for (level, mods) in floors.iter().enumerate() {
            for m in *mods {
                for file in files_of(&src, m) {
                    checked += 1;
                    for used in crate_paths(&code(&file)) {
                        let Some(at) = floors.iter().position(|f| f.contains(&used.as_str()))
                        else {
                            continue; // a lower crate's module, imported at the crate root
                        };
                        if used != *m && at >= level {
                            wrong.push(format!(
                                "{}: {m} → {used}",
                                file.strip_prefix(root()).unwrap().display()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} files read");
    assert!(
        wrong.is_empty(),
        "modules that reach sideways or up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_library_crate_prints_or_exits() {
    let mut wrong = Vec::new();
    for (krate, _) in CRATES {
        for m in floors(krate).iter().flat_map(|f| f.iter()) {
            for file in files_of(&src_dir(krate), m) {
                let code = code(&file);
                for bad in [
                    "println!",
                    "eprintln!",
                    "print!(",
                    "eprint!(",
                    "process::exit",
                    "dbg!(",
                ] {
                    if code.contains(bad) {
                        wrong.push(format!(
                            "{}: {bad}",
                            file.strip_prefix(root()).unwrap().display()
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn the_path_reader_sees_groups_and_ignores_lookalikes() {
    let found = crate_paths(
        "use crate::{model::{A, B}, money::Money};\nlet x = crate::derive::derive(d);\n$crate::fmt; my_crate::no;",
    );
    let want: BTreeSet<String> = ["model", "money", "derive"].map(String::from).into();
    assert_eq!(found, want);
}
