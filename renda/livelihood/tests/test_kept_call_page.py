"""The call page's proposals table and its merge fields are kept per data version and reader
(views._proposal_table, views._kept_fields): a write is seen at once, each session's forms carry its own
token, and a member who may read the page is never shown the office's review forms."""

import re

from renda.core.roles import Role
from renda.livelihood import actions
from renda.livelihood.models import Proposal
from renda.testing import make_call, signed_in


def test_the_proposals_and_the_merge_choices_follow_a_write_and_each_reader_sees_their_own(world_a):
    call = make_call(world_a, proposals=2, screen=False)
    first = Proposal.objects.in_congress(world_a.congress).filter(call=call).order_by("id").first()
    url = f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/"
    office, other_office = signed_in(world_a.office), signed_in(world_a.office)
    member = signed_in(world_a.users[Role.SC_MEMBER])
    page = office.get(url).content.decode()
    assert f'id="stage{first.pk}_reason"' in page and call.stages[0] in page
    tokens = [set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', c.get(url).content.decode()))
              for c in (office, other_office)]
    assert tokens[0] and tokens[1] and tokens[0].isdisjoint(tokens[1])   # the kept rows, each session's token
    seen = member.get(url).content.decode()
    assert "项目0" in seen and f'id="stage{first.pk}_reason"' not in seen and "do/stage/" not in seen

    actions.decide_stage(world_a.congress, first, actor=world_a.office, passed=False, reason="重复建设")
    page = office.get(url).content.decode()
    assert "重复建设" in page and f'id="stage{first.pk}_reason"' not in page   # dropped: no review form left
    added = actions.submit_proposal(world_a.congress, call, actor=None, title="社区食堂", description="老人吃饭难",
                                    place="城关镇", estimated_cost="80", proposer_name="群众乙",
                                    proposer_contact="13900002222")
    page = office.get(url).content.decode()
    assert "社区食堂" in page and f'<option value="{added.pk}">' in page   # the new one, and in the merge choices


def test_the_public_page_follows_a_write_and_only_the_office_gets_the_call_form(world_a):
    from django.test import Client

    url = f"/c/{world_a.congress.code}/livelihood/"
    office = signed_in(world_a.office)
    assert 'id="new-call"' in office.get(url).content.decode()
    assert 'id="new-call"' not in Client().get(url).content.decode()   # the public, at the same version
    call = make_call(world_a, proposals=1)
    assert call.title in Client().get(url).content.decode()
    refused = office.post(f"/c/{world_a.congress.code}/livelihood/calls/new/", {"year": "2027", "title": "征集<b>",
                                                                                 "to_choose": "x"})
    page = refused.content.decode()
    assert "征集未发布" in page and 'value="征集&lt;b&gt;"' in page   # the refused form as typed, not the kept page
