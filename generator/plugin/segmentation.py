"""Chinese word segmentation for the search index: each distinct text cut once.

Material's search plugin cuts every run of Chinese characters on every page with
`jieba.cut`, one run at a time, on every build. A binder's pages say the same things
over and over (every photo's "拍摄于", every finding's wording, every owner's name): the
benchmark archive's 30 pages hold 29,183 runs but only 752 distinct ones. Remembering
jieba's words per text gives the same index, byte for byte, for a fraction of the work.

(Loading jieba's dictionary, half a second, in a thread during the inspection was tried
and gained nothing: marshal holds the interpreter lock the whole time, and the thread that
feeds the workers waits meanwhile.)
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Callable, Iterator

REMEMBERED = 1 << 16
"""Distinct texts remembered: a few megabytes at most, whatever the archive."""


class RememberingCut:
    """`jieba.cut` with its words remembered per text and options.

    jieba.cut returns a generator; this returns an iterator over the same words, which is
    all its callers (`"\\u200b".join(...)`) need."""

    def __init__(self, cut: Callable[..., Iterator[str]]):
        self.cut = cut
        self._words = functools.lru_cache(maxsize=REMEMBERED)(self._cut_all_words)

    def __call__(self, sentence, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False) -> Iterator[str]:
        try:
            return iter(self._words(sentence, cut_all, HMM, use_paddle))
        except TypeError:  # an unhashable sentence: jieba's own answer, not remembered
            return self.cut(sentence, cut_all, HMM, use_paddle)

    def _cut_all_words(self, sentence, cut_all: bool, HMM: bool, use_paddle: bool) -> tuple[str, ...]:
        return tuple(self.cut(sentence, cut_all, HMM, use_paddle))

    def forget(self) -> None:
        self._words.cache_clear()


def remember_cuts() -> bool:
    """Make `jieba.cut` remember its words (once per process; a later call starts the memory
    afresh, so a build never reuses words cut before a dictionary change). False without jieba."""
    if importlib.util.find_spec("jieba") is None:
        return False
    import jieba

    if isinstance(jieba.cut, RememberingCut):
        jieba.cut.forget()
    else:
        jieba.cut = RememberingCut(jieba.cut)
    return True
