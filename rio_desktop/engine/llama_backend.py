"""The local backend: a GGUF model run in this process by llama.cpp (llama-cpp-python).

Not thread-safe, like llama.cpp itself: the engine service's worker thread is its only caller.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import dataclasses
import inspect
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from rio_desktop.engine import backend_probe, ggml_backends, llama_build
from rio_desktop.engine.backend import (
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
    StepProgress,
    TextCallback,
    default_context,
)
from rio_desktop.engine.chat_template import ChatTemplate, ChatTemplateError
from rio_desktop.engine.devices import backend_devices
from rio_desktop.engine.errors import (
    GenerationCancelled,
    GenerationError,
    ModelLoadError,
    NoModelLoaded,
)
from rio_desktop.engine.model_file import ModelFile, inspect_model_file
from rio_desktop.engine.native import NATIVE
from rio_desktop.engine.reasoning import (
    FORCED_CLOSE,
    ReasoningProgress,
    ReasoningSplitter,
    ends_inside_reasoning,
    reasoning_mode,
)
from rio_desktop.engine.sampling import Checkpoint, Sampler, decode
from rio_desktop.engine.state_cache import MIN_PREFIX_TOKENS, StateCache, StateKeys
from rio_desktop.engine.threads import ThreadPolicy
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.units import Count

log = logging.getLogger(__name__)

MAX_FORCED_CLOSES = 3
# Prompts up to this long are read in a fraction of a second on a CPU: the thread count is not sampled first.
SHORT_PROMPT_TOKENS = 256
# Written tokens between two step reports (progress and the time left, while the answer is not streamed).
STEP_TOKENS = 8
# Model loading patches a module function for the duration of one load (see _model_params).
_load_lock = threading.Lock()


class ContextExceeded(GenerationError):
    """The prompt alone does not fit the loaded context."""


def load_llama_cpp() -> Any:
    """Import llama_cpp on first use (it loads a large native library), route its log to ours and load its
    backends: the dynamic build loads none by itself (engine.backend_probe chooses them)."""
    if NATIVE.module is None:
        import llama_cpp

        NATIVE.log.route()
        backend_probe.ensure()
        NATIVE.module = llama_cpp
    return NATIVE.module


def device_name(buffer: str) -> str:
    """The device of a llama.cpp buffer name: "CPU_Mapped", "CPU_REPACK" and a GPU backend's pinned host
    memory ("Vulkan_Host", "CUDA_Host") are the CPU's; "Vulkan0" is itself."""
    return "CPU" if buffer.upper().startswith("CPU") or buffer.endswith("_Host") else buffer


def _device_bytes(lines: Sequence[tuple[str, str, int]]) -> dict[str, int]:
    per_device: dict[str, int] = {}
    for buffer, _kind, size in lines:
        per_device[device_name(buffer)] = per_device.get(device_name(buffer), 0) + size
    return per_device


def llama_arguments(**arguments: Any) -> dict[str, Any]:
    """Check keyword arguments against the installed Llama(), which silently swallows unknown ones."""
    accepted = inspect.signature(load_llama_cpp().Llama.__init__).parameters
    unknown = sorted(set(arguments) - set(accepted))
    if unknown:
        raise ModelLoadError(Message(QT_TRANSLATE_NOOP(
            "Core", "The installed llama-cpp-python ({version}) does not accept the settings {names}. "
                    "Reinstall Rio Desktop."), version=llama_build.llama_cpp_python_version(),
            names=", ".join(unknown)))
    return arguments


# The routed experts' weight tensors of a MoE model (llama.cpp's own --cpu-moe pattern).
EXPERTS_PATTERN = rb"\.ffn_(up|down|gate|gate_up)_exps"


class _BuftOverride(ctypes.Structure):
    _fields_ = [("pattern", ctypes.c_char_p), ("buft", ctypes.c_void_p)]


