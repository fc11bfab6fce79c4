"""Nothing of our own prompts reaches a letter, a rewrite or a summary, whatever the model repeats.

The backend here is the worst case of a small model: it answers with its whole prompt (system prompt,
instructions, labels, the clerk's notes or the document) — the real tokenizer counts its tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from pdf_factory import text_pdf

from rio_desktop.documents import letter as letter_module
from rio_desktop.documents.document_prompt import GENERAL
from rio_desktop.documents.letter import (
    NOTES_HEADING,
    REWRITES,
    SYSTEM_PROMPT,
    RewritePlan,
    body_request,
    compose,
    load_templates,
    rewrite_request,
)
from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.documents.pdf_text import read_pdf
from rio_desktop.documents.summarize import _TEXT, STYLES, Summarizer, SummaryOptions
from rio_desktop.engine.backend import Backend, ChatMessage, Generation, GenerationParams, GenerationStats
from rio_desktop.resources import resource_path


class EchoBackend(Backend):
    """Answers with its prompt, message after message, then `tail` (the model's own words)."""

    def __init__(self, inner: Backend, tail: str = "") -> None:
        self.inner, self.tail = inner, tail
        self.prompts: list[str] = []

    @property
    def info(self):
        return self.inner.info

    def load(self, params, cancel=None, progress=None):
        raise NotImplementedError

    def unload(self) -> None:
        pass

    def context_size(self) -> int:
        return self.inner.context_size()

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def count_chat_tokens(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> int:
        return self.inner.count_chat_tokens(messages)

    def chat(self, messages, params: GenerationParams, on_text=None, cancel=None, on_reasoning=None,
             on_step=None) -> Generation:
        text = "\n\n".join(m.content for m in messages) + self.tail
        self.prompts.append(text)
        if on_text is not None:
            on_text(text)
        return Generation(text=text, finish_reason="stop", stats=GenerationStats(
            prompt_tokens=self.count_chat_tokens(messages), generated_tokens=self.count_tokens(text)))


FIELDS = LetterFields.from_dict({
    "number": 7, "year": 2026, "sectors": ["CGTI", "SMF"], "date": "2026-12-01",
    "department": "Coordenadoria-Geral de Tecnologia da Informação",
    "addressee": {"name": "Ana Lima", "office": "Diretora de Compras", "treatment": "senhoria", "gender": "f"},
    "subject": "Compra de papel", "references": "Ofício nº 3/2026/DC", "relation": "same",
    "signatory": {"name": "Carlos Melo", "office": "Chefe de Gabinete"},
})
NOTES = "Pedir 100 resmas de papel A4 para o gabinete.\n\nA entrega deve ser feita até sexta-feira."
OWN_LETTER_TEXT = [SYSTEM_PROMPT, NOTES_HEADING, "Assunto:", "Destinatário:", "Referências:", "Texto:",
                   "Responda apenas com o texto reescrito", *REWRITES.values()]


def _sentences(text: str) -> list[str]:
    import re

    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if len(s.split()) >= 3]


def _templates():
    templates, _ = load_templates(resource_path("templates"))
    return templates


@pytest.mark.parametrize("template_id", ["oficio", "oficio_encaminhamento", "resposta_cidadao",
                                         "memorando_interno", "email_institucional"])
def test_a_letter_never_carries_our_prompt(loaded_backend, template_id: str) -> None:
    template = {t.id: t for t in _templates()}[template_id]
    request = body_request(template, FIELDS, NOTES)
    echo = EchoBackend(loaded_backend, tail="\n\nSolicito o envio do material.")
    answer = echo.chat(list(request.messages), request.params).text
    assert NOTES_HEADING in answer and template.instructions in answer  # the model did echo them
    letter = compose(template, FIELDS, request.clean(answer))
    body = "\n".join(letter.body)
    for own in [*OWN_LETTER_TEXT, *_sentences(template.instructions), *_sentences(SYSTEM_PROMPT)]:
        assert own not in body, own
    # The clerk's notes and the model's own sentence are what is left, as paragraphs.
    assert letter.body == ["Pedir 100 resmas de papel A4 para o gabinete.", "A entrega deve ser feita até "
                           "sexta-feira.", "Solicito o envio do material."]


@pytest.mark.parametrize("kind", sorted(REWRITES))
def test_a_rewrite_never_carries_our_prompt_and_keeps_the_paragraphs(loaded_backend, kind: str) -> None:
    selection = "Primeiro parágrafo, com o pedido.\n\nSegundo parágrafo, com o prazo de entrega.\nTerceiro."
    plan = RewritePlan.of(selection)
    assert plan.paragraphs() == ["Primeiro parágrafo, com o pedido.", "Segundo parágrafo, com o prazo de "
                                 "entrega.", "Terceiro."]
    echo = EchoBackend(loaded_backend, tail="\nTexto: Versão reescrita.")
    answers = []
    for paragraph in plan.paragraphs():
        request = rewrite_request(kind, paragraph)
        answers.append(request.clean(echo.chat(list(request.messages), request.params).text))
    for own in OWN_LETTER_TEXT:
        assert all(own not in answer for answer in answers), own
    # Each rewrite is one paragraph (the echo of the selection, then the model's words), and the breaks
    # between the paragraphs are the clerk's.
    assert answers[0] == "Primeiro parágrafo, com o pedido. Versão reescrita."
    assert plan.assemble(answers) == ("Primeiro parágrafo, com o pedido. Versão reescrita.\n\nSegundo parágrafo, "
                                      "com o prazo de entrega. Versão reescrita.\nTerceiro. Versão reescrita.")


@pytest.mark.parametrize(("answer", "expected"), [
    ("O que a carta deve dizer:\nPedir 20 computadores.", "Pedir 20 computadores."),
    ("Texto: Solicito a compra.", "Solicito a compra."),
    ("**Texto:** Solicito a compra.", "Solicito a compra."),
    ("Assunto: Compra de papel\n\nSolicito a compra.", "Solicito a compra."),
    ("Escreva somente o corpo de um ofício. Solicito a compra.", "Solicito a compra."),
    ("Solicito a compra.\n\nInformo que o prazo é curto.", "Solicito a compra.\n\nInformo que o prazo é curto."),
    ("Informo que o texto abaixo foi revisado pela equipe.", "Informo que o texto abaixo foi revisado pela equipe."),
])
def test_labels_and_instructions_are_cut_and_the_rest_kept(answer: str, expected: str) -> None:
    template = {t.id: t for t in _templates()}["oficio"]
    assert body_request(template, FIELDS, "x").clean(answer) == expected


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("pages", [2, 14])
def test_a_summary_never_carries_our_prompt(loaded_backend, tmp_path: Path, style: str, pages: int) -> None:
    document = read_pdf(text_pdf(tmp_path / "relatorio.pdf", pages, sentences=3))
    echo = EchoBackend(loaded_backend, tail="\n- O orçamento de obras cresceu (p. 1)")
    result = Summarizer(echo, SummaryOptions(style=style)).run(document)
    # The model did echo the prompt: a document that fits starts with the shared start every task about it
    # has (documents.document_prompt), a longer one with the summary's own system text.
    first = echo.prompts[0] if echo.prompts else ""
    assert (GENERAL["pt-BR"] if pages == 2 else _TEXT["pt-BR"]["system"]) in first
    summary = result.summary
    ours = [*(_TEXT["pt-BR"][key] for key in ("system", "answer_in", "map", "merge", "executive", "bullets",
                                               "detailed", "notes")), GENERAL["pt-BR"]]
    for text in ours:
        for sentence in _sentences(text.replace("{", "").replace("}", "")):
            if any(w in sentence for w in ("text", "pages", "instruction", "k ")):
                continue  # a placeholder's name, not our words
            assert sentence not in summary, sentence
    for label in ("Você resume documentos", "Você trabalha com documentos", "Responda em português",
                  "Documento (", "Notas do documento", "Trecho (páginas", "[Página"):
        assert label not in summary, label
    assert result.points


def test_the_prompts_of_letters_are_one_definition() -> None:
    """The window and the command line both take the body request from documents.letter, through the one
    use case (tasks.draft; tests/test_tasks.py follows both to it at run time)."""
    import inspect

    from rio_desktop.cli import documents as cli
    from rio_desktop.tasks import draft as task
    from rio_desktop.ui import draft_page

    for module in (cli, draft_page):
        source = inspect.getsource(module)
        assert "DraftTask." in source and "body_request(" not in source
        assert "SYSTEM_PROMPT" not in source and "body_prompt" not in source
    assert "body_request(" in inspect.getsource(task)
    assert letter_module.body_request(_templates()[0], FIELDS, NOTES).messages[0].content == SYSTEM_PROMPT


def test_the_reasoning_a_model_writes_again_is_not_in_the_letter() -> None:
    """Seen on a CI machine: after the engine closed its reasoning, a small model wrote the reasoning again
    and a closing tag of its own ("</thought>") in the body. Neither reaches the letter; the clerk's notes,
    which the reasoning may quote, stay."""
    from rio_desktop.documents.echo import without_reasoning

    notes = "Pedir 100 resmas de papel A4."
    reasoning = (f"O usuário quer um ofício. {notes} Para esta carteira, a cadeira de acordo será \"A4\" e seu "
                 "produto é \"10")
    body = ("Solicito o fornecimento de 100 resmas de papel A4 para o gabinete.\n\n"
            "Para esta carteira, a cadeira de acordo será \"A4\" e seu produto é \"10\n"
            "</thought>...\n"
            "Pedir 100 resmas de papel A4.\n"
            "<think>O prazo de entrega é de trinta dias.")
    cleaned = without_reasoning(body, reasoning, keep=notes)
    assert "cadeira de acordo" not in cleaned and "thought" not in cleaned and "<think>" not in cleaned
    assert "Solicito o fornecimento de 100 resmas" in cleaned and notes in cleaned
    assert "O prazo de entrega é de trinta dias." in cleaned  # the model's own words after a stray tag
    assert without_reasoning(body, "") == body.replace("</thought>...\n", "").replace("<think>", "")
    request = letter_module.body_request(_templates()[0], FIELDS, notes)
    assert "cadeira de acordo" not in request.clean(body, reasoning) and notes in request.clean(body, reasoning)


def test_a_fragment_of_our_instructions_glued_to_the_models_words_is_removed() -> None:
    """Seen in a process summary: "Esteja o que está na palabra "Sé" em tópicos iniciados por '- '." — a run of
    the instruction's words too short a share of the sentence for the overlap test."""
    from rio_desktop.documents.summarize import prompt_echo

    echo = prompt_echo("pt-BR")
    assert echo.clean("Esteja o que está na palabra \"Sé\" em tópicos iniciados por '- '.") == ""
    kept = "O BRT recebeu 40 ônibus em tópicos de mobilidade. A obra termina em maio."
    assert echo.clean(kept) == kept  # the document's own words, even near ours, stay


def test_a_reply_never_carries_our_prompt_nor_the_requests_heading(loaded_backend) -> None:
    """A reply's notes carry the received letter's requests under a heading of ours: an echo of the whole prompt
    leaves the clerk's notes, the request and the model's words, with the reference to the letter opening it
    once."""
    from rio_desktop.documents.letter import REQUESTS_HEADING
    from rio_desktop.documents.received_letter import read_received
    from rio_desktop.documents.reply import reply_notes, with_reference

    received = read_received([(1, "Prefeitura da Cidade do Rio de Janeiro\nSecretaria Municipal de Educação\n\n"
                                  "Ofício nº 312/2026/SME/GAB\n\nRio de Janeiro, 14 de julho de 2026.\n\n"
                                  "Senhor Coordenador,\n\nSolicito a relação das atas vigentes.\n\n"
                                  "Atenciosamente,\n\nANA BEATRIZ DE OLIVEIRA\nChefe de Gabinete")])
    template = {t.id: t for t in _templates()}["oficio"]
    notes = reply_notes(received, NOTES, None)
    request = body_request(template, FIELDS, notes)
    answer = EchoBackend(loaded_backend, tail="\n\nSegue a relação pedida.").chat(
        list(request.messages), request.params).text
    assert REQUESTS_HEADING in answer
    body = with_reference(request.clean(answer), received)
    for own in [*OWN_LETTER_TEXT, REQUESTS_HEADING, *_sentences(template.instructions)]:
        assert own not in body, own
    assert body.startswith("Em atenção ao Ofício nº 312/2026/SME/GAB, de 14 de julho de 2026, pedir 100 resmas")
    assert body.count("Em atenção") == 1 and "Solicito a relação das atas vigentes." in body
    assert body.endswith("Segue a relação pedida.")
