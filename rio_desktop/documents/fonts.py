"""The font of every document we write: Carlito (SIL Open Font License 1.1), metric-compatible with
Calibri, which the Manual de Redação asks for ("Calibri ou Carlito").

The files ship in resources/fonts (from Debian's fonts-crosextra-carlito 20220224-1; see
resources/fonts/README.md for their checksums) and are embedded in every PDF, so a letter looks the
same on any computer. Widths are read from the font's own tables (fontTools, a dependency of fpdf2)
so that line breaks are decided once, in core code, and every renderer draws the same lines.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rio_desktop.resources import resource_path

# Carlito's head table dates it 1904 ("'created' timestamp seems very low" on every load): not a fault.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

FAMILY = "Carlito"
DOCX_FAMILY = "Calibri"  # Word substitutes Carlito where Calibri is missing; LibreOffice the reverse
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}


def font_file(style: str = "") -> Path:
    """The TTF for a style: "" regular, "B" bold, "I" italic, "BI" bold italic."""
    return resource_path("fonts", f"{FAMILY}-{STYLES[style]}.ttf")


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    ascent: int  # above the baseline, font units
    descent: int  # below the baseline, positive
    line_gap: int
    advances: dict[int, int]  # code point -> advance width in font units
    missing: int  # advance of the .notdef glyph

    def width_mm(self, text: str, size_pt: float) -> float:
        units = sum(self.advances.get(ord(c), self.missing) for c in text)
        return units / self.units_per_em * size_pt * 25.4 / 72

    def line_height_mm(self, size_pt: float) -> float:
        """Single spacing as Word measures it: ascent + descent + line gap."""
        return (self.ascent + self.descent + self.line_gap) / self.units_per_em * size_pt * 25.4 / 72

    def ascent_mm(self, size_pt: float) -> float:
        return self.ascent / self.units_per_em * size_pt * 25.4 / 72


@cache
def metrics(style: str = "") -> FontMetrics:
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_file(style)), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    advances = {code: hmtx[name][0] for code, name in cmap.items()}
    hhea = font["hhea"]
    return FontMetrics(units_per_em=font["head"].unitsPerEm, ascent=hhea.ascent, descent=-hhea.descent,
                       line_gap=hhea.lineGap, advances=advances, missing=hmtx[".notdef"][0])
