"""The enactment pages: the bill's section with its next steps, a refused step re-rendered with what
was typed and the message beside its field, another congress's bill 404, a deputy refused."""

import datetime
import io

from django.test import Client
from django.utils import timezone

from renda.core.roles import Role
from renda.enactment.models import Reading
from renda.enactment.tests import fixtures as f


def test_the_section_offers_the_next_step_and_keeps_input_on_refusal(world_a, world_b):
    client = Client()
    client.force_login(world_a.office)
    bill = f.submitted(world_a)
    url = f"/c/{world_a.congress.code}/enactment/bills/{bill.pk}/"
    page = client.get(url).content.decode()
    assert "列入常委会会议审议（第1次）" in page and "已提请审议" in page
    meeting = f.session(world_a, members=2)
    six = (timezone.localdate(meeting.starts_at) - datetime.timedelta(days=6)).isoformat()
    refused = client.post(url + "do/schedule/", {"version": f.latest(bill).pk, "meeting": meeting.pk,
                                                 "distributed_at": six})
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "7日前" in body and f'value="{six}"' in body
    assert not Reading.objects.in_congress(world_a.congress).filter(bill=bill).exists()
    done = client.post(url + "do/schedule/", {"version": f.latest(bill).pk, "meeting": meeting.pk,
                                              "distributed_at": six, "short_notice_reason": "确属特殊情况"})
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert "第1次审议" in page and "不足7日" in page and "记录已审议" in page
    assert client.get(f"/c/{world_a.congress.code}/enactment/bills/{f.make_bill(world_b).pk}/").status_code == 404
    deputy = Client()
    deputy.force_login(world_a.users[Role.DEPUTY])
    assert deputy.get(url).status_code == 403


def test_the_approval_window_shows_days_from_passing(world_a):
    from renda.enactment import actions

    client = Client()
    client.force_login(world_a.office)
    bill = f.voted(world_a, readings=2, on=datetime.date(2023, 8, 25))
    actions.submit_for_approval(world_a.congress, bill, actor=world_a.office, submitted_on="2023-08-28")
    actions.record_approval(world_a.congress, bill, actor=world_a.office, decided_on="2023-09-27", outcome="approved")
    page = client.get(f"/c/{world_a.congress.code}/enactment/bills/{bill.pk}/").content.decode()
    assert "通过后 33 天" in page and "2023年12月28日" in page and "超过四个月" not in page
    assert 'id="enactment-step-promulgate"' in page


def test_the_agenda_item_links_to_its_bill(world_a):
    from django.template import Context, Template

    from renda.meetings.models import AgendaItem, Meeting
    from renda.meetings.viewer import MeetingViewer

    bill = f.submitted(world_a)
    reading = f.read(world_a, bill, members=2)
    item = AgendaItem.objects.in_congress(world_a.congress).get(pk=reading.agenda_item_id)
    template = Template("{% load enactment_tags %}{% agenda_item_bill item viewer %}")

    def shown_to(user) -> str:
        meeting = Meeting.objects.in_congress(world_a.congress).get(pk=item.meeting_id)
        viewer = MeetingViewer.of(user, world_a.congress, meeting, None)
        return template.render(Context({"congress": world_a.congress, "item": item, "viewer": viewer}))

    assert f"/enactment/bills/{bill.pk}/" in shown_to(world_a.office) and bill.title in shown_to(world_a.office)
    assert bill.title not in shown_to(world_a.public)  # may not view the enactment work


def test_the_command_brings_laws_into_force(world_a):
    from django.core.management import call_command

    from renda.core.roles import Role

    out = io.StringIO()
    call_command("bring_laws_into_force", "--as", world_a.users[Role.OFFICE_STAFF].username, stdout=out)
    assert "部法规效力已更新" in out.getvalue()
