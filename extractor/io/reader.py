"""Reading input files into text: decoding, newline normalisation, size limits.

Plain text
    Office archives hold .txt in UTF-8 (with or without BOM), UTF-16 and GBK / GB18030,
    and older Taiwanese or Hong Kong material in Big5. Detectors misread short GBK text
    as Big5 or cp932, so the order is: BOM (UTF-8, UTF-32, UTF-16), strict UTF-8, a
    line-by-line UTF-8 / GB18030 mix (files pasted together from two sources), GB18030
    and Big5 both tried and the one that reads as more plausible Chinese kept, a nearly
    clean UTF-8 or GB18030 (a truncated last character, a stray byte: replaced by U+FFFD
    with a warning), and last a detector over the whole file, with a warning when its
    confidence is low. NUL bytes sprinkled through a text file (padding left by a crashed
    editor) are dropped with a warning; a file that is mostly NULs or control bytes is
    refused as binary.

Other formats
    ``formats.read_file`` looks at the file's content (magic bytes) and suffix and hands .docx,
    .html / .htm / .mht, .pdf and legacy .doc / .wps / .rtf to ``extractor.formats``. The
    text they return is the record's text: offsets refer to it.

Every failure is an ``InputError`` whose message is one line for the user.
"""
from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.resources import read_lines

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# A decoded text whose CJK characters are at least this plausible is accepted.
PLAUSIBLE = 0.5
# At most this share of characters may be undecodable (U+FFFD) in a "nearly clean" file.
MAX_REPLACED_SHARE = 0.002
MAX_REPLACED_MIN = 2
# GBK text up to this size may happen to be valid UTF-8 (see _short_gb_valid_as_utf8).
SHORT_AMBIGUOUS_BYTES = 4096
# Non-ASCII bytes a file needs before the statistical detector is trusted over GB18030.
DETECTOR_MIN_BYTES = 200


class InputError(Exception):
    """An input that cannot be turned into text; the message is one line for the user."""


@dataclass
class Decoded:
    text: str
    encoding: str
    sha256: str
    warnings: list[str] = field(default_factory=list)
    # What the file was read as: txt, docx, html, mht, pdf, doc (converted), rtf, ocr.
    format: str = "txt"
    # For OCR'd input: the page_layout.Layout mapping text offsets to page lines.
    layout: object | None = None


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    return frozenset("".join(read_lines("common_chars.txt")))


_IDEOGRAPH = compile_regex("[\u4e00-\u9fff\u3400-\u4dbf]")


def plausibility(text: str) -> float:
    """Share of CJK characters in ``text`` that are among the most common ones."""
    common = _common_chars()
    cjk = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(c in common for c in cjk) / len(cjk)


def _has_ideographs(text: str) -> bool:
    return _IDEOGRAPH.search(text) is not None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _control_count(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL))


