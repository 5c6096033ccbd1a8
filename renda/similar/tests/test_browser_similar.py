"""相似的已有件 in a real browser (headless chromium; see people/tests/test_browser.py): a deputy on a phone
types a draft close to their own submitted suggestion and the panel offers it, the overlap marked (another
deputy's unpublished one is only counted); a citizen on a station's concern form types a concern close to
someone else's and sees only the marked overlap, never that person's name or number, and still gets a
tracking code; staff at 1366 px see two planted near-duplicates grouped on the clusters page."""

import pytest

from renda.core.tests.sitewalk import OVERFLOW_JS, check_page
from renda.liaison.tests.factory import concern
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.proposals import actions
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

ELEVATOR = ("关于加快推进城区老旧小区加装电梯的建议",
            "目前城区老旧小区多为六层以下住宅，没有电梯，老年居民上下楼十分困难，建议住建局制定加装电梯补贴办法，简化审批流程。")
WATER = ("关于保障农村饮水安全的建议", "部分山区村组自来水水压不足，夏季经常停水，建议水利局改造供水管网。")


def _suggestion(world, title, body, *, actor=None):
    actor = actor or world.deputy
    item = actions.save_suggestion_draft(world.congress, actor=actor, term=world.term, title=title, body=body)
    return actions.submit_suggestion(world.congress, item, actor=actor)


def _fits(page, what: str) -> None:
    report = check_page(page, page.url, what, 200)
    assert not report.overflow and not report.serious, (what, report.overflow, report.serious)


def ime_type(page, selector: str, text: str, chunk: int = 2) -> None:
    """Type Chinese as a phone's input method does: a word or two committed at a time, each commit an input
    event followed by a keyup (key "Process"). Playwright's keyboard.type cannot do this: for characters
    not on a US keyboard it sends the input event only, with no key events at all."""
    page.click(selector)
    for i in range(0, len(text), chunk):
        page.keyboard.insert_text(text[i:i + chunk])
        page.dispatch_event(selector, "keyup", {"key": "Process", "keyCode": 229})
        page.wait_for_timeout(60)


def _phone(browser):  # noqa: F811
    return browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()


def test_a_deputy_typing_a_draft_on_a_phone_is_offered_the_similar_item(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("sb", "浏览器相似件市人民代表大会")
    c = world.congress
    mine = _suggestion(world, *ELEVATOR)
    _suggestion(world, *WATER)
    # another deputy's submitted, unpublished item on the same matter: counted, never shown to this deputy
    secret_title = "关于老旧小区加装电梯财政补贴的建议"
    _suggestion(world, secret_title, "老旧小区没有电梯，老年居民上下楼十分困难，建议加装电梯并给予补贴。",
                actor=world.users["sc_member"])
    page = _phone(browser)
    sign_in(page, live_server.url, world.deputy.username)
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/c/{c.code}/suggestions/new/")
    panel = page.locator("#similar-suggestion-items")
    assert "输入后" in panel.inner_text()
    ime_type(page, "#title", "老旧小区加装电梯")
    ime_type(page, "#body", "城区老旧小区没有电梯，老年居民上下楼十分困难")
    page.wait_for_selector(f"#similar-suggestion-items a[href$='/suggestions/{mine.pk}/']")
    hit = panel.locator(".similar-hit").first
    assert hit.locator("a").first.inner_text() == ELEVATOR[0]
    marked = " ".join(hit.locator("mark").all_inner_texts())
    assert "加装电梯" in marked or "老旧小区" in marked, marked
    assert "相似度" in hit.inner_text() and "您是本件的领衔或联名代表" in hit.inner_text()
    text = panel.inner_text()
    assert WATER[0] not in text  # not similar
    assert secret_title not in text and "另有 1 件相似的已提交" in text
    assert page.input_value("#title") == "老旧小区加装电梯"  # the panel never touches what is typed
    _fits(page, "suggestion draft with the similar panel")
    assert page.evaluate(OVERFLOW_JS)["bad"] == []


def test_a_citizen_typing_a_concern_sees_the_overlap_never_the_person_and_still_gets_a_code(
        transactional_db, live_server, browser):  # noqa: F811
    world = make_world("sc", "浏览器相似诉求市人民代表大会")
    c = world.congress
    concern(world, person_name="钱某某", person_contact="13912345678", place="城关镇幸福小区",
            text="我是幸福小区三号楼的孙建国，幸福小区门口缺少人行横道，老人过马路很危险")
    page = _phone(browser)
    page.goto(f"{live_server.url}/c/{c.code}/stations/{world.station.pk}/intake/")
    page.select_option("#intake_category", "交通出行")
    ime_type(page, "#intake_text", "幸福小区门口没有人行横道，老人孩子过马路很危险")
    page.wait_for_selector("#similar-concern-items mark")
    panel = page.locator("#similar-concern-items")
    text = panel.inner_text()
    assert "已有相似诉求" in text and "您仍可提交" in text
    assert "人行横道" in " ".join(panel.locator("mark").all_inner_texts())
    for private in ("钱某某", "13912345678", "孙建国"):
        assert private not in text and private not in panel.inner_html(), private
    assert panel.locator("a[href*='/concerns/']").count() == 0  # another person's concern has no link
    _fits(page, "concern form with the similar panel")
    page.fill("#intake_person_name", "赵大爷")
    page.fill("#intake_person_contact", "13900000002")
    page.click("form.card button[type=submit]")
    tracking_code = page.inner_text("#tracking-code").replace(" ", "")
    assert len(tracking_code) == 11 and tracking_code.isdigit()
    assert page.evaluate(OVERFLOW_JS)["bad"] == []


def test_staff_see_planted_near_duplicates_grouped_on_the_clusters_page(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("sk", "浏览器相似聚类市人民代表大会")
    c = world.congress
    first = _suggestion(world, *ELEVATOR)
    second = _suggestion(world, "关于加快城区老旧小区加装电梯的建议", ELEVATOR[1].replace("十分困难", "非常困难"),
                         actor=world.users["sc_member"])
    lone = _suggestion(world, *WATER)
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server.url, world.office.username)
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/c/{c.code}/similar/clusters/")
    page.wait_for_selector(".similar-cluster")
    groups = page.locator(".similar-cluster")
    hrefs = [[a.get_attribute("href") for a in groups.nth(i).locator("li a").all()] for i in range(groups.count())]
    together = [g for g in hrefs if any(h.endswith(f"/suggestions/{first.pk}/") for h in g)]
    assert together and any(h.endswith(f"/suggestions/{second.pk}/") for h in together[0]), hrefs
    assert not any(h.endswith(f"/suggestions/{lone.pk}/") for g in hrefs for h in g)
    group = groups.nth(hrefs.index(together[0]))
    assert "（2 件）" in group.locator("h3").inner_text() and ELEVATOR[0] in group.inner_text()
    _fits(page, "clusters")


def test_the_panel_also_answers_text_pasted_or_dictated(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("sp", "浏览器相似粘贴市人民代表大会")
    mine = _suggestion(world, *ELEVATOR)
    page = _phone(browser)
    sign_in(page, live_server.url, world.deputy.username)
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/c/{world.congress.code}/suggestions/new/")
    page.click("#body")
    page.keyboard.insert_text("城区老旧小区没有电梯，老年居民上下楼十分困难，建议加装电梯")  # a paste: input event only
    page.wait_for_selector(f"#similar-suggestion-items a[href$='/suggestions/{mine.pk}/']", timeout=5000)
