"""Word 97-2003 binary documents (.doc, and WPS files written in the same format): the
main text, read natively through the piece table ([MS-DOC] 2.4.1, "Retrieving Text").

The WordDocument stream's FIB gives the main text length (ccpText) and where the piece
table (Clx) lies in the table stream (0Table or 1Table). Each piece is either 8-bit
(cp1252) or UTF-16 text; Chinese documents use UTF-16 pieces. Special characters are
mapped to plain text: paragraph marks and line / page breaks end lines, table cell marks
give tabs and row ends line breaks, field codes are dropped and field results kept,
object anchors (pictures, footnote marks) are dropped.

Automatic numbering (一、 / （一） / 1.) is recovered from the list tables (PlfLst with its
LVLs, PlfLfo) and the list properties of each paragraph (sprmPIlfo / sprmPIlvl in its
PAPX) by replaying the counters as for .docx. Numbering carried only by a paragraph style
is not recovered: the document then comes with a warning, and legacy.py converts it
through LibreOffice when that is installed.
"""
from __future__ import annotations

import struct

from extractor.io.reader import InputError

_FIB_MAGIC = 0xA5EC
_FC_CLX = 33       # index of (fcClx, lcbClx) in FibRgFcLcb97
_FC_PLFLST = 73    # index of (fcPlfLst, lcbPlfLst): list definitions (automatic numbering)
MAX_PIECES = 1_000_000

# Compressed (8-bit) pieces: cp1252 except these bytes ([MS-DOC] 2.4.1 note)
_CP1252_EXTRA = {0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020",
                 0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8A: "\u0160", 0x8B: "\u2039",
                 0x8C: "\u0152", 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d",
                 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122",
                 0x9A: "\u0161", 0x9B: "\u203a", 0x9C: "\u0153", 0x9F: "\u0178"}


def _compressed(data: bytes) -> str:
    return "".join(_CP1252_EXTRA.get(b) or chr(b) for b in data)


def has_word_stream(data: bytes) -> bool:
    try:
        import olefile

        with olefile.OleFileIO(data) as ole:
            return ole.exists("WordDocument")
    except Exception:  # noqa: BLE001 - any damage: not readable natively
        return False


def _plain(raw: str) -> str:
    """Map Word's special characters to plain text (fields: keep the result only)."""
    out: list[str] = []
    fields: list[bool] = []  # per open field: True while in its instruction part
    for c in raw:
        o = ord(c)
        if o == 0x13:
            fields.append(True)
            continue
        if o == 0x14:
            if fields:
                fields[-1] = False
            continue
        if o == 0x15:
            if fields:
                fields.pop()
            continue
        if fields and fields[-1]:
            continue
        if c == "\r" or o in (0x0B, 0x0C, 0x0E):
            out.append("\n")
        elif o == 0x07:
            out.append("\x07")
        elif o == 0x1E:
            out.append("-")
        elif o in (0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x1F) or o < 0x09:
            continue
        else:
            out.append(c)
    text = "".join(out)
    # cell marks: "a\x07b\x07\x07" is a row of two cells (the last \x07 ends the row)
    text = text.replace("\x07\x07", "\n").replace("\x07\n", "\n").replace("\x07", "\t")
    return text


