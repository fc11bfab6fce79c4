"""The reply to a received letter: its fields (the addressee is the letter's sender; the form of address and
vocative by the Manual's rules; the subject) and the reference that opens its first paragraph in the Manual's
words, "Em atenção ao Ofício nº 312/2026/SME/GAB, de 5 de outubro de 2026, …": the number and date copied from
the received letter, never invented, and written by code (the model writes only the rest of the body).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from rio_desktop.documents import letter_rules as rules
from rio_desktop.documents.dates import long_date
from rio_desktop.documents.letter import REQUESTS_HEADING
from rio_desktop.documents.received_letter import ReceivedLetter
from rio_desktop.documents.text_fold import strip_accents

SubjectChoice = Literal["reference", "received"]
# Offices the Manual (2.1.3) addresses as Vossa Excelência, when the organisation's table does not say.
EXCELLENCY_OFFICES = ("presidente da republica", "vice-presidente", "ministro", "ministra", "governador",
                      "governadora", "prefeito", "prefeita", "vice-prefeit", "secretario de estado",
                      "secretaria de estado", "secretario municipal", "secretaria municipal", "secretario-executivo",
                      "secretaria-executiva", "senador", "senadora", "deputado", "deputada", "vereador", "vereadora",
                      "juiz", "juiza", "desembargador", "desembargadora", "procurador-geral", "procuradora-geral",
                      "advogado-geral", "advogada-geral", "defensor publico-geral", "defensora publica-geral",
                      "embaixador", "embaixadora", "conselheiro do tribunal", "conselheira do tribunal",
                      "ministro de estado", "comandante", "presidente do tribunal", "presidente da camara",
                      "presidente do senado", "presidente da assembleia")
# Offices whose feminine form ends otherwise than in "-a" (or whose "-a" is not feminine).
_MASCULINE_A = ("papa", "chefe", "agente", "presidente", "gerente", "assistente", "analista", "adjunto")
_REPEATED_REFERENCE = re.compile(
    r"^\s*(em\s+(aten[cç][aã]o|resposta|refer[eê]ncia)\s+(ao|a|à)\s+[^,]{0,120},(\s*de\s+\d{1,2}[^,]{0,40},)?"
    r"(\s*que\s+trata\s+[^,]{0,160},)?)\s*", re.IGNORECASE)


def reply_subject(received: ReceivedLetter, choice: SubjectChoice = "reference") -> str:
    """"Resposta ao Ofício nº 312/2026/SME/GAB" (or "Resposta à mensagem eletrônica de …"), or the received
    letter's own subject when the clerk prefers it (and the letter has one)."""
    if choice == "received" and received.subject:
        return received.subject
    if received.is_email:
        if received.subject:
            return f"Resposta à mensagem eletrônica \"{received.subject}\""
        return "Resposta à mensagem eletrônica" + (f" de {long_date(received.date)}" if received.date else "")
    if received.kind and received.number:
        return f"Resposta ao {received.kind} nº {received.number}"
    return received.subject or "Resposta"


def reference_sentence(received: ReceivedLetter) -> str:
    """The opening of the reply's first paragraph, ending in a comma: "Em atenção ao Ofício nº
    312/2026/SME/GAB, de 5 de outubro de 2026, " or "Em atenção à mensagem eletrônica de 5 de outubro de 2026,
    que trata de <subject>, ". Only what the letter gives: no number, no date, no subject is made up."""
    date = f" de {long_date(received.date)}" if received.date else ""
    if received.is_email:
        about = f", que trata de {_lower_first(received.subject)}" if received.subject else ""
        return f"Em atenção à mensagem eletrônica{date}{about}, "
    kind = received.kind or "Ofício"
    number = f" nº {received.number}" if received.number else ""
    date = f", de {long_date(received.date)}" if received.date else ""
    if not number and not date:
        return f"Em atenção ao {kind.lower()} recebido, "
    return f"Em atenção ao {kind}{number}{date}, "


def _lower_first(text: str, keep_stop: bool = False) -> str:
    text = " ".join(text.split())
    text = text if keep_stop else text.rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def with_reference(body_text: str, received: ReceivedLetter) -> str:
    """The model's body with the reference opening its first paragraph (the model's own reference to the
    letter, if it wrote one, replaced): deterministic, whatever the model wrote."""
    paragraphs = rules.clean_body(body_text)
    reference = reference_sentence(received)
    if not paragraphs:
        return reference.rstrip(", ") + "."
    # A small model may start with a note's list marker ("- Solicito …"): the reference must not run into it.
    first = _REPEATED_REFERENCE.sub("", re.sub(r"^\s*[-–•*]\s+", "", paragraphs[0]), count=1).strip()
    if not first:
        paragraphs[0] = reference.rstrip(", ") + "."
    else:
        paragraphs[0] = reference + _lower_first(first, keep_stop=True) + ("" if first.rstrip()[-1:] in ".!?:" else ".")
    return "\n\n".join(paragraphs)


