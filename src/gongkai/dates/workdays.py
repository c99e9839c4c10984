"""Working days by the official holiday arrangements (国务院办公厅 each year's 部分节假日安排),
including the adjusted working weekends (调休上班), from the maintained `chinesecalendar` package.

The package knows a fixed range of years. Outside it nobody can know which days are working
days, so the functions raise `OutsideCalendar` instead of guessing; the rules turn that into a
warning. They only ask for the days they need: a deadline that cannot have passed yet is
answered without looking beyond the date compared with.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.metadata import version

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)


class OutsideCalendar(Exception):
    """The holiday arrangement of `day`'s year is not in the package."""

    def __init__(self, day: dt.date) -> None:
        super().__init__(day.isoformat())
        self.day = day

    @property
    def message(self) -> str:
        first, last = known_years()
        return (
            f"无法确定{self.day.year}年的工作日：chinesecalendar {version('chinesecalendar')} "
            f"只有{first}—{last}年的法定节假日安排，请在国务院办公厅公布新一年的安排后升级"
            f"（requirements.txt 中的 chinesecalendar），本项期限暂不检查"
        )


@cache
def known_years() -> tuple[int, int]:
    """The first and last year whose arrangement the package holds."""
    days = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    return min(days).year, max(days).year


@cache
def is_workday(day: dt.date) -> bool:
    first, last = known_years()
    if not first <= day.year <= last:
        raise OutsideCalendar(day)
    # chinese_calendar.is_workday, without its range check (re-scanned on every call)
    if day in chinese_calendar.workdays:
        return True
    return day not in chinese_calendar.holidays and day.weekday() < 5


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (the day of the event itself is not counted)."""
    day = start
    left = count
    while left > 0:
        day += ONE_DAY
        if is_workday(day):
            left -= 1
    return day


def deadline(start: dt.date, days: int = 0, workdays: int = 0) -> dt.date:
    """`days` calendar days after `start`, then `workdays` working days after that."""
    return add_workdays(start + dt.timedelta(days=days), workdays)


def is_past(start: dt.date, on: dt.date, days: int = 0, workdays: int = 0) -> bool:
    """Whether the deadline `days` + `workdays` after `start` lies before `on`.

    Working days are counted only up to `on`: if `on` is reached first the deadline has not
    passed, whatever the calendar of later years holds.
    """
    day = start + dt.timedelta(days=days)
    if day >= on:
        return False
    left = workdays
    while left > 0:
        day += ONE_DAY
        if day >= on:
            return False
        if is_workday(day):
            left -= 1
    return day < on
