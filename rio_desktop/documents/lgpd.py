"""Personal data covered by the LGPD (Lei 13.709/2018), found before a document leaves the computer for
the organisation's server, and replaced by placeholders that are put back in the answer.

CPF and CNPJ are recognised only with valid check digits, so that other numbers of the same shape (a
process number, a phone) are not taken for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rio_desktop.documents.pdf_text import PdfText

KINDS = ("CPF", "CNPJ", "RG", "EMAIL", "TELEFONE", "CEP")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def valid_cpf(text: str) -> bool:
    digits = _digits(text)
    if len(digits) != 11 or digits == digits[0] * 11:
        return False
    numbers = [int(d) for d in digits]
    for size in (9, 10):
        total = sum(n * w for n, w in zip(numbers[:size], range(size + 1, 1, -1), strict=False))
        check = (total * 10) % 11 % 10
        if check != numbers[size]:
            return False
    return True


def valid_cnpj(text: str) -> bool:
    digits = _digits(text)
    if len(digits) != 14 or digits == digits[0] * 14:
        return False
    numbers = [int(d) for d in digits]
    for size, weights in ((12, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]), (13, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])):
        remainder = sum(n * w for n, w in zip(numbers[:size], weights, strict=True)) % 11
        if numbers[size] != (0 if remainder < 2 else 11 - remainder):
            return False
    return True


_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[str], bool] | None]] = [
    ("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), None),
    ("CNPJ", re.compile(r"(?<![\d.])\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}(?![\d])"), valid_cnpj),
    ("CPF", re.compile(r"(?<![\d.])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d])"), valid_cpf),
    ("RG", re.compile(r"\b(?:RG|R\.G\.|identidade)\s*(?:n[º°o.]*\s*)?[:]?\s*(\d{1,2}\.?\d{3}\.?\d{3}-?[\dXx])\b",
                      re.IGNORECASE), None),
    ("TELEFONE", re.compile(r"(?<![\w])(?:\+55\s?)?(?:\(?\d{2}\)?\s?)?(?:9\s?\d{4}|\d{4})[-\s]?\d{4}(?![\d])"), None),
    ("CEP", re.compile(r"(?<![\d.])\d{2}\.?\d{3}-\d{3}(?![\d])"), None),
]


@dataclass
class Finding:
    kind: str
    text: str
    start: int
    end: int


@dataclass
class Redaction:
    """The text with placeholders, and what each placeholder stands for."""

    text: str
    originals: dict[str, str] = field(default_factory=dict)  # "[CPF_1]" -> "123.456.789-09"

    def restore(self, answer: str) -> str:
        """Put the originals back into the server's answer."""
        for placeholder, original in sorted(self.originals.items(), key=lambda kv: -len(kv[0])):
            answer = answer.replace(placeholder, original)
        return answer

    def restore_points(self, points: Iterable[Any]) -> None:
        """Put the originals back into each point's text (summary points, an answer's points)."""
        for point in points:
            point.text = self.restore(point.text)


def find(text: str) -> list[Finding]:
    """Personal data in `text`, without overlaps (an e-mail's digits are not a phone)."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, check in _PATTERNS:
        for match in pattern.finditer(text):
            group = 1 if kind == "RG" else 0
            start, end = match.span(group)
            value = match.group(group)
            if check is not None and not check(value):
                continue
            if kind == "TELEFONE" and len(_digits(value)) < 8:
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Finding(kind, value, start, end))
    return sorted(found, key=lambda f: f.start)


def redact(text: str, findings: list[Finding] | None = None) -> Redaction:
    """Replace each finding by a placeholder; the same value gets the same placeholder everywhere."""
    findings = find(text) if findings is None else findings
    redaction = Redaction(text="")
    by_value: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    parts, position = [], 0
    for finding in findings:
        key = (finding.kind, finding.text)
        if key not in by_value:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
            by_value[key] = f"[{finding.kind}_{counts[finding.kind]}]"
            redaction.originals[by_value[key]] = finding.text
        parts.append(text[position:finding.start])
        parts.append(by_value[key])
        position = finding.end
    parts.append(text[position:])
    redaction.text = "".join(parts)
    return redaction


_SEPARATOR = "\n\x00\x00\n"  # matched by no pattern: keeps the pages apart through one redaction


def redact_all(texts: list[str]) -> tuple[list[str], Redaction]:
    """Redact several texts (the pages of a document) with one numbering of placeholders."""
    redaction = redact(_SEPARATOR.join(texts))
    return redaction.text.split(_SEPARATOR), redaction


def redact_document(document: PdfText) -> tuple[PdfText, Redaction]:
    """The document with its pages' personal data replaced by placeholders, numbered across the pages."""
    texts, redaction = redact_all([p.text for p in document.pages])
    pages = [replace(page, text=text) for page, text in zip(document.pages, texts, strict=True)]
    return replace(document, pages=pages), redaction


def summary_of(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    return counts
