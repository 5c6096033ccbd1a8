"""An item's page shows its stages with the date each happened: internal words for staff and units,
plain words (收到、正在办理、已答复) for its deputies and the public; stages not reached are pending."""

from django.test import Client
from django.utils import timezone

from renda.proposals.tests.test_handling_and_feedback import assigned
from renda.proposals.tests.test_supervision_and_evaluation import answered
from renda.testing import signed_in


def _stepper(client, world, item) -> str:
    html = client.get(f"/c/{world.congress.code}/suggestions/{item.pk}/").content.decode()
    assert "renda/stepper.css" in html
    return html.split('class="stepper"')[1].split("</ol>")[0]


def test_it_shows_the_stages_reached_with_dates_and_later_ones_pending(world_a):
    item = assigned(world_a)
    today = timezone.localdate().isoformat()
    staff = _stepper(signed_in(world_a.office), world_a, item)
    assert ["提交", "立案编号", "交办", "书面答复", "评价办结"] == [
        part.split("<")[0] for part in staff.split('class="stepper-label">')[1:]]
    assert staff.count(f'datetime="{today}"') == 3 and staff.count("待办") == 2
    assert staff.count('stepper-step done') == 2 and 'stepper-step current" aria-current="step"' in staff
    unit = _stepper(signed_in(world_a.users["unit_officer"]), world_a, item)
    assert "交办" in unit
    deputy = _stepper(signed_in(world_a.deputy), world_a, item)
    assert "收到" in deputy and "正在办理" in deputy and "已答复" in deputy and "立案编号" not in deputy
    answered(world_a, item)
    public = _stepper(Client(), world_a, item)
    labels = [part.split("<")[0] for part in public.split('class="stepper-label">')[1:]]
    assert labels == ["收到", "已受理", "正在办理", "已答复", "已办结"]
    assert public.count(f'datetime="{today}"') == 4 and public.count("待办") == 1


def test_a_draft_has_no_stepper(world_a):
    from renda.proposals import actions

    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="草稿", body="b")
    html = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/suggestions/{item.pk}/").content.decode()
    assert 'class="stepper"' not in html
