"""How many CPU threads llama.cpp should use, chosen from what the machine is doing now.

Measured on a 2-core machine (llama.cpp 0.3.36, SmolLM2-135M): on a quiet machine 2 threads process
prompts twice as fast as 1; while another program keeps one core busy, 2 threads fall to a seventh of
that (llama.cpp's OpenMP threads spin waiting for the taken core) and 1 thread does not slow down. No
fixed number is right for a desktop that shares its CPU, so the count follows the load: every physical
core not kept busy by other programs gets a thread. The load is the CPU time other processes used since
the last look (ours is subtracted), so no separate sampling delay is added to a request.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from typing import Any

# A core counts as taken when other programs use at least this much of it.
BUSY_CORE_THRESHOLD = 0.5
# A window shorter than this is too noisy to decide on; the previous decision stands.
MIN_WINDOW_S = 0.2
# Over a window longer than this, load from long ago would decide; sample afresh.
MAX_WINDOW_S = 10.0
FRESH_SAMPLE_S = 0.1


# psutil is imported where it is used: the GUI builds a backend at start, before any model is asked for.
def physical_cores() -> int:
    import psutil

    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def _busy_seconds() -> float:
    import psutil

    times = psutil.cpu_times()
    idle = times.idle + getattr(times, "iowait", 0.0)
    total = sum(times)
    # guest time is already counted in user time on Linux
    total -= getattr(times, "guest", 0.0) + getattr(times, "guest_nice", 0.0)
    return total - idle


def _own_seconds(process: Any) -> float:
    times = process.cpu_times()
    return times.user + times.system


@dataclass
class _Snapshot:
    wall: float
    busy: float
    own: float


class ThreadPolicy:
    """Chooses n_threads for the next piece of work. Call `choose()` before each request."""

    def __init__(self, override: int | None = None, cores: int | None = None) -> None:
        self.override = override if override and override > 0 else None
        self._cores = cores
        self._process: Any = None
        self._last: _Snapshot | None = None
        self._decision: int | None = None
        self.others_busy_cores = 0.0

    @property
    def cores(self) -> int:
        if self._cores is None:
            self._cores = physical_cores()
        return self._cores

    def _snapshot(self) -> _Snapshot:
        if self._process is None:
            import psutil

            self._process = psutil.Process()
        return _Snapshot(time.monotonic(), _busy_seconds(), _own_seconds(self._process))

    def _measure(self, wait: bool = True) -> None:
        now = self._snapshot()
        last = self._last
        if last is None or now.wall - last.wall > MAX_WINDOW_S:
            if not wait:  # the previous decision stands; recheck() measures from here within a second
                self._last = now
                return
            time.sleep(FRESH_SAMPLE_S)
            last, now = now, self._snapshot()
        window = now.wall - last.wall
        if window < MIN_WINDOW_S and self._last is not None:
            return
        # The other CPU accounting is per logical CPU; keep the estimate within the machine.
        others = max(0.0, (now.busy - last.busy) - (now.own - last.own)) / max(window, 1e-6)
        self.others_busy_cores = min(others, float(os.cpu_count() or self.cores))
        taken = math.floor(self.others_busy_cores + (1 - BUSY_CORE_THRESHOLD))
        self._decision = max(1, min(self.cores, self.cores - taken))
        self._last = now

    def choose(self, wait: bool = True) -> int:
        """The thread count for the next request. After a quiet spell the load is sampled afresh for
        FRESH_SAMPLE_S first; `wait=False` (short work, where that would be a noticeable share of the time to
        the first token) keeps the previous decision instead and lets recheck() correct it."""
        if self.override:
            return self.override
        self._measure(wait)
        return self._decision or self.cores

    def recheck(self) -> int | None:
        """During long work: a new thread count if the load has changed, else None."""
        if self.override:
            return None
        before = self._decision or self.cores
        last = self._last
        if last is not None and time.monotonic() - last.wall < 1.0:
            return None
        self._measure()
        after = self._decision or self.cores
        return after if after != before else None
