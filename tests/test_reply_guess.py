"""A received document without letter structure: the model's guess of who wrote it and what about is kept only
where the document says it, marked as a guess; an echo of our prompt gives nothing; the real model's guesses are
words of the document, in the Draft page too."""

from __future__ import annotations

from pathlib import Path

from test_echo import EchoBackend

from rio_desktop.documents.received_letter import read_received
from rio_desktop.documents.reply_guess import LABELS, QUESTION, guess_messages, read_guess
from rio_desktop.engine.backend import CancelToken
from rio_desktop.engine.reasoning import ReasoningPolicy
from rio_desktop.engine.service import direct_context
from rio_desktop.tasks.reply import GuessTask, reply_to_pages

FREE_FORM = ("Bom dia,\n\nMoro na Rua das Flores, 12, em Campo Grande, e a calçada em frente à minha casa está "
             "quebrada há meses. Já caíram duas pessoas idosas.\n\nPeço que a Prefeitura conserte a calçada "
             "o quanto antes.\n\nObrigada,\nMaria Aparecida Souza\nMoradora de Campo Grande")
PAGES = [(1, FREE_FORM)]


def _reply(tmp_path: Path):
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.documents.process import text_document

    text = text_document("mensagem.txt", FREE_FORM.encode(), FREE_FORM.split("\n\n"))
    return reply_to_pages("mensagem.txt", text, "", LetterFields.from_dict({"city": "Rio de Janeiro"}))


def test_only_what_the_document_says_is_kept() -> None:
    answer = ("Remetente: Maria Aparecida Souza\nCargo: Moradora de Campo Grande\nÓrgão: Associação Inventada S.A.\n"
              "Assunto: calçada quebrada na Rua das Flores")
    guess = read_guess(answer, PAGES)
    assert guess.values == {"name": "Maria Aparecida Souza", "office": "Moradora de Campo Grande",
                            "subject": "calçada quebrada na Rua das Flores"}  # the organization is not in it
    assert read_guess("Remetente: João da Silva\nAssunto: licitação de merenda escolar", PAGES).values == {}
    # Our own prompt echoed back gives nothing: its placeholders are not the document's words.
    assert read_guess(QUESTION, PAGES).values == {}
    assert all(label in QUESTION for label in LABELS.values())


def test_an_echoing_model_guesses_nothing(loaded_backend, tmp_path: Path) -> None:
    reply = _reply(tmp_path)
    assert not reply.received.is_letter and reply.needs_guess
    task = GuessTask.prepare(reply, ReasoningPolicy(), loaded_backend.info)
    assert task is not None
    guess = task.run(direct_context(EchoBackend(loaded_backend), CancelToken()))
    # The echo holds the whole document too: whatever is kept is the document's own words, never a label.
    for value in guess.values.values():
        assert value.lower() in FREE_FORM.lower() or all(w in FREE_FORM.lower() for w in value.lower().split())
        assert not any(label.lower() in value.lower() for label in LABELS.values())


def test_the_real_models_guess_is_marked_and_from_the_document(loaded_backend, tmp_path: Path) -> None:
    reply = _reply(tmp_path)
    task = GuessTask.prepare(reply, ReasoningPolicy(), loaded_backend.info)
    guess = task.run(direct_context(loaded_backend, CancelToken()))
    guessed = reply.with_guess(guess)
    assert guessed.guessed == list(guess.values)
    folded = " ".join(FREE_FORM.lower().split())
    for key in ("name", "office"):
        if key in guess.values:
            assert guess.values[key].lower() in folded
    if "name" in guess.values:
        assert guessed.fields.addressee.name == guess.values["name"]
    assert guessed.as_dict()["guessed"] == guessed.guessed
    # A letter whose structure gave sender and subject asks the model nothing.
    letter = read_received([(1, "OFÍCIO Nº 3/2026/SMF\n\nRio de Janeiro, 2 de março de 2026.\n\nAssunto: Compras."
                                "\n\nSenhor Diretor,\n\nSolicito a lista.\n\nAtenciosamente,\n\nANA LIMA\nDiretora")])
    assert letter.is_letter and letter.sender.name == "Ana Lima"
    assert guess_messages(PAGES)[1].content.count(FREE_FORM) == 1


def test_the_draft_page_marks_what_the_model_guessed(gui_with_model, qtbot, tmp_path: Path) -> None:
    received = tmp_path / "mensagem.txt"
    received.write_text(FREE_FORM, encoding="utf-8")
    page = gui_with_model.window.draft_page
    page.reply_to(received)
    qtbot.waitUntil(lambda: page.reply_job is None, timeout=20_000)
    assert page.reply is not None and page.reply.needs_guess
    qtbot.waitUntil(lambda: page.request is None, timeout=120_000)
    marked = [key for key, widget in page.form.widgets.items() if widget.property("guessed")]
    assert sorted(marked) == sorted({"name": "addressee.name", "office": "addressee.office",
                                     "organization": "addressee.address", "subject": "subject"}[k]
                                    for k in page.reply.guessed)
    folded = " ".join(FREE_FORM.lower().split())
    if "addressee.name" in marked:
        assert page.form["addressee.name"].text().lower() in folded
    assert page.status.text()  # says what the model found, or that nothing more was found
    page.new_action()
    assert not any(widget.property("guessed") for widget in page.form.widgets.values())


def test_a_free_form_letter_on_the_command_line(model_path: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    import json

    from rio_desktop import __main__ as cli

    monkeypatch.setenv("RIO_DESKTOP_HOME", str(tmp_path / "home"))
    received = tmp_path / "mensagem.txt"
    received.write_text(FREE_FORM, encoding="utf-8")
    (tmp_path / "ours.json").write_text(json.dumps({"city": "Rio de Janeiro", "number": 9, "year": 2026}),
                                        encoding="utf-8")
    (tmp_path / "notes.txt").write_text("A calçada será consertada em janeiro.", encoding="utf-8")
    assert cli.main(["draft", "--reply-to", str(received), "--fields", str(tmp_path / "ours.json"), "--notes",
                     str(tmp_path / "notes.txt"), "--model", str(model_path), "--ctx", "2048", "--threads", "2",
                     "--seed", "1", "-o", str(tmp_path / "resposta.docx"), "--json"]) == 0
    captured = capsys.readouterr()
    reply_to = json.loads(captured.out)["reply_to"]
    assert any("does not look like a letter" in p for p in reply_to["problems"])
    assert isinstance(reply_to["guessed"], list)
    if reply_to["sender"]["name"]:  # only ever the document's own words
        assert "name" in reply_to["guessed"] and reply_to["sender"]["name"].lower() in FREE_FORM.lower()
