"""Where read documents' model states are kept, under the clerk's settings (engine.state_cache).

One StateCache per cache folder, shared by the backend that fills it (the inference worker's, or the command
line's) and the Settings dialog that shows its size and empties it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.engine.state_cache import StateCache

if TYPE_CHECKING:
    from rio_desktop.settings import Settings

STATES_FOLDER = "states"
GB = 1 << 30

_shared: dict[Path, StateCache] = {}
_lock = threading.Lock()


def document_states(settings: Settings, cache_dir: Path) -> StateCache:
    """The kept states of this cache folder, configured by the settings as they are now."""
    folder = cache_dir / STATES_FOLDER
    with _lock:
        states = _shared.get(folder)
        if states is None:
            states = _shared[folder] = StateCache(folder)
    states.configure(disk_limit=max(0, int(settings.get("states_disk_gb"))) * GB,
                     write_to_disk=settings.get("states_on_disk") != "never")
    return states
