"""Dates, deadlines and requests read in code from sentences: each sentence that sets a deadline ("no prazo de
trinta dias", "até 4 de novembro de 2026") with the date it falls on, and the sentences that ask for something.
A process's chronology (documents.process_chronology) and a received letter's reading
(documents.received_letter) are made of them."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from rio_desktop.documents.dates import MONTHS
from rio_desktop.documents.text_fold import strip_accents

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÁÉÍÓÚÂÊÔÃÕÇÀ0-9])")
_MONTH = "(" + "|".join(strip_accents(m) for m in MONTHS) + ")"
_UNTIL = re.compile(r"\bate\s+(?:o\s+dia\s+)?(\d{1,2})\s*(?:º|o)?\s+de\s+" + _MONTH + r"\s+de\s+(\d{4})",
                    re.IGNORECASE)
_UNTIL_NUMERIC = re.compile(r"\bate\s+(?:o\s+dia\s+)?(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
_NUMBER_WORDS = {"um": 1, "dois": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8,
                 "nove": 9, "dez": 10, "onze": 11, "doze": 12, "quinze": 15, "vinte": 20, "trinta": 30,
                 "quarenta": 40, "quarenta e cinco": 45, "sessenta": 60, "noventa": 90, "cento e vinte": 120}
# "no prazo de trinta dias", "o prazo para a resposta é de 10 (dez) dias úteis"
_PERIOD = re.compile(r"\bprazo\b[^.;]{0,40}?\bde\s+(\d{1,3}|" +
                     "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) +
                     r")\s*(?:\(\w+\)\s*)?(dias?\s+uteis|dias?|mes(?:es)?)", re.IGNORECASE)
# Sentences that ask for something: the requests a reply must answer.
_REQUEST = re.compile(r"\b(solicit|pe[cç]o|pedimos|requer|encaminhe|envie|informe|apresente|providencie|"
                      r"manifeste|convid|determin|recomend|aguard)", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    file: str
    page: int


@dataclass
class ChronologyEntry:
    date: datetime.date
    text: str
    citations: list[Citation] = field(default_factory=list)
    who: str = ""  # who signed or sent it ("Ana Beatriz de Oliveira, Chefe de Gabinete"), when that is read


@dataclass
class Pending:
    text: str  # the sentence that sets the deadline
    deadline: datetime.date | None
    citations: list[Citation] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def _add_business_days(start: datetime.date, days: int) -> datetime.date:
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def deadline_of(sentence: str, written: datetime.date | None) -> tuple[bool, datetime.date | None]:
    """(whether the sentence sets a deadline, the day it falls on when that can be known): an explicit date
    ("até 4 de novembro de 2026"), or a period counted from the document's date ("no prazo de trinta dias")."""
    folded = strip_accents(sentence)
    found = _UNTIL.search(folded)
    if found:
        month = [strip_accents(m) for m in MONTHS].index(found[2].lower()) + 1
        try:
            return True, datetime.date(int(found[3]), month, int(found[1]))
        except ValueError:
            return True, None
    found = _UNTIL_NUMERIC.search(folded)
    if found:
        try:
            return True, datetime.date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            return True, None
    found = _PERIOD.search(folded)
    if not found:
        return False, None
    amount = int(found[1]) if found[1].isdigit() else _NUMBER_WORDS[found[1].lower()]
    if written is None:
        return True, None
    unit = found[2].lower()
    if unit.startswith("mes"):
        month = written.month - 1 + amount
        year, month = written.year + month // 12, month % 12 + 1
        day = min(written.day, [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
        return True, datetime.date(year, month, day)
    if "uteis" in unit:
        return True, _add_business_days(written, amount)
    return True, written + datetime.timedelta(days=amount)


def first_request(text: str) -> str | None:
    return next((s for s in sentences(text) if _REQUEST.search(s)), None)


def pending_of(file: str, pages: list[tuple[int, str]], written: datetime.date | None) -> list[Pending]:
    """Every sentence of a document that sets a deadline, with the page it is on."""
    found = []
    for number, text in pages:
        for sentence in sentences(text):
            sets, day = deadline_of(sentence, written)
            if sets:
                found.append(Pending(sentence, day, [Citation(file, number)]))
    return found
