"""Restricted uploaded files go through a permission check, never a media URL: the investigation's
evidence files (its members and staff), its report text (who reads its page), a questioning answer's
written document (who reads the questioning) and the body's reply document on a review opinion
(signed-in readers of the opinion; the public page shows the text only). Each: the bytes for an
allowed role, 403 for a role not allowed, 404 for another congress's ids and when there is no file."""

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.actions import investigations
from renda.oversight.actions import opinions as opinion_actions
from renda.oversight.models import QuestioningAnswer
from renda.oversight.tests.permission_calls_inquiries import answered_questioning, established_investigation
from renda.oversight.tests.permission_calls_opinions import published_opinion, replied_opinion
from renda.testing import signed_in

PDF = b"%PDF-1.4\n%renda test\n"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def base(world, tail):
    return f"/c/{world.congress.code}/oversight/{tail}"


# ---------------------------------------------------------------- investigation evidence


def _evidence(world, *, with_file=True):
    inv = established_investigation(world, members=[(world.deputies[0].person, "chair")])
    entry = investigations.log_investigation_evidence(world.congress, inv, actor=world.office, on=timezone.localdate(),
                                                      title="询问笔录", source="现场询问")
    if with_file:
        entry.file.save("询问笔录.pdf", ContentFile(PDF))
    return inv, entry


def test_evidence_file_for_members_and_staff_only(world_a, world_b):
    inv, entry = _evidence(world_a)
    url = base(world_a, f"investigations/{inv.pk}/evidence/{entry.pk}/file/")
    for user in (world_a.deputy, world_a.office):  # a member of the committee; staff
        got = signed_in(user).get(url)
        assert got.status_code == 200 and body(got) == PDF
        assert "attachment" in got["Content-Disposition"] and ".pdf" in got["Content-Disposition"]
    # A standing-committee member who does not sit on it, a unit officer: refused.
    assert signed_in(world_a.users[Role.SC_MEMBER]).get(url).status_code == 403
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    # The evidence page links to this view, not to a media URL.
    page = signed_in(world_a.office).get(base(world_a, f"investigations/{inv.pk}/evidence/")).content.decode()
    assert url in page
    # Another congress's investigation and evidence ids: not found.
    other, other_entry = _evidence(world_b)
    assert signed_in(world_a.office).get(
        base(world_a, f"investigations/{other.pk}/evidence/{other_entry.pk}/file/")).status_code == 404
    assert signed_in(world_a.office).get(
        base(world_a, f"investigations/{inv.pk}/evidence/{other_entry.pk}/file/")).status_code == 404


def test_evidence_without_a_file_is_not_found(world_a):
    inv, entry = _evidence(world_a, with_file=False)
    assert signed_in(world_a.office).get(
        base(world_a, f"investigations/{inv.pk}/evidence/{entry.pk}/file/")).status_code == 404


# ---------------------------------------------------------------- investigation report


def test_the_investigation_report_text_for_readers_of_its_page(world_a, world_b):
    inv = established_investigation(world_a)
    url = base(world_a, f"investigations/{inv.pk}/report/file/")
    assert signed_in(world_a.office).get(url).status_code == 404  # nothing uploaded yet
    inv.report_document.save("调查报告.pdf", ContentFile(PDF))
    for user in (world_a.office, world_a.deputy, world_a.users[Role.SC_MEMBER]):
        got = signed_in(user).get(url)
        assert got.status_code == 200 and body(got) == PDF, user
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url).status_code == 403
    assert url in signed_in(world_a.office).get(base(world_a, f"investigations/{inv.pk}/")).content.decode()
    other = established_investigation(world_b)
    other.report_document.save("调查报告.pdf", ContentFile(PDF))
    assert signed_in(world_a.office).get(base(world_a, f"investigations/{other.pk}/report/file/")).status_code == 404


# ---------------------------------------------------------------- questioning answer


def _answer(world, *, with_file=True):
    q = answered_questioning(world)
    answer = QuestioningAnswer.objects.in_congress(world.congress).get(questioning=q)
    if with_file:
        answer.document.save("书面答复.pdf", ContentFile(PDF))
    return q, answer


