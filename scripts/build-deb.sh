#!/usr/bin/env bash
# Builds the Debian package for 统信 UOS / 银河麒麟 / Debian / Ubuntu:
# dist/yusuan_VERSION_ARCH.deb with the program, a menu entry (部门预算编制),
# its icon, and .ron files registered to open with it.
#
# The binary is linked against glibc 2.28 (UOS 20 and 麒麟 V10 ship 2.28–2.31,
# Debian 13 ships 2.41) through cargo-zigbuild, so it runs on all of them.
# Needs: pip install ziglang cargo-zigbuild   (and dpkg-deb, present on Debian)
# Usage: scripts/build-deb.sh [amd64|arm64]   (default amd64)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
ARCH=${1:-amd64}
case "$ARCH" in
    amd64) TRIPLE=x86_64-unknown-linux-gnu ;;
    arm64) TRIPLE=aarch64-unknown-linux-gnu ;;
    *) echo "unknown architecture $ARCH (amd64 or arm64)" >&2; exit 2 ;;
esac
GLIBC=2.28

if ! cargo zigbuild --help >/dev/null 2>&1; then
    echo "缺少 cargo-zigbuild：pip install ziglang cargo-zigbuild" >&2
    exit 2
fi
ensure_rust_target "$TRIPLE"

cargo zigbuild --release --target "$TRIPLE.$GLIBC" --bin yusuan
target_dir=$(cargo_target_dir)
bin="$target_dir/$TRIPLE/release/yusuan"
version=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="yusuan"))')

# The newest glibc symbol version the binary needs must not exceed $GLIBC.
need=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
if [ "$(printf '%s\n' "GLIBC_$GLIBC" "$need" | sort -V | tail -1)" != "GLIBC_$GLIBC" ]; then
    echo "$bin needs $need, more than GLIBC_$GLIBC" >&2
    exit 1
fi

root="$target_dir/deb/$ARCH/root"
rm -rf "$root"
install -Dm755 "$bin" "$root/usr/bin/yusuan"
strip_tool=strip; [ "$ARCH" = arm64 ] && strip_tool=aarch64-linux-gnu-strip
command -v "$strip_tool" >/dev/null && "$strip_tool" "$root/usr/bin/yusuan"
install -Dm644 assets/linux/yusuan.desktop "$root/usr/share/applications/yusuan.desktop"
install -Dm644 assets/linux/yusuan-mime.xml "$root/usr/share/mime/packages/yusuan.xml"
for s in 16 32 48 64 128 256; do
    install -Dm644 "assets/icon/yusuan-$s.png" "$root/usr/share/icons/hicolor/${s}x${s}/apps/yusuan.png"
done
install -Dm644 README.md "$root/usr/share/doc/yusuan/README.md"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: yusuan"
    echo
    echo "Files: *"
    echo "License: MIT"
    echo
    echo "Files: usr/bin/yusuan (embedded fonts BudgetSansSC, BudgetSerifSC, BudgetKaiSC)"
    echo "License: OFL-1.1"
    sed 's/^/ /; s/^ $/ ./' assets/fonts/OFL.txt
} > "$root/usr/share/doc/yusuan/copyright"
chmod 644 "$root/usr/share/doc/yusuan/copyright"

installed_kb=$(du -sk "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
# Depends: the libraries the binary links (libc, libgcc) and the ones winit
# and glutin load at run time for an X11 or Wayland window with OpenGL.
# Recommends: a file dialog (rfd uses the XDG portal, else zenity).
cat > "$root/DEBIAN/control" <<CONTROL
Package: yusuan
Version: $version
Architecture: $ARCH
Maintainer: yusuan <yusuan@localhost>
Installed-Size: $installed_kb
Section: misc
Priority: optional
Depends: libc6 (>= $GLIBC), libgcc-s1 | libgcc1, libgl1, libegl1, libx11-6, libxcursor1, libxrandr2, libxi6, libxkbcommon-x11-0
Recommends: libwayland-client0, libwayland-egl1, xdg-desktop-portal-gtk | zenity
Description: 部门预算编制 — prepare a department's budget disclosure
 Enter each figure once; yusuan derives every published table of the
 部门预算公开 template, checks them (审核) against the year's 科目表 and
 prints the document to PDF and Excel. Works offline.
CONTROL
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# Make the menu entry, the icon and the .ron file type known at once.
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
POSTINST
cp "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

mkdir -p dist
deb="dist/yusuan_${version}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb  $(stat -c %s "$deb") bytes, needs $need"
