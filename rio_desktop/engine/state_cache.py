"""Model states kept after reading a document, so that no document is read twice.

Reading is the cost on an office CPU: a 4B model reads 25-60 prompt tokens a second, so a 30-page document
takes minutes. After the model has read a document prefix (the shared start of every task's prompt about
that document), llama.cpp's sequence state (the KV cache, and for recurrent and hybrid models their
recurrent state) is copied out and kept: in memory for this session, and on disk in the cache folder for
the next one. A later task whose prompt starts with the same tokens restores the state and reads only
its own words.

A state file is trusted only after checking it: a header with every key it was made under (the model
file's sha256, the context size, the KV type, llama-cpp-python's version), the exact prefix tokens, and a
sha256 of tokens and state. A damaged, foreign, stale or truncated file is removed and rebuilt, never
loaded. Files are written under a temporary name and renamed, so a process killed while writing leaves
nothing that is later loaded; the folder is bounded, least recently used first out.

No Qt and no llama.cpp here: the backend copies states in and out (engine.llama_backend).
"""

from __future__ import annotations

import array
import contextlib
import json
import logging
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAGIC = b"RIO-DESKTOP-STATE\n"
FORMAT = 1
SUFFIX = ".state"
DEFAULT_DISK_LIMIT = 4 << 30  # a few 30-page documents of a 4B model (about 150 KB a token in f16)
DEFAULT_MEMORY_LIMIT = 1 << 30
# A temporary file older than this is left by a process that died while writing: removed.
STALE_TEMPORARY_S = 600
# Shorter prefixes are read again in a moment: not worth a file.
MIN_PREFIX_TOKENS = 32


@dataclass(frozen=True)
class StateKeys:
    """What a state is only valid under: the same weights, context size, KV type and llama.cpp."""

    model_sha256: str
    n_ctx: int
    kv_type: str
    llama: str

    def digest(self, tokens: Sequence[int]) -> str:
        """The file name of the state after `tokens` (the prefix's hash under these keys)."""
        h = _sha256(json.dumps(asdict(self), sort_keys=True).encode())
        h.update(_token_bytes(tokens))
        return h.hexdigest()[:40]


def _sha256(data: bytes = b"") -> Any:
    # Imported when first used: hashlib loads OpenSSL, which the window's start does without (bench/startup.py).
    import hashlib

    return hashlib.sha256(data)


def _token_bytes(tokens: Sequence[int]) -> bytes:
    data = array.array("i", tokens)
    if sys.byteorder != "little":
        data.byteswap()
    return data.tobytes()


