"""An item's page shows its stages with the date each happened: internal words for staff and units,
plain words (收到、正在办理、已答复) for its deputies and the public; stages not reached show no date (only
"尚未进行" for screen readers, never "待办", which would read as the reader's task). The dates are the ones
the page shows: the assignment's 交办日期 and the answer's 答复日期, which may be earlier days than the
day they were typed in."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.proposals import actions
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
    assert staff.count(f'datetime="{today}"') == 2 and 'datetime="2026-01-10"' in staff  # 交办 on its own day
    assert staff.count("尚未进行") == 2 and "待办" not in staff
    assert staff.count('stepper-step done') == 2 and 'stepper-step current" aria-current="step"' in staff
    unit = _stepper(signed_in(world_a.users["unit_officer"]), world_a, item)
    assert "交办" in unit
    deputy = _stepper(signed_in(world_a.deputy), world_a, item)
    assert "收到" in deputy and "正在办理" in deputy and "已答复" in deputy and "立案编号" not in deputy
    answered(world_a, item)
    public = _stepper(Client(), world_a, item)
    labels = [part.split("<")[0] for part in public.split('class="stepper-label">')[1:]]
    assert labels == ["收到", "已受理", "正在办理", "已答复", "已办结"]
    assert public.count(f'datetime="{today}"') == 3 and public.count("尚未进行") == 1 and "待办" not in public


def _dates(stepper: str) -> list[str]:
    """The date shown under each stage, "" for none."""
    return [part.split('datetime="')[1][:10] if 'datetime="' in part.split("</li>")[0] else ""
            for part in stepper.split('class="stepper-step')[1:]]


def test_it_dates_each_stage_by_the_day_the_page_shows_not_when_it_was_typed_in(world_a):
    item = assigned(world_a, on=datetime.date(2025, 12, 1))
    today = timezone.localdate().isoformat()
    office = signed_in(world_a.office)
    assert _dates(_stepper(office, world_a, item)) == [today, today, "2025-12-01", "", ""]
    answered(world_a, item, on="2026-01-05")
    assert _dates(_stepper(office, world_a, item)) == [today, today, "2025-12-01", "2026-01-05", ""]
    assert _dates(_stepper(Client(), world_a, item)) == [today, today, "2025-12-01", "2026-01-05", ""]


def test_it_dates_the_submission_by_its_submission_time(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="路灯",
                                         body="增设路灯")
    moment = timezone.make_aware(datetime.datetime(2026, 1, 3, 23, 30))  # late evening, Asia/Shanghai
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy, now=moment)
    staff = _stepper(signed_in(world_a.office), world_a, item)
    assert _dates(staff) == ["2026-01-03", "", "", "", ""]
    assert 'stepper-step current" aria-current="step"' in staff and staff.count("尚未进行") == 4


def test_a_re_handled_item_shows_its_answer_reached_and_re_handling_current(world_a):
    item = assigned(world_a)
    answered(world_a, item, on="2026-02-20")
    actions.rate_suggestion(world_a.congress, item, actor=world_a.deputy, work="基本满意", result="不满意")
    item.refresh_from_db()
    assert item.status == "rehandling"
    today = timezone.localdate().isoformat()
    for client, labels in ((signed_in(world_a.office), ["提交", "立案编号", "交办", "书面答复", "重新办理", "评价办结"]),
                           (Client(), ["收到", "已受理", "正在办理", "已答复", "重新办理", "已办结"])):
        stepper = _stepper(client, world_a, item)
        assert [part.split("<")[0] for part in stepper.split('class="stepper-label">')[1:]] == labels
        assert _dates(stepper) == [today, today, "2026-01-10", "2026-02-20", today, ""]
        assert stepper.count("stepper-step done") == 4 and "待办" not in stepper
        assert stepper.split('aria-current="step"')[1].split("</li>")[0].count("重新办理") == 1


def test_a_draft_has_no_stepper(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="草稿", body="b")
    html = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/suggestions/{item.pk}/").content.decode()
    assert 'class="stepper"' not in html
