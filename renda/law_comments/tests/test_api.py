"""The comments API: open a period (the 30-day rule at its boundary, fields named), the period with its
articles, a deputy's and a contact point's comment, the public's without a token (a reference code,
limited as the public intake), the grouped comments, one decision for several, the summary files;
another congress's ids are 404."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.law_comments.models import LawComment
from renda.law_comments.tests.fixtures import articles, make_version, open_period

JSON = "application/json"


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_opening_a_period_and_its_boundaries(world_a):
    client, office = Client(), bearer(world_a, world_a.office)
    version = make_version(world_a)
    today = timezone.localdate()
    body = {"version_id": version.pk, "audiences": ["public", "deputies"], "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=29)).isoformat()}
    short = client.post("/api/law-comments/periods", body, content_type=JSON, **office)
    assert short.status_code == 422 and [d["field"] for d in short.json()["detail"]] == ["closes_on"]
    body["closes_on"] = (today + datetime.timedelta(days=30)).isoformat()
    made = client.post("/api/law-comments/periods", body, content_type=JSON, **office)
    assert made.status_code == 201, made.content
    assert made.json()["state"] == "征求意见中" and [a["label"] for a in made.json()["articles"]] == ["第一条", "第二条", "第三条"]
    again = client.post("/api/law-comments/periods", body, content_type=JSON, **office)
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "version_id"
    closing = client.post(f"/api/law-comments/periods/{made.json()['id']}/close", {}, content_type=JSON, **office)
    assert closing.status_code == 409
    deputy = bearer(world_a, world_a.deputy)
    other = dict(body, version_id=make_version(world_a).pk)
    assert client.post("/api/law-comments/periods", other, content_type=JSON, **deputy).status_code == 403


def test_comments_grouped_and_decided_together(world_a):
    client = Client()
    period = open_period(world_a)
    first, second, _ = articles(period.version)
    deputy, staff = bearer(world_a, world_a.deputy), bearer(world_a, world_a.users[Role.CONTACT_POINT_STAFF])
    url = f"/api/law-comments/periods/{period.pk}"
    one = client.post(f"{url}/comments", {"text": "建议细化", "provision_id": first.pk}, content_type=JSON, **deputy)
    assert one.status_code == 201 and one.json()["source"] == "deputy" and one.json()["provision"] == "第一条"
    two = client.post(f"{url}/contact-point-comments",
                      {"text": "村民建议", "provision_id": first.pk, "community": "东风村", "gathered_how": "visit",
                       "gathered_on": timezone.localdate().isoformat()}, content_type=JSON, **staff)
    assert two.status_code == 201 and two.json()["giver"].endswith("（匿名，东风村）")
    bad = client.post(f"{url}/comments", {"text": "x", "provision_id": 999999}, content_type=JSON, **deputy)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "provision_id"
    client.post(f"{url}/comments", {"text": "总体赞成"}, content_type=JSON, **deputy)
    client.post(f"{url}/comments", {"text": "第二条意见", "provision_id": second.pk}, content_type=JSON, **deputy)
    office = bearer(world_a, world_a.office)
    grouped = client.get(f"{url}/comments", **office).json()
    assert [g["label"] for g in grouped["groups"]] == ["对草案的总体意见", "第一条", "第二条"]
    assert grouped["groups"][1]["by_source"] == {"deputy": 1, "contact_point": 1} and grouped["undecided"] == 4
    assert client.get(f"{url}/comments", **deputy).status_code == 403
    ids = [one.json()["id"], two.json()["id"]]
    no_reason = client.post("/api/law-comments/decisions", {"comment_ids": ids, "decision": "partly"},
                            content_type=JSON, **office)
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "reason"
    done = client.post("/api/law-comments/decisions", {"comment_ids": ids, "decision": "partly", "reason": "部分吸收"},
                       content_type=JSON, **office)
    assert done.status_code == 200 and {c["decision"] for c in done.json()} == {"partly"}
    sheet = client.get(f"{url}/summary?format=xlsx", **office)
    assert sheet.status_code == 200 and sheet.content.startswith(b"PK")
    assert client.get(f"{url}/summary?format=pdf", **office).content.startswith(b"%PDF")


def test_the_public_comments_without_a_token_limited_as_the_intake(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="liaison.intake_per_address_hour", value=3)
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="liaison.challenge_after", value=2)
    period = open_period(world_a)
    client = Client()
    code = world_a.congress.code
    assert [p["id"] for p in client.get(f"/api/public/{code}/law-comments").json()] == [period.pk]
    url = f"/api/public/{code}/law-comments/{period.pk}/comments"
    first = client.post(url, {"text": "建议公布用水定额", "name": "赵桂兰"}, content_type=JSON)
    assert first.status_code == 201 and first.json()["decision_label"] == "正在研究处理"
    assert client.post(url, {"text": "第二条"}, content_type=JSON).status_code == 201
    third = client.post(url, {"text": "第三条"}, content_type=JSON)
    assert third.status_code == 422 and third.json()["challenge"]["challenge_token"]
    assert client.post(url, {"text": "第四条"}, content_type=JSON).status_code == 429
    assert LawComment.objects.in_congress(world_a.congress).count() == 2
    reference = first.json()["reference_code"]
    comment = LawComment.objects.in_congress(world_a.congress).get(reference_code=reference)
    from renda.law_comments import actions

    actions.decide_law_comments(world_a.congress, [comment], actor=world_a.office, decision="declined",
                                reason="上位法已有规定")
    seen = client.get(f"/api/public/{code}/law-comments/comments/{reference}").json()
    assert seen["decision_label"] == "未采纳" and seen["reason"] == "上位法已有规定" and "赵桂兰" not in str(seen)
    mistyped = reference[:-1] + str((int(reference[-1]) + 1) % 10)
    assert client.get(f"/api/public/{code}/law-comments/comments/{mistyped}").status_code == 422


def test_another_congresss_period_is_not_found(world_a, world_b):
    theirs = open_period(world_b)
    client, office = Client(), bearer(world_a, world_a.office)
    base = f"/api/law-comments/periods/{theirs.pk}"
    assert client.get(base, **office).status_code == 404
    assert client.get(f"{base}/comments", **office).status_code == 404
    assert client.get(f"{base}/summary", **office).status_code == 404
    assert client.post(f"{base}/close", {}, content_type=JSON, **office).status_code == 404
    assert client.post(f"{base}/comments", {"text": "越权"}, content_type=JSON, **office).status_code == 404
    assert client.post(f"/api/public/{world_a.congress.code}/law-comments/{theirs.pk}/comments", {"text": "越权"},
                       content_type=JSON).status_code == 404
