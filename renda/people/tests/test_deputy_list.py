import json
import re

from django.test import Client

from renda.people.queries import PAGE_SIZE


def _names(answer) -> list[str]:
    return re.findall(r'<td data-label="姓名"><a href="[^"]+">([^<]+)</a>', answer.content.decode())


def _next_after(answer) -> str | None:
    found = re.search(r'after=(\d+)"', answer.content.decode())
    return found.group(1) if found else None


def test_the_register_pages_by_keyset_and_filters(world_a):
    for i in range(PAGE_SIZE + 5):
        world_a.make_deputy(f"名册{i}", number=f"R{i:03d}")
    client = Client()
    client.force_login(world_a.office)
    url = f"/c/{world_a.congress.code}/deputies/"
    first = client.get(url)
    assert first.status_code == 200
    assert len(_names(first)) == PAGE_SIZE and _next_after(first) is not None
    second = client.get(url, {"after": _next_after(first)}, HTTP_HX_REQUEST="true")
    assert len(_names(second)) == 7 and _next_after(second) is None
    assert set(_names(first)).isdisjoint(_names(second))
    assert "<html" not in second.content.decode()
    assert set(_names(client.get(url, {"q": "名册1"}))) == {"名册1"} | {f"名册{i}" for i in range(10, 20)}


def test_the_page_and_its_rows_at_one_address_tell_the_browser_they_differ_by_hx_request(world_a):
    # htmx pushes the filtered address into the history; going back to it must fetch the page, not
    # show the rows the browser kept from htmx (as it did before the answers said Vary: HX-Request).
    client = Client()
    client.force_login(world_a.office)
    url = f"/c/{world_a.congress.code}/deputies/?q=李明"
    for answer in (client.get(url, HTTP_HX_REQUEST="true"), client.get(url), client.get(url)):
        assert answer.status_code == 200
        assert "HX-Request" in [v.strip() for v in answer["Vary"].split(",")]
    assert "<html" in client.get(url).content.decode()


def test_a_page_kept_in_memory_shows_a_new_deputy_at_once_and_each_viewer_their_own_columns(world_a):
    staff, public = Client(), Client()
    staff.force_login(world_a.office)
    url = f"/c/{world_a.congress.code}/deputies/"
    assert "新登记代表" not in _names(staff.get(url))
    world_a.make_deputy("新登记代表", number="N001")
    assert "新登记代表" in _names(staff.get(url))
    assert 'data-label="代表证号">N001<' in staff.get(url).content.decode()
    public_page = public.get(url).content.decode()
    assert "新登记代表" in public_page and "N001" not in public_page  # the staff's rows are not the public's


def test_the_public_sees_names_but_not_phone_numbers(world_a):
    page = Client().get(f"/c/{world_a.congress.code}/deputies/").content.decode()
    assert "李明" in page and "13800000000" not in page


def test_another_congress_s_deputy_is_not_found(world_a, world_b):
    client = Client()
    client.force_login(world_a.office)
    assert client.get(f"/c/{world_a.congress.code}/deputies/{world_b.deputies[0].pk}/").status_code == 404


def test_staff_register_a_deputy_through_the_form_with_field_errors(world_a):
    client = Client()
    client.force_login(world_a.office)
    url = f"/c/{world_a.congress.code}/deputies/new/"
    bad = client.post(url, {"name": "赵敏", "sex": "女", "term": world_a.term.pk, "number": world_a.deputies[0].number,
                            "elected_on": "2022-01-10", "phone": "abc"})
    text = bad.content.decode()
    assert "已被使用" in text and "“联系电话”只能含数字" in text
    ok = client.post(url, {"name": "赵敏", "sex": "女", "term": world_a.term.pk, "number": "N1", "elected_on": "2022-01-10",
                           "delegation": world_a.delegation.pk})
    assert ok.status_code == 302


