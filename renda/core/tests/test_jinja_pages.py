"""Pages rendered whole by Jinja2 (core.jinja.page) have the layout Django pages have."""

from __future__ import annotations

from pathlib import Path

from renda.testing import signed_in

PACKAGE = Path(__file__).resolve().parents[2]


def test_the_jinja2_layout_is_the_django_layout_word_for_word():
    """One markup in two files: the layout's text is valid in both engines, and must stay the same."""
    django_layout = (PACKAGE / "templates" / "base.html").read_text()
    jinja_layout = (PACKAGE / "core" / "jinja2" / "core" / "base.jinja").read_text()
    assert jinja_layout.split("-#}\n", 1)[1] == django_layout


def test_a_jinja2_page_has_the_header_the_messages_and_the_confirmation_dialog_of_a_django_page(world_a):
    office = signed_in(world_a.office)
    code = world_a.congress.code
    jinja_page = office.get(f"/c/{code}/suggestions/review/").content.decode()
    django_page = office.get(f"/c/{code}/suggestions/supervision/").content.decode()

    def chrome(page: str) -> tuple[str, str]:
        head, rest = page.split('<main id="main">', 1)
        return head.split("<title>", 1)[0], rest.rsplit("</main>", 1)[1].rstrip("\n")  # Jinja2 drops the last newline

    assert chrome(jinja_page) == chrome(django_page)
    assert 'aria-current="page">议案建议审查</a>' in jinja_page and 'class="area-tabs' in jinja_page
    assert jinja_page.count('name="csrfmiddlewaretoken"') >= 1  # the header's sign-out form
