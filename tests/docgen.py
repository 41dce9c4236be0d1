"""Builders of test documents, made at run time: .docx (by hand, with numbering), PDF
with a real CJK text layer (a minimal PDF writer), HTML pages, RTF.

Nothing here is committed as a binary fixture: each test makes what it reads.
"""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

# Level definitions of a Chinese report outline: 一、 / （一） / 1. / （1）
CN_OUTLINE = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
              ("decimal", "（%4）")]


def run(text: str, **rpr) -> str:
    props = ""
    if rpr.get("hidden"):
        props = "<w:rPr><w:vanish/></w:rPr>"
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str = "", *, num: tuple[int, int] | None = None, style: str | None = None,
         runs: str | None = None) -> str:
    """One w:p; ``num`` = (numId, ilvl) for automatic numbering."""
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    body = runs if runs is not None else (run(text) if text else "")
    return f"<w:p>{ppr}{body}</w:p>"


def table(rows: list[list[str]]) -> str:
    out = ["<w:tbl><w:tblPr/><w:tblGrid/>"]
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            paras = "".join(para(p) for p in cell.split("\n")) if cell else "<w:p/>"
            out.append(f"<w:tc><w:tcPr/>{paras}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def abstract_num(aid: int, levels: list[tuple[str, str]], start: int = 1, suff: str | None = None) -> str:
    lv = []
    for i, (fmt, text) in enumerate(levels):
        s = f'<w:suff w:val="{suff}"/>' if suff else ""
        lv.append(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{s}'
                  f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>')
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(lv)}</w:abstractNum>'


def numbering_xml(abstracts: list[str], nums: list[tuple[int, int]] | list, extra: str = "") -> str:
    num_xml = []
    for item in nums:
        nid, aid = item[0], item[1]
        override = ""
        if len(item) > 2:  # (numId, abstractNumId, {ilvl: startOverride})
            override = "".join(f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{st}"/></w:lvlOverride>'
                               for lv, st in item[2].items())
        num_xml.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
            + "".join(abstracts) + "".join(num_xml) + extra + "</w:numbering>")


def styles_xml(styles: dict[str, tuple[int, int] | None] | None = None) -> str:
    """Paragraph styles; a style may carry numbering (numId, ilvl), as Word's 标题 1 does."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">',
           '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>']
    for sid, num in (styles or {}).items():
        numpr = ""
        if num:
            numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
        out.append(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="heading {sid}"/>'
                   f'<w:basedOn w:val="a"/>{numpr}</w:style>')
    out.append("</w:styles>")
    return "".join(out)


def document_xml(body: str, ns: str = W_NS) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{ns}" xmlns:r="{R_NS}" '
            f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f'<w:body>{body}<w:sectPr/></w:body></w:document>')


def make_docx(body: str, numbering: str | None = None, styles: str | None = None,
              parts: dict[str, bytes | str] | None = None, ns: str = W_NS) -> bytes:
    """A .docx package with the given body XML (w:p / w:tbl elements)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document_xml(body, ns))
        z.writestr("word/numbering.xml", numbering or numbering_xml([], []))
        z.writestr("word/styles.xml", styles or styles_xml())
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


# ------------------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]], *, font_size: int = 12, chars_per_line: int | None = None,
             image_only: set[int] = frozenset()) -> bytes:
    """A PDF with a real text layer: each page a list of lines (Type0 font, Identity-H,
    a ToUnicode map). Lines longer than ``chars_per_line`` are wrapped as a typesetter
    would (text flush to the right margin). Pages in ``image_only`` hold only an image,
    as a scan does."""
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    used = sorted({ord(c) for page in pages for line in page for c in line if ord(c) < 0x10000})
    cmap_lines = []
    for i in range(0, len(used), 100):
        chunk = used[i:i + 100]
        cmap_lines.append(f"{len(chunk)} beginbfchar")
        cmap_lines.extend(f"<{c:04X}> <{c:04X}>" for c in chunk)
        cmap_lines.append("endbfchar")
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> "
            "endcodespacerange\n" + "\n".join(cmap_lines) + "\nendcmap CMapName currentdict /CMap "
            "defineresource pop end end").encode()
    catalog = add(b"")  # filled later
    pages_obj = add(b"")
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
                     b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
    cidfont = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDSystemInfo "
                  b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
                  b"/DW 1000 /CIDToGIDMap /Identity >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode))
    image_data = bytes([128]) * 64
    image = add(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(image_data) + image_data + b"\nendstream")
    kids = []
    width = chars_per_line or 10 ** 6
    for n, lines in enumerate(pages):
        if n in image_only:
            content = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
        else:
            ops = []
            y = 800
            for line in lines:
                pieces = [line[i:i + width] for i in range(0, len(line), width)] or [""]
                for piece in pieces:
                    hexcodes = "".join(f"{ord(c):04X}" for c in piece if ord(c) < 0x10000)
                    ops.append(f"BT /F1 {font_size} Tf 1 0 0 1 50 {y} Tm <{hexcodes}> Tj ET")
                    y -= font_size * 1.5
            content = "\n".join(ops).encode()
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                        b"<< /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_obj, font, image, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, catalog, xref))
    return out.getvalue()


# ------------------------------------------------------------------------- RTF


def make_rtf(lines: list[str], codepage: int = 936) -> bytes:
    """An RTF document as Word writes Chinese: \\'hh GBK bytes, a font with fcharset134."""
    enc = "gbk" if codepage == 936 else f"cp{codepage}"
    body = []
    for line in lines:
        out = []
        for c in line:
            if c.isascii():
                out.append({"\\": "\\\\", "{": "\\{", "}": "\\}"}.get(c, c))
            else:
                out.append("".join(f"\\'{b:02x}" for b in c.encode(enc)))
        body.append("".join(out) + "\\par\n")
    head = (f"{{\\rtf1\\ansi\\ansicpg{codepage}\\deff0{{\\fonttbl{{\\f0\\fnil\\fcharset134 "
            + "".join(f"\\'{b:02x}" for b in "宋体".encode(enc))
            + ";}}{\\colortbl;\\red0\\green0\\blue0;}"
            "{\\*\\generator Msftedit 5.41;}{\\info{\\title report}}\\viewkind4\\uc1\\pard\\f0\\fs24 ")
    return (head + "".join(body) + "}").encode("ascii")
