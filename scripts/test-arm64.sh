#!/usr/bin/env bash
# Tests the arm64 package (飞腾/鲲鹏 machines with 统信 UOS or 银河麒麟) on an
# x86_64 machine: the package's fields and contents, the glibc its binary
# needs, and the binary itself under qemu-user against the x86_64 build of
# the same source: exit codes, `check`/`show` output, PDF text and workbook
# contents must be the same, for the examples and for a copy at a path with
# Chinese characters and spaces. On request (YUSUAN_ARM64_GUI=1) also the
# desktop app, with Mesa's software renderer on Xvfb: it opens the document,
# quits from the menu, and a stale lock is taken over.
#
# Needs: qemu-user (qemu-aarch64), libc6-arm64-cross (the arm64 libc that qemu
# loads; the program links nothing else), poppler-utils, python3, dpkg-deb.
# Without qemu-aarch64 it says so and exits 0, so CI can call it anywhere.
#
# Usage: scripts/test-arm64.sh
#   YUSUAN_DEB=dist/yusuan_0.1.0_arm64.deb   the package (default: the newest
#                                     dist/yusuan_*_arm64.deb, built by
#                                     scripts/build-deb.sh arm64 when missing)
#   YUSUAN_LINUX=path/to/yusuan       the x86_64 program to compare with
#                                     (default: cargo build --release)
#   YUSUAN_ARM64_SYSROOT=/usr/aarch64-linux-gnu   arm64 libraries for qemu
#   YUSUAN_ARM64_GUI=1                also start the desktop app under qemu
#                                     with Mesa's software renderer on Xvfb
#                                     (needs xvfb, x11-utils, xdotool; fetches
#                                     Debian 12 arm64 Mesa once, as root)
#   YUSUAN_ARM64_GUI_SYSROOT=DIR      where (default ~/.cache/yusuan-arm64-gui-sysroot)
#   YUSUAN_DISPLAY=96                 X display for the GUI part
#   YUSUAN_SCREENSHOT=docs/x.png      keep a screenshot of 表1
set -uo pipefail
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/.."
. scripts/common.sh

if ! command -v qemu-aarch64 >/dev/null; then
    echo "qemu-aarch64 is not installed: arm64 tests skipped (apt-get install qemu-user libc6-arm64-cross)"
    exit 0
fi
SYSROOT=${YUSUAN_ARM64_SYSROOT:-/usr/aarch64-linux-gnu}
[ -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ] || { echo "missing $SYSROOT/lib/ld-linux-aarch64.so.1 (apt-get install libc6-arm64-cross)" >&2; exit 2; }
for tool in pdftotext python3 dpkg-deb objdump; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

DEB=${YUSUAN_DEB:-$(ls -t dist/yusuan_*_arm64.deb 2>/dev/null | head -1)}
if [ -z "$DEB" ]; then
    scripts/build-deb.sh arm64 || exit 2
    DEB=$(ls -t dist/yusuan_*_arm64.deb | head -1)
fi
DEB=$(realpath "$DEB")
if [ -z "${YUSUAN_LINUX:-}" ]; then
    cargo build --release --bin yusuan || exit 2
    YUSUAN_LINUX="$(cargo_target_dir)/release/yusuan"
fi
X86=$(realpath "$YUSUAN_LINUX")
EXAMPLES=$(realpath examples)

