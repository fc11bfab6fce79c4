"""Removing our own words from a model's answer.

Models, small ones most, repeat their prompt: a label of ours ("O que a carta deve dizer:", "Texto:"),
a sentence of the instructions or of the system prompt. None of it may reach a letter or a summary. The
filter knows our prompts as templates (`{name}` marks a value filled in at run time) and removes, line by
line: a line that is one of our prompt lines, a label of ours at the start of a line (the rest is kept),
and a sentence that is one of ours or made mostly of the words of one of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rio_desktop.documents.text_fold import strip_accents

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_SENTENCE = re.compile(r"(?<=[.!?:])\s+")
_WORD = re.compile(r"\w+")
# A sentence of the answer made this much of the words of one of our sentences repeats it.
OVERLAP = 0.75
MIN_WORDS = 4  # shorter sentences are judged only by exact match
# A run of this many words of one of our sentences, in their order (at least RUN_LONG_WORDS of them longer
# than two letters), inside a sentence of the answer: a fragment of our instructions glued to the model's
# own words ("… em tópicos iniciados por '- '"), too short a share of the sentence for OVERLAP to see.
RUN = 4
RUN_LONG_WORDS = 3


def _fold(text: str) -> str:
    """Lower case, no accents, no quotes or bullets, single spaces: how two echoes are compared."""
    text = strip_accents(text.casefold())
    text = re.sub(r"[\"'“”‘’«»*_`>#•\-–—]+", " ", text)
    return " ".join(text.split())


def _runs(folded: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(folded)
    return {run for run in (tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
            if sum(len(w) > 2 for w in run) >= RUN_LONG_WORDS}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(_fold(text)) if len(w) > 2}


@dataclass(frozen=True)
class EchoFilter:
    lines: tuple[re.Pattern[str], ...]  # whole lines of our prompts (placeholders match anything)
    labels: tuple[str, ...]  # folded labels ("texto:"), longest first
    sentences: tuple[frozenset[str], ...]  # the words of each of our sentences
    exact: frozenset[str]  # our short sentences, folded
    runs: frozenset[tuple[str, ...]] = frozenset()  # RUN-word runs of our sentences, folded

    @classmethod
    def of(cls, texts: Iterable[str]) -> EchoFilter:
        lines: list[re.Pattern[str]] = []
        labels: set[str] = set()
        sentences: list[frozenset[str]] = []
        exact: set[str] = set()
        runs: set[tuple[str, ...]] = set()
        for text in texts:
            for raw in text.splitlines():
                line = raw.strip()
                if not line:
                    continue
                literal = [_fold(piece) for piece in _PLACEHOLDER.split(line)]
                if any(literal):
                    pattern = r"(?:.*)".join(re.escape(p) for p in literal)
                    lines.append(re.compile(pattern))
                # A label: the literal text before a colon that ends the line or precedes a value.
                head = _PLACEHOLDER.split(line)[0]
                if ":" in head and len(head.split(":")[0].split()) <= 6:
                    labels.add(_fold(head.split(":")[0]) + ":")
                for sentence in _SENTENCE.split(_PLACEHOLDER.sub(" ", line)):
                    folded = _fold(sentence)
                    if not folded:
                        continue
                    words = _words(sentence)
                    if len(words) >= MIN_WORDS:
                        sentences.append(frozenset(words))
                    exact.add(folded.rstrip(".:;,"))
                    runs.update(_runs(folded))
        return cls(tuple(lines), tuple(sorted(labels, key=len, reverse=True)), tuple(sentences),
                   frozenset(exact), frozenset(runs))

    def _is_ours(self, sentence: str) -> bool:
        folded = _fold(sentence).rstrip(".:;,")
        if not folded:
            return False
        if folded in self.exact:
            return True
        if self.runs and not _runs(folded).isdisjoint(self.runs):
            return True
        words = _words(sentence)
        if len(words) < MIN_WORDS:
            return False
        return any(len(words & ours) / len(words) >= OVERLAP for ours in self.sentences)

    def clean_line(self, line: str) -> str:
        """The line without our words ("" when nothing of the model's own is left)."""
        stripped = line.strip()
        if not stripped:
            return ""
        folded = _fold(stripped)
        if any(pattern.fullmatch(folded) for pattern in self.lines):
            return ""
        # Our labels at the start of the line ("Texto: O servidor ..."), one after another.
        changed = True
        while changed and stripped:
            changed = False
            folded = _fold(stripped)
            for label in self.labels:
                if folded.startswith(label):
                    stripped = _drop_folded_prefix(stripped, label).strip()
                    changed = True
                    break
        kept = [s for s in _SENTENCE.split(stripped) if s.strip() and not self._is_ours(s)]
        return " ".join(kept).strip()

    def clean(self, text: str) -> str:
        """The answer without our words; its line and paragraph breaks are kept."""
        out: list[str] = []
        for line in text.splitlines():
            if not line.strip():
                if out and out[-1] != "":
                    out.append("")
                continue
            cleaned = self.clean_line(line)
            if cleaned:
                out.append(cleaned)
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out)


# Reasoning tags a model may write itself after the engine closed its reasoning ("</thought>", "<think>").
_REASONING_TAG = re.compile(r"</?\s*(?:think|thinking|thought|thoughts|reasoning)\s*>", re.IGNORECASE)


def without_reasoning(text: str, reasoning: str, keep: str = "") -> str:
    """The answer without what the model wrote while reasoning: stray reasoning tags, and each sentence of
    its reasoning it repeated after the engine closed the reasoning (exactly or mostly in the same words).
    What repeats `keep` (the clerk's own notes, which the answer is meant to say) is not taken for reasoning."""
    lines = []
    for line in text.splitlines():
        untagged = _REASONING_TAG.sub("", line)
        if untagged != line and not _WORD.search(untagged):
            continue  # a line that held only a tag
        lines.append(untagged)
    text = "\n".join(lines)
    if not reasoning.strip():
        return text
    sentences = [s for line in reasoning.splitlines() for s in _SENTENCE.split(line.strip()) if s.strip()]
    if keep.strip():
        notes = EchoFilter.of([keep])
        sentences = [s for s in sentences if not notes._is_ours(s)]
    thought = EchoFilter(lines=(), labels=(),
                         sentences=tuple(frozenset(_words(s)) for s in sentences if len(_words(s)) >= MIN_WORDS),
                         exact=frozenset(_fold(s).rstrip(".:;,") for s in sentences if _words(s)))
    return thought.clean(text)


def _drop_folded_prefix(text: str, folded_prefix: str) -> str:
    """`text` without the characters whose folded form is `folded_prefix` (the label as written)."""
    for end in range(1, len(text) + 1):
        if _fold(text[:end]) == folded_prefix:
            # and the markup or spaces after it ("**Texto:** ...")
            while end < len(text) and _fold(text[:end + 1]) == folded_prefix:
                end += 1
            return text[end:]
    return text