def test_a_deputy_ends_through_the_status_form(world_a):
    client = Client()
    client.force_login(world_a.office)
    mandate = world_a.deputies[0]
    url = f"/c/{world_a.congress.code}/deputies/{mandate.pk}/status/"
    client.post(url, {"status": "deceased", "on": "2024-02-02", "reason": "病故"})
    mandate.refresh_from_db()
    assert mandate.status == "deceased"
    follow = client.post(url, {"status": "serving", "on": "2024-03-02"}, follow=True)
    assert "不能从“去世”变为“在任”" in follow.content.decode()


def test_a_deputy_updates_their_own_phone(world_a):
    client = Client()
    client.force_login(world_a.deputy)
    url = f"/c/{world_a.congress.code}/me/"
    assert "李明代表" in client.get(url).content.decode()
    client.post(url, {"phone": "13600001111"})
    world_a.deputies[0].person.refresh_from_db()
    assert world_a.deputies[0].person.phone == "13600001111"


def test_popolo_export(world_a):
    data = json.loads(Client().get(f"/c/{world_a.congress.code}/popolo.json").content)
    assert {p["name"] for p in data["persons"]} == {"李明", "王芳"}
    deputy = next(m for m in data["memberships"] if m["role"] == "代表")
    assert deputy["organization_id"] == f"congress-{world_a.congress.pk}"
    assert deputy["on_behalf_of_id"] == f"organization-{world_a.delegation.pk}"
    assert data["events"][0]["classification"] == "legislative period"
    assert all("contact_details" not in p for p in data["persons"])  # the public gets no phone numbers
    assert all("birth_date" not in p and "party" not in p for p in data["persons"])  # nor birth dates or parties


def test_popolo_export_gives_staff_the_particulars(client, world_a):
    client.force_login(world_a.office)
    data = json.loads(client.get(f"/c/{world_a.congress.code}/popolo.json").content)
    assert all("birth_date" in p for p in data["persons"])
    client.force_login(world_a.deputy)
    data = json.loads(client.get(f"/c/{world_a.congress.code}/popolo.json").content)
    assert all("birth_date" not in p for p in data["persons"])


def test_deputies_through_the_api(world_a):
    from renda.core.tests.test_api import bearer

    client, headers = Client(), bearer(world_a, world_a.office)
    made = client.post("/api/deputies", {"term": 5, "number": "API1", "elected_on": "2022-01-10",
                                         "person": {"name": "孙杰", "sex": "男"}, "delegation_id": world_a.delegation.pk},
                       content_type="application/json", **headers)
    assert made.status_code == 201 and made.json()["person"]["name"] == "孙杰"
    mandate_id = made.json()["id"]
    moved = client.patch(f"/api/deputies/{mandate_id}", {"deputy_group_id": world_a.group.pk},
                         content_type="application/json", **headers)
    assert moved.json()["deputy_group_id"] == world_a.group.pk
    ended = client.post(f"/api/deputies/{mandate_id}/status", {"status": "resigned", "on": "2024-01-01"},
                        content_type="application/json", **headers)
    assert ended.json()["status_label"] == "辞职"
    back = client.post(f"/api/deputies/{mandate_id}/status", {"status": "serving", "on": "2024-02-01"},
                       content_type="application/json", **headers)
    assert back.status_code == 409 and "不能从" in back.json()["detail"][0]["message"]
    page = client.get("/api/deputies", {"status": "serving"}, **headers).json()
    assert {d["person"]["name"] for d in page["items"]} == {"李明", "王芳"}


def test_the_public_see_no_staff_of_units_or_offices(client, world_a):
    from renda.people import actions

    clerk = world_a.make_deputy("张建华").person
    actions.add_membership(world_a.congress, actor=world_a.root, organisation=world_a.unit, person=clerk,
                           post="联络员", start="2022-01-10")
    page = client.get(f"/c/{world_a.congress.code}/organisations/{world_a.unit.pk}/").content.decode()
    data = json.loads(client.get(f"/c/{world_a.congress.code}/popolo.json").content)
    assert "张建华" not in page
    assert not any(m["role"] == "联络员" for m in data["memberships"])
    client.force_login(world_a.office)
    assert "张建华" in client.get(f"/c/{world_a.congress.code}/organisations/{world_a.unit.pk}/").content.decode()
