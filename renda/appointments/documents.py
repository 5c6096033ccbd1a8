"""The 任命书 and the 免职通知 as official documents (GB/T 9704, PDF and .docx) through
``renda.core.official_documents``: issued by the standing committee under the number of the year's
sequence (示常任〔2026〕3号, 示常免〔2026〕4号), dated the day issued."""

from __future__ import annotations

from renda.appointments.models import AppointmentBill, Nominee
from renda.core.official_documents import OfficialDocument
from renda.meetings.models import Meeting


def place_name(congress) -> str:
    return congress.name.removesuffix("人民代表大会")


def committee_name(congress) -> str:
    return f"{place_name(congress)}人民代表大会常务委员会"


def document(nominee: Nominee) -> OfficialDocument:
    congress = nominee.congress
    bill = AppointmentBill.objects.in_congress(congress).get(pk=nominee.bill_id)
    session = Meeting.objects.in_congress(congress).select_related("term", "congress", "organisation").get(pk=bill.meeting_id)
    name, body, post = nominee.person.name, nominee.organisation.name, nominee.post
    day = nominee.decided_on
    when = f"{day.year}年{day.month}月{day.day}日" if day else ""
    basis = f"{session.title}于{when}决定" if when else f"{session.title}决定"
    if nominee.action == Nominee.Action.APPOINT:
        title, text = "任命书", f"根据{basis}，任命{name}为{body}{post}。"
        addressee = f"{name}同志："
    elif nominee.action == Nominee.Action.REMOVE:
        title, text = "免职通知", f"根据{basis}，免去{name}的{body}{post}职务。"
        addressee = f"{body}："
    elif nominee.action == Nominee.Action.DISMISS:
        title, text = "撤职通知", f"根据{basis}，撤销{name}的{body}{post}职务。"
        addressee = f"{body}："
    else:
        title, text = "免职通知", f"根据{basis}，接受{name}辞去{body}{post}职务的请求。"
        addressee = f"{body}："
    return OfficialDocument(
        issuer=committee_name(congress),
        number=nominee.document_number,
        title=title,
        addressee=addressee,
        preamble=[text],
        closing=["特此通知。"] if title != "任命书" else [],
        signature=committee_name(congress),
        date=nominee.issued_on,
    )
