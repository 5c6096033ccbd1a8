"""The office's people forms keep what was typed: a refused form comes back with every value and the
error beside its field; weighty steps carry a confirmation that says what will happen."""

import datetime

from renda.people.models import Mandate, Membership
from renda.testing import signed_in


def url(world, path: str) -> str:
    return f"/c/{world.congress.code}/{path}"


# ── registering and editing ──

def test_it_keeps_a_new_deputy_s_details_when_one_field_is_wrong(world_a):
    response = signed_in(world_a.office).post(url(world_a, "deputies/new/"), {
        "name": "陈红", "sex": "女", "ethnicity": "回族", "workplace": "东湖街道办事处主任", "phone": "13712345678",
        "term": world_a.term.pk, "number": "", "elected_on": "2022-01-10", "delegation": world_a.delegation.pk,
        "constituency": "东湖选区"})
    page = response.content.decode()
    assert response.status_code == 200
    for typed in ("陈红", "回族", "东湖街道办事处主任", "13712345678", "2022-01-10", "东湖选区"):
        assert f'value="{typed}"' in page, typed
    assert "“代表证号”必须填写" in page
    assert f'<option value="{world_a.delegation.pk}" selected>' in page


def test_it_shows_dates_in_the_date_box_format(world_a):
    mandate = world_a.deputies[0]
    mandate.person.birth_date = datetime.date(1970, 3, 5)
    mandate.person.save(update_fields=["birth_date"])
    page = signed_in(world_a.office).get(url(world_a, f"deputies/{mandate.pk}/person/")).content.decode()
    assert 'value="1970-03-05"' in page


def test_an_action_s_refusal_comes_back_beside_its_field(world_a):
    # The number is taken: only the action knows, and says so beside the number.
    taken = world_a.deputies[1].number
    response = signed_in(world_a.office).post(url(world_a, f"deputies/{world_a.deputies[0].pk}/edit/"), {
        "number": taken, "constituency": "新选区", "on": "2023-05-01", "note": "调整"})
    page = response.content.decode()
    assert response.status_code == 200 and "已被使用" in page
    assert 'value="新选区"' in page and 'value="调整"' in page


def test_a_new_organisation_keeps_its_name_when_the_unit_type_is_missing(world_a):
    response = signed_in(world_a.office).post(url(world_a, "organisations/new/"), {
        "kind": "handling_unit", "name": "财政局", "address": "人民路 1 号"})
    page = response.content.decode()
    assert response.status_code == 200 and "单位类型" in page
    assert 'value="财政局"' in page and 'value="人民路 1 号"' in page


def test_a_deputy_s_own_phone_comes_back_when_refused(world_a):
    response = signed_in(world_a.deputy).post(url(world_a, "me/"), {"phone": "电话坏了"})
    assert response.status_code == 200 and 'value="电话坏了"' in response.content.decode()


# ── status of a mandate ──

def test_ending_a_mandate_asks_first_and_says_it_cannot_be_undone(world_a):
    page = signed_in(world_a.office).get(url(world_a, f"deputies/{world_a.deputies[0].pk}/")).content.decode()
    assert 'value="resigned" data-confirm="将以“辞职”终止李明的代表资格。终止后不能恢复' in page
    assert 'value="suspended" data-confirm="将暂停李明执行代表职务，之后可以恢复' in page


def test_a_refused_status_change_keeps_the_date_and_reason(world_a):
    mandate = world_a.deputies[0]
    client = signed_in(world_a.office)
    early = client.post(url(world_a, f"deputies/{mandate.pk}/status/"),
                        {"status": "resigned", "on": "2020-01-01", "reason": "工作调动"})
    page = early.content.decode()
    assert early.status_code == 200 and "不能早于当选日期" in page
    assert 'value="2020-01-01"' in page and 'value="工作调动"' in page
    no_reason = client.post(url(world_a, f"deputies/{mandate.pk}/status/"), {"status": "suspended", "on": "2024-01-01"})
    assert no_reason.status_code == 200 and "暂停执行代表职务须写明原因" in no_reason.content.decode()
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.SERVING


