"""Requirement prose (材料报送要求) read into checkable terms.

A cell of a responsibility list reads like

    ①提供建立完善中心组学习制度的规范文件；……③提供中心组学习的情况(说明报告，300字左右）；
    ④提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）。

`parse_requirements()` splits it into its numbered parts (①②③, (1)(2), 1. 2.),
and for each part finds every kind of material it asks for (a part may ask for
several: "规范文件，…（说明报告）", "说明报告，实景图片") and the quantities written
in the prose ("300字左右", "5张实景照片", "实景图片3张", "每类各10张", "4次…会议材料",
"至少3个传统节日", "不少于2种"). Where the text names no quantity, count and chars
stay None and the rules apply their defaults. A part whose kind can't be read is
kept, with its words, as asking for "other", and reported as 待核实.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import codes
from ..codes import chinese_number, cn_number  # noqa: F401 (read here, tested from here)
from .deadlines import DeadlineError, find_deadline
from . import Ask, Requirement

TO_VERIFY = "待核实"
"""Level of a note a person must act on: a part asking for material of unknown kind."""
HINT = "提示"
"""Level of a note that only says how something was read."""


@dataclass(frozen=True)
class Note:
    """Something the parser could not read for sure, or read by inference; the message is Chinese."""

    level: str
    """TO_VERIFY or HINT."""
    message: str
    where: str = ""
    """Where in the framework ('共性任务 / Ⅲ-2 / 1） / ④'); filled in by the importer."""

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass(frozen=True)
class Part:
    """One numbered part of a requirement cell, read."""

    requirement: Requirement
    notes: tuple[Note, ...] = ()
    readings: tuple[str, ...] = ()
    """For each ask, the words it was read from ('说明报告，300字左右'): for comments in criteria.yml."""

    @property
    def to_verify(self) -> bool:
        return any(n.level == TO_VERIFY for n in self.notes)


# --- the words of each kind --------------------------------------------------------

KIND_WORDS: dict[str, tuple[str, ...]] = {
    # 方案/计划/制度/办法 are papers the unit issues or keeps; 记录 (活动记录, 评选的相关记录) is
    # a paper kept as it happens; 讲话 (领导讲话) is the text of a speech; 报道 counted in 篇 is a
    # clipping ('至少7篇报道(纸质或声像资料)'); 书目 is a list issued to read.
    "document": ("规范性文件", "规范文件", "正式发文", "正式文件", "红头文件", "制度文件", "实施意见",
                 "实施方案", "工作方案", "文件", "方案", "计划", "制度", "办法", "记录", "讲话",
                 "报道", "书目"),
    # 情况 (专题情况, 具体活动情况), 小结, 简报 (图文简报), 文字资料 / 文字说明 are written accounts
    # of what was done: a report.
    "report": ("说明报告", "情况说明", "情况报告", "总结报告", "情况总结", "工作总结", "情况介绍",
               "汇报材料", "报告", "总结", "小结", "简报", "文字资料", "文字说明", "情况"),
    "photo": ("实景图片", "实景照片", "现场图片", "现场照片", "活动照片", "活动图片", "照片", "图片", "相片"),
    # 媒体报道 (媒体报道材料) is sent as the screenshot of the page that carried it.
    "screenshot": ("网页截图", "截图", "截屏", "媒体报道"),
    # 台账/台帐 are running registers, 名单 a list of people (志愿者名单); 统计 (统计…数量) asks for the figures, in a table.
    "table": ("统计表格", "数据表格", "统计表", "汇总表", "一览表", "登记表", "台账", "台帐", "表格", "名单", "统计"),
    # 中心组学习记录: the party group's study sessions are meetings (tests: 2次单位中心组学习记录).
    "meeting": ("会议材料", "会议资料", "会议记录", "会议纪要", "会议通知", "工作会议", "中心组学习记录"),
    "media": ("音像资料", "影像资料", "音像", "视频", "音频", "录像", "录音"),
}
"""Words that name a kind of material, longest first within a kind."""

GENERIC_WORDS = ("方案", "计划", "制度", "记录", "情况", "统计", "报道", "名单", "办法", "讲话")
"""Kind words that only name what a paper is about: followed by a bracket that names a kind
('培训的方案(说明报告，300字左右)', '的情况（统计表格，实景图片）') the bracket says its kind."""

EVALUATION_WORDS = ("问卷调查", "部门评价", "民意调查", "民意测评", "实地考察", "实地查看", "暗访", "座谈")
"""A part made of one of these words only is done by the evaluators, not submitted: 'evaluation'."""

NOT_KIND_WORDS = ("微视频", "短视频", "视频号", "报告会", "报告团", "报告厅", "总结会", "文件夹", "图片库",
                  "统计时限", "统计时段", "统计时间", "统计期限", "统计截止", "统计截至")
"""Words that hold a kind's word without naming that kind ('微视频' is a platform, not a video;
'统计时限' is the period counted, not a table)."""

_WORDS = sorted([(w, k) for k, ws in KIND_WORDS.items() for w in ws] + [(w, None) for w in NOT_KIND_WORDS],
                key=lambda wk: -len(wk[0]))
_KIND_RE = re.compile("|".join(re.escape(w) for w, _ in _WORDS))
_KIND_OF = dict(_WORDS)

NUMBER = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)"


# --- splitting a cell into numbered parts --------------------------------------------

_BOUNDARY = "；;。，,：:\n"
_BRACKETED = re.compile(r"[（(]\s*(\d{1,2})\s*[）)]")
_DOTTED = re.compile(r"(\d{1,2})\s*[.．、](?!\d)")


def split_parts(text: str) -> list[tuple[str | None, str]]:
    """A requirement cell's numbered parts as (code, words); one (None, words) when unnumbered.

    Words before the first number (a lead-in such as '提供以下材料：') come back
    as a part with code '' so the caller can say what became of them.
    """
    folded = codes.fold_width(text)
    starts = _circled_starts(folded) or _numbered_starts(folded, _BRACKETED) or _numbered_starts(folded, _DOTTED)
    if not starts:
        listed = _listed_demands(text)
        if len(listed) > 1:
            return [(None, words) for words in listed]
        return [(None, text)] if clean_words(text) else []
    parts = []
    lead = text[:starts[0][0]]
    if clean_words(lead):
        parts.append(("", lead))
    for i, (start, end, code) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        parts.append((code, text[end:stop]))
    return parts


_DEMAND_VERBS = ("提供", "报送", "上报", "说明", "列举")


def _listed_demands(text: str) -> list[str]:
    """An unnumbered list of demands, one per clause: '提供…图片3张和…;提供2次班子会议纪要(…);
    提供…正式文件' (a material list given per item, 13). It is a list only when every clause
    between ';'/'；'/line breaks (outside brackets) opens with a verb of submitting (提供, 报送 …):
    '提供会议材料；每次会议5张照片' stays one part, its second clause qualifying the first."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += 1 if char in "(（" else -1 if char in ")）" else 0
        if char in ";；\n" and depth <= 0:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    pieces = [p for p in pieces if clean_words(p)]
    if len(pieces) > 1 and all(clean_words(p).startswith(_DEMAND_VERBS) for p in pieces):
        return pieces
    return []


