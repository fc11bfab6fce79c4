"""The page of a letter, described once: blocks (what each part is and how it is set), then pages of
positioned words. The PDF export, the printer and the on-screen preview all draw these same pages, so a
printed letter is the exported one; the DOCX is written from the same blocks.

The rules are the Manual de Redação da Presidência da República's padrão ofício (3rd ed., 2018): A4;
margins left 3 cm, right 1.5 cm, top and bottom 2 cm; on the first page a header area of 5 cm from the
top edge with the emblem 2 cm from the top, centred, and the letterhead below it; Carlito (Calibri) 12 pt,
single spacing, 6 pt after each paragraph; paragraphs justified with the text starting 2.5 cm from the
margin, the number (without a full stop) at the margin; about 3 cm left for the signature; footer with
the organisation's contact lines (small, centred) on the first page only, page numbers centred from the
second page on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rio_desktop.documents import fonts
from rio_desktop.documents.letter import Letter

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class PageRules:
    """Every measure in millimetres (font sizes in points)."""

    width: float = 210.0
    height: float = 297.0
    left: float = 30.0
    right: float = 15.0
    top: float = 20.0
    bottom: float = 20.0
    header_area: float = 50.0  # first page: the identification starts below this, from the top edge
    # The emblem's top edge sits on the top margin (2 cm from the top); with three letterhead lines under
    # it the header still ends inside its 5 cm.
    emblem_height: float = 12.0
    emblem_gap: float = 1.5  # between the emblem and the first letterhead line
    indent: float = 25.0  # first line of paragraphs, vocative and closing; text after a paragraph number
    font_pt: float = 12.0
    footer_pt: float = 9.0
    page_number_pt: float = 10.0
    paragraph_after_pt: float = 6.0
    part_after_pt: float = 12.0  # one empty line between the formal parts, as in the Manual's examples
    subject_after_pt: float = 24.0  # about two empty lines between the subject and the vocative (the Manual's)
    signature_space: float = 30.0  # room above the signatory's name for the handwritten signature

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


RULES = PageRules()


@dataclass(frozen=True)
class Block:
    role: str  # letterhead, identification, place_date, addressing, subject, vocative, paragraph, closing,
    #            signature, footer
    text: str
    align: str = "left"  # left, right, center, justify
    style: str = ""  # "" regular, "B" bold
    size: float = RULES.font_pt
    first_indent: float = 0.0  # mm from the left margin, first line only
    number: str = ""  # printed at the margin; the text then starts at first_indent
    space_after: float = 0.0  # mm
    keep_with_next: bool = False


@dataclass(frozen=True)
class Word:
    """One word drawn at (x, baseline), in millimetres from the page's top-left corner."""

    x: float
    y: float
    text: str
    style: str
    size: float
    width: float
    line: int  # words of one line share this number (within the page)


@dataclass(frozen=True)
class Picture:
    path: Path
    x: float
    y: float
    width: float
    height: float


@dataclass
class Page:
    number: int
    words: list[Word] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)

    def lines(self) -> list[str]:
        out: dict[int, list[str]] = {}
        for word in self.words:
            out.setdefault(word.line, []).append(word.text)
        return [" ".join(words) for _, words in sorted(out.items())]


@dataclass
class LetterLayout:
    pages: list[Page]
    rules: PageRules = RULES

    def text(self) -> str:
        return "\n".join("\n".join(page.lines()) for page in self.pages)


def letter_blocks(letter: Letter, rules: PageRules = RULES) -> tuple[list[Block], list[Block], list[Block]]:
    """(letterhead, body, first-page footer) blocks of a letter."""
    part = rules.part_after_pt * PT_MM
    after = rules.paragraph_after_pt * PT_MM
    head = [Block("letterhead", line, "center") for line in letter.letterhead]
    body: list[Block] = []
    if letter.identification:
        body.append(Block("identification", letter.identification, space_after=part))
    if letter.place_date:
        body.append(Block("place_date", letter.place_date, "right", space_after=part))
    for index, line in enumerate(letter.addressing):
        last = index == len(letter.addressing) - 1
        body.append(Block("addressing", line, space_after=part if last else 0, keep_with_next=True))
    if letter.subject:
        body.append(Block("subject", letter.subject, style="B", space_after=rules.subject_after_pt * PT_MM,
                          keep_with_next=True))
    if letter.vocative:
        body.append(Block("vocative", letter.vocative, first_indent=rules.indent, space_after=part,
                          keep_with_next=True))
    numbers = letter.paragraph_numbers()
    for number, text in zip(numbers, letter.body, strict=True):
        body.append(Block("paragraph", text, "justify", first_indent=rules.indent, number=number,
                          space_after=after))
    if letter.closing:
        body.append(Block("closing", letter.closing, first_indent=rules.indent,
                          space_after=rules.signature_space, keep_with_next=True))
    signature = [line for line in letter.signature if line]
    for index, line in enumerate(signature):
        body.append(Block("signature", line, "center", keep_with_next=index < len(signature) - 1))
    footer = [Block("footer", line, "center", size=rules.footer_pt) for line in letter.footer]
    return head, body, footer


