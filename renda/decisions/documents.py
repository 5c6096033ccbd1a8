"""A decision in the official layout (GB/T 9704, PDF and .docx): the standing committee's name as
版头, its number, the title, the line saying which session passed it, the text."""

from __future__ import annotations

from renda.core.chinese import numeral
from renda.core.official_documents import OfficialDocument, chinese_date
from renda.decisions.actions import place_name
from renda.decisions.models import Decision
from renda.meetings.models import Meeting


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def adopted_line(decision: Decision) -> str:
    meeting = Meeting.objects.in_congress(decision.congress_id).get(pk=decision.meeting_id)
    day = chinese_date(decision.decided_on) if decision.decided_on else ""
    return f"（{day}{place_name(decision.congress)}人民代表大会常务委员会第{numeral(meeting.number)}次会议通过）"


def decision_document(decision: Decision) -> OfficialDocument:
    committee = f"{place_name(decision.congress)}人民代表大会常务委员会"
    return OfficialDocument(
        issuer=committee,
        number=decision.number_text,
        title=decision.title,
        preamble=[adopted_line(decision), *paragraphs(decision.text)],
        signature=committee,
        date=decision.decided_on,
        confidential_note="此件公开发布" if decision.status == Decision.Status.PUBLISHED else "",
    )
