"""Handlers' pages: who sees a concern and the person's details, receptions, statistics, "双联系"."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from renda.liaison import actions, reports
from renda.liaison.models import Concern
from renda.liaison.tests.factory import concern, station_deputy
from renda.proposals.models import Suggestion
from renda.testing import signed_in


def reception_rows(*rows) -> dict:
    """The reception form's concern rows (a Django formset, prefix "c")."""
    data = {"c-TOTAL_FORMS": str(len(rows)), "c-INITIAL_FORMS": "0", "c-MIN_NUM_FORMS": "0", "c-MAX_NUM_FORMS": "20"}
    for i, (name, contact, place, category, text) in enumerate(rows):
        data.update({f"c-{i}-person_name": name, f"c-{i}-person_contact": contact, f"c-{i}-place": place,
                     f"c-{i}-category": category, f"c-{i}-text": text})
    return data


def test_only_handlers_see_a_concern_and_the_persons_details(world_a, world_b):
    station_deputy(world_a)
    item = concern(world_a)
    url = f"/c/{world_a.congress.code}/concerns/{item.pk}/"
    for user in (world_a.office, world_a.deputy):
        html = signed_in(user).get(url).content.decode()
        assert "赵大妈" in html and "13900000001" in html
    # Another deputy (not of this station), a unit officer before it is referred, another congress's office.
    assert signed_in(world_a.users["sc_member"]).get(url).status_code == 404
    assert signed_in(world_a.users["unit_officer"]).get(url).status_code == 404
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/concerns/{item.pk}/").status_code == 404
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    assert "13900000001" in signed_in(world_a.users["unit_officer"]).get(url).content.decode()


def test_the_handler_pages_take_a_concern_through_referral(world_a):
    item = concern(world_a)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/concerns/{item.pk}/do/"
    page = office.post(base + "triage/", {"path": "referred", "unit": world_a.unit.pk}, follow=True).content.decode()
    assert "已分办：上报办，由教育局办理" in page
    page = signed_in(world_a.users["unit_officer"]).post(base + "answer/", {"answer": "已答复"}, follow=True).content.decode()
    assert "已答复，反映人可凭查询码查看并评价" in page
    page = office.post(base + "feedback/", {"satisfaction": "satisfied", "note": "电话回访"}, follow=True).content.decode()
    assert "已记录满意度（满意），此件办结" in page
    item.refresh_from_db()
    assert (item.status, item.satisfaction) == ("closed", "satisfied")
    queue = office.get(f"/c/{world_a.congress.code}/concerns/").content.decode()
    assert "没有在办的群众诉求" in queue


