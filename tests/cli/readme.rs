//! The README's test command is what CI runs, and it runs without `sudo`
//! where there is none (a root shell, a container).

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The README's test command: the line after "Run the tests" in its code block.
fn readme_command() -> String {
    let readme = read("README.md");
    let from = readme
        .find("Run the tests")
        .expect("README says how to run the tests");
    readme[from..]
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .nth(1)
        .expect("a code block follows")
        .trim()
        .to_string()
}

#[test]
fn ci_runs_exactly_the_readme_test_command() {
    let run = read(".ci/run");
    let last = run
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap()
        .trim();
    assert_eq!(last, readme_command());
}

#[test]
fn the_readme_test_command_needs_no_sudo() {
    let cmd = readme_command();
    assert!(cmd.contains("cargo test"), "{cmd}");
    // `sudo` only through a variable that is empty where there is none,
    // never as a command of its own.
    for bare in ["&& sudo ", "; sudo ", "| sudo "] {
        assert!(!cmd.contains(bare), "a bare sudo in: {cmd}");
    }
    assert!(!cmd.starts_with("sudo "), "{cmd}");
}
