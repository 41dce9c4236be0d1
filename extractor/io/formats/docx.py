"""Word .docx: the text of the main document, in reading order.

- Paragraphs become lines, in document order, tables where they stand: a row with one
  filled cell gives that cell's paragraphs as lines (layout tables holding a whole report),
  a row with several gives one line, cells separated by a tab.
- Automatic numbering is recovered. Word keeps 一、 / （一） / 1. of numbered headings in
  ``numbering.xml``, not in the text: the number format (chineseCounting, decimal, …),
  the level text (``%1、``, ``（%1）``, ``%1.%2``) and the counters per list and level are
  replayed, so the line reads "一、会前准备" as the user sees it.
- Text boxes follow the paragraph that anchors them; deleted revisions, field codes and
  hidden text are left out; line breaks inside a paragraph stay line breaks.

Safety: only the parts needed are decompressed, each refused when its declared or actual
uncompressed size is above the limit (zip bombs); XML is parsed without DTDs, entity
expansion or network access, and a part carrying a DOCTYPE is refused (Word never writes
one).
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from extractor.io.reader import InputError
from extractor.regex_store import compile_regex

# The decompressed XML parts read may be this many times --max-bytes (and at least 8 MiB).
XML_LIMIT_FACTOR = 4
XML_LIMIT_MIN = 8 * 1024 * 1024
# Refuse archives with more entries than this (a central directory bomb).
MAX_ENTRIES = 20000

_REL_OFFICE_DOC = "/officeDocument"
_REL_NUMBERING = "/numbering"
_REL_STYLES = "/styles"
_DOCTYPE = compile_regex(rb"<!DOCTYPE|<!ENTITY", re.I)


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_xml(data: bytes, name: str):
    """Parse one XML part safely. Raises InputError."""
    from lxml import etree

    _refuse_doctype(data, name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise InputError(f"damaged .docx: {name} is not valid XML ({e.msg})") from None
    if root is None:
        raise InputError(f"damaged .docx: {name} is empty")
    return root


def iter_body(data: bytes, name: str):
    """The namespace of the main document part, then each child element of its body,
    streamed: a child is dropped from the tree once the caller has read it, so that the
    memory of a large document is its bytes and one block, not the whole element tree
    (a tree takes some 20 times the XML, 4.6 GiB for 209 MB of XML). Raises InputError."""
    from lxml import etree

    _refuse_doctype(data, name)
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    depth, body_tag, ns, in_body = 0, None, None, False
    try:
        for event, el in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    ns = el.tag[1:].split("}")[0] if el.tag.startswith("{") else ""
                    body_tag = "{%s}body" % ns
                    yield ns
                elif depth == 2 and el.tag == body_tag:
                    in_body = True
                continue
            depth -= 1
            if depth == 2 and in_body and el.getparent() is not None and el.getparent().tag == body_tag:
                yield el
                el.clear(keep_tail=False)
                parent = el.getparent()
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as e:
        raise InputError(f"damaged .docx: {name} is not valid XML ({e.msg})") from None
    if ns is None:
        raise InputError(f"damaged .docx: {name} is empty")
    if not in_body:
        raise InputError("damaged .docx: the main document has no body")


def _refuse_doctype(data: bytes, name: str) -> None:
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            probe = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"damaged .docx: {name} is not valid XML") from None
    if _DOCTYPE.search(probe):
        raise InputError(f"refused .docx: {name} declares a DOCTYPE / entities "
                         f"(Word never writes one; possible entity-expansion attack)")


class _Zip:
    """The parts of a .docx, read with size limits."""

    def __init__(self, data: bytes, limit: int):
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except Exception as e:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
            raise InputError(f"damaged or truncated .docx (not a readable ZIP archive: {e})") from None
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"refused .docx: {len(infos)} archive entries (limit {MAX_ENTRIES})")
        self.names = {i.filename: i for i in infos}
        self.lower = {n.lower(): n for n in self.names}
        self.limit = limit
        self.read_total = 0

    def has(self, name: str) -> bool:
        return name in self.names or name.lower() in self.lower

    def read(self, name: str) -> bytes:
        info = self.names.get(name) or self.names[self.lower[name.lower()]]
        remaining = self.limit - self.read_total
        if info.file_size > remaining:
            raise InputError(f"refused .docx: {name} declares {info.file_size} bytes uncompressed, "
                             f"above the limit of {self.limit} bytes (zip bomb?; see --max-bytes)")
        try:
            with self.zf.open(info) as f:
                data = f.read(remaining + 1)
        except (RuntimeError, NotImplementedError) as e:  # encrypted entry, unknown compression
            raise InputError(f"cannot read .docx: {e}") from None
        except Exception as e:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, struct.error …
            raise InputError(f"damaged or truncated .docx ({name}: {e})") from None
        if len(data) > remaining:
            raise InputError(f"refused .docx: {name} inflates beyond {self.limit} bytes (zip bomb?)")
        self.read_total += len(data)
        return data

    def xml(self, name: str):
        return parse_xml(self.read(name), name)

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type suffix → target part name, for ``part``."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        out = {}
        for rel in self.xml(rels_name):
            if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External":
                continue
            kind, target = rel.get("Type") or "", rel.get("Target") or ""
            if not target:
                continue
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.setdefault("/" + kind.rsplit("/", 1)[-1], name)
        return out


# ---------------------------------------------------------------- number formats

_CN = "〇一二三四五六七八九"
_CN_COUNT = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def chinese_counting(n: int, digits: str = _CN_COUNT, ten: str = "十", hundred: str = "百") -> str:
    """一 … 十, 十一, 二十, 二十一, 一百零五 (Word's chineseCounting)."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    out = digits[n // 100] + hundred
    if rest == 0:
        return out
    if rest < 10:
        return out + digits[0] + digits[rest]
    if rest < 20:
        return out + digits[1] + ten + (digits[rest % 10] if rest % 10 else "")
    return out + chinese_counting(rest, digits, ten, hundred)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` in Word number format ``fmt`` (w:numFmt/@w:val)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting"):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return chinese_counting(n, _CN_LEGAL, "拾", "佰")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join(_CN[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("ideographZodiac",) and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle") \
            and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return _PAREN[n - 1]
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return _FULLSTOP[n - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)  # decimal, ordinal, cardinalText, … : Arabic digits


# ---------------------------------------------------------------- numbering


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText, None: no label
    suff: str = "tab"
    is_lgl: bool = False


class Numbering:
    """Replays Word's list counters to give each numbered paragraph its label."""

    def __init__(self, ns: str, root=None, styles: dict | None = None):
        self.w = "{%s}" % ns
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}   # abstractNumId → numStyleLink style id
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.styles = styles or {}
        if root is not None:
            self._load(root)

    def _val(self, el, name: str) -> str | None:
        child = el.find(self.w + name)
        return None if child is None else child.get(self.w + "val")

    def _level(self, lvl) -> Level:
        level = Level()
        start = self._val(lvl, "start")
        if start and start.lstrip("-").isdigit():
            level.start = int(start)
        level.fmt = self._val(lvl, "numFmt") or "decimal"
        text = lvl.find(self.w + "lvlText")
        level.text = None if text is None else (text.get(self.w + "val") or "")
        level.suff = self._val(lvl, "suff") or "tab"
        lgl = lvl.find(self.w + "isLgl")
        level.is_lgl = lgl is not None and lgl.get(self.w + "val", "1") not in ("0", "false", "off")
        return level

    def _load(self, root) -> None:
        w = self.w
        for absn in root.iter(w + "abstractNum"):
            aid = absn.get(w + "abstractNumId")
            levels = {}
            for lvl in absn.iter(w + "lvl"):
                ilvl = lvl.get(w + "ilvl", "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = self._level(lvl)
            self.abstract[aid] = levels
            link = self._val(absn, "numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.iter(w + "num"):
            nid = num.get(w + "numId")
            aid = self._val(num, "abstractNumId")
            over_levels: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(w + "lvlOverride"):
                ilvl = ov.get(w + "ilvl", "0")
                if not ilvl.isdigit():
                    continue
                so = self._val(ov, "startOverride")
                if so and so.lstrip("-").isdigit():
                    starts[int(ilvl)] = int(so)
                lvl = ov.find(w + "lvl")
                if lvl is not None:
                    over_levels[int(ilvl)] = self._level(lvl)
            if nid is not None and aid is not None:
                self.nums[nid] = (aid, over_levels, starts)

    def _abstract_id(self, aid: str, depth: int = 0) -> str:
        """Follow numStyleLink (a list defined through a numbering style)."""
        link = self.links.get(aid)
        if link and depth < 3:
            num_id = self.styles.get(link, {}).get("numId")
            if num_id in self.nums:
                return self._abstract_id(self.nums[num_id][0], depth + 1)
        return aid

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph in list ``num_id`` at level ``ilvl``."""
        if num_id not in self.nums or not 0 <= ilvl <= 8:
            return None
        aid, over_levels, starts = self.nums[num_id]
        aid = self._abstract_id(aid)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(over_levels)
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in starts.items():
                if 0 <= lv <= 8:
                    counters[lv] = None
                    levels.setdefault(lv, Level())
                    levels[lv] = Level(start, levels[lv].fmt, levels[lv].text, levels[lv].suff,
                                       levels[lv].is_lgl)
                    over_levels[lv] = levels[lv]
        level = levels.get(ilvl)
        if level is None:
            return None
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.text is None or level.fmt == "bullet":
            return None

        def repl(m: re.Match) -> str:
            lv = int(m.group(1)) - 1
            other = levels.get(lv, Level())
            n = counters[lv] if counters[lv] is not None else other.start
            return format_number(n, "decimal" if level.is_lgl and other.fmt != "decimal" and lv != ilvl
                                 else other.fmt)

        label = re.sub(r"%([1-9])", repl, level.text)
        if not label.strip():
            return None
        if level.suff == "space":
            return label + " "
        if level.suff == "nothing":
            return label
        # a tab after the label: nothing after Chinese punctuation (一、会前准备), else a space
        return label if label[-1] in "、）．：，】" else label + " "


# ---------------------------------------------------------------- styles


def _styles(root, w: str) -> dict[str, dict]:
    """Paragraph style id → {numId, ilvl, basedOn} (numbering carried by the style)."""
    out: dict[str, dict] = {}
    if root is None:
        return out
    for st in root.iter(w + "style"):
        sid = st.get(w + "styleId")
        if not sid:
            continue
        info: dict = {}
        based = st.find(w + "basedOn")
        if based is not None:
            info["basedOn"] = based.get(w + "val")
        numpr = st.find(f"{w}pPr/{w}numPr")
        if numpr is not None:
            nid = numpr.find(w + "numId")
            lvl = numpr.find(w + "ilvl")
            if nid is not None:
                info["numId"] = nid.get(w + "val")
            if lvl is not None:
                info["ilvl"] = lvl.get(w + "val")
        out[sid] = info
    return out


def _style_numpr(styles: dict, sid: str | None) -> tuple[str | None, str | None]:
    seen = set()
    num_id = ilvl = None
    while sid and sid not in seen and sid in styles:
        seen.add(sid)
        info = styles[sid]
        num_id = num_id or info.get("numId")
        ilvl = ilvl or info.get("ilvl")
        if num_id:
            break
        sid = info.get("basedOn")
    return num_id, ilvl


# ---------------------------------------------------------------- document walk


class _Walker:
    def __init__(self, ns: str, numbering: Numbering, styles: dict):
        w = "{%s}" % ns
        self.w = w
        self.numbering = numbering
        self.styles = styles
        self.T, self.TAB, self.BR, self.CR = w + "t", w + "tab", w + "br", w + "cr"
        self.P, self.TBL, self.R = w + "p", w + "tbl", w + "r"
        self.SKIP = {w + n for n in ("pPr", "rPr", "delText", "instrText", "delInstrText", "del",
                                     "moveFrom", "fldChar", "sym", "footnoteReference",
                                     "endnoteReference", "commentReference", "sectPr", "tblPr",
                                     "tblGrid", "trPr", "tcPr", "sdtPr", "sdtEndPr", "annotationRef",
                                     "object", "lastRenderedPageBreak", "proofErr", "bookmarkStart",
                                     "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "rt", "rubyPr")}
        self.TXBX = w + "txbxContent"
        self.MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
        self.depth = 0

    def blocks(self, container) -> list[str]:
        lines: list[str] = []
        self.depth += 1
        if self.depth > 120:  # deeper than libxml2 lets a document be (256 elements)
            self.depth -= 1
            return lines
        for child in container:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == self.P:
                lines.extend(self.paragraph(child))
            elif tag == self.TBL:
                lines.extend(self.table(child))
            elif tag in self.SKIP:
                continue
            else:  # sdt, sdtContent, customXml, ins, moveTo, smartTag …
                lines.extend(self.blocks(child))
        self.depth -= 1
        return lines

    def _hidden(self, run) -> bool:
        rpr = run.find(self.w + "rPr")
        if rpr is None:
            return False
        for name in ("vanish", "webHidden"):
            el = rpr.find(self.w + name)
            if el is not None and el.get(self.w + "val", "1") not in ("0", "false", "off"):
                return True
        return False

    def paragraph(self, p) -> list[str]:
        parts: list[str] = []
        boxes: list = []
        label = self._label(p)
        if label:
            parts.append(label)

        def walk(el, depth: int = 0):
            for child in el:
                tag = child.tag
                if not isinstance(tag, str) or tag in self.SKIP:
                    continue
                if tag == self.T:
                    parts.append(child.text or "")
                elif tag == self.TAB:
                    parts.append("\t")
                elif tag in (self.BR, self.CR):
                    parts.append("\n")
                elif tag == self.w + "noBreakHyphen":
                    parts.append("-")
                elif tag == self.TXBX:
                    boxes.append(child)
                elif tag == self.MC_FALLBACK:
                    continue  # duplicate of mc:Choice (VML copy of a text box)
                elif tag == self.R and self._hidden(child):
                    continue
                elif depth < 250:
                    walk(child, depth + 1)

        walk(p)
        lines = ["".join(parts)]
        for box in boxes:
            lines.extend(self.blocks(box))
        return lines

    def _label(self, p) -> str | None:
        w = self.w
        ppr = p.find(w + "pPr")
        num_id = ilvl = None
        style = None
        if ppr is not None:
            ps = ppr.find(w + "pStyle")
            style = None if ps is None else ps.get(w + "val")
            numpr = ppr.find(w + "numPr")
            if numpr is not None:
                nid = numpr.find(w + "numId")
                lvl = numpr.find(w + "ilvl")
                num_id = None if nid is None else nid.get(w + "val")
                ilvl = None if lvl is None else lvl.get(w + "val")
        if num_id is None:
            s_num, s_lvl = _style_numpr(self.styles, style)
            num_id = s_num
            ilvl = ilvl or s_lvl
        if not num_id or num_id == "0":
            return None
        try:
            level = int(ilvl or 0)
        except ValueError:
            level = 0
        return self.numbering.label(num_id, level)

    def table(self, tbl) -> list[str]:
        w = self.w
        lines: list[str] = []
        for row in self._children(tbl, w + "tr"):
            cells = []
            for tc in self._children(row, w + "tc"):
                vmerge = tc.find(f"{w}tcPr/{w}vMerge")
                if vmerge is not None and vmerge.get(w + "val") not in ("restart",):
                    continue  # continuation of a vertically merged cell: empty
                cell_lines = [ln for ln in self.blocks(tc) if ln.strip()]
                if cell_lines:
                    cells.append(cell_lines)
            if len(cells) == 1:
                lines.extend(cells[0])
            elif cells:
                lines.append("\t".join(" ".join(ln.strip() for ln in c) for c in cells))
        return lines

    def _children(self, el, tag: str):
        """Direct children with ``tag``, looking through content controls / customXml."""
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == tag:
                yield child
            elif child.tag in (self.w + "sdt", self.w + "sdtContent", self.w + "customXml"):
                yield from self._children(child, tag)


def read_docx(data: bytes, *, max_bytes: int) -> tuple[str, str, list[str]]:
    """The text of a .docx file. Raises InputError."""
    limit = max(XML_LIMIT_MIN, XML_LIMIT_FACTOR * max_bytes)
    z = _Zip(data, limit)
    main = z.rels("").get(_REL_OFFICE_DOC, "word/document.xml") if z.has("_rels/.rels") else "word/document.xml"
    if not z.has(main):
        main = "word/document.xml"
    if not z.has(main):
        kinds = "an .xlsx workbook" if z.has("xl/workbook.xml") else \
            "a .pptx presentation" if z.has("ppt/presentation.xml") else "not a Word document"
        raise InputError(f"a ZIP archive but {kinds} (no word/document.xml)")
    warnings: list[str] = []
    blocks = iter_body(z.read(main), main)
    ns = next(blocks)
    w = "{%s}" % ns
    rels = z.rels(main)
    styles_root = numbering_root = None
    for key, target in ((_REL_STYLES, "word/styles.xml"), (_REL_NUMBERING, "word/numbering.xml")):
        name = rels.get(key, target)
        if z.has(name):
            try:
                part = z.xml(name)
            except InputError as e:
                if "refused" in str(e):
                    raise
                warnings.append(f"{name} unreadable, numbering may be missing ({e})")
                continue
            if key == _REL_STYLES:
                styles_root = part
            else:
                numbering_root = part
    styles = _styles(styles_root, w)
    numbering = Numbering(ns, numbering_root, styles)
    walker = _Walker(ns, numbering, styles)
    lines: list[str] = []
    alt_chunk = False
    for block in blocks:
        lines.extend(walker.blocks([block]))
        alt_chunk = alt_chunk or any(True for _ in block.iter(w + "altChunk"))
    if alt_chunk:
        warnings.append("the document embeds imported content (altChunk) that was not read")
    return "\n".join(lines), "docx", warnings
