# Shared by test-wine.sh and test-arm64.sh: sourced, not run. Both compare
# a build under test (run through the function `tested`) with the native
# x86_64 Linux build ($REF) and count what passed.

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
expect() { # expect NAME CONDITION-COMMAND…
    local name=$1; shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}

same_run() { # same_run LABEL DIR ARGS… : exit code and output equal
    local label=$1 dir=$2; shift 2
    local ro to rc tc
    ro=$(cd "$dir" && "$REF" "$@" 2>&1); rc=$?
    to=$(cd "$dir" && tested "$@" 2>&1); tc=$?
    if [ "$rc" = "$tc" ] && [ "$ro" = "$to" ]; then
        ok "$label (exit $tc, same output)"
    else
        bad "$label: x86_64 Linux exit $rc, tested build exit $tc"
        diff <(echo "$ro") <(echo "$to") | head -10
    fi
}

same_pdf() { # same_pdf LABEL REF-PDF TESTED-PDF
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

finish() { # prints the counts; the exit status says whether all passed
    echo "$PASS passed, $FAIL failed"
    [ "$FAIL" = 0 ]
}