def test_a_questioning_answer_document_for_readers_of_the_questioning(world_a, world_b):
    q, answer = _answer(world_a)
    url = base(world_a, f"questionings/{q.pk}/answers/{answer.pk}/file/")
    for user in (world_a.office, world_a.deputy, world_a.users[Role.UNIT_OFFICER]):
        got = signed_in(user).get(url)
        assert got.status_code == 200 and body(got) == PDF, user
    assert signed_in(world_a.users[Role.PUBLIC]).get(url).status_code == 403
    assert url in signed_in(world_a.office).get(base(world_a, f"questionings/{q.pk}/")).content.decode()
    other_q, other_answer = _answer(world_b)
    client = signed_in(world_a.office)
    assert client.get(base(world_a, f"questionings/{other_q.pk}/answers/{other_answer.pk}/file/")).status_code == 404
    assert client.get(base(world_a, f"questionings/{q.pk}/answers/{other_answer.pk}/file/")).status_code == 404


def test_a_questioning_answer_without_a_document_is_not_found(world_a):
    q, answer = _answer(world_a, with_file=False)
    assert signed_in(world_a.office).get(
        base(world_a, f"questionings/{q.pk}/answers/{answer.pk}/file/")).status_code == 404


# ---------------------------------------------------------------- review opinion reply


def _replied(world, *, with_file=True):
    opinion = replied_opinion(world)
    if with_file:
        opinion_actions.reply_of(opinion).document.save("研究处理情况报告.pdf", ContentFile(PDF))
    return opinion


def test_the_reply_document_for_signed_in_readers_of_the_opinion(world_a, world_b):
    opinion = _replied(world_a)
    url = base(world_a, f"opinions/{opinion.pk}/reply/file/")
    for user in (world_a.office, world_a.users[Role.SC_MEMBER], world_a.users[Role.UNIT_OFFICER]):
        got = signed_in(user).get(url)
        assert got.status_code == 200 and body(got) == PDF, user
    assert signed_in(world_a.deputy).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert url in signed_in(world_a.office).get(base(world_a, f"opinions/{opinion.pk}/")).content.decode()
    other = _replied(world_b)
    assert signed_in(world_a.office).get(base(world_a, f"opinions/{other.pk}/reply/file/")).status_code == 404


def test_a_published_opinions_reply_document_stays_off_the_public_page(world_a):
    opinion = published_opinion(world_a)
    opinion_actions.reply_of(opinion).document.save("研究处理情况报告.pdf", ContentFile(PDF))
    url = base(world_a, f"opinions/{opinion.pk}/reply/file/")
    assert Client().get(url).status_code == 302  # to the sign-in page, never the file
    public = Client().get(base(world_a, f"opinions/public/{opinion.pk}/")).content.decode()
    assert "/reply/file/" not in public
    assert signed_in(world_a.deputy).get(url).status_code == 403


def test_no_reply_document_is_not_found(world_a):
    opinion = _replied(world_a, with_file=False)
    assert signed_in(world_a.office).get(base(world_a, f"opinions/{opinion.pk}/reply/file/")).status_code == 404


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_opinion_api_gives_the_reply_documents_url(world_a, world_b):
    opinion = _replied(world_a)
    api = Client()
    detail = api.get(f"/api/oversight/opinions/{opinion.pk}", **bearer(world_a, world_a.office)).json()
    url = detail["reply"]["document_url"]
    assert detail["reply"]["has_document"] and url == f"/api/oversight/opinions/{opinion.pk}/reply/document"
    for user in (world_a.office, world_a.users[Role.UNIT_OFFICER]):
        got = api.get(url, **bearer(world_a, user))
        assert got.status_code == 200 and body(got) == PDF
    assert api.get(url, **bearer(world_a, world_a.deputy)).status_code == 403
    other = _replied(world_b)
    assert api.get(f"/api/oversight/opinions/{other.pk}/reply/document",
                   **bearer(world_a, world_a.office)).status_code == 404
    bare = _replied(world_a, with_file=False)
    assert api.get(f"/api/oversight/opinions/{bare.pk}", **bearer(world_a, world_a.office)).json()["reply"][
        "document_url"] is None
    assert api.get(f"/api/oversight/opinions/{bare.pk}/reply/document",
                   **bearer(world_a, world_a.office)).status_code == 404
