import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from generator import dates

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + ("" if ones == 0 else CN_DIGITS[ones])


def written(date: dt.date, form: int) -> str:
    y, m, d = date.year, date.month, date.day
    return [
        f"{y}年{m}月{d}日",
        f"{y} 年 {m:02d} 月 {d:02d} 日",
        f"{y}.{m}.{d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{y}/{m}/{d}",
        f"{y}{m:02d}{d:02d}",
        "".join(CN_DIGITS[int(c)] for c in str(y)) + f"年{chinese_number(m)}月{chinese_number(d)}日",
    ][form]


@given(DATES, st.integers(min_value=0, max_value=6), st.sampled_from(["", "汕经信〔2016〕155号 ", "01-"]),
       st.sampled_from(["", "+局三楼会议室", " 印发"]))
def test_a_date_written_as_people_do_reads_back(date, form, before, after):
    assert dates.find_dates(before + written(date, form) + after) == [date]


def test_the_seed_forms():
    assert dates.first_date("2016年11月1日") == dt.date(2016, 11, 1)
    assert dates.first_date("2016.11.1") == dt.date(2016, 11, 1)
    assert dates.first_date("二〇一六年十一月一日") == dt.date(2016, 11, 1)
    assert dates.first_date("二〇一七年三月二十五日") == dt.date(2017, 3, 25)


def test_not_dates():
    assert dates.find_dates("汕经信〔2016〕155号") == []
    assert dates.find_dates("2016年13月40日") == []
    assert dates.find_dates("电话 20161399") == []
    assert dates.last_date("2016年10月1日通知，2016年11月1日印发") == dt.date(2016, 11, 1)