WORK=$(mktemp -d /tmp/yusuan-arm64.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# The binary as it ships: unpacked from the package, not the build tree's.
dpkg-deb -x "$DEB" "$WORK/pkg" || exit 2
BIN="$WORK/pkg/usr/bin/yusuan"
arm() { qemu-aarch64 -L "$SYSROOT" "$BIN" "$@"; }
tested() { arm "$@"; }
. scripts/testlib.sh
REF=$X86

# --- 1. The package -----------------------------------------------------------
expect "Architecture: arm64" [ "$(dpkg-deb -f "$DEB" Architecture)" = arm64 ]
contents=$(dpkg-deb -c "$DEB" | awk '{print $6}')
for p in ./usr/bin/yusuan ./usr/share/applications/yusuan.desktop ./usr/share/mime/packages/yusuan.xml \
         ./usr/share/icons/hicolor/256x256/apps/yusuan.png ./usr/share/doc/yusuan/copyright; do
    expect "package holds $p" grep -qx "$p" <<<"$contents"
done
header=$(objdump -f "$BIN" 2>/dev/null; readelf -h "$BIN" 2>/dev/null)
expect "binary is AArch64 ELF" grep -q 'AArch64' <<<"$header"
need=$(objdump -T "$BIN" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
expect "binary needs glibc ≤ 2.28 (newest symbol version: $need)" \
    [ "$(printf '%s\n' GLIBC_2.28 "$need" | sort -V | tail -1)" = GLIBC_2.28 ]
libs=$(readelf -d "$BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')
expect "links only glibc and at most libgcc_s, as in Depends ($libs)" \
    [ -z "$(tr ' ' '\n' <<<"$libs" | grep -v -E '^(libc|libm|libdl|libpthread|librt|libgcc_s)\.so\.[0-9]+$|^ld-linux-aarch64\.so\.1$|^$')" ]
expect "--version under qemu" [ "$(arm --version 2>&1)" = "$("$X86" --version 2>&1)" ]

# --- 2. The same results as the x86_64 build --------------------------------
CN="$WORK/预算 文件夹/青山 2021 副本"
mkdir -p "$CN" "$WORK/ex"
cp "$EXAMPLES"/*.ron "$WORK/ex/"
cp "$EXAMPLES/qingshan-2021.ron" "$CN/青山 2021 副本.ron"

run_case() { # run_case LABEL DIR FILE
    local label=$1 dir=$2 name=$3 ac
    same_run "check $label" "$dir" check "$name"
    same_run "show --list $label" "$dir" show "$name" --list
    local tables
    tables=$(cd "$dir" && "$X86" show "$name" --list 2>/dev/null | sed -n 's/^表\([0-9]\+\) .*/\1/p')
    [ -n "$tables" ] || tables="1 2 3 4 5 6 7 8"
    for t in $tables; do same_run "show --table $t $label" "$dir" show "$name" --table "$t"; done
    (cd "$dir" && "$X86" export "$name" --force -o x86.pdf >/dev/null 2>&1)
    (cd "$dir" && arm export "$name" --force -o arm.pdf >/dev/null 2>&1); ac=$?
    expect "export pdf $label exit 0" [ $ac = 0 ]
    same_pdf "export pdf $label" "$dir/x86.pdf" "$dir/arm.pdf"
    (cd "$dir" && "$X86" export "$name" --force -o x86.xlsx >/dev/null 2>&1)
    (cd "$dir" && arm export "$name" --force -o arm.xlsx >/dev/null 2>&1); ac=$?
    expect "export xlsx $label exit 0" [ $ac = 0 ]
    same_xlsx "export xlsx $label" "$dir/x86.xlsx" "$dir/arm.xlsx"
    rm -f "$dir"/x86.* "$dir"/arm.*
}
for f in "$WORK"/ex/*.ron; do run_case "$(basename "$f" .ron)" "$WORK/ex" "$(basename "$f")"; done
run_case "chinese path" "$CN" "青山 2021 副本.ron"
same_run "check all examples (审核清单)" "$WORK/ex" check .

# Bad input: the same exit code and message.
printf 'not a budget' > "$WORK/broken.ron"
same_run "check broken file" "$WORK" check broken.ron
same_run "check missing file" "$WORK" check missing.ron

# Start-up under emulation, for the record (a real arm64 machine is faster).
start=$(date +%s%N); arm check "$WORK/ex/qingshan-2021.ron" >/dev/null 2>&1
echo "     check under qemu-aarch64: $(( ($(date +%s%N) - start) / 1000000 )) ms"

# --- 3. The desktop app (only with YUSUAN_ARM64_GUI=1) ----------------------
# qemu-user has no GPU, but Mesa's software renderer (llvmpipe) for arm64
# runs under it: the app opens a real window on Xvfb. Debian 12's arm64
# Mesa and X libraries (about 50 MB) are fetched once through a private apt
# state and unpacked into a cache folder; the host's dpkg and apt are not
# touched, no foreign architecture is added. Resolving the package's own
# Depends there also checks that each of them exists in Debian 12 arm64.
gui_sysroot() { # gui_sysroot DIR
    local dir=$1 apt="$1.apt"
    mkdir -p "$apt/state/lists/partial" "$apt/cache/archives/partial" "$apt/sources.d" "$dir"
    touch "$apt/state/status"
    cat > "$apt/sources.d/debian.sources" <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    local o=(-o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o Dir::State="$apt/state"
             -o Dir::State::status="$apt/state/status" -o Dir::Cache="$apt/cache"
             -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/sources.d" -o Debug::NoLocking=1)
    apt-get "${o[@]}" -qq update || return 1
    apt-get "${o[@]}" -qq -y --download-only --no-install-recommends install "$DEB" libgl1-mesa-dri libegl-mesa0 libglx-mesa0 >/dev/null || return 1
    local d
    for d in "$apt"/cache/archives/*.deb; do dpkg-deb -x "$d" "$dir" || return 1; done
    touch "$dir/.complete"
}
if [ "${YUSUAN_ARM64_GUI:-0}" != 1 ]; then
    echo "skip desktop app under qemu (YUSUAN_ARM64_GUI=1 to run it: fetches Debian 12 arm64 Mesa, ~50 MB)"
elif ! command -v Xvfb >/dev/null || ! command -v xwininfo >/dev/null || ! command -v xdotool >/dev/null; then
    echo "skip desktop app under qemu (needs xvfb, x11-utils, xdotool)"
else
    GUIROOT=${YUSUAN_ARM64_GUI_SYSROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/yusuan-arm64-gui-sysroot}
    [ -e "$GUIROOT/.complete" ] || gui_sysroot "$GUIROOT"
    expect "the package's Depends resolve in Debian 12 arm64; Mesa unpacked in $GUIROOT" [ -e "$GUIROOT/.complete" ]
    D=${YUSUAN_DISPLAY:-96}
    Xvfb ":$D" -screen 0 1400x900x24 >/dev/null 2>&1 &
    XVFB_PID=$!
    trap 'kill "$XVFB_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
    export DISPLAY=":$D"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    mkdir -p "$WORK/home"
    # exec: started with &, $! is then qemu itself, so kill -9 reaches the app.
    gui() { HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/data" XDG_CONFIG_HOME="$WORK/home/config" \
            LIBGL_ALWAYS_SOFTWARE=1 exec qemu-aarch64 -L "$GUIROOT" "$BIN" "$@"; }
    # (xdotool search does not find eframe's window without a window manager.)
    window_of() { xwininfo -root -tree 2>/dev/null | grep -F "$1" | awk '{print $1}' | head -1; }
    wait_window() { for _ in $(seq 1200); do [ -n "$(window_of "$1")" ] && return 0; sleep 0.1; done; return 1; }
    exited() { for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }
    doc="$CN/青山 2021 副本.ron"
    start=$(date +%s%N)
    gui "$doc" >/dev/null 2>"$WORK/gui.err" &
    APP=$!
    wait_window "青山 2021 副本.ron"
    expect "desktop app shows the document (title after $(( ($(date +%s%N) - start) / 1000000 )) ms under qemu)" [ -n "$(window_of "青山 2021 副本.ron")" ]
    expect "…and holds its lock file" grep -qx "pid=$APP" "$doc.lock"
    sleep 2
    wid=$(window_of "青山 2021 副本.ron")
    if [ -n "${YUSUAN_SCREENSHOT:-}" ] && [ -n "$wid" ] && command -v import >/dev/null; then
        xdotool mousemove --window "$wid" 90 470 click 1; sleep 3 # 表1
        import -window "$wid" "$YUSUAN_SCREENSHOT" 2>/dev/null && echo "     screenshot: $YUSUAN_SCREENSHOT"
    fi
    # 文件 → 退出 (the menu's last entry; 最近打开 is a submenu, so it does not move).
    xdotool mousemove --window "$wid" 22 12 click 1; sleep 3
    xdotool mousemove --window "$wid" 30 302 click 1
    expect "文件 → 退出 ends it" exited "$APP"
    expect "…and removes the lock file" [ ! -e "$doc.lock" ]
    gui "$doc" >/dev/null 2>>"$WORK/gui.err" &
    APP=$!
    wait_window "青山 2021 副本.ron"
    kill -9 "$APP"; wait "$APP" 2>/dev/null
    expect "kill -9 leaves a stale lock" [ -e "$doc.lock" ]
    gui "$doc" >/dev/null 2>>"$WORK/gui.err" &
    APP=$!
    wait_window "青山 2021 副本.ron"
    expect "the next start takes the stale lock over" grep -qx "pid=$APP" "$doc.lock"
    kill -9 "$APP"; wait "$APP" 2>/dev/null
    grep -v XGetInputFocus "$WORK/gui.err" | head -5 | sed 's/^/     /'
fi

finish
