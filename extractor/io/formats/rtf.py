"""RTF (often what a ".doc" downloaded from a web site really is): its plain text.

A small RTF reader: destinations that are not body text (font and colour tables, style
sheets, document info, pictures, objects, headers and footers, field instructions, any
``\\*`` destination) are skipped; ``\\par`` / ``\\line`` / ``\\row`` end lines and ``\\cell``
/ ``\\tab`` give tabs; ``\\'hh`` bytes are decoded with the code page of the current font
(``\\fcharset134`` → GBK) or of the document (``\\ansicpg936``), ``\\uN`` gives the Unicode
character and skips its ``\\ucN`` fallback.
"""
from __future__ import annotations

import re

from extractor.io.reader import InputError, join_surrogate_pairs
from extractor.regex_store import compile_regex

_TOKEN = compile_regex(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                    re.S)
_SKIP_DEST = frozenset(b"""fonttbl colortbl stylesheet info pict object header headerl headerr headerf
footer footerl footerr footerf footnote fldinst themedata colorschememapping latentstyles datastore
xmlnstbl listtable listoverridetable rsidtbl generator mmathPr pgdsctbl bkmkstart bkmkend shpinst
nonshppict falt panose xe tc txe filetbl revtbl userprops private docvar operator author title
subject keywords comment company""".split())
_CHARSET_CODEPAGE = {0: "cp1252", 128: "cp932", 129: "cp949", 134: "gb18030", 136: "cp950",
                     161: "cp1253", 162: "cp1254", 177: "cp1255", 178: "cp1256", 186: "cp1257",
                     204: "cp1251", 222: "cp874", 238: "cp1250"}
_SYMBOLS = {b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’", b"ldblquote": "“",
            b"rdblquote": "”", b"bullet": "•", b"emspace": "\u2003", b"enspace": "\u2002",
            b"qmspace": "\u2005"}
_BREAKS = {b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n",
           b"tab": "\t", b"cell": "\t", b"nestcell": "\t", b"nestrow": "\n"}
MAX_DEPTH = 400


def _codepage(n: int) -> str:
    if n in (936, 20936, 54936):
        return "gb18030"
    if n == 950:
        return "cp950"
    return f"cp{n}"


def read_rtf(data: bytes) -> tuple[str, str, list[str]]:
    """The text of an RTF document. Raises InputError."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise InputError("not an RTF document")
    out: list[str] = []
    pending = bytearray()
    doc_cp = "cp1252"
    fonts: dict[int, str] = {}
    # group state: [skip, uc, font codepage or None, in fonttbl, current font number]
    stack: list[list] = []
    state = [False, 1, None, False, None]
    skip_chars = 0
    warnings: list[str] = []

    def flush():
        if pending:
            cp = state[2] or doc_cp
            try:
                out.append(bytes(pending).decode(cp, errors="replace"))
            except LookupError:
                out.append(bytes(pending).decode("cp1252", errors="replace"))
            pending.clear()

    pos = 0
    first_in_group = False
    n = len(data)
    while pos < n:
        m = _TOKEN.match(data, pos)
        if m is None:
            pos += 1
            continue
        pos = m.end()
        word, arg, hexbyte, sym, brace, text = m.groups()
        if brace == b"{":
            flush()
            if len(stack) >= MAX_DEPTH:
                raise InputError("damaged RTF: groups nested too deeply")
            stack.append(state)
            state = list(state)
            first_in_group = True
            skip_chars = 0
            continue
        if brace == b"}":
            flush()
            if stack:
                state = stack.pop()
            skip_chars = 0
            first_in_group = False
            continue
        starts_group, first_in_group = first_in_group, False
        if sym is not None:
            if sym == b"*":
                state[0] = True
            elif not state[0]:
                flush()
                if sym == b"~":
                    out.append("\u00a0")
                elif sym == b"_":
                    out.append("-")
                elif sym in (b"\\", b"{", b"}"):
                    out.append(sym.decode())
                elif sym in (b"\n", b"\r"):
                    out.append("\n")
            continue
        if word is not None:
            value = int(arg) if arg else None
            if word in _SKIP_DEST and (starts_group or word in (b"pict", b"fldinst")):
                if word == b"fonttbl":
                    state[3] = True
                else:
                    state[0] = True
                continue
            if word == b"bin" and value:
                pos += max(0, value)
                continue
            if word == b"ansicpg" and value:
                doc_cp = _codepage(value)
            elif word == b"f" and value is not None:
                if state[3]:
                    state[4] = value
                else:
                    flush()
                    state[2] = fonts.get(value)
            elif word == b"fcharset" and value is not None and state[3] and state[4] is not None:
                fonts[state[4]] = _CHARSET_CODEPAGE.get(value)
            elif word == b"uc" and value is not None:
                state[1] = max(0, value)
            elif state[0] or state[3]:
                continue
            elif word == b"u" and value is not None:
                flush()
                out.append(chr(value + 65536 if value < 0 else value) if -32768 <= value < 65536 else "\ufffd")
                skip_chars = state[1]
            elif word in _BREAKS:
                flush()
                out.append(_BREAKS[word])
            elif word in _SYMBOLS:
                flush()
                out.append(_SYMBOLS[word])
            continue
        if hexbyte is not None:
            if skip_chars:
                skip_chars -= 1
                continue
            if not state[0] and not state[3]:
                pending.append(int(hexbyte, 16))
            continue
        if text is not None:
            if state[0] or state[3]:
                continue
            if skip_chars:
                drop = min(skip_chars, len(text))
                text = text[drop:]
                skip_chars -= drop
            if not text:
                continue
            if text.isascii():
                flush()
                out.append(text.decode("ascii"))
            else:
                pending.extend(text)  # raw 8-bit bytes in the current code page
    flush()
    result = join_surrogate_pairs("".join(out))
    result = re.sub(r"[ \t]+\n", "\n", result)
    return result, "rtf", warnings
