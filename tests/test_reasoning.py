"""Reasoning models: the template's mode, the split of streamed output, the policy per task, and the real
llama.cpp backend with the test model under real Qwen3.5, Qwen3 and Thinking templates."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from gguf_factory import TEMPLATES

from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams, task_params
from rio_desktop.engine.chat_template import CHATML_TEMPLATE, ChatTemplate
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.engine.reasoning import (
    ReasoningPlan,
    ReasoningPolicy,
    ReasoningProgress,
    ReasoningSplitter,
    ends_inside_reasoning,
    reasoning_mode,
    strip_reasoning,
)

QUESTION = [ChatMessage("system", "Você é um assistente da prefeitura."),
            ChatMessage("user", "Explique em uma frase o que é um ofício.")]


def _template(name: str) -> ChatTemplate:
    return ChatTemplate((TEMPLATES / name).read_text(encoding="utf-8"))


# -- the template's mode -------------------------------------------------------------------------------
def test_modes_of_the_real_templates() -> None:
    assert reasoning_mode(_template("Qwen3.5-4B.jinja")) == "switchable"
    assert reasoning_mode(_template("Qwen-Qwen3-0.6B.jinja")) == "switchable"
    assert reasoning_mode(_template("Thinking-only.jinja")) == "always"
    assert reasoning_mode(ChatTemplate(CHATML_TEMPLATE)) == "never"


def test_rendering_follows_enable_thinking() -> None:
    messages = [m.as_dict() for m in QUESTION]
    qwen35 = _template("Qwen3.5-4B.jinja")
    assert qwen35.render(messages).endswith("<think>\n")
    assert ends_inside_reasoning(qwen35.render(messages, enable_thinking=True))
    off = qwen35.render(messages, enable_thinking=False)
    assert off.endswith("<think>\n\n</think>\n\n") and not ends_inside_reasoning(off)
    qwen3 = _template("Qwen-Qwen3-0.6B.jinja")
    assert qwen3.render(messages).endswith("<|im_start|>assistant\n")  # the model opens the block itself
    assert qwen3.render(messages, enable_thinking=False).endswith("<think>\n\n</think>\n\n")
    thinking = _template("Thinking-only.jinja")
    assert ends_inside_reasoning(thinking.render(messages, enable_thinking=False))  # no switch


# -- the policy ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("choice", "task", "mode", "expected"), [
    ("auto", "letter", "switchable", ReasoningPlan(False, 0)),
    ("auto", "rewrite", "switchable", ReasoningPlan(False, 0)),
    ("auto", "notes", "switchable", ReasoningPlan(False, 0)),
    ("auto", "summary", "switchable", ReasoningPlan(True, 300)),
    ("auto", "answer", "switchable", ReasoningPlan(True, 300)),
    ("auto", "letter", "always", ReasoningPlan(None, 300)),  # cannot be switched off: it reasons, budgeted
    ("auto", "summary", "never", ReasoningPlan(None, 0)),
    ("auto", "letter", "unknown", ReasoningPlan(False, 0)),  # a server: ask for it off
    ("off", "summary", "switchable", ReasoningPlan(False, 0)),
    ("off", "summary", "always", ReasoningPlan(None, 0)),  # closed at once by the engine
    ("on", "letter", "switchable", ReasoningPlan(True, 300)),
    ("on", "letter", "always", ReasoningPlan(None, 300)),
])
def test_policy_per_task(choice, task, mode, expected) -> None:
    assert ReasoningPolicy(choice, 300).plan(task, mode) == expected


# -- splitting streamed output -------------------------------------------------------------------------
REASONING = "Okay, the user wants a letter. Let me think: <b> is not a tag, and 3 < 4."
ANSWER = "Prezado Senhor,\n\nInformamos que o pedido foi atendido."
CASES = [
    # (prompt ends inside, output, reasoning, answer)
    (True, f"{REASONING}\n</think>\n\n{ANSWER}", REASONING, ANSWER),  # Qwen3.5: no opening tag
    (False, f"<think>\n{REASONING}\n</think>\n\n{ANSWER}", REASONING, ANSWER),  # Qwen3: the model opens it
    (False, f"\n<think>{REASONING}</think>{ANSWER}", REASONING, ANSWER),
    (True, REASONING, REASONING, ""),  # never closed
    (False, f"<think>{REASONING}", REASONING, ""),
    (False, ANSWER, "", ANSWER),  # no reasoning at all
    (True, f"\n</think>\n\n{ANSWER}", "", ANSWER),  # closed at once
    (None, f"{REASONING}</think>\n\n{ANSWER}", REASONING, ANSWER),  # unknown prompt, closing tag shows it
    (None, f"<think>{REASONING}</think>{ANSWER}", REASONING, ANSWER),
    (None, ANSWER, "", ANSWER),
    # after its answer began, a model opens another block, or repeats a closing tag: never in the answer
    (True, f"{REASONING}</think>\n\nPrezado <think>hmm</think> Senhor", REASONING + "hmm", "Prezado Senhor"),
    (True, f"{REASONING}</think>{ANSWER} <think>never closed", REASONING + "never closed", ANSWER + " "),
    (False, "Prezado</think> Senhor", "", "Prezado Senhor"),
]


def _split(inside: bool | None, chunks: list[str]) -> tuple[str, str]:
    splitter = ReasoningSplitter(inside)
    reasoning, answer = [], []
    for chunk in chunks:
        r, a = splitter.feed(chunk)
        reasoning.append(r)
        answer.append(a)
    r, a = splitter.flush()
    return "".join(reasoning + [r]), "".join(answer + [a])


def _chunkings(text: str) -> list[list[str]]:
    """Whole, one character at a time, cut at every position once, and random cuts."""
    ways = [[text], list(text)]
    ways += [[text[:i], text[i:]] for i in range(1, len(text))]
    rng = random.Random(7)
    for _ in range(30):
        cuts = sorted(rng.sample(range(1, len(text)), min(6, len(text) - 1))) if len(text) > 1 else []
        ways.append([text[a:b] for a, b in itertools.pairwise([0, *cuts, len(text)])])
    return ways


@pytest.mark.parametrize(("inside", "output", "reasoning", "answer"), CASES)
def test_split_is_right_whatever_the_chunking(inside, output, reasoning, answer) -> None:
    for chunks in _chunkings(output):
        got_reasoning, got_answer = _split(inside, chunks)
        assert got_reasoning.strip() == reasoning, chunks
        assert got_answer == answer, chunks


def test_strip_reasoning_defends_documents() -> None:
    assert strip_reasoning(f"<think>{REASONING}</think>\n\n{ANSWER}") == ANSWER
    assert strip_reasoning(f"{REASONING}</think>{ANSWER}") == ANSWER
    assert strip_reasoning(ANSWER) == ANSWER


# -- the real backend with real templates --------------------------------------------------------------
@pytest.fixture(scope="module")
def backends(template_models: dict[str, Path]):
    loaded = {}
    for name, path in template_models.items():
        backend = LlamaCppBackend()
        backend.load(LoadParams(model_path=path, n_ctx=1024))
        loaded[name] = backend
    yield loaded
    for backend in loaded.values():
        backend.unload()


def test_loaded_models_know_their_mode(backends, template_models, loaded_backend) -> None:
    assert backends["qwen3.5"].info.reasoning_mode == "switchable"
    assert backends["qwen3"].info.reasoning_mode == "switchable"
    assert backends["thinking"].info.reasoning_mode == "always"
    assert loaded_backend.info.reasoning_mode == "never"  # SmolLM2's own ChatML template
    assert inspect_model_file(template_models["thinking"]).reasoning_mode == "always"


@pytest.mark.parametrize("name", ["qwen3.5", "qwen3"])
def test_reasoning_off_renders_the_empty_block_and_reasons_nothing(backends, name) -> None:
    backend = backends[name]
    assert backend.render_prompt(QUESTION, reasoning=False).endswith("<think>\n\n</think>\n\n")
    seen: list[ReasoningProgress] = []
    result = backend.chat(QUESTION, GenerationParams(max_tokens=12, seed=1, reasoning=False, reasoning_budget=0),
                          on_reasoning=seen.append)
    assert result.stats.reasoning_tokens == 0 and result.reasoning == "" and not seen
    assert result.text.strip() and result.stats.generated_tokens > 0


@pytest.mark.parametrize(("name", "reasoning"), [("qwen3.5", True), ("thinking", None)])
@pytest.mark.parametrize("budget", [1, 24])
def test_reasoning_on_keeps_its_budget_and_an_answer_follows(backends, name, reasoning, budget) -> None:
    """The test model never closes the think block by itself: every answer here comes after the engine's
    forced close, and no byte of the reasoning is in it."""
    backend = backends[name]
    assert ends_inside_reasoning(backend.render_prompt(QUESTION, reasoning=reasoning))
    texts: list[str] = []
    seen: list[ReasoningProgress] = []
    order: list[str] = []
    result = backend.chat(QUESTION, GenerationParams(max_tokens=16, seed=3, temperature=0.8, reasoning=reasoning,
                                                     reasoning_budget=budget),
                          on_text=lambda t: (texts.append(t), order.append("answer")),
                          on_reasoning=lambda p: (seen.append(p), order.append("reasoning")))
    # One block, closed by the engine: every piece of reasoning is handed on before the first of the answer.
    assert order == sorted(order, key=lambda kind: kind == "answer") and order[-1] == "answer"
    stats = result.stats
    assert 0 < stats.reasoning_tokens <= budget
    assert result.text.strip(), "the forced close must be followed by an answer"
    assert result.reasoning or budget == 1  # one token of reasoning may be a line break
    assert "".join(texts) == result.text
    assert "<think>" not in result.text and "</think>" not in result.text
    assert "".join(p.text for p in seen).strip() == result.reasoning  # reasoning travels apart, whole
    if len(result.reasoning) >= 20:
        assert result.reasoning not in result.text
    assert max(p.tokens for p in seen) == stats.reasoning_tokens and seen[-1].done
    assert all(p.budget == budget for p in seen)
    assert stats.generated_tokens - stats.reasoning_tokens <= 16


def test_a_model_that_always_thinks_is_closed_at_once_when_off(backends) -> None:
    result = backends["thinking"].chat(QUESTION, GenerationParams(max_tokens=12, seed=1, reasoning_budget=0))
    assert result.stats.reasoning_tokens == 0 and result.reasoning == "" and result.text.strip()


def test_reasoning_and_answer_share_the_context(backends) -> None:
    """A budget larger than the context leaves is cut to what is left beside the answer's budget."""
    backend = backends["qwen3.5"]
    prompt = backend.count_chat_tokens(QUESTION, True)
    seen: list[ReasoningProgress] = []
    result = backend.chat(QUESTION, GenerationParams(max_tokens=900, seed=2, reasoning=True, reasoning_budget=5000),
                          on_reasoning=seen.append)
    assert seen and seen[0].budget <= 1024 - prompt - 900
    assert result.stats.prompt_tokens + result.stats.generated_tokens <= 1024 + 8


def test_task_params_apply_the_policy(backends) -> None:
    info = backends["qwen3.5"].info
    letter = task_params("letter", ReasoningPolicy("auto", 256), info, max_tokens=100)
    assert (letter.reasoning, letter.reasoning_budget, letter.max_tokens) == (False, 0, 100)
    summary = task_params("summary", ReasoningPolicy("auto", 256), info, max_tokens=100)
    assert (summary.reasoning, summary.reasoning_budget) == (True, 256)
