"""Render report texts to page images: test data for the OCR reader (issue 18).

    python scripts/make_scans.py tests/corpus/*.txt --out /tmp/scans            # clean, PDF
    python scripts/make_scans.py FILES --out DIR --degrade --as tif --dpi 300    # degraded TIFF

Each text file becomes A4 pages set in Noto Serif SC (the font ships in the PyPI package
``pylopdf-fonts-zh-cn``, part of ``mrx-reports[charts]``): the first line centred as a title, other
paragraphs indented two characters (12 pt, or ``--points``), a page number "- N -" at the foot (and, with
``--header``, a running head with 第N页 共M页). ``--columns 2`` sets two columns. ``--degrade``
makes a worn scan: a slight random turn, blur, speckle, a red stamp over the foot of the last
page, and JPEG artefacts. ``--turn 90`` / ``180`` / ``270`` saves the pages turned.

Output per input, ``--as``: ``pdf`` (a multi-page image PDF), ``tif`` (multi-page TIFF), or
``png`` / ``jpg`` (the first page only: one image is one file). Next to it ``NAME.gt``
holds the text rendered, paragraph by paragraph (without page numbers and running heads):
the reference for the character error rate (``scripts/ocr_eval.py``).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

A4_INCHES = (8.27, 11.69)


def font_path() -> str:
    import pylopdf_fonts_zh_cn

    return os.path.join(os.path.dirname(pylopdf_fonts_zh_cn.__file__), "NotoSerifSC-Regular.otf")


def wrap(paragraph: str, font, width: float, indent: float) -> list[tuple[str, float]]:
    """(line, x offset) of a paragraph set in ``width`` pixels, first line indented."""
    lines = []
    cur, x0 = "", indent
    for ch in paragraph:
        if font.getlength(cur + ch) > width - x0 and cur:
            if ch in "，。、；：！？）》”":  # no closing punctuation at a line start
                cur, ch = cur[:-1], cur[-1] + ch
            lines.append((cur, x0))
            cur, x0 = ch, 0.0
        else:
            cur += ch
    if cur:
        lines.append((cur, x0))
    return lines


def layout(text: str, font, size: int, dpi: int, columns: int, header: bool):
    """Pages as lists of (x, y, line, centred) and the paragraphs set."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    margin_x, margin_top, margin_bottom = round(1.1 * dpi), round(1.2 * dpi), round(1.2 * dpi)
    gutter = round(0.35 * dpi)
    col_width = (width - 2 * margin_x - (columns - 1) * gutter) / columns
    pitch = round(size * 1.75)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    pages: list[list[tuple[float, float, str]]] = [[]]
    col, y = 0, margin_top
    first = True
    for para in paragraphs:
        centred = first and font.getlength(para) <= col_width
        first = False
        set_lines = [(para, (col_width - font.getlength(para)) / 2)] if centred else \
            wrap(para, font, col_width, 2 * size)
        for line, dx in set_lines:
            if y + pitch > height - margin_bottom:
                col += 1
                y = margin_top
                if col == columns:
                    pages.append([])
                    col = 0
            x = margin_x + col * (col_width + gutter) + dx
            pages[-1].append((x, y, line))
            y += pitch
    return pages, paragraphs, (width, height)


