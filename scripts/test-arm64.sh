#!/usr/bin/env bash
# Tests the arm64 package (飞腾/鲲鹏 machines with 统信 UOS or 银河麒麟) on an
# x86_64 machine: the package's fields and contents, the glibc its binary
# needs, and the binary itself under qemu-user against the x86_64 build of
# the same source: exit codes, `check`/`show` output, PDF text and workbook
# contents must be the same, for the examples and for a copy at a path with
# Chinese characters and spaces. The desktop app (OpenGL) is not started:
# qemu-user has no GPU, that needs a real arm64 machine.
#
# Needs: qemu-user (qemu-aarch64), libc6-arm64-cross and libgcc-s1-arm64-cross
# (the arm64 libc and libgcc_s that qemu loads), poppler-utils, python3, dpkg-deb.
# Without qemu-aarch64 it says so and exits 0, so CI can call it anywhere.
#
# Usage: scripts/test-arm64.sh
#   YUSUAN_DEB=dist/yusuan_0.1.0_arm64.deb   the package (default: the newest
#                                     dist/yusuan_*_arm64.deb, built by
#                                     scripts/build-deb.sh arm64 when missing)
#   YUSUAN_LINUX=path/to/yusuan       the x86_64 program to compare with
#                                     (default: cargo build --release)
#   YUSUAN_ARM64_SYSROOT=/usr/aarch64-linux-gnu   arm64 libraries for qemu
set -uo pipefail
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/.."
. scripts/common.sh

if ! command -v qemu-aarch64 >/dev/null; then
    echo "qemu-aarch64 is not installed: arm64 tests skipped (apt-get install qemu-user libc6-arm64-cross libgcc-s1-arm64-cross)"
    exit 0
fi
SYSROOT=${YUSUAN_ARM64_SYSROOT:-/usr/aarch64-linux-gnu}
for f in lib/ld-linux-aarch64.so.1 lib/libgcc_s.so.1; do
    [ -e "$SYSROOT/$f" ] || { echo "missing $SYSROOT/$f (apt-get install libc6-arm64-cross libgcc-s1-arm64-cross)" >&2; exit 2; }
done
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

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
expect() { # expect NAME CONDITION-COMMAND…
    local name=$1; shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}

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
expect "links only libc-family libraries and libgcc_s ($libs)" \
    [ -z "$(tr ' ' '\n' <<<"$libs" | grep -v -E '^(libc|libm|libdl|libpthread|librt|libgcc_s)\.so\.[0-9]+$|^ld-linux-aarch64\.so\.1$|^$')" ]
expect "--version under qemu" [ "$(arm --version 2>&1)" = "$("$X86" --version 2>&1)" ]

# --- 2. The same results as the x86_64 build --------------------------------
CN="$WORK/预算 文件夹/青山 2021 副本"
mkdir -p "$CN" "$WORK/ex"
cp "$EXAMPLES"/*.ron "$WORK/ex/"
cp "$EXAMPLES/qingshan-2021.ron" "$CN/青山 2021 副本.ron"

same_run() { # same_run LABEL DIR ARGS… : exit code and output equal
    local label=$1 dir=$2; shift 2
    local xo ao xc ac
    xo=$(cd "$dir" && "$X86" "$@" 2>&1); xc=$?
    ao=$(cd "$dir" && arm "$@" 2>&1); ac=$?
    if [ "$xc" = "$ac" ] && [ "$xo" = "$ao" ]; then
        ok "$label (exit $ac, same output)"
    else
        bad "$label: x86_64 exit $xc, arm64 exit $ac"
        diff <(echo "$xo") <(echo "$ao") | head -10
    fi
}
same_pdf() { # same_pdf LABEL X86-PDF ARM-PDF
    if [ -s "$2" ] && [ -s "$3" ] && diff <(pdftotext -layout "$2" -) <(pdftotext -layout "$3" -) >/dev/null; then
        # Beyond the text: the same bytes but the time stamp and document ID?
        local same=""
        python3 - "$2" "$3" <<'PY' && same=", same bytes but time stamp and ID"
import re, sys
a, b = (re.sub(rb"\(D:\d{14}[^)]*\)|/ID\[\([A-Z]*\)\([A-Z]*\)\]", b"", open(p, "rb").read()) for p in sys.argv[1:3])
sys.exit(a != b)
PY
        ok "$1 (PDF text equal, $(pdftotext "$3" - | wc -l) lines, $(stat -c %s "$3") bytes$same)"
    else
        bad "$1: PDF text differs or missing"
    fi
}
same_xlsx() { # same_xlsx LABEL A B: every part equal but the creation time
    if python3 - "$2" "$3" <<'PY'
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = sorted(n for n in a.namelist() if n != "docProps/core.xml")
assert names == sorted(n for n in b.namelist() if n != "docProps/core.xml"), "parts differ"
for n in names:
    assert a.read(n) == b.read(n), n
PY
    then ok "$1 (workbook parts equal)"; else bad "$1: workbooks differ"; fi
}

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

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
