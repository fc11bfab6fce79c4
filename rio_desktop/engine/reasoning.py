"""Reasoning ("thinking") models: what a chat template does with the think block, how streamed output
splits into reasoning and answer, and how much each task may reason.

Every model of the catalogue reasons before it answers (Rio 3.x and 2.5 are Qwen3 models, Rio 3.5 and
the fallbacks Qwen3.5, Rio 3.0 Open Mini is distilled from Qwen3-4B-Thinking-2507). Their output is
"<think>reasoning</think>answer", and the opening tag is often written by the template, not by the model
(Qwen3.5 ends the prompt with "<think>\\n"). Only the answer may reach a letter, a summary or an answer
to a question: the reasoning travels apart (Generation.reasoning, ReasoningProgress).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rio_desktop.engine.chat_template import ChatTemplate

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"
# What the engine writes when the reasoning reaches its budget (or the model ends its turn inside it):
# the same empty-line layout the Qwen templates use for a closed block, so the model answers next.
FORCED_CLOSE = "\n" + CLOSE_TAG + "\n\n"

ReasoningMode = Literal["always", "switchable", "never", "unknown"]
ReasoningChoice = Literal["off", "on", "auto"]
ReasoningTask = Literal["letter", "rewrite", "notes", "summary", "answer", "chat"]
REASONING_CHOICES: tuple[ReasoningChoice, ...] = ("auto", "on", "off")
# Work that reshapes text the clerk or the document already holds: thinking adds time, not quality.
FORMATTING_TASKS: frozenset[str] = frozenset({"letter", "rewrite", "notes"})
DEFAULT_REASONING_BUDGET = 1024
MIN_REASONING_BUDGET = 0
MAX_REASONING_BUDGET = 32768

_PROBE = [{"role": "user", "content": "Olá"}]


def ends_inside_reasoning(prompt: str) -> bool:
    """Whether a rendered prompt leaves a think block open (Qwen3.5 and Thinking templates do)."""
    return prompt.rfind(OPEN_TAG) > prompt.rfind(CLOSE_TAG)


def reasoning_mode(template: ChatTemplate) -> ReasoningMode:
    """What the template does: opens the think block always, follows `enable_thinking`, or never.

    Judged from renders of a one-line conversation, so a template is classified by what it does, not by
    how it is written. A template that neither opens the block nor reacts to the switch is "never" even
    if it mentions think tags (for past turns): the model may still open a block itself, which the
    splitter and the budget handle anyway.
    """
    from rio_desktop.engine.chat_template import ChatTemplateError

    try:
        on = template.render(_PROBE, add_generation_prompt=True, enable_thinking=True)
        off = template.render(_PROBE, add_generation_prompt=True, enable_thinking=False)
        default = template.render(_PROBE, add_generation_prompt=True)
    except ChatTemplateError:
        return "never"
    if on != off and (ends_inside_reasoning(on) or ends_inside_reasoning(default) or OPEN_TAG in off):
        return "switchable"
    if ends_inside_reasoning(default):
        return "always"
    return "never"


@dataclass(frozen=True)
class ReasoningProgress:
    """Reported while a model reasons: the reasoning so far (new `text` since the last report), the
    tokens spent and the budget. A UI shows it apart; it never enters a document."""

    text: str
    tokens: int
    budget: int
    done: bool = False


@dataclass(frozen=True)
class ReasoningPlan:
    """What one generation asks for. `enabled`: render the template with enable_thinking on or off
    (None: the template's default); `budget`: reasoning tokens allowed before the engine closes the
    block itself (0: closed at once, the answer comes next)."""

    enabled: bool | None
    budget: int


@dataclass(frozen=True)
class ReasoningPolicy:
    """The user's choice (Settings, --reasoning) and budget (--reasoning-budget), applied per task."""

    choice: ReasoningChoice = "auto"
    budget: int = DEFAULT_REASONING_BUDGET

    def plan(self, task: ReasoningTask, mode: ReasoningMode) -> ReasoningPlan:
        """off: no reasoning, even on a model that always thinks (its block is closed at once, as the
        Qwen templates do with enable_thinking=false). on: reason within the budget. auto: off for
        formatting work (letter body, rewrite, map-step notes) where the template allows it, on with the
        budget for the final summary step and answers to questions."""
        budget = max(MIN_REASONING_BUDGET, min(MAX_REASONING_BUDGET, self.budget))
        if self.choice == "off":
            return ReasoningPlan(False if mode in ("switchable", "unknown") else None, 0)
        if self.choice == "on":
            return ReasoningPlan(True if mode in ("switchable", "unknown") else None, budget)
        if task in FORMATTING_TASKS and mode in ("switchable", "unknown"):
            return ReasoningPlan(False, 0)
        if mode == "never":
            return ReasoningPlan(None, 0)
        return ReasoningPlan(True if mode in ("switchable", "unknown") else None, budget)


def parse_choice(value: object) -> ReasoningChoice:
    """A stored or typed choice; anything unknown falls back to "auto"."""
    return value if value in REASONING_CHOICES else "auto"  # type: ignore[return-value]


class ReasoningSplitter:
    """Splits streamed model output into reasoning and answer, whatever the chunking.

    `inside`: the prompt ends inside an open think block (the output starts as reasoning, with no
    opening tag); False: the output may open a block itself, but only at its very start; None: unknown
    (a server that shows neither the prompt nor a separate reasoning field): text is held until a
    closing tag shows it was reasoning, or the end shows it was the answer. Tags split across chunks are
    held back until they are complete. The answer starts after the closing tag and its blank lines.
    """

    def __init__(self, inside: bool | None) -> None:
        self.state: Literal["start", "reasoning", "answer", "undecided"] = (
            "reasoning" if inside else "start" if inside is not None else "undecided")
        self._held = ""
        self._strip_answer = inside is not None and bool(inside)
        self.closed = False  # a closing tag was seen (written by the model or forced)
        self.closes = 0  # think blocks closed so far

    @property
    def reasoning(self) -> bool:
        """True while the output is (or may be) inside the think block."""
        return self.state in ("reasoning", "undecided")

    def feed(self, text: str) -> tuple[str, str]:
        """(reasoning, answer) text that is certain after `text`."""
        self._held += text
        reasoning: list[str] = []
        answer: list[str] = []
        while self._held:
            held = self._held
            if self.state == "start":
                stripped = held.lstrip()
                if not stripped:
                    return "".join(reasoning), "".join(answer)
                if stripped.startswith(OPEN_TAG):
                    self.state, self._held = "reasoning", stripped[len(OPEN_TAG):]
                    continue
                if OPEN_TAG.startswith(stripped):  # "<thi": wait for the rest
                    return "".join(reasoning), "".join(answer)
                self.state = "answer"
                continue
            if self.state == "undecided":
                stripped = held.lstrip()
                if stripped.startswith(OPEN_TAG):
                    self.state, self._held = "reasoning", stripped[len(OPEN_TAG):]
                    continue
                cut = held.find(CLOSE_TAG)
                if cut < 0:
                    return "".join(reasoning), "".join(answer)
                reasoning.append(held[:cut])
                self._close(held[cut + len(CLOSE_TAG):])
                continue
            if self.state == "reasoning":
                cut = held.find(CLOSE_TAG)
                if cut >= 0:
                    reasoning.append(held[:cut])
                    self._close(held[cut + len(CLOSE_TAG):])
                    continue
                keep = _partial_suffix(held, CLOSE_TAG)
                reasoning.append(held[:len(held) - keep])
                self._held = held[len(held) - keep:]
                return "".join(reasoning), "".join(answer)
            # answer: a model may open another block (its text is reasoning too) or repeat a closing tag
            # (dropped); neither tag ever reaches the answer.
            if self._strip_answer:
                held = held.lstrip()
                if not held:
                    self._held = ""
                    break
                self._strip_answer = False
            opening, closing = held.find(OPEN_TAG), held.find(CLOSE_TAG)
            if opening >= 0 and (closing < 0 or opening < closing):
                answer.append(held[:opening])
                self.state, self._held = "reasoning", held[opening + len(OPEN_TAG):]
                continue
            if closing >= 0:
                answer.append(held[:closing])
                self._held = held[closing + len(CLOSE_TAG):]
                continue
            keep = max(_partial_suffix(held, OPEN_TAG), _partial_suffix(held, CLOSE_TAG))
            answer.append(held[:len(held) - keep])
            self._held = held[len(held) - keep:]
            return "".join(reasoning), "".join(answer)
        return "".join(reasoning), "".join(answer)

    def decide_no_block(self) -> None:
        """Undecided text is the answer after all (the server sent its reasoning in a separate field)."""
        if self.state == "undecided":
            self.state = "start"

    def _close(self, rest: str) -> None:
        self.state, self._held, self._strip_answer, self.closed = "answer", rest, True, True
        self.closes += 1

    def flush(self) -> tuple[str, str]:
        """The end of the output: reasoning never closed stays reasoning; undecided text was the answer."""
        held, self._held = self._held, ""
        if self.state == "reasoning":
            return held, ""
        if self.state == "answer" and self._strip_answer:
            held = held.lstrip()
        if self.state in ("start", "undecided"):
            self.state = "answer"
        return "", held


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest end of `text` that is the start of `tag` ("</th" of "</think>")."""
    for size in range(min(len(text), len(tag) - 1), 0, -1):
        if tag.startswith(text[-size:]):
            return size
    return 0


def strip_reasoning(text: str) -> str:
    """The answer part of a complete output that may still hold a think block (e.g. text from a server
    or an older draft): a last defence before text enters a document."""
    splitter = ReasoningSplitter(inside=None if CLOSE_TAG in text else False)
    _, answer = splitter.feed(text)
    _, rest = splitter.flush()
    return (answer + rest).strip()
