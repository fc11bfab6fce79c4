"""Where a received document has no letter structure (a free-form letter, a note, a citizen's message), the
model is asked who wrote it and what about; its answer is kept only where it points at the document's own
words, and every value kept is marked as a guess for the clerk to check.

The model never invents a name here: a sender's name, office or organization is accepted only if it is
written in the document (compared without accents, case or line breaks); a subject only if most of its
words are. An echo of our own prompt ("<nome de quem assina>") is never in the document, so it is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rio_desktop.documents.received_letter import ReceivedLetter, Sender
from rio_desktop.documents.text_fold import strip_accents
from rio_desktop.engine.backend import ChatMessage

# How much of the document the model reads: the sender and subject sit at its start and end.
HEAD_CHARS = 2500
TAIL_CHARS = 1000
SYSTEM = "Você lê documentos recebidos por um órgão público e responde apenas com o que está escrito neles."
LABELS = {"name": "Remetente", "office": "Cargo", "organization": "Órgão", "subject": "Assunto"}
QUESTION = ("Responda em quatro linhas, copiando as palavras do documento; deixe vazio o que ele não diz.\n"
            "Remetente: nome de quem assina ou envia\nCargo: cargo de quem assina\n"
            "Órgão: órgão ou empresa de quem assina\nAssunto: o assunto em poucas palavras")
DOCUMENT_HEADING = "Documento:"


@dataclass
class Guess:
    """What the model's answer gave that the document bears out, by field ("name", "office",
    "organization", "subject")."""

    values: dict[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        return list(self.values)


def excerpt(pages: list[tuple[int, str]]) -> str:
    text = "\n".join(t for _n, t in pages).strip()
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n[…]\n" + text[-TAIL_CHARS:]


def guess_messages(pages: list[tuple[int, str]]) -> list[ChatMessage]:
    return [ChatMessage("system", SYSTEM),
            ChatMessage("user", f"{DOCUMENT_HEADING}\n{excerpt(pages)}\n\n{QUESTION}")]


def _folded(text: str) -> str:
    return " ".join(strip_accents(text).lower().split())


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", _folded(text)) if len(w) > 2]


def read_guess(answer: str, pages: list[tuple[int, str]]) -> Guess:
    """The model's answer, each value kept only where the document bears it out."""
    document = _folded("\n".join(t for _n, t in pages))
    words = set(_words(document))
    found: dict[str, str] = {}
    for key, label in LABELS.items():
        match = re.search(rf"^\W*{label}\s*:\s*(.+)$", answer, re.MULTILINE | re.IGNORECASE)
        if match is None:
            continue
        value = match.group(1).strip().strip("\"'*.;[]<>").strip()
        if len(value) < 3 or len(value) > 160 or value.lower() in ("vazio", "não informado", "nenhum"):
            continue
        if key == "subject":
            mine = _words(value)
            if mine and sum(w in words for w in mine) / len(mine) >= 0.7:
                found[key] = value
        elif _folded(value) in document:
            found[key] = value
    return Guess(found)


def apply_guess(received: ReceivedLetter, guess: Guess) -> ReceivedLetter:
    """The letter as read, with the guessed values where the reading found none."""
    sender = received.sender
    values = guess.values
    kept = {k: v for k, v in values.items()
            if not {"name": sender.name, "office": sender.office, "organization": " ".join(sender.organization),
                    "subject": received.subject}[k]}
    new_sender = Sender(name=kept.get("name", sender.name), office=kept.get("office", sender.office),
                        organization=[kept["organization"]] if "organization" in kept else list(sender.organization),
                        address=list(sender.address))
    guess.values = kept
    return replace(received, sender=new_sender, subject=kept.get("subject", received.subject))


def needs_guess(received: ReceivedLetter) -> bool:
    """A document whose structure did not give its sender or subject (and that has words to guess from)."""
    return bool(received.paragraphs or received.problems) and (not received.sender.name or not received.subject)


__all__ = ["Guess", "apply_guess", "guess_messages", "needs_guess", "read_guess"]