def test_a_status_change_ends_with_a_message(world_a):
    mandate = world_a.deputies[0]
    client = signed_in(world_a.office)
    done = client.post(url(world_a, f"deputies/{mandate.pk}/status/"),
                       {"status": "resigned", "on": "2024-06-30", "reason": "工作调动"}, follow=True)
    assert "李明的状态已改为：辞职" in done.content.decode()
    mandate.refresh_from_db()
    assert mandate.status == Mandate.Status.RESIGNED
    # Nothing further can be done with an ended mandate; the page says so and offers no buttons.
    page = client.get(url(world_a, f"deputies/{mandate.pk}/status/")).content.decode()
    assert "不能再变更" in page and "data-confirm" not in page


def test_only_the_office_changes_a_status_and_only_in_its_congress(world_a, world_b):
    target = url(world_a, f"deputies/{world_a.deputies[0].pk}/status/")
    assert signed_in(world_a.deputy).post(target, {"status": "resigned", "on": "2024-06-30"}).status_code == 403
    assert signed_in(world_b.office).post(target, {"status": "resigned", "on": "2024-06-30"}).status_code == 403
    other = url(world_a, f"deputies/{world_b.deputies[0].pk}/status/")
    assert signed_in(world_a.office).post(other, {"status": "resigned", "on": "2024-06-30"}).status_code == 404
    world_b.deputies[0].refresh_from_db()
    assert world_b.deputies[0].status == Mandate.Status.SERVING


# ── members of a body ──

def test_members_are_picked_by_name_several_at_once(world_a):
    client = signed_in(world_a.office)
    target = url(world_a, f"organisations/{world_a.station.pk}/")
    li, wang = world_a.deputies[0], world_a.deputies[1]
    done = client.post(target, {"people": [f"@{li.person_id}", "王芳"], "post": "委员", "start": "2023-01-01"}, follow=True)
    assert "已增加成员：李明、王芳（委员）" in done.content.decode()
    assert set(Membership.objects.in_congress(world_a.congress).filter(organisation=world_a.station)
               .values_list("person__name", flat=True)) == {"李明", "王芳"}
    # A certificate number is accepted too.
    by_number = client.post(url(world_a, f"organisations/{world_a.committee.pk}/"),
                            {"people": wang.number, "post": "主任", "start": "2023-01-01"})
    assert by_number.status_code == 302


def test_an_unknown_name_is_refused_naming_it_and_nothing_is_added(world_a):
    client = signed_in(world_a.office)
    target = url(world_a, f"organisations/{world_a.station.pk}/")
    response = client.post(target, {"people": [f"@{world_a.deputies[0].person_id}", "赵无名"], "post": "组长",
                                    "start": "2023-02-01"})
    page = response.content.decode()
    assert response.status_code == 200 and "找不到人员：赵无名" in page
    # What was typed comes back: the picked person as a chip, the unknown name in the box, the post and date.
    assert f'value="@{world_a.deputies[0].person_id}"' in page and 'value="赵无名"' in page
    assert 'value="2023-02-01"' in page and '<option value="组长" selected>' in page
    assert not Membership.objects.in_congress(world_a.congress).filter(organisation=world_a.station).exists()


def test_adding_members_is_all_or_nothing(world_a):
    from renda.people import actions

    li, wang = world_a.deputies[0], world_a.deputies[1]
    actions.add_membership(world_a.congress, actor=world_a.office, organisation=world_a.station, person=wang.person,
                           post="委员", start="2022-02-01")
    response = signed_in(world_a.office).post(url(world_a, f"organisations/{world_a.station.pk}/"), {
        "people": [f"@{li.person_id}", f"@{wang.person_id}"], "post": "委员", "start": "2023-01-01"})
    assert response.status_code == 200 and "王芳已在" in response.content.decode()
    assert not Membership.objects.in_congress(world_a.congress).filter(person=li.person).exists()


