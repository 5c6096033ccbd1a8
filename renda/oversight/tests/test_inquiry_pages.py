"""Inquiry pages and API: preparing keeps input, a member registers and rates on the page, the
summary as a page, PDF and .docx, the API round trip."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.models import Inquiry, InquiryQuestion
from renda.oversight.tests.permission_calls_inquiries import answered, asked, prepared, session
from renda.testing import signed_in


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_preparing_on_the_page_keeps_input_on_refusal(world_a):
    c = world_a.congress
    meeting = session(world_a)
    client = signed_in(world_a.office)
    url = f"/c/{c.code}/oversight/inquiries/"
    page = client.post(url, {"topic": "义务教育均衡发展", "meeting": meeting.pk, "answerers": "赵强，局长，不存在的局"})
    assert page.status_code == 422
    text = page.content.decode()
    assert "不是本级的单位" in text and "义务教育均衡发展" in text
    page = client.post(url, {"topic": "义务教育均衡发展", "meeting": meeting.pk, "answerers": "赵强，局长，教育局"})
    assert page.status_code == 302
    inquiry = Inquiry.objects.in_congress(c).get()
    assert inquiry.agenda_item_id is not None


def test_a_deputy_registers_and_rates_on_the_page(world_a):
    c = world_a.congress
    inquiry = prepared(world_a)
    client = signed_in(world_a.deputy)
    base = f"/c/{c.code}/oversight/inquiries/{inquiry.pk}/"
    assert client.post(base + "do/question/", {"text": ""}).status_code == 422
    assert client.post(base + "do/question/", {"text": "学校何时建成？"}).status_code == 302
    question = InquiryQuestion.objects.in_congress(c).get()
    answered(world_a, question)
    page = client.get(base).content.decode()
    assert "学校何时建成" in page and "提交评价" in page
    assert client.post(base + "do/rate/", {"question_id": question.pk, f"r{question.pk}-question": question.pk,
                                           f"r{question.pk}-satisfaction": "unsatisfied"}).status_code == 302
    question.refresh_from_db()
    assert question.satisfaction == "unsatisfied"
    # Another member sees no rating form for a question not theirs, and may not record an answer.
    other = signed_in(world_a.users[Role.SC_MEMBER])
    assert "提交评价" not in other.get(base).content.decode()
    assert other.post(base + "do/answer/", {"question_id": question.pk}).status_code == 403


def test_the_summary_as_a_page_pdf_and_docx(world_a):
    c = world_a.congress
    question = answered(world_a)
    client = signed_in(world_a.office)
    base = f"/c/{c.code}/oversight/inquiries/{question.inquiry_id}/"
    assert client.post(base + "do/summary/", {"summary": "常委会组成人员围绕义务教育提出询问。"}).status_code == 302
    page = client.get(base + "summary/").content.decode()
    assert "学校布局调整何时完成" in page and "今年底前完成" in page and "常委会组成人员围绕义务教育提出询问" in page
    pdf = client.get(base + "summary.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(base + "summary.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert signed_in(world_a.public).get(base).status_code == 403


def test_the_api_round_trip(world_a):
    api, office = Client(), bearer(world_a, world_a.office)
    post = lambda path, body, h=None: api.post(path, body, content_type="application/json", **(h or office))  # noqa: E731
    meeting = session(world_a)
    bad = post("/api/oversight/inquiries", {"topic": "x", "meeting_id": meeting.pk, "answerers": []})
    assert bad.status_code == 422 and "至少要列出一位应询人" in str(bad.json())
    made = post("/api/oversight/inquiries", {"topic": "义务教育", "meeting_id": meeting.pk, "answerers": [
        {"name": "赵强", "post": "局长", "organisation_id": world_a.unit.pk}]})
    assert made.status_code == 201, made.content
    iid, aid = made.json()["id"], made.json()["answerers"][0]["id"]
    q = post(f"/api/oversight/inquiries/{iid}/questions", {"text": "问题一"}, bearer(world_a, world_a.deputy))
    assert q.status_code == 201 and q.json()["order"] == 1
    qid = q.json()["id"]
    assert post(f"/api/oversight/inquiries/{iid}/questions/{qid}/answer",
                {"answered_by_id": aid, "answer": "回答一"}).status_code == 200
    rated = post(f"/api/oversight/inquiries/{iid}/questions/{qid}/rating", {"satisfaction": "satisfied"},
                 bearer(world_a, world_a.deputy))
    assert rated.status_code == 200 and rated.json()["satisfaction"] == "satisfied"
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    follow = post(f"/api/oversight/inquiries/{iid}/questions/{qid}/follow-up", {"items": [
        {"problem": "校舍老化", "due_on": due, "unit_id": world_a.unit.pk, "owner": "赵强"}]})
    assert follow.status_code == 201 and len(follow.json()["ids"]) == 1
    got = api.get(f"/api/oversight/inquiries/{iid}", **office).json()
    assert got["status"] == "held" and got["satisfaction"]["满意"] == 1
    assert api.get(f"/api/oversight/inquiries/{iid}", **bearer(world_a, world_a.users[Role.UNIT_OFFICER])).status_code == 403


def test_another_congress_cannot_see_the_inquiry(world_a, world_b):
    inquiry = asked(world_a).inquiry_id
    page = signed_in(world_b.office).get(f"/c/{world_b.congress.code}/oversight/inquiries/{inquiry}/")
    assert page.status_code == 404
