"""A received letter read in code: the padrão ofício of the Manual de Redação da Presidência da República
(3rd ed., 2018) and e-mails. The letterhead (the organ, secretariat and unit lines at the top), the
identification line ("OFÍCIO Nº 197/2018/SAJ/CC"), the place-and-date line, the addressee block, the subject,
the vocative, the paragraphs, the closing and the signature block (the signatory's name in capitals, the
office, and the letterhead footer's address), or an e-mail's From, Date and Subject. Then the sentences that
ask for something (the requests a reply must answer) and the deadlines they set, each with its pages.

Everything here is deterministic: nothing is guessed by a model, and what could not be read is left blank
and named in `problems`. A placeholder of a template ("[Nome]", "[NOME DO SIGNATÁRIO]") is never taken for
a name: the field stays blank and the placeholder is listed.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import unicodedata
from dataclasses import dataclass, field

from rio_desktop.documents.chronology import deadline_of, sentences
from rio_desktop.documents.dates import MONTHS, long_date
from rio_desktop.documents.identity import document_date
from rio_desktop.documents.text_fold import strip_accents
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

# Words kept in lower case inside a name or an organisation's name written in capitals.
PARTICLES = frozenset({"a", "à", "ao", "aos", "as", "às", "com", "d'", "da", "das", "de", "del", "di", "do",
                       "dos", "du", "e", "em", "na", "nas", "no", "nos", "o", "os", "para", "pela", "pelas",
                       "pelo", "pelos", "por", "sob", "sobre", "van", "von", "y"})
# The kinds of letter whose identification line is read ("OFÍCIO CIRCULAR Nº 3/2026/SME").
LETTER_KINDS = {"oficio circular": "Ofício Circular", "oficio": "Ofício", "memorando circular": "Memorando Circular",
                "memorando": "Memorando", "carta": "Carta", "aviso": "Aviso"}
_KIND = "|".join(sorted(LETTER_KINDS, key=len, reverse=True)).replace(" ", r"\s+")
# "OFÍCIO Nº 197/2018/SAJ/CC", "Ofício nº 312/2026/SME/GAB", "OFÍCIO No 5/2026", "Ofício n.º 7/2026",
# "OFÍCIO 12/2026" (folded: no accents).
_IDENTIFICATION = re.compile(
    r"^(?P<kind>" + _KIND + r")\b\s*(?:(?:n\s*\.?\s*[º°o]\s*\.?|n\.|n\b|numero|num\.)\s*:?\s*)?"
    r"(?P<number>\d[\w./-]*(?:\s*/\s*[\w.-]+)*)\s*\.?\s*$", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[^\d,]{2,60},\s*(?:em\s+)?\d{1,2}\s*(?:º|o|°)?\s+de\s+\w+\s+de\s+\d{4}\.?$",
                         re.IGNORECASE)
_ADDRESSING_STRICT = re.compile(r"^(a\s+sua\s+(excelencia|senhoria|magnificencia)\b|ao\s+senhor\b|a\s+senhora\b|"
                                r"aos\s+senhores\b|as\s+senhoras\b|ao\s+excelentissimo\b|a\s+excelentissima\b|"
                                r"ao\s+ilustrissimo\b|a\s+ilustrissima\b)", re.IGNORECASE)
_SUBJECT = re.compile(r"^(assunto|subject)\s*:\s*(?P<text>.*)$", re.IGNORECASE)
# The electronic signature of SEI and similar systems, under (or instead of) the signature block: "Documento
# assinado eletronicamente por JOSÉ DA SILVA, Secretário Municipal de Fazenda, em 05/10/2026, às 10:30…".
_ELECTRONIC = re.compile(r"^documento\s+assinado\s+(?:eletronicamente|digitalmente)\b", re.IGNORECASE)
_ELECTRONIC_SIGNER = re.compile(r"assinad[oa]\s+(?:eletronicamente|digitalmente)\s+por\s+(?P<name>[^,]+?)\s*,\s*"
                                r"(?P<office>[^,]+?)\s*,\s*em\s+\d", re.IGNORECASE)
_VOCATIVE = re.compile(r"^(senhor|senhora|senhores|senhoras|excelentissim[oa]|prezad[oa]s?|ilustrissim[oa]|"
                       r"car[oa]s?|magnifico|magnifica|bom dia|boa tarde|ola)\b[^.]{0,90}[,:]$", re.IGNORECASE)
_CLOSING = re.compile(r"^(atenciosamente|respeitosamente|cordialmente|saudacoes|att\.?|abracos|"
                      r"sem mais para o momento[^.]*|grat[oa])\s*[,.!]?$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,2})(?:[.)]\s*|\s+)(?=\S)")
# A letterhead footer's or an e-mail signature's address line: a street, a CEP, a telephone, an e-mail.
_ADDRESS = re.compile(r"(\bcep\b|\b\d{5}-?\d{3}\b|^(rua|r\.|avenida|av\.|esplanada|praca|largo|travessa|estrada|"
                      r"rodovia|alameda|quadra|setor|sas|sepn|saus|sbs|scs|sgan|sig|bloco|edificio|palacio)\b|"
                      r"\btel(efone)?\b\.?|\bfone\b|\be-?mail\b|@|\bwww\.|https?://)", re.IGNORECASE)
_PAGE_MARK = re.compile(r"^(p[aá]gina\s+\d+(\s+de\s+\d+)?|p\.\s*\d+|\d+\s*/\s*\d+|-\s*\d+\s*-)$", re.IGNORECASE)
# "[Nome]", "[NOME DO SIGNATÁRIO]", "[Cargo do Signatário]": a template's blank, never a value.
_PLACEHOLDER = re.compile(r"\[\s*([A-ZÁÉÍÓÚÂÊÔÃÕÇÀ][\wÀ-ÿ]*(?:[\s/-]+[\wÀ-ÿ]+){0,7})\s*\]")
_EMAIL_HEADER = re.compile(r"^(from|de|to|para|cc|date|data|enviada em|enviado em|sent|subject|assunto)\s*:\s*(.*)$",
                           re.IGNORECASE)
# Sentences that ask for something: the requests a reply must answer (the verb in the forms that ask, not
# "informo", "encaminho", which report).
_REQUEST = re.compile(
    r"\b(solicito|solicitamos|solicita-se|solicitar-se-a|peco|pedimos|pede-se|requeiro|requeremos|requer-se|"
    r"convido|convidamos|convida-se|encaminhe-se|encaminhem-se|encaminhe|encaminhem|envie|enviem|envie-se|"
    r"remeta|remetam|remeta-se|informe|informem|informe-se|apresente|apresentem|apresente-se|providencie|"
    r"providenciem|providencie-se|manifeste-se|manifestem-se|rogo|roga-se|recomendo|recomenda-se|determino|"
    r"reitero|reiteramos|aguardo|aguardamos|favor\s+(?:encaminhar|enviar|informar|remeter|apresentar)|"
    r"gentileza\s+de|sirva-se|digne-se)\b", re.IGNORECASE)
_MONTH = "(" + "|".join(strip_accents(m) for m in MONTHS) + ")"
_UNTIL_DAY_MONTH = re.compile(r"\bate\s+(?:o\s+dia\s+)?(\d{1,2})\s*(?:º|o)?\s+de\s+" + _MONTH + r"\b(?!\s+de\s+\d{4})",
                              re.IGNORECASE)
_UNTIL_DAY = re.compile(r"\bate\s+o\s+dia\s+(\d{1,2})\b(?!\s*(?:º|o)?\s*(?:de\s+\w|/))", re.IGNORECASE)
_PERIOD_DAYS = re.compile(r"\bprazo\b[^.;]{0,40}?\bde\s+\S+\s*(?:\(\w+\)\s*)?dias?\b(?P<business>\s+uteis)?",
                          re.IGNORECASE)


@dataclass
class Sender:
    """Who wrote the letter: the reply's addressee."""

    name: str = ""  # in normal case ("José da Silva dos Santos")
    office: str = ""
    organization: list[str] = field(default_factory=list)  # the letterhead's lines, organ first
    address: list[str] = field(default_factory=list)  # the footer's lines, an e-mail's address

    def as_dict(self) -> dict:
        return {"name": self.name, "office": self.office, "organization": list(self.organization),
                "address": list(self.address)}


