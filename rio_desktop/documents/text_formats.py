"""The text of documents that are not PDFs, read in this process: Word (DOCX), OpenDocument (ODT), RTF, plain
text and Markdown, HTML, and an e-mail's body. Each reader turns bytes into paragraphs; `pages_of` cuts
them into the "pages" a printed A4 sheet would hold, so that citations stay meaningful for formats that have
no pages of their own.

Raises FormatError (a message the clerk can act on) for a file that cannot be read as what its name says.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree

from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

# A printed A4 page of prose in 11-12 pt holds about 500 words, some 3,000 characters: a "page" of a
# format without pages is cut at the paragraph nearest that length.
PAGE_CHARS = 3000
# An XML part bigger than this in a DOCX or ODT is a zip bomb or not a letter: refused before it is parsed.
MAX_XML_BYTES = 64 * 1024 * 1024


class FormatError(UserFacingError):
    """A file that cannot be read as its format."""


def damaged(name: str, kind: str) -> FormatError:
    return FormatError(Message(QT_TRANSLATE_NOOP(
        "Core", "{name} is damaged or is not a valid {kind} file, and cannot be read. If it opens in its "
                "program, save it again (or as PDF) and add that file."), name=name, kind=kind))


# -- plain text ----------------------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a BOM) when the bytes are UTF-8, else Windows' cp1252 (files written on the
    clerks' PCs): every byte decodes, so a text file always reads."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


# -- HTML ----------------------------------------------------------------------------------------------
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "header", "footer", "blockquote", "pre", "hr", "ul", "ol", "dd", "dt"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_paragraphs(markup: str) -> list[str]:
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    return [re.sub(r" {2,}", " ", p).strip(" |") for p in re.split(r"\n\s*\n", text) if p.strip(" |\n")]


# -- DOCX ----------------------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_sizes(archive: zipfile.ZipFile, name: str, kind: str) -> None:
    if sum(info.file_size for info in archive.infolist() if info.filename.endswith(".xml")) > MAX_XML_BYTES:
        raise damaged(name, kind)


def _docx_paragraph(element: ElementTree.Element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts).strip()


def _docx_blocks(root: ElementTree.Element) -> list[str]:
    """Paragraphs and tables (a row per line, cells joined by " | ") in the order the document has them."""
    body = root.find(f"{_W}body")
    container = body if body is not None else root
    blocks: list[str] = []
    for child in container:
        if child.tag == f"{_W}p":
            text = _docx_paragraph(child)
            if text:
                blocks.append(text)
        elif child.tag == f"{_W}tbl":
            rows = []
            for row in child.iter(f"{_W}tr"):
                cells = [" ".join(_docx_paragraph(p) for p in cell.iter(f"{_W}p")).strip()
                         for cell in row.iter(f"{_W}tc")]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                blocks.append("\n".join(rows))
        elif child.tag == f"{_W}sdt":  # a content control (a form's field, a cover page) holds paragraphs
            content = child.find(f"{_W}sdtContent")
            blocks += _docx_blocks(content if content is not None else child)
    return blocks


def docx_paragraphs(data: bytes, name: str) -> list[str]:
    """The body's paragraphs and tables in order; the headers' text first and the footers' last, apart from
    the body (an ofício's letterhead often sits in the header)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive, name, "Word (DOCX)")
            body = _docx_blocks(ElementTree.fromstring(archive.read("word/document.xml")))
            parts = sorted(n for n in archive.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
            others = {n: _docx_blocks(ElementTree.fromstring(archive.read(n))) for n in parts}
            headers = [b for n, blocks in others.items() if "header" in n for b in blocks]
            footers = [b for n, blocks in others.items() if "footer" in n for b in blocks]
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError) as exc:
        raise damaged(name, "Word (DOCX)") from exc
    return _unique(headers) + body + _unique(footers)


def _unique(blocks: list[str]) -> list[str]:
    """A header repeated for first, even and odd pages is read once."""
    seen: set[str] = set()
    return [b for b in blocks if not (b in seen or seen.add(b))]  # type: ignore[func-returns-value]


# -- ODT -----------------------------------------------------------------------------------------------
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _odt_inline(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{_TEXT}note":  # footnotes are read where they are, not inside the sentence
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt_blocks(element: ElementTree.Element, blocks: list[str]) -> None:
    for child in element:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            text = _odt_inline(child).strip()
            if text:
                blocks.append(text)
        elif child.tag == f"{_TABLE}table":
            rows = []
            for row in child.iter(f"{_TABLE}table-row"):
                cells = [" ".join(_odt_inline(p).strip() for p in cell.iter(f"{_TEXT}p")).strip()
                         for cell in row.iter(f"{_TABLE}table-cell")]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                blocks.append("\n".join(rows))
        else:
            _odt_blocks(child, blocks)


def odt_paragraphs(data: bytes, name: str) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive, name, "OpenDocument (ODT)")
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError) as exc:
        raise damaged(name, "OpenDocument (ODT)") from exc
    blocks: list[str] = []
    _odt_blocks(root, blocks)
    return blocks


