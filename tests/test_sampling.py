"""The engine's sampler picks the tokens llama.cpp's own sampler chain picks, without its per-token cost."""

from __future__ import annotations

import itertools
import time

import pytest

from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.sampling import Sampler, decode

PROMPTS = [b"Write a poem about the sea, the sea and the sea again.", b"Liste os meses do ano:", b"1 2 3 4 5"]
TOKENS = 48


def _reference(llm, prompt: list[int], **sampling) -> list[int]:
    """llama-cpp-python's own loop and chain (penalty stage first)."""
    tokens = list(itertools.islice(llm.generate(prompt, reset=True, **sampling), TOKENS))
    llm.reset()
    llm._ctx.kv_cache_clear()
    return tokens


def _ours(llm, prompt: list[int], temperature: float, top_p: float, repeat_penalty: float) -> list[int]:
    sampler = Sampler(llm, temperature, top_p, repeat_penalty)
    try:
        return list(itertools.islice(decode(llm, prompt, sampler), TOKENS))
    finally:
        sampler.close()


@pytest.mark.parametrize("penalty", [1.0, 1.1, 1.5])
def test_greedy_tokens_equal_llama_cpp_chain(loaded_backend: LlamaCppBackend, penalty: float) -> None:
    llm = loaded_backend._llm
    for text in PROMPTS:
        prompt = llm.tokenize(text, add_bos=True)
        expected = _reference(llm, prompt, temp=0.0, repeat_penalty=penalty)
        assert _ours(llm, prompt, 0.0, 0.95, penalty) == expected, text


def test_penalty_changes_a_repetitive_output(loaded_backend: LlamaCppBackend) -> None:
    llm = loaded_backend._llm
    prompt = llm.tokenize(PROMPTS[2], add_bos=True)
    plain = _ours(llm, prompt, 0.0, 0.95, 1.0)
    assert _ours(llm, prompt, 0.0, 0.95, 1.5) != plain


def test_tokens_at_a_temperature_equal_llama_cpp_chain(loaded_backend: LlamaCppBackend) -> None:
    llm = loaded_backend._llm
    prompt = llm.tokenize(PROMPTS[0], add_bos=True)
    llm.set_seed(1234)
    expected = _reference(llm, prompt, temp=0.9, top_p=0.95, repeat_penalty=1.1)
    llm.set_seed(1234)
    assert _ours(llm, prompt, 0.9, 0.95, 1.1) == expected


def test_prompt_prefix_in_cache_is_not_evaluated_again(loaded_backend: LlamaCppBackend) -> None:
    llm = loaded_backend._llm
    first = llm.tokenize(b"The council met on Monday. The agenda had three items.", add_bos=True)
    longer = first + llm.tokenize(b" The first item was the budget.", add_bos=False)
    assert _ours(llm, first, 0.0, 0.95, 1.1)
    cached = list(itertools.takewhile(lambda pair: pair[0] == pair[1], zip(llm._input_ids, longer, strict=False)))
    assert len(cached) >= len(first)  # the prompt, and any written tokens that `longer` happens to repeat
    evaluated: list[int] = []
    evaluate = llm.eval
    llm.eval = lambda tokens: (evaluated.append(len(tokens)), evaluate(tokens))
    try:
        from_cache = _ours(llm, longer, 0.0, 0.95, 1.1)
    finally:
        llm.eval = evaluate  # the backend's own counting eval
    assert evaluated[0] == len(longer) - len(cached)
    llm.reset()
    llm._ctx.kv_cache_clear()
    assert _ours(llm, longer, 0.0, 0.95, 1.1) == from_cache


def test_sampling_costs_less_than_llama_cpp_chain(loaded_backend: LlamaCppBackend) -> None:
    """Ratio in one run (not an absolute time): the penalty is applied to its window, not the vocabulary."""
    llm = loaded_backend._llm
    llm.eval(llm.tokenize(PROMPTS[0], add_bos=True))
    chain = llm._init_sampler(temp=0.0, repeat_penalty=1.1)
    ours = Sampler(llm, 0.0, 0.95, 1.1)
    for token in range(1000, 1064):
        chain.accept(token)
        ours._window.append(token)

    def timed(pick) -> float:
        started = time.perf_counter()
        for _ in range(100):
            pick()
        return time.perf_counter() - started

    # The penalty is reapplied to the same logits each time here; the timing is what counts.
    reference = min(timed(lambda: chain.sample(llm._ctx, -1)) for _ in range(3))
    fast = min(timed(ours.sample) for _ in range(3))
    chain.close()
    ours.close()
    llm.reset()
    llm._ctx.kv_cache_clear()
    assert fast < reference / 2, (fast, reference)
