"""Chinese segmentation for the search index: the same words as jieba's, each text cut once."""

from __future__ import annotations

import jieba
import pytest

from generator.plugin import plugin as plugin_module
from generator.plugin.segmentation import RememberingCut, remember_cuts

from .test_build import build
from .test_framework import GOOD

TEXTS = ["健全完善学习制度", "照片名称可能缺少地点", "拍摄于", "中心组学习", "拍摄于", "健全完善学习制度"]


@pytest.fixture
def jieba_cut():
    """jieba.cut as it was before the test, put back after it."""
    original = jieba.cut
    yield original.cut if isinstance(original, RememberingCut) else original
    jieba.cut = original


def test_the_words_are_jiebas_own(jieba_cut):
    remembering = RememberingCut(jieba_cut)
    for text in TEXTS:
        for sentence in (text, text.encode("utf-8")):  # Material passes UTF-8 bytes
            assert list(remembering(sentence)) == list(jieba_cut(sentence))
            assert list(remembering(sentence, cut_all=True)) == list(jieba_cut(sentence, cut_all=True))
            assert list(remembering(sentence, HMM=False)) == list(jieba_cut(sentence, HMM=False))


def test_each_distinct_text_is_cut_once(jieba_cut):
    calls = []

    def counting(sentence, *options):
        calls.append(sentence)
        return jieba_cut(sentence, *options)

    remembering = RememberingCut(counting)
    for text in TEXTS * 3:
        "\u200b".join(remembering(text))
    assert sorted(calls) == sorted(set(TEXTS))
    remembering.forget()
    list(remembering("拍摄于"))
    assert calls.count("拍摄于") == 2


def test_remember_cuts_wraps_jieba_once_and_starts_afresh(jieba_cut):
    assert remember_cuts()
    first = jieba.cut
    assert isinstance(first, RememberingCut) and first.cut is jieba_cut
    list(jieba.cut("中心组学习"))
    assert remember_cuts()
    assert jieba.cut is first and first._words.cache_info().currsize == 0


def test_the_search_index_is_the_same_as_without_remembering(make_archive, tmp_path, monkeypatch, jieba_cut):
    archive = make_archive({
        "criteria.yml": GOOD,
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/01-中心组学习制度.txt": "中心组学习制度",
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/02-中心组学习制度.txt": "中心组学习制度",
    })
    build(archive, tmp_path, "remembered")
    remembered = (tmp_path / "remembered/search/search_index.json").read_text(encoding="utf-8")
    monkeypatch.setattr(plugin_module, "remember_cuts", lambda: False)
    jieba.cut = jieba_cut
    build(archive, tmp_path, "plain")
    plain = (tmp_path / "plain/search/search_index.json").read_text(encoding="utf-8")
    assert "\\u200b" in plain and remembered == plain  # segmented (escaped in the JSON)
