"""The PDF reader process (see pdf_text): reads one request from stdin, writes JSON lines to stdout.

Messages: ["count", n], ["labels", [label, ...]] when the PDF numbers its pages itself, then
["page", index, text] or ["page_error", index, detail] per page, then
["done"]; or ["password", wrong_given] / ["error", detail] when the file cannot be opened.
"""

from __future__ import annotations

import json
import logging
import sys
import warnings

# A frozen bundle has no `python -m`: there the reader is the application's own executable started with
# this first argument (rio_desktop.__main__ dispatches it). Not a documented command.
CHILD_ARGUMENT = "_pdf-child"


def _send(*message: object) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _page_labels(reader: object) -> list[str] | None:
    """The printed page numbers (the catalogue's /PageLabels: "i", "ii", "1", "154", "A-3"), or None when
    the PDF has none (pypdf would then invent "1", "2", ...) or they cannot be read."""
    try:
        if "/PageLabels" not in reader.trailer["/Root"]:  # type: ignore[attr-defined]
            return None
        labels = [str(label) for label in reader.page_labels]  # type: ignore[attr-defined]
    except Exception:  # a damaged label tree costs the labels, never the text
        return None
    if labels == [str(n) for n in range(1, len(labels) + 1)]:
        return None
    return labels


def main() -> int:
    request = json.loads(sys.stdin.read())
    path, password, start = request["path"], request.get("password"), int(request.get("start", 0))
    warnings.simplefilter("ignore")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(password or ""):
            # Many PDFs are encrypted with an empty user password (only editing is restricted).
            _send("password", password is not None)
            return 0
        count = len(reader.pages)
    except FileNotDecryptedError:
        _send("password", password is not None)
        return 0
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        _send("error", f"{type(exc).__name__}: {exc}")
        return 0
    _send("count", count)
    labels = _page_labels(reader)
    if labels is not None:
        _send("labels", labels)
    for index in range(start, count):
        try:
            _send("page", index, reader.pages[index].extract_text() or "")
        except Exception as exc:
            _send("page_error", index, f"{type(exc).__name__}: {exc}")
    _send("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
