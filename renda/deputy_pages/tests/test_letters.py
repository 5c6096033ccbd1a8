"""致代表的信: to all serving deputies or a chosen set, the read receipt kept at the first reading,
replies (a second reply replaces the first), reminders to the unread, the .xlsx, and another
congress's letter not found."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import load_workbook

from renda.core import actions as core_actions
from renda.core.errors import NotFound
from renda.core.inbox import tasks_for
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.deputy_pages import actions
from renda.deputy_pages.models import Letter, LetterRecipient
from renda.people import actions as people
from renda.people.models import Mandate
from renda.proposals.models import Notice
from renda.testing import signed_in


def _send(world, **extra):
    return actions.send_letter(world.congress, actor=world.office, title="关于征求大会议题意见的信",
                               body="各位代表：请就明年大会议题提出意见。", **extra)


def _copy(world, letter, user):
    mandate = Mandate.objects.in_congress(world.congress).get(person__user=user)
    return LetterRecipient.objects.in_congress(world.congress).get(letter=letter, mandate=mandate)


def test_a_letter_to_all_goes_to_every_serving_deputy_with_a_notice(world_a):
    gone = world_a.make_deputy("离任代表")
    people.end_mandate(world_a.congress, gone, actor=world_a.root, status=Mandate.Status.RESIGNED, on="2024-01-01",
                       reason="辞职")
    letter = _send(world_a)
    serving = set(Mandate.objects.in_congress(world_a.congress).filter(status="serving").values_list("pk", flat=True))
    sent = set(LetterRecipient.objects.in_congress(world_a.congress).filter(letter=letter)
               .values_list("mandate_id", flat=True))
    assert sent == serving and gone.pk not in sent and letter.audience == "全体代表"
    assert Notice.objects.in_congress(world_a.congress).filter(link__endswith=f"/letters/{letter.pk}/").count() == len(serving)
    inbox = {t.key: t for t in tasks_for(world_a.congress, world_a.deputy)}
    assert inbox["letters_unread"].count == 1


def test_a_letter_to_a_delegation_only_and_an_empty_choice_refused(world_a):
    other = people.create_organisation(world_a.congress, actor=world_a.root, kind="delegation", name="西山代表团")
    outsider = world_a.make_deputy("西山代表", delegation=other)
    letter = _send(world_a, delegations=[other])
    assert list(LetterRecipient.objects.in_congress(world_a.congress).filter(letter=letter)
                .values_list("mandate_id", flat=True)) == [outsider.pk]
    empty = people.create_organisation(world_a.congress, actor=world_a.root, kind="delegation", name="空代表团")
    with pytest.raises(ValidationError) as refused:
        _send(world_a, delegations=[empty])
    assert "没有在任代表" in str(refused.value)
    assert Letter.objects.in_congress(world_a.congress).count() == 1


def test_opening_records_the_first_reading_and_keeps_it(world_a):
    letter = _send(world_a)
    client = signed_in(world_a.deputy)
    assert client.get(f"/c/{world_a.congress.code}/letters/{letter.pk}/").status_code == 200
    first = _copy(world_a, letter, world_a.deputy).read_at
    assert first is not None
    client.get(f"/c/{world_a.congress.code}/letters/{letter.pk}/")
    again = actions.mark_letter_read(world_a.congress, letter, actor=world_a.deputy)
    assert again.read_at == first == _copy(world_a, letter, world_a.deputy).read_at


def test_a_second_reply_replaces_the_first_and_the_audit_keeps_it(world_a):
    letter = _send(world_a)
    actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="建议议题：农村供水")
    copy = actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="建议议题：农村供水和道路")
    assert copy.reply == "建议议题：农村供水和道路" and copy.read_at is not None
    last = AuditEntry.objects.in_congress(world_a.congress).filter(action="reply_to_letter").order_by("-id").first()
    assert "建议议题：农村供水" in str(last.before)


def test_a_reply_over_the_limit_is_refused_and_nothing_written(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="deputy_pages.reply_max_chars", value=50)
    letter = _send(world_a)
    actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="好" * 50)  # 50 allowed
    with pytest.raises(ValidationError) as refused:
        actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="好" * 51)
    assert "“回复”不能超过 50 个字" in str(refused.value)
    assert _copy(world_a, letter, world_a.deputy).reply == "好" * 50
    page = signed_in(world_a.deputy).post(f"/c/{world_a.congress.code}/letters/{letter.pk}/do/reply/",
                                          {"reply": "好" * 51})
    assert page.status_code == 422 and "不能超过 50 个字" in page.content.decode() and "好" * 51 in page.content.decode()


def test_a_deputy_not_sent_the_letter_cannot_read_or_reply(world_a):
    other = people.create_organisation(world_a.congress, actor=world_a.root, kind="delegation", name="西山代表团")
    world_a.make_deputy("西山代表", delegation=other)
    letter = _send(world_a, delegations=[other])
    with pytest.raises(NotFound):
        actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="我的意见")
    assert signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/letters/{letter.pk}/").status_code == 404


def test_another_congress_letter_is_not_found(world_a, world_b):
    theirs = _send(world_b)
    assert signed_in(world_a.office).get(f"/c/{world_a.congress.code}/letters/{theirs.pk}/").status_code == 404
    assert signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/letters/{theirs.pk}/").status_code == 404
    assert signed_in(world_a.office).get(f"/c/{world_a.congress.code}/letters/{theirs.pk}/replies.xlsx").status_code == 404
    with pytest.raises(NotFound):
        actions.remind_unread(world_a.congress, theirs, actor=world_a.office)
    token = core_actions.issue_api_token(world_a.congress, actor=world_a.office, name="t")[1]
    api = Client().get(f"/api/letters/{theirs.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 404


def test_staff_see_counts_remind_the_unread_once_a_day_and_export(world_a):
    letter = _send(world_a)
    actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="同意")
    before = Notice.objects.in_congress(world_a.congress).count()
    assert actions.remind_unread(world_a.congress, letter, actor=world_a.office) == 1  # the SC member only
    assert actions.remind_unread(world_a.congress, letter, actor=world_a.office) == 0  # not twice a day
    assert Notice.objects.in_congress(world_a.congress).count() == before + 1
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/letters/{letter.pk}/").content.decode()
    assert "收信 2 人，已读 1 人，未读 1 人，回复 1 人" in page
    xlsx = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/letters/{letter.pk}/replies.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert ("李明" in [r[0] for r in rows]) and "同意" in [r[4] for r in rows]
    assert signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/letters/").status_code == 403


def test_letters_through_the_api(world_a):
    def bearer(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {core_actions.issue_api_token(world_a.congress, actor=user, name='t')[1]}"}

    office, deputy = bearer(world_a.office), bearer(world_a.deputy)
    sent = Client().post("/api/letters", {"title": "会前征求意见", "body": "请提出意见", "mandate_ids": [world_a.deputies[0].pk]},
                         content_type="application/json", **office)
    assert sent.status_code == 201 and sent.json()["recipients"] == 1
    letter_id = sent.json()["id"]
    mine = Client().get("/api/letters/mine", **deputy).json()
    assert [m["id"] for m in mine] == [letter_id] and mine[0]["read_at"] is None
    read = Client().post(f"/api/letters/{letter_id}/read", **deputy).json()
    again = Client().post(f"/api/letters/{letter_id}/read", **deputy).json()
    assert read["read_at"] == again["read_at"] is not None
    replied = Client().post(f"/api/letters/{letter_id}/reply", {"reply": "已阅，无意见"}, content_type="application/json", **deputy)
    assert replied.status_code == 200 and replied.json()["reply"] == "已阅，无意见"
    detail = Client().get(f"/api/letters/{letter_id}", **office).json()
    assert detail["read"] == 1 and detail["replied"] == 1 and detail["copies"][0]["reply"] == "已阅，无意见"
    assert Client().post(f"/api/letters/{letter_id}/remind", **office).json() == {"reminded": 0}
    assert Client().get(f"/api/letters/{letter_id}/replies.xlsx", **office).status_code == 200
    assert Client().post("/api/letters", {"title": "x", "body": "y"}, content_type="application/json",
                         **deputy).status_code == 403
    assert world_a.users[Role.SC_MEMBER] is not None


def test_the_demo_builds(world_a):
    from renda.deputy_pages import demo_data
    from renda.deputy_pages.tests.fixtures import at_station
    from renda.liaison.models import Concern

    at_station(world_a)
    made = demo_data.build(world_a.congress, office=world_a.office)
    copies = LetterRecipient.objects.in_congress(world_a.congress).filter(letter=made["letter"])
    assert copies.filter(read_at__isnull=False).count() == 2  # both personas with logins opened it
    assert copies.filter(replied_at__isnull=False).count() == 1
    assert made["concern"].source == Concern.Source.DEPUTY_PAGE and made["concern"].responsible_id == made["deputy"].pk
