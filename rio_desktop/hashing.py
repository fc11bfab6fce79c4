"""sha256 of files, read in large blocks (model files reach hundreds of gigabytes)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

BLOCK = 4 << 20


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def model_sha256(parts: Sequence[Path], cache_dir: Path | None = None) -> str:
    """sha256 of a model file (of each part, joined, for a split model), cached by path, size and date:
    hashing hundreds of gigabytes again for every export or kept state would take minutes."""
    cache_file = cache_dir / "model-hashes.json" if cache_dir else None
    cache: dict[str, str] = {}
    if cache_file and cache_file.exists():
        try:
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            cache = {}
    digests = []
    changed = False
    for part in parts:
        stat = part.stat()
        key = f"{part.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        if key not in cache:
            cache[key] = file_sha256(part)
            changed = True
        digests.append(cache[key])
    if cache_file and changed:
        from rio_desktop.atomic import write_atomically

        write_atomically(cache_file, json.dumps(cache, indent=1).encode("utf-8"))
    return digests[0] if len(digests) == 1 else "+".join(digests)
