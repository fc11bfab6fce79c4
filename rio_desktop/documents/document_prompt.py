"""The start every task's prompt about one document shares: a general system text, then the document.

A summary, a question and the next question about the same document begin with the same tokens, and each
task's own instructions come after the document. The model's state after that shared start is kept
(engine.state_cache, GenerationParams.prefix_end), so a document read for its summary is not read again
for the first question, and one read today is not read again tomorrow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rio_desktop.documents.pdf_text import PdfText

GENERAL = {
    "pt-BR": "Você trabalha com documentos da administração pública com fidelidade: só afirma o que está no texto, "
             "com números, datas e nomes exatos, e indica a página de cada informação no formato (p. N).",
    "en": "You work with public-administration documents faithfully: you state only what the text says, with "
          "exact numbers, dates and names, and you give the page of every piece of information in the form "
          "(p. N).",
}
HEADING = {"pt-BR": "Documento ({name}):", "en": "Document ({name}):"}
PAGE = {"pt-BR": "[Página {n}]", "en": "[Page {n}]"}

StatesOnDisk = Literal["all", "no_personal", "never"]


def page_block(language: str, number: int, text: str) -> str:
    return f"{PAGE[language].format(n=number)}\n{text}"


def document_system(language: str, name: str, blocks: str) -> str:
    """The shared start: the general text, the document's name and its pages' blocks (page_block, joined by a
    blank line). Every task about the document sends this as its system message, unchanged."""
    return f"{GENERAL[language]}\n\n{HEADING[language].format(name=name)}\n\n{blocks}"


def our_texts(language: str) -> list[str]:
    """Our own words in that start, for the echo filters (a model that repeats them is not answering)."""
    return [GENERAL[language], HEADING[language]]


def states_may_go_to_disk(policy: str, document: PdfText) -> bool:
    """Whether the model's state after reading `document` may be kept on disk under the clerk's setting:
    "all", "no_personal" (not when the document holds personal data, LGPD) or "never"."""
    if policy == "never":
        return False
    if policy == "no_personal":
        from rio_desktop.documents.lgpd import find

        return not any(find(page.text) for page in document.text_pages)
    return True
