"""Web pages (.html / .htm) and saved web archives (.mht): the page's text, in order.

- Charset: a BOM, else ``<meta charset>`` / ``http-equiv`` / the XML declaration, else the
  plain-text detection of ``reader.decode_bytes``. gb2312 / gbk labels are read as
  GB18030 (their superset: pages labelled gb2312 routinely hold GBK characters); a label
  the bytes do not fit falls back to detection with a warning.
- Markup is removed; scripts, styles, forms' controls, ``<nav>`` / ``<aside>`` /
  ``<footer>``, hidden elements and link lists (menus, "相关文章") are dropped; the rest
  keeps its order. Block elements (p, div, li, h1…, tr, br) end lines; table cells are
  separated by a tab. White space is collapsed as a browser would, except that a source
  line break between two Chinese characters disappears (a browser would show a space).
- Page chrome left in the text (breadcrumbs, 发布时间, 浏览次数, 上一篇) is handled by the
  splitter and the normalised view, which trim and blank it.
"""
from __future__ import annotations

import codecs
import re

from extractor.io.reader import InputError, decode_bytes
from extractor.regex_store import compile_regex

_META_CHARSET = compile_regex(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = compile_regex(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_GB_LABELS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "csgb2312", "chinese", "iso-ir-58",
              "csiso58gb231280", "gb18030", "euc-cn", "x-euc-cn", "hz-gb-2312"}
_BIG5_LABELS = {"big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950"}
_WESTERN = {"iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii",
            "iso8859-1", "l1"}

SKIP_TAGS = frozenset("""script style noscript template head title meta link svg math iframe
frame frameset object embed canvas select option optgroup button textarea input audio video map
area nav aside footer xml""".split())
BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog dir div dl
dt fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li listing
main menu ol p plaintext pre section summary table tbody thead tfoot tr ul caption form""".split())
CELL_TAGS = frozenset(("td", "th"))
# Page furniture elements: dropped unless they hold most of the page's text.
_STRUCTURAL = frozenset(("nav", "aside", "footer"))
# class / id words of navigation and page furniture
_CHROME_WORDS = compile_regex(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar|topbar|breadcrumbs?|crumbs?|sidebar|"
    r"footer|foot|copyright|share|bdshare|toolbar|login|search|skip)(?:$|[\s_-])", re.I)
_HIDDEN_STYLE = compile_regex(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Word "Save as web page" downlevel-revealed conditionals: <![if !supportLists]> … <![endif]>
_DOWNLEVEL = compile_regex(r"<!\[(?:if[^\]]*|endif)\]>", re.I)
_XML_DECL = compile_regex(r"^\s*<\?xml[^>]*\?>", re.I)
# A DOCTYPE with an internal subset (.xhtml: <!DOCTYPE html … [ <!ENTITY …> ]>): the HTML
# parser ends it at the first ">" and would leave "]>" in the text.
_DOCTYPE_SUBSET = compile_regex(r"^\s*<!DOCTYPE[^\[>]*\[[^\]]*\][^>]*>", re.I)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_JOIN = compile_regex(f"(?<=[{_CJK}])\x00+(?=[{_CJK}])")
_WS = compile_regex(r"[ \t\n\r\f\v]+")
# A container whose text is mostly link text, with this many links, is a menu.
LINK_DENSITY = 0.6
MIN_LINKS = 3
# ... unless it holds this share of the page's text (then it is the page).
MAIN_SHARE = 0.5


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    if label in _BIG5_LABELS:
        return "cp950"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Decode the bytes of a web page. Raises InputError."""
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m:
        label = m.group(1).decode("ascii", "replace")
        codec = _codec(label)
        if codec is None:
            warnings.append(f"unknown charset {label!r} declared; detected instead")
        elif codec.replace("_", "-") in _WESTERN or codec in ("latin-1", "cp1252", "ascii"):
            # Chinese pages labelled Latin-1 are mislabelled; a Western page is ASCII here.
            try:
                data.decode("ascii")
                return data.decode("ascii"), "ascii", warnings
            except UnicodeDecodeError:
                warnings.append(f"declared charset {label} does not fit the Chinese text; detected instead")
        else:
            try:
                return data.decode(codec), codec, warnings
            except UnicodeDecodeError:
                if codec == "cp950":
                    try:
                        return data.decode("big5hkscs"), "big5hkscs", warnings
                    except UnicodeDecodeError:
                        pass
                warnings.append(f"declared charset {label} does not decode the page; detected instead")
    text, encoding, more = decode_bytes(data)
    return text, encoding, warnings + more


class _Lines:
    """Collects text into lines: blocks end lines, cells are separated by tabs."""

    def __init__(self):
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.pre_line = False

    def text(self, s: str | None, pre: bool = False) -> None:
        if not s:
            return
        if pre:
            self.pre_line = True
            first, *rest = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            self.cur.append(first)
            for piece in rest:
                self.end_line()
                self.pre_line = True
                self.cur.append(piece)
            return
        # \x00 marks collapsed white space that held a line break (dropped between CJK)
        self.cur.append(_WS.sub(lambda m: "\x00" if "\n" in m.group() or "\r" in m.group() else " ", s))

    def end_line(self) -> None:
        line = "".join(self.cur)
        self.cur = []
        if self.pre_line:
            line = line.rstrip(" \t")
            self.pre_line = False
        else:
            line = _JOIN.sub("", line).replace("\x00", " ")
            line = re.sub(r"  +", " ", line).strip(" \t")
        if line.strip():
            self.lines.append(line)

    def cell_end(self) -> None:
        if "".join(self.cur).strip():
            self.cur.append("\t")


def _measure(root) -> dict:
    """Per element: (text length, link text length, number of links), without recursion."""
    sizes: dict = {}
    order = []
    stack = [root]
    while stack:
        el = stack.pop()
        order.append(el)
        stack.extend(child for child in el if isinstance(child.tag, str))
    for el in reversed(order):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS and tag not in _STRUCTURAL:
            sizes[el] = (0, 0, 0)
            continue
        own = len("".join((el.text or "").split()))
        links = 0
        link_text = 0
        for child in el:
            tail = len("".join((child.tail or "").split()))
            if isinstance(child.tag, str):
                t, lt, n = sizes[child]
                own += t + tail
                link_text += lt
                links += n
            else:
                own += tail
        if el.tag == "a":
            link_text = own
            links += 1
        sizes[el] = (own, link_text, links)
    return sizes


def _is_chrome(el, sizes, total: int) -> bool:
    tag = el.tag
    text, link_text, links = sizes[el]
    if total and text > MAIN_SHARE * total:
        return False  # the element holds the page: never drop it
    if tag in _STRUCTURAL:
        return True
    if tag in ("header",) and links >= MIN_LINKS:
        return True
    words = f"{el.get('class', '')} {el.get('id', '')}"
    if words.strip() and _CHROME_WORDS.search(words):
        return True
    if links >= MIN_LINKS and text and link_text >= LINK_DENSITY * text and tag != "a":
        return True
    return False


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page (see the module docstring)."""
    from lxml import etree, html

    markup = _XML_DECL.sub("", markup, count=1)
    markup = _DOCTYPE_SUBSET.sub("", markup, count=1)
    markup = _DOWNLEVEL.sub("", markup)
    if not markup.strip():
        return ""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                             recover=True, huge_tree=True, default_doctype=False)
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    body = root.find("body")
    start = body if body is not None else root
    sizes = _measure(start)
    total = sizes[start][0]
    out = _Lines()
    # iterative walk: ("open", el) / ("close", el) / ("tail", text)
    stack: list = [("open", start, False)]
    while stack:
        kind, item, pre = stack.pop()
        if kind == "text":
            out.text(item, pre)
            continue
        if kind == "close":
            if item.tag in CELL_TAGS:
                out.cell_end()
            elif item.tag in BLOCK_TAGS:
                out.end_line()
            continue
        el = item
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            continue
        tag = tag.lower()
        if (tag in SKIP_TAGS and tag not in _STRUCTURAL) or _HIDDEN_STYLE.search(el.get("style", "")) \
                or el.get("hidden") is not None:
            continue
        if el is not start and _is_chrome(el, sizes, total):
            continue
        if tag == "br":
            out.end_line()
            continue
        if tag in BLOCK_TAGS:
            out.end_line()
        inner_pre = pre or tag in ("pre", "listing", "plaintext", "textarea")
        stack.append(("close", el, pre))
        children = list(el)
        for child in reversed(children):
            if child.tail:
                stack.append(("text", child.tail, pre))
            if isinstance(child.tag, str):
                stack.append(("open", child, inner_pre))
        if el.text:
            stack.append(("text", el.text, inner_pre))
    out.end_line()
    return "\n".join(out.lines)


_SCRIPTS = compile_regex(r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BLOCK_TAG = compile_regex(r"<\s*/?\s*(?:p|div|br|li|tr|h[1-6]|table|ul|ol|section|article|pre|blockquote)\b[^>]*>",
                        re.I)
_ANY_TAG = compile_regex(r"<[^>]*>")


def strip_tags(markup: str) -> str:
    """A crude fallback: tags removed, block tags as line breaks, entities unescaped."""
    import html as htmllib

    text = _SCRIPTS.sub(" ", markup)
    text = _BLOCK_TAG.sub("\n", text)
    text = htmllib.unescape(_ANY_TAG.sub("", text))
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip(" ") for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln.strip())


def read_html(data: bytes) -> tuple[str, str, list[str]]:
    """The text of a web page. Raises InputError."""
    markup, encoding, warnings = decode_html(data)
    return markup_to_text(markup, warnings), encoding, warnings


def markup_to_text(markup: str, warnings: list[str]) -> str:
    """``html_to_text``, or the crude ``strip_tags`` when the parser gives up on the page
    (nesting deeper than libxml2 accepts, say), with a warning."""
    text = html_to_text(markup)
    if text.strip():
        return text
    crude = strip_tags(markup)
    if crude.strip():
        warnings.append("page structure unreadable (nested too deeply?); text taken by stripping the tags")
    return crude


def read_mht(data: bytes) -> tuple[str, str, list[str]]:
    """The text of a saved web archive (.mht / .mhtml, MIME multipart). Raises InputError."""
    import email
    import email.policy

    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as e:  # the email package raises assorted errors on damaged MIME
        raise InputError(f"damaged web archive (.mht): {e}") from None
    fallback = None
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype not in ("text/html", "text/plain"):
            continue
        try:
            payload = part.get_payload(decode=True) or b""
        except Exception:
            continue
        charset = part.get_content_charset()
        if ctype == "text/html":
            codec = _codec(charset) if charset else None
            if codec:
                try:
                    markup = payload.decode(codec)
                    warnings = []
                    return markup_to_text(markup, warnings), codec, warnings
                except UnicodeDecodeError:
                    pass
            text, encoding, warnings = read_html(payload)
            return text, encoding, warnings
        if fallback is None:
            fallback = payload
    if fallback is not None:
        text, encoding, warnings = decode_bytes(fallback)
        return text, encoding, warnings
    raise InputError("web archive (.mht) without an HTML or text part")
