# Shared by the build and test scripts: sourced, not run.

# Installs the Rust standard library of target $1 when rustup manages the
# toolchain and it is missing.
ensure_rust_target() {
    if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx "$1"; then
        rustup target add "$1"
    fi
}

# Cargo's target directory (honours CARGO_TARGET_DIR and .cargo/config).
cargo_target_dir() {
    cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}
