"""Reading a ledger's YAML into records, with one Chinese finding per thing that cannot be read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from gongkai.config.yaml_limits import beyond_limits
from gongkai.content.document import _line_map, bad_scalar
from gongkai.findings import Finding
from gongkai.ledger import fees
from gongkai.ledger.ids import GK060, GK061, GK062, GK063, GK064, GK065, GK067, GK070, GK074
from gongkai.ledger.records import Correction, Dispute, Fee, Ledger, Request, labels, suggest

REQUEST_KEYS = {
    "id": "申请编号",
    "received": "收到申请日期",
    "applicant": "申请人类别",
    "applicant_ref": "申请人代号",
    "items": "件数",
    "pages": "页数",
    "corrections": "补正",
    "extension": "延期",
    "replied": "答复日期",
    "outcome": "办理结果",
    "reason": "理由",
    "fee": "信息处理费",
    "note": "备注",
}
DISPUTE_KEYS = {"id", "request", "kind", "filed", "result", "decided", "note"}
PERSONAL = {"name", "姓名", "phone", "tel", "mobile", "电话", "手机", "id_card", "身份证", "证件号",
            "address", "地址", "email", "邮箱", "applicant_name"}  # fmt: skip
TOP_KEYS = {"year", "requests", "disputes", "active"}


class _Reader:
    def __init__(self, rel: str, lines: dict[tuple[Any, ...], int]) -> None:
        self.rel = rel
        self.lines = lines
        self.found: list[Finding] = []

    def line(self, *key: Any) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1

    def keys(self, raw: dict[str, Any], allowed: set[str] | dict[str, str], at: tuple) -> None:
        for key in raw:
            where = self.line(*at, key)
            if str(key) in PERSONAL:
                self.found.append(
                    GK061.at(
                        self.rel,
                        where,
                        1,
                        f"台账不得记录个人信息：请删除“{key}”；需要区分申请人时写 applicant_ref（如 A01）",
                    )
                )
            elif key not in allowed:
                hint = suggest(str(key), sorted(allowed))
                self.found.append(
                    GK061.at(
                        self.rel,
                        where,
                        1,
                        f"未知字段“{key}”{hint}：可用的字段为 {'、'.join(sorted(allowed))}",
                    )
                )

    def date(self, raw: dict[str, Any], key: str, at: tuple, label: str) -> dt.date | None:
        value = raw.get(key)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        self.found.append(
            GK063.at(
                self.rel,
                self.line(*at, key),
                1,
                f"{label}“{value}”不是日期：请写成 YYYY-MM-DD，如 2025-03-06",
            )
        )
        return None

    def count(self, raw: dict[str, Any], key: str, at: tuple, label: str, default: int) -> int:
        value = raw.get(key, default)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self.found.append(
            GK063.at(self.rel, self.line(*at, key), 1, f"{label}“{value}”应为 0 或正整数")
        )
        return default


def read_ledger(
    rel: str, stem: str, data: Any, lines: dict[tuple[Any, ...], int]
) -> tuple[Ledger | None, list[Finding]]:
    r = _Reader(rel, lines)
    if not isinstance(data, dict) or not isinstance(data.get("year"), int):
        msg = f"台账应为映射，第一行写 year: {stem}，其下写 requests: 申请记录列表"
        return None, [GK060.at(rel, 1, 1, msg)]
    r.keys(data, TOP_KEYS, ())
    ledger = Ledger(rel, data["year"], active=data.get("active") or {})
    ledger.active_line = r.line("active")
    if str(ledger.year) != stem:
        r.found.append(
            GK060.at(
                rel,
                r.line("year"),
                1,
                f"year: {ledger.year} 与文件名 {stem}.yml 不一致：请改为 year: {stem}",
            )
        )
    seen: dict[str, int] = {}
    for i, raw in enumerate(_items(r, data, "requests")):
        request = _request(r, raw, ("requests", i), ledger.year)
        if request is None:
            continue
        if request.id in seen:
            r.found.append(
                GK067.at(
                    rel,
                    request.line,
                    1,
                    f"申请编号“{request.id}”重复（另见第 {seen[request.id]} 行）：请改用唯一编号",
                )
            )
            continue
        seen[request.id] = request.line
        ledger.requests.append(request)
    for i, raw in enumerate(_items(r, data, "disputes")):
        dispute = _dispute(r, raw, ("disputes", i))
        if dispute is not None:
            ledger.disputes.append(dispute)
    return ledger, r.found


def _items(r: _Reader, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        r.found.append(
            GK060.at(r.rel, r.line(key), 1, f"{key} 应为列表，每项以“- id: …”开始的一条记录")
        )
        return []
    return value


def _request(r: _Reader, raw: dict[str, Any], at: tuple, year: int) -> Request | None:
    r.keys(raw, REQUEST_KEYS, at)
    line = r.line(*at)
    rid = str(raw.get("id") or "")
    for key in ("id", "received", "applicant"):
        if raw.get(key) is None:
            r.found.append(
                GK062.at(
                    r.rel, line, 1, f"申请记录缺少 {key}（{REQUEST_KEYS[key]}）：请补上后再统计"
                )
            )
            return None
    received = r.date(raw, "received", at, "收到申请日期")
    if received is None:
        return None
    if received.year > year:
        r.found.append(
            GK067.at(
                r.rel,
                r.line(*at, "received"),
                1,
                f"申请 {rid} 收到于 {received}，晚于台账年度 {year} 年：请记入 ledger/{received.year}.yml",
            )
        )
        return None
    request = Request(rid, line, received, str(raw["applicant"]))
    request.lines = {str(k): r.line(*at, k) for k in raw}
    applicants = list(labels()["applicants"])
    if request.applicant not in applicants:
        r.found.append(
            GK064.at(
                r.rel,
                r.line(*at, "applicant"),
                1,
                f"申请人类别“{request.applicant}”{suggest(request.applicant, applicants)}不在年报表格中："
                f"请写 {'、'.join(applicants)} 之一",
            )
        )
        return None
    request.applicant_ref = str(raw["applicant_ref"]) if raw.get("applicant_ref") else None
    request.items = r.count(raw, "items", at, "件数", 1)
    request.pages = r.count(raw, "pages", at, "页数", 0)
    request.replied = r.date(raw, "replied", at, "答复日期")
    request.corrections = _corrections(r, raw.get("corrections") or [], (*at, "corrections"))
    _extension(r, request, raw.get("extension"), (*at, "extension"))
    if not _outcome(r, request, raw, at):
        return None
    request.fee = _fee(r, raw.get("fee"), (*at, "fee"))
    return request


def _corrections(r: _Reader, raw: Any, at: tuple) -> list[Correction]:
    if not isinstance(raw, list):
        raw = [raw]
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or "requested" not in item:
            r.found.append(
                GK060.at(
                    r.rel,
                    r.line(*at),
                    1,
                    "补正应写成 {requested: 告知日期, received: 补正收到日期}",
                )
            )
            continue
        r.keys(item, {"requested", "received"}, (*at, i))
        requested = r.date(item, "requested", (*at, i), "补正告知日期")
        if requested is not None:
            out.append(Correction(requested, r.date(item, "received", (*at, i), "补正收到日期")))
    return out


def _extension(r: _Reader, request: Request, raw: Any, at: tuple) -> None:
    if raw is None:
        return
    if isinstance(raw, list):
        r.found.append(
            GK070.at(
                r.rel,
                r.line(*at),
                1,
                "答复期限只能延长一次（《条例》第三十三条）：extension 只写一组 {decided: 日期, workdays: 天数}",
            )
        )
        raw = raw[0] if raw and isinstance(raw[0], dict) else {}
    if not isinstance(raw, dict):
        raw = {}
    r.keys(raw, {"decided", "workdays"}, at)
    request.extension_decided = r.date(raw, "decided", at, "延期决定日期")
    request.extension_workdays = r.count(raw, "workdays", at, "延长的工作日", 20)
    if request.extension_workdays > 20:
        r.found.append(
            GK070.at(
                r.rel,
                r.line(*at, "workdays"),
                1,
                f"延长答复期限 {request.extension_workdays} 个工作日超过《条例》第三十三条规定的最长 20 个工作日："
                "请改为不超过 20",
            )
        )
        request.extension_workdays = 20


def _outcome(r: _Reader, request: Request, raw: dict[str, Any], at: tuple) -> bool:
    outcomes: dict[str, list[str]] = labels()["outcomes"]
    outcome, reason = raw.get("outcome"), raw.get("reason")
    if outcome is None:
        return True
    outcome = str(outcome)
    if outcome not in outcomes:
        r.found.append(
            GK065.at(
                r.rel,
                r.line(*at, "outcome"),
                1,
                f"办理结果“{outcome}”{suggest(outcome, list(outcomes))}不在年报格式中："
                f"请写 {'、'.join(outcomes)} 之一",
            )
        )
        return False
    reasons = outcomes[outcome]
    where = r.line(*at, "reason") if reason is not None else r.line(*at, "outcome")
    if reasons and reason not in reasons:
        said = (
            f"理由“{reason}”{suggest(str(reason), reasons)}不属于"
            if reason
            else "需要写明 reason，"
        )
        r.found.append(
            GK065.at(r.rel, where, 1, f"办理结果“{outcome}”{said}可选理由：{'、'.join(reasons)}")
        )
        return False
    if not reasons and reason is not None:
        r.found.append(GK065.at(r.rel, where, 1, f"办理结果“{outcome}”不分理由统计：请删除 reason"))
        return False
    request.outcome, request.reason = outcome, reason
    return True


def _fee(r: _Reader, raw: Any, at: tuple) -> Fee | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("method") not in fees.load():
        methods = "、".join(fees.load())
        r.found.append(
            GK063.at(
                r.rel,
                r.line(*at, "method"),
                1,
                f"信息处理费应写成 {{method: {methods} 之一, amount: 元数}}，一个申请只能选一种计收方式",
            )
        )
        return None
    r.keys(raw, {"method", "amount", "notice", "paid"}, at)
    try:
        amount = Decimal(str(raw.get("amount", 0)))
    except InvalidOperation:
        amount = Decimal(-1)
    if amount < 0:
        r.found.append(
            GK063.at(
                r.rel,
                r.line(*at, "amount"),
                1,
                f"信息处理费金额“{raw.get('amount')}”应为 0 或正数（元）",
            )
        )
        return None
    return Fee(
        raw["method"],
        amount,
        r.date(raw, "notice", at, "收费通知日期"),
        r.date(raw, "paid", at, "缴费日期"),
    )


def _dispute(r: _Reader, raw: dict[str, Any], at: tuple) -> Dispute | None:
    r.keys(raw, DISPUTE_KEYS, at)
    kinds, results = labels()["disputes"], labels()["dispute_results"]
    kind, result = str(raw.get("kind")), str(raw.get("result", "尚未审结"))
    for key, value, allowed, label in (
        ("kind", kind, kinds, "类别"),
        ("result", result, results, "结果"),
    ):
        if value not in allowed:
            r.found.append(
                GK074.at(
                    r.rel,
                    r.line(*at, key),
                    1,
                    f"复议诉讼{label}“{value}”{suggest(value, allowed)}不在年报格式中："
                    f"请写 {'、'.join(allowed)} 之一",
                )
            )
            return None
    filed = r.date(raw, "filed", at, "申请复议或起诉日期")
    if filed is None:
        if "filed" not in raw:
            r.found.append(
                GK062.at(
                    r.rel, r.line(*at), 1, "复议诉讼记录缺少 filed（申请复议或起诉日期）：请补上"
                )
            )
        return None
    decided = r.date(raw, "decided", at, "审结日期")
    rid = str(raw.get("id") or f"{kind}{filed}")
    return Dispute(rid, r.line(*at), kind, filed, result, decided, raw.get("request"))


def load(path: Path, rel: str) -> tuple[Ledger | None, list[Finding]]:
    """Read one ledger; the records that cannot be read are reported and left out."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, [GK060.at(rel, 1, 1, "台账无法读取：请以 UTF-8 编码保存")]
    if (beyond := beyond_limits(text, yaml.SafeLoader)) is not None:
        line, column, problem = beyond
        return None, [GK060.at(rel, line + 1, column + 1, f"第{line + 1}行{problem}")]
    node: yaml.Node | None = None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except (ValueError, OverflowError):
        found = bad_scalar(yaml.SafeLoader, node) if node is not None else None
        line, column, what = 1, 1, "有无法读取的值"
        if found is not None:
            line, column = found[0].start_mark.line + 1, found[0].start_mark.column + 1
            what = found[1]
        message = f"第{line}行的{what}：日期写成 YYYY-MM-DD（如 2025-02-28）"
        return None, [GK060.at(rel, line, column, message)]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [GK060.at(rel, line, 1, "YAML 语法错误：请检查缩进、冒号和引号")]
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _line_map(node, (), lines, [])
    lines = {k: v + 1 for k, v in lines.items()}
    return read_ledger(rel, path.stem, data, lines)
