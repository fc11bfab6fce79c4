"""How texts are compared in Portuguese: without accents ("ação" and "acao" are one word). The citation
check, the search index and the echo filter compare words this way, each with its own case handling."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """`text` without combining marks (accents, cedillas, tildes), letters otherwise as they were."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
