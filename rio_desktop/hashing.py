"""sha256 of files, read in large blocks (model files reach hundreds of gigabytes)."""

from __future__ import annotations

import hashlib
from pathlib import Path

BLOCK = 4 << 20


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()
