"""The second backend: the organisation's own OpenAI-compatible server (llama-server, vLLM, or
llama-cpp-python's server), spoken to over HTTP with streamed server-sent events.

Cancel shuts the connection's socket down, which ends a blocked read at once. A stream that stops
before its end keeps what arrived and is marked incomplete. Token counts come from the server where it
offers them (llama-server's /tokenize, llama-cpp-python's /extras/tokenize/count); otherwise they are
estimated at one token per 3.5 characters, which errs on the long side for Portuguese and English.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rio_desktop.engine.backend import (
    DEFAULT_CONTEXT,
    Backend,
    CancelToken,
    ChatMessage,
    Generation,
    GenerationParams,
    GenerationStats,
    LoadParams,
    ModelInfo,
    ReasoningCallback,
    StepCallback,
    TextCallback,
)
from rio_desktop.engine.chat_template import ChatTemplate, ChatTemplateError
from rio_desktop.engine.errors import EngineError, GenerationCancelled, GenerationError
from rio_desktop.engine.reasoning import (
    ReasoningMode,
    ReasoningProgress,
    ReasoningSplitter,
    ends_inside_reasoning,
    reasoning_mode,
)
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.network import server_problem

log = logging.getLogger(__name__)
CHARS_PER_TOKEN = 3.5
RETRY_STATUSES = (429, 503)


@dataclass(frozen=True)
class ServerConfig:
    base_url: str  # e.g. https://llm.prefeitura.rio/v1 or http://10.0.0.5:8080
    model: str = ""
    api_key: str | None = None  # from the keyring, never stored with the rest
    verify_tls: bool = True
    ca_bundle: str = ""  # the organisation's CA, PEM
    connect_timeout: float = 10.0
    read_timeout: float = 120.0  # no byte for this long: the stream is considered stopped
    n_ctx: int = DEFAULT_CONTEXT  # used when the server does not say
    retries: int = 3


class ServerError(EngineError):
    """The server could not be used; the message says what to do."""


def _api_root(base_url: str) -> str:
    url = base_url.rstrip("/")
    return url[: -len("/v1")] if url.endswith("/v1") else url


class _Connection:
    """One HTTP exchange whose socket another thread can shut down (cancel)."""

    def __init__(self, config: ServerConfig, method: str, path: str, body: dict | None) -> None:
        root = urllib.parse.urlsplit(_api_root(config.base_url))
        if root.scheme == "https":
            context = ssl.create_default_context(cafile=config.ca_bundle or None)
            if not config.verify_tls:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            self.conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                root.hostname or "", root.port, timeout=config.connect_timeout, context=context)
        else:
            self.conn = http.client.HTTPConnection(root.hostname or "", root.port, timeout=config.connect_timeout)
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                   "User-Agent": "rio-desktop"}
        if config.api_key:
            headers["Authorization"] = f"Bearer {config.api_key}"
        self.conn.connect()
        assert self.conn.sock is not None
        self.conn.sock.settimeout(config.read_timeout)
        self.conn.request(method, f"{root.path.rstrip('/')}{path}",
                          body=json.dumps(body).encode() if body is not None else None, headers=headers)
        self.response = self.conn.getresponse()

    def abort(self) -> None:
        sock = self.conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.conn.close()


class OpenAIServerBackend(Backend):
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._info: ModelInfo | None = None
        self._tokenizer: str | None = None  # "/tokenize", "/extras/tokenize/count" or "estimate"
        self._n_ctx = config.n_ctx
        self._template: ChatTemplate | None = None  # llama-server shows it at /props; vLLM does not
        self._last_reasoning_tokens = 0

    # -- errors --------------------------------------------------------------------------------------
    def _unreachable(self, exc: Exception) -> ServerError:
        problem = server_problem(exc, self.config.base_url)
        if problem is not None:
            return ServerError(problem.message)
        return ServerError(Message(QT_TRANSLATE_NOOP(
            "Core", "The server {url} cannot be reached ({detail}). Check the address in Settings and the "
                    "network, or ask IT whether the server is running."),
            url=self.config.base_url, detail=str(exc) or type(exc).__name__))

    def _status_error(self, status: int, body: str) -> ServerError:
        lowered = body.lower()
        if status == 401 or status == 403:
            return ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "The server refused the API key ({status}). Check the key in Settings."), status=status))
        if status == 404 and "model" in lowered:
            return ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "The server has no model '{model}'. Choose one of its models in Settings."),
                model=self.config.model))
        if "context" in lowered and status in (400, 413):
            return ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "The text is too long for the server's model context. Shorten it, or ask IT for a "
                        "longer context.")))
        if status in RETRY_STATUSES:
            return ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "The server is overloaded ({status}) and did not recover after several tries. Try "
                        "again in a few minutes."), status=status))
        if status == 404:  # something answers at that address, but not an OpenAI-compatible API
            return ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "{url} answers, but not as an OpenAI-compatible server (404). Check the address: it "
                        "usually ends in /v1; your IT department has it."), url=self.config.base_url))
        detail = " ".join(body.split())[:200]
        if not detail:
            return ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "The server answered with error {status} and gave no reason. Ask your IT department "
                        "whether it is working."), status=status))
        return ServerError(Message(QT_TRANSLATE_NOOP(
            "Core", "The server answered with error {status}: {detail}"), status=status, detail=detail))

    def _open(self, method: str, path: str, body: dict | None, cancel: CancelToken | None = None) -> _Connection:
        """A response with status 2xx, after retrying an overloaded server with backoff."""
        for attempt in range(self.config.retries + 1):
            try:
                connection = _Connection(self.config, method, path, body)
            except (OSError, http.client.HTTPException) as exc:
                raise self._unreachable(exc) from exc
            status = connection.response.status
            if 200 <= status < 300:
                return connection
            detail = connection.response.read().decode("utf-8", "replace")
            retry_after = connection.response.getheader("Retry-After")
            connection.close()
            if status in RETRY_STATUSES and attempt < self.config.retries:
                delay = float(retry_after) if retry_after and retry_after.isdigit() else 2.0 ** attempt
                log.info("server busy (%d); retrying in %.1f s", status, delay)
                deadline = time.monotonic() + min(delay, 30.0)
                while time.monotonic() < deadline:
                    if cancel is not None and cancel.cancelled:
                        raise GenerationCancelled(Generation("", "cancelled"))
                    time.sleep(0.05)
                continue
            raise self._status_error(status, detail)
        raise AssertionError("unreachable")

    def _json(self, method: str, path: str, body: dict | None = None) -> Any:
        connection = self._open(method, path, body)
        try:
            return json.loads(connection.response.read().decode("utf-8"))
        except ValueError as exc:
            raise ServerError(Message(QT_TRANSLATE_NOOP(
                "Core", "The server at {url} does not speak the OpenAI-compatible API."),
                url=self.config.base_url)) from exc
        finally:
            connection.close()

    # -- Backend -------------------------------------------------------------------------------------
    @property
    def info(self) -> ModelInfo | None:
        return self._info

    def models(self) -> list[dict]:
        data = self._json("GET", "/v1/models")
        return list(data.get("data", [])) if isinstance(data, dict) else []

    def load(self, params: LoadParams | None = None, cancel: CancelToken | None = None,
             progress: Callable[[float], None] | None = None) -> ModelInfo:
        """"Loading" a server model: check the server and the model, read what it advertises."""
        started = time.perf_counter()
        models = self.models()
        ids = [m.get("id", "") for m in models]
        model = self.config.model or (ids[0] if ids else "")
        if model not in ids:
            raise self._status_error(404, f"model {model} not found; available: {', '.join(ids)}")
        entry = models[ids.index(model)]
        meta = entry.get("meta") or {}
        advertised = meta.get("n_ctx") or meta.get("n_ctx_train") or entry.get("max_model_len")
        if isinstance(advertised, int) and advertised > 0:
            self._n_ctx = advertised
        self.config = ServerConfig(**{**self.config.__dict__, "model": model})
        self._template = self._server_template()
        mode: ReasoningMode = reasoning_mode(self._template) if self._template is not None else "unknown"
        self._info = ModelInfo(path=Path(model), name=model, architecture="server", parameters=int(
            meta.get("n_params") or 0), quantization="", context_trained=advertised if isinstance(advertised, int)
            else None, context_used=self._n_ctx, backend=f"server {urllib.parse.urlsplit(self.config.base_url).netloc}",
            n_gpu_layers=0, file_bytes=int(meta.get("size") or 0), load_seconds=time.perf_counter() - started,
            reasoning_mode=mode)
        if progress:
            progress(1.0)
        return self._info

    def _server_template(self) -> ChatTemplate | None:
        """The model's chat template, where the server shows it (llama-server's /props): it tells whether
        the prompt ends inside a think block, so reasoning without an opening tag is recognised."""
        try:
            data = self._json("GET", "/props")
            source = data.get("chat_template") if isinstance(data, dict) else None
            return ChatTemplate(source) if isinstance(source, str) and source.strip() else None
        except (ServerError, ChatTemplateError):
            return None

    def _starts_inside(self, messages: Sequence[ChatMessage], reasoning: bool | None) -> bool | None:
        """Whether the server's prompt ends inside a think block. Where the template is unknown: None
        (undecided) when reasoning was asked for, else no block is assumed (the answer streams at once)."""
        if self._template is None:
            return None if reasoning else False
        try:
            return ends_inside_reasoning(self._template.render([m.as_dict() for m in messages],
                                                               enable_thinking=reasoning))
        except ChatTemplateError:
            return None

    def unload(self) -> None:
        self._info = None

    def context_size(self) -> int:
        return self._n_ctx

    def count_tokens(self, text: str) -> int:
        if not text:
            return 0
        if self._tokenizer in (None, "/tokenize"):
            try:
                data = self._json("POST", "/tokenize", {"content": text})
                self._tokenizer = "/tokenize"
                return len(data["tokens"])
            except (ServerError, KeyError, TypeError):
                if self._tokenizer == "/tokenize":
                    raise
        if self._tokenizer in (None, "/extras/tokenize/count"):
            try:
                data = self._json("POST", "/extras/tokenize/count", {"input": text, "model": self.config.model})
                self._tokenizer = "/extras/tokenize/count"
                return int(data["count"])
            except (ServerError, KeyError, TypeError, ValueError):
                if self._tokenizer == "/extras/tokenize/count":
                    raise
        self._tokenizer = "estimate"
        return int(len(text) / CHARS_PER_TOKEN) + 1

    def count_chat_tokens(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> int:
        # Chat templates add a handful of tokens per message around the text.
        return sum(self.count_tokens(m.content) + 6 for m in messages) + 3

    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams,
             on_text: TextCallback | None = None, cancel: CancelToken | None = None,
             on_reasoning: ReasoningCallback | None = None, on_step: StepCallback | None = None) -> Generation:
        """Streams the answer (the server reads the prompt on its own: `on_step` hears nothing). Reasoning
        arrives in a separate `reasoning_content` field (vLLM with a reasoning parser, llama-server's
        default) or inline between think tags; both go to `on_reasoning`. A server cannot be made to close
        the block mid-stream: when the reasoning passes its budget the request is stopped and asked again
        with thinking switched off."""
        cancel = cancel or CancelToken()
        started = time.perf_counter()
        result = self._stream(messages, params, on_text, cancel, on_reasoning, started)
        if result is None:  # over the reasoning budget: once more, without thinking
            log.info("reasoning passed its budget of %d tokens; asking again without it", params.reasoning_budget)
            again = GenerationParams(**{**params.__dict__, "reasoning": False, "reasoning_budget": 0})
            spent = self._last_reasoning_tokens
            result = self._stream(messages, again, on_text, cancel, on_reasoning, started, retry=True)
            assert result is not None
            result.stats.reasoning_tokens += spent
        return result

    def _stream(self, messages: Sequence[ChatMessage], params: GenerationParams, on_text: TextCallback | None,
                cancel: CancelToken, on_reasoning: ReasoningCallback | None, started: float,
                retry: bool = False) -> Generation | None:
        # The server counts reasoning and answer together: room for the reasoning only where there may be
        # some. The answer itself is held to params.max_tokens here, as the local engine does.
        mode = self._info.reasoning_mode if self._info is not None else "unknown"
        may_reason = params.reasoning is not False and mode != "never" and params.reasoning_budget > 0
        body: dict[str, Any] = {"model": self.config.model, "messages": [m.as_dict() for m in messages],
                                "max_tokens": params.max_tokens + (params.reasoning_budget if may_reason else 0),
                                "temperature": params.temperature, "top_p": params.top_p, "stream": True}
        if params.reasoning is not None:  # llama-server and vLLM pass it to the template; others ignore it
            body["chat_template_kwargs"] = {"enable_thinking": params.reasoning}
        if params.stop:
            body["stop"] = list(params.stop)
        if params.seed is not None:
            body["seed"] = params.seed
        connection = self._open("POST", "/v1/chat/completions", body, cancel)
        stats = GenerationStats(prompt_tokens=0)
        parts: list[str] = []
        thoughts: list[str] = []
        splitter = ReasoningSplitter(self._starts_inside(messages, params.reasoning))
        budget = max(0, params.reasoning_budget)
        finish = "incomplete"
        over_budget = False
        undecided = 0
        answered = 0  # answer events (about one token each)
        done = threading.Event()

        def think(text: str, closing: bool = False) -> None:
            if text:
                thoughts.append(text)
                stats.reasoning_tokens += 1  # one event is about one token
            if on_reasoning is not None and (text or closing):
                on_reasoning(ReasoningProgress(text, stats.reasoning_tokens, budget, closing))

        def answer(text: str) -> None:
            if text:
                if not parts:
                    stats.time_to_first_token_s = time.perf_counter() - started
                parts.append(text)
                if on_text is not None:
                    on_text(text)

        def watch() -> None:  # shut the socket down the moment the user cancels
            while not done.wait(0.02):
                if cancel.cancelled:
                    connection.abort()
                    return

        watcher = threading.Thread(target=watch, name="rio-server-cancel", daemon=True)
        watcher.start()
        try:
            for raw in connection.response:
                line = raw.decode("utf-8", "replace").strip()
                if not line.startswith("data:"):
                    continue  # comments, event names, keep-alives
                payload = line[5:].strip()
                if payload == "[DONE]":
                    finish = finish if finish != "incomplete" else "stop"
                    break
                try:
                    event = json.loads(payload)
                except ValueError:
                    log.warning("malformed event line from the server skipped: %.80s", payload)
                    continue
                choice = (event.get("choices") or [{}])[0]
                delta = choice.get("delta") or {}
                separate = delta.get("reasoning_content") or delta.get("reasoning") or ""
                if separate:
                    splitter.decide_no_block()  # the server separates reasoning: its content is the answer
                    think(separate)
                text = delta.get("content") or ""
                if text:
                    was_reasoning = splitter.reasoning and splitter.state != "undecided"
                    reasoning, answer_text = splitter.feed(text)
                    if reasoning or was_reasoning:
                        think(reasoning, closing=splitter.closed and was_reasoning)
                    answer(answer_text)
                    stats.generated_tokens += 1
                    answered += splitter.state == "answer"
                if separate:
                    stats.generated_tokens += 1
                if splitter.state == "undecided" and text:
                    undecided += 1
                # Past the budget: reasoning in either layout, or text that could still be reasoning (no
                # closing tag yet from a server that hides its template) and is longer than the budget.
                if not retry and not parts and (stats.reasoning_tokens > budget or undecided > budget):
                    over_budget = True
                    break
                usage = event.get("usage")
                if isinstance(usage, dict):
                    stats.prompt_tokens = int(usage.get("prompt_tokens") or 0)
                    stats.generated_tokens = int(usage.get("completion_tokens") or stats.generated_tokens)
                if choice.get("finish_reason"):
                    finish = "length" if choice["finish_reason"] == "length" else "stop"
                if may_reason and answered >= params.max_tokens and finish == "incomplete":
                    finish = "length"  # the answer's budget is spent; the rest of the room was for reasoning
                    break
        except (OSError, http.client.HTTPException) as exc:
            if not cancel.cancelled:
                log.warning("stream from %s stopped: %s", self.config.base_url, exc)
        finally:
            done.set()
            connection.close()
        if over_budget and not cancel.cancelled:
            self._last_reasoning_tokens = stats.reasoning_tokens + undecided
            return None
        reasoning, rest = splitter.flush()
        think(reasoning)
        answer(rest)
        stats.total_s = time.perf_counter() - started
        if not stats.prompt_tokens:
            stats.prompt_tokens = stats.prompt_tokens_evaluated = self.count_chat_tokens(messages) \
                if not cancel.cancelled else 0
        stats.prompt_tokens_evaluated = stats.prompt_tokens_evaluated or stats.prompt_tokens
        result = Generation(text="".join(parts), finish_reason=finish, stats=stats,  # type: ignore[arg-type]
                            reasoning="".join(thoughts).strip())
        if cancel.cancelled:
            result.finish_reason = "cancelled"
            raise GenerationCancelled(result)
        if finish == "incomplete":
            raise StreamInterrupted(result, Message(QT_TRANSLATE_NOOP(
                "Core", "The server stopped in the middle of the answer. What arrived is kept and marked "
                        "incomplete; try again, or ask IT whether the server restarted.")))
        return result


class StreamInterrupted(GenerationError):
    """The stream ended before the server said it was done; `partial` holds what arrived."""

    def __init__(self, partial: Generation, message: Message) -> None:
        super().__init__(message)
        self.partial = partial


def server_models(config: ServerConfig) -> list[str]:
    """The model ids a server offers (for the Settings list)."""
    return [m.get("id", "") for m in OpenAIServerBackend(config).models()]


def check_connection(config: ServerConfig) -> dict:
    """What Settings' Test connection shows: reachable, models, advertised context, latency."""
    backend = OpenAIServerBackend(config)
    started = time.perf_counter()
    models = backend.models()
    latency = time.perf_counter() - started
    ids = [m.get("id", "") for m in models]
    info = backend.load() if ids else None
    return {"models": ids, "latency_s": latency, "context": info.context_trained if info else None,
            "model": info.name if info else ""}
