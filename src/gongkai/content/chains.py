"""Procurement and tender projects: the documents sharing a `project` form a chain of stages.

Both the GK51x rules and the generated project pages read the chains from here, so the page
shows exactly what the checker judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.content.document import Document
from gongkai.content.urls import slugify
from gongkai.dates import workdays
from gongkai.dates.deadlines import Chain, Deadlines, StageDeadline


def is_public(doc: Document, today: dt.date) -> bool:
    """Meant for the public on `today`: 主动公开, reviewed 同意公开, review not in the future."""
    m = doc.meta
    return (
        m is not None
        and m.disclosure == "主动公开"
        and m.review is not None
        and m.review.result == "同意公开"
        and m.review.date <= today
    )


@dataclass
class Due:
    """A stage's deadline: `date` (None when the calendar does not reach it), its rule, and
    `late`: True when the stage was published after it, or is missing and it has passed."""

    rule: StageDeadline
    start: dt.date
    start_label: str
    late: bool | None
    unknown: workdays.OutsideCalendar | None = None

    @property
    def text(self) -> str:
        """采购结果后30日加2个工作日内公开 / 应早于采购公告至少30日公开."""
        if self.rule.before:
            return f"应早于{self.start_label}至少{self.rule.days}日公开"
        parts = [f"{self.rule.days}日"] if self.rule.days else []
        if self.rule.workdays:
            parts.append(f"{self.rule.workdays}个工作日")
        return f"{self.start_label}后{'加'.join(parts) or '当日'}内公开"

    def date(self) -> dt.date | None:
        try:
            return workdays.deadline(self.start, self.rule.days, self.rule.workdays)
        except workdays.OutsideCalendar:
            return None


@dataclass
class Project:
    chain: Chain
    project: str
    docs: list[Document] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.project) or "project"

    def stage_docs(self, stage: str) -> list[Document]:
        return [d for d in self.docs if d.meta.stage == stage]

    def first(self, stage: str) -> Document | None:
        found = self.stage_docs(stage)
        return min(found, key=lambda d: d.meta.published) if found else None

    @property
    def title(self) -> str:
        first = min(self.docs, key=lambda d: (self._rank(d), d.meta.published))
        return first.meta.title

    def _rank(self, doc: Document) -> int:
        order = self.chain.order
        return order.index(doc.meta.stage) if doc.meta.stage in order else len(order)

    def out_of_order(self) -> list[tuple[Document, Document]]:
        """(doc, earlier-stage doc published after it) pairs."""
        pairs = []
        for doc in self.docs:
            for other in self.docs:
                if (
                    self._rank(other) < self._rank(doc)
                    and other.meta.published > doc.meta.published
                ):
                    pairs.append((doc, other))
        return pairs

    def reached(self) -> int:
        """Rank of the furthest stage published."""
        return max((self._rank(d) for d in self.docs), default=-1)

    def dues(self, stage: str, today: dt.date) -> list[Due]:
        """Every deadline of `stage` whose start is known, judged on `today`."""
        out = []
        own = self.first(stage)
        for rule in self.chain.deadlines:
            if rule.stage != stage:
                continue
            if rule.from_field:
                if own is None or getattr(own.meta, rule.from_field) is None:
                    continue
                start = getattr(own.meta, rule.from_field)
                label = "合同签订" if rule.from_field == "signed" else rule.from_field
            else:
                anchor = self.first(rule.after or rule.before or "")
                if anchor is None:
                    continue
                start, label = anchor.meta.published, rule.after or rule.before or ""
            out.append(_judge(rule, start, label, own, today))
        return out


def _judge(
    rule: StageDeadline, start: dt.date, label: str, own: Document | None, today: dt.date
) -> Due:
    if rule.before:
        # Must precede `before` by at least `days`: late when published closer than that.
        if own is None:
            return Due(rule, start, label, None)
        late = (start - own.meta.published).days < rule.days
        return Due(rule, start, label, late)
    on = own.meta.published if own is not None else today
    try:
        late = workdays.is_past(start, on, rule.days, rule.workdays)
    except workdays.OutsideCalendar as e:
        return Due(rule, start, label, None, e)
    return Due(rule, start, label, late)


def projects(docs: Iterable[Document], deadlines: Deadlines) -> list[Project]:
    """Chains of the given documents, keyed by (type, project), in project order."""
    found: dict[tuple[str, str], Project] = {}
    for doc in docs:
        m = doc.meta
        chain = deadlines.chains.get(m.type)
        if chain is None or not m.project:
            continue
        found.setdefault((m.type, m.project), Project(chain, m.project)).docs.append(doc)
    for p in found.values():
        p.docs.sort(key=lambda d: (d.meta.published, p._rank(d)))
    return [found[k] for k in sorted(found)]