def _cpu_buffer_type() -> int:
    load_llama_cpp()
    ggml = ggml_backends._ggml()  # the instance libllama uses (see there)
    ggml.ggml_backend_dev_by_type.argtypes = [ctypes.c_int]
    ggml.ggml_backend_dev_by_type.restype = ctypes.c_void_p
    ggml.ggml_backend_dev_buffer_type.argtypes = [ctypes.c_void_p]
    ggml.ggml_backend_dev_buffer_type.restype = ctypes.c_void_p
    return ggml.ggml_backend_dev_buffer_type(ggml.ggml_backend_dev_by_type(0))  # 0: the CPU device


@contextlib.contextmanager
def _model_params(progress: Callable[[float], None] | None, cancel: CancelToken | None,
                  experts_on_cpu: bool = False) -> Iterator[None]:
    """Parameters llama_cpp.Llama() does not expose: a progress callback (which also cancels the load by
    returning false), for MoE models the experts kept in CPU memory, and llama.cpp's own default for flash
    attention, "auto" (Llama() only turns it on or off; auto uses it where every device supports it:
    1.3-1.45x prompt and decode speed at a 4k context on the CPU here, and no attention-score buffer).

    Llama() builds its parameters itself, so the functions that create the model's defaults and the
    context are wrapped while this load runs. Only the worker thread loads; the lock keeps two loads
    (tests, benchmarks) from crossing.
    """
    lib = load_llama_cpp().llama_cpp

    @ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_float, ctypes.c_void_p)
    def on_progress(fraction: float, _user_data: ctypes.c_void_p) -> bool:
        if progress is not None:
            try:
                progress(float(fraction))
            except Exception:  # a UI problem must not abort loading
                log.exception("load progress callback failed")
        return not (cancel is not None and cancel.cancelled)

    overrides = (_BuftOverride * 2)(_BuftOverride(EXPERTS_PATTERN, _cpu_buffer_type()), _BuftOverride(None, None)) \
        if experts_on_cpu else None
    original_defaults = lib.llama_model_default_params
    original_init = lib.llama_init_from_model

    def defaults() -> Any:
        params = original_defaults()
        if progress is not None or cancel is not None:
            params.progress_callback = ctypes.cast(on_progress, type(params.progress_callback))
            params.progress_callback_user_data = None
        if overrides is not None:
            params.tensor_buft_overrides = ctypes.addressof(overrides)
        return params

    def init_from_model(model: Any, params: Any) -> Any:
        params.flash_attn_type = lib.LLAMA_FLASH_ATTN_TYPE_AUTO
        return original_init(model, params)

    with _load_lock:
        lib.llama_model_default_params = defaults
        lib.llama_init_from_model = init_from_model
        try:
            yield
        finally:
            lib.llama_model_default_params = original_defaults
            lib.llama_init_from_model = original_init


def _clear_abort_callback(llm: Any) -> None:
    lib = load_llama_cpp().llama_cpp
    lib.llama_set_abort_callback(llm._ctx.ctx, ctypes.cast(None, lib.ggml_abort_callback), None)


