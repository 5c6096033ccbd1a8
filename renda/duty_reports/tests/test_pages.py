"""The duty report pages: by role, another congress's ids, forms that keep what was typed."""

from renda.core.roles import Role
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.duty_reports.tests.fixtures import appointee, due_report, filed_report, year
from renda.testing import signed_in


def test_the_office_makes_the_plan_from_the_rule_s_proposals(world_a):
    c = world_a.congress
    post = appointee(world_a, "周局长")
    office = signed_in(world_a.office)
    page = office.get(f"/c/{c.code}/duty-reports/plan/new/?year={year()}")
    assert page.status_code == 200 and "周局长（教育局局长）" in page.content.decode()
    bad = office.post(f"/c/{c.code}/duty-reports/plan/new/", {"year": "明年", "title": "我的标题",
                                                              "appointees": [str(post.pk)]})
    assert bad.status_code == 422 and "我的标题" in bad.content.decode() and "年度" in bad.content.decode()
    assert DutyPlan.objects.in_congress(c).count() == 0
    done = office.post(f"/c/{c.code}/duty-reports/plan/new/", {
        "year": str(year()), "appointees": [str(post.pk)], "deputies": [f"@{world_a.deputies[0].person.pk}"]})
    assert done.status_code == 302
    listing = office.get(f"/c/{c.code}/duty-reports/?year={year()}").content.decode()
    assert "周局长" in listing and "李明" in listing


def test_pages_by_role_and_another_congress(world_a, world_b):
    c = world_a.congress
    own = due_report(world_a, world_a.deputies[0].person)  # 李明 is the deputy persona
    other = due_report(world_a)
    foreign = due_report(world_b)
    deputy, staff = signed_in(world_a.deputy), signed_in(world_a.users[Role.COMMITTEE_STAFF])
    assert staff.get(f"/c/{c.code}/duty-reports/").status_code == 200
    assert signed_in(world_a.users[Role.SC_MEMBER]).get(f"/c/{c.code}/duty-reports/{other.pk}/").status_code == 200
    assert deputy.get(f"/c/{c.code}/duty-reports/").status_code == 403
    assert deputy.get(f"/c/{c.code}/duty-reports/{own.pk}/").status_code == 200
    assert deputy.get(f"/c/{c.code}/duty-reports/{other.pk}/").status_code == 404
    assert deputy.get(f"/c/{c.code}/duty-reports/person/{own.person_id}/").status_code == 200
    assert deputy.get(f"/c/{c.code}/duty-reports/person/{other.person_id}/").status_code == 403
    assert staff.get(f"/c/{c.code}/duty-reports/{foreign.pk}/").status_code == 404
    assert staff.get(f"/c/{c.code}/duty-reports/person/{foreign.person_id}/").status_code == 404
    assert signed_in(world_a.public).post(f"/c/{c.code}/duty-reports/{own.pk}/do/file/",
                                          {"text": "x"}).status_code in (403, 404)


def test_the_deputy_files_their_own_report(world_a):
    c = world_a.congress
    own = due_report(world_a, world_a.deputies[0].person)
    deputy = signed_in(world_a.deputy)
    empty = deputy.post(f"/c/{c.code}/duty-reports/{own.pk}/do/file/", {"title": "本人述职", "text": " "})
    assert empty.status_code == 422 and "本人述职" in empty.content.decode() and "正文或上传" in empty.content.decode()
    ok = deputy.post(f"/c/{c.code}/duty-reports/{own.pk}/do/file/", {"title": "本人述职", "text": "一年来……"})
    assert ok.status_code == 302
    own.refresh_from_db()
    assert own.status == DutyReport.Status.FILED


def test_the_office_records_a_station_s_counts_and_bad_counts_are_kept(world_a):
    c = world_a.congress
    report = filed_report(world_a)
    office = signed_in(world_a.office)
    bad = office.post(f"/c/{c.code}/duty-reports/{report.pk}/do/station/",
                      {"satisfied": "-3", "basic": "2", "unsatisfied": "1"})
    assert bad.status_code == 422 and 'value="-3"' in bad.content.decode() and "满意" in bad.content.decode()
    report.refresh_from_db()
    assert report.status == DutyReport.Status.FILED
    ok = office.post(f"/c/{c.code}/duty-reports/{report.pk}/do/station/",
                     {"satisfied": "30", "basic": "5", "unsatisfied": "1"})
    assert ok.status_code == 302
    page = office.get(f"/c/{c.code}/duty-reports/person/{report.person_id}/").content.decode()
    assert "97.2%" in page and "满意" in page


def test_the_office_rates_at_a_session_from_the_page(world_a):
    from renda.testing import make_meeting, teller_keys, voters
    from renda.voting import actions as voting
    from renda.voting.models import Vote

    c = world_a.congress
    report = filed_report(world_a)
    office = signed_in(world_a.office)
    meeting = make_meeting(world_a, members=3, sign_in=3)
    missing = office.post(f"/c/{c.code}/duty-reports/{report.pk}/do/session/", {"meeting": ""})
    assert missing.status_code == 422
    started = office.post(f"/c/{c.code}/duty-reports/{report.pk}/do/session/", {"meeting": meeting.pk})
    assert started.status_code == 302
    report.refresh_from_db()
    vote = voting.open_vote(c, Vote.objects.in_congress(c).get(pk=report.vote_id), actor=world_a.office)
    early = office.post(f"/c/{c.code}/duty-reports/{report.pk}/do/session_result/", follow=True)
    assert "结束后才能记录" in early.content.decode()
    for user in voters(meeting):
        voting.cast_ballot(c, vote, actor=user, content={"rating": "满意"})
    voting.close_vote(c, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    done = office.post(f"/c/{c.code}/duty-reports/{report.pk}/do/session_result/", follow=True)
    assert "100.0%" in done.content.decode()
    report.refresh_from_db()
    assert report.grade == "满意" and report.rated_by == "session"
