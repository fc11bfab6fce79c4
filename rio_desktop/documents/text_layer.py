"""Is a page's text layer usable? Shared by the reader process (which decides what to OCR) and the parent.

Standard library only: the reader process imports it before anything else.
"""

from __future__ import annotations

import re

# A page with fewer visible characters than this has no usable text layer (a scan, a photo).
MIN_TEXT_CHARS = 20
# Bad scanners' "OCR" leaves layers of symbols and stray letters ("~|l1 ;;' .,"): a real text is mostly
# letters and digits (tables of figures included), and most of its letters form words of three or more.
MIN_ALNUM_SHARE = 0.55
MIN_WORD_LETTER_SHARE = 0.5

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
_WORD = re.compile(r"[^\W\d_]{3,}")


def clean_page_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HYPHEN_BREAK.sub(r"\1\2", text)  # words hyphenated across lines
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def visible_chars(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def has_enough_text(text: str) -> bool:
    return visible_chars(text) >= MIN_TEXT_CHARS


def is_garbage(text: str) -> bool:
    """Mostly non-letters, or letters that form no words: a broken text layer, not a document's text."""
    visible = visible_chars(text)
    if not visible:
        return False
    alnum = sum(1 for c in text if c.isalnum())
    letters = sum(1 for c in text if c.isalpha())
    in_words = sum(len(w) for w in _WORD.findall(text))
    return alnum / visible < MIN_ALNUM_SHARE or (letters > 0 and in_words / letters < MIN_WORD_LETTER_SHARE)


def short_but_real(text: str) -> bool:
    """Too little text to stand for a page on its own, but words and not a broken layer: a chapter divider,
    a cover's title. On a page with no image, that is all the page says (OCR would only read it again)."""
    return visible_chars(text) > 0 and not is_garbage(text) and bool(_WORD.search(text))


def usable(text: str) -> bool:
    """Whether a (cleaned) text layer can stand for the page, so the page needs no OCR."""
    return has_enough_text(text) and not is_garbage(text)
