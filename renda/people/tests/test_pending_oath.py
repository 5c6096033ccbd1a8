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
