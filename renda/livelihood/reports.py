"""Supervision dashboard and the year-end evaluation: each project's progress and score, and the
lead units ranked by a formula whose weights are this congress's rules."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from openpyxl import Workbook

from renda.core import exports, rules
from renda.core.official_documents import OfficialDocument, Section, to_pdf
from renda.livelihood.models import Call, Inspection, Milestone, ProgressReport, Proposal, Ranking, Watch
from renda.rectification.models import RectificationItem


@dataclass
class ProjectRow:
    proposal: Proposal
    lead_unit: str
    budget: Decimal | None
    spent: Decimal
    milestones: int
    done: int
    on_time: int
    overdue: int
    open_problems: int
    groups: list[str]
    satisfaction: float | None
    counts: dict

    @property
    def completion(self) -> float:
        return self.done / self.milestones if self.milestones else 0.0

    @property
    def timeliness(self) -> float:
        return self.on_time / self.milestones if self.milestones else 0.0


def project_rows(call: Call) -> list[ProjectRow]:
    return project_rows_of([call])[call.pk]


def project_rows_of(calls: list[Call]) -> dict[int, list[ProjectRow]]:
    """``project_rows`` of several calls of one congress (the public page's), each table asked once."""
    if not calls:
        return {}
    congress_id = calls[0].congress_id
    today = timezone.localdate()
    chosen = list(Proposal.objects.in_congress(congress_id).filter(call__in=calls, status=Proposal.Status.CHOSEN)
                  .select_related("lead_unit", "evaluation", "leader_in_charge").order_by("id"))
    spent = dict(ProgressReport.objects.in_congress(congress_id).filter(proposal__in=chosen)
                 .values_list("proposal_id").annotate(s=Sum("spent")))
    milestones: dict[int, list[Milestone]] = {}
    for m in Milestone.objects.in_congress(congress_id).filter(proposal__in=chosen):
        milestones.setdefault(m.proposal_id, []).append(m)
    open_problems: dict[int, int] = {}
    for pid in RectificationItem.objects.in_congress(congress_id).filter(
            livelihood_project__in=chosen).exclude(status=RectificationItem.Status.CLOSED).values_list(
            "livelihood_project_id", flat=True):
        open_problems[pid] = open_problems.get(pid, 0) + 1
    groups: dict[int, list[str]] = {}
    for w in Watch.objects.in_congress(congress_id).filter(proposal__in=chosen).select_related("group"):
        groups.setdefault(w.proposal_id, []).append(w.group.name)
    rows: dict[int, list[ProjectRow]] = {call.pk: [] for call in calls}
    for p in chosen:
        ms = milestones.get(p.pk, [])
        result = (p.evaluation.result or {}) if p.evaluation_id and p.evaluation.result else {}
        counts = result.get("counts", {})
        returned = result.get("returned") or 0
        satisfaction = (counts.get("满意", 0) + counts.get("基本满意", 0)) / returned if returned else None
        rows[p.call_id].append(ProjectRow(
            proposal=p, lead_unit=p.lead_unit.name if p.lead_unit_id else "", budget=p.budget,
            spent=spent.get(p.pk) or Decimal("0"), milestones=len(ms), done=sum(1 for m in ms if m.done_on),
            on_time=sum(1 for m in ms if m.done_on and m.done_on <= m.due_on),
            overdue=sum(1 for m in ms if not m.done_on and m.due_on < today),
            open_problems=open_problems.get(p.pk, 0), groups=groups.get(p.pk, []), satisfaction=satisfaction,
            counts=counts,
        ))
    return rows


def progress_charts(rows: list[ProjectRow]) -> dict:
    """The dashboard's progress bars, drawn from the rows its table and the evaluation .xlsx show:
    milestones done of those planned, and money spent of the budget (万元)."""
    from renda.core import charts

    return {
        "milestones": charts.progress("各项目节点完成情况", [(r.proposal.title, r.done, r.milestones) for r in rows],
                                      done_heading="已完成节点", total_heading="节点"),
        "budget": charts.progress("各项目资金支出（万元）", [(r.proposal.title, r.spent, r.budget) for r in rows],
                                  done_heading="已支出（万元）", total_heading="预算（万元）"),
    }


def score(congress, row: ProjectRow) -> float:
    """weights × (completion, timeliness, satisfaction), each a share between 0 and 1."""
    return round(rules.get(congress, "livelihood.weight_completion") * row.completion
                 + rules.get(congress, "livelihood.weight_timeliness") * row.timeliness
                 + rules.get(congress, "livelihood.weight_satisfaction") * (row.satisfaction or 0.0), 2)


def unit_ranking(call: Call, rows: list[ProjectRow] | None = None) -> list[dict]:
    """Lead units ranked by the mean score of their projects; ties share a rank. Pass ``rows`` when
    the caller has them already."""
    congress = call.congress
    by_unit: dict[str, list[float]] = {}
    for row in project_rows(call) if rows is None else rows:
        by_unit.setdefault(row.lead_unit or "（未确定）", []).append(score(congress, row))
    ranking: list[dict] = sorted(({"unit": unit, "projects": len(s), "score": round(sum(s) / len(s), 2)}
                                  for unit, s in by_unit.items()), key=lambda r: (-r["score"], r["unit"]))
    rank, last = 0, None
    for n, item in enumerate(ranking, start=1):
        if item["score"] != last:
            rank, last = n, item["score"]
        item["rank"] = rank
    return ranking


def visit_counts(call: Call) -> dict[str, int]:
    """The supervision visits of the call's chosen projects by mode — 代表小组视察 / 主任领衔督办 /
    联合视察, the “24 / 4 / 1” a county's journal prints — every mode present, zero included."""
    counts = dict(Inspection.objects.in_congress(call.congress_id)
                  .filter(proposal__call=call, proposal__status=Proposal.Status.CHOSEN)
                  .values_list("mode").annotate(n=Count("id")))
    return {mode: counts.get(mode, 0) for mode in Inspection.Mode.values}


def visit_counts_text(counts: dict[str, int]) -> str:
    """“24 / 4 / 1”, in the order 代表小组视察 / 主任领衔督办 / 联合视察."""
    return " / ".join(str(counts[m]) for m in Inspection.Mode.values)


def visit_counts_sentence(counts: dict[str, int]) -> str:
    return "，".join(f"{label}{counts[mode]}次" for mode, label in Inspection.Mode.choices)


# The grade a project's score earns in the decided ranking (地方实践: 90 优秀, 75 良好, 60 合格).
GRADES = ((90, "优秀"), (75, "良好"), (60, "合格"))


def grade(points: float) -> str:
    return next((label for floor, label in GRADES if points >= floor), "不合格")


def ranking_rows(call: Call, rows: list[ProjectRow] | None = None) -> list[dict]:
    """The projects ranked by score, highest first (ties share a rank), as the directors' meeting
    would fix them: rank, proposal id, title, lead unit, score and grade."""
    congress = call.congress
    scored = sorted(((score(congress, r), r) for r in (project_rows(call) if rows is None else rows)),
                    key=lambda pair: (-pair[0], pair[1].proposal.pk))
    out: list[dict] = []
    rank, last = 0, None
    for n, (points, row) in enumerate(scored, start=1):
        if points != last:
            rank, last = n, points
        out.append({"rank": rank, "proposal": row.proposal.pk, "title": row.proposal.title,
                    "lead_unit": row.lead_unit, "score": points, "grade": grade(points)})
    return out


def decided_ranking(call: Call) -> Ranking | None:
    return Ranking.objects.in_congress(call.congress_id).filter(call=call).select_related("decided_at_meeting").first()


HEADER = ["项目", "牵头单位", "预算（万元）", "已支出（万元）", "节点", "已完成", "按期完成", "逾期节点", "未销号问题",
          "监督小组", "满意", "基本满意", "不满意", "满意率", "得分"]


def evaluation_xlsx(call: Call) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目评议"
    exports.append(sheet, HEADER)
    rows = project_rows(call)
    for row in rows:
        exports.append(sheet, [row.proposal.title, row.lead_unit, float(row.budget or 0), float(row.spent), row.milestones,
                      row.done, row.on_time, row.overdue, row.open_problems, "、".join(row.groups),
                      row.counts.get("满意", 0), row.counts.get("基本满意", 0), row.counts.get("不满意", 0),
                      None if row.satisfaction is None else round(row.satisfaction, 4), score(call.congress, row)])
    ranking = book.create_sheet("单位排名")
    exports.append(ranking, ["名次", "牵头单位", "项目数", "平均得分"])
    for item in unit_ranking(call, rows):
        exports.append(ranking, [item["rank"], item["unit"], item["projects"], item["score"]])
    visits = book.create_sheet("监督方式")
    counts = visit_counts(call)
    exports.append(visits, ["监督方式", "次数"])
    for mode, label in Inspection.Mode.choices:
        exports.append(visits, [label, counts[mode]])
    exports.append(visits, ["合计", sum(counts.values())])
    decided = decided_ranking(call)
    if decided is not None:
        sheet = book.create_sheet("确定的排名")
        exports.append(sheet, ["名次", "项目", "牵头单位", "得分", "等次"])
        for r in decided.rows:
            exports.append(sheet, [r["rank"], r["title"], r["lead_unit"], r["score"], r["grade"]])
        exports.append(sheet, ["确定", f"{decided.decided_at_meeting.title}（{decided.decided_on}）"])
        if decided.approved_on:
            exports.append(sheet, ["同意", f"{decided.approved_by}（{decided.approved_on}"
                                          f"{'，' + decided.approval_reference if decided.approval_reference else ''}）"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def evaluation_pdf(call: Call) -> bytes:
    """The 年终评议报告 in the GB/T 9704 layout (core.official_documents): the scoring rule, then the
    projects, the units' ranking and the year's decided ranking as tables — a ranking reads down a
    column, not through a paragraph."""
    c = call.congress
    weights = (rules.get(c, "livelihood.weight_completion"), rules.get(c, "livelihood.weight_timeliness"),
               rules.get(c, "livelihood.weight_satisfaction"))
    rows = project_rows(call)
    projects = [["项目", "承办单位", "完成节点", "逾期", "未销号问题", "满意率", "得分"]] + [
        [row.proposal.title, row.lead_unit, f"{row.done}/{row.milestones}", row.overdue, row.open_problems,
         "未测评" if row.satisfaction is None else f"{row.satisfaction:.0%}", score(c, row)] for row in rows]
    units = [["名次", "承办单位", "项目数", "得分"]] + [[i["rank"], i["unit"], i["projects"], i["score"]]
                                                 for i in unit_ranking(call, rows)]
    counts = visit_counts(call)
    sections = [
        Section(heading="评分办法", paragraphs=[
            f"{call.year}年票决产生的民生实事项目共{len(rows)}个。评分办法：完成率{weights[0]}分、"
            f"按期完成节点率{weights[1]}分、代表满意率{weights[2]}分。"]),
        Section(heading="项目评议结果", paragraphs=[] if rows else ["本年度没有票决产生的项目。"],
                table=projects if rows else None),
        Section(heading="承办单位排名", table=units if len(units) > 1 else None,
                paragraphs=[] if len(units) > 1 else ["暂无承办单位。"]),
        Section(heading="监督视察", paragraphs=[
            f"监督视察共{sum(counts.values())}次（{visit_counts_text(counts)}）：{visit_counts_sentence(counts)}。"]),
    ]
    decided = decided_ranking(call)
    if decided is not None:
        line = f"{decided.decided_at_meeting.title}于{decided.decided_on:%Y年%-m月%-d日}确定年度考评排名。"
        if decided.approved_on:
            line += (f"经{decided.approved_by}于{decided.approved_on:%Y年%-m月%-d日}同意"
                     f"{'（' + decided.approval_reference + '）' if decided.approval_reference else ''}。")
        sections.append(Section(heading="年度考评排名", paragraphs=[line], table=[["名次", "项目", "得分", "等次"]] + [
            [r["rank"], r["title"], r["score"], r["grade"]] for r in decided.rows]))
    return to_pdf(OfficialDocument(title=f"{call.year}年民生实事项目年终评议报告", issuer=f"{c.name}常务委员会",
                                   sections=sections, signature=f"{c.name}常务委员会", date=timezone.localdate()))


def result_pdf(call: Call) -> bytes:
    from renda.meetings.notices import official_pdf, result_lines

    paragraphs = result_lines(call.vote)
    if call.presidium_note:
        paragraphs.append(f"主席团决定：{call.presidium_note}")
    chosen = Proposal.objects.in_congress(call.congress_id).filter(call=call, status=Proposal.Status.CHOSEN).order_by("id")
    paragraphs.append("确定的民生实事项目：" + "、".join(p.title for p in chosen) + "。")
    return official_pdf(call.congress.name, f"关于{call.year}年民生实事项目票决结果的公告", paragraphs)
