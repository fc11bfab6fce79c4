"""Human-readable quantities.

Core messages carry sizes as `Bytes` (an int) rather than as text, so that the interface can write them
the way its language does ("23,5 GB" in pt-BR); outside the interface they format as "23.5 GB".
"""

from __future__ import annotations


def byte_parts(n_bytes: int) -> tuple[float, str, int]:
    """(value, unit, decimals) for a size: 1536 -> (1.5, "KB", 1)."""
    value = float(n_bytes)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return value, unit, 0 if unit == "B" else 1
        value /= 1024
    return float(n_bytes), "B", 0


def format_bytes(n_bytes: int) -> str:
    value, unit, decimals = byte_parts(n_bytes)
    return f"{value:.{decimals}f} {unit}"


class Count(int):
    """A quantity (tokens, a context's size) that the interface writes with its language's digit grouping
    ("12.487 tokens" in pt-BR); elsewhere it prints as a plain number. Not for numbers that are names: a
    year, an ofício's number, a page."""


class Bytes(int):
    """A size in bytes that prints itself readably (`Message` parameters)."""

    def __str__(self) -> str:
        return format_bytes(int(self))

    def __format__(self, spec: str) -> str:
        return format_bytes(int(self)) if not spec else format(int(self), spec)
