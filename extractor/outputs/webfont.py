"""A Chinese font for the HTML pages, embedded so that they show no boxes anywhere.

A machine without a CJK font (a fresh Linux desktop, a locked-down office PC) draws every
Chinese character of a page as a box. ``mrx show --html`` and ``mrx report`` therefore embed
Noto Sans SC (SIL Open Font License), shipped by the ``pylopdf-fonts-zh-cn`` package,
cut down with fontTools to the characters the page uses and inlined as a base64 WOFF
``@font-face``: a few hundred KB instead of 8 MB, and the page stays one file.

When the font or fontTools is not installed the pages still work: ``font_face_css``
returns an empty rule and the browser falls back to the fonts it has.
"""
from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

# The family name the pages ask for first; a name of our own, so that the embedded
# subset is never mistaken for (or shadowed by) a full system font.
FAMILY = "mrx-sc"
# Then the usual CJK fonts, in case the embedded one is missing.
FALLBACK = ("'Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
            "'WenQuanYi Micro Hei',sans-serif")


def font_stack() -> str:
    """The CSS ``font-family`` value of the pages."""
    return f"'{FAMILY}',{FALLBACK}"


def font_path() -> Path | None:
    """Noto Sans SC from the ``pylopdf-fonts-zh-cn`` package, or None when absent."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.is_file() else None


def subset_woff(chars: str) -> bytes | None:
    """The font cut down to ``chars`` (plus ASCII), as WOFF bytes; None without the font."""
    wanted = "".join(sorted({c for c in chars if c.isprintable() or c in " \u3000"} | set(_ASCII)))
    return _subset(wanted)


UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx")

_ASCII = "".join(chr(c) for c in range(0x20, 0x7f))


@lru_cache(maxsize=8)
def _subset(chars: str) -> bytes | None:
    path = font_path()
    if path is None:
        return None
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed, built into fontTools (WOFF2 needs brotli)
    options.notdef_outline = True
    font = TTFont(str(path))
    # Horizontal Chinese text needs no glyph substitution or positioning, nor vertical
    # metrics; dropped before subsetting, they are never decoded (half the time).
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


def font_face_css(text: str) -> str:
    """An ``@font-face`` rule embedding the characters of ``text``; '' without the font.

    Pages that use it must allow ``font-src data:`` in their Content-Security-Policy.
    """
    data = subset_woff(text)
    if data is None:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return (f"@font-face{{font-family:'{FAMILY}';font-style:normal;font-weight:400;"
            f"font-display:block;src:url(data:font/woff;base64,{encoded}) format('woff')}}")
