"""The columns of the livelihood lists' exports (core.spreadsheets): a call's proposals as its page
lists them (the proposer's name as shown there, never their contact), the chosen projects' progress,
and the accountability cases."""

from __future__ import annotations

from renda.core.spreadsheets import Column
from renda.livelihood import reports

PROPOSALS = [
    Column("项目", "title"),
    Column("实施地点", "place"),
    Column("估算投资（万元）", "estimated_cost", "number"),
    Column("来源", lambda p: p.get_source_display()),
    Column("建议人", lambda p: p.proposer_name if p.proposer_name != "群众" else None),
    Column("状态", lambda p: p.get_status_display()),
    Column("已通过审查环节", "stage", "int"),
    Column("合并到", "merged_into.title"),
    Column("未入选理由", "drop_reason"),
    Column("提交时间", "submitted_at", "date"),
]


def projects(congress) -> list[Column]:
    """The chosen projects' progress as the call page's table shows it, and each one's score."""
    return [
        Column("项目", "proposal.title"),
        Column("牵头单位", "lead_unit"),
        Column("预算（万元）", "budget", "number"),
        Column("已支出（万元）", "spent", "number"),
        Column("节点数", "milestones", "int"),
        Column("已完成节点", "done", "int"),
        Column("完成率", "completion", "percent"),
        Column("按期完成节点", "on_time", "int"),
        Column("按期率", "timeliness", "percent"),
        Column("逾期节点", "overdue", "int"),
        Column("未销号问题", "open_problems", "int"),
        Column("监督小组", lambda r: "、".join(r.groups)),
        Column("满意", lambda r: r.counts.get("满意", 0), "int"),
        Column("基本满意", lambda r: r.counts.get("基本满意", 0), "int"),
        Column("不满意", lambda r: r.counts.get("不满意", 0), "int"),
        Column("满意率", "satisfaction", "percent"),
        Column("得分", lambda r: reports.score(congress, r), "number"),
    ]


# What the public page shows of each chosen project: no score, no names.
PUBLIC_PROJECTS = [
    Column("项目", "proposal.title"),
    Column("年度", "proposal.call.year", "int"),
    Column("牵头单位", "lead_unit"),
    Column("节点数", "milestones", "int"),
    Column("已完成节点", "done", "int"),
    Column("逾期节点", "overdue", "int"),
    Column("预算（万元）", "budget", "number"),
    Column("已支出（万元）", "spent", "number"),
]

CASES = [
    Column("被问责单位", "unit.name"),
    Column("事项类别", lambda c: "民生实事项目" if c.proposal_id else "代表建议"),
    Column("事项", lambda c: c.proposal.title if c.proposal_id else str(c.suggestion)),
    Column("问责事由", "reason"),
    Column("启动日期", "opened_on", "date"),
    Column("状态", lambda c: c.get_status_display()),
]
