"""Is there a red unit seal on a page? Colour and shape with OpenCV.

A seal is a round patch of red ink: a ring with a star and characters inside. Red ink is
picked in HSV (red hue, enough saturation, not too dark); a closing joins the ring and
what it holds into one blob; a blob is a seal when its convex hull is nearly a circle
(circularity 4πA/P²), fills most of its enclosing circle and is neither a speck nor the
whole picture. A red title line (红头) or a red rule is long and thin and does not count;
a red banner behind a meeting fills the picture and does not either. The result is a hint
for a person (the check says 待核实); `red_seals` also tells OCR where the seal's ink
lies over the date it must read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

SIDE = 600
"""Long side the picture is brought down to: a seal of an A4 scan is then ~40 px across."""
MIN_RADIUS = 0.025
MAX_RADIUS = 0.22
"""Radius of a seal as a share of the picture's long side."""
MIN_CIRCULARITY = 0.80
"""4πA/P² of the blob's convex hull: 1 for a circle, 0.785 for a square, ~0.3 for a 4:1 bar."""
MIN_FILL = 0.55
"""Share of its enclosing circle the hull covers (a crescent or an L shape covers less)."""
# OpenCV's hue runs 0-179: red wraps around 0.
_RED_LOW = ((0, 70, 70), (10, 255, 255))
_RED_HIGH = ((165, 70, 70), (179, 255, 255))


@dataclass(frozen=True)
class Seal:
    """A seal found on a picture, in the picture's own pixels."""

    x: float
    y: float
    radius: float


def has_red_seal(image: Image.Image) -> bool:
    return bool(red_seals(image))


def red_seals(image: Image.Image) -> list[Seal]:
    """The round red marks of a picture, largest first."""
    rgb = np.asarray(image.convert("RGB"))
    scale = min(1.0, SIDE / max(rgb.shape[:2]))
    if scale < 1:
        rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    mask = _red_ink(rgb)
    long_side = max(mask.shape)
    k = max(3, round(long_side * 0.012)) | 1
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    seals = [seal for seal in (_as_seal(c, long_side) for c in contours) if seal]
    return sorted((Seal(s.x / scale, s.y / scale, s.radius / scale) for s in seals), key=lambda s: -s.radius)


def _red_ink(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    return cv2.inRange(hsv, *_RED_LOW) | cv2.inRange(hsv, *_RED_HIGH)


def _as_seal(contour: np.ndarray, long_side: int) -> Seal | None:
    (x, y), radius = cv2.minEnclosingCircle(contour)
    if not MIN_RADIUS * long_side <= radius <= MAX_RADIUS * long_side:
        return None
    hull = cv2.convexHull(contour)
    area, perimeter = cv2.contourArea(hull), cv2.arcLength(hull, True)
    if perimeter <= 0:
        return None
    circularity = 4 * math.pi * area / perimeter ** 2
    fill = area / (math.pi * radius ** 2)
    return Seal(x, y, radius) if circularity >= MIN_CIRCULARITY and fill >= MIN_FILL else None


def without_seal_ink(image: Image.Image, seals: list[Seal]) -> Image.Image:
    """The picture with the red ink inside each seal faded to paper, what was printed under it
    kept: a seal pressed over the date hides it from OCR. In a seal's box the red channel is
    taken for grey (red ink is bright there, black print stays dark)."""
    if not seals:
        return image
    rgb = np.array(image.convert("RGB"))
    for seal in seals:
        r = seal.radius * 1.1
        top, bottom = max(0, int(seal.y - r)), min(rgb.shape[0], int(seal.y + r) + 1)
        left, right = max(0, int(seal.x - r)), min(rgb.shape[1], int(seal.x + r) + 1)
        box = rgb[top:bottom, left:right]
        box[:] = box[..., :1]
    return Image.fromarray(rgb)
