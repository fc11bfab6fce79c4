"""Templates of official correspondence (data files) and the letter they make with the clerk's fields
and the model's body.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rio_desktop.documents import letter_rules as rules
from rio_desktop.documents.echo import EchoFilter, without_reasoning
from rio_desktop.engine.backend import ChatMessage, GenerationParams
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.text_files import read_text_guess

log = logging.getLogger(__name__)
LAYOUTS = ("oficio", "email")


@dataclass(frozen=True)
class Template:
    id: str
    name: dict[str, str]
    kind: str  # "Ofício", "Memorando", "E-mail"
    layout: str  # "oficio" or "email"
    instructions: str
    letterhead: tuple[str, ...] = ()  # the organ and secretariat; the department line is the clerk's field
    letterhead_case: str = "as_written"  # or "upper": the letterhead in capitals
    footer: tuple[str, ...] = ()
    logo: Path | None = None
    forwarding: bool = False
    default_treatment: str = "senhoria"
    default_relation: str = "same"
    source: Path | None = None

    def title(self, language: str = "pt-BR") -> str:
        return self.name.get(language) or self.name.get("pt-BR") or self.id


def _template_from(path: Path, data: Any) -> Template:
    if not isinstance(data, dict):
        raise ValueError("the file must hold one JSON object")
    missing = [key for key in ("id", "name", "kind", "instructions") if not data.get(key)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    name = data["name"]
    if isinstance(name, str):
        name = {"pt-BR": name}
    layout = data.get("layout", "oficio")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    logo = data.get("logo")
    logo_path = (path.parent / logo) if logo else None
    if logo_path is not None and not logo_path.is_file():
        raise ValueError(f"the logo {logo} is not in {path.parent}")
    case = str(data.get("letterhead_case", "as_written"))
    if case not in ("as_written", "upper"):
        raise ValueError(f"letterhead_case must be as_written or upper, not {case!r}")
    return Template(id=str(data["id"]), name=dict(name), kind=str(data["kind"]), layout=layout,
                    instructions=str(data["instructions"]),
                    letterhead=tuple(str(x) for x in data.get("letterhead", [])), letterhead_case=case,
                    footer=tuple(str(x) for x in data.get("footer", [])), logo=logo_path,
                    forwarding=bool(data.get("forwarding", False)),
                    default_treatment=str(data.get("default_treatment", "senhoria")),
                    default_relation=str(data.get("default_relation", "same")), source=path)


def load_templates(*folders: Path | None) -> tuple[list[Template], list[Message]]:
    """Every template in `folders` (later folders override earlier ones by id). A broken file gives a
    message naming the file and the problem; the others still load."""
    found: dict[str, Template] = {}
    problems: list[Message] = []
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            if path.name == "forms_of_address.json":
                continue
            try:
                # An organisation's templates are written by hand, often in Notepad (ANSI, or a BOM).
                template = _template_from(path, json.loads(read_text_guess(path)))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
                log.warning("template %s unusable: %s", path, exc)
                problems.append(Message(QT_TRANSLATE_NOOP(
                    "Core", "The template {name} could not be used: {problem}. The other templates are "
                            "available."), name=str(path), problem=str(exc)))
                continue
            found[template.id] = template
    return list(found.values()), problems


def heads_of_powers(folder: Path) -> tuple[str, ...]:
    try:
        data = json.loads((folder / "forms_of_address.json").read_text(encoding="utf-8"))
        return tuple(data.get("heads_of_powers", rules.HEADS_OF_POWERS))
    except (OSError, ValueError):
        return rules.HEADS_OF_POWERS


def suggested_treatment(office: str, folder: Path) -> str | None:
    """The form of address the table gives for an office ("Secretário Municipal de Fazenda" ->
    "excelencia"), or None."""
    try:
        data = json.loads((folder / "forms_of_address.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lowered = office.lower()
    best = None
    for entry in data.get("offices", []):
        key = str(entry.get("office", "")).lower()
        if key and lowered.startswith(key) and (best is None or len(key) > len(best[0])):
            best = (key, entry.get("treatment"))
    return best[1] if best else None


@dataclass
class Letter:
    """Every part of the document, in order; only `body` comes from the model (cleaned)."""

    template: Template
    letterhead: list[str]
    identification: str
    place_date: str
    addressing: list[str]  # "A Sua Excelência o Senhor", name, office, address lines
    vocative: str
    subject: str
    body: list[str]  # paragraphs, without numbers (paragraph_numbers gives them)
    closing: str
    signature: list[str]  # NAME, Office
    footer: list[str]
    file_name: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def paragraph_numbers(self) -> list[str]:
        """"1", "2", ... (no full stop, the Manual's form) when the body has three paragraphs or more."""
        if self.template.layout == "email":
            return [""] * len(self.body)
        return rules.paragraph_numbers(len(self.body))

    def numbered_body(self) -> list[str]:
        return [f"{n}\t{p}" if n else p for n, p in zip(self.paragraph_numbers(), self.body, strict=True)]

    def as_text(self) -> str:
        blocks = ["\n".join(self.letterhead), self.identification, self.place_date, "\n".join(self.addressing),
                  self.subject, self.vocative, "\n\n".join(self.numbered_body()), self.closing,
                  "\n".join(self.signature)]
        return "\n\n".join(b for b in blocks if b).strip() + "\n"

    def file_name_for(self, suffix: str) -> str:
        """The suggested file name with the output's extension (".pdf", ".docx")."""
        return self.file_name.rsplit(".", 1)[0] + suffix


def letterhead(template: Template, fields: rules.LetterFields) -> list[str]:
    """The organ and secretariat from the template, then the clerk's department line."""
    lines = [*template.letterhead, " ".join(fields.department.split())]
    lines = [line for line in lines if line]
    return [line.upper() for line in lines] if template.letterhead_case == "upper" else lines


def compose(template: Template, fields: rules.LetterFields, body_text: str,
            heads: tuple[str, ...] = rules.HEADS_OF_POWERS) -> Letter:
    """The letter: formal parts by code from the fields, the body from the model's text, cleaned of any
    vocative, closing or signature it wrote itself."""
    addressee, signatory = fields.addressee, fields.signatory
    date = fields.letter_date()
    year = fields.year or date.year
    paragraphs = rules.clean_body(body_text)
    if template.layout == "email":
        vocative = rules.vocative(addressee.treatment, addressee.gender, addressee.office, addressee.name, heads)
        return Letter(template=template, letterhead=[], identification="", place_date="", addressing=[],
                      vocative=vocative, subject=rules.subject_line(fields.subject) if fields.subject else "",
                      body=paragraphs, closing=rules.closing(fields.relation),
                      signature=[n for n in (" ".join(signatory.name.split()),
                                             rules.office_title(signatory.office), *letterhead(template, fields))
                                 if n],
                      footer=[], file_name=rules.suggested_file_name("E-mail", fields.number or "s-n", year,
                                                                     fields.subject))
    addressing = [rules.addressing(addressee.treatment, addressee.gender)]
    addressing += [x for x in (" ".join(addressee.name.split()), rules.office_title(addressee.office)) if x]
    addressing += [line.strip() for line in addressee.address if line.strip()]
    return Letter(
        template=template,
        letterhead=letterhead(template, fields),
        identification=rules.identification(template.kind, fields.number or "___", year, fields.sectors),
        place_date=rules.format_date(fields.city or "Rio de Janeiro", date),
        addressing=addressing,
        vocative=rules.vocative(addressee.treatment, addressee.gender, addressee.office, addressee.name, heads),
        subject=rules.subject_line(fields.subject) if fields.subject else "",
        body=paragraphs,
        closing=rules.closing(fields.relation),
        signature=[rules.signatory_name(signatory.name), rules.office_title(signatory.office)],
        footer=list(template.footer),
        file_name=rules.suggested_file_name(template.kind, fields.number or "s-n", year, fields.subject),
    )


# The labels of the body prompt; the echo filter knows them too.
SUBJECT_LABEL = "Assunto: {subject}"
ADDRESSEE_LABEL = "Destinatário: {addressee}"
REFERENCES_LABEL = "Referências: {references}"
NOTES_HEADING = "O que a carta deve dizer:"
# Heads the requests of a received letter the clerk ticked, in the notes of a reply (documents.reply).
REQUESTS_HEADING = "Pedidos do documento recebido a que a resposta deve atender:"
REWRITE_LABEL = "Texto:"
REWRITE_END = "Responda apenas com o texto reescrito."
SYSTEM_PROMPT = ("Você redige correspondência oficial da Prefeitura da Cidade do Rio de Janeiro, em português "
                 "formal, claro e conciso, segundo o Manual de Redação da Presidência da República.")
REWRITES = {
    "formal": "Reescreva o texto abaixo de forma mais formal, no padrão da correspondência oficial.",
    "shorter": "Reescreva o texto abaixo de forma mais curta, mantendo todas as informações essenciais.",
    "plain": "Reescreva o texto abaixo em linguagem simples: frases curtas, palavras comuns, sem jargão.",
    "grammar": "Corrija a gramática, a ortografia e a pontuação do texto abaixo, sem mudar o sentido.",
}
BODY_PARAMS = GenerationParams(max_tokens=700, temperature=0.3)
REWRITE_PARAMS = GenerationParams(max_tokens=600, temperature=0.3)


def body_prompt(template: Template, fields: rules.LetterFields, notes: str) -> str:
    """The request for the model: what the letter must say, with the context it needs."""
    addressee = fields.addressee
    lines = [template.instructions, ""]
    if fields.subject:
        lines.append(SUBJECT_LABEL.format(subject=fields.subject))
    if addressee.office or addressee.name:
        lines.append(ADDRESSEE_LABEL.format(addressee=" ".join(x for x in (addressee.name, addressee.office) if x)))
    if fields.references:
        lines.append(REFERENCES_LABEL.format(references=fields.references))
    lines += ["", NOTES_HEADING, notes.strip()]
    return "\n".join(lines)


def _echo_filter(template: Template | None = None) -> EchoFilter:
    texts = [SYSTEM_PROMPT, SUBJECT_LABEL, ADDRESSEE_LABEL, REFERENCES_LABEL, NOTES_HEADING, REQUESTS_HEADING,
             REWRITE_LABEL, REWRITE_END, *REWRITES.values()]
    return EchoFilter.of([*texts, template.instructions] if template else texts)


@dataclass(frozen=True)
class ModelRequest:
    """What is sent to the model for a letter (messages, parameters) and how its answer is cleaned: the
    one definition used by the window and the command line."""

    messages: tuple[ChatMessage, ...]
    params: GenerationParams
    echo: EchoFilter
    one_paragraph: bool = False
    notes: str = ""  # the clerk's words, which the answer may repeat

    def clean(self, text: str, reasoning: str = "") -> str:
        """The model's answer without any words of our prompts or of its own reasoning (a small model may
        write its reasoning again after the engine closed it); a rewrite of one paragraph stays one."""
        cleaned = self.echo.clean(without_reasoning(text, reasoning, self.notes))
        if self.one_paragraph:
            return " ".join(cleaned.split())
        return cleaned


def body_request(template: Template, fields: rules.LetterFields, notes: str) -> ModelRequest:
    return ModelRequest((ChatMessage("system", SYSTEM_PROMPT),
                         ChatMessage("user", body_prompt(template, fields, notes))), BODY_PARAMS,
                        _echo_filter(template), notes=notes)


def rewrite_prompt(kind: str, text: str) -> str:
    return f"{REWRITES[kind]}\n\n{REWRITE_LABEL}\n{text.strip()}\n\n{REWRITE_END}"


def rewrite_request(kind: str, paragraph: str) -> ModelRequest:
    """One paragraph to rewrite: the answer is one paragraph too, so the letter keeps its paragraphs."""
    return ModelRequest((ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", rewrite_prompt(kind, paragraph))),
                        REWRITE_PARAMS, _echo_filter(), one_paragraph=True, notes=paragraph)


@dataclass(frozen=True)
class RewritePlan:
    """A selection cut into its paragraphs (each rewritten alone) and the breaks between them."""

    pieces: tuple[str, ...]  # even indexes: text to rewrite (may be blank); odd: the breaks, kept as they are

    @classmethod
    def of(cls, text: str) -> RewritePlan:
        return cls(tuple(re.split(r"(\n\s*)", text)))

    def paragraphs(self) -> list[str]:
        return [p for i, p in enumerate(self.pieces) if i % 2 == 0 and p.strip()]

    def assemble(self, rewritten: Sequence[str]) -> str:
        """The selection with each paragraph replaced by its rewrite (an empty answer keeps the original)."""
        answers = iter(rewritten)
        out = []
        for index, piece in enumerate(self.pieces):
            if index % 2 == 0 and piece.strip():
                answer = next(answers, "").strip()
                lead = piece[:len(piece) - len(piece.lstrip())]
                out.append(lead + answer if answer else piece)
            else:
                out.append(piece)
        return "".join(out)
