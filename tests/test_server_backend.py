"""The server backend: against llama-cpp-python's own OpenAI-compatible server with the test model, and
against a small server that misbehaves on demand."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import pytest
from openai_faults import FaultyServer
from pdf_factory import text_pdf

from rio_desktop.documents.letter import SYSTEM_PROMPT, body_prompt, compose, load_templates
from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.documents.pdf_text import read_pdf
from rio_desktop.documents.summarize import Summarizer
from rio_desktop.engine.backend import CancelToken, ChatMessage, GenerationParams
from rio_desktop.engine.errors import GenerationCancelled
from rio_desktop.engine.server_backend import (
    OpenAIServerBackend,
    ServerConfig,
    ServerError,
    StreamInterrupted,
    check_connection,
)
from rio_desktop.resources import resource_path

KEY = "sk-rio-teste-123"
QUESTION = [ChatMessage("user", "Write a long paragraph about the city hall of Rio de Janeiro.")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# llama-cpp-python's own server, with llama.cpp's backends loaded first the way the application loads them:
# the build has dynamic backends, which llama.cpp alone does not find in the package's folder.
SERVER_WITH_BACKENDS = """
import runpy, sys
from rio_desktop.engine import backend_probe
backend_probe.ensure()
sys.argv[0] = "llama_cpp.server"
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
"""


class LlamaServer:
    """`python -m llama_cpp.server` with the test model, on 127.0.0.1."""

    key = KEY

    def __init__(self, model: Path, extra: Sequence[str] = ()) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER_WITH_BACKENDS, "--model", str(model), "--n_ctx", "2048", "--host",
             "127.0.0.1", "--port", str(self.port), "--api_key", KEY, "--model_alias", "rio-teste", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(f"{self.url}/models", headers={"Authorization": f"Bearer {KEY}"})
                urllib.request.urlopen(request, timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("llama_cpp.server did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


@pytest.fixture(scope="module")
def llama_server(model_path: Path):
    server = LlamaServer(model_path)
    yield server
    server.stop()


@pytest.fixture
def backend(llama_server: LlamaServer) -> OpenAIServerBackend:
    backend = OpenAIServerBackend(ServerConfig(base_url=llama_server.url, api_key=KEY, n_ctx=2048))
    backend.load()
    return backend


def test_connect_and_stream(backend: OpenAIServerBackend, llama_server: LlamaServer) -> None:
    report = check_connection(ServerConfig(base_url=llama_server.url, api_key=KEY))
    assert report["models"] == ["rio-teste"] and report["latency_s"] < 5
    pieces: list[str] = []
    result = backend.chat(QUESTION, GenerationParams(max_tokens=40, temperature=0.0), on_text=pieces.append)
    assert len(pieces) > 5 and "".join(pieces) == result.text and result.finish_reason in ("stop", "length")
    assert backend.count_tokens("Prefeitura do Rio de Janeiro") > 2


def test_the_answer_keeps_its_budget_when_room_was_left_for_reasoning(backend: OpenAIServerBackend) -> None:
    """This server hides its template (reasoning mode unknown): the request leaves room for reasoning, and
    the answer still ends at max_tokens, as on the local engine (it ran on to 1,029 tokens before)."""
    assert backend.info is not None and backend.info.reasoning_mode == "unknown"
    long_report = [ChatMessage("user", "Write a long, detailed report on public transport in Rio de Janeiro.")]
    result = backend.chat(long_report, GenerationParams(max_tokens=5, temperature=0.0))
    assert result.finish_reason == "length" and 1 <= result.stats.generated_tokens <= 5, result.stats
    without = backend.chat(long_report, GenerationParams(max_tokens=5, temperature=0.0, reasoning=False))
    assert without.finish_reason == "length" and without.stats.generated_tokens <= 5


def test_summarize_and_draft_through_the_server(backend: OpenAIServerBackend, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "memo.pdf", 3, sentences=3))
    result = Summarizer(backend).run(document)
    assert result.points and all(set(p.pages) <= {1, 2, 3} for p in result.points)
    templates, _ = load_templates(resource_path("templates"))
    template = next(t for t in templates if t.id == "oficio")
    fields = LetterFields.from_dict({"number": 1, "year": 2026, "subject": "Teste", "relation": "same",
                                     "addressee": {"office": "Diretora", "gender": "f", "treatment": "senhoria"},
                                     "signatory": {"name": "Ana", "office": "Chefe"}})
    prompt = body_prompt(template, fields, "Pedir papel.")
    messages = [ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", prompt)]
    letter = compose(template, fields, backend.chat(messages, GenerationParams(max_tokens=60)).text)
    assert letter.vocative == "Senhora Diretora," and letter.body


def test_cancel_closes_the_stream_and_the_server_serves_the_next(backend: OpenAIServerBackend) -> None:
    cancel = CancelToken()
    seen: list[float] = []

    def on_text(_text: str) -> None:
        if len(seen) == 3:
            threading.Thread(target=cancel.cancel).start()
        seen.append(time.monotonic())

    with pytest.raises(GenerationCancelled) as info:
        backend.chat(QUESTION, GenerationParams(max_tokens=1500, temperature=0.0), on_text, cancel)
    # Measured from the cancel (the fourth piece), not from the start: a busy machine may take long to
    # process the prompt, which is not what is tested.
    assert info.value.partial.text and time.monotonic() - seen[3] < 5
    after = backend.chat(QUESTION, GenerationParams(max_tokens=5, temperature=0.0))
    assert after.text


def test_server_stopped_mid_stream_keeps_the_partial_answer(model_path: Path) -> None:
    server = LlamaServer(model_path)
    backend = OpenAIServerBackend(ServerConfig(base_url=server.url, api_key=KEY, read_timeout=5))
    backend.load()
    pieces: list[str] = []

    def on_text(text: str) -> None:
        pieces.append(text)
        if len(pieces) == 3:
            server.stop()

    with pytest.raises(StreamInterrupted) as info:
        backend.chat(QUESTION, GenerationParams(max_tokens=1500, temperature=0.0), on_text)
    assert info.value.partial.text == "".join(pieces) and "incomplete" in str(info.value.message)
    with pytest.raises(ServerError) as unreachable:
        backend.chat(QUESTION, GenerationParams(max_tokens=5))
    assert "refused the connection" in str(unreachable.value.message)


def test_wrong_key(llama_server: LlamaServer) -> None:
    with pytest.raises(ServerError) as info:
        OpenAIServerBackend(ServerConfig(base_url=llama_server.url, api_key="sk-errada")).load()
    assert "API key" in str(info.value.message)


def test_unknown_model(llama_server: LlamaServer) -> None:
    with pytest.raises(ServerError) as info:
        OpenAIServerBackend(ServerConfig(base_url=llama_server.url, api_key=KEY, model="gpt-99")).load()
    assert "no model 'gpt-99'" in str(info.value.message)


@pytest.mark.parametrize("mode", ["ok", "429", "503", "stall", "drop", "malformed"])
def test_faults(mode: str) -> None:
    with FaultyServer(mode) as server:
        backend = OpenAIServerBackend(ServerConfig(base_url=server.url, read_timeout=1.0, retries=2))
        info = backend.load()
        assert info.context_trained == 262144 and backend.context_size() == 262144
        params = GenerationParams(max_tokens=20)
        if mode == "503":
            started = time.monotonic()
            with pytest.raises(ServerError) as error:
                backend.chat(QUESTION, params)
            assert "overloaded" in str(error.value.message) and server.requests == 3
            assert time.monotonic() - started >= 2.5  # backed off 1 s, then 2 s
        elif mode in ("stall", "drop"):
            with pytest.raises(StreamInterrupted) as error:
                backend.chat(QUESTION, params)
            assert error.value.partial.text == "Olá, prezado "
        else:
            result = backend.chat(QUESTION, params)
            assert result.text == "Olá, prezado senhor."
            assert server.requests == (2 if mode == "429" else 1)
        assert backend.count_tokens("abcdefghij" * 7) == 21  # no tokenizer endpoint: estimated


def test_unreachable_and_tls_messages(tmp_path: Path) -> None:
    port = _free_port()
    with pytest.raises(ServerError) as info:
        OpenAIServerBackend(ServerConfig(base_url=f"http://127.0.0.1:{port}/v1", connect_timeout=2)).load()
    assert "refused the connection" in str(info.value.message)
    with FaultyServer() as server:  # plain HTTP spoken to as HTTPS: the TLS handshake fails
        url = server.url.replace("http://", "https://")
        with pytest.raises(ServerError) as tls:
            OpenAIServerBackend(ServerConfig(base_url=url, connect_timeout=2)).load()
    assert "secure connection" in str(tls.value.message) and "CA file" in str(tls.value.message)


def test_the_api_key_lives_in_the_keyring_only(qtbot, tmp_path: Path, llama_server: LlamaServer) -> None:
    from conftest import paths_under

    from rio_desktop.secrets import SERVER_KEY, get_secret
    from rio_desktop.ui.app import Gui
    from rio_desktop.ui.settings_dialog import SettingsDialog

    gui = Gui(paths_under(tmp_path / "home"))
    qtbot.addWidget(gui.window)
    dialog = SettingsDialog(gui.settings, gui.jobs, gui.window)
    dialog.server.backend.setCurrentIndex(dialog.server.backend.findData("server"))
    dialog.server.server_url.setText(llama_server.url)
    dialog.server.server_key.setText(KEY)
    dialog.accept()
    assert get_secret(SERVER_KEY) == KEY
    with qtbot.waitSignal(gui.worker.loaded, timeout=30_000):
        gui.window.apply_backend()
    assert gui.worker.model_info.name == "rio-teste"
    assert gui.shutdown(5)
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
    assert json.loads((tmp_path / "home" / "config" / "settings.json").read_text())["server_url"] == llama_server.url


def test_privacy_guard_sends_placeholders_and_restores_the_answer(qtbot, tmp_path: Path, monkeypatch) -> None:
    from conftest import paths_under

    from rio_desktop.ui import privacy
    from rio_desktop.ui.app import Gui

    with FaultyServer("echo") as server:
        gui = Gui(paths_under(tmp_path / "home"))
        qtbot.addWidget(gui.window)
        gui.settings.update(backend="server", server_url=server.url)
        with qtbot.waitSignal(gui.worker.loaded, timeout=30_000):
            gui.window.apply_backend()
        asked: list[str] = []
        monkeypatch.setattr(privacy, "privacy_choice", lambda _parent, text: asked.append(text) or True)
        page = gui.window.draft_page
        page.notes.setPlainText("Responder ao CPF 529.982.247-25, e-mail maria@exemplo.com.br.")
        page.generate_action()
        qtbot.waitUntil(lambda: page.request is None, timeout=30_000)
        sent = json.dumps(server.bodies[-1], ensure_ascii=False)
        assert "529.982.247-25" not in sent and "maria@exemplo.com.br" not in sent
        assert "[CPF_1]" in sent and "[EMAIL_1]" in sent
        body = page.body.toPlainText()
        assert "529.982.247-25" in body and "maria@exemplo.com.br" in body and "[CPF_1]" not in body
        assert asked and gui.shutdown(5)


def test_the_command_line_uses_the_server_too(llama_server: LlamaServer, tmp_path: Path) -> None:
    """Every command that takes --model takes --server: an IT desk's scripts use the organisation's server as
    the window does. The key comes from the environment (scripts) or the keyring, never an argument."""
    import os

    pdf = text_pdf(tmp_path / "memo.pdf", 2, sentences=2)
    env = {**os.environ, "RIO_SERVER_API_KEY": KEY, "RIO_DESKTOP_HOME": str(tmp_path / "home")}
    run = [sys.executable, "-m", "rio_desktop"]
    generated = subprocess.run([*run, "generate", "--server", llama_server.url, "--max-tokens", "8", "--stats",
                                "Diga olá."], capture_output=True, text=True, timeout=120, env=env)
    assert generated.returncode == 0, generated.stderr
    assert generated.stdout.strip() and json.loads(generated.stderr.strip().splitlines()[-1])["generated_tokens"]
    summary = subprocess.run([*run, "summarize", str(pdf), "--server", llama_server.url, "--server-model",
                              "rio-teste", "--json"], capture_output=True, text=True, timeout=300, env=env)
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["model"] == "rio-teste"
    refused = subprocess.run([*run, "generate", "--server", llama_server.url, "Olá"], capture_output=True,
                             text=True, timeout=60, env={**env, "RIO_SERVER_API_KEY": "errada"})
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "Traceback" not in refused.stderr and "unexpected" not in refused.stderr


def test_the_command_line_verifies_the_server_with_the_organisations_ca(llama_server: LlamaServer,
                                                                       tmp_path: Path) -> None:
    """An organisation's server behind HTTPS with a certificate from its own CA: the command line verifies it
    with the CA file saved in Settings (the window's way) or named with --server-ca, refuses it otherwise
    with a message that says what to do, and --no-verify-tls is there for a test installation."""
    import os

    from tls_front import TlsFront, organisation_ca

    from rio_desktop.settings import Settings

    ca, cert, key = organisation_ca(tmp_path / "ca")
    with TlsFront(llama_server.port, cert, key) as front:
        url = f"https://127.0.0.1:{front.port}/v1"
        homes = {name: tmp_path / name for name in ("saved", "bare")}
        Settings(homes["saved"] / "config").update(backend="server", server_url=url, server_ca_bundle=str(ca),
                                                   server_model="rio-teste")

        def generate(home: str, *server: str) -> subprocess.CompletedProcess[str]:
            env = {**os.environ, "RIO_SERVER_API_KEY": KEY, "RIO_DESKTOP_HOME": str(homes[home])}
            return subprocess.run([sys.executable, "-m", "rio_desktop", "generate", *server, "--max-tokens", "4",
                                   "--temperature", "0", "Diga olá."], capture_output=True, text=True,
                                  timeout=120, env=env)

        refused = generate("bare", "--server", url)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "secure connection" in refused.stderr and "CA file" in refused.stderr, refused.stderr
        assert front.handshakes_refused >= 1
        answers = [generate("saved", "--server"), generate("saved", "--server", url),
                   generate("bare", "--server", url, "--server-ca", str(ca), "--server-model", "rio-teste"),
                   generate("bare", "--server", url, "--no-verify-tls", "--server-model", "rio-teste")]
        for answer in answers:
            assert answer.returncode == 0, answer.stderr
        assert len({answer.stdout for answer in answers}) == 1 and answers[0].stdout.strip()
        unset = generate("bare", "--server")
        assert unset.returncode != 0 and "--server URL" in unset.stderr


def test_a_wrong_address_says_how_to_fix_it(llama_server: LlamaServer) -> None:
    """Something answers at the address, but not the API (404): the message names the address and /v1
    instead of a bare status code."""
    wrong = llama_server.url.removesuffix("/v1") + "/painel"
    with pytest.raises(ServerError) as caught:
        check_connection(ServerConfig(base_url=wrong, api_key=KEY, retries=0))
    text = str(caught.value.message)
    assert wrong in text and "/v1" in text
