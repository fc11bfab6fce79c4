"""Reading page images with tesseract (tesserocr), in the PDF reader process.

Tesseract is pointed at the language data shipped in resources/tessdata, never at TESSDATA_PREFIX or a
system install, so every clerk's computer reads the same way, offline. Pages are rendered with PDFium
(pypdfium2) at 200 dpi in grey, the resolution the measurements were made at (DESIGN.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # Pillow is imported where pages are read (the reader process), not where PDFs are opened
    from PIL import Image

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")
DEFAULT_LANGUAGE = "por"  # the only data file shipped (resources/tessdata/README.md says why)
# Part of the cache key: a change to how pages are read must not reuse what the old way read.
OCR_VERSION = 1
DPI = 200
# A poster-sized page is rendered smaller: tesseract's memory grows with the pixels.
MAX_PIXELS = 16_000_000
# Below this confidence (0-100) a page was read from a poor scan: the clerk is told to check it.
LOW_CONFIDENCE = 75.0
# Lines of print are found in vertical strips of the page (narrow enough that a page scanned a few
# degrees askew still shows each line as a band of darker rows).
LINE_STRIPS = 6


@dataclass(frozen=True)
class OcrOptions:
    """How scanned pages are read: `auto` OCRs pages whose text layer is missing or garbage, `always`
    every page, `never` none. `cache_dir` keeps what was read per document and page (None: no cache)."""

    mode: OcrMode = "auto"
    language: str = DEFAULT_LANGUAGE
    cache_dir: Path | None = None


WordBox = tuple[float, float, float, float, str]  # left, top, right, bottom (points), the word


@dataclass(frozen=True)
class OcrResult:
    """`confidence` is the page's: tesseract's mean word confidence (0-100) times the share of the page's
    lines of print that came back as text (tesseract can drop whole paragraphs of a noisy scan and stay
    confident about the rest); None when OCR found no word at all (a blank page, shapes, a picture)."""

    text: str
    confidence: float | None
    words: int
    # Each word's box in PDF points from the page's top-left corner, for a searchable copy.
    boxes: tuple[WordBox, ...] = ()


def print_lines(image: Image.Image) -> int:
    """How many lines of print the page shows: bands of darker rows, counted in vertical strips (the
    largest count wins). Averaging each row of a strip cancels a scan's speckle."""
    from PIL import Image

    grey = image.convert("L")
    width, height = grey.size
    most = 0
    for strip in range(LINE_STRIPS):
        box = (strip * width // LINE_STRIPS, 0, (strip + 1) * width // LINE_STRIPS, height)
        rows = grey.crop(box).resize((1, max(1, height // 4)), Image.Resampling.BOX).tobytes()
        background = sorted(rows)[len(rows) // 2]
        dark = [value < background - 6 for value in rows]
        most = max(most, sum(1 for i, d in enumerate(dark) if d and (i == 0 or not dark[i - 1])))
    return most


def available_languages() -> list[str]:
    """The language codes whose data is in the tessdata folder (an installation's IT may add more
    tessdata_fast files there), Portuguese first."""
    codes = sorted(path.stem for path in tessdata_dir().glob("*.traineddata"))
    return sorted(codes, key=lambda code: code != DEFAULT_LANGUAGE)


def ocr_options(mode: str, language: str, cache_dir: Path | None) -> OcrOptions:
    """Options from settings, whatever an edited settings file holds (unknown values: the defaults)."""
    return OcrOptions(mode=mode if mode in OCR_MODES else "auto",  # type: ignore[arg-type]
                      language=language if language in available_languages() else DEFAULT_LANGUAGE,
                      cache_dir=cache_dir)


def tessdata_dir() -> Path:
    from rio_desktop.resources import resource_path

    return resource_path("tessdata")


def render_page(pdfium_page: object, dpi: int = DPI) -> Image.Image:
    """One page as a grey image at `dpi` (less for a page so large it would exceed MAX_PIXELS)."""
    width, height = pdfium_page.get_size()  # type: ignore[attr-defined]  # in points (1/72 in)
    scale = dpi / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (width * height))
    return pdfium_page.render(scale=scale, grayscale=True).to_pil()  # type: ignore[attr-defined]


class PageOcr:
    """One tesseract instance, made on first use and kept for the following pages."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, tessdata: Path | None = None) -> None:
        self.language = language
        self.tessdata = tessdata or tessdata_dir()
        self._api = None

    def _engine(self):  # noqa: ANN202 - tesserocr has no type information
        if self._api is None:
            import tesserocr

            if not (self.tessdata / f"{self.language}.traineddata").is_file():
                raise FileNotFoundError(f"{self.language}.traineddata not in {self.tessdata}")
            # The path needs its trailing separator on some tesseract builds.
            self._api = tesserocr.PyTessBaseAPI(path=str(self.tessdata) + "/", lang=self.language,
                                                psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY)
        return self._api

    def _read(self, image: Image.Image, lines: int, scale: float) -> OcrResult:
        import tesserocr

        api = self._engine()
        api.SetImage(image)
        api.SetSourceResolution(DPI)
        text = api.GetUTF8Text()
        words = len([c for c in api.AllWordConfidences() if c >= 0])
        if words == 0 or (lines == 0 and not text.strip()):  # no word at all: a blank page, shapes, a picture
            return OcrResult("", None, 0)
        boxes: list[WordBox] = []
        level = tesserocr.RIL.WORD
        for word in tesserocr.iterate_level(api.GetIterator(), level):
            try:
                box, label = word.BoundingBox(level), word.GetUTF8Text(level)
            except RuntimeError:  # tesserocr's "No text returned": a region of shapes, not words
                continue
            if box and label and label.strip():
                left, top, right, bottom = (round(v / scale, 1) for v in box)
                boxes.append((left, top, right, bottom, label.strip()))
        read_lines = sum(1 for line in text.splitlines() if line.strip())
        share = min(1.0, read_lines / lines) if lines >= 3 else 1.0
        return OcrResult(text, float(api.MeanTextConf()) * share, words, tuple(boxes))

    def read(self, image: Image.Image, scale: float = DPI / 72) -> OcrResult:
        """The page's text (`scale`: image pixels per PDF point). A poor reading is tried again through a
        3x3 median filter, which removes the speckle of noisy scans (4.8 % -> 2.1 % character errors on
        badly scanned pages, DESIGN.md; here it also brought back whole pages tesseract had dropped)."""
        lines = print_lines(image)
        first = self._read(image, lines, scale)
        if first.confidence is not None and first.confidence >= LOW_CONFIDENCE:
            return first
        if first.confidence is None and lines < 3:  # nothing that looks like print: a blank page
            return first
        from PIL import ImageFilter

        second = self._read(image.filter(ImageFilter.MedianFilter(3)), lines, scale)
        better = second.confidence is not None and (first.confidence is None or
                                                    second.confidence > first.confidence)
        return second if better else first

    def close(self) -> None:
        if self._api is not None:
            self._api.End()
            self._api = None
