"""The interface every inference backend offers: the local llama.cpp one and the organisation's server.

The summarizer and the drafter talk only to this interface. Calls block; the worker thread
(engine.service) is what keeps them off the UI thread.
"""

from __future__ import annotations

import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rio_desktop.engine.reasoning import (
    DEFAULT_REASONING_BUDGET,
    ReasoningMode,
    ReasoningPolicy,
    ReasoningProgress,
    ReasoningTask,
)
from rio_desktop.i18n import Message

Role = Literal["system", "user", "assistant"]
FinishReason = Literal["stop", "length", "cancelled"]


_SPLIT_PART = re.compile(r"-\d{5}-of-\d{5}$")


def file_display_name(path: Path) -> str:
    """How the clerk tells model files apart: the file's name without ".gguf" and a split model's part
    number (the metadata's name is often a training run's, and two files of one model share it)."""
    return _SPLIT_PART.sub("", path.name.removesuffix(".gguf"))


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


# The context (tokens) where neither the clerk nor the model or server says otherwise: room for a letter and
# its notes or a summary's step with its answer, and little memory on an office PC. Declared here once.
DEFAULT_CONTEXT = 8192


def default_context(trained: int | None) -> int:
    """The context to use when none is asked: DEFAULT_CONTEXT, or the model's trained one if it is shorter."""
    return min(trained or DEFAULT_CONTEXT, DEFAULT_CONTEXT)


@dataclass(frozen=True)
class LoadParams:
    model_path: Path
    n_ctx: int = 0  # 0: the default (the smaller of the trained context and DEFAULT_CONTEXT)
    n_gpu_layers: int = 0  # -1: every layer
    tensor_split: tuple[float, ...] | None = None  # share of the model per GPU
    main_gpu: int = 0
    n_threads: int | None = None  # None: chosen per request from the machine's load (engine.threads)
    n_batch: int = 512
    use_mmap: bool = True
    experts_on_cpu: bool = False  # MoE: routed experts in RAM, the rest on the GPU
    # The inspected model file (engine.model_file.ModelFile) when the caller has it already
    # (models.loading): the backend then does not read the header a second time.
    model_file: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    name: str
    architecture: str
    parameters: int
    quantization: str
    context_trained: int | None
    context_used: int
    backend: str  # "CPU", "CUDA", "Metal", "Vulkan", ...
    n_gpu_layers: int
    file_bytes: int
    load_seconds: float
    description: str = ""
    parts: tuple[Path, ...] = ()  # the model's file(s) on this computer; none for a server model
    reasoning_mode: ReasoningMode = "never"  # from the chat template (engine.reasoning)
    devices: tuple[str, ...] = ("CPU",)  # where llama.cpp put the model: "Vulkan0", "CUDA0", "CPU", ...
    device_bytes: dict[str, int] = field(default_factory=dict)  # what it allocated on each
    notice: Message | None = None  # e.g. the GPU failed and the CPU took the model

    @property
    def display_name(self) -> str:
        """How the clerk tells models apart: the file's name without ".gguf" and a split model's part number
        (the metadata's name is often a training run's, "Smollm2 135M 8k Lc100K Mix1 Ep2", and two files of
        one model share it); a server's model as the server names it."""
        if self.architecture == "server":
            return self.name
        return file_display_name(self.path) or self.name

    @property
    def parameters_label(self) -> str:
        if self.parameters >= 1_000_000_000:
            return f"{self.parameters / 1e9:.1f}B"
        return f"{self.parameters / 1e6:.0f}M"


@dataclass(frozen=True)
class GenerationParams:
    max_tokens: int = 512
    temperature: float = 0.7
    top_p: float = 0.95
    repeat_penalty: float = 1.1
    stop: tuple[str, ...] = ()
    seed: int | None = None
    # `max_tokens` is the answer's budget; reasoning has its own on top of it. `reasoning`: render the
    # template with enable_thinking on/off (None: the template's default). When the reasoning reaches
    # `reasoning_budget` tokens the engine closes the think block itself and the model answers.
    reasoning: bool | None = None
    reasoning_budget: int = DEFAULT_REASONING_BUDGET
    # The text that ends the part of the prompt every task about one document shares (the document): the
    # local backend keeps the model's state after it and restores it for the next task, today or after a
    # restart (engine.state_cache). `keep_state_on_disk` False: kept in memory only (a sensitive document).
    prefix_end: str = ""
    keep_state_on_disk: bool = True


