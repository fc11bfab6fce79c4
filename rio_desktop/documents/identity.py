"""What a document of a process is, read from its first lines: its title (the identification line of an
official document, "OFÍCIO Nº 312/2026/SME/GAB", or its first heading), its kind (ofício, despacho, parecer…)
and its own date (the place-and-date line of the padrão ofício, else the first full date in the text)."""

from __future__ import annotations

import datetime
import re

from rio_desktop.documents.dates import MONTHS
from rio_desktop.documents.text_fold import strip_accents

# The kinds a clerk meets, as the identification line or the first lines name them (accents folded).
KINDS = {
    "oficio": "ofício", "memorando": "memorando", "despacho": "despacho", "parecer": "parecer",
    "informacao": "informação", "nota tecnica": "nota técnica", "laudo": "laudo", "requerimento": "requerimento",
    "portaria": "portaria", "decreto": "decreto", "resolucao": "resolução", "relatorio": "relatório",
    "ata": "ata", "certidao": "certidão", "notificacao": "notificação", "comunicado": "comunicado",
}
_KIND = re.compile(r"^\s*(" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_MONTH = "(" + "|".join(strip_accents(m) for m in MONTHS) + ")"
# "Rio de Janeiro, 5 de outubro de 2026." / "Brasília, 1º de março de 2026"
_PLACE_DATE = re.compile(r"^[^\d,\n]{2,60},\s*(\d{1,2})\s*(?:º|o|°)?\s+de\s+" + _MONTH + r"\s+de\s+(\d{4})",
                         re.IGNORECASE | re.MULTILINE)
_LONG_DATE = re.compile(r"\b(\d{1,2})\s*(?:º|o|°)?\s+de\s+" + _MONTH + r"\s+de\s+(\d{4})\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
TITLE_CHARS = 120
HEAD_LINES = 15  # the identification line is within the first lines, after the letterhead


def _date(day: str, month: int, year: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), month, int(day))
    except ValueError:
        return None


def _month(name: str) -> int:
    return [strip_accents(m) for m in MONTHS].index(strip_accents(name.lower())) + 1


def document_date(text: str) -> datetime.date | None:
    """The place-and-date line's date, else the first full date ("5 de outubro de 2026", "05/10/2026")."""
    folded = strip_accents(text)
    found = _PLACE_DATE.search(folded)
    if found:
        return _date(found[1], _month(found[2]), found[3])
    candidates = []
    for match in _LONG_DATE.finditer(folded):
        candidates.append((match.start(), _date(match[1], _month(match[2]), match[3])))
    for match in _NUMERIC_DATE.finditer(folded):
        candidates.append((match.start(), _date(match[1], int(match[2]), match[3])))
    dated = [date for _start, date in sorted(candidates, key=lambda c: c[0]) if date is not None]
    return dated[0] if dated else None


def title_and_kind(text: str, fallback_kind: str) -> tuple[str, str]:
    """The identification line and the kind it names, else the first line (as the title) and `fallback_kind`
    (the file's format)."""
    # Markdown's heading marks are not part of a title ("# Resumo").
    lines = [line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip().lstrip("#").strip()]
    for line in lines[:HEAD_LINES]:
        found = _KIND.match(strip_accents(line))
        if found and (len(line) <= TITLE_CHARS) and (re.search(r"\d", line) or line.isupper()):
            return line, KINDS[found[1].lower()]
    for line in lines[:HEAD_LINES]:  # a kind named in a heading without a number ("PARECER JURÍDICO")
        found = _KIND.match(strip_accents(line))
        if found and len(line) <= TITLE_CHARS:
            return line, KINDS[found[1].lower()]
    title = lines[0] if lines else ""
    return (title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"), fallback_kind
