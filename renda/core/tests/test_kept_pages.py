"""core.kept_pages: a whole page kept per reader and data version is served again only to the same
reader while nothing has changed, with the request's own CSRF token, and never when opening it wrote
something, a message waits, or the request is a download, an htmx request or not a GET."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]
from django.template import engines
from django.test import Client, RequestFactory

from renda.core import actions as core_actions
from renda.core import kept_pages
from renda.core.models import AuditEntry, RoleGrant
from renda.core.roles import Role
from renda.core.sessions import SessionStore
from renda.testing import make_user, signed_in

PAGE = engines["django"].from_string('<form method="post">{% csrf_token %}</form><p>{{ n }}</p>'
                                     '<b hx-headers=\'{"X-CSRFToken": "{{ csrf_token }}"}\'></b>')


def _view(calls: list, *, writes=None, content_type="text/html; charset=utf-8"):
    @kept_pages.kept_page
    def view(request, congress_code=None):
        calls.append(request)
        if writes:
            writes()
        return HttpResponse(PAGE.render({"n": len(calls)}, request), content_type=content_type)
    return view


def _request(world, user, path="/c/x/page/", method="get", cookie="s" * 32, **headers):
    request = getattr(RequestFactory(), method)(path, **headers)
    request.user, request.congress = user, world.congress
    request.COOKIES[settings.CSRF_COOKIE_NAME] = cookie
    request.META["CSRF_COOKIE"] = cookie
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _tokens(html: str) -> list[str]:
    import re

    return re.findall(r'value="([A-Za-z0-9]{64})"|"X-CSRFToken": "([A-Za-z0-9]{64})"', html)


def test_the_same_reader_is_served_the_kept_page_with_a_token_of_their_own(world_a):
    calls: list = []
    view = _view(calls)
    first = view(_request(world_a, world_a.office)).content.decode()
    again = view(_request(world_a, world_a.office)).content.decode()
    assert len(calls) == 1 and "<p>1</p>" in again
    tokens = [t for pair in _tokens(again) for t in pair if t]
    assert len(tokens) == 2 and all(_unmask_cipher_token(t) == "s" * 32 for t in tokens)
    assert kept_pages.CSRF_MARK not in again and tokens[0] not in first  # a new mask, not the kept one


def test_another_browser_of_the_same_reader_gets_tokens_for_its_own_cookie(world_a):
    calls: list = []
    view = _view(calls)
    view(_request(world_a, world_a.office, cookie="a" * 32))
    other = view(_request(world_a, world_a.office, cookie="b" * 32)).content.decode()
    assert len(calls) == 1
    assert all(_unmask_cipher_token(t) == "b" * 32 for pair in _tokens(other) for t in pair if t)


def test_another_reader_a_new_version_another_address_each_render_afresh(world_a):
    calls: list = []
    view = _view(calls)
    view(_request(world_a, world_a.office))
    view(_request(world_a, world_a.deputy))
    assert len(calls) == 2
    view(_request(world_a, world_a.office, path="/c/x/page/?q=1"))
    assert len(calls) == 3
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=make_user("new-staff"), role=Role.OFFICE_STAFF)
    assert "<p>4</p>" in view(_request(world_a, world_a.office)).content.decode()  # any action moves the version
    view(_request(world_a, world_a.office))
    assert len(calls) == 4


def _renders_of_two_opens(world, calls: list, view, between=lambda: None) -> int:
    """How many times the view rendered when the office opened its page twice (``between`` in between)."""
    view(_request(world, world.office))
    between()
    view(_request(world, world.office))
    return len(calls)


def test_a_renamed_account_is_not_shown_its_old_name(world_a):
    calls: list = []

    def rename():
        world_a.office.first_name = "新名字"
    assert _renders_of_two_opens(world_a, calls, _view(calls), rename) == 2


@pytest.mark.parametrize("request_kind", ["post", "htmx", "export", "build"])
def test_no_keep_for_a_post_an_htmx_request_or_a_download(world_a, request_kind):
    calls: list = []
    view = _view(calls)
    for _ in range(2):
        if request_kind == "post":
            request = _request(world_a, world_a.office, method="post")
        elif request_kind == "htmx":
            request = _request(world_a, world_a.office, HTTP_HX_REQUEST="true")
        else:
            request = _request(world_a, world_a.office, path=f"/c/x/page/?{request_kind}=xlsx")
        view(request)
    assert len(calls) == 2


def test_a_page_whose_opening_wrote_something_is_not_kept(world_a):
    calls: list = []
    # A statement that is no SELECT, though it changes no row.
    view = _view(calls, writes=lambda: AuditEntry.objects.filter(congress=world_a.congress, pk=0).delete())
    assert _renders_of_two_opens(world_a, calls, view) == 2


def test_only_an_html_page_is_kept(world_a):
    calls: list = []
    assert _renders_of_two_opens(world_a, calls, _view(calls, content_type="text/csv")) == 2
    html: list = []
    assert _renders_of_two_opens(world_a, html, _view(html)) == 1


def test_a_message_waiting_or_added_is_shown_on_a_fresh_page_and_that_page_is_not_kept(world_a):
    calls: list = []
    view = _view(calls)
    view(_request(world_a, world_a.office))
    waiting = _request(world_a, world_a.office)
    waiting._messages.add(25, "已保存")
    view(waiting)
    assert len(calls) == 2

    @kept_pages.kept_page
    def tells(request):
        messages.info(request, "提示")
        calls.append(request)
        return HttpResponse("<p>提示</p>")

    tells(_request(world_a, world_a.office, path="/c/x/tells/"))
    tells(_request(world_a, world_a.office, path="/c/x/tells/"))
    assert len(calls) == 4


def test_after_a_forms_redirect_the_page_shows_its_message(world_a):
    """The message a form's redirect leaves (Django keeps it in a cookie) is shown on the next page once,
    though that page was kept at the same data version."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    client.get(home)  # kept now
    storage = CookieStorage(RequestFactory().get(home))
    storage.add(constants.SUCCESS, "已保存设置")
    response = HttpResponse()
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    assert "已保存设置" in client.get(home).content.decode()
    assert "已保存设置" not in client.get(home).content.decode()  # shown once, as always