def task_params(task: ReasoningTask, policy: ReasoningPolicy, info: ModelInfo | None,
                base: GenerationParams | None = None, **fields: object) -> GenerationParams:
    """GenerationParams for one kind of work (`base`, e.g. a letter request's, with `fields` replaced), with
    the reasoning the policy gives it on this model: the one place that turns the user's choice into a
    request (pages, commands and the question feature)."""
    from dataclasses import replace

    plan = policy.plan(task, info.reasoning_mode if info is not None else "unknown")
    return replace(base or GenerationParams(), reasoning=plan.enabled, reasoning_budget=plan.budget,
                   **fields)  # type: ignore[arg-type]


@dataclass
class GenerationStats:
    prompt_tokens: int = 0
    prompt_tokens_evaluated: int = 0  # fewer than prompt_tokens when a cached prefix was reused
    generated_tokens: int = 0  # reasoning included
    reasoning_tokens: int = 0  # of generated_tokens, inside the think block
    time_to_first_token_s: float = 0.0
    total_s: float = 0.0
    n_threads: int = 0

    @property
    def tokens_per_second(self) -> float:
        """Decode speed: tokens after the first over the time after the first."""
        decode_time = self.total_s - self.time_to_first_token_s
        if self.generated_tokens <= 1 or decode_time <= 0:
            return 0.0
        return (self.generated_tokens - 1) / decode_time

    @property
    def prompt_tokens_per_second(self) -> float:
        if self.time_to_first_token_s <= 0:
            return 0.0
        return self.prompt_tokens / self.time_to_first_token_s


@dataclass
class Generation:
    text: str  # the answer only, never reasoning
    finish_reason: FinishReason
    stats: GenerationStats = field(default_factory=GenerationStats)
    reasoning: str = ""  # the think block's text, for a collapsed panel; never part of a document


class CancelToken:
    """Set from any thread; the backend checks it at every token and during prompt processing."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class StepProgress:
    """Where a generation is: prompt tokens read of those to read (llama.cpp reads the prompt in batches,
    minutes of a CPU's time for a long document), then tokens written. A server reports none."""

    prompt_done: int
    prompt_total: int
    generated: int = 0


TextCallback = Callable[[str], None]
ReasoningCallback = Callable[[ReasoningProgress], None]
StepCallback = Callable[[StepProgress], None]


class Backend(ABC):
    """A loaded model that chats and counts tokens. One thread at a time may call it."""

    @property
    @abstractmethod
    def info(self) -> ModelInfo | None:
        """What is loaded, or None."""

    @abstractmethod
    def load(self, params: LoadParams, cancel: CancelToken | None = None,
             progress: Callable[[float], None] | None = None) -> ModelInfo:
        """Validate and load a model, replacing the loaded one."""

    @abstractmethod
    def unload(self) -> None:
        """Free the model's memory."""

    def set_threads(self, n_threads: int | None) -> None:  # noqa: B027 - optional for remote backends
        """Fix the number of CPU threads (None: choose from the machine's load)."""

    @abstractmethod
    def context_size(self) -> int:
        """Tokens the loaded context holds (prompt plus answer)."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes with the model's own tokenizer."""

    @abstractmethod
    def count_chat_tokens(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> int:
        """Tokens the prompt for `messages` takes, chat template included (rendered with
        enable_thinking=`reasoning`, as GenerationParams.reasoning)."""

    @abstractmethod
    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams,
             on_text: TextCallback | None = None, cancel: CancelToken | None = None,
             on_reasoning: ReasoningCallback | None = None, on_step: StepCallback | None = None) -> Generation:
        """Generate an answer, passing the answer's text to `on_text` as it comes and the reasoning
        (which never reaches `on_text` or Generation.text) to `on_reasoning`. `on_step` hears after each
        batch of the prompt read and every few tokens written (for progress and the time left).

        Raises GenerationCancelled (with the partial answer) when `cancel` is set.
        """
