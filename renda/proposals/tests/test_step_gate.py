"""A step on the item page that the reader may not take answers 403 with the reason, before the form
is read — not the item page without the form they sent."""

from renda.proposals import actions
from renda.proposals.tests.test_handling_and_feedback import assigned, officer


def published(world):
    item = assigned(world)
    actions.record_contact(world.congress, item, actor=officer(world), on="2026-02-01", way="phone", summary="电话")
    actions.answer_suggestion(world.congress, item, actor=officer(world), outcome="A", text_="已解决",
                              answered_on="2026-03-01")
    return item


def test_the_public_may_read_an_answer_but_not_rate_it(client, world_a):
    item = published(world_a)
    url = f"/c/{world_a.congress.code}/suggestions/{item.pk}/"
    client.force_login(world_a.public)
    assert client.get(url).status_code == 200
    refused = client.post(url + "handle/rate/", {"work": "满意", "result": "满意"})
    assert refused.status_code == 403 and "代表评价办理工作和结果" in refused.content.decode()


def test_a_deputy_may_not_answer_and_is_told_so(client, world_a):
    item = published(world_a)
    client.force_login(world_a.deputy)
    refused = client.post(f"/c/{world_a.congress.code}/suggestions/{item.pk}/handle/answer/", {"outcome": "A", "text": "x"})
    assert refused.status_code == 403 and "书面答复议案建议" in refused.content.decode()


def test_another_congresss_unit_gets_404_for_an_item_not_published(client, world_a, world_b):
    item = assigned(world_a)
    client.force_login(world_b.users["unit_officer"])
    assert client.post(f"/c/{world_a.congress.code}/suggestions/{item.pk}/handle/answer/",
                       {"outcome": "A", "text": "x"}).status_code == 404