@dataclass
class Request:
    text: str
    pages: list[int]

    def as_dict(self) -> dict:
        return {"text": self.text, "pages": list(self.pages)}


@dataclass
class Deadline:
    date: datetime.date | None  # the day it falls on, when that can be known
    text: str  # the sentence that sets it
    pages: list[int]
    note: Message | None = None  # how the day was counted ("30 calendar days from the letter's date")

    def as_dict(self) -> dict:
        return {"date": self.date.isoformat() if self.date else None, "text": self.text, "pages": list(self.pages),
                "note": str(self.note) if self.note else ""}


@dataclass
class ReceivedLetter:
    kind: str = ""  # "Ofício", "Memorando", "e-mail", or "" when no identification line was found
    identification: str = ""  # the full line, as written
    number: str = ""  # "197/2018/SAJ/CC"
    date: datetime.date | None = None
    place: str = ""
    subject: str = ""
    sender: Sender = field(default_factory=Sender)
    addressee: list[str] = field(default_factory=list)  # the addressee block, as written (us)
    vocative: str = ""
    paragraphs: list[Request] = field(default_factory=list)  # every paragraph of the body, with its pages
    closing: str = ""
    requests: list[Request] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)
    is_letter: bool = False

    @property
    def is_email(self) -> bool:
        return self.kind == "e-mail"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "identification": self.identification, "number": self.number,
                "date": self.date.isoformat() if self.date else None, "subject": self.subject,
                "sender": self.sender.as_dict(), "requests": [r.as_dict() for r in self.requests],
                "deadlines": [d.as_dict() for d in self.deadlines], "placeholders": list(self.placeholders),
                "problems": [str(p) for p in self.problems]}


