"""A member sees a nominee's vote figures once the result is announced; the staff see them once counted."""

from renda.appointments import actions
from renda.appointments.tests.fixtures import small_bill
from renda.core.roles import Role
from renda.testing import signed_in, teller_keys, voters
from renda.voting import actions as voting


def test_the_bill_page_shows_a_member_only_announced_figures(world_a):
    c, office = world_a.congress, world_a.office
    bill = small_bill(world_a, stage="submitted", name="陈新")
    [vote] = actions.put_to_vote(c, bill, actor=office)
    voting.open_vote(c, vote, actor=office)
    for user in voters(vote.meeting):
        voting.cast_vote(c, vote, actor=user, choice="yes")
    voting.close_vote(c, vote, actor=office, teller_keys=teller_keys(vote))
    url = f"/c/{c.code}/appointments/{bill.pk}/"
    assert "赞成3" in signed_in(office).get(url).content.decode().replace(" ", "")
    member = signed_in(world_a.users[Role.SC_MEMBER]).get(url).content.decode().replace(" ", "")
    assert "赞成3" not in member
    voting.announce_result(c, vote, actor=office)
    assert "赞成3" in signed_in(world_a.users[Role.SC_MEMBER]).get(url).content.decode().replace(" ", "")


def test_the_register_links_each_appointee_to_their_duty_report_record(world_a):
    from renda.appointments.models import Nominee
    from renda.appointments.tests.fixtures import small_bill as bill_at

    bill = bill_at(world_a, stage="decided", name="陈新")
    nominee = Nominee.objects.in_congress(world_a.congress).get(bill=bill)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/appointments/register/").content.decode()
    assert "陈新" in page and f"/duty-reports/person/{nominee.person_id}/" in page
