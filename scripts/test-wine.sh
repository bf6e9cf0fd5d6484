#!/usr/bin/env bash
# Tests the Windows program under Wine against the Linux build of the same
# source: exit codes, `check`/`show` output, PDF text and workbook contents
# must be the same, for the example and for a copy at a path with Chinese
# characters and spaces (given as a Windows path, Z:\…). Then what differs on
# Windows: saving over a file another program holds open, a path over 260
# characters, a folder the user cannot write to, a network path that is gone,
# and (with Xvfb) the desktop app's start, its lock file and a stale lock.
#
# Needs: wine (Debian's, 64-bit), poppler-utils, python3, mingw-w64 (for the
# small holdopen.exe helper); xvfb + xdotool + imagemagick for the GUI part.
# Without wine it says so and exits 0, so CI can call it anywhere.
#
# Usage: scripts/test-wine.sh
#   YUSUAN_EXE=dist/yusuan.exe        the Windows program (default: built by
#                                     scripts/build-windows.sh when missing)
#   YUSUAN_LINUX=path/to/yusuan       the Linux program to compare with
#                                     (default: cargo build --release)
#   YUSUAN_DISPLAY=95                 X display for the GUI part
#   YUSUAN_SCREENSHOT=docs/screenshot-wine.png   keep the GUI screenshot
set -uo pipefail
# Character counts (${#path}) and pdftotext output in UTF-8.
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/.."
. scripts/common.sh
ROOT=$PWD

if ! command -v wine >/dev/null; then
    echo "wine is not installed: Windows tests skipped (apt-get install wine wine64)"
    exit 0
fi
for tool in pdftotext python3 x86_64-w64-mingw32-gcc; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

EXE=${YUSUAN_EXE:-dist/yusuan.exe}
[ -f "$EXE" ] || scripts/build-windows.sh || exit 2
EXE=$(realpath "$EXE")
if [ -z "${YUSUAN_LINUX:-}" ]; then
    cargo build --release --bin yusuan || exit 2
    YUSUAN_LINUX="$(cargo_target_dir)/release/yusuan"
fi
LINUX=$(realpath "$YUSUAN_LINUX")

