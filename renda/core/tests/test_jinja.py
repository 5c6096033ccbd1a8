"""The Jinja2 rows' helpers (core.jinja): links as Django's {% url %} gives them, under any script prefix."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from renda.core import jinja


def test_a_link_is_the_reversed_route_and_follows_the_script_prefix():
    assert jinja.url("deputy_detail", "demo-city", 7) == reverse("deputy_detail", args=("demo-city", 7))
    assert jinja.url("deputy_detail", "demo-city", 8) != jinja.url("deputy_detail", "demo-city", 7)
    set_script_prefix("/renda/")
    try:
        assert jinja.url("deputy_detail", "demo-city", 7) == reverse("deputy_detail", args=("demo-city", 7))
        assert jinja.url("deputy_detail", "demo-city", 7).startswith("/renda/c/demo-city/")  # not the kept one
    finally:
        clear_script_prefix()
    assert jinja.url("deputy_detail", "demo-city", 7).startswith("/c/demo-city/")
