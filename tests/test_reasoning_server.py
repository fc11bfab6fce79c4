"""The server backend with reasoning models: the separate `reasoning_content` field (vLLM, llama-server's
default) and reasoning inline between tags, against a scripted OpenAI-compatible server (llama-cpp-python's
own server has neither a reasoning field nor a /props endpoint), and llama-cpp-python's real server with
the Qwen3.5 template switched off at start."""

from __future__ import annotations

import pytest
from gguf_factory import TEMPLATES
from openai_faults import FaultyServer
from test_reasoning import ANSWER, REASONING, _chunkings

from rio_desktop.engine.backend import ChatMessage, GenerationParams
from rio_desktop.engine.reasoning import ReasoningProgress
from rio_desktop.engine.server_backend import OpenAIServerBackend, ServerConfig

QUESTION = [ChatMessage("user", "Explique o que é um ofício.")]


def _run(server: FaultyServer, params: GenerationParams | None = None):
    params = params or GenerationParams(max_tokens=50)
    backend = OpenAIServerBackend(ServerConfig(base_url=server.url))
    backend.load()
    texts: list[str] = []
    seen: list[ReasoningProgress] = []
    result = backend.chat(QUESTION, params, on_text=texts.append, on_reasoning=seen.append)
    assert "".join(texts) == result.text
    return backend, result, seen


def test_reasoning_content_field() -> None:
    with FaultyServer("script") as server:
        server.scripts = [[{"role": "assistant"}, *({"reasoning_content": w} for w in REASONING.split(" ")),
                           *({"content": w} for w in ANSWER.split(" "))]]
        backend, result, seen = _run(server)
    assert backend.info.reasoning_mode == "unknown"
    assert result.text == ANSWER.replace(" ", "") and result.reasoning == REASONING.replace(" ", "")
    assert result.stats.reasoning_tokens == len(REASONING.split(" "))
    assert seen and "".join(p.text for p in seen) == result.reasoning


@pytest.mark.parametrize("output", [f"<think>\n{REASONING}\n</think>\n\n{ANSWER}", ANSWER])
def test_inline_tags_split_across_events(output: str) -> None:
    expected = REASONING if output.startswith("<think>") else ""
    chunkings = _chunkings(output)[::9]  # a sample: each is a full request
    with FaultyServer("script") as server:
        server.scripts = [[{"content": piece} for piece in chunks] for chunks in chunkings]
        backend = OpenAIServerBackend(ServerConfig(base_url=server.url))
        backend.load()
        for chunks in chunkings:
            result = backend.chat(QUESTION, GenerationParams(max_tokens=50))
            assert (result.reasoning, result.text) == (expected, ANSWER), chunks


def test_inline_without_opening_tag_when_the_server_shows_its_template() -> None:
    """llama-server shows the template at /props: Qwen3.5's prompt ends inside the block, so text before
    the closing tag is reasoning, and is streamed as reasoning (not held) from the first word."""
    with FaultyServer("script") as server:
        server.props = {"chat_template": (TEMPLATES / "Qwen3.5-4B.jinja").read_text(encoding="utf-8")}
        server.scripts = [[{"content": REASONING[:10]}, {"content": REASONING[10:] + "\n</th"},
                           {"content": "ink>\n\n" + ANSWER}]]
        backend, result, seen = _run(server, GenerationParams(max_tokens=50, reasoning=True))
    assert backend.info.reasoning_mode == "switchable"
    assert (result.reasoning, result.text) == (REASONING, ANSWER)
    assert seen[0].text == REASONING[:10] and seen[-1].done
    assert server.bodies[0]["chat_template_kwargs"] == {"enable_thinking": True}


def test_thinking_switch_is_sent_only_when_chosen() -> None:
    with FaultyServer("script") as server:
        server.scripts = [[{"content": ANSWER}], [{"content": ANSWER}]]
        _run(server, GenerationParams(max_tokens=50, reasoning=False, reasoning_budget=0))
        _run(server, GenerationParams(max_tokens=50))
    assert server.bodies[0]["chat_template_kwargs"] == {"enable_thinking": False}
    assert "chat_template_kwargs" not in server.bodies[1]


def test_reasoning_over_budget_asks_again_without_it() -> None:
    """A server cannot be made to close the block mid-stream: past the budget the request is stopped and
    asked again with thinking off, so an answer still comes."""
    with FaultyServer("script") as server:
        server.scripts = [[{"reasoning_content": f"passo {i} "} for i in range(40)],
                          [{"content": ANSWER}]]
        _, result, seen = _run(server, GenerationParams(max_tokens=50, reasoning=True, reasoning_budget=8))
    assert result.text == ANSWER
    assert result.stats.reasoning_tokens == 9  # stopped at the first token past the budget
    assert server.requests == 2 and server.bodies[1]["chat_template_kwargs"] == {"enable_thinking": False}


def test_llama_cpp_server_with_the_qwen35_template(template_models, tmp_path) -> None:
    """llama-cpp-python's real server with Qwen3.5's template, started with thinking off (it takes the
    switch at start only; a request's chat_template_kwargs is accepted and ignored): no reasoning, an
    answer without tags."""
    from test_server_backend import LlamaServer

    server = LlamaServer(template_models["qwen3.5"],
                         extra=["--chat_template_kwargs", '{"enable_thinking": false}'])
    try:
        backend = OpenAIServerBackend(ServerConfig(base_url=server.url, api_key=server.key))
        backend.load()
        result = backend.chat(QUESTION, GenerationParams(max_tokens=12, reasoning=False, reasoning_budget=0,
                                                         seed=1))
    finally:
        server.stop()
    assert result.text.strip() and result.reasoning == "" and result.stats.reasoning_tokens == 0
    assert "<think>" not in result.text and "</think>" not in result.text


def test_a_server_that_hides_its_template_and_the_reasoning_field() -> None:
    """With reasoning on, text is held until a closing tag shows it was reasoning or the end shows it was
    the answer; past the budget without a closing tag it is taken for reasoning that never ends."""
    with FaultyServer("script") as server:
        server.scripts = [[{"content": "Okay, "}, {"content": "the user</th"}, {"content": "ink>\n\n" + ANSWER}],
                          [{"content": ANSWER}],
                          [{"content": f"passo {i} "} for i in range(40)], [{"content": ANSWER}]]
        backend = OpenAIServerBackend(ServerConfig(base_url=server.url))
        backend.load()
        on = GenerationParams(max_tokens=50, reasoning=True, reasoning_budget=8)
        first = backend.chat(QUESTION, on)
        assert (first.reasoning, first.text) == ("Okay, the user", ANSWER)
        second = backend.chat(QUESTION, on)  # a model that does not reason: the answer, whole, at the end
        assert (second.reasoning, second.text) == ("", ANSWER)
        third = backend.chat(QUESTION, on)
        assert third.text == ANSWER and server.requests == 4
        assert server.bodies[3]["chat_template_kwargs"] == {"enable_thinking": False}
