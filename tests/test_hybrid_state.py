"""Kept states on a hybrid model (Qwen3.5's architecture, tests/hybrid_model.py) with the real llama.cpp.

A hybrid model's memory (delta-net recurrent state beside a KV cache) cannot drop the end of a sequence, so
llama-cpp-python reads the whole prompt again whenever a new prompt leaves the last one. The backend keeps
states after the document prefix and after the conversation so far (before the answer's opening) instead, and
restores them: a follow-up turn and
a new session read only what follows the kept state, and answer exactly as a cold read does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hybrid_model import CHATML_TEMPLATE, make_hybrid_model

from rio_desktop.engine.backend import ChatMessage, Generation, GenerationParams, LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend, load_llama_cpp
from rio_desktop.engine.state_cache import SUFFIX, StateCache

N_CTX = 1024
# The document: a few hundred tokens, far more than what a question adds after it.
DOCUMENT = "Answer from the report below.\n\n" + "\n".join(
    f"Item {i}: the council spent {i * 137 + 12} thousand reais on the {('north', 'south', 'east', 'west')[i % 4]} "
    f"district's schools in {2000 + i}, and {i * 3 + 1} new classrooms opened." for i in range(1, 19))
Q1 = "How much was spent on item 7?"
Q2 = "And how many classrooms opened that year?"
Q3 = "Which district got the most in 2010?"  # another conversation about the same document
PARAMS = GenerationParams(max_tokens=8, temperature=0.0, repeat_penalty=1.0, reasoning=False, prefix_end=DOCUMENT)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny hybrid model with Qwen3.5-4B's own template and with a plain ChatML one."""
    folder = tmp_path_factory.mktemp("hybrid")
    return {"qwen3.5": make_hybrid_model(folder / "tiny-qwen35.gguf"),
            "chatml": make_hybrid_model(folder / "tiny-qwen35-chatml.gguf", chat_template=CHATML_TEMPLATE)}


def _backend(model: Path, states: StateCache) -> LlamaCppBackend:
    # One thread: the model is tiny, and tests may run beside other work.
    backend = LlamaCppBackend(n_threads=1, states=states)
    backend.load(LoadParams(model_path=model, n_ctx=N_CTX))
    return backend


@pytest.fixture
def open_backends() -> Iterator[list[LlamaCppBackend]]:
    """Backends a test opens, unloaded after it whatever happens."""
    opened: list[LlamaCppBackend] = []
    yield opened
    for backend in opened:
        backend.unload()


def _turn1() -> list[ChatMessage]:
    return [ChatMessage("system", DOCUMENT), ChatMessage("user", Q1)]


def _detour() -> list[ChatMessage]:
    return [ChatMessage("system", DOCUMENT), ChatMessage("user", Q3)]


def _turn2(first: Generation) -> list[ChatMessage]:
    return [*_turn1(), ChatMessage("assistant", first.text), ChatMessage("user", Q2)]


def _boundary(backend: LlamaCppBackend, messages: list[ChatMessage]) -> int:
    """Where the document prefix ends in this prompt's tokens (where the backend keeps its state)."""
    prompt = backend.render_prompt(messages, PARAMS.reasoning)
    return backend._prefix_boundary(prompt, backend.prompt_tokens(messages, PARAMS.reasoning), DOCUMENT)


def _history_end(backend: LlamaCppBackend, messages: list[ChatMessage]) -> int:
    """Where the conversation so far ends in this prompt's tokens, before the answer's opening (where the
    backend keeps a hybrid model's state for the next turn)."""
    return backend._history_end(messages, backend.prompt_tokens(messages, PARAMS.reasoning), PARAMS.reasoning)


def test_the_tiny_model_is_hybrid_and_loads_at_once(models: dict[str, Path],
                                                    open_backends: list[LlamaCppBackend]) -> None:
    backend = _backend(models["qwen3.5"], StateCache(None))
    open_backends.append(backend)
    lib = load_llama_cpp().llama_cpp
    assert backend.info is not None and backend.info.architecture == "qwen35"
    assert lib.llama_model_is_hybrid(backend._llm._model.model)
    assert backend._recurrent
    assert backend.info.load_seconds < 5  # a fraction of a second; generous for a busy CI machine
    answer = backend.chat(_turn1(), PARAMS)
    assert answer.stats.prompt_tokens > 300 and answer.stats.prompt_tokens_evaluated == answer.stats.prompt_tokens
    # The answers tell states apart: one word changed about forty tokens before the end of the document
    # changes the answer, so a restored state that is not the one a cold read builds would show in the text.
    edited = DOCUMENT.replace("Item 18", "Item eighteen")
    assert edited != DOCUMENT
    other = backend.chat([ChatMessage("system", edited), ChatMessage("user", Q1)], replace(PARAMS, prefix_end=edited))
    assert other.text != answer.text


