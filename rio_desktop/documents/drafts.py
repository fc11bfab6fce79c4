"""Drafts of correspondence on disk: saved atomically every few seconds, listed, restored after a crash."""

from __future__ import annotations

import datetime
import json
import logging
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rio_desktop.atomic import write_atomically
from rio_desktop.documents.letter_rules import SENDER_KEYS

log = logging.getLogger(__name__)


@dataclass
class Draft:
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    template_id: str = "oficio"
    fields: dict = field(default_factory=dict)
    notes: str = ""
    body: str = ""
    updated: str = ""

    @property
    def title(self) -> str:
        subject = str(self.fields.get("subject") or "").strip()
        return subject or self.notes.strip().split("\n")[0][:60]  # "": the interface names it


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, draft_id: str) -> Path:
        return self.folder / f"{draft_id}.json"

    def save(self, draft: Draft) -> None:
        draft.updated = datetime.datetime.now(datetime.UTC).isoformat()
        data = json.dumps(asdict(draft), ensure_ascii=False, indent=1).encode("utf-8")
        write_atomically(self._path(draft.id), data)

    def load(self, draft_id: str) -> Draft | None:
        try:
            data = json.loads(self._path(draft_id).read_text(encoding="utf-8"))
            return Draft(**{k: v for k, v in data.items() if k in Draft.__dataclass_fields__})
        except (OSError, ValueError, TypeError) as exc:
            log.warning("draft %s unreadable: %s", draft_id, exc)
            return None

    def list(self) -> list[Draft]:
        """Newest first; unreadable files are skipped (and logged)."""
        drafts = [self.load(path.stem) for path in self.folder.glob("*.json")] if self.folder.is_dir() else []
        return sorted((d for d in drafts if d is not None), key=lambda d: d.updated, reverse=True)

    def latest(self) -> Draft | None:
        drafts = self.list()
        return drafts[0] if drafts else None

    def delete(self, draft_id: str) -> None:
        self._path(draft_id).unlink(missing_ok=True)


class SenderMemory:
    """The sender's part of the letter (department line, sector acronyms, signatory) as last used by this
    user: a CGTI clerk's next letter says CGTI without typing it again."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            if self.path.exists():
                log.warning("sender memory %s unreadable: %s", self.path, exc)
            return {}
        return {k: v for k, v in data.items() if k in SENDER_KEYS} if isinstance(data, dict) else {}

    def save(self, sender: dict) -> None:
        if sender == self.load():
            return
        write_atomically(self.path, json.dumps(sender, ensure_ascii=False, indent=1).encode("utf-8"))
