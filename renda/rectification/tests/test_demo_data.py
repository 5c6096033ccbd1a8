"""The demo's rectification list, built on the demo's part-1 inspection findings."""

import pytest
from django.test import Client

from renda.rectification.models import RectificationItem, RectificationUpdate


@pytest.mark.django_db
def test_the_demo_list_has_progress_a_check_a_closed_item_and_an_overdue_one(monkeypatch):
    from django.utils import timezone

    from renda import demo
    from renda.rectification import demo_data

    original = demo.oversight_demo.build

    def with_rectification(city):
        original(city)
        demo_data.build(city)

    monkeypatch.setattr(demo.oversight_demo, "build", with_rectification)
    congress = demo.build()
    items = RectificationItem.objects.in_congress(congress).filter(finding__isnull=False)  # livelihood's are H5's
    today = timezone.localdate()
    assert items.count() >= 4
    closed = items.get(status=RectificationItem.Status.CLOSED)
    assert closed.closed_on <= closed.due_on and closed.accepted_by_id
    assert RectificationUpdate.objects.in_congress(congress).filter(item=closed, kind="closure_request").exclude(
        evidence="").exists()
    assert items.filter(status=RectificationItem.Status.OPEN, due_on__lt=today).exists()
    assert items.filter(status=RectificationItem.Status.CLAIMED).exists()
    kinds = set(RectificationUpdate.objects.in_congress(congress).filter(item__in=items).values_list("kind", flat=True))
    assert {"progress", "spot_check", "site_check", "closure_request", "accepted"} <= kinds
    client = Client()
    assert client.login(username="unit", password=demo.PASSWORD)
    page = client.get(f"/c/{congress.code}/rectification/")
    assert page.status_code == 200 and "本单位的整改事项" in page.content.decode()