class _StopStringFilter:
    """Streams text while holding back just enough to cut at a stop string that spans pieces."""

    def __init__(self, stops: Sequence[str]) -> None:
        self.stops = [s for s in stops if s]
        self.hold = max((len(s) for s in self.stops), default=1) - 1
        self.pending = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        self.pending += text
        if self.stops:
            cut = min((i for i in (self.pending.find(s) for s in self.stops) if i >= 0), default=-1)
            if cut >= 0:
                out, self.pending, self.stopped = self.pending[:cut], "", True
                return out
        if len(self.pending) <= self.hold:
            return ""
        split = len(self.pending) - self.hold
        out, self.pending = self.pending[:split], self.pending[split:]
        return out

    def flush(self) -> str:
        out, self.pending = self.pending, ""
        return out


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class LlamaCppBackend(Backend):
    def __init__(self, n_threads: int | None = None, states: StateCache | None = None) -> None:
        self.states = states or StateCache()  # memory only unless the application gives it a folder
        self._keys: StateKeys | None = None
        self._recurrent = False
        self._llm: Any = None
        self._info: ModelInfo | None = None
        self._model_file: ModelFile | None = None
        self._template: ChatTemplate | None = None
        self._bos_text = ""
        self._pieces: dict[int, bytes] = {}  # token -> bytes, for the loaded vocabulary
        self._evaluated = 0
        self.threads = ThreadPolicy(override=n_threads)

    # -- loading -------------------------------------------------------------------------------------
    @property
    def info(self) -> ModelInfo | None:
        return self._info

    def load(self, params: LoadParams, cancel: CancelToken | None = None,
             progress: Callable[[float], None] | None = None) -> ModelInfo:
        # Inspected already by models.loading, or here: a bad file raises ModelFileError before llama.cpp.
        model_file = params.model_file or inspect_model_file(params.model_path)
        llama_cpp = load_llama_cpp()
        if params.tensor_split:
            gpus = [d for d in backend_devices() if d.kind in ("GPU", "iGPU")]
            if len(params.tensor_split) > max(len(gpus), 1) or any(x < 0 for x in params.tensor_split):
                raise ModelLoadError(Message(QT_TRANSLATE_NOOP(
                    "Core", "The model is to be split across {wanted} GPUs, but this computer's llama.cpp "
                            "sees {found}. Check the GPU settings."),
                    wanted=len(params.tensor_split), found=len(gpus)))
        trained = model_file.context_trained
        n_ctx = params.n_ctx or default_context(trained)
        if trained:
            n_ctx = min(n_ctx, trained)
        if params.n_threads:
            self.set_threads(params.n_threads)
        n_threads = self.threads.choose()
        self.unload()
        notice: Message | None = None
        started = time.perf_counter()
        try:
            llm, buffers = self._create(llama_cpp, model_file, params, n_ctx, n_threads, progress, cancel)
        except ModelLoadError:
            if params.n_gpu_layers == 0 or (cancel is not None and cancel.cancelled):
                raise
            # A GPU that fails (its driver, its memory) must not cost the clerk the model: the CPU takes it.
            log.warning("loading %s on the GPU failed; loading it on the CPU", model_file.path.name)
            gpu_error = NATIVE.log.errors()
            params = dataclasses.replace(params, n_gpu_layers=0, tensor_split=None, experts_on_cpu=False)
            llm, buffers = self._create(llama_cpp, model_file, params, n_ctx, n_threads, progress, cancel)
            notice = Message(QT_TRANSLATE_NOOP(
                "Core", "The GPU could not take the model, so it runs on the CPU (slower). (llama.cpp said: "
                        "{reason})"), reason=gpu_error or "?")
        load_seconds = time.perf_counter() - started
        # Count what the model really evaluates: a prompt prefix shared with the previous request stays
        # in the KV cache and is not evaluated again.
        evaluate = llm.eval

        def counting_eval(tokens: Sequence[int]) -> None:
            self._evaluated += len(tokens)
            evaluate(tokens)

        llm.eval = counting_eval
        self._llm = llm
        self._model_file = model_file
        lib = llama_cpp.llama_cpp
        # Recurrent and hybrid models (Mamba, Qwen3.5) cannot drop the end of their state: a new prompt that
        # leaves the last one is read again from a kept state, never by rewinding.
        self._recurrent = bool(lib.llama_model_is_recurrent(llm._model.model)
                               or lib.llama_model_is_hybrid(llm._model.model))
        self._keys = None
        vocab_model = llm._model
        self._bos_text = vocab_model.token_get_text(vocab_model.token_bos()) if vocab_model.token_bos() >= 0 \
            else ""
        eos_text = vocab_model.token_get_text(vocab_model.token_eos()) if vocab_model.token_eos() >= 0 else ""
        try:
            self._template = ChatTemplate(model_file.chat_template.source, self._bos_text, eos_text)
        except ChatTemplateError:  # validated already; only the token texts differ
            self._template = model_file.chat_template
        devices = tuple(sorted(buffers, key=lambda name: (name == "CPU", name))) or ("CPU",)
        gpu_devices = [d for d in devices if d != "CPU"]
        backend = llama_build.backend_family(gpu_devices[0]) if gpu_devices else "CPU"
        self._info = ModelInfo(
            path=model_file.path,
            name=model_file.name,
            architecture=model_file.architecture,
            parameters=int(vocab_model.n_params()),
            quantization=model_file.quantization,
            context_trained=trained,
            context_used=int(llm.n_ctx()),
            backend=backend,
            n_gpu_layers=params.n_gpu_layers,
            file_bytes=model_file.total_bytes,
            load_seconds=load_seconds,
            description=vocab_model.desc(),
            parts=tuple(model_file.parts),
            reasoning_mode=reasoning_mode(self._template),
            devices=devices,
            device_bytes=buffers,
            notice=notice,
        )
        log.info("loaded %s (%s, %s, ctx %d, %s, reasoning %s) in %.2f s", self._info.name,
                 self._info.architecture, self._info.quantization, self._info.context_used, backend,
                 self._info.reasoning_mode, load_seconds)
        return self._info

    def _create(self, llama_cpp: Any, model_file: ModelFile, params: LoadParams, n_ctx: int, n_threads: int,
                progress: Callable[[float], None] | None, cancel: CancelToken | None) -> tuple[Any, dict[str, int]]:
        """Llama() with these parameters, and the bytes llama.cpp allocated per device."""
        with NATIVE.log.loading() as lines:
            llm = self._construct(llama_cpp, model_file, params, n_ctx, n_threads, progress, cancel)
        return llm, _device_bytes(lines)

    def _construct(self, llama_cpp: Any, model_file: ModelFile, params: LoadParams, n_ctx: int, n_threads: int,
                   progress: Callable[[float], None] | None, cancel: CancelToken | None) -> Any:
        try:
            with _model_params(progress, cancel, params.experts_on_cpu):
                llm = llama_cpp.Llama(**llama_arguments(
                    model_path=str(model_file.path),
                    n_ctx=n_ctx,
                    n_batch=min(params.n_batch, n_ctx),
                    n_gpu_layers=params.n_gpu_layers,
                    main_gpu=params.main_gpu,
                    tensor_split=list(params.tensor_split) if params.tensor_split else None,
                    use_mmap=params.use_mmap,
                    n_threads=n_threads,
                    n_threads_batch=n_threads,
                    verbose=False,
                ))
        except (ValueError, RuntimeError, OSError) as exc:
            if cancel is not None and cancel.cancelled:
                raise GenerationCancelled(Generation("", "cancelled")) from exc
            reason = NATIVE.log.errors() or str(exc)
            log.error("llama.cpp failed to load %s: %s", model_file.path, reason)
            if "unknown model architecture" in reason:
                raise ModelLoadError(Message(QT_TRANSLATE_NOOP(
                    "Core", "{name} holds a model architecture that the installed llama.cpp does not "
                            "support. Update Rio Desktop or choose another model."),
                    name=model_file.path.name)) from exc
            raise ModelLoadError(Message(QT_TRANSLATE_NOOP(
                "Core", "llama.cpp could not load {name}. The most common cause is not enough free "
                        "memory: close other programs, choose a smaller model or a shorter context, or put "
                        "fewer layers on the GPU. (llama.cpp said: {reason})"),
                name=model_file.path.name, reason=reason)) from exc
        return llm

    def set_threads(self, n_threads: int | None) -> None:
        self.threads = ThreadPolicy(override=n_threads)

    def unload(self) -> None:
        if self._llm is not None:
            self._llm.close()
        self._llm = None
        self._info = None
        self._model_file = None
        self._template = None
        self._pieces = {}
        self._keys = None

    def _require(self) -> Any:
        if self._llm is None:
            raise NoModelLoaded(Message(QT_TRANSLATE_NOOP("Core", "No model is loaded. Load a model first.")))
        return self._llm

    # -- tokens --------------------------------------------------------------------------------------
    def context_size(self) -> int:
        return int(self._require().n_ctx())

    def count_tokens(self, text: str) -> int:
        return len(self._require().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _render(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> str:
        """The prompt as the model's template writes it, with enable_thinking where asked."""
        self._require()
        assert self._template is not None
        return self._template.render([m.as_dict() for m in messages], add_generation_prompt=True,
                                     enable_thinking=reasoning)

    def render_prompt(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> str:
        """The rendered prompt (for tests and diagnostics)."""
        return self._render(messages, reasoning)

    def cached_token_ids(self) -> list[int]:
        """The tokens whose state the KV cache holds now: the last prompt and what was generated after it
        (for tests and diagnostics: the next prompt's shared prefix with these is not evaluated again)."""
        llm = self._require()
        return [int(t) for t in llm.input_ids[:llm.n_tokens]]

    def _tokenize_prompt(self, prompt: str) -> list[int]:
        has_bos = bool(self._bos_text) and prompt.startswith(self._bos_text)
        return list(self._require().tokenize(prompt.encode("utf-8"), add_bos=not has_bos, special=True))

    def prompt_tokens(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> list[int]:
        """The tokens chat() evaluates for `messages` (before any think block it closes itself)."""
        return self._tokenize_prompt(self._render(messages, reasoning))

    def count_chat_tokens(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> int:
        return len(self.prompt_tokens(messages, reasoning))

    def _piece(self, token: int) -> bytes:
        """The bytes of one token (llama-cpp-python's own token_to_piece returns its padded buffer)."""
        piece = self._pieces.get(token)
        if piece is None:
            lib = load_llama_cpp().llama_cpp
            vocab = self._llm._model.vocab
            buffer = ctypes.create_string_buffer(64)
            n = lib.llama_token_to_piece(vocab, token, buffer, len(buffer), 0, False)
            if n < 0:  # longer than the buffer: -n is the length needed
                buffer = ctypes.create_string_buffer(-n)
                n = lib.llama_token_to_piece(vocab, token, buffer, len(buffer), 0, False)
            piece = self._pieces[token] = buffer.raw[:max(n, 0)]
        return piece

    # -- kept states ---------------------------------------------------------------------------------
    def state_keys(self) -> StateKeys:
        """The keys a kept state of the loaded model is valid under. The model file's sha256 is read once per
        file (cached by path, size and date) and only when states go to disk; in memory the file's identity
        is enough."""
        if self._keys is None:
            assert self._info is not None and self._llm is not None
            if self.states.folder is not None:
                from rio_desktop.hashing import model_sha256

                model = model_sha256(self._info.parts, self.states.folder.parent)
            else:
                stat = self._info.path.stat()
                model = f"{self._info.path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
            self._keys = StateKeys(model, int(self._llm.n_ctx()), "f16", llama_build.llama_cpp_python_version())
        return self._keys

    def _prefix_boundary(self, prompt: str, tokens: Sequence[int], prefix_end: str) -> int:
        """How many of the prompt's tokens come before the end of `prefix_end` (0: none worth keeping)."""
        at = prompt.find(prefix_end) if prefix_end else -1
        if at < 0:
            return 0
        head = self._tokenize_prompt(prompt[:at + len(prefix_end)])
        # The head's last token may merge with what follows in the whole prompt: the common part counts.
        boundary = _common_prefix(head, tokens)
        return boundary if MIN_PREFIX_TOKENS <= boundary < len(tokens) else 0

    def _history_end(self, messages: Sequence[ChatMessage], tokens: Sequence[int], reasoning: bool | None) -> int:
        """How many of the prompt's tokens the conversation so far takes, before the opening of the answer
        (which a template may write otherwise once the answer is in the history: Qwen3.5's empty think block)."""
        assert self._template is not None
        history = self._template.render([m.as_dict() for m in messages], add_generation_prompt=False,
                                        enable_thinking=reasoning)
        return _common_prefix(self._tokenize_prompt(history), tokens)

    def _checkpoints(self, prompt: str, tokens: list[int], params: GenerationParams,
                     messages: Sequence[ChatMessage] = ()) -> list[Checkpoint]:
        """Restore the longest kept state this prompt starts with, when it saves reading, and say where to
        keep new ones: after the document prefix (in memory and on disk), and for a recurrent model after
        the conversation so far too (in memory: the next turn starts with it, and such a model cannot go
        back to it otherwise)."""
        llm = self._llm
        boundary = self._prefix_boundary(prompt, tokens, params.prefix_end)
        if not boundary and not self._recurrent:
            return []
        try:
            keys = self.state_keys()
        except OSError as exc:  # the model file moved: no state can be trusted to belong to it
            log.warning("no kept states: %s", exc)
            return []
        cached = int(llm.n_tokens)
        common = _common_prefix(llm.input_ids[:cached].tolist(), tokens)
        usable = common if not self._recurrent or common == cached else 0
        usable = min(usable, len(tokens) - 1)
        state = self.states.find(keys, tokens[:-1], [boundary] if boundary else [])
        if state is not None and len(state.tokens) > usable:
            self._restore(state.tokens, state.data)
        checkpoints: list[Checkpoint] = []
        if boundary and not self.states.has(keys, tokens[:boundary], params.keep_state_on_disk):
            def keep_prefix(prefix: tuple[int, ...] = tuple(tokens[:boundary])) -> None:
                self._keep(keys, prefix, params.keep_state_on_disk)
            checkpoints.append((boundary, keep_prefix))
        history_end = self._history_end(messages, tokens, params.reasoning) if self._recurrent and messages else 0
        if boundary < history_end < len(tokens) and not self.states.has(keys, tokens[:history_end], disk=False):
            def keep_history(prefix: tuple[int, ...] = tuple(tokens[:history_end])) -> None:
                self._keep(keys, prefix, disk=False)
            checkpoints.append((history_end, keep_history))
        return checkpoints

    def _restore(self, tokens: Sequence[int], data: bytearray) -> bool:
        llm = self._llm
        lib = load_llama_cpp().llama_cpp
        llm.reset()
        llm._ctx.kv_cache_clear()
        started = time.perf_counter()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer(data)
        loaded = lib.llama_state_seq_set_data(llm._ctx.ctx, buffer, len(data), 0)
        del buffer
        if not loaded:
            log.warning("llama.cpp refused a kept state of %d tokens: the prompt is read instead", len(tokens))
            llm._ctx.kv_cache_clear()
            return False
        llm.input_ids[:len(tokens)] = tokens
        llm.n_tokens = len(tokens)
        log.info("restored the state after %d prompt tokens (%d bytes) in %.3f s", len(tokens), len(data),
                 time.perf_counter() - started)
        return True

    def _keep(self, keys: StateKeys, tokens: tuple[int, ...], disk: bool) -> None:
        lib = load_llama_cpp().llama_cpp
        ctx = self._llm._ctx.ctx
        started = time.perf_counter()
        size = int(lib.llama_state_seq_get_size(ctx, 0))
        if size <= 0:
            return
        data = bytearray(size)
        buffer = (ctypes.c_uint8 * size).from_buffer(data)
        written = int(lib.llama_state_seq_get_data(ctx, buffer, size, 0))
        del buffer
        if written <= 0:
            return
        del data[written:]
        self.states.put(keys, tokens, data, disk)
        log.info("kept the state after %d prompt tokens (%d bytes%s) in %.3f s", len(tokens), written,
                 ", on disk too" if disk and self.states.folder else "", time.perf_counter() - started)

    # -- generation ----------------------------------------------------------------------------------
    def reset_context(self) -> None:
        """Forget the evaluated prompt (after an abort or a failure), so the next request starts clean."""
        llm = self._llm
        llm.reset()
        llm._ctx.kv_cache_clear()

    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams,
             on_text: TextCallback | None = None, cancel: CancelToken | None = None,
             on_reasoning: ReasoningCallback | None = None, on_step: StepCallback | None = None) -> Generation:
        llm = self._require()
        llama_cpp = load_llama_cpp().llama_cpp
        cancel = cancel or CancelToken()
        started = time.perf_counter()
        prompt = self._render(messages, params.reasoning)
        tokens = self._tokenize_prompt(prompt)
        inside = ends_inside_reasoning(prompt)
        n_ctx = int(llm.n_ctx())
        stats = GenerationStats(prompt_tokens=len(tokens))
        if len(tokens) >= n_ctx:
            raise ContextExceeded(Message(QT_TRANSLATE_NOOP(
                "Core", "The text is too long for the model: it takes {tokens} tokens and the model's "
                        "context holds {n_ctx}. Shorten it or load the model with a longer context."),
                tokens=Count(len(tokens)), n_ctx=Count(n_ctx)))
        # The answer's budget comes first; the reasoning gets what the context leaves beside it, less the
        # closing tokens the engine may have to write, so a step never ends with reasoning and no answer.
        close_tokens = list(llm.tokenize(FORCED_CLOSE.encode("utf-8"), add_bos=False, special=True))
        room = max(1, n_ctx - len(tokens) - len(close_tokens))
        max_tokens = min(params.max_tokens, room)
        budget = max(0, min(params.reasoning_budget, room - max_tokens))
        splitter = ReasoningSplitter(inside)
        reported_closes = [0]
        if inside and budget == 0:  # no reasoning wanted: close the block the template opened
            tokens += close_tokens
            splitter.feed(FORCED_CLOSE)
            reported_closes[0] = splitter.closes
        stats.prompt_tokens = len(tokens)
        # A short prompt is read in well under a second: no 0.1 s load sample before it (see ThreadPolicy).
        stats.n_threads = self.threads.choose(wait=len(tokens) > SHORT_PROMPT_TOKENS)
        llm._ctx.set_n_threads(stats.n_threads, stats.n_threads)

        # Prompt processing can take minutes on a long document: llama.cpp's abort callback stops it.
        # It runs once per graph node through the GIL, so it is removed again before decoding.
        @llama_cpp.ggml_abort_callback
        def abort(_data: ctypes.c_void_p) -> bool:
            return cancel.cancelled

        llama_cpp.llama_set_abort_callback(llm._ctx.ctx, abort, None)
        abort_set = True
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stops = _StopStringFilter(params.stop)
        vocab = llm._model.vocab
        parts: list[str] = []
        thoughts: list[str] = []
        finish: str = "length"
        answer_tokens = 0
        if params.seed is not None:
            llm.set_seed(params.seed)

        def emit(text: str) -> None:
            if text:
                parts.append(text)
                if on_text is not None:
                    on_text(text)

        def think(text: str, done: bool = False) -> None:
            if text:
                thoughts.append(text)
            if on_reasoning is not None and (text or done):
                on_reasoning(ReasoningProgress(text, stats.reasoning_tokens, budget, done))

        def route(text: str) -> None:
            reasoning, answer = splitter.feed(text)
            closing = splitter.closes > reported_closes[0]
            reported_closes[0] = splitter.closes
            think(reasoning, done=closing)
            if answer:
                emit(stops.feed(answer))

        self._evaluated = 0
        sequence = list(tokens)  # what the model has seen and written: a forced close restarts from it
        forced = 0  # closes written by the engine; a model that keeps reopening the block gets a few
        undecided_tokens = 0  # written before the output showed whether it opens a think block
        sampler = Sampler(llm, params.temperature, params.top_p, params.repeat_penalty)
        prompt_read = [0, 0]

        def prompt_step(done: int, total: int) -> None:
            prompt_read[:] = [done, total]
            if on_step is not None:
                on_step(StepProgress(done, total, 0))

        checkpoints = self._checkpoints(prompt, tokens, params, messages)
        generator = decode(llm, tokens, sampler, prompt_step if on_step is not None else None, checkpoints)
        try:
            while True:
                restart = False
                for token in generator:
                    if abort_set:
                        _clear_abort_callback(llm)
                        abort_set = False
                        stats.time_to_first_token_s = time.perf_counter() - started
                        stats.prompt_tokens_evaluated = self._evaluated
                    if cancel.cancelled:
                        finish = "cancelled"
                        break
                    in_reasoning = splitter.reasoning
                    if llama_cpp.llama_vocab_is_eog(vocab, token):
                        if in_reasoning and forced < MAX_FORCED_CLOSES:  # ended its turn while reasoning
                            restart = True
                            break
                        finish = "stop"
                        break
                    stats.generated_tokens += 1
                    sequence.append(token)
                    state_before = splitter.state
                    route(decoder.decode(self._piece(token)))
                    # The closing tag's tokens count as reasoning, and so does an opening tag at the start;
                    # a block reopened in the answer is closed before its first token of reasoning once
                    # the budget is spent, so the budget holds.
                    if in_reasoning or (state_before == "start" and splitter.reasoning):
                        stats.reasoning_tokens += 1 + undecided_tokens
                        undecided_tokens = 0
                    elif splitter.state == "start":
                        undecided_tokens += 1
                    else:
                        answer_tokens += 1 + undecided_tokens
                        undecided_tokens = 0
                    if stops.stopped:
                        finish = "stop"
                        break
                    if splitter.reasoning and stats.reasoning_tokens >= budget:
                        if forced < MAX_FORCED_CLOSES:
                            restart = True
                        break  # over budget again and again: stop, with the answer written so far
                    if len(sequence) + len(close_tokens) >= n_ctx:  # a reopened block used the context up
                        break
                    if answer_tokens >= max_tokens:
                        break
                    if on_step is not None and stats.generated_tokens % STEP_TOKENS == 0:
                        on_step(StepProgress(prompt_read[0], prompt_read[1], stats.generated_tokens))
                    if cancel.cancelled:  # set while the text was handed on: skip the next decode
                        finish = "cancelled"
                        break
                    new_threads = self.threads.recheck()
                    if new_threads:
                        stats.n_threads = new_threads
                        llm._ctx.set_n_threads(new_threads, new_threads)
                if not restart:
                    break
                # Budget forcing: write the closing tag as if the model had, then let it answer. The
                # sequence so far is still in the KV cache; only the new tokens are evaluated.
                generator.close()
                forced += 1
                route(decoder.decode(b"", final=True) + FORCED_CLOSE)
                sequence += close_tokens
                stats.prompt_tokens_evaluated += len(close_tokens)
                log.info("reasoning closed by the engine after %d tokens (budget %d)", stats.reasoning_tokens,
                         budget)
                generator = decode(llm, sequence, sampler)
        except Exception as exc:
            self.reset_context()
            if cancel.cancelled:
                finish = "cancelled"
            else:
                log.exception("generation failed")
                raise GenerationError(Message(QT_TRANSLATE_NOOP(
                    "Core", "The model stopped with an error: {detail}"), detail=str(exc))) from exc
        finally:
            generator.close()
            sampler.close()
            if abort_set:
                _clear_abort_callback(llm)
        if not stops.stopped:
            reasoning, answer = splitter.feed(decoder.decode(b"", final=True))
            more_reasoning, rest = splitter.flush()
            think(reasoning + more_reasoning)
            emit(stops.feed(answer + rest) + stops.flush())
        stats.total_s = time.perf_counter() - started
        if stats.time_to_first_token_s == 0.0:
            stats.time_to_first_token_s = stats.total_s
        result = Generation(text="".join(parts), finish_reason=finish, stats=stats,  # type: ignore[arg-type]
                            reasoning="".join(thoughts).strip())
        if finish == "cancelled":
            raise GenerationCancelled(result)
        return result
