"""Working days follow the official arrangements, adjusted working weekends included."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.dates import workdays
from gongkai.dates.deadlines import add_months

D = dt.date.fromisoformat


def test_adjusted_working_saturday_counts_as_a_working_day() -> None:
    assert workdays.is_workday(D("2026-10-10"))  # 国庆调休上班的星期六
    assert not workdays.is_workday(D("2026-10-11"))  # an ordinary Sunday
    assert not workdays.is_workday(D("2026-10-05"))  # a Monday inside the 国庆 holiday


def test_two_working_days_after_signing_skip_the_national_day_holiday() -> None:
    assert workdays.add_workdays(D("2026-09-30"), 2) == D("2026-10-09")
    assert workdays.add_workdays(D("2026-10-08"), 2) == D("2026-10-10")


def test_deadline_adds_calendar_days_then_working_days() -> None:
    # 采购结果 2026-06-02 + 30日 = 07-02（星期四），再加2个工作日 = 07-06（星期一）
    assert workdays.deadline(D("2026-06-02"), days=30, workdays=2) == D("2026-07-06")


def test_is_past_turns_on_the_day_after_the_deadline() -> None:
    assert not workdays.is_past(D("2026-10-08"), D("2026-10-10"), workdays=2)
    assert workdays.is_past(D("2026-10-08"), D("2026-10-11"), workdays=2)


def test_a_year_the_package_does_not_know_raises_instead_of_guessing() -> None:
    first, last = workdays.known_years()
    with pytest.raises(workdays.OutsideCalendar) as caught:
        workdays.add_workdays(D(f"{last}-12-30"), 3)
    assert caught.value.day.year == last + 1
    assert caught.value.message == (
        f"无法确定{last + 1}年的工作日：chinesecalendar 1.11.0 只有{first}—{last}年的法定节假日"
        f"安排，请在国务院办公厅公布新一年的安排后升级（requirements.txt 中的 chinesecalendar），"
        f"本项期限暂不检查"
    )


def test_a_deadline_not_yet_reached_needs_no_later_calendar() -> None:
    _, last = workdays.known_years()
    # Compared with a day in the known range, the answer needs no day of the next year.
    assert not workdays.is_past(D(f"{last}-12-30"), D(f"{last}-12-31"), workdays=5)


def test_three_months_after_the_last_day_of_a_month_is_clamped() -> None:
    assert add_months(D("2026-11-30"), 3) == D("2027-02-28")
    assert add_months(D("2026-08-26"), 3) == D("2026-11-26")
