"""llama.cpp's and ggml's log, routed into Python logging. One per process (NATIVE.log, engine.native): llama.cpp's log
callback is process-wide. It keeps the last error lines (a failed load returns only NULL; the reason is in
the log) and, while a model loads, what llama.cpp allocated on each device."""

from __future__ import annotations

import collections
import contextlib
import logging
import re
from collections.abc import Iterator
from typing import Any

llama_log = logging.getLogger("llama.cpp")

# ggml_log_level: NONE, DEBUG, INFO, WARN, ERROR (5, CONT, continues the previous line)
_LOG_LEVELS = {0: logging.INFO, 1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING, 4: logging.ERROR}
# "<device> model buffer size = 98.00 MiB", "<device> KV buffer size", "<device> compute buffer size".
_BUFFER_LINE = re.compile(r"(\S+) (model|KV|compute|RS) buffer size\s*=\s*([\d.]+) MiB")


class LlamaLog:
    def __init__(self) -> None:
        self.recent_errors: collections.deque[str] = collections.deque(maxlen=5)
        self._buffers: list[tuple[str, str, int]] | None = None
        self._callback: Any = None  # the ctypes callback, kept alive while llama.cpp may call it

    @property
    def routed(self) -> bool:
        return self._callback is not None

    def route(self) -> None:
        """Route the log (once; imports llama_cpp)."""
        if self._callback is not None:
            return
        import ctypes  # here: the window's start-up imports this module (engine.native) and not ctypes

        import llama_cpp

        last_level = [logging.DEBUG]

        @llama_cpp.llama_log_callback
        def forward(level: int, text: bytes, _user_data: object) -> None:
            # Level 5 continues the previous line at its level.
            python_level = last_level[0] if level == 5 else _LOG_LEVELS.get(level, logging.DEBUG)
            last_level[0] = python_level
            line = text.decode("utf-8", errors="replace")
            if python_level >= logging.ERROR:
                self.recent_errors.append(line.strip())
            if self._buffers is not None:
                found = _BUFFER_LINE.search(line)
                if found:
                    self._buffers.append((found[1], found[2], int(float(found[3]) * 1024 * 1024)))
            if llama_log.isEnabledFor(python_level):
                llama_log.log(python_level, "%s", line.rstrip("\n"))

        llama_cpp.llama_log_set(forward, ctypes.c_void_p(0))
        self._callback = forward

    def errors(self) -> str:
        return " ".join(self.recent_errors)

    @contextlib.contextmanager
    def loading(self) -> Iterator[list[tuple[str, str, int]]]:
        """While a model loads: the error lines start afresh, and the list yielded gets llama.cpp's buffer
        lines (device, kind, bytes)."""
        self.recent_errors.clear()
        buffers: list[tuple[str, str, int]] = []
        self._buffers = buffers
        try:
            yield buffers
        finally:
            self._buffers = None

