"""The demo data and the pages each role sees, in Chinese."""

import pytest
from django.test import Client

from renda import demo
from renda.core.queries import subordinate_deputy_counts
from renda.people.models import Mandate, Membership, Organisation


@pytest.fixture
def demo_city(db):
    return demo.build()


def test_the_demo_has_the_promised_shape(demo_city):
    K = Organisation.Kind
    orgs = Organisation.objects.in_congress(demo_city)
    assert [c.code for c in demo_city.children.order_by("id")] == ["demo-donghu", "demo-xishan"]
    assert Mandate.objects.in_congress(demo_city).count() == 400
    assert orgs.filter(kind=K.DELEGATION).count() == 7
    assert orgs.filter(kind=K.WORKING_COMMITTEE).count() == 9
    assert orgs.filter(kind=K.HANDLING_UNIT).count() >= 30
    assert orgs.filter(kind=K.LIAISON_STATION).count() == 9
    assert orgs.filter(kind=K.DEPUTY_GROUP).count() >= 7
    sc = orgs.get(kind=K.STANDING_COMMITTEE)
    assert Membership.objects.in_congress(demo_city).filter(organisation=sc, end__isnull=True).count() == 43
    from renda.livelihood.models import Call, Proposal

    call = Call.objects.in_congress(demo_city).get()
    assert call.status == "chosen"
    assert Proposal.objects.in_congress(demo_city).filter(call=call, status="chosen").count() == 5
    assert Proposal.objects.in_congress(demo_city).filter(call=call, status="dropped").count() == 2
    counts = dict(subordinate_deputy_counts(demo_city))
    assert all(n == 150 for n in counts.values())
    from renda.liaison.models import Concern

    statuses = set(Concern.objects.in_congress(demo_city).values_list("status", flat=True))
    assert {"closed", "referred", "tracking", "received"} <= statuses


DEMO_PAGES = {
    "admin": ["/c/demo-city/", "/c/demo-city/rules/", "/c/demo-city/audit/", "/c/demo-city/roles/"],
    "office": ["/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/exchange/", "/c/demo-city/organisations/"],
    "committee": ["/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/rules/"],
    "member": ["/c/demo-city/", "/c/demo-city/me/", "/c/demo-city/deputies/"],
    "deputy": ["/c/demo-city/me/", "/c/demo-donghu/me/", "/c/demo-city/deputies/", "/c/demo-city/meetings/"],
    "unit": ["/c/demo-city/", "/c/demo-city/organisations/"],
    "public": ["/", "/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/livelihood/"],
}


def test_each_demo_account_signs_in_and_sees_its_pages_in_chinese(demo_city):
    # One build of the demo serves every account (building it takes seconds).
    for username, urls in DEMO_PAGES.items():
        client = Client()
        assert client.login(username=username, password=demo.PASSWORD), username
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code == 200, (username, url)
            text = response.content.decode()
            assert "人大" in text and 'lang="zh-Hans"' in text, (username, url)
    # A deputy lands on their own page, which shows both levels they serve at.
    client = Client()
    client.login(username="deputy", password=demo.PASSWORD)
    page = client.get("/c/demo-city/", follow=True)
    assert page.redirect_chain[-1][0] == "/c/demo-city/me/"
    assert "示例市人民代表大会" in page.content.decode() and "东湖县人民代表大会" in page.content.decode()
    # Navigation follows the role.
    client.login(username="office", password=demo.PASSWORD)
    office_page = client.get("/c/demo-city/").content.decode()
    client.login(username="public", password=demo.PASSWORD)
    public_page = client.get("/c/demo-city/").content.decode()
    assert "导入导出" in office_page and "导入导出" not in public_page and "审计日志" not in office_page
    # The standing-committee session of the demo: 43 members, 36 present, an announced vote.
    client.login(username="member", password=demo.PASSWORD)
    meetings = client.get("/c/demo-city/meetings/").content.decode()
    assert "示例市第五届人大常委会第二十一次会议" in meetings