def test_a_kept_page_is_not_served_once_it_is_older_than_the_limit(world_a, monkeypatch):
    calls: list = []
    view = _view(calls)
    view(_request(world_a, world_a.office))
    clock = kept_pages.time.monotonic() + kept_pages.versioned.KEPT_FOR + 1
    monkeypatch.setattr(kept_pages.time, "monotonic", lambda: clock)
    view(_request(world_a, world_a.office))
    assert len(calls) == 2


def test_each_worker_keeps_at_most_its_byte_limit(world_a, monkeypatch):
    from cachetools import LRUCache

    small = LRUCache(maxsize=3000, getsizeof=kept_pages._pages.getsizeof)
    monkeypatch.setattr(kept_pages, "_pages", small)
    view = _view([])
    for n in range(10):
        view(_request(world_a, world_a.office, path=f"/c/x/page/?n={n}"))
    assert 0 < small.currsize <= 3000 and len(small) < 10


# The real pages, through the client and the middleware.

def test_the_home_inbox_follows_a_role_revoked_and_never_shows_one_reader_anothers(world_a):
    home = f"/c/{world_a.congress.code}/"
    office, deputy = signed_in(world_a.office), signed_in(world_a.deputy)
    first = office.get(home).content.decode()
    assert "今天需要您处理的事" in first and office.get(home).content.decode().count(world_a.office.username) >= 1
    deputy_page = deputy.get(home).content.decode()  # the same address, at the same version
    assert world_a.office.username not in deputy_page and world_a.deputy.username in deputy_page
    grant = RoleGrant.objects.get(congress=world_a.congress, user=world_a.office)
    core_actions.revoke_role(world_a.congress, grant, actor=world_a.root)
    after = office.get(home).content.decode()
    assert "今天需要您处理的事" not in after and world_a.congress.name in after  # now the public's front page


