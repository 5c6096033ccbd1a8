"""The congress's addresses dispatched by first segment (core.url_dispatch) resolve and reverse exactly as
the apps' lists mounted one after another did."""

import pytest
from django.urls import URLResolver, include, path, resolve, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern

from renda.core.url_dispatch import by_first_segment
from renda.urls import CONGRESS_URLS

SAMPLE = {"int": "7", "slug": "a-b", "str": "x", "path": "a/b", "uuid": "12345678-1234-5678-1234-567812345678"}


def one_after_another() -> URLResolver:
    """The URL tree as it was: every app's list under c/<code>/, tried in order."""
    return URLResolver(RegexPattern(r"^/"), [path("c/<slug:congress_code>/", include(module)) for module in CONGRESS_URLS])


def every_address() -> list[str]:
    """An address for every congress pattern, its converters filled with sample values."""
    from importlib import import_module

    addresses = []
    for module in CONGRESS_URLS:
        for pattern in import_module(module).urlpatterns:
            route = str(pattern.pattern)
            for name, converter in pattern.pattern.converters.items():
                kind = next(k for k, v in SAMPLE.items() if type(converter).__name__.lower().startswith(k))
                route = route.replace(f"<{kind}:{name}>", SAMPLE[kind]).replace(f"<{name}>", SAMPLE["str"])
            addresses.append(f"/c/demo-city/{route}")
    return addresses


def test_every_congress_address_resolves_to_the_same_view_arguments_and_route():
    before = one_after_another()
    addresses = every_address()
    assert len(addresses) > 300  # every app's pages (344 when this was written)
    for address in addresses:
        old, new = before.resolve(address), resolve(address)
        assert (new.func, new.kwargs, new.url_name, new.route) == (old.func, old.kwargs, old.url_name, old.route), address


def test_every_named_pattern_reverses_to_the_address_it_resolves_from():
    before = one_after_another()
    for address in every_address():
        match = before.resolve(address)
        if match.url_name:
            assert reverse(match.url_name, kwargs=match.kwargs) == address


@pytest.mark.parametrize("address", ["/c/demo-city/nowhere/", "/c/demo-city/meetings/not-a-number/", "/c/demo-city/x"])
def test_an_address_that_matched_nothing_before_matches_nothing_now(address):
    with pytest.raises(Resolver404):
        one_after_another().resolve(address)
    with pytest.raises(Resolver404):
        resolve(address)


def test_a_pattern_that_could_match_any_first_segment_is_refused(tmp_path, monkeypatch):
    import sys
    import types

    from django.core.exceptions import ImproperlyConfigured

    module = types.ModuleType("renda_test_catch_all_urls")
    module.urlpatterns = [path("<slug:anything>/", lambda request, anything: None)]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    with pytest.raises(ImproperlyConfigured, match="literal segment"):
        by_first_segment([module.__name__])