def test_someone_not_yet_registered_is_added_by_name_and_sex(world_a):
    client = signed_in(world_a.office)
    target = url(world_a, f"organisations/{world_a.committee.pk}/")
    missing_sex = client.post(target, {"name": "周敏", "post": "委员", "start": "2023-01-01"})
    assert missing_sex.status_code == 200 and "请选择该人员的性别" in missing_sex.content.decode()
    assert 'value="周敏"' in missing_sex.content.decode()
    assert client.post(target, {"name": "周敏", "sex": "女", "post": "委员", "start": "2023-01-01"}).status_code == 302
    empty = client.post(target, {"post": "委员", "start": "2023-01-01"})
    assert "请选择成员" in empty.content.decode()


def test_a_person_of_another_congress_cannot_be_picked(world_a, world_b):
    response = signed_in(world_a.office).post(url(world_a, f"organisations/{world_a.station.pk}/"), {
        "people": f"@{world_b.deputies[0].person_id}", "post": "委员", "start": "2023-01-01"})
    assert response.status_code == 200 and "找不到该人员" in response.content.decode()
    assert not Membership.objects.in_congress(world_a.congress).filter(organisation=world_a.station).exists()


def test_only_the_office_adds_members(world_a, world_b):
    target = url(world_a, f"organisations/{world_a.station.pk}/")
    data = {"people": "李明", "post": "委员", "start": "2023-01-01"}
    assert signed_in(world_a.deputy).post(target, data).status_code == 403
    assert signed_in(world_b.office).post(target, data).status_code == 403
    assert signed_in(world_a.office).post(url(world_a, f"organisations/{world_b.station.pk}/"), data).status_code == 404


def test_ending_a_membership_asks_first_and_keeps_a_refused_date(world_a):
    from renda.people import actions

    ms = actions.add_membership(world_a.congress, actor=world_a.office, organisation=world_a.committee,
                                person=world_a.deputies[0].person, post="主任", start="2022-02-01")
    client = signed_in(world_a.office)
    page = client.get(url(world_a, f"organisations/{world_a.committee.pk}/")).content.decode()
    assert "将结束李明在代表工作委员会的主任任职" in page and '<th>操作</th>' in page
    early = client.post(url(world_a, f"memberships/{ms.pk}/end/"), {"end": "2021-12-31"})
    assert early.status_code == 200 and "不能早于" in early.content.decode()
    assert 'value="2021-12-31"' in early.content.decode()
    done = client.post(url(world_a, f"memberships/{ms.pk}/end/"), {"end": "2023-12-31"}, follow=True)
    assert "已结束李明在代表工作委员会的主任任职" in done.content.decode()
    ms.refresh_from_db()
    assert str(ms.end) == "2023-12-31"


def test_only_the_office_ends_a_membership_of_its_congress(world_a, world_b):
    from renda.people import actions

    ms = actions.add_membership(world_b.congress, actor=world_b.office, organisation=world_b.committee,
                                person=world_b.deputies[0].person, post="委员", start="2022-02-01")
    assert signed_in(world_a.office).post(url(world_a, f"memberships/{ms.pk}/end/"), {"end": "2023-01-01"}).status_code == 404
    assert signed_in(world_b.deputy).post(url(world_b, f"memberships/{ms.pk}/end/"), {"end": "2023-01-01"}).status_code == 403
    ms.refresh_from_db()
    assert ms.end is None


# ── import ──

def test_an_import_without_a_file_keeps_the_choice_and_says_what_is_missing(world_a):
    response = signed_in(world_a.office).post(url(world_a, "exchange/preview/"), {"kind": "organisations",
                                                                                  "token": "abc123"})
    page = response.content.decode()
    assert response.status_code == 200 and "“文件”必须填写" in page
    assert '<option value="organisations" selected>' in page


def test_applying_an_import_says_how_many_will_be_written(world_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renda.people.tests.test_import_people import good_rows, xlsx

    sheet = SimpleUploadedFile("代表.xlsx", xlsx(good_rows(world_a, 3)))
    response = signed_in(world_a.office).post(url(world_a, "exchange/preview/"),
                                              {"kind": "deputies", "token": "abc123", "file": sheet})
    assert 'hx-confirm="将导入 3名代表：新增 3，修改 0' in response.content.decode()


def test_only_those_allowed_preview_an_import(world_a):
    assert signed_in(world_a.deputy).post(url(world_a, "exchange/preview/"), {"kind": "deputies"}).status_code == 403