def test_a_reception_records_its_concerns_and_the_statistics_count_them(world_a):
    station_deputy(world_a)
    actions.set_up_station(world_a.congress, world_a.station, actor=world_a.office, area="城关区")
    response = signed_in(world_a.deputy).post(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/do/reception/", {
        "held_on": timezone.localdate().isoformat(), "deputies": "李明", "visitors": "12",
        **reception_rows(("吴大爷", "13900000005", "", "农牧业", "草场围栏损坏"), ("", "", "", "社会治理", "小区停车难"),
                         ("", "", "", "教育", "")),
        "c-1-photos": [SimpleUploadedFile("停车.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)]}, follow=True)
    assert "已记录" in response.content.decode() and "登记群众诉求 2 件" in response.content.decode()
    concerns = list(Concern.objects.in_congress(world_a.congress).order_by("id"))
    assert [c.photos.count() for c in concerns] == [0, 1]
    assert [(c.source, c.anonymous) for c in concerns] == [("reception", False), ("reception", True)]
    solved, referred = concerns
    actions.triage_concern(world_a.congress, solved, actor=world_a.deputy, path="on_the_spot", answer="已联系修复")
    actions.record_feedback(world_a.congress, solved, actor=world_a.deputy, satisfaction="satisfied")
    actions.triage_concern(world_a.congress, referred, actor=world_a.office, path="referred", unit=world_a.unit)
    Concern.objects.in_congress(world_a.congress).filter(pk=referred.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    stats = reports.statistics(world_a.congress, timezone.localdate().year)
    row = next(r for r in stats.stations if r.label == world_a.station.name)
    assert (row.receptions, row.visitors, row.raised, row.on_the_spot, row.referred, row.answered, row.overdue,
            row.rated, row.satisfaction_rate) == (1, 12, 2, 1, 1, 1, 1, 1, "100.0%")
    assert stats.total.raised == 2 and [a.label for a in stats.areas] == ["城关区"]
    download = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/liaison/statistics.xlsx")
    sheet = load_workbook(io.BytesIO(download.content))["按联络站"]
    header = [c.value for c in sheet[2]]
    values = dict(zip(header, [c.value for c in sheet[3]], strict=True))
    assert values["联络站"] == world_a.station.name and values["反映诉求（件）"] == 2 and values["满意率"] == "100.0%"
    assert signed_in(world_a.users["unit_officer"]).get(f"/c/{world_a.congress.code}/liaison/statistics/").status_code == 403


def test_a_deputy_turns_a_concern_into_a_linked_draft_suggestion(world_a):
    station_deputy(world_a)
    item = concern(world_a)
    draft = actions.draft_suggestion_from_concern(world_a.congress, item, actor=world_a.deputy)
    assert draft.status == Suggestion.Status.DRAFT and "人行横道" in draft.body
    item.refresh_from_db()
    assert item.suggestion_id == draft.pk and list(draft.concerns.all()) == [item]


def test_the_contacts_page_lists_whom_a_member_has_not_contacted_this_year(world_a):
    member = world_a.users["sc_member"]
    others = [world_a.make_deputy(name) for name in ("陈静", "林涛")]
    links = [actions.link_contact(world_a.congress, actor=member, kind="member_deputy", deputy=m.person) for m in others]
    actions.record_liaison_contact(world_a.congress, links[0], actor=member, on=timezone.localdate(), how="phone",
                                   raised="反映农村道路养护")
    last_year = timezone.localdate().replace(month=1, day=1) - datetime.timedelta(days=1)
    actions.record_liaison_contact(world_a.congress, links[1], actor=member, on=last_year, how="visit")
    html = signed_in(member).get(f"/c/{world_a.congress.code}/contacts/").content.decode()
    missing = html.split('id="not-contacted"')[1].split("</ul>")[0]
    assert "林涛" in missing and "陈静" not in missing
    assert "反映农村道路养护" in html


def test_a_concerns_photo_is_served_to_its_handlers_only(world_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    item = actions.submit_concern(world_a.congress, world_a.station, actor=world_a.public, data={
        "category": "教育", "text": "校门口积水", "anonymous": True}, photos=[SimpleUploadedFile("积水.png", png)])
    photo = item.photos.get()
    url = f"/c/{world_a.congress.code}/concerns/{item.pk}/photos/{photo.pk}/"
    assert b"".join(signed_in(world_a.office).get(url).streaming_content) == png
    assert signed_in(world_a.users["sc_member"]).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_a_reception_with_a_bad_photo_names_the_concern_and_writes_nothing(world_a):
    import pytest
    from django.core.exceptions import ValidationError

    from renda.liaison.models import Reception

    mandate = station_deputy(world_a)
    bad = SimpleUploadedFile("x.gif", b"GIF89a" + b"\x00" * 10)
    with pytest.raises(ValidationError) as error:
        actions.record_reception(world_a.congress, world_a.station, actor=world_a.office, held_on=timezone.localdate(),
                                 deputies=[mandate], visitors=2, concerns=[
                                     {"anonymous": True, "category": "教育", "text": "一", "photos": []},
                                     {"anonymous": True, "category": "教育", "text": "二", "photos": [bad]}])
    assert "不是 JPEG 或 PNG" in error.value.message_dict["concerns[1].photos"][0]
    assert not Reception.objects.in_congress(world_a.congress).exists()
    assert not Concern.objects.in_congress(world_a.congress).exists()


def test_the_station_pages_flag_overdue_concerns_to_the_station_and_the_office(world_a):
    item = concern(world_a)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    Concern.objects.in_congress(world_a.congress).filter(pk=item.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3))
    actions.set_rota(world_a.congress, world_a.station, actor=world_a.office, on=timezone.localdate(),
                     mandates=[world_a.deputies[0]])
    office = signed_in(world_a.office)
    listing = office.get(f"/c/{world_a.congress.code}/stations/").content.decode()
    row = listing.split(world_a.station.name)[1].split("</tr>")[0]
    assert "#b4161b" in row and ">1<" in row  # one overdue, flagged
    station = office.get(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/?overdue=1").content.decode()
    assert "逾期" in station and "李明" in station and str(item.pk) in station
    queue = office.get(f"/c/{world_a.congress.code}/concerns/?overdue=1").content.decode()
    assert 'class="overdue"' in queue