def _circled_starts(folded: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), str(codes.CIRCLED.index(m.group()) + 1))
            for m in re.finditer(f"[{codes.CIRCLED}]", folded)]


def _numbered_starts(folded: str, pattern: re.Pattern) -> list[tuple[int, int, str]]:
    """'(1)…；(2)…' or '1.…\\n2.…': numbers at the start of a clause, counting up from the first."""
    starts, expected = [], None
    for match in pattern.finditer(folded):
        before = folded[:match.start()].rstrip(" \t")
        if before and before[-1] not in _BOUNDARY:
            continue
        number = int(match.group(1))
        if expected is None:
            if before.strip() and (number != 1 or before[-1] not in "：:\n"):
                continue  # the first number opens the cell, or follows a lead-in ('提供：(1)…')
        elif number != expected:
            continue
        starts.append((match.start(), match.end(), str(number)))
        expected = number + 1
    return starts


_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")


def join_lines(text: str) -> str:
    """A cell's lines as one text: a break inside a word is no break ('信息\\n化科' -> '信息化科').

    Latin letters or digits on both sides of a break keep a space between them.
    """
    text = _CONTROL.sub("", text.replace("\r", "\n").replace("\x0b", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def clean_words(text: str) -> str:
    """A part's words without the separators around them: '…（说明报告）；\\n' -> '…（说明报告）'."""
    return join_lines(text).strip().strip(" \t；;。，,、：:").strip()


# --- one part: its kinds and quantities ------------------------------------------------

@dataclass
class _Found:
    """A kind the words name, where, and what they ask of it so far (quantities, caption,
    seal, deadline are attached one by one as the words are read)."""

    kind: str
    start: int
    end: int
    words: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Every place the kind is named: a quantity belongs to the nearest of them."""
    asked: Ask = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.asked = self.asked or Ask(self.kind)

    def set(self, **changes) -> None:
        self.asked = replace(self.asked, **changes)


def parse_requirements(text: str) -> list[Part]:
    """The numbered parts of a requirement cell, each with what it asks for."""
    parts = []
    pieces = split_parts(text)
    lead_in = ""
    for code, words in pieces:
        if code == "":
            lead_in = clean_words(words)
            continue
        part = parse_part(words, code=code)
        if lead_in:
            part = replace(part, notes=part.notes + (Note(
                HINT, f"编号前的文字“{lead_in}”未单独成项（原文保留在 criteria.yml 的注释中）"),))
            lead_in = ""
        parts.append(part)
    seen: set[str] = set()
    for i, part in enumerate(parts):
        code = part.requirement.code
        if code is not None and code in seen:
            parts[i] = replace(part, notes=part.notes + (Note(
                TO_VERIFY, f"编号 {codes.circled(code)} 在同一格中出现了两次，请核对"),))
        if code is not None:
            seen.add(code)
    return parts


def parse_part(words: str, *, code: str | None = None) -> Part:
    """One part's words read into a Requirement with its asks."""
    text = clean_words(words)
    folded = codes.fold_width(text)
    notes: list[Note] = []
    bare = folded.strip("（）() ")
    if bare in EVALUATION_WORDS:
        return Part(Requirement(code=code, text=text, asks=(Ask("evaluation"),)), readings=(bare,))

    found = _kinds(folded)
    if not found:
        verb = re.match(r"^(说明|列举|简述|介绍|阐述)", folded)
        if verb:
            found = [_Found("report", 0, len(verb.group()), words=[verb.group()])]
            notes.append(Note(HINT, f"未写明材料种类，按“{verb.group()}”记作说明报告"))
    if not found and _PIECES.search(folded):
        piece = _PIECES.search(folded)  # '每月不少于1篇': written pieces, a document each
        found = [_Found("document", piece.start(), piece.end(), words=[], spans=[piece.span()])]
    taken = _demands(folded, found, notes)
    _meetings_held(folded, found)
    _quantities(folded, found, notes, taken)
    if not found:
        notes.append(Note(TO_VERIFY, "未能识别要求的材料种类，记作“其他材料”，请在 criteria.yml 中改写 asks"))
        return Part(Requirement(code=code, text=text, asks=(Ask("other"),)), tuple(notes), (text,))
    asks = tuple(f.asked for f in found)
    return Part(Requirement(code=code, text=text, asks=asks), tuple(notes),
                tuple("，".join(dict.fromkeys(f.words)) for f in found))


def _kinds(folded: str) -> list[_Found]:
    """Each kind the words name, once, in the order first named; parts of a meeting's bundle absorbed."""
    found: dict[str, _Found] = {}
    meeting_brackets = _bundle_spans(folded)
    quoted = _quoted_spans(folded)
    for match in _KIND_RE.finditer(folded):
        kind = _KIND_OF[match.group()]
        if kind is None or _described_by_bracket(folded, match) or any(s <= match.start() < e for s, e in quoted):
            continue  # '“红黑名单”制度': a word inside quotes is part of a name
        inside = next((span for span in meeting_brackets if span[0] <= match.start() < span[1]), None)
        if inside is not None and kind != "photo":
            kind = "meeting"  # '会议材料（会议通知、学习内容、…）': the notice is part of each meeting
        if kind in found:
            found[kind].words.append(match.group())
            found[kind].spans.append(match.span())
            continue
        found[kind] = _Found(kind, match.start(), match.end(), words=[match.group()], spans=[match.span()])
        if inside is not None and kind == "photo":
            found[kind].set(per="meeting")
    return sorted(found.values(), key=lambda f: f.start)


def _described_by_bracket(folded: str, match: re.Match) -> bool:
    """A GENERIC_WORDS word that only says what another material is about: right before a
    bracket that names a kind ('培训的方案(说明报告)': the bracket says the kind), right before
    another kind's word ('推荐情况统计表格'), or before '的' and a kind's word in the same
    clause ('行动计划的主要举措（说明报告）', '宣传报道的网页截图')."""
    if match.group() not in GENERIC_WORDS:
        return False
    rest = folded[match.end():]
    if rest[:1] in ("(", "（"):
        close = re.search(r"[)）]", rest)
        return _names_a_kind(rest[:close.start()] if close else rest)
    following = _KIND_RE.match(rest)
    if following and _KIND_OF[following.group()]:
        return True
    if rest[:1] == "的":
        clause = re.split(r"[,，;；。、和及]", rest, maxsplit=1)[0]
        return _names_a_kind(clause)
    return False


def _names_a_kind(words: str) -> bool:
    return any(_KIND_OF[m.group()] for m in _KIND_RE.finditer(words))


_HELD = re.compile(r"召开[^,;，；。()（）]{0,16}?会|研究[^,;，；。()（）]{0,16}?工作(?=[^,;，；。()（）]{0,4}\d)")
_TIMES = re.compile(rf"{NUMBER}\s*次")


def _meetings_held(folded: str, found: list[_Found]) -> None:
    """'每年至少召开3次工作会议', '每两年召开文明单位创建动员会1次', '每年专题研究精神文明建设工作
    1次以上' (a leadership studies an issue in a meeting): meetings, counted in 次, even where no
    word names their papers ('召开专题会议的图片3张' counts pictures, not meetings)."""
    held = _HELD.search(folded)
    if held is None or any(f.kind == "meeting" for f in found) or not _TIMES.search(folded):
        return
    found.append(_Found("meeting", held.start(), held.end(), words=[held.group()]))
    found.sort(key=lambda f: f.start)


def _bundle_spans(folded: str) -> list[tuple[int, int]]:
    """The brackets right after a meeting's word: what each meeting's bundle holds."""
    spans = []
    for match in re.finditer("|".join(KIND_WORDS["meeting"]), folded):
        rest = folded[match.end():]
        if rest[:1] in ("(", "（"):
            close = re.search(r"[)）]", rest)
            spans.append((match.end(), match.end() + (close.end() if close else len(rest))))
    return spans


MIN_CHARS = 20
"""A length below this is no report's length ('十字路口' is a crossroads)."""
_AT_LEAST = ("不少于", "不低于", "不得少于", "至少", "以上")
_AT_MOST = ("不超过", "不多于", "不得超过", "以内", "之内", "以下")
_CHARS_RANGE = re.compile(rf"{NUMBER}\s*字?\s*[-—–~至到]+\s*(?P<m>\d+|[零〇一二两三四五六七八九十百千]+)\s*字(?!号)")
_CHARS = re.compile(rf"(?P<q>不少于|不低于|不得少于|不超过|不多于|不得超过|至少|控制在|约)?\s*{NUMBER}\s*字(?!号)"
                    r"(?P<post>以内|之内|以下|以上|左右)?")
_CHARS_AFTER = re.compile(rf"字数\s*(?P<q>不少于|不低于|不得少于|不超过|不多于|不得超过|至少|控制在|约|为)?\s*{NUMBER}"
                          r"(?P<post>以内|之内|以下|以上|左右)?")
_UNIT = re.compile(rf"(?P<q>至少|不少于|不低于|不得少于)?\s*{NUMBER}\s*(?P<u>[张幅次场份篇种类个项段部条])(?P<post>以上)?")
_EACH = re.compile(r"每(?P<g>次会议|场会议|次活动|项活动|个活动|个节日|两年|半年|季度|个月|年|月|类|次|场|项|个)"
                   r"\s*(?:各|均|需|应|都)?\s*(?P<q>至少|不少于|不低于|不得少于)?\s*"
                   r"(?:[^,;，；。()（）]{0,2}?(?:召开|开展|举办|组织|报送|上报|提供|研究)[^,;，；。()（）]{0,14}?)?\s*$")
_GROUPS = {"次会议": "meeting", "场会议": "meeting", "次": "meeting", "场": "meeting", "类": "category",
           "两年": "two-years", "半年": "half-year", "季度": "quarter", "个月": "month", "月": "month", "年": "year"}
"""The group a '每…' before a count names; anything else (每次活动, 每项, 每个节日) is an activity."""
_OCCASION = re.compile(r"(?:开展|举办|组织)?[^,;，；。()（）]{0,10}?(?:活动|节日)")
"""After 'N次': the words of an activity ('2次开展学习教育活动', '4次活动', '3个传统节日')."""
_SPANS = ("two-years", "half-year", "quarter", "month", "year")
_ACTIVITY = re.compile(r"^[^，。；,;（）()]{0,4}?(?:节日|节|活动|主题)")


def _quantities(folded: str, found: list[_Found], notes: list[Note], taken: list[tuple[int, int]]) -> None:
    """Attach each quantity of the words to the ask it concerns."""
    for match in _CHARS_RANGE.finditer(folded):
        low, high = cn_number(match.group("n")), cn_number(match.group("m"))
        if not low or not high or low < MIN_CHARS or low > high:
            continue
        taken.append(match.span())
        report = _report(folded, match, found)
        report.set(chars_min=low, chars_max=high)
    for match in list(_CHARS.finditer(folded)) + list(_CHARS_AFTER.finditer(folded)):
        value = cn_number(match.group("n"))
        if not value or value < MIN_CHARS or any(s <= match.start("n") < e for s, e in taken):
            continue
        taken.append(match.span())
        report = _report(folded, match, found)
        qualifier = (match.group("q") or "") + (match.group("post") or "")
        if any(word in qualifier for word in _AT_LEAST):
            report.set(chars_min=value)
        elif any(word in qualifier for word in _AT_MOST) or qualifier == "控制在":
            report.set(chars_max=value)
        else:
            report.set(chars=value)
    quoted = _quoted_spans(folded)
    for match in _UNIT.finditer(folded):
        value = cn_number(match.group("n"))
        if not value or any(s <= match.start("n") < e for s, e in taken + quoted):
            continue  # '“四个全面”' names a policy, not a quantity
        unit = match.group("u")
        if (unit in "个项条段部" and not match.group("n").isdigit() and not match.group("q")
                and not any(0 <= f.start - match.end() <= 1 for f in found)):
            continue  # '三个方面': a quantity only with '至少' or a kind's word right after
        target = _target(unit, match, folded, found)
        if target is None:
            notes.append(Note(HINT, f"数量“{match.group().strip()}”未能对应到某种材料，未计入"))
            continue
        ask, per = target
        each = _EACH.search(folded[:match.start()])
        at_least = bool(match.group("q") or match.group("post") or (each and each.group("q")))
        if per == "occasions":
            ask.set(occasions=value, per="activity")
            _account_of_each(folded, match, value, found)
        else:
            ask.set(count=value, at_least=at_least)
            if per:
                ask.set(per=per)
        ask.words.append(match.group().strip())
        taken.append(match.span())


def _quoted_spans(folded: str) -> list[tuple[int, int]]:
    """The spans of “…”, 《…》 and "…": names (of a policy, a campaign, a list), not materials."""
    return [m.span() for m in re.finditer(r"“[^”]*”|《[^》]*》|\"[^\"]*\"", folded)]


def _account_of_each(folded: str, match: re.Match, occasions: int, found: list[_Found]) -> None:
    """'2次开展学习教育活动的文字资料和现场图片', '2次…活动的图文简报': the report named right after
    the activities is one account of each, so as many reports as activities."""
    activity = _OCCASION.match(folded[match.end():])
    after = folded[match.end() + activity.end():] if activity else ""
    named = _KIND_RE.search(re.split(r"[,，;；。、和及()（）]", after[1:])[0][:6]) if after.startswith("的") else None
    report = next((f for f in found if f.kind == "report"), None)
    if named and _KIND_OF[named.group()] == "report" and report is not None and report.asked.count is None:
        report.set(count=occasions)
        report.words.append(match.group().strip())


def _report(folded: str, match: re.Match, found: list[_Found]) -> _Found:
    """The report a length is for; one is added when the words name none ('300字左右的材料')."""
    report = next((f for f in found if f.kind == "report"), None)
    if report is None:
        report = _Found("report", match.start(), match.end())
        found.append(report)
        found.sort(key=lambda f: f.start)
    report.words.append(match.group().strip())
    return report


_CAPTION = re.compile(r"(?:注明|标明|标注|写明|注有|载明)(?P<what>[^;；。()（）]{1,40})")
_CAPTION_WORDS = (("活动名称", "活动名称"), ("主办单位", "主办单位"), ("组织单位", "主办单位"), ("承办单位", "主办单位"),
                  ("时间", "时间"), ("日期", "时间"), ("地点", "地点"), ("场所", "地点"), ("主题", "主题"),
                  ("内容", "主题"), ("人物", "人物"), ("参加人员", "人物"), ("人员", "人物"), ("名称", "活动名称"))
"""The words a caption demand uses for each CAPTION_ELEMENTS element, longest first."""
_COUNTING_PERIOD = re.compile(r"统计(?:时限|时段|时间|期限|截止|截至)\s*(?:为|是|:)?\s*$")
"""Words before a date that make it the end of what is counted, not when it is due."""
_SEAL = re.compile(r"加盖(?:单位)?(?:公章|印章|章)|盖(?:单位)?(?:公章|章)|签字盖章|签章")


def _demands(folded: str, found: list[_Found], notes: list[Note]) -> list[tuple[int, int]]:
    """Caption, seal and deadline demands, attached to the ask they concern; the spans they
    took (so '上级发文后1个月内' is not read as a count)."""
    taken: list[tuple[int, int]] = []
    for match in _CAPTION.finditer(folded):
        elements = _caption_elements(match.group("what"))
        pictures = [f for f in found if f.kind in ("photo", "screenshot")]
        if elements and pictures:
            ask = min(pictures, key=lambda f: _distance(f, match))
            ask.set(caption=tuple(dict.fromkeys(ask.asked.caption + elements)))
            ask.words.append(match.group())
            taken.append(match.span())
    seal = _SEAL.search(folded)
    if seal and found:
        _nearest_paper(found, seal).set(seal=True)
        _nearest_paper(found, seal).words.append(seal.group())
    try:
        deadline, words = find_deadline(folded)
    except DeadlineError as error:
        notes.append(Note(TO_VERIFY, f"时限无法识别：{error}，请在 criteria.yml 中填写 deadline"))
        return taken
    start = folded.find(words)
    if deadline is not None and _COUNTING_PERIOD.search(folded[:start]):
        return taken  # '统计时限为每月25日前': what is counted, the words stay in the text
    if deadline is not None and found:
        taken.append((start, start + len(words)))
        target = _nearest_paper(found, re.search(re.escape(words), folded))
        target.set(deadline=deadline)
        target.words.append(words)
    return taken


def _caption_elements(words: str) -> tuple[str, ...]:
    elements, rest = [], words
    for word, element in _CAPTION_WORDS:
        if word in rest:
            elements.append(element)
            rest = rest.replace(word, " ")
    return tuple(e for e in ("时间", "地点", "活动名称", "主办单位", "主题", "人物") if e in elements)


def _nearest_paper(found: list[_Found], match: re.Match) -> _Found:
    """The ask a seal or deadline concerns: the nearest table, document or report, else the nearest ask."""
    papers = [f for f in found if f.kind in ("table", "document", "report")] or found
    return min(papers, key=lambda f: _distance(f, match))


def _target(unit: str, match: re.Match, folded: str, found: list[_Found]) -> tuple[_Found, str | None] | None:
    """The ask a quantity such as '5张' or '至少3个传统节日' counts, and its grouping."""
    by_kind = {f.kind: f for f in found}
    each = _EACH.search(folded[:match.start()])
    group = _GROUPS.get(each.group("g"), "activity") if each else None
    span = group if group in _SPANS else None
    after = folded[match.end():match.end() + 2]
    if group == "meeting" and "meeting" not in by_kind:
        group = "activity"  # '现场图片(每次3张)' where no meeting is asked: each time is an activity
    if unit in "次场个项" and _OCCASION.match(folded[match.end():]) or (
            unit in "个项" and "photo" in by_kind and _ACTIVITY.match(folded[match.end():])):
        if "photo" in by_kind:
            return by_kind["photo"], "occasions"  # '不少于4次活动', '至少3个传统节日': occasions with photos each
    if unit in "项" and re.search(r"活动项目\s*(?:不少于|至少)?\s*$", folded[:match.start()]) and "photo" in by_kind:
        return by_kind["photo"], "occasions"  # '活动项目不少于3项'
    if unit in "张幅":
        pictures = [f for f in found if f.kind in ("photo", "screenshot")]
        if not pictures:
            return None
        ask = min(pictures, key=lambda f: _distance(f, match))
        return ask, group or ask.asked.per
    if unit in "次场":
        if "meeting" in by_kind and not after.startswith(("活动", "培训")):
            return by_kind["meeting"], span
        return None
    if unit in "份篇":
        papers = [f for f in found if f.kind in ("document", "report", "table")]
        return (min(papers, key=lambda f: _distance(f, match)), span) if papers else None
    # 种 类 个 项 段 部 条: a count of kinds, activities or items
    category = "category" if group == "category" else span
    right_after = next((f for f in found if 0 <= f.start - match.end() <= 1), None)
    if right_after is not None:
        return right_after, category
    following = [f for f in found if f.start >= match.end()]
    if following:
        return following[0], category
    before = [f for f in found if f.end <= match.start()]
    return (before[-1], category) if before else None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _distance(found: _Found, match: re.Match) -> int:
    """How far the nearest place naming the ask's kind is from the words of `match`."""
    return min(_span_distance(start, end, match) for start, end in (found.spans or [(found.start, found.end)]))


def _span_distance(start: int, end: int, match: re.Match) -> int:
    found = _Span(start, end)
    if found.end <= match.start():
        return match.start() - found.end
    if found.start >= match.end():
        return found.start - match.end()
    return 0


# --- demands written in a standard's own text ----------------------------------------------------

_SCORE_MARK = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")
_HAS_PAPER = re.compile(r"有[^,，;；。、]{0,12}?(?:方案|计划|总结|小结|台账|台帐|记录|纪要|制度)")
_TIMES_WORD = r"(?:\d+|[一两二三四五六七八九十]+)\s*次"
_HELD_TIMES = re.compile(rf"(?:召开|研究)[^,，;；。()（）]*?{_TIMES_WORD}|{_TIMES_WORD}[^,，;；。()（）]{{0,4}}会")
_PIECES = re.compile(rf"{NUMBER}\s*[篇份]")


def demands_in_standard(text: str) -> list[Part]:
    """The parts a standard's own text demands, for a table with no materials column.

    Reads the shape '…工作机制,每年至少召开3次工作会议研究解决有关问题,年初有计划、年底有总结':
    a clause (between ',' ';' '。') is a demand when it holds meetings a number of times
    ('召开…3次', '研究…工作1次以上', '召开一次会议'), says a paper exists ('有…方案/计划/总结/
    台账/记录/制度'), or counts written pieces ('每月不少于1篇'). Demanding clauses next to each
    other are one part; a score mark '(1分)' ends a part (each scored clause is checked on its
    own). Clauses that demand nothing ('领导班子务实清廉') give no part.
    """
    parts: list[Part] = []
    for segment in _SCORE_MARK.split(text):
        run: list[str] = []
        for clause in re.split(r"[,，;；。\n]", segment):
            words = clean_words(clause)
            if words and _demands_material(codes.fold_width(words)):
                run.append(words)
                continue
            if run:
                parts.append(parse_part(",".join(run)))
                run = []
        if run:
            parts.append(parse_part(",".join(run)))
    return parts


def _demands_material(clause: str) -> bool:
    return bool(_HAS_PAPER.search(clause) or _HELD_TIMES.search(clause) or _PIECES.search(clause))
