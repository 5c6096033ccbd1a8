"""An appointee not yet sworn is not in office where the oath is required: the body's page shows the
staff the post as 待宣誓 and does not count it among the present members."""

from renda.appointments.models import Nominee
from renda.appointments.tests.fixtures import small_bill
from renda.testing import signed_in


def test_the_body_page_marks_an_unsworn_appointee_and_does_not_count_them(world_a):
    bill = small_bill(world_a, stage="decided", name="陈新")
    nominee = Nominee.objects.in_congress(world_a.congress).select_related("membership").get(bill=bill)
    body = nominee.membership.organisation_id
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/organisations/{body}/").content.decode()
    assert "陈新" in page and "待宣誓" in page
    assert "现有成员</dt><dd>0 人" in page


def test_a_deputys_page_shows_their_duty_report_rating_to_those_who_may_see_it(world_a):
    from renda.duty_reports.tests.fixtures import filed_report

    mandate = world_a.make_deputy("述职代表甲")
    report = filed_report(world_a, person=mandate.person)
    url = f"/c/{world_a.congress.code}/deputies/{mandate.pk}/"
    staff_page = signed_in(world_a.office).get(url).content.decode()
    assert "述职评议" in staff_page and f"/duty-reports/{report.pk}/" in staff_page
    deputy_page = signed_in(world_a.deputy).get(url).content.decode()
    assert f"/duty-reports/{report.pk}/" not in deputy_page  # another deputy's record
