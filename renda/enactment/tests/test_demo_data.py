"""The enactment demo on the demo city's people: a bill to its first reading, and the journal's
乌梁素海 case through two readings, the vote, approval in 33 days, promulgation and filing."""

import datetime

import pytest


@pytest.mark.django_db
@pytest.mark.unscoped_sql  # the demo city is built inside the test, as the other demo tests do
def test_the_demo_reads_votes_approves_and_promulgates():
    from django.utils import timezone

    from renda import demo
    from renda.enactment import demo_data
    from renda.enactment.models import Approval, Filing, Reading
    from renda.legislation import actions as legislation
    from renda.legislation.models import Bill, Law
    from renda.legislation.tests.fixtures import TEXT

    admin = demo._user("admin", demo.STAFF["admin"][0], superuser=True)
    city = demo._city(admin, demo.Names(), timezone.localdate())
    demo._sc_sessions(city)
    c = city.congress
    irrigation = legislation.create_bill(c, actor=city.office, title="农田灌溉用水管理条例", text=TEXT,
                                         explanation="关于《农田灌溉用水管理条例（草案）》的说明。")
    reading = demo_data.first_reading(city, irrigation)
    assert reading.status == Reading.Status.HELD
    assert Bill.objects.in_congress(c).get(pk=irrigation.pk).status == Bill.Status.UNDER_DELIBERATION
    bill = legislation.create_bill(c, actor=city.office, title="乌梁素海流域生态保护条例", text=TEXT,
                                   explanation="关于《乌梁素海流域生态保护条例（草案）》的说明。")
    made = demo_data.wuliangsuhai(city, bill)
    approval = Approval.objects.in_congress(c).get(bill=bill)
    assert approval.decided_on == datetime.date(2023, 9, 27) and not approval.late
    assert (approval.decided_on - datetime.date(2023, 8, 25)).days == 33
    assert made.in_force_on == datetime.date(2023, 11, 1)
    assert Law.objects.in_congress(c).get(pk=made.law_id).status == Law.Status.IN_FORCE
    assert not Filing.objects.in_congress(c).filter(promulgation=made, filed_on__isnull=True).exists()