def read_word97(data: bytes) -> tuple[str, str, list[str]]:
    """The main text of a Word 97-2003 document. Raises InputError."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception as e:  # noqa: BLE001 - olefile raises assorted errors on damage
        raise InputError(f"damaged .doc (not a readable OLE compound file: {e})") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise InputError("an OLE document without a WordDocument stream (not a Word .doc)")
        try:
            word = ole.openstream("WordDocument").read()
        except Exception as e:  # noqa: BLE001
            raise InputError(f"damaged .doc (WordDocument stream: {e})") from None
        if len(word) < 0x200 or struct.unpack_from("<H", word, 0)[0] != _FIB_MAGIC:
            raise InputError("damaged .doc (no Word file information block)")
        n_fib = struct.unpack_from("<H", word, 2)[0]
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise InputError("password-protected (encrypted) Word document: open it, remove the "
                             "password and save it again as .docx")
        if n_fib < 0x00C1:
            raise InputError("Word 6 / Word 95 document: too old to read directly; save it as .docx")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise InputError(f"damaged .doc (no {table_name} stream)")
        try:
            table = ole.openstream(table_name).read()
        except Exception as e:  # noqa: BLE001
            raise InputError(f"damaged .doc ({table_name} stream: {e})") from None
    try:
        pos = 0x20
        csw = struct.unpack_from("<H", word, pos)[0]
        pos += 2 + 2 * csw
        cslw = struct.unpack_from("<H", word, pos)[0]
        rg_lw = pos + 2
        ccp_text = struct.unpack_from("<i", word, rg_lw + 12)[0]
        pos = rg_lw + 4 * cslw
        cb_fc = struct.unpack_from("<H", word, pos)[0]
        rg_fc = pos + 2
        if cb_fc <= _FC_CLX:
            raise InputError("damaged .doc (file information block too short)")
        fc_clx, lcb_clx = struct.unpack_from("<II", word, rg_fc + 8 * _FC_CLX)
        lists = struct.unpack_from("<II", word, rg_fc + 8 * _FC_PLFLST)[1] if cb_fc > _FC_PLFLST else 0
    except struct.error:
        raise InputError("damaged .doc (file information block cut short)") from None
    clx = table[fc_clx:fc_clx + lcb_clx]
    if len(clx) != lcb_clx or lcb_clx == 0:
        raise InputError("damaged .doc (piece table missing)")
    # skip Prc entries (clxt 1), find the Pcdt (clxt 2)
    i = 0
    plc = None
    while i < len(clx):
        kind = clx[i]
        if kind == 1:
            if i + 3 > len(clx):
                break
            i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
        elif kind == 2:
            if i + 5 > len(clx):
                break
            lcb = struct.unpack_from("<I", clx, i + 1)[0]
            plc = clx[i + 5:i + 5 + lcb]
            break
        else:
            break
    if plc is None or len(plc) < 16 or (len(plc) - 4) % 12:
        raise InputError("damaged .doc (piece table unreadable)")
    n = (len(plc) - 4) // 12
    if n > MAX_PIECES:
        raise InputError("damaged .doc (absurd piece table)")
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    parts: list[str] = []
    marks: list[tuple[int, int]] = []  # (index in the raw text, FC) of each paragraph mark
    length = 0
    for k in range(n):
        start, end = cps[k], cps[k + 1]
        if start >= ccp_text:
            break
        end = min(end, ccp_text)
        count = end - start
        if count <= 0:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        if fc & 0x40000000:
            offset, size, width = (fc & 0x3FFFFFFF) // 2, count, 1
            chunk = word[offset:offset + size]
            piece = _compressed(chunk)
        else:
            offset, size, width = fc & 0x3FFFFFFF, 2 * count, 2
            chunk = word[offset:offset + size]
            piece = chunk.decode("utf-16-le", errors="replace")
        if len(chunk) < size:
            raise InputError("damaged or truncated .doc (text runs past the end of the file)")
        j = piece.find("\r")
        while j != -1:
            marks.append((length + j, offset + width * j))
            j = piece.find("\r", j + 1)
        parts.append(piece)
        length += len(piece)
    raw = "".join(parts)
    warnings: list[str] = []
    if lists:
        try:
            labels = _labels(word, table, rg_fc, cb_fc, marks)
        except Exception:  # noqa: BLE001 - damaged list tables: the text without numbers
            labels = None
        if not labels:  # unreadable, or numbering carried by paragraph styles only
            warnings.append("the document has lists whose numbering (一、 / （一）) was not recovered "
                            "(numbering set by styles?); install LibreOffice or save as .docx to keep it")
        else:
            raw = _insert_labels(raw, marks, labels)
    return _plain(raw), "doc", warnings


# ---------------------------------------------------------------- automatic numbering

_FC_BTE_PAPX = 13  # (fcPlcfBtePapx, lcbPlcfBtePapx): paragraph properties by FC
_FC_PLFLFO = 74    # (fcPlfLfo, lcbPlfLfo): list format overrides (ilfo → list)
_SPRM_ILVL, _SPRM_ILFO = 0x260A, 0x460B
# MSONFC number formats ([MS-OSHARED] 2.2.1.3) → Word's numFmt names (docx.format_number)
_NFC = {0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter",
        0x04: "lowerLetter", 0x05: "ordinal", 0x0A: "ideographDigital", 0x0B: "japaneseCounting",
        0x0E: "decimalFullWidth", 0x10: "japaneseLegal", 0x11: "japaneseDigitalTenThousand",
        0x12: "decimalEnclosedCircle", 0x13: "decimalFullWidth2", 0x16: "decimalZero",
        0x17: "bullet", 0x1A: "decimalEnclosedFullstop", 0x1B: "decimalEnclosedParen",
        0x1C: "decimalEnclosedCircleChinese", 0x1D: "ideographEnclosedCircle",
        0x1E: "ideographTraditional", 0x1F: "ideographZodiac", 0x21: "taiwaneseCounting",
        0x23: "taiwaneseCountingThousand", 0x24: "taiwaneseDigital", 0x25: "chineseCounting",
        0x26: "chineseLegalSimplified", 0x27: "chineseCountingThousand", 0xFF: "none"}


def _sprms(grpprl: bytes):
    """(sprm, operand) pairs of a property list."""
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == 0xD608:  # sprmTDefTable: a 2-byte length
            if i + 2 > len(grpprl):
                return
            size = struct.unpack_from("<H", grpprl, i)[0] + 1
        else:
            if i >= len(grpprl) or (sprm == 0xC615 and grpprl[i] == 255):
                return  # sprmPChgTabs with its long form: stop reading this list
            size = grpprl[i] + 1
        yield sprm, grpprl[i:i + size]
        i += size


def _papx_runs(word: bytes, table: bytes, fc: int, lcb: int) -> list[tuple[int, int, bytes]]:
    """(fc start, fc end, grpprl) of every paragraph property run, sorted by FC."""
    if lcb < 12 or (lcb - 4) % 8:
        return []
    n = (lcb - 4) // 8
    pns = struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1))
    runs = []
    for pn in pns:
        page = word[(pn & 0x3FFFFF) * 512:(pn & 0x3FFFFF) * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for j in range(crun):
            b = page[4 * (crun + 1) + 13 * j]
            if not b:
                continue
            off = 2 * b
            cb = page[off]
            if cb:
                data = page[off + 1:off + 2 * cb]
            else:
                data = page[off + 2:off + 2 + 2 * page[off + 1]]
            runs.append((rgfc[j], rgfc[j + 1], data[2:]))  # data[:2] is the style (istd)
    runs.sort(key=lambda r: r[0])
    return runs


def _list_levels(table: bytes, rg: tuple) -> tuple[dict, dict]:
    """lsid → {ilvl: Level} from PlfLst and its LVLs, and ilfo → lsid from PlfLfo."""
    from extractor.io.formats.docx import Level

    (fc_lst, lcb_lst), (fc_lfo, lcb_lfo) = rg
    levels: dict[str, dict[int, Level]] = {}
    if lcb_lst >= 2:
        count = struct.unpack_from("<h", table, fc_lst)[0]
        pos = fc_lst + 2 + 28 * count
        for k in range(max(0, count)):
            lsid = struct.unpack_from("<i", table, fc_lst + 2 + 28 * k)[0]
            simple = table[fc_lst + 2 + 28 * k + 26] & 1
            lv: dict[int, Level] = {}
            for ilvl in range(1 if simple else 9):
                start, nfc, flags = struct.unpack_from("<iBB", table, pos)
                follow = table[pos + 15]
                cb_chpx, cb_papx = table[pos + 24], table[pos + 25]
                pos += 28 + cb_papx + cb_chpx
                cch = struct.unpack_from("<H", table, pos)[0]
                xst = table[pos + 2:pos + 2 + 2 * cch].decode("utf-16-le", errors="replace")
                pos += 2 + 2 * cch
                text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in xst)
                lv[ilvl] = Level(start, _NFC.get(nfc, "decimal"), text,
                                 ("tab", "space", "nothing")[follow] if follow < 3 else "nothing",
                                 bool(flags & 0x04))
            levels[str(lsid)] = lv
    lfos: dict[str, str] = {}
    if lcb_lfo >= 4:
        count = struct.unpack_from("<I", table, fc_lfo)[0]
        for k in range(min(count, 10000)):
            lfos[str(k + 1)] = str(struct.unpack_from("<i", table, fc_lfo + 4 + 16 * k)[0])
    return levels, lfos


def _labels(word: bytes, table: bytes, rg_fc: int, cb_fc: int,
            marks: list[tuple[int, int]]) -> dict[int, str] | None:
    """Paragraph index → its automatic number; None when the lists cannot be read."""
    import bisect

    from extractor.io.formats.docx import Numbering

    if cb_fc <= _FC_PLFLFO:
        return None
    pair = lambda i: struct.unpack_from("<II", word, rg_fc + 8 * i)  # noqa: E731
    levels, lfos = _list_levels(table, (pair(_FC_PLFLST), pair(_FC_PLFLFO)))
    runs = _papx_runs(word, table, *pair(_FC_BTE_PAPX))
    if not levels or not runs:
        return None
    numbering = Numbering("")
    numbering.abstract = levels
    numbering.nums = {ilfo: (lsid, {}, {}) for ilfo, lsid in lfos.items()}
    starts = [r[0] for r in runs]
    labels: dict[int, str] = {}
    for k, (_, fc) in enumerate(marks):
        i = bisect.bisect_right(starts, fc) - 1
        if i < 0 or not runs[i][0] <= fc < runs[i][1]:
            continue
        ilfo = ilvl = None
        for sprm, operand in _sprms(runs[i][2]):
            if sprm == _SPRM_ILFO and len(operand) == 2:
                ilfo = struct.unpack("<h", operand)[0]
            elif sprm == _SPRM_ILVL and operand:
                ilvl = operand[0]
        if ilfo and ilfo > 0:
            label = numbering.label(str(ilfo), ilvl or 0)
            if label:
                labels[k] = label
    return labels


def _insert_labels(raw: str, marks: list[tuple[int, int]], labels: dict[int, str]) -> str:
    out = []
    last = 0
    for k, (index, _) in enumerate(marks):
        label = labels.get(k)
        if label:
            # the paragraph starts after the previous paragraph mark or table cell mark
            begin = max(last, raw.rfind("\x07", last, index) + 1)
            out.append(raw[last:begin])
            out.append(label)
            last = begin
        out.append(raw[last:index + 1])
        last = index + 1
    out.append(raw[last:])
    return "".join(out)
