"""Review opinions' pages by role: the list and its filters, drafting, editing the points (refused
input kept, messages naming the field), each step's form, the unit officer's reply, the documents
(PDF text holds the points, the .docx opens), the public pages without personal data, the inbox."""

import datetime
import io

from django.test import Client
from django.utils import timezone
from docx import Document as read_docx
from pypdf import PdfReader

from renda.core.inbox import tasks_for
from renda.core.roles import Role
from renda.meetings.models import Speech
from renda.oversight.actions import opinions
from renda.oversight.models import OpinionPoint, ReviewOpinion
from renda.oversight.tests.permission_calls_opinions import (
    approved_opinion,
    deliberated_work_report,
    directors_meeting,
    drafted_opinion,
    past_session,
    published_opinion,
    replied_opinion,
    sent_opinion,
)
from renda.rectification.models import RectificationItem

OP = ReviewOpinion.Status


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def url(world, tail=""):
    return f"/c/{world.congress.code}/oversight/opinions/{tail}"


def test_the_list_filters_and_who_sees_it(world_a):
    draft = drafted_opinion(world_a)
    sent = sent_opinion(world_a)
    office = client_for(world_a.office)
    html = office.get(url(world_a)).content.decode()
    assert draft.title in html and sent.title in html and "起草审议意见" in html
    only_sent = office.get(url(world_a) + "?status=sent").content.decode()
    assert sent.title in only_sent and draft.title not in only_sent
    assert draft.title not in office.get(url(world_a) + f"?body={world_a.unit.pk + 999}").content.decode()
    assert office.get(url(world_a) + "?year=abc&body=x&status=zzz").status_code == 200
    # The unit officer sees only what was sent to the bureau, not the draft.
    unit_html = client_for(world_a.users[Role.UNIT_OFFICER]).get(url(world_a)).content.decode()
    assert sent.title in unit_html and draft.title not in unit_html and "起草审议意见</a>" not in unit_html
    assert client_for(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, f"{draft.pk}/")).status_code == 404
    assert client_for(world_a.deputy).get(url(world_a)).status_code == 403
    assert Client().get(url(world_a)).status_code == 302


def test_drafting_from_the_page_and_a_refusal_keeps_the_input(world_a):
    report = deliberated_work_report(world_a)
    office = client_for(world_a.office)
    page = office.get(url(world_a, "new/"))
    assert page.status_code == 200 and report.title in page.content.decode()
    refused = office.post(url(world_a, "new/"), {"title": "我的标题", "number": "号" * 61})
    html = refused.content.decode()
    assert refused.status_code == 422 and "我的标题" in html and "“文号（可不填）”" in html or "文号" in html
    done = office.post(url(world_a, "new/"), {"work_report": report.pk, "number": "甲人常办〔2026〕1号"})
    opinion = ReviewOpinion.objects.in_congress(world_a.congress).get()
    assert done.status_code == 302 and done["Location"].endswith(f"/oversight/opinions/{opinion.pk}/")
    assert client_for(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, "new/")).status_code == 403


def _edit_data(opinion, points, **overrides):
    data = {"head-title": opinion.title, "head-number": opinion.number, "head-body": opinion.body_id,
            "head-preamble": opinion.preamble, "points-TOTAL_FORMS": len(points) + 1,
            "points-INITIAL_FORMS": len(points), "points-MIN_NUM_FORMS": 0, "points-MAX_NUM_FORMS": 100}
    for i, p in enumerate(points):
        data |= {f"points-{i}-id": p.pk, f"points-{i}-heading": p.heading, f"points-{i}-text": p.text,
                 f"points-{i}-ORDER": p.order}
    data |= {f"points-{len(points)}-heading": "", f"points-{len(points)}-text": "", f"points-{len(points)}-ORDER": ""}
    return data | overrides


