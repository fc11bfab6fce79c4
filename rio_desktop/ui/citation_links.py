"""Citations as links in rich text: "page:N" opens the physical page N (1-based) in the viewer."""

from __future__ import annotations

import html

from rio_desktop.documents.citations import PageLabel

PAGE_LINK = "page:"


def page_link(number: int, label: PageLabel | None = None, position: str = "{n}") -> str:
    """A citation's link to page `number`; with `label`, named by its printed number, its position in the
    file on hover (`position`, e.g. "page {n} of the file")."""
    if label is None:
        return f'<a href="{PAGE_LINK}{number}">{number}</a>'
    return (f'<a href="{PAGE_LINK}{number}" title="{html.escape(position.format(n=number))}">'
            f"{html.escape(label(number))}</a>")


def linked_page(target: str) -> int | None:
    """The page a clicked link names, or None for another kind of link."""
    if target.startswith(PAGE_LINK) and target[len(PAGE_LINK):].isdigit():
        return int(target[len(PAGE_LINK):])
    return None
