"""A review opinion (审议意见书) and the body's reply (研究处理情况报告) as official documents.

The opinion goes out from the standing committee's office under its 文号 to the body (主送), with
its preamble, one numbered section per point (一、heading — then the point's text), the closing
asking for the written reply by its due date, signed by the office and dated the day it was sent
(before sending: the day the directors' meeting approved it, else today). The reply is the body's
report to the standing committee: its text, signed by the body (and the signer it names), dated the
day it was filed. Both render through ``renda.core.official_documents`` (GB/T 9704, PDF and .docx).
"""

from __future__ import annotations

from django.utils import timezone

from renda.core.official_documents import OfficialDocument, Section
from renda.oversight.documents import office_name, paragraphs, place_name
from renda.oversight.models import OpinionPoint, OpinionReply, ReviewOpinion
from renda.people.models import Organisation


def _body(opinion: ReviewOpinion) -> Organisation:
    return Organisation.objects.in_congress(opinion.congress_id).get(pk=opinion.body_id)


def opinion_date(opinion: ReviewOpinion):
    return opinion.sent_on or opinion.approved_on or timezone.localdate()


def opinion_document(opinion: ReviewOpinion) -> OfficialDocument:
    congress = opinion.congress
    body = _body(opinion)
    points = OpinionPoint.objects.in_congress(opinion.congress_id).filter(opinion=opinion).order_by("order", "id")
    sections = [Section(p.heading.strip().rstrip("。"), paragraphs=paragraphs(p.text, {})) for p in points]
    due = (f"请于{opinion.reply_due.year}年{opinion.reply_due.month}月{opinion.reply_due.day}日前"
           if opinion.reply_due else "请")
    closing = [f"{due}将研究处理情况书面报告{place_name(congress)}人大常委会。"]
    return OfficialDocument(
        issuer=office_name(congress),
        number=opinion.number,
        title=opinion.title,
        addressee=f"{body.name}：",
        preamble=paragraphs(opinion.preamble, {}),
        sections=sections,
        closing=closing,
        signature=office_name(congress),
        date=opinion_date(opinion),
        confidential_note="此件公开发布" if opinion.status == ReviewOpinion.Status.PUBLISHED else "",
    )


def reply_subject(opinion: ReviewOpinion) -> str:
    """关于《X》的审议意见 → 《X》审议意见 (the reply's title names it without nesting 关于…的)."""
    subject = opinion.title.strip().removeprefix("关于")
    if subject.endswith("的审议意见"):
        subject = subject.removesuffix("的审议意见") + "审议意见"
    return subject if subject.startswith("《") else f"《{subject}》"


def reply_document(opinion: ReviewOpinion, reply: OpinionReply) -> OfficialDocument:
    congress = opinion.congress
    body = _body(opinion)
    title = f"{body.name}关于{reply_subject(opinion)}研究处理情况的报告"
    return OfficialDocument(
        title=title,
        addressee=f"{place_name(congress)}人大常委会：",
        preamble=paragraphs(reply.text, {}),
        closing=["特此报告。"],
        signature=body.name,
        date=timezone.localtime(reply.filed_at).date(),
    )