def test_editing_orders_adds_and_removes_points(world_a):
    opinion = drafted_opinion(world_a)
    first, second = opinions.points_of(opinion)
    office = client_for(world_a.office)
    data = _edit_data(opinion, [first, second], **{"points-0-ORDER": 2, "points-1-ORDER": 1, "points-1-heading": "改后",
                                                   "points-2-heading": "新增的意见", "points-2-text": "内容",
                                                   "points-2-ORDER": 3, "points-0-DELETE": ""})
    done = office.post(url(world_a, f"{opinion.pk}/do/edit/"), data)
    assert done.status_code == 302, done.content.decode()[:2000]
    assert [(p.pk, p.heading) for p in opinions.points_of(opinion)][:2] == [(second.pk, "改后"), (first.pk, first.heading)]
    assert opinions.points_of(opinion)[2].heading == "新增的意见"
    data = _edit_data(opinion, opinions.points_of(opinion), **{"points-0-DELETE": "on"})
    assert office.post(url(world_a, f"{opinion.pk}/do/edit/"), data).status_code == 302
    assert second.pk not in [p.pk for p in opinions.points_of(opinion)]


def test_a_refused_edit_keeps_what_was_typed_and_names_the_box(world_a):
    opinion = drafted_opinion(world_a)
    points = opinions.points_of(opinion)
    office = client_for(world_a.office)
    refused = office.post(url(world_a, f"{opinion.pk}/do/edit/"),
                          _edit_data(opinion, points, **{"head-title": "", "points-1-heading": "",
                                                         "points-0-heading": "保留我打的字"}))
    html = refused.content.decode()
    assert refused.status_code == 422
    assert "“标题”必须填写" in html and "保留我打的字" in html
    assert [p.heading for p in opinions.points_of(opinion)] == [p.heading for p in points]


def test_approve_send_reply_publish_through_the_pages(world_a):
    opinion = drafted_opinion(world_a)
    office = client_for(world_a.office)
    session = past_session(world_a)
    refused = office.post(url(world_a, f"{opinion.pk}/do/approve/"), {"meeting": session.pk})
    assert refused.status_code == 422 and "通过的主任会议" in refused.content.decode()
    directors = directors_meeting(world_a)
    assert office.post(url(world_a, f"{opinion.pk}/do/approve/"), {"meeting": directors.pk}).status_code == 302
    first = opinions.points_of(opinion)[0]
    today = timezone.localdate()
    refused = office.post(url(world_a, f"{opinion.pk}/do/send/"), {
        "send-sent_on": today.isoformat(), "send-reply_due": today.isoformat(), f"send-problem_{first.pk}": "投入不足"})
    html = refused.content.decode()
    assert refused.status_code == 422 and "“书面报告期限”须晚于交办日期" in html and "投入不足" in html
    assert "第1条意见“要加大财政投入”：" in html and "责任人" in html
    due = (today + datetime.timedelta(days=60)).isoformat()
    done = office.post(url(world_a, f"{opinion.pk}/do/send/"), {
        "send-sent_on": today.isoformat(), "send-reply_due": due, f"send-problem_{first.pk}": "投入不足",
        f"send-owner_{first.pk}": "李局长", f"send-due_on_{first.pk}": due})
    assert done.status_code == 302
    assert RectificationItem.objects.in_congress(world_a.congress).get().opinion_point_id == first.pk
    officer = client_for(world_a.users[Role.UNIT_OFFICER])
    page = officer.get(url(world_a, f"{opinion.pk}/")).content.decode()
    assert "报送研究处理情况" in page and "投入不足" in page
    refused = officer.post(url(world_a, f"{opinion.pk}/do/reply/"), {"text": "  ", "signed_by": "市教育局"})
    assert refused.status_code == 422 and "“研究处理情况”必须填写" in refused.content.decode()
    assert "市教育局" in refused.content.decode()
    assert officer.post(url(world_a, f"{opinion.pk}/do/reply/"), {"text": "一、已设立专项资金。"}).status_code == 302
    assert officer.post(url(world_a, f"{opinion.pk}/do/publish/"), {}).status_code == 403
    assert office.post(url(world_a, f"{opinion.pk}/do/publish/"), {}).status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == OP.PUBLISHED


