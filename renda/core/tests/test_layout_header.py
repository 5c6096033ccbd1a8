"""The layout's header (core/jinja2/core/header.jinja, put in by core.context_processors): the same
markup the Django layout had — brand, search box, to-do and notice badges, account menu with its own
sign-out form, the menu with the current page marked, and a login link that comes back to the page."""

from __future__ import annotations

import re

from django.test import Client

from renda.testing import signed_in


def test_a_signed_in_page_shows_the_account_the_menu_and_a_sign_out_form_with_the_sessions_token(world_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/").content.decode()
    header = page.split('<main id="main">')[0]
    assert f'<a class="brand" href="/c/{world_a.congress.code}/">人大工作平台</a>' in header
    assert f'<span class="congress-name">{world_a.congress.name}</span>' in header
    assert 'aria-current="page"' in header and 'id="site-search-q"' in header and 'value=""' in header
    token = re.search(r'action="/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">', header)
    assert token, "the sign-out form carries the session's token"
    assert client.post("/logout/", {"csrfmiddlewaretoken": token.group(1)}).status_code in (200, 302)
    assert "退出登录" not in client.get(f"/c/{world_a.congress.code}/").content.decode()


def test_the_search_box_keeps_the_query_on_the_search_page_only_and_escaped(world_a):
    office = signed_in(world_a.office)
    searched = office.get(f"/c/{world_a.congress.code}/search/", {"q": '<b>"路灯"</b>'}).content.decode()
    assert 'value="&lt;b&gt;&#34;路灯&#34;&lt;/b&gt;"' in searched.split('<main id="main">')[0]
    elsewhere = office.get(f"/c/{world_a.congress.code}/", {"q": "路灯"}).content.decode()
    assert 'id="site-search-q" placeholder="检索" maxlength="100" autocomplete="off"\n         value=""' in elsewhere


def test_an_anonymous_reader_gets_a_login_link_back_to_the_page(world_a):
    page = Client().get(f"/c/{world_a.congress.code}/", {"a": "1 2"}).content.decode()
    assert f'href="/login/?next=/c/{world_a.congress.code}/%3Fa%3D1%2B2">登录</a>' in page
    assert "退出登录" not in page


def _header(client, path: str) -> str:
    return client.get(path).content.decode().split('<main id="main">')[0]


def test_the_header_kept_per_version_is_each_readers_own_and_moves_with_an_action(world_a):
    """The header is made once per reader, page and data version (core.context_processors._header): two
    readers of the same page get their own, a second browser of the same account its own sign-out token,
    and an action that gives the office a task shows in the next page's count."""
    from django.core.cache import caches

    from renda.proposals import actions as proposals

    caches["local"].clear()
    home = f"/c/{world_a.congress.code}/"
    office, deputy = signed_in(world_a.office), signed_in(world_a.deputy)
    before = _header(office, home)
    assert world_a.office.username in before or world_a.office.get_full_name() in before
    assert (world_a.deputy.get_full_name() or world_a.deputy.username) in _header(deputy, home)
    assert _header(deputy, home) != before
    badge = re.search(r'aria-label="待办 (\d+) 项"', before)
    count = int(badge.group(1)) if badge else 0
    item = proposals.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="关于路灯的建议",
                                           body="增设路灯", co_signers=[])
    proposals.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    after = re.search(r'aria-label="待办 (\d+) 项"', _header(office, home))
    assert after and int(after.group(1)) == count + 1  # one more suggestion to review
    second = Client(enforce_csrf_checks=True)
    second.force_login(world_a.office)
    header = _header(second, home)
    token = re.search(r'action="/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">', header)
    assert token and second.post("/logout/", {"csrfmiddlewaretoken": token.group(1)}).status_code in (200, 302)


def test_the_kept_header_marks_the_page_it_is_on(world_a):
    office = signed_in(world_a.office)
    code = world_a.congress.code
    home, meetings = _header(office, f"/c/{code}/"), _header(office, f"/c/{code}/meetings/")
    active = re.compile(r'<a href="([^"]+)" class="active" aria-current="page">')
    assert active.findall(home) == [f"/c/{code}/"] and active.findall(meetings) == [f"/c/{code}/meetings/"]


def test_the_kept_headers_key_holds_no_free_text(world_a):
    """Search words and names go into the key hashed: a key with spaces or of any length would not do for
    a cache such as memcached (Django warns)."""
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    office = signed_in(world_a.office)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        page = office.get(f"/c/{world_a.congress.code}/search/", {"q": "校 OR 车 " + "长" * 90}).content.decode()
    assert 'value="校 OR 车 ' in page.split('<main id="main">')[0]
