"""The plans demo on the demo city: the 2026 plan adopted with six items of the three categories,
one proposal accepted and one declined with its reason, the irrigation regulation's research on
3/3–3/4 in two counties at five sites with a questionnaire."""

import pytest


@pytest.mark.django_db
@pytest.mark.unscoped_sql  # the demo city is built inside the test, as the other demo tests do
def test_the_demo_builds_the_plan_proposals_and_research():
    from django.utils import timezone

    from renda import demo
    from renda.legislative_plans import demo_data, queries
    from renda.oversight.models import SiteVisit

    admin = demo._user("admin", demo.STAFF["admin"][0], superuser=True)
    city = demo._city(admin, demo.Names(), timezone.localdate())
    made = demo_data.build(city)
    c = city.congress
    stats = queries.statistics(c, made["plan"])
    assert stats["total"] == 7 and {s["status"]: s["count"] for s in stats["by_status"]} == {
        "formal": 3, "preparatory": 1, "research": 3}
    assert made["plan"].status == "adopted" and str(made["items"][0].placed_on) == "2026-02-26"
    assert made["accepted"].status == "accepted" and made["declined"].reason
    visits = SiteVisit.objects.in_congress(c).filter(activity=made["research"].activity)
    assert visits.count() == 5 and {v.county for v in visits} == {"东湖县", "西山县"}
    summary = queries.research_for(c, item=made["items"][0])[0]
    assert summary["questionnaires"][0]["tally"]["responses"] == 24
