"""The decisions' pages: the office proposes (a bad form keeps what was typed and writes nothing),
the decision page walks the vote to publishing, the public list shows published text only, the
official document downloads; another congress's decision is not found; a deputy may not look."""

from renda.core.roles import Role
from renda.decisions.models import Decision
from renda.decisions.tests.fixtures import passed, propose, voted
from renda.meetings.models import Speech
from renda.testing import make_meeting, signed_in


def url(world, rest=""):
    return f"/c/{world.congress.code}/decisions/{rest}"


def test_the_proposal_form_keeps_input_and_writes_nothing_on_error(world_a):
    meeting = make_meeting(world_a, members=5)
    office = signed_in(world_a.office)
    assert office.get(url(world_a, "new/")).status_code == 200
    before = Decision.objects.in_congress(world_a.congress).count()
    page = office.post(url(world_a, "new/"), {"title": "关于保留的标题的决定", "kind": "decision",
                                              "meeting": meeting.pk, "text": ""})
    assert page.status_code == 422
    body = page.content.decode()
    assert "关于保留的标题的决定" in body and "“提请机关”" in body
    assert Decision.objects.in_congress(world_a.congress).count() == before
    made = office.post(url(world_a, "new/"), {"title": "关于城市更新的决定", "kind": "decision", "proposer": world_a.unit.pk,
                                              "meeting": meeting.pk, "text": "一、同意。"})
    assert made.status_code == 302
    decision = Decision.objects.in_congress(world_a.congress).get(title="关于城市更新的决定")
    assert office.get(url(world_a, f"{decision.pk}/")).status_code == 200


def test_the_decision_page_steps_and_speech(world_a):
    decision = propose(world_a)
    office = signed_in(world_a.office)
    speaker = world_a.deputies[0].person
    said = office.post(url(world_a, f"{decision.pk}/do/speech/"), {"speaker": speaker.pk, "text": "赞成该决定草案"})
    assert said.status_code == 302
    assert Speech.objects.in_congress(world_a.congress).filter(agenda_item_id=decision.agenda_item_id).count() == 1
    assert office.post(url(world_a, f"{decision.pk}/do/vote/")).status_code == 302
    assert Decision.objects.in_congress(world_a.congress).get(pk=decision.pk).status == "voting"
    page = office.get(url(world_a, f"{decision.pk}/"))
    assert "赞成该决定草案" in page.content.decode() and "/votes/" in page.content.decode()


def test_failed_vote_shows_why_and_cannot_be_published(world_a):
    decision = voted(world_a, yes=1, members=5)
    office = signed_in(world_a.office)
    office.post(url(world_a, f"{decision.pk}/do/outcome/"))
    decision.refresh_from_db()
    assert decision.status == "failed"
    refused = office.post(url(world_a, f"{decision.pk}/do/publish/"), {"text": "正文"}, follow=True)
    assert "表决未通过，不能形成决议或决定" in refused.content.decode()
    assert Decision.objects.in_congress(world_a.congress).get(pk=decision.pk).status == "failed"
    assert office.get(url(world_a, f"{decision.pk}/document.pdf")).status_code == 404


def test_publish_public_list_and_documents(world_a):
    decision = passed(world_a, yes=5, members=5)
    office, public = signed_in(world_a.office), signed_in(world_a.public)
    assert public.get(url(world_a, f"{decision.pk}/document.pdf")).status_code == 403
    bad = office.post(url(world_a, f"{decision.pk}/do/publish/"), {"text": "新文本", "on": "2999-01-01"})
    assert bad.status_code == 422 and "新文本" in bad.content.decode()
    assert office.post(url(world_a, f"{decision.pk}/do/publish/"), {"text": "一、批准。"}).status_code == 302
    listing = public.get(url(world_a, "public/")).content.decode()
    assert decision.title in listing and "一、批准。" in listing and decision.number_text in decision.number_text
    pdf = public.get(url(world_a, f"{decision.pk}/document.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    docx = public.get(url(world_a, f"{decision.pk}/document.docx"))
    assert docx.status_code == 200
    added = office.post(url(world_a, f"{decision.pk}/do/implementation/"), {"unit": world_a.unit.pk, "owner": "赵局长"})
    assert added.status_code == 302
    page = office.get(url(world_a, f"{decision.pk}/")).content.decode()
    assert "/rectification/" in page


def test_who_may_look_and_other_congress(world_a, world_b):
    decision = propose(world_a)
    assert signed_in(world_a.users[Role.DEPUTY]).get(url(world_a)).status_code == 403
    assert signed_in(world_a.users[Role.SC_MEMBER]).get(url(world_a, f"{decision.pk}/")).status_code == 200
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/decisions/{decision.pk}/").status_code == 404
    assert signed_in(world_a.users[Role.SC_MEMBER]).post(url(world_a, f"{decision.pk}/do/vote/")).status_code == 403


def test_the_proposals_documents(world_a):
    from renda.meetings.models import Document
    from renda.rectification.tests.fixtures import pdf

    decision = propose(world_a)
    office = signed_in(world_a.office)
    missing = office.post(url(world_a, f"{decision.pk}/do/document/"), {"title": "决定草案说明", "audience": "members"})
    assert missing.status_code == 422 and "决定草案说明" in missing.content.decode()
    assert Document.objects.in_congress(world_a.congress).count() == 0
    done = office.post(url(world_a, f"{decision.pk}/do/document/"), {"title": "决定草案说明", "audience": "members",
                                                                       "file": pdf("说明.pdf")})
    assert done.status_code == 302
    [doc] = Document.objects.in_congress(world_a.congress).all()
    assert doc.agenda_item_id == decision.agenda_item_id
    assert "决定草案说明" in office.get(url(world_a, f"{decision.pk}/")).content.decode()
