"""A major-matter decision's implementation report is a rectification item of source 重大事项决定:
it links its decision (item page, list, dashboard, export, API), the list filters it by source, and
the public page shows it (linking the published decisions) only once the decision is published."""

from django.test import Client
from django.urls import reverse

from renda.core.roles import Role
from renda.decisions import actions as decisions
from renda.decisions.tests.fixtures import passed
from renda.rectification import exports
from renda.rectification.models import RectificationItem
from renda.rectification.tests.test_api import bearer
from renda.testing import signed_in

Source = RectificationItem.Source


def tracked(world):
    decision = passed(world, members=5, yes=5)
    item = decisions.track_implementation(world.congress, decision, actor=world.office, unit=world.unit, owner="赵局长")
    return decision, RectificationItem.objects.in_congress(world.congress).get(pk=item.pk)


def test_the_item_has_source_decision_and_links_its_decision(world_a):
    decision, item = tracked(world_a)
    assert item.source == Source.DECISION and item.decision_id == decision.pk
    assert item.opinion_point_id is None
    assert list(decision.rectification_items.all()) == [item]
    office = signed_in(world_a.office)
    code = world_a.congress.code
    detail = reverse("decisions_detail", args=[code, decision.pk])
    page = office.get(reverse("rectification_item", args=[code, item.pk])).content.decode()
    assert f'href="{detail}"' in page and f"重大事项决定：《{decision.title}》（{decision.number_text}）" in page
    listed = office.get(reverse("rectification_list", args=[code]) + "?source=decision").content.decode()
    assert reverse("rectification_item", args=[code, item.pk]) in listed and f'href="{detail}"' in listed
    other = office.get(reverse("rectification_list", args=[code]) + "?source=review_opinion").content.decode()
    assert reverse("rectification_item", args=[code, item.pk]) not in other
    board = office.get(reverse("rectification_dashboard", args=[code])).content.decode()
    assert "重大事项决定" in board and "source=decision" in board
    # the decision's own page lists the item
    assert reverse("rectification_item", args=[code, item.pk]) in office.get(detail).content.decode()
    # the export names the decision
    item = RectificationItem.objects.in_congress(world_a.congress).select_related("unit", "decision").get(pk=item.pk)
    assert exports.rows([item], item.due_on)[0][1] == f"重大事项决定：《{decision.title}》（{decision.number_text}）"


def test_the_api_filters_and_links_it(world_a, world_b):
    decision, item = tracked(world_a)
    client, office = Client(), bearer(world_a, world_a.office)
    listed = client.get("/api/rectification/items?source=decision", **office).json()
    assert [(i["id"], i["source"], i["links"]) for i in listed] == [(item.pk, "decision", {"decision": decision.pk})]
    assert client.get("/api/rectification/items?source=review_opinion", **office).json() == []
    assert client.get(f"/api/rectification/items/{item.pk}", **office).json()["links"] == {"decision": decision.pk}
    shown = client.get(f"/api/decisions/{decision.pk}", **office).json()["implementations"]
    assert [(i["rectification_item_id"], i["source"]) for i in shown] == [(item.pk, "decision")]
    sources = client.get("/api/rectification/dashboard", **office).json()["sources"]
    assert [(s["key"], s["label"], s["total"]) for s in sources] == [("decision", "重大事项决定", 1)]
    # listing directly: a decision item links a decision of this congress; another source cannot link one
    entry = {"problem": "再报告一次", "due_on": "2030-01-01", "unit_id": world_a.unit.pk, "owner": "赵"}
    made = client.post("/api/rectification/items", {"source": "decision", "decision_id": decision.pk,
                                                     "entries": [entry]}, content_type="application/json", **office)
    assert made.status_code == 201 and made.json()[0]["links"] == {"decision": decision.pk}
    count = RectificationItem.objects.in_congress(world_a.congress).count()
    wrong = client.post("/api/rectification/items", {"source": "visit", "decision_id": decision.pk, "entries": [entry]},
                        content_type="application/json", **office)
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "decision_id"
    foreign = client.post("/api/rectification/items", {"source": "decision", "decision_id": decision.pk,
                                                       "entries": [entry]}, content_type="application/json",
                          **bearer(world_b, world_b.office))
    assert foreign.status_code == 422 and foreign.json()["detail"][0]["field"] == "decision_id"
    assert RectificationItem.objects.in_congress(world_a.congress).count() == count


def test_the_public_page_shows_it_once_the_decision_is_published(world_a):
    decision, item = tracked(world_a)
    code = world_a.congress.code
    public = reverse("rectification_public", args=[code])
    assert item.problem not in Client().get(public).content.decode()
    decisions.publish_decision(world_a.congress, decision, actor=world_a.office)
    page = Client().get(public + "?source=decision").content.decode()
    assert item.problem in page and "赵局长" not in page
    assert f'href="{reverse("decisions_public", args=[code])}#decision-{decision.pk}"' in page
    assert reverse("decisions_detail", args=[code, decision.pk]) not in page
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(
        reverse("rectification_item", args=[code, item.pk])).status_code == 200
