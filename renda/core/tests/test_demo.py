"""The demo data and the pages each role sees, in Chinese."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from renda import demo
from renda.core.models import Congress
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
    counts = dict(subordinate_deputy_counts(demo_city))
    assert all(n == 150 for n in counts.values())


DEMO_PAGES = {
    "admin": ["/c/demo-city/", "/c/demo-city/rules/", "/c/demo-city/audit/", "/c/demo-city/roles/"],
    "office": ["/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/exchange/", "/c/demo-city/organisations/"],
    "committee": ["/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/rules/"],
    "member": ["/c/demo-city/", "/c/demo-city/me/", "/c/demo-city/deputies/"],
    "deputy": ["/c/demo-city/me/", "/c/demo-donghu/me/", "/c/demo-city/deputies/"],
    "unit": ["/c/demo-city/", "/c/demo-city/organisations/"],
    "public": ["/", "/c/demo-city/", "/c/demo-city/deputies/"],
}


@pytest.mark.parametrize("username", list(DEMO_PAGES))
def test_each_demo_account_signs_in_and_sees_chinese_pages(demo_city, username):
    client = Client()
    assert client.login(username=username, password=demo.PASSWORD)
    for url in DEMO_PAGES[username]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "人大" in response.content.decode() and 'lang="zh-Hans"' in response.content.decode()


def test_a_deputy_lands_on_their_own_page_showing_both_levels(demo_city):
    client = Client()
    client.login(username="deputy", password=demo.PASSWORD)
    page = client.get("/c/demo-city/", follow=True)
    assert page.redirect_chain[-1][0] == "/c/demo-city/me/"
    text = page.content.decode()
    assert "示例市人民代表大会" in text and "东湖县人民代表大会" in text


def test_navigation_follows_the_role(demo_city):
    client = Client()
    client.login(username="office", password=demo.PASSWORD)
    office_page = client.get("/c/demo-city/").content.decode()
    client.login(username="public", password=demo.PASSWORD)
    public_page = client.get("/c/demo-city/").content.decode()
    assert "导入导出" in office_page and "导入导出" not in public_page
    assert "审计日志" not in office_page
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
    assert Congress.objects.filter(code="demo-city").count() == 1
