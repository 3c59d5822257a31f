"""Reading the facts a file name carries: its date, its parts, its sequence number.

The "+" of the seeds' naming rules ("时间+地点+活动名称+主办单位+活动主题") joins the
facts a name must carry; it is not a required character. People write "+", "_", "-",
spaces, or nothing at all: all are accepted.
"""

from __future__ import annotations

import re

from . import codes, dates

PART_SEPARATORS = re.compile(r"[+＋_\s\-－—–,，、;；|]+")
_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_DATE_TEXT = re.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
    r"|(?:19|20)\d{2}[.\-/_．]\d{1,2}[.\-/_．]\d{1,2}"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
)
_SEQUENCE = re.compile(r"^\s*\d{2,3}(?:[\s\-－_:：.．、]|(?=\D))")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def name_parts(stem: str) -> list[str]:
    """The facts of a name apart from its date: '2016年10月12日+局三楼会议室+中心组学习' ->
    ['局三楼会议室', '中心组学习']. Parts of one character or bare numbers don't count."""
    rest = _DATE_TEXT.sub(" ", stem)
    parts = [p.strip("（）()【】[] .") for p in PART_SEPARATORS.split(rest)]
    return [p for p in parts if len(p) >= 2 and not p.isdigit()]


def scene_photo_missing(stem: str) -> list[str]:
    """Facts a scene photo's name seems to lack (time, place, activity, organizer, theme).

    A name without separators can't be cut into facts: it passes when it is long enough
    to hold them ("2016年10月12日局三楼会议室中心组学习市经信局两学一做")."""
    missing = [] if dates.first_date(stem) else ["时间"]
    parts = name_parts(stem)
    if len(parts) >= 4 or (len(parts) <= 2 and _cjk_count(" ".join(parts)) >= 12):
        return missing
    return missing + ["地点、活动名称、主办单位或活动主题"]


_CAPTION_SIGNS = {
    "地点": re.compile(r"室|厅|馆|楼|堂|广场|社区|村|街道|街|路|公园|学校|校园|基地|现场|会场|车站|站|院|园|中心|镇|乡|区|市|县"),
    "活动名称": re.compile(r"活动|学习|会议|大会|座谈|培训|讲座|比赛|竞赛|仪式|志愿|宣传|演讲|慰问|参观|服务|义诊|"
                       r"清扫|巡讲|展览|晚会|典礼|授课|宣讲|节"),
    "主办单位": re.compile(r"局|委|办|部|厅|公司|单位|中心|学校|医院|政府|街道|社区|协会|支部|党委|党组|集团|银行|"
                       r"所|院|队|站|馆"),
    "主题": re.compile(r"主题|专题|“|《|\"|宣传|教育|倡议|行动"),
}
"""Words that show a name states an element a caption demand asks (a heuristic: a finding is 待核实)."""


def caption_missing(stem: str, elements: tuple[str, ...]) -> list[str]:
    """The demanded caption elements a photo's name does not seem to state. A time is a date
    (or a year and month); the other elements are told by the words they use. 人物 can't be
    told from words and is never reported missing."""
    missing = []
    parts = name_parts(stem)
    for element in elements:
        if element == "时间":
            stated = dates.first_date(stem) is not None or bool(_DATE_TEXT.search(stem))
        elif element == "主题":
            stated = len(parts) >= 4 or bool(_CAPTION_SIGNS["主题"].search(stem))
        elif element in _CAPTION_SIGNS:
            stated = bool(_CAPTION_SIGNS[element].search(" ".join(parts)))
        else:
            stated = True
        if not stated:
            missing.append(element)
    return missing


def screenshot_missing(stem: str) -> list[str]:
    """Facts a screenshot's name seems to lack (media, date, topic)."""
    missing = [] if dates.first_date(stem) else ["日期"]
    parts = name_parts(stem)
    if len(parts) >= 2 or _cjk_count(" ".join(parts)) >= 6:
        return missing
    return missing + ["媒体名称或主题"]


def has_sequence(stem: str) -> bool:
    """True for '01-中心组学习制度', '02 学习计划', '01中心组学习制度'."""
    return bool(_SEQUENCE.match(stem))


def has_material_number(stem: str) -> bool:
    """A report's 材料编号: a sequence ('01-') or an indicator's code ('Ⅲ-2…')."""
    return has_sequence(stem) or codes.indicator_key(stem) is not None


def activity_key(stem: str) -> str:
    """Which activity a photo shows, from its name: the name without its bracketed
    remarks and trailing numbers ('…两学一做专题（交流发言）' and '…两学一做专题2' are one)."""
    key = _BRACKETED.sub("", stem)
    key = re.sub(r"[\s\-_+＋]*\d{1,3}$", "", key)
    return key.strip() or stem


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def scene_facts(stem: str) -> tuple[str | None, str | None]:
    """The place and the activity a scene photo's name states, as the naming rule orders its
    facts (时间+地点+活动名称+主办单位+活动主题): the first part that reads as a place, then
    the first later part that reads as an activity (else the part after the place).
    '2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做专题' -> ('局三楼会议室', '中心组学习').
    None for what a name doesn't seem to state (a heuristic, for display)."""
    parts = name_parts(_BRACKETED.sub(" ", stem))
    place_at = next((i for i, p in enumerate(parts) if _CAPTION_SIGNS["地点"].search(p)), None)
    rest = parts[place_at + 1:] if place_at is not None else parts
    activity = next((p for p in rest if _CAPTION_SIGNS["活动名称"].search(p)), rest[0] if place_at is not None and rest else None)
    return (parts[place_at] if place_at is not None else None), activity