def render(text: str, *, dpi: int = 200, columns: int = 1, header: bool = False,
           degrade: bool = False, turn: int = 0, seed: int = 0, points: float | None = None):
    """The page images (PIL, mode L or RGB), the reference paragraphs and the set lines."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    size = round((points or (12 if columns == 1 else 10.5)) / 72 * dpi)
    font = ImageFont.truetype(font_path(), size)
    small = ImageFont.truetype(font_path(), round(9 / 72 * dpi))
    pages, paragraphs, (width, height) = layout(text, font, size, dpi, columns, header)
    images = []
    for n, lines in enumerate(pages, 1):
        page = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(page)
        for x, y, line in lines:
            draw.text((x, y), line, font=font, fill=(20, 20, 20))
        foot = f"- {n} -"
        draw.text(((width - small.getlength(foot)) / 2, height - 0.7 * dpi), foot, font=small, fill=(40, 40, 40))
        if header:
            head = f"第{n}页 共{len(pages)}页"
            draw.text((width - 1.1 * dpi - small.getlength(head), 0.6 * dpi), head, font=small, fill=(40, 40, 40))
        if degrade:
            if n == len(pages) and lines:  # a red seal over the last lines
                x, y = lines[-1][0] + 1.5 * dpi, lines[-1][1] - 0.4 * dpi
                r = 0.75 * dpi
                stamp = Image.new("RGBA", page.size, (0, 0, 0, 0))
                ImageDraw.Draw(stamp).ellipse((x - r, y - r, x + r, y + r), outline=(210, 40, 40, 150),
                                              width=max(3, dpi // 40), fill=(230, 80, 80, 50))
                page = Image.alpha_composite(page.convert("RGBA"), stamp).convert("RGB")
            page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC,
                               fillcolor="white", expand=False)
            page = page.filter(ImageFilter.GaussianBlur(dpi / 250))
            speck = ImageDraw.Draw(page)
            for _ in range(400):
                px, py = rng.randrange(width), rng.randrange(height)
                speck.point((px, py), fill=(rng.randrange(60, 160),) * 3)
        if turn:
            page = page.rotate(-turn, expand=True)
        images.append(page)
    return images, paragraphs, pages


def save(images, path: Path, fmt: str, dpi: int, degrade: bool) -> None:
    from PIL import Image

    if degrade:  # JPEG artefacts: a round trip at low quality
        import io

        out = []
        for im in images:
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=35)
            out.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
        images = out
    if fmt == "pdf":
        images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi, quality=60)
    elif fmt == "tif":
        images[0].save(path, "TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                       compression="tiff_deflate")
    elif fmt == "jpg":
        images[0].save(path, "JPEG", quality=40 if degrade else 90, dpi=(dpi, dpi))
    else:
        images[0].convert("L").save(path, "PNG", dpi=(dpi, dpi), optimize=True)


def reference_path(scan: Path) -> Path:
    """Where the reference text of a scan is written (not a .txt: it is no input)."""
    return scan.with_name(scan.name + ".gt")


def make(src: Path, out_dir: Path, *, fmt: str = "pdf", dpi: int = 200, columns: int = 1,
         header: bool = False, degrade: bool = False, turn: int = 0, name: str | None = None,
         points: float | None = None) -> Path:
    """Render one text file; returns the path written."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from extractor.io.formats import read_file

    text = read_file(src).text
    images, paragraphs, pages = render(text, dpi=dpi, columns=columns, header=header, degrade=degrade,
                                turn=turn, seed=sum(map(ord, src.name)), points=points)
    if fmt in ("png", "jpg"):  # one image is one page: keep the paragraphs on it
        paragraphs = _paragraphs_on(paragraphs, "".join(line for _, _, line in pages[0]))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name or src.stem}.{fmt}"
    save(images, path, fmt, dpi, degrade)
    reference_path(path).write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _paragraphs_on(paragraphs: list[str], shown: str) -> list[str]:
    """The paragraphs as far as ``shown`` (the first page's lines, in order) holds them."""
    out, used = [], 0
    for p in paragraphs:
        if used >= len(shown):
            break
        take = p[:len(shown) - used]
        out.append(take)
        used += len(take)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--as", dest="fmt", choices=("pdf", "tif", "png", "jpg"), default="pdf")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--columns", type=int, choices=(1, 2), default=1)
    ap.add_argument("--header", action="store_true", help="running head with 第N页 共M页")
    ap.add_argument("--degrade", action="store_true")
    ap.add_argument("--turn", type=int, choices=(0, 90, 180, 270), default=0)
    ap.add_argument("--points", type=float, help="font size (default 12, 10.5 in two columns; "
                                                  "16 is the 三号 of official documents)")
    args = ap.parse_args(argv)
    for src in args.files:
        path = make(src, args.out, fmt=args.fmt, dpi=args.dpi, columns=args.columns, header=args.header,
                    degrade=args.degrade, turn=args.turn, points=args.points)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