# -- case ---------------------------------------------------------------------------------------------------
# Short words of capitals that are words, not acronyms ("RIO DE JANEIRO", "SÃO PAULO").
SHORT_WORDS = frozenset({"rio", "sao", "sul", "mar", "sol", "paz", "luz", "lei", "rua", "boa", "bom", "dom", "uniao",
                         "fe", "ilha", "vila", "alto", "novo", "nova", "ato", "uso", "meu", "seu", "sua", "ano"})


def _is_acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", word)
    if not letters:
        return True
    lower = strip_accents(letters.lower())
    if lower in PARTICLES or lower in SHORT_WORDS:
        return False
    return len(letters) <= 3 or not re.search(r"[AEIOUÁÉÍÓÚÂÊÔÃÕÀaeiou]", letters)


def normal_case(text: str, acronyms: bool = False) -> str:
    """A name or a line written in capitals in normal case: "JOSÉ DA SILVA DOS SANTOS" -> "José da Silva dos
    Santos" (Portuguese particles in lower case). `acronyms`: short words of capitals stay as they are (SME,
    GAB, DF). A line already in mixed case is kept as written."""
    text = " ".join(text.split())
    if not text or any(c.islower() for c in text):
        return text
    out = []
    for index, word in enumerate(text.split(" ")):
        bare = word.strip("()[],.;:").lower()
        if index > 0 and bare in PARTICLES:
            out.append(word.lower())
        elif acronyms and _is_acronym(word):
            out.append(word)
        else:
            out.append("-".join(_capitalise(part) for part in word.split("-")))
    return " ".join(out)


def _capitalise(word: str) -> str:
    for index, char in enumerate(word):
        if char.isalpha():
            return word[:index] + char.upper() + word[index + 1:].lower()
    return word


def placeholders_in(text: str) -> list[str]:
    """The template placeholders in `text`, as written ("[Nome]", "[NOME DO SIGNATÁRIO]"), each once."""
    found: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        if match[0] not in found:
            found.append(match[0])
    return found


