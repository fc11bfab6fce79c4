"""Thread count from the machine's load: fewer threads while other programs keep cores busy."""

from __future__ import annotations

import subprocess
import sys
import time

from rio_desktop.engine.threads import ThreadPolicy, physical_cores

BURN = "import time\nend = time.time() + 30\nwhile time.time() < end: pass\n"


def test_override_wins() -> None:
    assert ThreadPolicy(override=3).choose() == 3


def test_busy_core_takes_a_thread_away() -> None:
    policy = ThreadPolicy(cores=2)
    quiet = policy.choose()
    quiet_load = policy.others_busy_cores
    burner = subprocess.Popen([sys.executable, "-c", BURN])
    try:
        time.sleep(0.5)
        policy.choose()  # window spans the burner's start: measure again over a clean window
        time.sleep(0.5)
        busy = policy.choose()
        busy_load = policy.others_busy_cores
    finally:
        burner.kill()
        burner.wait()
    assert busy_load > 0.7, busy_load
    assert busy == 1
    if quiet_load < 0.3:
        assert quiet == 2


def test_physical_cores() -> None:
    assert physical_cores() >= 1


def test_short_work_does_not_wait_for_a_fresh_sample() -> None:
    """After a quiet spell the load is sampled for 0.1 s before a long prompt; a short one keeps the last
    decision at once (that sample was a third of a short question's time to the first token), and the
    next look measures from then on."""
    policy = ThreadPolicy(cores=2)
    decided = policy.choose()
    assert policy._last is not None
    policy._last.wall -= 60  # a minute without work
    started = time.perf_counter()
    assert policy.choose(wait=False) == decided
    assert time.perf_counter() - started < 0.05
    assert policy._last is not None and time.monotonic() - policy._last.wall < 1  # a fresh window starts now
    policy._last.wall -= 60
    started = time.perf_counter()
    policy.choose()
    assert time.perf_counter() - started >= 0.09
