"""GK51x 栏目: procurement and tender projects — stage order, missing stages, late stages;
GK540: a working-day deadline the holiday calendar cannot answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from gongkai.config.context import Context
from gongkai.content.chains import Due, Project, is_public, projects
from gongkai.dates import deadlines
from gongkai.dates.chinese import cn_date
from gongkai.findings import Finding, Severity, rule

if TYPE_CHECKING:
    from gongkai.content.site import Site


def public_projects(site: Site, ctx: Context) -> list[Project]:
    def make() -> list[Project]:
        today = ctx.today
        docs = [d for d in site.valid_docs if is_public(d, today) and d.meta.published <= today]
        return projects(docs, deadlines.load())

    return site.memo("public projects", make)


def _where(project: Project) -> str:
    folder = project.docs[0].rel.rsplit("/", 1)[0]
    return f"{folder}/"


@rule("GK510", "采购或招投标阶段顺序错误", Severity.ERROR, scope="site")
def stage_order(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：同一项目（project 相同）的文件按阶段先后公开：政府采购为采购意向、采购公告、
    更正公告、采购结果、采购合同；招投标为招标公告、中标候选人公示、中标结果、合同订立、
    合同履行。后一阶段比前一阶段先发布，多半是阶段或日期写错了。

    错误示例：采购结果 published: 2026-05-01，同一项目的采购公告 published: 2026-05-08

    正确示例：核对两篇文件的 stage 和 published，使采购公告早于采购结果
    """
    for project in public_projects(site, ctx):
        for doc, later in project.out_of_order():
            yield stage_order.at(
                doc.rel,
                doc.line_of("stage"),
                1,
                f"项目 {project.project} 的“{doc.meta.stage}”发布于{cn_date(doc.meta.published)}，"
                f"早于前一阶段“{later.meta.stage}”（{later.rel}，{cn_date(later.meta.published)}）："
                f"请核对两篇文件的 stage 和 published",
            )


def _calendar_warning(project: Project, stage: str, due: Due) -> Finding:
    assert due.unknown is not None
    return calendar_unknown.at(
        _where(project),
        1,
        1,
        f"项目 {project.project} 的“{stage}”期限（{due.text}）{due.unknown.message}",
    )


@rule("GK511", "采购或招投标缺少阶段", Severity.WARNING, scope="site")
def missing_stage(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：政府采购和招投标要全流程公开。一个阶段到了法定期限（见 deadlines.yml，
    工作日按国务院办公厅的节假日安排计算）还没有公开，或者后面的阶段已经公开而它没有，
    就是缺项。

    错误示例：项目 JLJY-CG-2026-003 的采购结果发布于2026年6月2日，到2026年7月底仍没有
    stage: 采购合同 的文件

    正确示例：发布该项目的合同公告：
        project: JLJY-CG-2026-003
        stage: 采购合同
        signed: 2026-06-18
    """
    for project in public_projects(site, ctx):
        reached = project.reached()
        for rank, stage in enumerate(project.chain.order):
            if stage in project.chain.optional or project.stage_docs(stage):
                continue
            where = _where(project)
            if rank < reached:
                yield missing_stage.at(
                    where,
                    1,
                    1,
                    f"项目 {project.project} 已公开后续阶段，但缺少“{stage}”：请在 {where} "
                    f"补发 project: {project.project}、stage: {stage} 的文件",
                )
                continue
            for due in project.dues(stage, ctx.today):
                if due.unknown:
                    yield _calendar_warning(project, stage, due)
                elif due.late:
                    date = due.date()
                    yield missing_stage.at(
                        where,
                        1,
                        1,
                        f"项目 {project.project} 的“{stage}”应于{cn_date(date)}前公开"
                        f"（{due.text}，{due.rule.source}），至今未发布：请在 {where} 发布 "
                        f"project: {project.project}、stage: {stage} 的文件",
                    )


@rule("GK512", "采购或招投标公开逾期", Severity.WARNING, scope="site")
def late_stage(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：政府采购结果、合同等都有法定公开时限，例如采购合同应自签订之日起2个工作日内公告
    （政府采购法实施条例第五十条），采购意向应在采购活动开始前30日公开。逾期公开在检查中扣分；
    期限与来源见 deadlines.yml，工作日按法定节假日和调休安排计算。

    错误示例：signed: 2026-10-08，published: 2026-10-12（10月10日是调休上班的星期六，
    第2个工作日是10月10日，12日已逾期）

    正确示例：合同签订后2个工作日内发布，例如 signed: 2026-06-18，published: 2026-06-19
    """
    for project in public_projects(site, ctx):
        for stage in project.chain.order:
            own = project.first(stage)
            if own is None:
                continue
            for due in project.dues(stage, ctx.today):
                if due.unknown:
                    yield _calendar_warning(project, stage, due)
                elif due.late:
                    deadline = (
                        f"应早于{cn_date(due.start)}的{due.rule.before}至少{due.rule.days}日"
                        if due.rule.before
                        else f"最迟应为{cn_date(due.date())}"
                    )
                    yield late_stage.at(
                        own.rel,
                        own.line_of("published"),
                        1,
                        f"项目 {project.project} 的“{stage}”发布于{cn_date(own.meta.published)}，"
                        f"{deadline}（{due.text}，{due.rule.source}）：今后请按期公开；"
                        f"如日期写错，请改正 published",
                    )


@rule("GK540", "工作日无法确定", Severity.WARNING, scope="site")
def calendar_unknown(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：以工作日计算的期限要用国务院办公厅每年公布的节假日安排（含调休上班的周末）。
    所用的 chinesecalendar 包只有已公布年份的数据；超出范围时系统不猜测，而是提示并暂不
    检查这一项，直到升级该包。本规则由 GK511、GK512 在需要时报告。

    错误示例：chinesecalendar 只有到2026年的数据，今天是2027年1月10日，某合同签订于
    2026年12月31日，需要计算2027年的工作日

    正确示例：升级 requirements.txt 中的 chinesecalendar 到包含2027年安排的版本，重新构建
    """
    return iter(())