def reply_notes(received: ReceivedLetter, notes: str, chosen: Sequence[int] | None = None) -> str:
    """The clerk's notes for the body, with the received letter's requests the clerk ticked (by index; None:
    all of them) as what the reply must answer."""
    requests = [r.text for i, r in enumerate(received.requests) if chosen is None or i in set(chosen)]
    parts = [notes.strip()] if notes.strip() else []
    if requests:
        parts.append(REQUESTS_HEADING + "\n" +
                     "\n".join(f"- {text}" for text in requests))
    return "\n\n".join(parts)


def gender_of(office: str, name: str = "") -> rules.Gender:
    """"f" when the office's first word is feminine ("Secretária", "Diretora", "Coordenadora-Geral"), or,
    for an office that does not say ("Presidente", "Chefe"), when the first name ends in "a"."""
    first = strip_accents(office.split()[0].lower()).split("-")[0] if office.split() else ""
    if first and first.endswith("a") and first not in _MASCULINE_A:
        return "f"
    if first and first.endswith(("o", "or", "r")):
        return "m"
    given = strip_accents(name.split()[0].lower()) if name.split() else ""
    return "f" if given.endswith("a") and given not in ("luca", "nicola", "andrea") else "m"


def treatment_of(office: str, forms_folder: Path | None = None) -> rules.Treatment:
    """Vossa Excelência for the offices the Manual names (the organisation's table first), else Vossa
    Senhoria; "particular" for a private citizen (no office)."""
    if not office.strip():
        return "particular"
    if forms_folder is not None:
        from rio_desktop.documents.letter import suggested_treatment

        # The table names offices in the masculine: "Secretária Municipal" is "Secretário Municipal".
        for candidate in (office, _masculine(office)):
            found = suggested_treatment(candidate, forms_folder)
            if found in ("excelencia", "senhoria", "particular"):
                return found  # type: ignore[return-value]
    folded = strip_accents(office.lower())
    return "excelencia" if folded.startswith(EXCELLENCY_OFFICES) else "senhoria"


def _masculine(office: str) -> str:
    words = office.split()
    if not words:
        return office
    first = words[0]
    for feminine, masculine in (("ária", "ário"), ("ora", "or"), ("ra", "ro"), ("a", "o")):
        if first.endswith(feminine):
            return " ".join([first[: -len(feminine)] + masculine, *words[1:]])
    return office


def _repeats(line: str, office: str) -> bool:
    """Whether an organisation line names the unit the office already names ("Secretaria de Educação
    Básica" under "Secretário de Educação Básica")."""
    a, b = strip_accents(line.lower()).split(), strip_accents(office.lower()).split()
    return bool(a and b) and a[1:] == b[1:] and a[0][:6] == b[0][:6]


def reply_fields(received: ReceivedLetter, ours: rules.LetterFields, subject: SubjectChoice = "reference",
                 forms_folder: Path | None = None) -> rules.LetterFields:
    """Our side's fields (number, year, sectors, city, date, signatory) with the addressee, form of address,
    subject and references of the reply. A field our side already holds (an addressee's name, a subject)
    wins: the clerk's word over what was read."""
    sender = received.sender
    office = sender.office
    address = [line for line in sender.organization if not _repeats(line, office)]
    address += [line for line in sender.address if line not in address]
    given = ours.addressee
    name = given.name or sender.name
    office = given.office or office
    addressee = rules.Addressee(
        name=name, office=office,
        treatment=given.treatment if given.name or given.office else treatment_of(office, forms_folder),
        gender=given.gender if given.name or given.office else gender_of(office, name),
        address=list(given.address) or address)
    if received.is_email and not sender.office and not given.office and not given.name:
        addressee.treatment = "particular"
    reference = reference_sentence(received).rstrip(", ").removeprefix("Em atenção ao ").removeprefix(
        "Em atenção à ")
    return replace(ours, addressee=addressee, subject=ours.subject or reply_subject(received, subject),
                   references=ours.references or reference[:1].upper() + reference[1:])