export WINEPREFIX=${WINEPREFIX:-$HOME/.wine-yusuan-test}
export WINEDEBUG=-all
# No Mono or Gecko install dialogs: yusuan needs neither. The shim below
# (native) stands in for a bcryptprimitives.dll that Wine 8 lacks.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
WORK=$(mktemp -d /tmp/yusuan-wine.XXXXXX)
# The app's own data (eframe settings, installed 科目表) goes here, not into
# the user's real profile: %APPDATA% inside the test prefix.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WORK/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32 || exit 2
prepare_prefix() { # Rust's std imports ProcessPrng (Windows 10+); Wine < 9 has no such DLL.
    wineboot -i >/dev/null 2>&1
    timeout 30 wineserver -w # until the new prefix is written (bounded: a lingering service must not hang the run)
    local sys32="$WINEPREFIX/drive_c/windows/system32"
    [ -e "$sys32/bcryptprimitives.dll" ] || cp "$WORK/bcryptprimitives.dll" "$sys32/"
}
prepare_prefix
# (No `wineserver -p` here: after wineboot it can stay in the foreground.)
cleanup() {
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
    wineserver -k 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

. scripts/testlib.sh
REF=$LINUX
win() { wine "$EXE" "$@"; }
tested() { win "$@"; }
# Wine maps / to Z:. (winepath truncates paths over 260 characters.)
winpath() { local p="${1//\//\\}"; printf 'Z:%s' "$p"; }

x86_64-w64-mingw32-gcc -municode -O2 -o "$WORK/holdopen.exe" scripts/wine/holdopen.c || exit 2

# --- 1. The same results as on Linux -------------------------------------
CN="$WORK/预算 文件夹/青山 2021 副本"
mkdir -p "$CN"
cp examples/qingshan-2021.ron "$CN/青山 2021 副本.ron"
cp examples/qingshan-2021.ron "$WORK/qingshan-2021.ron"

for case in example chinese; do
    if [ $case = example ]; then dir=$WORK; name=qingshan-2021.ron; else dir=$CN; name="青山 2021 副本.ron"; fi
    same_run "check $case" "$dir" check "$name"
    same_run "show --list $case" "$dir" show "$name" --list
    for t in 1 2 3 4 5 6 7 8; do same_run "show --table $t $case" "$dir" show "$name" --table "$t"; done
    (cd "$dir" && "$LINUX" export "$name" -o linux.pdf >/dev/null 2>&1)
    # The Windows program gets a Windows path: drive letter and backslashes.
    wdoc=$(winpath "$dir/$name"); wout=$(winpath "$dir/windows.pdf")
    win export "$wdoc" -o "$wout" >/dev/null 2>&1
    expect "export pdf $case exit 0" [ $? = 0 ]
    same_pdf "export pdf $case" "$dir/linux.pdf" "$dir/windows.pdf"
    (cd "$dir" && "$LINUX" export "$name" -o linux.xlsx >/dev/null 2>&1)
    win export "$wdoc" -o "$(winpath "$dir/windows.xlsx")" >/dev/null 2>&1
    expect "export xlsx $case exit 0" [ $? = 0 ]
    same_xlsx "export xlsx $case" "$dir/linux.xlsx" "$dir/windows.xlsx"
done

# Bad input gives the same exit code and message as on Linux.
printf 'not a budget' > "$WORK/broken.ron"
same_run "check broken file" "$WORK" check broken.ron
# The system's own text after the Chinese words differs by OS; compare the rest.
lo=$(cd "$WORK" && "$LINUX" check missing.ron 2>&1 | sed 's/（[^（]*）$//'); lc=${PIPESTATUS[0]}
wo=$(cd "$WORK" && win check missing.ron 2>&1 | sed 's/（[^（]*）$//')
expect "check missing file: same exit code and Chinese message" [ "$lo" = "$wo" ]

# --- 2. Saving over a file that another program holds open -----------------
# On Linux the rename replaces it (the reader keeps the old one). On Windows
# a program that opened it without FILE_SHARE_DELETE (PDF readers, Excel)
# blocks the replace: the export must fail with a clear message and leave
# the old file as it was.
held_export() { # held_export MODE: prints exit code; message in $WORK/held.err
    local out="$WORK/held.pdf"
    printf 'old contents' > "$out"
    rm -f "$WORK/ready"
    wine "$WORK/holdopen.exe" "$(winpath "$out")" 6 "$1" > "$WORK/ready" 2>&1 &
    local holder=$!
    for _ in $(seq 50); do grep -q held "$WORK/ready" 2>/dev/null && break; sleep 0.2; done
    win export "$(winpath "$WORK/qingshan-2021.ron")" -o "$(winpath "$out")" >/dev/null 2>"$WORK/held.err"
    echo $?
    wait "$holder"
}
# Windows refuses to replace a file that another program holds open, with
# or without FILE_SHARE_DELETE (MoveFileEx; Wine does the same): the export
# must fail with a clear message, keep the old file and leave no temp file.
for mode in r d; do
    code=$(held_export $mode)
    expect "export over a file held open (mode $mode) refused (exit $code)" [ "$code" != 0 ]
    expect "…with a message that names the other program as the cause" grep -q "其他程序" "$WORK/held.err"
    expect "…old file unchanged" [ "$(cat "$WORK/held.pdf")" = "old contents" ]
    expect "…no temp file left beside it" [ -z "$(ls -A "$WORK" | grep '^\.yusuan-')" ]
done
tail -1 "$WORK/held.err" | sed 's/^/     /'
(cd "$WORK" && "$LINUX" export qingshan-2021.ron -o held-linux.pdf >/dev/null 2>&1
 exec 3<held-linux.pdf; "$LINUX" export qingshan-2021.ron -o held-linux.pdf >/dev/null 2>&1)
expect "on Linux the same export over an open file succeeds (rename)" [ $? = 0 ]

# --- 3. Paths over 260 characters -----------------------------------------
long="$WORK"
while [ ${#long} -lt 300 ]; do long="$long/很长的文件夹名称用于测试路径长度限制"; done
mkdir -p "$long"
cp examples/qingshan-2021.ron "$long/doc.ron"
win check "$(winpath "$long/doc.ron")" >/dev/null 2>&1
expect "check a document at a path of $(winpath "$long/doc.ron" | wc -m) characters (reading works)" [ $? = 0 ]
win export "$(winpath "$WORK/qingshan-2021.ron")" -o "$(winpath "$long/out.pdf")" >/dev/null 2>"$WORK/long.err"
code=$?
expect "export to a path over 260 characters refused (exit $code)" [ "$code" != 0 ]
expect "…with a message that says the path is too long" grep -q "超过 Windows 的上限" "$WORK/long.err"
expect "…and nothing written" [ ! -e "$long/out.pdf" ]
sed 's/^/     /' "$WORK/long.err"

# --- 4. A network path that cannot be reached -------------------------------
win check '\\yusuan-no-such-host\share\预算.ron' >/dev/null 2>"$WORK/unc.err"
code=$?
expect "check on an unreachable network path: exit 2" [ "$code" = 2 ]
expect "…naming the file" grep -q 'yusuan-no-such-host' "$WORK/unc.err"
sed 's/^/     /' "$WORK/unc.err"

# --- 5. A folder the user cannot write to ----------------------------------
# Run as an unprivileged user (root writes anywhere): the exe sits in a
# root-owned folder, as under C:\Program Files.
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
    id yusuantest >/dev/null 2>&1 || useradd -m yusuantest
    RO="$WORK/只读 文件夹"
    mkdir -p "$RO"
    cp "$EXE" "$RO/yusuan.exe"
    cp examples/qingshan-2021.ron "$RO/doc.ron"
    chmod 755 "$WORK" "$RO"; chmod 644 "$RO/doc.ron"
    as_user() {
        runuser -u yusuantest -- env HOME=/home/yusuantest WINEPREFIX=/home/yusuantest/.wine-yusuan-test \
            WINEDEBUG=-all WINEDLLOVERRIDES="$WINEDLLOVERRIDES" "$@"
    }
    as_user bash -c "$(declare -f prepare_prefix); WORK='$WORK'; prepare_prefix"
    as_user wine "$RO/yusuan.exe" check "$(winpath "$RO/doc.ron")" >/dev/null 2>&1
    expect "exe started from a read-only folder runs (check exit 0)" [ $? = 0 ]
    as_user wine "$RO/yusuan.exe" export "$(winpath "$RO/doc.ron")" -o "$(winpath "$RO/doc.pdf")" >/dev/null 2>"$WORK/ro.err"
    code=$?
    expect "export into a read-only folder refused (exit $code)" [ "$code" != 0 ]
    expect "…with 没有权限 in the message" grep -q "没有权限" "$WORK/ro.err"
    expect "…and nothing written there" [ "$(ls -A "$RO" | sort | tr '\n' ' ')" = "doc.ron yusuan.exe " ]
    sed 's/^/     /' "$WORK/ro.err"
    as_user wineserver -k 2>/dev/null
else
    echo "skip read-only folder test (needs root to run as another user)"
fi

# --- 6. The desktop app, its lock file and a stale lock ------------------
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    D=${YUSUAN_DISPLAY:-95}
    Xvfb ":$D" -screen 0 1400x900x24 >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$D"
    sleep 2
    doc="$CN/青山 2021 副本.ron"
    lock="$doc.lock"
    wait_for() { for _ in $(seq 120); do eval "$1" && return 0; sleep 0.5; done; return 1; }
    # Whether Wine runs a yusuan.exe (as Task Manager would show it).
    win_running() { winedbg --command "info proc" 2>/dev/null | grep -q "'yusuan.exe'"; }
    # Not through `win`: `$!` of a shell function put in the background is
    # the pid of a subshell, and `kill -9` of that left the program running
    # (its lock then rightly not stale). /usr/bin/wine execs into the Windows
    # process itself, so `$!` is the program and `kill -9` ends it as a crash.
    wine "$EXE" "$(winpath "$doc")" >/dev/null 2>&1 &
    app=$!
    expect "GUI starts and takes the lock file" wait_for "[ -s \"\$lock\" ]"
    expect "lock names pid, host and user" grep -q '^host=' "$lock"
    first=$(grep '^token=' "$lock" 2>/dev/null)
    wait_for "xdotool search --name '部门预算编制' >/dev/null 2>&1"
    sleep 6 # first frames: fonts upload, layout
    if [ -n "${YUSUAN_SCREENSHOT:-}" ] && command -v import >/dev/null; then
        shot_id=$(xdotool search --name '部门预算编制' 2>/dev/null | head -1)
        import -window "${shot_id:-root}" "$ROOT/$YUSUAN_SCREENSHOT" && echo "     screenshot: $YUSUAN_SCREENSHOT"
    fi
    kill -9 "$app" 2>/dev/null; wait "$app" 2>/dev/null
    expect "kill -9 ends the Windows process" wait_for "! win_running"
    expect "a killed instance leaves its lock behind" [ -s "$lock" ]
    wine "$EXE" "$(winpath "$doc")" >/dev/null 2>&1 &
    app=$!
    expect "the next start takes over the stale lock silently" \
        wait_for "[ -s \"\$lock\" ] && [ \"\$(grep '^token=' \"\$lock\")\" != \"\$first\" ]"
    wait_for "xdotool search --name '部门预算编制' >/dev/null 2>&1"
    sleep 3
    # Alt+F4 as a user closes it (Wine turns it into WM_CLOSE; there is no
    # window manager under Xvfb, so a click gives the window the focus).
    for _ in 1 2 3; do
        win_id=$(xdotool search --name '部门预算编制' 2>/dev/null | head -1)
        [ -z "$win_id" ] && break
        xdotool mousemove --window "$win_id" 600 300 click 1 2>/dev/null
        sleep 1
        xdotool key alt+F4 2>/dev/null
        sleep 4
    done
    expect "closing the window removes the lock" wait_for "[ ! -e \"\$lock\" ]"
    kill -9 "$app" 2>/dev/null; wait "$app" 2>/dev/null
else
    echo "skip GUI tests (needs Xvfb and xdotool)"
fi

finish