def read_header(path: Path) -> dict:
    """A state file's header (its keys, token count and size), for diagnostics; {} when it is not one."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                return {}
            return json.loads(handle.readline())
    except (OSError, ValueError):
        return {}


@dataclass
class CachedState:
    tokens: tuple[int, ...]
    data: bytearray  # writable, so llama.cpp reads it in place (a 30-page document's state is gigabytes)


class StateCache:
    """States in memory (this session) and on disk (`folder`; None: memory only). Thread-safe: the
    inference worker saves and restores, the Settings dialog reads the size and empties it."""

    def __init__(self, folder: Path | None = None, disk_limit: int = DEFAULT_DISK_LIMIT,
                 memory_limit: int = DEFAULT_MEMORY_LIMIT, write_to_disk: bool = True) -> None:
        self.folder = folder
        self.disk_limit = disk_limit
        self.memory_limit = memory_limit
        self.write_to_disk = write_to_disk
        self._memory: OrderedDict[tuple[StateKeys, str], CachedState] = OrderedDict()
        self._lock = threading.Lock()
        self._remove_stale_temporaries()

    def configure(self, disk_limit: int | None = None, write_to_disk: bool | None = None) -> None:
        """The clerk's settings changed: the bound applies at once."""
        with self._lock:
            if disk_limit is not None:
                self.disk_limit = max(0, disk_limit)
            if write_to_disk is not None:
                self.write_to_disk = write_to_disk
        self._prune()

    # -- finding -------------------------------------------------------------------------------------
    def find(self, keys: StateKeys, tokens: Sequence[int], boundaries: Sequence[int] = ()) -> CachedState | None:
        """The longest kept state whose tokens start `tokens`: any in memory, or on disk the one after
        exactly tokens[:b] for one of `boundaries` (a file is found by its prefix's hash)."""
        prompt = tuple(tokens)
        best: CachedState | None = None
        with self._lock:
            for (entry_keys, digest), state in self._memory.items():
                n = len(state.tokens)
                if entry_keys == keys and n <= len(prompt) and prompt[:n] == state.tokens \
                        and (best is None or n > len(best.tokens)):
                    best, best_id = state, (entry_keys, digest)
            if best is not None:
                self._memory.move_to_end(best_id)
        for boundary in sorted(set(boundaries), reverse=True):
            if best is not None and boundary <= len(best.tokens):
                break
            found = self._read(keys, prompt[:boundary])
            if found is not None:
                self._remember(keys, found)
                return found
        return best

    def has(self, keys: StateKeys, tokens: Sequence[int], disk: bool = True) -> bool:
        """Whether the state after exactly `tokens` is kept already: in memory, and on disk too where `disk`
        wants it there and disk is on."""
        digest = keys.digest(tokens)
        with self._lock:
            in_memory = (keys, digest) in self._memory
        return in_memory and (not disk or not self._disk_on() or self._path(digest).exists())

    # -- keeping -------------------------------------------------------------------------------------
    def put(self, keys: StateKeys, tokens: Sequence[int], data: bytearray, disk: bool = True) -> None:
        """Keep the state after `tokens`: in memory, and on disk unless `disk` is False (the document was
        read under the setting that keeps sensitive documents' states off the disk) or disk is off."""
        state = CachedState(tuple(tokens), data)
        self._remember(keys, state)
        if disk and self._disk_on():
            self._write(keys, state)

    def _remember(self, keys: StateKeys, state: CachedState) -> None:
        if len(state.data) > self.memory_limit:
            return
        with self._lock:
            self._memory[(keys, keys.digest(state.tokens))] = state
            self._memory.move_to_end((keys, keys.digest(state.tokens)))
            while sum(len(s.data) for s in self._memory.values()) > self.memory_limit:
                self._memory.popitem(last=False)

    def forget_memory(self) -> None:
        with self._lock:
            self._memory.clear()

    # -- the disk ------------------------------------------------------------------------------------
    def _disk_on(self) -> bool:
        return self.folder is not None and self.write_to_disk and self.disk_limit > 0

    def _path(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{digest}{SUFFIX}"

    def files(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return [p for p in self.folder.iterdir() if p.suffix == SUFFIX and p.is_file()]

    def disk_bytes(self) -> int:
        """What the kept states take on disk (for Settings)."""
        total = 0
        for path in self.files():
            with contextlib.suppress(OSError):
                total += path.stat().st_size
        return total

    def clear(self) -> int:
        """Remove every kept state, in memory and on disk; the bytes freed on disk."""
        freed = 0
        self.forget_memory()
        for path in self.files():
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                path.unlink()
                freed += size
        return freed

    def _write(self, keys: StateKeys, state: CachedState) -> None:
        header = {"format": FORMAT, "keys": asdict(keys), "n_tokens": len(state.tokens),
                  "state_bytes": len(state.data), "created": time.time()}
        tokens = _token_bytes(state.tokens)
        digest = _sha256(tokens)
        digest.update(state.data)
        header["sha256"] = digest.hexdigest()
        head = json.dumps(header, sort_keys=True).encode() + b"\n"
        size = len(MAGIC) + len(head) + len(tokens) + len(state.data)
        if size > self.disk_limit:
            log.info("a state of %d bytes is over the disk cache's bound: kept in memory only", size)
            return
        path = self._path(keys.digest(state.tokens))
        temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._prune(room=size)
            with open(temporary, "wb") as handle:
                handle.write(MAGIC)
                handle.write(head)
                handle.write(tokens)
                handle.write(state.data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError as exc:  # a full disk, no permission: the state stays in memory, nothing breaks
            log.warning("could not keep a document's state on disk (%s): it will be read again next time", exc)
            with contextlib.suppress(OSError):
                temporary.unlink()

    def _read(self, keys: StateKeys, tokens: Sequence[int]) -> CachedState | None:
        if self.folder is None or len(tokens) < MIN_PREFIX_TOKENS:
            return None
        path = self._path(keys.digest(tokens))
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        state = self._check(raw, keys, tokens)
        if state is None:
            log.warning("ignored the state file %s (damaged, truncated or made under other keys): removed",
                        path.name)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: the last to go
        return state

    @staticmethod
    def _check(raw: bytes, keys: StateKeys, tokens: Sequence[int]) -> CachedState | None:
        if not raw.startswith(MAGIC):
            return None
        end = raw.find(b"\n", len(MAGIC))
        if end < 0:
            return None
        try:
            header = json.loads(raw[len(MAGIC):end])
            n_tokens, state_bytes = int(header["n_tokens"]), int(header["state_bytes"])
            if header["format"] != FORMAT or header["keys"] != asdict(keys):
                return None
        except (ValueError, KeyError, TypeError):
            return None
        body = memoryview(raw)[end + 1:]
        expected = _token_bytes(tokens)
        if n_tokens != len(tokens) or len(body) != 4 * n_tokens + state_bytes \
                or body[:4 * n_tokens] != expected:
            return None
        if _sha256(body).hexdigest() != header.get("sha256"):
            return None
        return CachedState(tuple(tokens), bytearray(body[4 * n_tokens:]))

    def _prune(self, room: int = 0) -> None:
        """Least recently used out until the folder holds the bound (with `room` for a file to come)."""
        files = []
        for path in self.files():
            with contextlib.suppress(OSError):
                stat = path.stat()
                files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _m, size, _p in files) + room
        for _mtime, size, path in sorted(files):
            if total <= self.disk_limit:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size

    def _remove_stale_temporaries(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        now = time.time()
        for path in self.folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > STALE_TEMPORARY_S:
                    path.unlink()
