"""Header, footer, page numbers and the page numbers of the contents and 卷内目录, written
straight into each page of the binder (evidence pages included) as a few text operators.

The numbers are known only once every indicator is laid out and the evidence PDFs are
counted, so nothing we lay out waits for them: the contents and the 卷内目录 leave an
empty box where a number goes (its place is known from the layout) and the number is
written there at the end. The font is the one WeasyPrint embeds for a one-line sample of
every character the stamps use (Noto Sans CJK SC, subset, with its ToUnicode map), so the
stamped text is embedded, selectable and searchable like the rest; one font object is
shared by every page. Laying out a page of header and footer per page of the binder with
WeasyPrint and overlaying it did the same at about twenty times the cost.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html import escape

import pikepdf
from pikepdf import Name

from . import render

A4 = (595.2756, 841.8898)
"""Points: the size the stamps are placed for; another page size gets them scaled."""
MM = 72 / 25.4
PX = 0.75
"""Points per CSS pixel (WeasyPrint's positions are in CSS pixels)."""
EVIDENCE_SCALE = 0.88
"""An evidence page is drawn at this size, centred, so its own page numbers and margins
stay clear of the binder's header and footer (a scan fills the whole sheet)."""
FONT_PREFIX = "BinderStamp"
FAMILY = '"Noto Sans CJK SC", sans-serif'


@dataclass(frozen=True)
class Text:
    """One line of text on a page, in points on an A4 page measured from its top-left."""

    text: str
    x: float
    baseline: float
    size: float
    align: str = "left"
    """'left', 'center' or 'right' of x."""
    gray: float = 0.2


class Font:
    """The embedded fonts of a laid-out sample, read back: each character's font, code and width."""

    def __init__(self, chars: str) -> None:
        sample = " ".join(sorted(set(chars) - {" "}))
        html = (f"<!doctype html><html><head><meta charset=utf-8><style>body{{font-family:{FAMILY};"
                f"font-size:10pt;font-variant-ligatures:none;font-kerning:none}}</style></head>"
                f"<body>{escape(sample)}　x x</body></html>")
        self.pdf = pikepdf.open(io.BytesIO(render.render(html).pdf))
        self.fonts: dict[str, pikepdf.Object] = {}
        self.glyphs: dict[str, tuple[str, int, float]] = {}
        """Character -> (font resource name, code, width in thousandths of the size)."""
        for index, font in enumerate(self.pdf.pages[0].Resources.Font.values()):
            name = f"{FONT_PREFIX}{index}"
            self.fonts[name] = font
            widths, default = _widths(font)
            for code, char in _to_unicode(font).items():
                self.glyphs.setdefault(char, (name, code, widths.get(code, default)))

    def width(self, text: str, size: float) -> float:
        return sum(self.glyphs[c][2] for c in text if c in self.glyphs) * size / 1000

    def operators(self, line: Text) -> str:
        """The PDF text operators drawing one line (characters no font has are left out)."""
        x = line.x - (self.width(line.text, line.size) if line.align == "right"
                      else self.width(line.text, line.size) / 2 if line.align == "center" else 0)
        runs: list[tuple[str, str]] = []
        for char in line.text:
            if char not in self.glyphs:
                continue
            font, code, _ = self.glyphs[char]
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + f"{code:04x}")
            else:
                runs.append((font, f"{code:04x}"))
        if not runs:
            return ""
        shows = "".join(f"/{font} {line.size:.2f} Tf <{codes}> Tj " for font, codes in runs)
        return f"BT {line.gray:.2f} g 1 0 0 1 {x:.2f} {A4[1] - line.baseline:.2f} Tm {shows}ET\n"


def _to_unicode(font) -> dict[int, str]:
    """Code -> character from a font's ToUnicode map (bfchar and bfrange entries)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = int(text, 16)
            for offset in range(int(end, 16) - int(start, 16) + 1):
                out[int(start, 16) + offset] = chr(first + offset)
    return {code: text for code, text in out.items() if len(text) == 1}


def _widths(font) -> tuple[dict[int, float], float]:
    """Code -> advance width from a Type0 font's /W array (its two forms), and the default."""
    if "/DescendantFonts" not in font:
        return {}, 1000.0
    descendant = font.DescendantFonts[0]
    default = float(descendant.get("/DW", 1000))
    items = list(descendant.get("/W", []))
    out: dict[int, float] = {}
    index = 0
    while index + 1 < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], pikepdf.Array):
            for offset, width in enumerate(items[index + 1]):
                out[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(items[index + 1]) + 1):
                out[code] = float(items[index + 2])
            index += 3
    return out, default


