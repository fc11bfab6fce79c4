"""The local llama.cpp backend with the real test model: load, stream, cancel, count."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from rio_desktop.engine.backend import CancelToken, ChatMessage, GenerationParams, LoadParams
from rio_desktop.engine.errors import GenerationCancelled, NoModelLoaded
from rio_desktop.engine.llama_backend import ContextExceeded, LlamaCppBackend

QUESTION = [ChatMessage("user", "Write a short paragraph about the city of Rio de Janeiro.")]
GREEDY = GenerationParams(max_tokens=48, temperature=0.0, seed=1)


def test_load_reports_what_was_loaded(loaded_backend: LlamaCppBackend, model_path: Path) -> None:
    info = loaded_backend.info
    assert info is not None
    assert info.path == model_path
    assert info.architecture == "llama"
    assert info.quantization == "Q4_1"
    assert info.context_trained == 8192
    assert info.context_used == 2048 == loaded_backend.context_size()
    assert info.backend == "CPU"
    assert 130e6 < info.parameters < 140e6 and info.parameters_label == "135M"
    assert info.file_bytes == model_path.stat().st_size
    assert 0 < info.load_seconds < 30


def test_streams_tokens(loaded_backend: LlamaCppBackend) -> None:
    pieces: list[str] = []
    result = loaded_backend.chat(QUESTION, GREEDY, on_text=pieces.append)
    assert len(pieces) >= 10
    assert "".join(pieces) == result.text
    assert result.finish_reason in ("stop", "length")
    stats = result.stats
    assert stats.generated_tokens == 48 or result.finish_reason == "stop"
    assert stats.prompt_tokens == loaded_backend.count_chat_tokens(QUESTION)
    assert 0 < stats.time_to_first_token_s < stats.total_s
    assert stats.tokens_per_second > 0
    assert stats.n_threads >= 1


def test_greedy_generation_is_repeatable(loaded_backend: LlamaCppBackend) -> None:
    first = loaded_backend.chat(QUESTION, GREEDY).text
    assert loaded_backend.chat(QUESTION, GREEDY).text == first


def test_max_tokens_and_stop_strings(loaded_backend: LlamaCppBackend) -> None:
    limited = loaded_backend.chat(QUESTION, GenerationParams(max_tokens=5, temperature=0.0))
    assert limited.stats.generated_tokens == 5 and limited.finish_reason == "length"
    full = loaded_backend.chat(QUESTION, GREEDY).text
    assert "." in full
    stopped = loaded_backend.chat(QUESTION, GenerationParams(max_tokens=48, temperature=0.0, stop=(".",)))
    assert stopped.finish_reason == "stop"
    assert stopped.text == full[:full.index(".")]


def test_count_tokens(loaded_backend: LlamaCppBackend) -> None:
    short = loaded_backend.count_tokens("Prefeitura do Rio de Janeiro")
    assert 3 <= short <= 12
    assert loaded_backend.count_tokens("Prefeitura do Rio de Janeiro " * 10) >= 10 * short - 10
    assert loaded_backend.count_tokens("") == 0
    assert loaded_backend.count_chat_tokens(QUESTION) > loaded_backend.count_tokens(QUESTION[0].content)


def _cancel_after_tokens(backend: LlamaCppBackend, n_tokens: int) -> tuple[GenerationCancelled, int]:
    cancel = CancelToken()
    received: list[str] = []
    after_cancel: list[str] = []

    def on_text(text: str) -> None:
        (after_cancel if cancel.cancelled else received).append(text)
        if len(received) >= n_tokens and not cancel.cancelled:
            # Cancel from another thread, as the UI does, and wait until it is set.
            threading.Thread(target=cancel.cancel).start()
            while not cancel.cancelled:
                time.sleep(0.001)

    with pytest.raises(GenerationCancelled) as info:
        backend.chat(QUESTION, GenerationParams(max_tokens=200, temperature=0.0), on_text, cancel)
    return info.value, len(after_cancel)


def test_cancel_mid_stream_within_one_token_then_generate_again(loaded_backend: LlamaCppBackend) -> None:
    cancelled, late_pieces = _cancel_after_tokens(loaded_backend, 5)
    assert late_pieces == 0  # not one more token after the cancel was set
    partial = cancelled.partial
    assert partial.finish_reason == "cancelled"
    assert 5 <= partial.stats.generated_tokens <= 6
    assert partial.text
    again = loaded_backend.chat(QUESTION, GREEDY)
    assert again.stats.generated_tokens > 5
    assert again.text.startswith(partial.text[:10])


def test_cancel_during_prompt_processing(loaded_backend: LlamaCppBackend) -> None:
    long_prompt = [ChatMessage("user", "Resuma: " + "A Prefeitura publicou o decreto municipal. " * 180)]
    assert loaded_backend.count_chat_tokens(long_prompt) > 1500
    cancel = CancelToken()
    timer = threading.Timer(0.05, cancel.cancel)
    started = time.perf_counter()
    timer.start()
    with pytest.raises(GenerationCancelled) as info:
        loaded_backend.chat(long_prompt, GenerationParams(max_tokens=10, temperature=0.0), cancel=cancel)
    elapsed = time.perf_counter() - started
    assert info.value.partial.stats.generated_tokens == 0
    # Uninterrupted, this prompt takes seconds here; the abort callback stops it within one graph node.
    assert elapsed < 1.0, elapsed
    # The context was reset: the same question answers as it does on a fresh context.
    expected = loaded_backend.chat(QUESTION, GREEDY).text
    assert expected and loaded_backend.chat(QUESTION, GREEDY).text == expected


def test_prompt_longer_than_the_context(loaded_backend: LlamaCppBackend) -> None:
    huge = [ChatMessage("user", "palavra " * 3000)]
    with pytest.raises(ContextExceeded) as info:
        loaded_backend.chat(huge, GREEDY)
    assert "2048" in str(info.value.message)
    assert loaded_backend.chat(QUESTION, GenerationParams(max_tokens=3, temperature=0.0)).text


def test_no_model_loaded() -> None:
    with pytest.raises(NoModelLoaded):
        LlamaCppBackend().count_tokens("x")


def test_split_model_loads_and_generates(split_model: Path, loaded_backend: LlamaCppBackend) -> None:
    backend = LlamaCppBackend()
    third = split_model.with_name(split_model.name.replace("00001-of", "00003-of"))
    info = backend.load(LoadParams(model_path=third, n_ctx=512))  # any part selects the whole set
    assert info.path == split_model
    text = backend.chat(QUESTION, GREEDY).text
    backend.unload()
    assert text == loaded_backend.chat(QUESTION, GREEDY).text


def test_load_progress_and_cancel(model_path: Path) -> None:
    backend = LlamaCppBackend()
    fractions: list[float] = []
    backend.load(LoadParams(model_path=model_path, n_ctx=256), progress=fractions.append)
    assert fractions and fractions[-1] == pytest.approx(1.0)
    backend.unload()
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(GenerationCancelled):
        backend.load(LoadParams(model_path=model_path, n_ctx=256), cancel=cancel)
    assert backend.info is None


def test_llama_arguments_are_checked_against_the_installed_version() -> None:
    from rio_desktop.engine.errors import ModelLoadError
    from rio_desktop.engine.llama_backend import llama_arguments

    assert llama_arguments(n_ctx=512, n_threads=1) == {"n_ctx": 512, "n_threads": 1}
    with pytest.raises(ModelLoadError) as info:
        llama_arguments(n_ctx=512, rpc_servers="10.0.0.1:50052")  # removed from Llama(): would be ignored
    assert "rpc_servers" in str(info.value.message)


def test_tensor_split_larger_than_the_gpus(model_path: Path) -> None:
    from rio_desktop.engine.errors import ModelLoadError

    with pytest.raises(ModelLoadError) as info:
        LlamaCppBackend().load(LoadParams(model_path=model_path, n_ctx=256, tensor_split=(0.5, 0.3, 0.2)))
    assert "3 GPUs" in str(info.value.message)


def test_experts_on_cpu_override_loads(model_path: Path) -> None:
    """The tensor override for MoE experts reaches llama.cpp (a dense model has no expert to move)."""
    backend = LlamaCppBackend()
    info = backend.load(LoadParams(model_path=model_path, n_ctx=256, experts_on_cpu=True))
    assert info.architecture == "llama"
    assert backend.chat(QUESTION, GenerationParams(max_tokens=3, temperature=0.0)).stats.generated_tokens >= 1
    backend.unload()
