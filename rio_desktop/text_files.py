"""Text files that come from people, not from this application, and text files written for them.

Our own files (settings, drafts, caches, the catalogue) are UTF-8, read and written as such. A file a clerk
or an administrator made is another matter on Windows: Notepad before Windows 10 1903 saved "ANSI"
(cp1252 on a Brazilian Windows) by default, its "UTF-8" had a byte order mark, and Windows PowerShell 5
redirects (`>`) write UTF-16. Reading such a file as plain UTF-8 fails on "Ofício" or on the mark itself
(json.loads refuses a BOM). And a text file a clerk receives from us on Windows ends its lines with CRLF,
as every Windows program expects.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

# cp1252 is what "ANSI" means on a Windows set up for Portuguese (and for every Western European language).
LEGACY_ENCODING = "cp1252"


def decode_text_guess(data: bytes) -> str:
    """Text from bytes of unknown encoding: a byte order mark decides (UTF-8, UTF-16); else UTF-8 when the
    bytes are valid UTF-8 (legacy text with accents practically never is), else cp1252. Line ends become
    "\\n", as Python's text mode gives them."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Five byte values have no cp1252 character; a file with them is not cp1252 either, but the
            # rest of it is still worth more to the clerk than an error.
            text = data.decode(LEGACY_ENCODING, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_guess(path: Path) -> str:
    """The text of a file someone made by hand (notes, a template, site settings); see decode_text_guess.
    Raises OSError as Path.read_text does."""
    return decode_text_guess(Path(path).read_bytes())


def text_file_bytes(text: str, windows: bool | None = None) -> bytes:
    """`text` ("\\n" line ends) as the bytes of a text file for the clerk: UTF-8 without a byte order mark
    (Notepad reads it since Windows 10 1903, and a mark would show up as junk in other tools), lines
    ending in CRLF on Windows. `windows` None means this computer."""
    if windows is None:
        windows = sys.platform == "win32"
    if windows:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode("utf-8")
