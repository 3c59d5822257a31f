"""Is there a red unit seal on a page? A heuristic on a small image, no extra library.

A seal is a roughly round (so roughly square-bounded) patch of red ink. The image is cut
into a grid; cells with enough red ink are joined into clusters; a cluster whose bounding
box is square-ish and not too big is taken for a seal. A red title line (红头) makes a wide
cluster and does not count. The result is a hint for a person (the check says 待核实).
"""

from __future__ import annotations

from PIL import Image, ImageChops

GRID = 24
"""Cells along the long side."""
CELL_INK = 0.04
"""Share of red pixels that makes a cell part of a mark."""
SIDE = 240
"""Long side the picture is brought down to before the grid is laid."""
_RED = [255 if v > 140 else 0 for v in range(256)]
_ABOVE_GREEN = [255 if v > 60 else 0 for v in range(256)]
_ABOVE_BLUE = [255 if v > 50 else 0 for v in range(256)]
"""Lookup tables of the red-ink test: R high, R well above G, R well above B."""


def has_red_seal(image: Image.Image) -> bool:
    small = _small(image.convert("RGB") if image.mode != "RGB" else image)
    cell = max(1, max(small.size) // GRID)
    cols, rows = max(1, small.width // cell), max(1, small.height // cell)
    red = _red_cells(small, cols, rows)
    return any(_looks_like_seal(cluster, cols, rows) for cluster in _clusters(red))


def _small(image: Image.Image) -> Image.Image:
    """The picture with its long side at most SIDE. A box filter: each small pixel is the
    mean of the ink under it, which is what the share of red per cell is about (and it
    costs a third of a Lanczos filter, on every photo of the archive)."""
    scale = SIDE / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BOX)


def _red_cells(image: Image.Image, cols: int, rows: int) -> set[tuple[int, int]]:
    """Grid cells where red ink (R high, well above G and B) covers at least CELL_INK.
    Done with Pillow's C operations: no Python loop over pixels."""
    r, g, b = image.split()
    mask = ImageChops.darker(
        ImageChops.darker(r.point(_RED), ImageChops.subtract(r, g).point(_ABOVE_GREEN)),
        ImageChops.subtract(r, b).point(_ABOVE_BLUE),
    )
    # The mask is 0 or 255: averaging it over each cell gives the share of red pixels in it.
    share = mask.resize((cols, rows), Image.Resampling.BOX)
    threshold = CELL_INK * 255
    return {(i % cols, i // cols) for i, value in enumerate(share.tobytes()) if value >= threshold}


def _clusters(cells: set[tuple[int, int]]) -> list[set[tuple[int, int]]]:
    """Groups of touching cells (8-neighbourhood)."""
    left, clusters = set(cells), []
    while left:
        stack = [left.pop()]
        cluster = set(stack)
        while stack:
            c, r = stack.pop()
            for dc in (-1, 0, 1):
                for dr in (-1, 0, 1):
                    neighbour = (c + dc, r + dr)
                    if neighbour in left:
                        left.remove(neighbour)
                        cluster.add(neighbour)
                        stack.append(neighbour)
        clusters.append(cluster)
    return clusters


def _looks_like_seal(cluster: set[tuple[int, int]], cols: int, rows: int) -> bool:
    xs = [c for c, _ in cluster]
    ys = [r for _, r in cluster]
    box_w, box_h = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    aspect = box_w / box_h
    big_enough = min(box_w, box_h) >= 2
    not_the_page = box_w <= cols * 0.5 and box_h <= rows * 0.5
    return big_enough and not_the_page and 0.6 <= aspect <= 1.6