def _without_placeholders(text: str) -> str:
    return " ".join(_PLACEHOLDER.sub(" ", text).split())


# -- parsing ------------------------------------------------------------------------------------------------
@dataclass
class _Line:
    page: int
    text: str

    @property
    def folded(self) -> str:
        return _fold(self.text)


def _fold(text: str) -> str:
    """`text` without accents, one character for one (the positions of a match are the original's)."""
    out = []
    for char in text:
        bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(bare if len(bare) == 1 else char)
    return "".join(out)


def _lines(pages: list[tuple[int, str]]) -> list[_Line]:
    out = []
    for number, text in pages:
        for raw in (text or "").splitlines():
            line = " ".join(raw.replace("\u00a0", " ").split())
            if line and not _PAGE_MARK.match(line):
                out.append(_Line(number, line))
    return out


def _find(lines: list[_Line], pattern: re.Pattern[str], start: int = 0, stop: int | None = None) -> int:
    for index in range(start, len(lines) if stop is None else min(stop, len(lines))):
        if pattern.match(lines[index].folded):
            return index
    return -1


def read_received(pages: list[tuple[int, str]], kind_hint: str = "") -> ReceivedLetter:
    """The received letter's parts from its pages' text ((number, text) in order). `kind_hint`: "e-mail"
    when the document came from an .eml (its header block is the first page's first lines)."""
    lines = _lines(pages)
    letter = ReceivedLetter()
    full = "\n".join(line.text for line in lines)
    letter.placeholders = placeholders_in(full)
    if not lines:
        letter.problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The document has no text to read (a scan whose text could not be recognised?): fill in "
                    "the reply's fields by hand.")))
        return letter
    if kind_hint == "e-mail" or _is_email(lines):
        _read_email(lines, letter)
    else:
        _read_oficio(lines, letter)
    _read_requests(letter)
    if letter.placeholders:
        letter.problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The letter holds blanks of a template ({placeholders}): they were not taken as names; fill "
                    "them in by hand."), placeholders=", ".join(letter.placeholders)))
    return letter


def _is_email(lines: list[_Line]) -> bool:
    head = [line.folded for line in lines[:6]]
    return sum(1 for line in head if re.match(r"^(from|de|date|data|subject|assunto|to|para)\s*:", line, re.I)) >= 2 \
        and any(re.match(r"^(from|de)\s*:", line, re.I) for line in head)


def _read_oficio(lines: list[_Line], letter: ReceivedLetter) -> None:
    head = min(len(lines), 25)
    ident = _find(lines, _IDENTIFICATION, 0, head)
    if ident >= 0:
        found = _IDENTIFICATION.match(lines[ident].folded)
        assert found is not None
        letter.identification = lines[ident].text
        letter.kind = LETTER_KINDS[" ".join(found["kind"].lower().split())]
        letter.number = re.sub(r"\s+", "", lines[ident].text[found.start("number"):found.end("number")]).rstrip(".")
        letter.sender.organization = [normal_case(line.text, acronyms=True) for line in lines[:ident]
                                      if not _ADDRESS.search(line.folded) and not placeholders_in(line.text)]
    place = _find(lines, _PLACE_DATE, max(ident, 0), head + 5)
    if place >= 0:
        letter.place = lines[place].text.split(",", 1)[0].strip()
        letter.date = document_date(lines[place].text)
    cursor = max(ident, place) + 1
    # The addressee block: "A Sua Excelência o Senhor" to the subject or the vocative.
    subject = _find(lines, _SUBJECT, cursor, cursor + 20)
    vocative = _find(lines, _VOCATIVE, cursor, cursor + 25)
    addressing = _find(lines, _ADDRESSING_STRICT, cursor, cursor + 8)
    if addressing >= 0:
        ends = [i for i in (subject, vocative) if i > addressing]
        letter.addressee = [line.text for line in lines[addressing:min(ends) if ends else addressing + 1]]
    after_subject = _read_subject(lines, subject, vocative, letter) if subject >= 0 else -1
    if vocative >= 0:
        letter.vocative = lines[vocative].text
    body_start = max(cursor, subject + 1, vocative + 1)
    if subject >= 0 and vocative < 0:
        body_start = after_subject
    closing = _find(lines, _CLOSING, body_start)
    body_end = closing if closing >= 0 else len(lines)
    signature: list[_Line] = []
    if closing >= 0:
        letter.closing = lines[closing].text
        signature = lines[closing + 1:]
    footer = [line for line in lines[body_start:body_end] if _footer_line(line)]
    body = [line for line in lines[body_start:body_end] if not _footer_line(line)]
    letter.paragraphs = _paragraphs(body)
    _read_signature(signature, footer, letter)
    letter.is_letter = bool(letter.identification) or (bool(letter.vocative) and bool(letter.closing))
    _oficio_problems(letter)


