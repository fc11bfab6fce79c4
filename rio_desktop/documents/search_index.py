"""Ranking a document's pages for a question: SQLite FTS5 with BM25 over Portuguese word stems.

Both sides go through the same analysis: lower case, Portuguese stop words left out, the Snowball
Portuguese stemmer (snowballstemmer, pure Python), accents folded after stemming (the stemmer's suffix
rules need them) and restored before it where a clerk typed "decisao" for "decisão". A few Latin
alternations that no stemmer joins ("recurso"/"recorrer", "decisão"/"decidir", "concessão"/"conceder",
"admissão"/"admitir") are mapped onto one root, and query stems match as prefixes, so "pagar" (stem
"pag") finds "pagamento" ("pagament").

The index of a document is built once per sha256 and kept in the cache folder (search/<sha256>.sqlite);
reopening the document reuses it. A damaged or outdated file is deleted and built again.

FTS5 availability: Python's own builds (python.org for Windows and macOS, which the installers bundle)
and the Linux distributions' SQLite compile FTS5 in; `fts5_available()` checks the running interpreter.
Where it is missing, the same analysis and the same BM25 formula run in memory (`_MemoryIndex`): the
ranking is the same, only nothing is kept on disk (indexing 300 pages takes well under a second).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

from rio_desktop.documents.text_fold import strip_accents

log = logging.getLogger(__name__)

# Bumped whenever the analysis changes: an index written by another version is rebuilt.
ANALYZER_VERSION = 1
MIN_PREFIX = 3  # shorter stems match only whole; "pag" (pagar) must find "pagament"
BM25_K1, BM25_B = 1.2, 0.75  # FTS5's own defaults, used by the in-memory fallback too

# Function words and the words of a question's frame ("qual", "segundo o texto"), which say nothing of
# what is asked.
_STOP_WORDS_TEXT = """
a à ao aos aquela aquelas aquele aqueles aquilo as às até com como contra da das de dela dele deles
demais depois desde desta deste dessa desse disso disto do dos e é ela elas ele eles em entre era eram
essa essas esse esses esta está estão estas este estes eu foi foram há isso isto já lhe lhes mais mas
me mesmo meu minha muito na nas nem no nos nós nossa nosso num numa o os ou para pela pelas pelo pelos
por qual quais qualquer quando que quem se seja sem ser seu seus sob sobre sua suas também te tem têm
ter teu tua um uma umas uns você vocês vos foi será serão sido são seria deve devem pode podem
onde quanto quanta quantos quantas porque diz dizer fala falar página páginas trecho segundo conforme
sim não ainda então fica ficam existe existem
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Unaccented spellings of common endings, put back before stemming ("licitacao" -> "licitação").
_ACCENT_ENDINGS = (("coes", "ções"), ("cao", "ção"), ("oes", "ões"), ("aes", "ães"), ("ao", "ão"),
                   ("encia", "ência"), ("ancia", "ância"))
# Latin alternations between a noun and its verb, on folded stems: noun root -> verb root.
_ALTERNATIONS = (("curs", "corr"), ("cis", "cid"), ("cess", "ced"), ("miss", "mit"))


fold = strip_accents


@functools.lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("portuguese")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The search root of one lower-case word."""
    if word.isdigit():
        return word
    if word.isascii():
        for plain, accented in _ACCENT_ENDINGS:
            if word.endswith(plain) and len(word) > len(plain) + 2:
                word = word[: -len(plain)] + accented
                break
    root = fold(_stemmer().stemWord(word))
    if word.endswith(("ão", "ões", "ães")) and root[-1:] in ("a", "o") and len(root) > 4:
        root = root[:-1]  # "decisã"/"decisõ" -> "decis": singular and plural together
    for noun, verb in _ALTERNATIONS:
        if root.endswith(noun) and len(root) > len(noun) + 1:
            return root[: -len(noun)] + verb
    return root


def words(text: str) -> list[str]:
    """The content words of `text`, lower case, stop words out (accents kept: they help the stemmer)."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and fold(w) not in STOP_WORDS
            and (len(w) > 2 or w.isdigit())]


