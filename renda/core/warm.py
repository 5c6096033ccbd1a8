"""What every server worker would otherwise work out on its first requests, done once in the server's
master process before it forks the workers, which inherit it: every URL pattern and the view modules
behind them, and every template compiled.

A worker's first request for a page cost 130–260 ms more than the next one (docs/performance.md): with
16 threads each taking a request at once, a fresh worker spent seconds compiling the same templates
side by side.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

log = logging.getLogger(__name__)


PACKAGE = Path(__file__).resolve().parent.parent


def template_names(engine) -> list[str]:
    """Every template of our own package an engine can load, by the name a view would ask for (not
    those of Django's admin, which the office opens rarely)."""
    names: set[str] = set()
    for folder in engine.template_dirs:
        root = Path(folder)
        if not root.resolve().is_relative_to(PACKAGE):
            continue
        names.update(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
    return sorted(names)


def warm() -> list[str]:
    """Resolve the URL patterns and compile every template; returns the names of those compiled."""
    get_resolver()._populate()  # reads the URL configuration, which imports every view
    compiled: list[str] = []
    for engine in engines.all():
        for name in template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateSyntaxError, UnicodeDecodeError) as refused:  # not a template (an image); a page shows its own error
                log.debug("not compiled ahead: %s (%s)", name, refused)
                continue
            compiled.append(name)
    return compiled
