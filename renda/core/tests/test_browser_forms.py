"""Every form of the site keeps what was typed: submitted with one invalid field, it comes back with
every other value the person entered.

For each role, the pages reachable by links (and one object of each kind) are visited; on each, every
form that posts and has something to type is filled with recognisable values, one field is made
invalid (a required field left empty, or else a date or number box given words), and the form is
submitted (confirming where it asks). The page that comes back must hold each typed value in a field
of the same name. Skipped, with the reason, where /usr/bin/chromium is absent.
"""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from renda.core.roles import Role
from renda.core.tests.sitewalk import walk
from renda.core.tests.test_browser_every_page import a_working_congress, browser, pytestmark, sign_in  # noqa: F401  (fixture)

ROLES = [None, Role.DEPUTY, Role.SC_MEMBER, Role.UNIT_OFFICER, Role.COMMITTEE_STAFF, Role.OFFICE_STAFF, Role.ADMIN]

# Fill the form's n-th typed field with a recognisable value each, leave one invalid, and say what was typed.
FILL_JS = """([index]) => {
  const form = document.querySelectorAll('main form')[index];
  const fields = [...form.querySelectorAll('input, textarea')].filter(el =>
      !['hidden', 'submit', 'button', 'checkbox', 'radio', 'file', 'reset', 'image'].includes(el.type) && !el.disabled && !el.readOnly);
  if (!fields.length) return null;
  let broken = fields.find(el => el.required);
  let how = 'left empty';
  if (!broken) {
    broken = fields.find(el => ['date', 'number', 'datetime-local', 'month'].includes(el.type));
    how = 'given words';
  }
  if (!broken) return null;
  const typed = {};
  fields.forEach((el, n) => {
    if (el === broken) {
      if (how === 'given words') { el.type = 'text'; el.value = '不是数字或日期'; } else { el.value = ''; }
      return;
    }
    let value;
    if (el.type === 'date') value = '2026-03-1' + (n % 10);
    else if (el.type === 'datetime-local') value = '2026-03-15T09:3' + (n % 10);
    else if (el.type === 'number') value = String(3 + n);
    else if (el.type === 'email') value = 'keep' + n + '@example.cn';
    else if (el.type === 'tel') value = '1380000' + String(1000 + n);
    else if (el.type === 'password') return;  // never echoed back, by design
    else value = '保留测试' + n;
    el.value = value;
    typed[el.name] = (typed[el.name] || []).concat([value]);
  });
  form.noValidate = true;
  return {typed: typed, broken: broken.name, how: how, action: form.getAttribute('action') || ''};
}"""

KEPT_JS = """([typed]) => {
  const missing = [];
  for (const [name, values] of Object.entries(typed)) {
    const present = [...document.querySelectorAll('[name="' + name + '"]')].map(el => el.value);
    for (const v of values) if (!present.includes(v) && !present.some(p => p.includes(v))) missing.push(name + '=' + v);
  }
  return missing;
}"""


def _post_forms(page) -> int:
    return page.evaluate("document.querySelectorAll('main form').length")


def _is_post(page, index: int) -> bool:
    return page.evaluate("([i]) => (document.querySelectorAll('main form')[i].method || '').toLowerCase() === 'post'",
                         [index])


def test_every_form_comes_back_with_what_was_typed(transactional_db, live_server, browser):  # noqa: F811
    world, starts = a_working_congress()
    problems, checked = [], 0
    for role in ROLES:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        if role is not None:
            sign_in(page, live_server.url, world.users[role].username)
            page.wait_for_url(lambda url: "/login/" not in url)
        who = role.label if role else "未登录"
        pages = walk(page, live_server.url, starts, f"/c/{world.congress.code}/", check=False)
        for report in pages:
            if report.status != 200:
                continue
            page.goto(live_server.url + report.url)
            for index in range(_post_forms(page)):
                if index:
                    page.goto(live_server.url + report.url)
                if not _is_post(page, index):
                    continue
                filled = page.evaluate(FILL_JS, [index])
                if not filled or not filled["typed"]:
                    continue
                checked += 1
                form = page.locator("main form").nth(index)
                if form.evaluate("f => f.hasAttribute('hx-post')"):
                    form.evaluate("f => f.requestSubmit()")
                    page.wait_for_timeout(1500)  # htmx swaps a fragment, or keeps the form as it is
                else:
                    with page.expect_navigation(wait_until="load", timeout=15000):
                        form.evaluate("f => f.requestSubmit()")
                        try:
                            page.wait_for_selector("#confirm-dialog[open]", timeout=700)
                            page.click("#confirm-ok")
                        except PlaywrightTimeout:
                            pass
                missing = page.evaluate(KEPT_JS, [filled["typed"]])
                if missing:
                    problems.append(f"[{who}] {report.url} form {index} → {filled['action']} "
                                    f"({filled['broken']} {filled['how']}): lost {', '.join(missing[:4])}")
        context.close()
    assert checked >= 25, f"only {checked} forms were found to check"
    assert not problems, f"{len(problems)} forms lost what was typed:\n" + "\n".join(problems)