def test_a_reply_to_an_opinion_not_yet_sent_is_refused_on_the_page(world_a):
    opinion = approved_opinion(world_a)
    refused = client_for(world_a.office).post(url(world_a, f"{opinion.pk}/do/reply/"), {"text": "太早了"})
    assert refused.status_code == 422 and "尚未交办" in refused.content.decode()


def test_documents_hold_the_points(world_a):
    opinion = replied_opinion(world_a)
    office = client_for(world_a.office)
    pdf = office.get(url(world_a, f"{opinion.pk}/opinion.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "要加大财政投入" in text and "教育局" in text and opinion.number in text
    docx = office.get(url(world_a, f"{opinion.pk}/opinion.docx"))
    paragraphs = "".join(p.text for p in read_docx(io.BytesIO(docx.content)).paragraphs)
    assert "一、要加大财政投入" in paragraphs and "农村学校师资不足" in paragraphs
    reply = office.get(url(world_a, f"{opinion.pk}/reply.docx"))
    assert "关于加大投入" in "".join(p.text for p in read_docx(io.BytesIO(reply.content)).paragraphs)
    reply_pdf = office.get(url(world_a, f"{opinion.pk}/reply.pdf"))
    reply_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(reply_pdf.content)).pages).replace("\n", "")
    assert "审议意见研究处理情况的报告" in reply_text and "关于加大投入" in reply_text
    # Not public before publication.
    assert Client().get(url(world_a, f"{opinion.pk}/opinion.pdf")).status_code == 302
    assert office.get(url(world_a, f"{opinion.pk}/opinion.xlsx")).status_code == 404


def test_the_public_pages_show_published_opinions_without_names(world_a, world_b):
    opinion = published_opinion(world_a)
    draft = drafted_opinion(world_a)
    speaker = Speech.objects.in_congress(world_a.congress).first()
    OpinionPoint.objects.in_congress(world_a.congress).filter(opinion=opinion, order=1).update(text="要加大投入。")
    anonymous = Client()
    listing = anonymous.get(url(world_a, "public/")).content.decode()
    assert opinion.title in listing and draft.title not in listing
    page = anonymous.get(url(world_a, f"public/{opinion.pk}/"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "要加大财政投入" in html and "一、关于加大投入" in html and "教育局" in html
    assert "王芳" not in html and "13800000000" not in html and "市教育局" not in html  # no speaker, phone or signer
    assert speaker is not None
    assert anonymous.get(url(world_a, f"public/{draft.pk}/")).status_code == 404
    assert anonymous.get(url(world_b, f"public/{opinion.pk}/")).status_code == 404
    assert anonymous.get(url(world_a, f"{opinion.pk}/opinion.pdf")).status_code == 200


def test_the_inbox_asks_the_unit_and_the_office(world_a):
    drafted_opinion(world_a)
    sent = sent_opinion(world_a, reply_due=timezone.localdate() + datetime.timedelta(days=3))
    ReviewOpinion.objects.in_congress(world_a.congress).filter(pk=sent.pk).update(
        reply_due=timezone.localdate() - datetime.timedelta(days=1))
    unit = {t.key: t for t in tasks_for(world_a.congress, world_a.users[Role.UNIT_OFFICER])}
    assert unit["review_opinion_replies"].count == 1 and unit["review_opinion_replies"].late
    assert "已逾期" in unit["review_opinion_replies"].items[0].note
    office = {t.key: t for t in tasks_for(world_a.congress, world_a.office)}
    assert office["review_opinion_drafts"].count == 1
    replied_opinion(world_a)
    office = {t.key: t for t in tasks_for(world_a.congress, world_a.office)}
    assert office["review_opinion_to_publish"].count == 1
    assert "review_opinion_replies" not in {t.key for t in tasks_for(world_a.congress, world_a.deputy)}