# -- RTF -----------------------------------------------------------------------------------------------
_RTF_TOKEN = re.compile(r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                        re.DOTALL)
# Destinations whose text is not the document's (fonts, colours, styles, pictures, metadata).
_RTF_SKIP = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "themedata",
             "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "listtable", "listoverridetable",
             "rsidtbl", "generator", "filetbl", "revtbl", "fldinst"}


def rtf_paragraphs(data: bytes, name: str) -> list[str]:
    """RTF's text: groups, \\par and \\line, \\'hh (the code page, cp1252 on the clerks' PCs), \\uN."""
    source = data.decode("latin-1")
    if not source.lstrip().startswith("{\\rtf"):
        raise damaged(name, "RTF")
    out: list[str] = []
    stack: list[tuple[bool, int]] = []
    skip, uc, pending_skip = False, 1, 0
    hex_bytes = bytearray()

    def flush_hex() -> None:
        if hex_bytes:
            out.append(hex_bytes.decode("cp1252", errors="replace"))
            hex_bytes.clear()

    for match in _RTF_TOKEN.finditer(source):
        word, number, hexcode, symbol, brace, text = match.groups()
        if hexcode is not None:
            if pending_skip:
                pending_skip -= 1
            elif not skip:
                hex_bytes.append(int(hexcode, 16))
            continue
        flush_hex()
        if brace == "{":
            stack.append((skip, uc))
        elif brace == "}":
            skip, uc = stack.pop() if stack else (False, 1)
        elif word is not None:
            if word in _RTF_SKIP:
                skip = True
            elif skip:
                continue
            elif word in ("par", "line", "sect", "page"):
                out.append("\n\n" if word != "line" else "\n")
            elif word == "tab":
                out.append("\t")
            elif word == "cell":
                out.append(" | ")
            elif word == "row":
                out.append("\n")
            elif word == "uc":
                uc = int(number or 1)
            elif word == "u":
                value = int(number or 0)
                out.append(chr(value + 65536 if value < 0 else value))
                pending_skip = uc
        elif symbol is not None:
            if symbol == "*":
                skip = True
            elif not skip and symbol in "\\{}":
                out.append(symbol)
            elif not skip and symbol == "~":
                out.append("\u00a0")
        elif text is not None and not skip:
            if pending_skip:
                dropped = min(pending_skip, len(text))
                text, pending_skip = text[dropped:], pending_skip - dropped
            out.append(text)
    flush_hex()
    return [re.sub(r" {2,}", " ", p) for p in text_paragraphs("".join(out))]


# -- pages ---------------------------------------------------------------------------------------------
def pages_of(paragraphs: list[str], page_chars: int = PAGE_CHARS) -> list[str]:
    """Paragraphs gathered into pages of about `page_chars` characters, cut between paragraphs (a paragraph
    longer than a page at the sentence, or the space, nearest the page's end)."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        while len(paragraph) > page_chars:
            cut = paragraph.rfind(". ", 0, page_chars)
            cut = cut + 1 if cut > page_chars // 2 else paragraph.rfind(" ", 0, page_chars)
            cut = cut if cut > 0 else page_chars
            head, paragraph = paragraph[:cut].strip(), paragraph[cut:].strip()
            if current:
                pages.append("\n\n".join(current))
                current, size = [], 0
            pages.append(head)
        if current and size + len(paragraph) > page_chars:
            pages.append("\n\n".join(current))
            current, size = [], 0
        if paragraph:
            current.append(paragraph)
            size += len(paragraph) + 2
    if current:
        pages.append("\n\n".join(current))
    return pages

