"""What OCR read, kept per document (its sha256), language and page in the cache folder.

Opening the same scan again, or summarizing it in another style, then costs no OCR. A file per page,
written atomically: a reading cancelled or killed half-way keeps the pages it finished.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from rio_desktop.atomic import write_atomically
from rio_desktop.documents.ocr import OCR_VERSION, OcrResult

log = logging.getLogger(__name__)


class OcrCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, sha256: str, language: str, number: int) -> Path:
        return self.folder / sha256 / f"{language}-v{OCR_VERSION}-p{number}.json"

    def get(self, sha256: str, language: str, number: int) -> OcrResult | None:
        try:
            data = json.loads(self._file(sha256, language, number).read_text(encoding="utf-8"))
            boxes = tuple((float(a), float(b), float(c), float(d), str(w)) for a, b, c, d, w in data.get("boxes", []))
            return OcrResult(str(data["text"]), data["confidence"], int(data["words"]), boxes)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:  # a damaged entry: read again
            log.warning("OCR cache entry unreadable (%s); the page is read again", exc)
            return None

    def pages(self, sha256: str, language: str) -> set[int]:
        """The page numbers (1-based) held for this document and language."""
        prefix, suffix = f"{language}-v{OCR_VERSION}-p", ".json"
        folder = self.folder / sha256
        if not folder.is_dir():
            return set()
        numbers = set()
        for entry in folder.iterdir():
            name = entry.name
            if name.startswith(prefix) and name.endswith(suffix) and name[len(prefix):-len(suffix)].isdigit():
                numbers.add(int(name[len(prefix):-len(suffix)]))
        return numbers

    def put(self, sha256: str, language: str, number: int, result: OcrResult) -> None:
        target = self._file(sha256, language, number)
        data = json.dumps({"text": result.text, "confidence": result.confidence, "words": result.words,
                           "boxes": [list(box) for box in result.boxes]}, ensure_ascii=False)
        try:
            write_atomically(target, data.encode("utf-8"))
        except OSError as exc:  # a full or read-only cache costs time later, never the reading now
            log.warning("OCR cache not written (%s)", exc)
