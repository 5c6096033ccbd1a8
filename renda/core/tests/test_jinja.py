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


def test_the_date_filter_writes_what_djangos_writes():
    import datetime

    from django.template.defaultfilters import date as django_date
    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime(2026, 12, 31, 20, 30), datetime.UTC)  # 1 Jan in Beijing
    for value in [datetime.date(2026, 1, 5), datetime.date(1, 1, 1), datetime.date(999, 12, 31), moment,
                  datetime.datetime(2026, 3, 4, 5, 6)]:
        for fmt in ("Y-m-d", "Y年n月j日") + (("Y-m-d H:i",) if isinstance(value, datetime.datetime) else ()):
            # A Django template shows an aware datetime in local time before its filter formats it.
            shown = timezone.localtime(value) if isinstance(value, datetime.datetime) and timezone.is_aware(value) else value
            assert jinja.date(value, fmt) == django_date(shown, fmt), (value, fmt)
    assert jinja.date(moment) == "2027-01-01" and jinja.date(None) == jinja.date("") == ""
