"""Templates of official correspondence (data files) and the letter they make with the clerk's fields
and the model's body.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rio_desktop.documents import letter_rules as rules
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

log = logging.getLogger(__name__)
LAYOUTS = ("oficio", "email")


@dataclass(frozen=True)
class Template:
    id: str
    name: dict[str, str]
    kind: str  # "Ofício", "Memorando", "E-mail"
    layout: str  # "oficio" or "email"
    instructions: str
    letterhead: tuple[str, ...] = ()
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
    return Template(id=str(data["id"]), name=dict(name), kind=str(data["kind"]), layout=layout,
                    instructions=str(data["instructions"]),
                    letterhead=tuple(str(x) for x in data.get("letterhead", [])),
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
                template = _template_from(path, json.loads(path.read_text(encoding="utf-8")))
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
    body: list[str]  # numbered when three or more
    closing: str
    signature: list[str]  # NAME, Office
    footer: list[str]
    file_name: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def as_text(self) -> str:
        blocks = ["\n".join(self.letterhead), self.identification, self.place_date, "\n".join(self.addressing),
                  self.subject, self.vocative, "\n\n".join(self.body), self.closing, "\n".join(self.signature)]
        return "\n\n".join(b for b in blocks if b).strip() + "\n"


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
                                             rules.office_title(signatory.office), *template.letterhead) if n],
                      footer=[], file_name=rules.suggested_file_name("E-mail", fields.number or "s-n", year,
                                                                     fields.subject))
    addressing = [rules.addressing(addressee.treatment, addressee.gender)]
    addressing += [x for x in (" ".join(addressee.name.split()), rules.office_title(addressee.office)) if x]
    addressing += [line.strip() for line in addressee.address if line.strip()]
    return Letter(
        template=template,
        letterhead=list(template.letterhead),
        identification=rules.identification(template.kind, fields.number or "___", year, fields.sectors),
        place_date=rules.format_date(fields.city or "Rio de Janeiro", date),
        addressing=addressing,
        vocative=rules.vocative(addressee.treatment, addressee.gender, addressee.office, addressee.name, heads),
        subject=rules.subject_line(fields.subject) if fields.subject else "",
        body=rules.number_paragraphs(paragraphs),
        closing=rules.closing(fields.relation),
        signature=[rules.signatory_name(signatory.name), rules.office_title(signatory.office)],
        footer=list(template.footer),
        file_name=rules.suggested_file_name(template.kind, fields.number or "s-n", year, fields.subject),
    )


def body_prompt(template: Template, fields: rules.LetterFields, notes: str) -> str:
    """The request for the model: what the letter must say, with the context it needs."""
    addressee = fields.addressee
    lines = [template.instructions, ""]
    if fields.subject:
        lines.append(f"Assunto: {fields.subject}")
    if addressee.office or addressee.name:
        lines.append(f"Destinatário: {' '.join(x for x in (addressee.name, addressee.office) if x)}")
    if fields.references:
        lines.append(f"Referências: {fields.references}")
    lines += ["", "O que a carta deve dizer:", notes.strip()]
    return "\n".join(lines)


SYSTEM_PROMPT = ("Você redige correspondência oficial da Prefeitura da Cidade do Rio de Janeiro, em português "
                 "formal, claro e conciso, segundo o Manual de Redação da Presidência da República.")
REWRITES = {
    "formal": "Reescreva o texto abaixo de forma mais formal, no padrão da correspondência oficial.",
    "shorter": "Reescreva o texto abaixo de forma mais curta, mantendo todas as informações essenciais.",
    "plain": "Reescreva o texto abaixo em linguagem simples: frases curtas, palavras comuns, sem jargão.",
    "grammar": "Corrija a gramática, a ortografia e a pontuação do texto abaixo, sem mudar o sentido.",
}


def rewrite_prompt(kind: str, text: str) -> str:
    return f"{REWRITES[kind]}\n\nTexto:\n{text.strip()}\n\nResponda apenas com o texto reescrito."