@pytest.mark.parametrize("template", ["chatml", "qwen3.5"])
def test_a_follow_up_reads_only_what_follows_the_kept_state(models: dict[str, Path], template: str,
                                                            open_backends: list[LlamaCppBackend]) -> None:
    """The clerk asks about the document, asks something else about it (another conversation: the memory
    now holds that one), then follows up on the first conversation."""
    warm = _backend(models[template], StateCache(None))
    cold = _backend(models[template], StateCache(None))
    open_backends += [warm, cold]
    first = warm.chat(_turn1(), PARAMS)
    warm.chat(_detour(), PARAMS)
    second = warm.chat(_turn2(first), PARAMS)
    reference = cold.chat(_turn2(first), PARAMS)

    turn1 = warm.prompt_tokens(_turn1(), PARAMS.reasoning)
    turn2 = warm.prompt_tokens(_turn2(first), PARAMS.reasoning)
    boundary = _boundary(warm, _turn2(first))
    assert first.stats.prompt_tokens_evaluated == first.stats.prompt_tokens == len(turn1)
    assert second.stats.prompt_tokens == reference.stats.prompt_tokens == len(turn2)
    assert reference.stats.prompt_tokens_evaluated == len(turn2)  # the cold backend reads everything
    # The state kept after the first turn's question (before the answer's opening, which Qwen3.5's template
    # writes with an empty think block in the prompt but not in the history) is restored: only the answer and
    # the new question are read.
    history_end = _history_end(warm, _turn1())
    assert boundary >= 32 and history_end > boundary and turn2[:history_end] == turn1[:history_end]
    assert second.stats.prompt_tokens_evaluated == len(turn2) - history_end, (second.stats, history_end)
    assert second.stats.prompt_tokens_evaluated < 0.3 * len(turn2)
    assert second.text == reference.text  # greedy: the restored state answers as a cold read does


@pytest.mark.parametrize("template", ["chatml", "qwen3.5"])
def test_without_kept_states_a_hybrid_model_reads_everything_again(models: dict[str, Path], template: str,
                                                                   open_backends: list[LlamaCppBackend]) -> None:
    """What the kept states save: llama.cpp cannot cut a hybrid model's memory back to a shared prefix, so
    with nothing kept (no memory for states, no folder) the same follow-up is read whole."""
    backend = _backend(models[template], StateCache(None, memory_limit=0))
    open_backends.append(backend)
    first = backend.chat(_turn1(), PARAMS)
    backend.chat(_detour(), PARAMS)
    second = backend.chat(_turn2(first), PARAMS)
    assert second.stats.prompt_tokens_evaluated == second.stats.prompt_tokens > 600


def test_llama_cpp_goes_on_from_the_end_of_a_hybrid_memory_but_never_back(
        models: dict[str, Path], open_backends: list[LlamaCppBackend]) -> None:
    """With nothing kept, a prompt that extends exactly what the memory holds (ChatML writes the answer back
    as it was written) is read from there on; going back to a shorter prompt reads everything again."""
    backend = _backend(models["chatml"], StateCache(None, memory_limit=0))
    open_backends.append(backend)
    first = backend.chat(_turn1(), PARAMS)
    second = backend.chat(_turn2(first), PARAMS)
    back = backend.chat(_turn1(), PARAMS)
    # The memory held the first prompt and the answer's tokens but the last (sampled, never evaluated).
    assert second.stats.prompt_tokens_evaluated <= second.stats.prompt_tokens - first.stats.prompt_tokens
    assert back.stats.prompt_tokens_evaluated == back.stats.prompt_tokens
    assert back.text == first.text


@pytest.mark.parametrize("template", ["chatml", "qwen3.5"])
def test_a_new_session_reads_only_the_question_after_the_document(models: dict[str, Path], template: str,
                                                                   tmp_path: Path,
                                                                   open_backends: list[LlamaCppBackend]) -> None:
    folder = tmp_path / "states"
    first_session = _backend(models[template], StateCache(folder))
    open_backends.append(first_session)
    cold = first_session.chat(_turn1(), PARAMS)
    first_session.unload()
    assert cold.stats.prompt_tokens_evaluated == cold.stats.prompt_tokens
    assert len(list(folder.glob(f"*{SUFFIX}"))) == 1  # the document's state; the conversation's stays in memory

    next_session = _backend(models[template], StateCache(folder))  # a restart: nothing in memory
    open_backends.append(next_session)
    again = next_session.chat(_turn1(), PARAMS)
    boundary = _boundary(next_session, _turn1())
    assert boundary >= 32
    assert again.stats.prompt_tokens == cold.stats.prompt_tokens
    assert again.stats.prompt_tokens_evaluated == cold.stats.prompt_tokens - boundary, (again.stats, boundary)
    assert again.stats.prompt_tokens_evaluated < 0.2 * cold.stats.prompt_tokens
    assert again.text == cold.text
    # And the same question asked again in this session: the state kept after the question is restored, and
    # only the answer's opening is read.
    third = next_session.chat(_turn1(), PARAMS)
    assert third.stats.prompt_tokens_evaluated == cold.stats.prompt_tokens - _history_end(next_session, _turn1())
    assert third.text == cold.text
