"""GK060–GK076: what is reported about a ledger, with each id's documentation (`explain`).

GK060 is also the site rule that reads and checks every ledger (`gongkai.ledger.checks`).
"""

from __future__ import annotations

from gongkai.findings import Severity, declare

GK060 = declare(
    "GK060",
    "台账无法读取",
    Severity.ERROR,
    """
    依申请公开台账（ledger/YYYY.yml）不是有效的 YAML，或结构不对。每次检查和构建都会读取全部台账，
    并按 GK061–GK075 检查字段、日期、收费和答复期限。

    为什么：年报第三、四部分由台账统计生成，台账读不出来就无法核对期限和收费，也无法生成年报。

    错误示例：
        requests:
          - id: 2025-001
            received 2025-01-06

    正确示例：
        year: 2025
        requests:
          - id: 2025-001
            received: 2025-01-06
    """,
    scope="site",
)


GK061 = declare(
    "GK061",
    "台账字段未知或含个人信息",
    Severity.ERROR,
    """
    台账记录中有未知字段；姓名、证件号、电话、地址等个人信息字段一律不得写入台账。

    为什么：台账只用于统计和期限管理，不记录个人信息；拼错的字段名会让数据悄悄丢失。

    错误示例：
        - id: 2025-001
          name: 张三
          recieved: 2025-01-06

    正确示例：
        - id: 2025-001
          applicant_ref: A01
          received: 2025-01-06
    """,
)
GK062 = declare(
    "GK062",
    "台账缺少必填字段",
    Severity.ERROR,
    """
    申请记录缺少 id、received、applicant，或按件计收缺少 applicant_ref。

    为什么：没有收到日期就算不出答复期限，没有申请人类别就无法填年报表格。

    错误示例：
        - id: 2025-001
          applicant: 自然人

    正确示例：
        - id: 2025-001
          received: 2025-01-06
          applicant: 自然人
    """,
)
GK063 = declare(
    "GK063",
    "台账日期或数量格式错误",
    Severity.ERROR,
    """
    日期不是 YYYY-MM-DD，或件数、页数、金额不是非负数。

    为什么：期限按工作日计算，日期必须能被准确读取。

    错误示例：
        received: 2025年1月6日

    正确示例：
        received: 2025-01-06
    """,
)
GK064 = declare(
    "GK064",
    "申请人类别未知",
    Severity.ERROR,
    """
    applicant 不是年报表格的申请人类别。

    为什么：年报第三部分按自然人和五类法人或其他组织分列统计，类别必须与表头一致。

    错误示例：
        applicant: 律师事务所

    正确示例：
        applicant: 法律服务机构
    """,
)
GK065 = declare(
    "GK065",
    "办理结果或理由未知",
    Severity.ERROR,
    """
    outcome 或 reason 不是年报格式中的办理结果和理由。

    为什么：年报第三部分逐项统计办理结果，不予公开、无法提供、不予处理、其他处理还要分理由统计。

    错误示例：
        outcome: 不公开

    正确示例：
        outcome: 不予公开
        reason: 保护第三方合法权益
    """,
)
GK066 = declare(
    "GK066",
    "台账日期先后矛盾",
    Severity.ERROR,
    """
    答复、补正、延期的日期早于收到申请的日期，或记录与答复不一致。

    为什么：日期矛盾说明台账记错了，期限和年报统计都会随之出错。

    错误示例：
        received: 2025-03-10
        replied: 2025-03-01

    正确示例：
        received: 2025-03-10
        replied: 2025-03-21
    """,
)
GK067 = declare(
    "GK067",
    "台账编号重复或年度不符",
    Severity.ERROR,
    """
    申请编号重复，或申请的收到日期晚于台账所属年度。

    为什么：同一申请记两次会使年报重复统计；下一年收到的申请应记入下一年的台账。

    错误示例：
        # ledger/2025.yml
        - id: 2025-001
          received: 2026-01-04

    正确示例：
        # ledger/2026.yml
        - id: 2026-001
          received: 2026-01-04
    """,
)
GK068 = declare(
    "GK068",
    "按标准不应收费",
    Severity.ERROR,
    """
    信息处理费标准计算为 0 元，台账却记录了收费。

    为什么：国办函〔2020〕109号规定按件 10 件以下、按量 30 页以下不收费，多收费违法。

    错误示例：
        pages: 25
        fee: {method: 按量, amount: 50}

    正确示例：
        pages: 25
    """,
)
GK069 = declare(
    "GK069",
    "信息处理费金额与标准不符",
    Severity.ERROR,
    """
    台账记录的信息处理费与按标准超额累进计算的金额不同。

    为什么：收费通知必须写明依据、标准和数额；金额算错会引起复议和诉讼。

    错误示例：
        pages: 250
        fee: {method: 按量, amount: 10000}

    正确示例：
        pages: 250
        fee: {method: 按量, amount: 4700}
    """,
)
GK070 = declare(
    "GK070",
    "延期不符合规定",
    Severity.ERROR,
    """
    答复期限延长超过 20 个工作日，或延长了不止一次。

    为什么：《条例》第三十三条规定需要延长的，延长期限最长不得超过 20 个工作日。

    错误示例：
        extension: {decided: 2025-03-20, workdays: 30}

    正确示例：
        extension: {decided: 2025-03-20, workdays: 20}
    """,
)
GK071 = declare(
    "GK071",
    "逾期答复",
    Severity.WARNING,
    """
    答复日期晚于法定期限：收到申请（或补正后的申请）起 20 个工作日，延期的再加延长的工作日。

    为什么：逾期答复是复议和诉讼中最常见的败诉理由，年报也应如实说明。

    错误示例：
        received: 2025-03-03
        replied: 2025-04-30

    正确示例：
        received: 2025-03-03
        replied: 2025-03-28
    """,
)
GK072 = declare(
    "GK072",
    "超期未答复",
    Severity.WARNING,
    """
    申请尚未答复，答复期限已过。

    为什么：期限按法定节假日安排的工作日计算，提醒经办人及时答复。

    错误示例：
        received: 2025-03-03
        # 没有 replied，已过 2025-03-31

    正确示例：
        received: 2025-03-03
        replied: 2025-03-28
        outcome: 予以公开
    """,
)
GK073 = declare(
    "GK073",
    "补正告知逾期",
    Severity.WARNING,
    """
    补正告知晚于收到申请后 7 个工作日。

    为什么：《条例》第三十条要求在收到申请之日起 7 个工作日内一次性告知补正。

    错误示例：
        received: 2025-03-03
        corrections: [{requested: 2025-03-20, received: 2025-03-25}]

    正确示例：
        received: 2025-03-03
        corrections: [{requested: 2025-03-07, received: 2025-03-12}]
    """,
)
GK074 = declare(
    "GK074",
    "复议诉讼记录错误",
    Severity.ERROR,
    """
    行政复议、行政诉讼记录的类别或结果不是年报格式中的值。

    为什么：年报第四部分按复议、直接起诉、复议后起诉三类，分结果维持、结果纠正、其他结果、尚未审结统计。

    错误示例：
        kind: 诉讼
        result: 胜诉

    正确示例：
        kind: 未经复议直接起诉
        result: 结果维持
    """,
)
GK075 = declare(
    "GK075",
    "无法确定工作日",
    Severity.WARNING,
    """
    期限所在年份的法定节假日安排尚未收录，本项期限暂不检查。

    为什么：工作日以国务院办公厅每年公布的节假日安排为准，不能猜测。

    错误示例：
        received: 2031-03-03   # chinesecalendar 尚无 2031 年安排

    正确示例：
        升级 requirements.txt 中的 chinesecalendar 后重新检查。
    """,
)


GK076 = declare(
    "GK076",
    "年报数据不平衡",
    Severity.ERROR,
    """
    由台账统计的年报表格不满足勾稽关系：第三部分每一列 一 + 二 = 三（七）总计 + 四，
    第四部分每个总计等于其前四项之和，本年“上年结转”等于上一年台账的“结转下年度继续办理”。

    为什么：国办公开办函〔2021〕30号的表格印有勾稽关系，不平衡的年报会被通报；出现时不生成年报。

    错误示例：
        # ledger/2024.yml 有一件 2024-12-30 收到、2025 年才答复的申请，
        # ledger/2025.yml 却没有记录它

    正确示例：
        # 把该申请（保留原编号和收到日期）记入 ledger/2025.yml
    """,
)
