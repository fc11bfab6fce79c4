"""The formal parts of official correspondence, by the rules of the Manual de Redação da Presidência da
República (3rd ed., 2018, "padrão ofício"). Everything here is deterministic: the model writes only the
body, and nothing it writes can change these parts.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rio_desktop.documents.dates import long_date

Treatment = Literal["excelencia", "senhoria", "particular"]
Gender = Literal["m", "f"]
Relation = Literal["higher", "same", "lower"]

# Words kept in lower case inside an office's name ("Coordenador-Geral de Gestão de Pessoas").
LOWER_WORDS = frozenset({"a", "à", "ao", "aos", "as", "às", "com", "da", "das", "de", "do", "dos", "e", "em",
                         "na", "nas", "no", "nos", "o", "os", "ou", "para", "pela", "pelas", "pelo", "pelos",
                         "por", "sem", "sob", "sobre"})
ACTING = ("interino", "interina", "substituto", "substituta")
# Heads of the Powers are addressed "Excelentíssimo Senhor ..." (Manual, 2.1.3); everyone else treated
# as Vossa Excelência by "Senhor/Senhora + office". An organisation extends this list as data.
HEADS_OF_POWERS = ("Presidente da República", "Presidente do Congresso Nacional",
                   "Presidente do Supremo Tribunal Federal")
# Openings the Manual abolished, and closings/greetings a model might add to the body on its own.
_MODEL_CLOSINGS = re.compile(
    r"^\s*(atenciosamente|respeitosamente|cordialmente|saudações|sem mais para o momento|"
    r"att\.?|grato|grata)\b.*$", re.IGNORECASE)
_VOCATIVE_LINE = re.compile(
    r"^\s*(excelentíssim[oa]|senhora?|prezad[oa]|ilustríssim[oa]|digníssim[oa])\b[^.]{0,80},\s*$", re.IGNORECASE)
# A paragraph's own numbering, or a list marker a model writes ("- Solicito…", "• …"): the Manual's body
# paragraphs carry neither (paragraph_numbers sets the numbers at the margin).
_NUMBERED = re.compile(r"^\s*(?:\d+(?:[.)]\s+|\t\s*)|[-–•*]\s+)")


def format_date(city: str, date: datetime.date) -> str:
    """`Rio de Janeiro, 1º de dezembro de 2026.`: no state, ordinal on the 1st, month in lower case."""
    return f"{city.strip()}, {long_date(date)}."


def identification(kind: str, number: int | str, year: int, sectors: Sequence[str]) -> str:
    """`OFÍCIO Nº 652/2026/CGP/SMF`: sectors from the smallest to the largest."""
    parts = [str(number).strip(), str(year), *(s.strip().upper() for s in sectors if s.strip())]
    return f"{kind.strip().upper()} Nº {'/'.join(parts)}"


def addressing(treatment: Treatment, gender: Gender) -> str:
    if treatment == "excelencia":
        return "A Sua Excelência a Senhora" if gender == "f" else "A Sua Excelência o Senhor"
    return "À Senhora" if gender == "f" else "Ao Senhor"


def vocative(treatment: Treatment, gender: Gender, office: str = "", name: str = "",
             heads_of_powers: Sequence[str] = HEADS_OF_POWERS) -> str:
    """"Excelentíssimo Senhor Presidente da República," only for heads of Powers; "Senhor Secretário,"
    by office otherwise; a private citizen by name ("Senhora Maria Souza,") or "Prezado Senhor,"."""
    title = "Senhora" if gender == "f" else "Senhor"
    office = office_title(office, acting=False) if office else ""
    if treatment == "excelencia" and office in heads_of_powers:
        return f"{'Excelentíssima' if gender == 'f' else 'Excelentíssimo'} {title} {office},"
    if treatment == "particular" or not office:
        if name.strip():
            return f"{title} {name.strip()},"
        return "Prezada Senhora," if gender == "f" else "Prezado Senhor,"
    # The Manual's form names the office's title only: "Senhor Secretário,", "Senhora Diretora,",
    # "Senhor Coordenador-Geral," (not "Senhor Secretário Municipal de Fazenda,").
    return f"{title} {office.split()[0]},"


def closing(relation: Relation) -> str:
    """"Respeitosamente," to a higher authority; "Atenciosamente," in every other case."""
    return "Respeitosamente," if relation == "higher" else "Atenciosamente,"


def office_title(office: str, acting: bool = True) -> str:
    """Initial capitals, prepositions in lower case, hyphenated parts capitalised
    ("coordenador-geral de gestão de pessoas" -> "Coordenador-Geral de Gestão de Pessoas"), and
    "interino"/"substituto" in lower case after the office."""
    words = office.split()
    out: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index > 0 and (lower in LOWER_WORDS or (acting and lower.strip(",") in ACTING)):
            out.append(lower)
        elif word.isupper() and len(word) <= 6 and index > 0:
            out.append(word)  # an acronym (SMF, CGP)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def signatory_name(name: str) -> str:
    """The signatory's name in capitals (not bold: that is the exporter's business)."""
    return " ".join(name.split()).upper()


def paragraph_numbers(count: int) -> list[str]:
    """"1", "2", ... without a full stop (set at the margin, the text 2.5 cm in), only when there are three
    paragraphs or more; never the vocative or the closing."""
    if count < 3:
        return [""] * count
    return [str(n) for n in range(1, count + 1)]


def clean_body(text: str, extra_closings: Sequence[str] = ()) -> list[str]:
    """The model's body as paragraphs, without what code writes itself: a vocative line at the start,
    a closing ("Atenciosamente,") and whatever follows it (a signature), and any numbering."""
    paragraphs = [re.sub(r"\s+", " ", _NUMBERED.sub("", p)).strip() for p in re.split(r"\n\s*\n|\n", text)]
    paragraphs = [p for p in paragraphs if p]
    while paragraphs and _VOCATIVE_LINE.match(paragraphs[0]):
        paragraphs.pop(0)
    for index, paragraph in enumerate(paragraphs):
        if _MODEL_CLOSINGS.match(paragraph) or any(paragraph.lower().startswith(c.lower()) for c in extra_closings):
            paragraphs = paragraphs[:index]
            break
    return [_NUMBERED.sub("", p) for p in paragraphs]


def suggested_file_name(kind: str, number: int | str, year: int, subject: str, suffix: str = ".docx") -> str:
    """`Ofício 123_2026_palavras-chave.docx`."""
    words = [w for w in re.findall(r"\w+", subject.lower()) if w not in LOWER_WORDS and len(w) > 2][:4]
    keywords = "-".join(words) or "documento"
    kind_title = kind.strip().capitalize()
    name = f"{kind_title} {number}_{year}_{keywords}{suffix}"
    return unicodedata.normalize("NFC", re.sub(r'[\\/:*?"<>|]', "-", name))


def subject_line(subject: str) -> str:
    """`Assunto: Aquisição de computadores.`: capital initial, final full stop."""
    text = " ".join(subject.split()).rstrip(".")
    if text:
        text = text[0].upper() + text[1:]
    return f"Assunto: {text}."


# The fields that describe the sender rather than one letter: remembered per user, last used.
SENDER_KEYS = ("department", "sectors", "signatory")


@dataclass
class Addressee:
    name: str = ""
    office: str = ""
    treatment: Treatment = "senhoria"
    gender: Gender = "m"
    address: list[str] = field(default_factory=list)


@dataclass
class Signatory:
    name: str = ""
    office: str = ""


@dataclass
class LetterFields:
    """What the clerk fills in; the JSON of `rio-desktop draft --fields`."""

    number: str = ""
    year: int = 0
    sectors: list[str] = field(default_factory=list)
    department: str = ""  # the letterhead's last line ("Coordenadoria-Geral de Tecnologia da Informação")
    city: str = "Rio de Janeiro"
    date: str = ""  # ISO
    addressee: Addressee = field(default_factory=Addressee)
    subject: str = ""
    references: str = ""
    relation: Relation = "same"
    signatory: Signatory = field(default_factory=Signatory)

    @classmethod
    def from_dict(cls, data: dict) -> LetterFields:
        addressee = Addressee(**{k: v for k, v in (data.get("addressee") or {}).items()
                                 if k in Addressee.__dataclass_fields__})
        signatory = Signatory(**{k: v for k, v in (data.get("signatory") or {}).items()
                                 if k in Signatory.__dataclass_fields__})
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__
                  and k not in ("addressee", "signatory")}
        if "number" in values:
            values["number"] = str(values["number"])
        return cls(addressee=addressee, signatory=signatory, **values)

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)

    def sender(self) -> dict:
        """What the app remembers for the clerk's next letter: who writes, from where."""
        return {key: value for key, value in self.as_dict().items() if key in SENDER_KEYS}

    def letter_date(self) -> datetime.date:
        return datetime.date.fromisoformat(self.date) if self.date else datetime.date.today()
