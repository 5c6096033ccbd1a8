"""Walk a congress's pages in a real browser as one user: every page reachable by links, one address
per route, checked for horizontal overflow at the page's width and by axe-core for accessibility.

Used by the browser test of every page (test_browser_every_page.py) and, against a served demo, to
measure the figures recorded in the closing note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from urllib.parse import urljoin, urlparse

from django.urls import Resolver404, resolve

SKIP = re.compile(r"(\.(xlsx|csv|pdf|docx|json|png|svg|jpe?g|ics)$)|/export/|/attachments/|/photos/|/documents/\d+/$|/logout/")
SERIOUS = {"serious", "critical"}

# Everything wider than the window that is not inside a horizontal scroller, and every control
# (link, button, field) that ends past the right edge even inside one: a control nobody can tap.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' “' + (el.innerText || el.value || '').trim().slice(0, 30) + '”';
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    let scroller = null;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { scroller = p; break; }
    }
    const control = el.matches('a, button, input, select, textarea, summary');
    if (scroller && !control) continue;
    if (scroller && scroller.getBoundingClientRect().right > width + 1) continue;  // reported as the scroller
    bad.push(describe(el) + ' ends at ' + Math.round(box.right) + 'px');
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: width, bad: bad.slice(0, 8)};
}"""


@cache
def axe_script() -> str:
    """axe-core as published on npm, shipped inside the axe-playwright-python wheel; injected by the
    test, never fetched by a page."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@dataclass
class PageReport:
    url: str
    route: str
    status: int
    overflow: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)  # axe violations: id, impact, nodes, help

    @property
    def serious(self) -> list[dict]:
        return [v for v in self.violations if v["impact"] in SERIOUS]


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def check_page(page, url: str, route: str, status: int, *, axe: bool = True) -> PageReport:
    report = PageReport(url, route, status)
    measured = page.evaluate(OVERFLOW_JS)
    if measured["scrollWidth"] > measured["width"] + 1:
        report.overflow.append(f"page is {measured['scrollWidth']}px wide in a {measured['width']}px window")
    report.overflow.extend(measured["bad"])
    if axe:
        page.evaluate(axe_script())
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        report.violations = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                              "nodes": [n["target"] for n in v["nodes"][:3]], "count": len(v["nodes"])}
                             for v in result["violations"]]
    return report


def walk(page, base: str, start: list[str], prefix: str, *, limit: int = 80, axe: bool = True, check: bool = True,
         route_of=route_of) -> list[PageReport]:
    """Follow links from ``start`` that stay under ``prefix``, one address per route, at most ``limit``;
    with ``check``, measure each page (overflow, and axe with ``axe``)."""
    seen_routes: set[str] = set()
    queue = list(start)
    reports: list[PageReport] = []
    while queue and len(reports) < limit:
        url = queue.pop(0)
        path = urlparse(url).path
        route = route_of(path)
        if route is None or route in seen_routes or SKIP.search(path):
            continue
        seen_routes.add(route)
        response = page.goto(urljoin(base, url))
        page.wait_for_load_state("load")
        status = response.status if response else 0
        landed = urlparse(page.url).path
        if landed != path:  # redirected: to sign in (not this walk's pages), or to a page of its own route
            route = route_of(landed)
            if route is None or route in seen_routes or not landed.startswith(prefix):
                continue
            seen_routes.add(route)
            url, path = landed, landed
        reports.append(check_page(page, url, route, status, axe=axe) if check else PageReport(url, route, status))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urlparse(urljoin(base + path, href))
            if target.netloc == urlparse(base).netloc and target.path.startswith(prefix):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return reports