def _read_subject(lines: list[_Line], subject: int, vocative: int, letter: ReceivedLetter) -> int:
    """The subject, over the lines it wraps to (until its full stop or the vocative); the line after it."""
    found = _SUBJECT.match(lines[subject].folded)
    assert found is not None
    parts = [lines[subject].text[found.start("text"):]]
    index = subject + 1
    while (not parts[-1].rstrip().endswith(".") and index < len(lines) and index != vocative
           and not _NUMBERED.match(lines[index].text) and index < subject + 4):
        parts.append(lines[index].text)
        index += 1
    letter.subject = " ".join(" ".join(parts).split()).rstrip(".")
    return index


def _footer_line(line: _Line) -> bool:
    """A letterhead footer's line inside the body (a two-page letter's first page): an address, not prose."""
    return bool(_ADDRESS.search(line.folded)) and len(line.text) < 110 and not line.text.rstrip().endswith(".") \
        and not _REQUEST.search(line.folded)


def _read_signature(signature: list[_Line], footer: list[_Line], letter: ReceivedLetter) -> None:
    """The signatory's name (capitals in the block, normal case here), the office, and the address lines of
    the letterhead's footer (wherever they were: after the signature, at a page's foot)."""
    sender = letter.sender
    rest: list[str] = []
    electronic = next((i for i, line in enumerate(signature) if _ELECTRONIC.match(line.folded)), None)
    signed = None
    if electronic is not None:  # the system's block and what follows it (its URL, the process number)
        signed = _ELECTRONIC_SIGNER.search(" ".join(line.text for line in signature[electronic:]))
        signature = signature[:electronic]
    names = [line for line in signature if not _ADDRESS.search(line.folded)]
    address = [line.text for line in [*footer, *signature] if _ADDRESS.search(line.folded)]
    if not names and signed is not None:
        sender.name = "" if placeholders_in(signed["name"]) else normal_case(signed["name"])
        sender.office = "" if placeholders_in(signed["office"]) else normal_case(signed["office"], acronyms=True)
    if names:
        name = names[0].text
        if placeholders_in(name):
            sender.name = ""
        else:
            sender.name = normal_case(name)
        if len(names) > 1:
            office = names[1].text
            sender.office = "" if placeholders_in(office) else normal_case(office, acronyms=True)
        rest = [normal_case(line.text, acronyms=True) for line in names[2:] if not placeholders_in(line.text)]
    for line in address:
        if line not in sender.address:
            sender.address.append(line)
    # Lines after the office that are not an address (a unit under the signature): organisation lines the
    # letterhead did not give.
    for line in rest:
        if line not in sender.organization:
            sender.organization.append(line)


