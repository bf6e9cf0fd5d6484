#!/usr/bin/env bash
# Cross-builds the Windows program: dist/yusuan.exe, one self-contained file
# (fonts, templates and 科目表 are compiled in; no DLLs beside it), with the
# icon, version information and manifest from build.rs.
#
# Needs (Debian/Ubuntu): sudo apt-get install -y mingw-w64
#                        rustup target add x86_64-pc-windows-gnu
# Usage: scripts/build-windows.sh            (prints the exe's path and size)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
TARGET=x86_64-pc-windows-gnu

if ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! command -v x86_64-w64-mingw32-windres >/dev/null; then
    echo "缺少 mingw-w64：sudo apt-get install -y mingw-w64" >&2
    exit 2
fi
ensure_rust_target "$TARGET"

cargo build --release --target "$TARGET" --bin yusuan
exe="$(cargo_target_dir)/$TARGET/release/yusuan.exe"

# Self-contained means: only DLLs that every Windows has. A mingw runtime
# DLL (libgcc_s_seh-1.dll, libwinpthread-1.dll, libstdc++-6.dll) here would
# make the exe fail to start on a clean PC.
bad=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ {print $3}' | grep -Ei '^(lib|msvcp|vcruntime)' || true)
if [ -n "$bad" ]; then
    echo "yusuan.exe needs DLLs a clean Windows does not have: $bad" >&2
    exit 1
fi

mkdir -p dist
# Symbol tables only (75 MB → 63 MB); panic messages stay.
x86_64-w64-mingw32-strip -o dist/yusuan.exe "$exe"
echo "dist/yusuan.exe  $(stat -c %s dist/yusuan.exe) bytes"
