"""Documents a meeting produces: the news draft and the results notice (PDF, GB/T 9704 layout).

The PDF uses ReportLab's built-in Chinese CID font (STSong-Light), so it renders on a fresh machine
with no font files installed.
"""

from __future__ import annotations

import io

from django.utils import timezone
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from renda.core.official_documents import break_lines
from renda.meetings.models import Meeting
from renda.meetings.queries import quorum

FONT = "STSong-Light"
RED = HexColor("#C00000")


def result_lines(vote) -> list[str]:
    r = vote.result or {}
    if r.get("abandoned"):
        return [f"{vote}：{r.get('reason')}。"]
    if vote.kind == "roll_call":
        verdict = "通过" if r.get("passed") else "未通过"
        return [f"{vote}：应到{r.get('electorate')}人，赞成{r.get('yes')}票，反对{r.get('no')}票，"
                f"弃权{r.get('abstain')}票，未按表决器{r.get('not_voting', 0)}人，{verdict}。"]
    if vote.kind == "satisfaction":
        counts = r.get("counts", {})
        return [f"{vote}：发出{r.get('issued')}张，收回{r.get('returned')}张；" +
                "，".join(f"{k}{v}票" for k, v in counts.items()) + "。"]
    if r.get("void"):
        return [f"{vote}：{r.get('reason')}。"]
    if vote.kind == "projects":
        names = {str(c.pk): c.name for c in vote.candidates.all()}
        lines = [f"{vote}：应到{r.get('electorate')}人，收回选票{r.get('returned')}张，有效{r.get('valid')}张，"
                 f"无效{r.get('invalid')}张。票决通过：{'、'.join(names[k] for k in r.get('elected', [])) or '无'}。"]
        lines += [f"　　{names.get(k, k)}：{c['for']}票。" for k, c in sorted(r.get("counts", {}).items(),
                                                                        key=lambda kv: -kv[1]["for"])]
        if r.get("for_presidium"):
            lines.append(f"　　{r['for_presidium']['reason']}，尚余{r['for_presidium']['seats']}个项目，提请主席团决定。")
        return lines
    names = {str(c.pk): c.name for c in vote.candidates.all()}
    elected = [names.get(k, k.removeprefix("write_in:")) for k in r.get("elected", [])]
    lines = [f"{vote}：发出选票{r.get('issued')}张，收回{r.get('returned')}张，有效{r.get('valid')}张，"
             f"无效{r.get('invalid')}张。当选：{'、'.join(elected) or '无'}。"]
    for key, c in r.get("counts", {}).items():
        lines.append(f"　　{names.get(key, key)}：赞成{c['for']}票，反对{c['against']}票，弃权{c['abstain']}票。")
    if r.get("further_round"):
        lines.append(f"　　尚缺{r['further_round']['seats']}名（{r['further_round']['reason']}），另行选举。")
    return lines


def news_draft(meeting: Meeting, *, with_results: bool = True) -> str:
    """Who, when, where, what — in the manner of the congress journal."""
    q = quorum(meeting)
    when = timezone.localtime(meeting.starts_at)
    chair = f"{meeting.chair.name}主持会议。" if meeting.chair else ""
    # Only announced results: a counted result is published with the agreed wording once the chair announces it.
    votes = [v for v in meeting.votes.filter(status="announced").order_by("id")]
    decided = "".join(line for v in votes for line in result_lines(v)[:1]) if with_results else ""
    return (f"{when.year}年{when.month}月{when.day}日，{meeting.title}在{meeting.place or '会议室'}举行。{chair}"
            f"会议应到{q.total}人，出席{q.present}人，{'符合法定人数' if q.met else '不足法定人数'}。{decided}")


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines by the one line breaker, official_documents.break_lines: its 禁则 (no line starts with
    ，。、；：）」』》 nor ends with （「『《) and numbers kept with their units (3.5万元, 第3条)."""
    return break_lines(text, width, lambda s: pdfmetrics.stringWidth(s, FONT, size))


def official_pdf(masthead: str, title: str, paragraphs: list[str]) -> bytes:
    """An A4 document in the official layout (GB/T 9704): red masthead and rule, centred title,
    indented body, date at the end."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle(title)
    width, height = A4
    left, right, top = 28 * mm, width - 26 * mm, height - 37 * mm
    canvas.setFillColor(RED)
    canvas.setFont(FONT, 26)
    canvas.drawCentredString(width / 2, top - 10 * mm, masthead)
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.2)
    canvas.line(left, top - 18 * mm, right, top - 18 * mm)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT, 20)
    y = top - 34 * mm
    for line in _wrap(title, right - left, 20):
        canvas.drawCentredString(width / 2, y, line)
        y -= 11 * mm
    canvas.setFont(FONT, 15)
    y -= 4 * mm
    for paragraph in paragraphs:
        for line in _wrap(("　　" if not paragraph.startswith("　") else "") + paragraph, right - left, 15):
            if y < 35 * mm:
                canvas.showPage()
                canvas.setFont(FONT, 15)
                y = top
            canvas.drawString(left, y, line)
            y -= 9 * mm
    today = timezone.localdate()
    canvas.drawRightString(right - 8 * mm, max(y - 12 * mm, 30 * mm), f"{today.year}年{today.month}月{today.day}日")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def results_pdf(meeting: Meeting, votes) -> bytes:
    """The results notice of a meeting."""
    masthead = meeting.congress.name + ("常务委员会" if meeting.kind in ("sc_session", "directors") else "")
    body = [news_draft(meeting, with_results=False)] + [line for v in votes for line in result_lines(v)]
    return official_pdf(masthead, f"{meeting.title}表决结果公告", body)