def test_a_form_on_a_kept_page_posts_with_its_token(world_a):
    """A browser with CSRF checks on: the token of a page served from the keep is accepted."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    page = client.get(home).content.decode()  # from the keep
    token = next(t for pair in _tokens(page) for t in pair if t)
    assert client.post("/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "退出登录" not in client.get(home).content.decode()


def test_signing_out_is_not_undone_by_a_kept_page(world_a):
    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    client.get(home)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/logout/")
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key
    assert "退出登录" not in stale.get(home).content.decode()


def test_get_token_of_a_kept_page_renews_the_cookie_as_a_fresh_page_does(world_a):
    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    response = client.get(home)
    assert settings.CSRF_COOKIE_NAME in response.cookies
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = response.cookies[settings.CSRF_COOKIE_NAME].value
    assert _unmask_cipher_token(get_token(request)) == request.META["CSRF_COOKIE"]


def test_the_permission_a_page_requires_is_checked_on_every_request(world_a, monkeypatch):
    """A kept page answers only after the view's ``@requires``: were a permission to go without the data
    version moving, the next request would be refused, not served the kept page."""
    from renda.core import views_helpers

    client = signed_in(world_a.office)
    review = f"/c/{world_a.congress.code}/suggestions/review/"
    assert client.get(review).status_code == 200
    assert client.get(review).status_code == 200  # kept now
    monkeypatch.setattr(views_helpers, "may", lambda user, congress, permission: False)
    assert client.get(review).status_code == 403


def _opened_side_by_side(world, monkeypatch, status: int = 200) -> tuple[list, dict]:
    """The office opens a page not kept yet twice at once: the second request arrives while the first is
    working the page out. The view's calls and each request's answer."""
    import threading

    monkeypatch.setattr(kept_pages, "_key", lambda request, reader, varied: f"page:side-by-side:{status}")
    kept_pages.forget_all()
    started, release = threading.Event(), threading.Event()
    calls: list = []

    @kept_pages.kept_page
    def view(request, congress_code=None):
        calls.append(request)
        started.set()
        release.wait(5)
        # No template with the request: its context processors would read the database from this thread.
        return HttpResponse(f'<p>{len(calls)}</p><input type="hidden" value="{get_token(request)}">', status=status)

    requests = {name: _request(world, world.office) for name in ("first", "second")}
    answers: dict = {}

    def open_page(name):
        answers[name] = view(requests[name])

    first = threading.Thread(target=open_page, args=("first",))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=open_page, args=("second",))
    second.start()
    second.join(0.3)
    assert second.is_alive() and len(calls) == 1  # the second waits for the first
    release.set()
    first.join(5)
    second.join(5)
    kept_pages.forget_all()
    return calls, answers


def test_a_request_arriving_while_the_page_is_worked_out_waits_and_is_served_that_page(world_a, monkeypatch):
    calls, answers = _opened_side_by_side(world_a, monkeypatch)
    assert len(calls) == 1
    second = answers["second"].content.decode()
    assert "<p>1</p>" in second
    assert all(_unmask_cipher_token(t) == "s" * 32 for pair in _tokens(second) for t in pair if t)


def test_when_the_first_answer_is_not_kept_the_waiting_request_works_the_page_out_itself(world_a, monkeypatch):
    calls, answers = _opened_side_by_side(world_a, monkeypatch, status=404)
    assert len(calls) == 2 and answers["second"].status_code == 404


def test_a_kept_pages_token_is_djangos_masking_of_the_secret_with_an_even_mask():
    from collections import Counter

    from django.middleware import csrf

    from renda.core import csrf_tokens

    request = RequestFactory().get("/")
    secret = csrf._get_new_csrf_string()  # type: ignore[attr-defined]
    request.META["CSRF_COOKIE"] = secret
    tokens = [csrf_tokens.masked_token(request) for _ in range(2000)]
    assert all(len(t) == csrf.CSRF_TOKEN_LENGTH and _unmask_cipher_token(t) == secret for t in tokens)
    assert len(set(tokens)) == len(tokens) and request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    drawn = Counter("".join(t[:32] for t in tokens))  # the masks: 64,000 characters
    assert set(drawn) == set(csrf.CSRF_ALLOWED_CHARS)
    assert all(750 < n < 1300 for n in drawn.values())  # ~1,032 each: no character favoured
    fresh = RequestFactory().get("/")  # no cookie yet: Django makes the secret, and its cookie is sent
    assert _unmask_cipher_token(csrf_tokens.masked_token(fresh)) == fresh.META["CSRF_COOKIE"]


def test_the_randomness_is_read_for_many_tokens_at_once_and_each_byte_given_out_once(monkeypatch):
    """One read of the system's randomness serves many tokens; a worker forked with its master's pool (another
    process id) and another thread each read their own."""
    import threading

    from renda.core import csrf_tokens

    reads: list[bytes] = []

    def token_bytes(n: int) -> bytes:
        reads.append(os.urandom(n))
        return reads[-1]

    monkeypatch.setattr(csrf_tokens.secrets, "token_bytes", token_bytes)
    monkeypatch.setattr(csrf_tokens._pool, "state", (os.getpid(), b""), raising=False)
    given = b"".join(csrf_tokens._random_bytes(40) for _ in range(300))
    assert len(reads) == -(-300 * 40 // csrf_tokens.POOL_BYTES)  # 12,000 bytes: three reads of 4 KB
    assert given == b"".join(r[: len(r) - len(r) % 40] for r in reads)[:12000]  # in order, none given twice
    monkeypatch.setattr(csrf_tokens.os, "getpid", lambda: -1)  # as in a worker forked after the pool was read
    csrf_tokens._random_bytes(40)
    assert len(reads) == 4
    other: list[bytes] = []
    thread = threading.Thread(target=lambda: other.append(csrf_tokens._random_bytes(40)))
    thread.start()
    thread.join()
    assert len(reads) == 5 and other[0] == reads[-1][:40]


def test_only_this_sessions_tokens_standing_alone_are_taken_out_of_a_kept_page():
    from django.middleware import csrf

    from renda.core import csrf_tokens

    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "s" * 32
    mine, other = csrf_tokens.masked_token(request), "a" * 64  # ``other`` unmasks to another secret
    html = (f'<input value="{mine}"><b>{mine}</b>{{"X-CSRFToken": "{mine}"}}-{mine}-'
            f'<i>{mine}x</i><i>x{mine}</i><i>{other}</i>中{mine}文')
    marked = kept_pages._marked(request, html)
    assert marked.count(kept_pages.CSRF_MARK) == 5 and marked.count(mine) == 2  # the two in longer runs stay
    assert f"{mine}x" in marked and f"x{mine}" in marked and other in marked
    assert _unmask_cipher_token(other) != "s" * 32 and len(mine) == csrf.CSRF_TOKEN_LENGTH
