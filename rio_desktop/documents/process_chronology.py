"""A process's chronology, read in code: one line per dated document (its date, its kind and title, who
signed or sent it, and what it asks, decides or reports: the summary's point about it, else its first
request), in date order; and its pending deadlines. Every line cites the document and page it comes from."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from rio_desktop.documents.chronology import ChronologyEntry, Citation, Pending, first_request, pending_of
from rio_desktop.documents.received_letter import read_received
from rio_desktop.documents.text_fold import strip_accents

if TYPE_CHECKING:
    from rio_desktop.documents.citations import SummaryPoint
    from rio_desktop.documents.process import CombinedProcess, Process, ProcessDocument


def author_of(document: ProcessDocument) -> str:
    """Who signed the letter or sent the e-mail ("Ana Beatriz de Oliveira, Chefe de Gabinete"), read from
    its signature block or From line as a reply reads it; "" when the document has neither."""
    pages = [(p.number, p.text) for p in document.pages if p.text]
    if not pages:
        return ""
    sender = read_received(pages, "e-mail" if document.kind == "e-mail" else "").sender
    return ", ".join(part for part in (sender.name, sender.office) if part)


def process_chronology(process: Process, combined: CombinedProcess,
                       points: list[SummaryPoint]) -> tuple[list[ChronologyEntry], list[Pending]]:
    """The dated documents in date order, each with who wrote it and what it asks, decides or reports (the
    summary's first point citing it, else its first request), and every deadline the documents set."""
    entries: list[ChronologyEntry] = []
    pending: list[Pending] = []
    for document in process.documents:
        pages = [(p.number, p.text) for p in document.pages if p.text]
        pending += pending_of(document.file, pages, document.date)
        if document.date is None:
            continue
        what, cited = None, []
        for point in points:
            places = [combined.place(n) for n in point.pages]
            here = [page for file, page in places if file == document.file]
            # A point about this document: citing it, and at most one other (a point that cites the whole
            # process says nothing of this document in particular).
            if here and len({file for file, _page in places}) <= 2:
                what, cited = point.text, here
                break
        if what is None:
            for number, text in pages:
                what = first_request(text)
                if what:
                    cited = [number]
                    break
        named = strip_accents(document.kind).lower() in strip_accents(document.title).lower()
        label = document.title if named else f"{document.kind.capitalize()}: {document.title}"
        who = author_of(document)
        label += f" ({who})" if who else ""
        text = f"{label} — {what}" if what and what not in label else label
        entries.append(ChronologyEntry(document.date, text, [Citation(document.file, n) for n in cited or [1]],
                                       who))
    entries.sort(key=lambda e: e.date)
    pending.sort(key=lambda p: (p.deadline is None, p.deadline or datetime.date.max))
    return entries, pending