def _split_long(word: str, width: float, style: str, size: float) -> list[str]:
    """A word wider than the line (a long address) is cut where it must be."""
    metric = fonts.metrics(style)
    pieces, current = [], ""
    for char in word:
        if current and metric.width_mm(current + char, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return pieces + [current] if current else pieces


def wrap(block: Block, width: float) -> list[tuple[float, list[tuple[str, float]]]]:
    """The block's lines: (x offset of the line from the margin, [(word, width)])."""
    metric = fonts.metrics(block.style)
    space = metric.width_mm(" ", block.size)
    words: list[str] = []
    for word in block.text.split():
        if metric.width_mm(word, block.size) > width - block.first_indent:
            words.extend(_split_long(word, width - block.first_indent, block.style, block.size))
        else:
            words.append(word)
    lines: list[tuple[float, list[tuple[str, float]]]] = []
    current: list[tuple[str, float]] = []
    used = 0.0
    offset = block.first_indent
    for word in words:
        w = metric.width_mm(word, block.size)
        available = width - offset
        if current and used + space + w > available:
            lines.append((offset, current))
            current, used, offset = [], 0.0, 0.0
        used = used + space + w if current else w
        current.append((word, w))
    if current or not lines:
        lines.append((offset, current))
    return lines


def _place_line(page: Page, line_no: int, block: Block, offset: float, words: list[tuple[str, float]],
                baseline: float, last: bool, rules: PageRules) -> None:
    metric = fonts.metrics(block.style)
    space = metric.width_mm(" ", block.size)
    width = rules.text_width - offset
    natural = sum(w for _, w in words) + space * max(0, len(words) - 1)
    x = rules.left + offset
    gap = space
    if block.align == "center":
        x = rules.left + offset + (width - natural) / 2
    elif block.align == "right":
        x = rules.left + offset + width - natural
    elif block.align == "justify" and not last and len(words) > 1:
        gap = space + (width - natural) / (len(words) - 1)
    for text, w in words:
        page.words.append(Word(x, baseline, text, block.style, block.size, w, line_no))
        x += w + gap


def _picture_size(path: Path, height: float) -> tuple[float, float]:
    from PIL import Image

    with Image.open(path) as image:
        w, h = image.size
    return height * w / h, height


def layout_letter(letter: Letter, rules: PageRules = RULES) -> LetterLayout:
    """The letter's pages with every word in place."""
    head, body, footer = letter_blocks(letter, rules)
    pages = [Page(1)]
    line_no = 0
    page = pages[0]
    # The header area of the first page: emblem on the top margin, letterhead below it.
    y = rules.top
    logo = letter.template.logo
    if logo is not None and letter.template.layout == "oficio":
        w, h = _picture_size(logo, rules.emblem_height)
        # Centred between the margins, like every centred line (and like Word centres it in the DOCX).
        page.pictures.append(Picture(logo, rules.left + (rules.text_width - w) / 2, y, w, h))
        y += h + rules.emblem_gap
    for block in head:
        metric = fonts.metrics(block.style)
        for offset, words in wrap(block, rules.text_width):
            _place_line(page, line_no, block, offset, words, y + metric.ascent_mm(block.size), True, rules)
            line_no += 1
            y += metric.line_height_mm(block.size)
    if head or page.pictures:
        # The identification starts below the header area, and never closer than one empty line to the
        # letterhead (three letterhead lines under the emblem end just inside the 5 cm).
        y = max(rules.header_area, y + rules.part_after_pt * PT_MM)
    limit = rules.height - rules.bottom

    def height_of(block: Block, lines: int | None = None) -> float:
        count = len(wrap(block, rules.text_width))
        return fonts.metrics(block.style).line_height_mm(block.size) * (count if lines is None else min(count, lines))

    for index, block in enumerate(body):
        # A block that must stay with the next ones moves to a new page with them (the closing with the
        # signature, the subject with the vocative and the first lines of the text).
        if index == 0 or not body[index - 1].keep_with_next:
            needed, j = 0.0, index
            while body[j].keep_with_next and j + 1 < len(body):
                needed += height_of(body[j]) + body[j].space_after
                j += 1
            needed += height_of(body[j], 2 if j != index else None)
            top = rules.top if page.number > 1 else rules.header_area
            if y + needed > limit and y > top + 0.1:
                page = Page(page.number + 1)
                pages.append(page)
                y = rules.top
        metric = fonts.metrics(block.style)
        line_h = metric.line_height_mm(block.size)
        lines = wrap(block, rules.text_width)
        for number, (offset, words) in enumerate(lines):
            if y + line_h > limit + 0.01:
                page = Page(page.number + 1)
                pages.append(page)
                y = rules.top
            baseline = y + metric.ascent_mm(block.size)
            if number == 0 and block.number:
                page.words.append(Word(rules.left, baseline, block.number, block.style, block.size,
                                       metric.width_mm(block.number, block.size), line_no))
            _place_line(page, line_no, block, offset, words, baseline, number == len(lines) - 1, rules)
            line_no += 1
            y += line_h
        y += block.space_after
    # Footer: the organisation's lines on the first page, page numbers from the second on, inside the
    # bottom margin.
    if footer:
        metric = fonts.metrics("")
        total = sum(metric.line_height_mm(b.size) * len(wrap(b, rules.text_width)) for b in footer)
        y = rules.height - rules.bottom / 2 - total / 2
        for block in footer:
            for offset, words in wrap(block, rules.text_width):
                _place_line(pages[0], line_no, block, offset, words, y + metric.ascent_mm(block.size), True, rules)
                line_no += 1
                y += metric.line_height_mm(block.size)
    for page in pages[1:]:
        block = Block("page_number", str(page.number), "center", size=rules.page_number_pt)
        metric = fonts.metrics("")
        baseline = rules.height - rules.bottom / 2 + metric.ascent_mm(block.size) / 2
        _place_line(page, line_no, block, 0.0, [(block.text, metric.width_mm(block.text, block.size))], baseline,
                    True, rules)
        line_no += 1
    return LetterLayout(pages, rules)

