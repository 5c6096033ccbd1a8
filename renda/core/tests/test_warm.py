"""core.warm: the server's master compiles every template of the package before it forks its workers."""

from __future__ import annotations

from pathlib import Path

from renda.core import warm

PACKAGE = Path(warm.__file__).resolve().parent.parent


def test_every_template_of_the_package_is_compiled_ahead():
    files = {p for p in PACKAGE.rglob("*") if p.is_file() and {"templates", "jinja2"} & set(p.relative_to(PACKAGE).parts)}
    compiled = warm.warm()
    assert len(compiled) == len(files) > 300  # every one of them, none refused
    assert "base.html" in compiled and "meetings/_detail_sections.html" in compiled
    assert "meetings/roster_rows.jinja" in compiled
    assert not any(name.startswith("admin/") for name in compiled)  # Django's admin is left to its first use