def _oficio_problems(letter: ReceivedLetter) -> None:
    problems = letter.problems
    if not letter.is_letter:
        read = [what for what, value in (("date", letter.date), ("subject", letter.subject),
                                         ("signatory", letter.sender.name)) if value]
        problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "This document does not look like a letter (no identification line such as \"OFÍCIO Nº "
                    "12/2026\", no vocative and closing): the reply's form holds only what could be read{read}. "
                    "Fill in the rest by hand."),
            read=(" (" + ", ".join(read) + ")") if read else ""))
        return
    if not letter.number:
        problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The letter's number could not be read: the reply cites it without one.")))
    if letter.date is None:
        problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The letter's date could not be read (no place-and-date line): the reply cites it without "
                    "one, and periods cannot be counted.")))
    if not letter.subject:
        problems.append(Message(QT_TRANSLATE_NOOP("Core", "The letter's subject could not be read.")))
    if not letter.sender.name:
        problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The signatory's name could not be read: the reply's addressee is blank.")))


def _paragraphs(body: list[_Line]) -> list[Request]:
    """The body's paragraphs: a numbered line starts one; else a line after one that ended a sentence short
    of the margin. Each with the pages it spans (and, privately, where in its text each page begins)."""
    widest = max((len(line.text) for line in body), default=0)
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    for line in body:
        starts = previous is None or bool(_NUMBERED.match(line.text)) or (
            previous.text.rstrip().endswith((".", ":", "!", "?", ";")) and len(previous.text) < 0.8 * widest)
        if starts:
            groups.append([])
        groups[-1].append(line)
        previous = line
    out = []
    for group in groups:
        text, marks = "", []
        for index, line in enumerate(group):
            piece = _NUMBERED.sub("", line.text) if index == 0 else line.text
            if text.endswith("-") and not text.endswith(" -") and piece[:1].islower():
                text = text[:-1]  # a word hyphenated at the line's end
            elif text:
                text += " "
            if not marks or marks[-1][1] != line.page:
                marks.append((len(text), line.page))
            text += piece
        out.append(_Paragraph(text, sorted({page for _offset, page in marks}), marks))
    return out


@dataclass
class _Paragraph(Request):
    """A paragraph of the body, and where each of its pages begins in its text: (offset, page)."""

    marks: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)


def _read_email(lines: list[_Line], letter: ReceivedLetter) -> None:
    letter.kind = "e-mail"
    letter.is_letter = True
    index = 0
    while index < len(lines) and _EMAIL_HEADER.match(lines[index].folded):
        found = _EMAIL_HEADER.match(lines[index].folded)
        assert found is not None
        key = found[1].lower()
        value = lines[index].text[found.start(2):].strip()
        if key in ("from", "de"):
            name, address = email.utils.parseaddr(value)
            letter.sender.name = normal_case(name.strip().strip('"')) if not placeholders_in(name) else ""
            if address:
                letter.sender.address = [address]
        elif key in ("date", "data", "sent", "enviada em", "enviado em"):
            letter.date = _email_date(value)
        elif key in ("subject", "assunto"):
            letter.subject = re.sub(r"^((re|res|fw|fwd|enc|encaminhada?)\s*:\s*)+", "", value, flags=re.I).strip()
        index += 1
    body = lines[index:]
    start = 1 if body and _VOCATIVE.match(body[0].folded) else 0
    if start:
        letter.vocative = body[0].text
    closing = _find(body, _CLOSING, start)
    end = closing if closing >= 0 else len(body)
    letter.paragraphs = _paragraphs(body[start:end])
    if closing >= 0:
        letter.closing = body[closing].text
        _read_email_signature(body[closing + 1:], letter)
    if letter.date is None:
        letter.problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The e-mail's date could not be read: the reply cites it without one.")))
    if not letter.sender.name:
        letter.problems.append(Message(QT_TRANSLATE_NOOP(
            "Core", "The e-mail's sender has no name in its From line: the reply's addressee is blank.")))


def _read_email_signature(lines: list[_Line], letter: ReceivedLetter) -> None:
    """The signature's name (often the From's), then the office and the organisation's lines, and any
    address line (a telephone, another e-mail address)."""
    sender = letter.sender
    signature = [line for line in lines if not _ADDRESS.search(line.folded)]
    if signature and (not sender.name or _same_name(signature[0].text, sender.name)):
        if not sender.name and not placeholders_in(signature[0].text):
            sender.name = normal_case(signature[0].text)
        signature = signature[1:]
    if signature and not placeholders_in(signature[0].text):
        sender.office = normal_case(signature[0].text, acronyms=True)
    sender.organization = [normal_case(line.text, acronyms=True) for line in signature[1:]
                           if not placeholders_in(line.text)]
    for line in lines:
        if _ADDRESS.search(line.folded) and not any(a in line.text for a in sender.address):
            sender.address.append(line.text)


