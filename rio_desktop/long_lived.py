"""Objects that live as long as the program, kept out of the garbage collector's full passes.

A full (generation 2) collection scans every tracked object and runs on whichever thread allocates at that
moment, holding the GIL: with Qt's wrappers, jinja2, numpy and llama-cpp-python loaded, one took 77–158 ms
here (49,000 objects), and the window froze for as long while tokens streamed (bench/engine.py's UI stall).
Almost all of those objects are made once — modules, classes, the window's widgets, the loaded model's
wrappers — and never become garbage. gc.freeze() moves them to a permanent generation that later
collections skip, so a full pass looks only at what was made since.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """After start-up and after a model is loaded: what exists now lives on; collections skip it."""
    gc.freeze()