def _looks_binary(data: bytes) -> bool:
    """Control bytes (NUL aside: see ``_strip_nuls``) in more than 2% of the start."""
    sample = data[:8192]
    control = _control_count(sample.replace(b"\x00", b""))
    return control > max(8, len(sample) // 50)


def _strip_nuls(data: bytes, warnings: list[str]) -> bytes:
    """Drop NUL bytes when they are a small part of an otherwise textual file.

    Editors that crash while saving leave runs of NULs (often at the end); such a file is
    still a text file. A file where NULs are frequent is binary (or BOM-less UTF-16,
    which ``_bomless_utf16`` tries first).
    """
    nuls = data.count(b"\x00")
    if not nuls:
        return data
    stripped = data.rstrip(b"\x00")
    inner = stripped.count(b"\x00")
    if inner > max(16, len(stripped) // 100):
        raise InputError("binary content (NUL bytes throughout), not a text file")
    warnings.append(f"{nuls} NUL bytes dropped (damaged or padded text file)")
    return stripped.replace(b"\x00", b"")


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: accepted only when it reads as clean, plausible text."""
    if len(data) < 4 or len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
            continue
        cjk_or_ascii = sum(1 for c in text if c.isascii() or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
        if cjk_or_ascii < 0.95 * len(text):
            continue
        if plausibility(text) >= PLAUSIBLE or (
                text.isascii() and all(c.isprintable() or c in "\t\n\r\f" for c in text)):
            return text, enc
    return None


def _looks_cjk(c: str) -> bool:
    # besides the ideographs and punctuation: the numbered and boxed signs Chinese documents
    # use (Ⅰ, ①, ⑴, □, ■, ★: number forms, enclosed alphanumerics, shapes, dingbats)
    return "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" or "\u2000" <= c <= "\u206f" \
        or "\u2100" <= c <= "\u218f" or "\u2460" <= c <= "\u27bf" \
        or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003ffff"


# Any character _looks_cjk accepts (none of them is ASCII).
_CJK_LIKE = compile_regex("[\u2e80-\u9fff\uff00-\uffef\u2000-\u206f\u2100-\u218f\u2460-\u27bf"
                       "\uf900-\ufaff\U00020000-\U0003ffff]")


def _short_gb_valid_as_utf8(data: bytes, text: str) -> str | None:
    """GBK bytes that happen to be valid UTF-8 (十 is CA AE, also UTF-8 for ʮ).

    Only short texts can be both. GB18030 wins when the UTF-8 reading has non-ASCII
    characters none of which is Chinese, the GB18030 reading's non-ASCII characters are
    all Chinese, and either the latter is plausible Chinese or the UTF-8 reading strays
    beyond Western European letters (ȱϯ for 缺席; é for 茅 stays UTF-8).
    """
    if len(data) > SHORT_AMBIGUOUS_BYTES or text.isascii():
        return None  # longer GBK text is never valid UTF-8 by chance
    if _CJK_LIKE.search(text):
        return None
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _has_ideographs(gb) or not all(_looks_cjk(c) for c in gb if not c.isascii()):
        return None
    # Latin Extended-B / IPA letters, or a mix of scripts: not a real text in those scripts
    blocks = {0 if c <= "\u017f" else 1 if c <= "\u02ff" else ord(c) >> 7 for c in text if not c.isascii()}
    exotic = 1 in blocks or len(blocks - {0}) > 1
    return gb if exotic or plausibility(gb) >= PLAUSIBLE else None


def _replaced_ok(text: str) -> bool:
    bad = text.count("\ufffd")
    return bad <= max(MAX_REPLACED_MIN, int(len(text) * MAX_REPLACED_SHARE))


def _mixed_lines(data: bytes) -> tuple[str, dict[str, int]] | None:
    """Decode line by line, UTF-8 where it is valid, GB18030 or Big5 elsewhere (each line
    in the one it reads more plausibly in; GB18030 on a tie). Returns the text and how
    many lines each of the two gave.

    Splitting on b"\\n" is safe: 0x0A is never a trail byte in GB18030 or Big5, and the
    lenient UTF-8 decoding keeps every 0x0A, so its lines are the byte lines. Returns None
    unless the file really mixes the two (non-ASCII lines valid as UTF-8 and others valid
    as GB18030 only) and the result reads as plausible Chinese.
    """
    lenient = data.decode("utf-8", errors="replace").split("\n")
    raw = data.split(b"\n")
    if len(lenient) != len(raw):
        return None
    # GB18030 lines: invalid as UTF-8, or valid by chance with nothing Chinese in them (十 → ʮ)
    bad = [i for i, line in enumerate(lenient)
           if "\ufffd" in line or (not line.isascii() and not _CJK_LIKE.search(line))]
    if not bad or len(bad) == sum(1 for line in lenient if not line.isascii()):
        return None
    counts = {"gb18030": 0, "big5": 0}
    for i in bad:
        best = None
        for enc in ("gb18030", "big5"):
            try:
                line = raw[i].decode(enc)
            except UnicodeDecodeError:
                continue
            score = plausibility(line)
            if best is None or score > best[0]:
                best = (score, enc, line)
        if best is None:
            return None
        lenient[i] = best[2]
        counts[best[1]] += 1
    text = "\n".join(lenient)
    if plausibility(text) < PLAUSIBLE:
        return None
    return text, counts


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode text file bytes; returns (text, encoding, warnings). Raises InputError."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
        if "\ufffd" in text:
            if not _replaced_ok(text):  # a UTF-8 BOM put in front of GBK text by an editor
                text, encoding, more = decode_bytes(data[3:])
                return text, encoding, ["UTF-8 byte order mark on text in another encoding", *more]
            warnings.append(f"{text.count(chr(0xfffd))} undecodable bytes replaced (file declares UTF-8)")
        return _normalise_newlines(text), "utf-8-sig", warnings
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(enc)), enc, warnings
            except UnicodeDecodeError as e:
                if enc == "utf-32":
                    continue  # FF FE 00 00 may also be UTF-16 LE starting with a NUL
                text = data.decode(enc, errors="replace")
                if _replaced_ok(text):
                    warnings.append(f"declares {enc.upper()} but {text.count(chr(0xfffd))} "
                                    f"characters are undecodable ({e.reason}); replaced")
                    return _normalise_newlines(text), enc, warnings
                raise InputError(f"declares {enc.upper()} but does not decode as it ({e.reason})") from None
    if b"\x00" in data:
        found = _bomless_utf16(data)
        if found:
            warnings.append(f"read as {found[1].upper()} without a byte order mark")
            return _normalise_newlines(found[0]), found[1], warnings
        data = _strip_nuls(data, warnings)
    if _looks_binary(data):
        raise InputError("binary content (control bytes), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        gb = _short_gb_valid_as_utf8(data, text)
        if gb is not None:
            warnings.append("valid as UTF-8 but reads as Chinese only in GB18030; read as GB18030")
            return _normalise_newlines(gb), "gb18030", warnings
        return _normalise_newlines(text), "utf-8", warnings
    mixed = _mixed_lines(data)
    if mixed:
        text, counts = mixed
        used = [enc for enc in ("gb18030", "big5") if counts[enc]]
        read_as = " and ".join(f"{counts[enc]} lines read as {enc.upper()}" for enc in used)
        warnings.append(f"mixed encodings: {read_as}, the rest as UTF-8")
        return _normalise_newlines(text), "+".join(["utf-8", *used]), warnings
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((plausibility(text), enc, text))
    if candidates:
        score, enc, text = max(candidates, key=lambda c: c[0])
        if score >= PLAUSIBLE:
            return _normalise_newlines(text), enc, warnings
        gb = next((c for c in candidates if c[1] == "gb18030"), None)
        if gb and not _has_ideographs(gb[2]):
            # only punctuation, full-width forms or kana: nothing to judge by, and
            # GB18030 is the likelier of the two
            return _normalise_newlines(gb[2]), "gb18030", warnings
    # Nearly clean: a truncated last character or a few damaged bytes.
    text = data.decode("utf-8", errors="replace")
    if _replaced_ok(text) and (plausibility(text) >= PLAUSIBLE or not _has_ideographs(text)):
        warnings.append(f"{text.count(chr(0xfffd))} undecodable bytes replaced (read as UTF-8)")
        return _normalise_newlines(text), "utf-8", warnings
    text = data.decode("gb18030", errors="replace")
    if _replaced_ok(text) and plausibility(text) >= PLAUSIBLE:
        warnings.append(f"{text.count(chr(0xfffd))} undecodable bytes replaced (read as GB18030)")
        return _normalise_newlines(text), "gb18030", warnings
    # Enough text for a detector to judge (Korean, Japanese, Cyrillic code pages …)
    best = None
    if sum(b >= 0x80 for b in data[:65536]) >= DETECTOR_MIN_BYTES or not candidates:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and (not candidates or (best.chaos <= 0.2 and _codec_family(best.encoding)
                                                    not in ("gb18030", "big5"))):
            text = str(best)
            if best.chaos > 0.2 or plausibility(text) < PLAUSIBLE:
                warnings.append(f"encoding uncertain: detector chose {best.encoding} (chaos {best.chaos:.2f})")
            return _normalise_newlines(text), best.encoding, warnings
    if candidates:
        # strict GB18030 (preferred on a tie) or Big5, with uncommon characters
        score, enc, text = max(candidates, key=lambda c: (c[0], c[1] == "gb18030"))
        warnings.append(f"encoding uncertain: read as {enc.upper()} (plausibility {score:.2f})")
        return _normalise_newlines(text), enc, warnings
    raise InputError("unknown text encoding: not UTF-8, GB18030 or Big5, and no detector match")


def _codec_family(name: str) -> str:
    name = name.lower().replace("-", "_")
    if name in ("gb18030", "gbk", "gb2312", "cp936", "hz"):
        return "gb18030"
    if name in ("big5", "big5hkscs", "cp950"):
        return "big5"
    return name


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, refused above ``max_bytes``. Raises InputError."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from None
    import stat

    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (device, pipe or socket)")
    if st.st_size > max_bytes:
        raise InputError(f"file is {st.st_size} bytes, above the limit of {max_bytes} bytes (--max-bytes)")
    try:
        with open(path, "rb") as f:
            # as many bytes as stat said, and one more to see whether the file grew since:
            # read(max_bytes + 1) would ask for a 50 MiB buffer for every file
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:
                data += f.read(max_bytes + 1 - len(data))
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise InputError(f"file is above the limit of {max_bytes} bytes (--max-bytes)")
    return data


def decode(data: bytes) -> Decoded:
    """Decode the bytes of a plain text file. Raises InputError."""
    if not data.strip():
        raise InputError("empty file")
    text, encoding, warnings = decode_bytes(data)
    if not text.strip():
        raise InputError("no text after decoding")
    return Decoded(text, encoding, hashlib.sha256(data).hexdigest(), warnings)


_SURROGATE_PAIR = compile_regex("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = compile_regex("[\ud800-\udfff]")


def join_surrogate_pairs(text: str) -> str:
    """UTF-16 surrogate pairs (RTF ``\\uN`` writes CJK Extension B and emoji so) joined into
    their characters; a lone surrogate, which no encoding can write, becomes U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    text = _SURROGATE_PAIR.sub(
        lambda m: chr(0x10000 + ((ord(m.group()[0]) - 0xD800) << 10) + ord(m.group()[1]) - 0xDC00), text)
    return _SURROGATE.sub("\ufffd", text)


def replace_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (in a ``str`` handed to the API, never in decoded bytes) as U+FFFD,
    one for one so that no offset moves; and how many there were."""
    return _SURROGATE.subn("\ufffd", text)
