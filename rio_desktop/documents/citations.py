"""Page citations in summaries: reading them, checking them against the source, writing them.

A model's citation is a claim, not a fact. Every point's citations are checked against the pages of
the text that produced it; a page outside those is dropped, and a point left without a valid citation
is attributed by word overlap with the source pages (the pages whose wording it shares most).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rio_desktop.documents.text_fold import strip_accents

_PAGE_WORD = r"(?:p|pp|pg|pgs|pág|págs|pag|pags|página|páginas|page|pages)"
# "(p. 12)", "(pp. 12–14)", "(p. 3, 7)", "(págs. 2 e 5)", "(page 4)", "[p. 9]", "(p. 1; p. 5)" ...
CITATION = re.compile(
    rf"[(\[]\s*{_PAGE_WORD}\.?\s*"
    rf"(?P<numbers>\d+(?:\s*(?:[-–—]|,|;|e|and|a|to)\s*(?:{_PAGE_WORD}\.?\s*)?\d+)*)\s*[)\]]",
    re.IGNORECASE,
)
# What is left of a citation the model did not finish ("… ao formato (p." at a cut, "(pp. 3," before a
# new line): never text of the point, or the rendered citation would sit inside it ("(p. (pp. 1, 5)").
_DANGLING_CITATION = re.compile(rf"[(\[]\s*{_PAGE_WORD}\.?\s*[\d\s,;–—-]*(?:[)\]]|$)", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)\s*(?:[-–—]|a|to)\s*(\d+)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\w+", re.UNICODE)
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[-*•‣–]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÂÊÔÃÕÇÀ\"“])")
MAX_RANGE = 50  # a cited range longer than this is a hallucinated span, not a citation

_STOPWORDS = frozenset([
    "a", "o", "as", "os", "um", "uma", "uns", "umas", "de", "do", "da", "dos", "das", "em", "no", "na", "nos",
    "nas", "por", "para", "com", "sem", "sob", "sobre", "entre", "e", "ou", "que", "se", "ao", "aos", "à",
    "às", "pelo", "pela", "pelos", "pelas", "este", "esta", "estes", "estas", "esse", "essa", "isso", "isto",
    "aquele", "aquela", "foi", "foram", "ser", "são", "está", "estão", "tem", "têm", "mais", "menos", "muito",
    "muita", "como", "quando", "onde", "qual", "quais", "seu", "sua", "seus", "suas", "ele", "ela", "eles",
    "elas", "também", "já", "não", "sim", "the", "of", "and", "to", "in", "on", "for", "with", "by", "from",
    "at", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those", "it", "its", "an", "or",
    "as", "not", "but", "have", "has", "had", "will", "would", "can", "could", "page", "página", "pages",
    "páginas",
])


# How a page (its position in the file, 1-based) is called in a citation: PdfText.label, for PDFs that
# print their own page numbers.
PageLabel = Callable[[int], str]


@dataclass
class SummaryPoint:
    text: str  # without citations
    pages: list[int] = field(default_factory=list)
    heading: str | None = None  # the section it belongs to (detailed style)

    def render(self, label: PageLabel | None = None) -> str:
        return f"{self.text} {format_citation(self.pages, label)}".strip()


def cited_pages(text: str) -> list[int]:
    pages: list[int] = []
    for match in CITATION.finditer(text):
        numbers = match.group("numbers")
        for start, end in _RANGE.findall(numbers):
            low, high = sorted((int(start), int(end)))
            if high - low <= MAX_RANGE:
                pages.extend(range(low, high + 1))
        for number in _NUMBER.findall(_RANGE.sub(" ", numbers)):
            pages.append(int(number))
    return sorted(set(pages))


def strip_citations(text: str) -> str:
    text = CITATION.sub("", text)
    text = _DANGLING_CITATION.sub("", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def page_spans(pages: Iterable[int]) -> list[tuple[int, int]]:
    """Cited pages as spans: three or more pages in a row are one span (12–14); two in a row stay two
    pages (6, 7), as the window and every export write them."""
    numbers = sorted(set(pages))
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    spans: list[tuple[int, int]] = []
    for run in runs:
        if len(run) >= 3:
            spans.append((run[0], run[-1]))
        else:
            spans.extend((n, n) for n in run)
    return spans


def format_span(first: int, last: int, label: PageLabel | None = None) -> str:
    name = label or str
    return name(first) if first == last else f"{name(first)}–{name(last)}"


def format_citation(pages: Iterable[int], label: PageLabel | None = None) -> str:
    """"(p. 12)", "(pp. 6, 7)", "(pp. 3, 12–14)": the one citation format of summaries and answers; with
    `label`, the printed numbers of those pages ("(pp. ii–1)")."""
    spans = page_spans(pages)
    if not spans:
        return ""
    prefix = "p." if len(spans) == 1 and spans[0][0] == spans[0][1] else "pp."
    return f"({prefix} {', '.join(format_span(a, b, label) for a, b in spans)})"


def content_words(text: str) -> set[str]:
    """Lower-case words without accents, stop words and one- or two-letter words; numbers kept."""
    folded = strip_accents(text.lower())
    return {w for w in _WORD.findall(folded) if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()} | \
        {w for w in _WORD.findall(folded) if w.isdigit() and len(w) > 1}


class PageIndex:
    """Words per source page, to attribute a point to the pages it draws on."""

    def __init__(self, pages: Sequence[tuple[int, str]]) -> None:
        self.words: dict[int, set[str]] = {}
        for number, text in pages:
            self.words.setdefault(number, set()).update(content_words(text))

    def attribute(self, text: str, allowed: set[int]) -> list[int]:
        """The allowed pages sharing the most words with `text` (close seconds included)."""
        point = content_words(text)
        if not point:
            return []
        scores = {n: len(point & self.words.get(n, set())) for n in allowed}
        best = max(scores.values(), default=0)
        if best == 0:
            return []
        return sorted(n for n, score in scores.items() if score >= max(1, best * 0.8))


@dataclass
class CitationCheck:
    kept: int = 0  # points whose citations were all valid
    corrected: int = 0  # points with an invalid or missing citation, attributed from the source
    dropped_citations: int = 0  # cited pages outside the source, removed


def check_point(raw: str, allowed: set[int], index: PageIndex, check: CitationCheck,
                heading: str | None = None, cite_all_when_unsupported: bool = True) -> SummaryPoint | None:
    """One point with its citations made true to `allowed`; None for an empty point. A point that shares
    no words with any allowed page cites them all (a summary speaks of its whole source), or none when
    `cite_all_when_unsupported` is false (an answer's sentence is then shown as uncited)."""
    text = strip_citations(raw)
    if len(_LETTER_WORD.findall(text)) < 2:  # a stray number or symbol is not a point
        return None
    cited = cited_pages(raw)
    valid = [p for p in cited if p in allowed]
    if not cite_all_when_unsupported:
        # An answer's sentence keeps only the cited pages that hold one of its words: a cut-off fragment
        # citing every page it was given ("Não deve ser mais (pp. 1–5)") does not come from them all.
        words = content_words(text)
        valid = [p for p in valid if words & index.words.get(p, set())]
    check.dropped_citations += len(cited) - len(valid)
    if valid and len(valid) == len(cited):
        check.kept += 1
        return SummaryPoint(text, valid, heading)
    check.corrected += 1
    pages = valid or index.attribute(text, allowed)
    if not pages and cite_all_when_unsupported:
        # Nothing in the source supports a page: cite the whole source, never a page outside it.
        pages = sorted(allowed)
    return SummaryPoint(text, pages, heading)


def split_points(text: str, paragraph_as_sentences: bool) -> list[tuple[str | None, str]]:
    """(heading, raw point) pairs: bullet lines, or sentences of running text."""
    points: list[tuple[str | None, str]] = []
    heading: str | None = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            parts = _SENTENCE_END.split(joined) if paragraph_as_sentences else [joined]
            points.extend((heading, part) for part in parts if part.strip())
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        heading_match = _HEADING.match(stripped)
        if heading_match:
            flush()
            heading = strip_citations(heading_match.group("title")).strip("*: ")
            continue
        if _BULLET.match(stripped):
            flush()
            points.append((heading, _BULLET.sub("", stripped)))
            continue
        # A citation alone on a line belongs to the previous point.
        if CITATION.fullmatch(stripped) and points and not paragraph:
            last_heading, last = points[-1]
            points[-1] = (last_heading, f"{last} {stripped}")
            continue
        paragraph.append(stripped)
    flush()
    return points


# Two points whose content words overlap this much (Jaccard) say the same thing.
SAME_POINT = 0.8


def merge_repeated(points: Sequence[SummaryPoint]) -> list[SummaryPoint]:
    """Identical or near-identical points merged into the first, their citations united. A small
    model repeats a bullet; a map-reduce repeats a fact found in several chunks."""
    merged: list[SummaryPoint] = []
    words: list[set[str]] = []
    for point in points:
        these = content_words(point.text)
        for index, kept in enumerate(merged):
            ours = words[index]
            same_text = " ".join(point.text.casefold().split()) == " ".join(kept.text.casefold().split())
            if same_text or (these and ours and len(these & ours) / len(these | ours) >= SAME_POINT):
                merged[index] = SummaryPoint(kept.text, sorted(set(kept.pages) | set(point.pages)), kept.heading)
                break
        else:
            merged.append(point)
            words.append(these)
    return merged
