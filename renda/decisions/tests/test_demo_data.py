"""The decisions demo on the demo city's people and sessions: one decision passed and published
with its implementation item, one passed awaiting publishing, one proposal on the coming session."""

import pytest


@pytest.mark.django_db
@pytest.mark.unscoped_sql  # the demo city is built inside the test, as the other demo tests do
def test_the_demo_passes_publishes_and_tracks():
    from django.utils import timezone

    from renda import demo
    from renda.decisions import demo_data
    from renda.decisions.models import Decision
    from renda.rectification.models import RectificationItem

    admin = demo._user("admin", demo.STAFF["admin"][0], superuser=True)
    city = demo._city(admin, demo.Names(), timezone.localdate())
    demo._sc_sessions(city)
    made = demo_data.build(city)
    c = city.congress
    published = Decision.objects.in_congress(c).get(pk=made["published"].pk)
    assert published.status == "published" and published.number_text.startswith("示常决〔")
    assert Decision.objects.in_congress(c).get(pk=made["passed"].pk).status == "passed"
    item = RectificationItem.objects.in_congress(c).get(pk=made["implementation"].pk)
    assert item.source == RectificationItem.Source.DECISION and item.decision_id == published.pk
    if "proposed" in made:
        assert made["proposed"].status == "proposed"
