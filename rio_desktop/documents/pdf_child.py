"""The PDF reader process (see pdf_text): reads one request from stdin, writes JSON lines to stdout.

Messages: ["count", n], then ["page", index, text] or ["page_error", index, detail] per page, then
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
    for index in range(start, count):
        try:
            _send("page", index, reader.pages[index].extract_text() or "")
        except Exception as exc:
            _send("page_error", index, f"{type(exc).__name__}: {exc}")
    _send("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