def _same_name(line: str, name: str) -> bool:
    return strip_accents(line).lower().split()[:1] == strip_accents(name).lower().split()[:1]


def _email_date(value: str) -> datetime.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", value)
    if found:
        try:
            return datetime.date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            return None
    return document_date(value)


# -- requests and deadlines ---------------------------------------------------------------------------------
def _read_requests(letter: ReceivedLetter) -> None:
    for paragraph in letter.paragraphs:
        cursor = 0
        for sentence in sentences(paragraph.text):
            start = paragraph.text.find(sentence, cursor)
            cursor = max(start, cursor)
            pages = _pages_of(max(start, 0), len(sentence), paragraph) if start >= 0 else list(paragraph.pages)
            if _REQUEST.search(strip_accents(sentence)):
                letter.requests.append(Request(sentence, pages))
            deadline = _deadline(sentence, letter.date)
            if deadline is not None:
                day, note = deadline
                letter.deadlines.append(Deadline(day, sentence, pages, note))


def _pages_of(start: int, length: int, paragraph: Request) -> list[int]:
    """The pages the text at [start, start + length) of a paragraph is on."""
    marks = (paragraph.marks if isinstance(paragraph, _Paragraph) else []) or \
        [(0, page) for page in paragraph.pages[:1]]
    pages = [page for offset, page in marks if offset < start + length]
    first = [page for offset, page in marks if offset <= start]
    found = sorted({*(first[-1:] or pages[:1]), *(p for o, p in marks if start < o < start + length)})
    return found or list(paragraph.pages)


def _deadline(sentence: str, written: datetime.date | None) -> tuple[datetime.date | None, Message | None] | None:
    """(the day, how it was counted) when the sentence sets a deadline, else None."""
    folded = strip_accents(sentence)
    sets, day = deadline_of(sentence, written)
    if sets:
        period = _PERIOD_DAYS.search(folded)
        if period and not re.search(r"\bate\s+(?:o\s+dia\s+)?\d", folded, re.IGNORECASE) and written is not None:
            if period["business"]:
                return day, Message(QT_TRANSLATE_NOOP(
                    "Core", "Counted in business days (weekends skipped, holidays not) from the letter's date, "
                            "{date}."), date=long_date(written))
            return day, Message(QT_TRANSLATE_NOOP(
                "Core", "Counted in calendar days from the letter's date, {date}: check whether the period runs "
                        "from receipt instead."), date=long_date(written))
        if day is None and written is None:
            return None, Message(QT_TRANSLATE_NOOP(
                "Core", "A period with no date to count from: the letter's date could not be read."))
        return day, None
    found = _UNTIL_DAY_MONTH.search(folded)
    if found:
        month = [strip_accents(m) for m in MONTHS].index(found[2].lower()) + 1
        year = written.year if written else datetime.date.today().year
        if written is not None and (month, int(found[1])) < (written.month, written.day):
            year += 1
        try:
            return datetime.date(year, month, int(found[1])), Message(QT_TRANSLATE_NOOP(
                "Core", "The letter gives no year: taken as the next such day after its date."))
        except ValueError:
            return None, None
    found = _UNTIL_DAY.search(folded)
    if found:
        if written is None:
            return None, Message(QT_TRANSLATE_NOOP(
                "Core", "Only the day is given, and the letter's date could not be read."))
        day_number = int(found[1])
        year, month = written.year, written.month
        if day_number < written.day:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        try:
            return datetime.date(year, month, day_number), Message(QT_TRANSLATE_NOOP(
                "Core", "Only the day is given: taken in the letter's month, or the next month when that day "
                        "had passed."))
        except ValueError:
            return None, None
    return None