def analyze(text: str) -> list[str]:
    """Stems of `text`'s content words, in order (what the index holds)."""
    return [stem(w) for w in words(text)]


@dataclass(frozen=True)
class Query:
    """A question's search terms: the words as typed and the stems they became."""

    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Query:
        typed: dict[str, str] = {}
        for word in words(text):
            typed.setdefault(stem(word), word)
        return cls(tuple(typed.values()), tuple(typed))


@dataclass(frozen=True)
class Hit:
    page: int
    score: float  # higher is better


def fts5_available() -> bool:
    try:
        connection = sqlite3.connect(":memory:")
        try:
            connection.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


class _MemoryIndex:
    """BM25 over the same stems, in memory: the fallback where SQLite lacks FTS5."""

    def __init__(self, pages: Sequence[tuple[int, str]]) -> None:
        self.terms: dict[int, Counter[str]] = {n: Counter(analyze(t)) for n, t in pages}
        self.lengths = {n: sum(c.values()) for n, c in self.terms.items()}
        self.average = (sum(self.lengths.values()) / len(self.lengths)) if self.lengths else 0.0
        self.vocabulary = sorted({t for c in self.terms.values() for t in c})

    def expand(self, root: str) -> list[str]:
        if len(root) < MIN_PREFIX:
            return [root] if root in self.terms_set else []
        return [t for t in self.vocabulary if t.startswith(root)]

    @functools.cached_property
    def terms_set(self) -> set[str]:
        return set(self.vocabulary)

    def rank(self, stems: Sequence[str], limit: int) -> list[Hit]:
        """FTS5's BM25: a query stem is one phrase (its prefix matches counted together), idf clamped."""
        total = len(self.terms)
        scores: dict[int, float] = {}
        for root in stems:
            expanded = self.expand(root)
            frequencies = {n: sum(c[t] for t in expanded) for n, c in self.terms.items()}
            having = {n: f for n, f in frequencies.items() if f}
            idf = math.log((total - len(having) + 0.5) / (len(having) + 0.5))
            idf = idf if idf > 0 else 1e-6
            for n, frequency in having.items():
                norm = BM25_K1 * (1 - BM25_B + BM25_B * self.lengths[n] / (self.average or 1))
                scores[n] = scores.get(n, 0.0) + idf * frequency * (BM25_K1 + 1) / (frequency + norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [Hit(n, score) for n, score in ranked[:limit]]

    def found(self, stems: Iterable[str]) -> set[str]:
        return {root for root in stems if self.expand(root)}


class PageSearch:
    """The pages of one document, ranked for questions. Opened, used and closed on one thread (the inference
    worker in the window: tasks.ask.AskSession); SQLite's own check holds it to that."""

    def __init__(self, pages: Sequence[tuple[int, str]], path: Path | None) -> None:
        self.page_numbers = [n for n, _ in pages]
        self.path = path
        self.built = False  # True when this opening built the index (False: reused from the cache)
        self.build_seconds = 0.0
        self._connection: sqlite3.Connection | None = None
        self._memory: _MemoryIndex | None = None
        self._pages = pages

    @classmethod
    def open(cls, pages: Sequence[tuple[int, str]], cache_dir: Path | None, sha256: str) -> PageSearch:
        """The index of a document, from the cache when it was built before (a damaged file is rebuilt)."""
        path = cache_dir / "search" / f"{sha256}.sqlite" if cache_dir is not None else None
        search = cls(pages, path)
        search._open()
        return search

    # -- building ------------------------------------------------------------------------------------
    def _open(self) -> None:
        started = time.perf_counter()
        if not fts5_available():
            log.warning("this SQLite has no FTS5: ranking pages in memory")
            self._memory = _MemoryIndex(self._pages)
            self.built, self.build_seconds = True, time.perf_counter() - started
            return
        if self.path is not None:
            if self.path.exists():
                connection = None
                try:
                    connection = sqlite3.connect(self.path)
                    if self._valid(connection):
                        self._connection = connection
                        return
                except (sqlite3.Error, OSError) as exc:
                    log.warning("search index %s is damaged (%s): building it again", self.path, exc)
                if connection is not None:
                    connection.close()
            self._discard()
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._connection = self._build(sqlite3.connect(self.path))
            except (sqlite3.Error, OSError) as exc:  # a read-only or full cache folder: keep it in memory
                log.warning("search index %s could not be written (%s); kept in memory", self.path, exc)
                self._discard()
                self._connection = self._build(sqlite3.connect(":memory:"))
        else:
            self._connection = self._build(sqlite3.connect(":memory:"))
        self.built, self.build_seconds = True, time.perf_counter() - started

    def _valid(self, connection: sqlite3.Connection) -> bool:
        """The file is an index of this analysis over these pages, and SQLite can read all of it."""
        row = connection.execute("SELECT version, pages FROM meta").fetchone()
        if row is None or row[0] != ANALYZER_VERSION or row[1] != ",".join(map(str, self.page_numbers)):
            return False
        connection.execute("INSERT INTO pages(pages) VALUES ('integrity-check')")  # raises when corrupt
        return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"

    def _discard(self) -> None:
        if self.path is not None:
            for suffix in ("", "-journal", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _build(self, connection: sqlite3.Connection) -> sqlite3.Connection:
        with connection:
            connection.execute("CREATE TABLE meta(version INTEGER, pages TEXT)")
            # The text is analysed here, not by an FTS5 tokenizer: the stems are stored space-separated and
            # unicode61 only splits them.
            connection.execute("CREATE VIRTUAL TABLE pages USING fts5(body, tokenize='unicode61')")
            connection.execute("CREATE VIRTUAL TABLE vocabulary USING fts5vocab(pages, 'row')")
            connection.executemany("INSERT INTO pages(rowid, body) VALUES (?, ?)",
                                   ((n, " ".join(analyze(t))) for n, t in self._pages))
            connection.execute("INSERT INTO meta VALUES (?, ?)",
                               (ANALYZER_VERSION, ",".join(map(str, self.page_numbers))))
        return connection

    def _rebuild(self, error: sqlite3.Error) -> None:
        log.warning("search index %s failed (%s): building it again", self.path, error)
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None
        self._discard()
        self._open()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # -- asking --------------------------------------------------------------------------------------
    @staticmethod
    def _match_expression(stems: Iterable[str]) -> str:
        # Stems are letters and digits only (the analysis splits on everything else), quoted anyway.
        return " OR ".join(f'"{s}"*' if len(s) >= MIN_PREFIX else f'"{s}"' for s in stems)

    def rank(self, stems: Sequence[str], limit: int = 1000) -> list[Hit]:
        """Pages matching any of `stems`, best first (BM25)."""
        stems = [s for s in dict.fromkeys(stems) if s]
        if not stems:
            return []
        if self._memory is not None:
            return self._memory.rank(stems, limit)
        for attempt in (1, 2):
            try:
                assert self._connection is not None
                rows = self._connection.execute(
                    "SELECT rowid, bm25(pages) FROM pages WHERE pages MATCH ? ORDER BY bm25(pages), rowid "
                    "LIMIT ?", (self._match_expression(stems), limit)).fetchall()
                return [Hit(int(rowid), -float(score)) for rowid, score in rows]
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    raise
                self._rebuild(exc)
        return []

    def found(self, stems: Iterable[str]) -> set[str]:
        """Which of `stems` occur somewhere in the document (as a prefix for the longer ones)."""
        stems = list(stems)
        if self._memory is not None:
            return self._memory.found(stems)
        for attempt in (1, 2):
            try:
                assert self._connection is not None
                present = set()
                for root in stems:
                    if len(root) >= MIN_PREFIX:
                        row = self._connection.execute(
                            "SELECT 1 FROM vocabulary WHERE term >= ? AND term < ? LIMIT 1",
                            (root, root + "\uffff")).fetchone()
                    else:
                        row = self._connection.execute("SELECT 1 FROM vocabulary WHERE term = ?",
                                                       (root,)).fetchone()
                    if row is not None:
                        present.add(root)
                return present
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    raise
                self._rebuild(exc)
        return set()


__all__ = ["PageSearch", "Query", "Hit", "analyze", "stem", "fts5_available", "STOP_WORDS"]
