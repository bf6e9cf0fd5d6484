#!/usr/bin/env python3
"""Draws the application icon from the bundled font: a white 预 on a red
rounded square with a thin table rule under it. Writes assets/icon/yusuan.ico
(Windows, 16-256 px), assets/icon/yusuan-N.png (the .deb's hicolor sizes)
and assets/icon/yusuan-64.rgba (the window icon).
Re-run after changing the design: python3 scripts/make-icon.py (needs Pillow).
"""
from pathlib import Path
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "assets/fonts/BudgetSansSC-Bold.ttf"
OUT = ROOT / "assets/icon"
RED = (178, 34, 34, 255)
WHITE = (255, 255, 255, 255)
GOLD = (250, 215, 110, 255)


def master(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 32
    d.rounded_rectangle([pad, pad, size - pad, size - pad], radius=size // 6, fill=RED)
    font = ImageFont.truetype(str(FONT), int(size * 0.66))
    # Centre the glyph's ink, not its advance box, a little above the middle.
    box = d.textbbox((0, 0), "预", font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    x = (size - w) / 2 - box[0]
    y = size * 0.44 - h / 2 - box[1]
    d.text((x, y), "预", font=font, fill=WHITE)
    # A table rule: the thing the program prints.
    rule_y = int(size * 0.82)
    t = max(size // 40, 1)
    d.rectangle([size * 0.2, rule_y, size * 0.8, rule_y + t], fill=GOLD)
    for fx in (0.2, 0.4, 0.6, 0.8):
        d.rectangle([size * fx - t / 2, rule_y - size * 0.05, size * fx + t / 2, rule_y + t], fill=GOLD)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = master()
    sizes = [16, 24, 32, 48, 64, 128, 256]
    for s in [16, 32, 48, 64, 128, 256]:
        big.resize((s, s), Image.LANCZOS).save(OUT / f"yusuan-{s}.png", optimize=True)
    # Raw 64x64 RGBA for the window and taskbar icon (no PNG decoder in the app).
    (OUT / "yusuan-64.rgba").write_bytes(big.resize((64, 64), Image.LANCZOS).tobytes())
    big.resize((256, 256), Image.LANCZOS).save(
        OUT / "yusuan.ico", sizes=[(s, s) for s in sizes]
    )


if __name__ == "__main__":
    main()