def header_and_footer(number: int, total: int, header: str, document: str, unit: str) -> list[Text]:
    """The indicator in the header, the binder's name and the unit in the footer,
    "第 N 页 共 M 页" in the middle."""
    left, right, footer = 18 * MM, A4[0] - 18 * MM, A4[1] - 10 * MM - 1.5 * MM
    return [
        Text(header, left, 14 * MM + 9, 9),
        Text(document, left, footer, 8),
        Text(f"第 {number} 页 共 {total} 页", A4[0] / 2, footer, 9, "center", 0),
        Text(unit, right, footer, 8, "right"),
    ]


def stamp(out: pikepdf.Pdf, lines: list[list[Text]], evidence: set[int] = frozenset()) -> None:
    """Write each page's lines over it (`lines[i]` for page i; none for an empty list); the
    pages in `evidence` are first shrunk to leave room for them."""
    font = Font("".join(line.text for page in lines for line in page))
    shared = {name: out.copy_foreign(obj) for name, obj in font.fonts.items()}
    save = out.make_stream(b"q\n")
    for index, (page, texts) in enumerate(zip(out.pages, lines)):
        if not texts:
            continue
        body = "".join(font.operators(t) for t in texts)
        wrapped = pikepdf.Page(page)
        for name, obj in shared.items():
            wrapped.add_resource(obj, Name.Font, Name("/" + name))
        stream = f"Q\nq {_matrix(page)} cm\n{body}Q\n".encode("ascii")
        wrapped.contents_add(_shrunk(out, page) if index in evidence else save, prepend=True)
        wrapped.contents_add(out.make_stream(stream), prepend=False)


def _shrunk(out: pikepdf.Pdf, page) -> pikepdf.Object:
    """The opening of a page's content that draws it at EVIDENCE_SCALE about the centre of
    its box; its links' areas are moved to match."""
    box = [float(v) for v in (page.get("/CropBox") or page.MediaBox)]
    centre_x, centre_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    scale = EVIDENCE_SCALE
    shift_x, shift_y = centre_x * (1 - scale), centre_y * (1 - scale)
    for annot in page.get("/Annots", []):
        if "/Rect" in annot:
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            annot.Rect = pikepdf.Array([x0 * scale + shift_x, y0 * scale + shift_y,
                                        x1 * scale + shift_x, y1 * scale + shift_y])
    return out.make_stream(f"q {scale} 0 0 {scale} {shift_x:.3f} {shift_y:.3f} cm\n".encode("ascii"))


def _matrix(page) -> str:
    """From A4 points to the page's user space: scaled to fit its visible box, centred,
    and turned with the page's /Rotate so the header stays at the top as it is viewed."""
    box = [float(v) for v in (page.get("/CropBox") or page.MediaBox)]
    x0, y0 = min(box[0], box[2]), min(box[1], box[3])
    width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
    rotate = int(page.get("/Rotate", 0)) % 360
    seen_w, seen_h = (height, width) if rotate in (90, 270) else (width, height)
    scale = min(seen_w / A4[0], seen_h / A4[1])
    dx, dy = (seen_w - A4[0] * scale) / 2, (seen_h - A4[1] * scale) / 2
    # seen (u, v) -> user (x, y), origin at the box's corner
    turn = {0: (1, 0, 0, 1, 0, 0), 90: (0, 1, -1, 0, width, 0),
            180: (-1, 0, 0, -1, width, height), 270: (0, -1, 1, 0, 0, height)}.get(rotate, (1, 0, 0, 1, 0, 0))
    a, b, c, d, e, f = turn
    # compose: A4 -> seen (scale, shift), then seen -> user (turn), then the box's origin
    return " ".join(f"{v:.4f}" for v in (a * scale, b * scale, c * scale, d * scale,
                                          a * dx + c * dy + e + x0, b * dx + d * dy + f + y0))
