"""Bill and law pages: who sees what, another congress's 404, the version page's anchors and article
editing (a refusal names the line and keeps the text), the comparison and its 对照表, the downloads,
the public laws with revisions and the amendment bill from the consolidated text; kind 规则 shown."""

from renda.core.roles import Role
from renda.legislation import actions, queries
from renda.legislation.demo_data import make_law_in_force
from renda.legislation.models import Bill
from renda.legislation.tests.fixtures import bill
from renda.testing import signed_in


def test_staff_and_members_see_bills_deputies_do_not(world_a, world_b):
    b = bill(world_a, kind="rules", title="示例市人大常委会议事规则（修订草案）")
    base = f"/c/{world_a.congress.code}/legislation/bills/"
    for role in (Role.OFFICE_STAFF, Role.COMMITTEE_STAFF, Role.SC_MEMBER):
        page = signed_in(world_a.users[role]).get(base)
        assert page.status_code == 200 and "示例市人大常委会议事规则" in page.content.decode()
    assert signed_in(world_a.deputy).get(base).status_code == 403
    page = signed_in(world_a.office).get(f"{base}{b.pk}/").content.decode()
    assert "常委会议事规则等规范" in page and 'id="art_6"' in page
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/legislation/bills/{b.pk}/").status_code == 404
    v = queries.current_version(b)
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/legislation/versions/{v.pk}/").status_code == 404
    assert "status=drafting" and signed_in(world_a.office).get(base + "?status=passed").content.decode() \
        .count("示例市人大常委会议事规则") == 0


def test_creating_a_bill_keeps_what_was_typed_on_a_refusal(world_a):
    client = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/legislation/bills/new/"
    bad = client.post(url, {"title": "示例市养犬管理条例", "kind": "regulation", "purpose": "new",
                            "text": "第一条　甲。\n第一条　乙。"})
    assert bad.status_code == 422
    said = bad.content.decode()
    assert "第2行" in said and "重复" in said and "示例市养犬管理条例" in said
    good = client.post(url, {"title": "示例市养犬管理条例", "kind": "rules", "purpose": "new",
                             "text": "第一条　甲。\n第二条　乙。"})
    assert good.status_code == 302
    assert Bill.objects.in_congress(world_a.congress).get().kind == "rules"


def test_editing_on_the_version_page(world_a):
    b = bill(world_a)
    v = queries.current_version(b)
    client = signed_in(world_a.office)
    fourth = queries.articles(v).get(number=4)
    base = f"/c/{world_a.congress.code}/legislation/versions/{v.pk}/"
    done = client.post(base + "edit/insert/", {"after": fourth.key, "text": "违反第五条的，依照第六条处理。"})
    assert done.status_code == 302
    page = client.get(base).content.decode()
    assert "违反第六条的，依照第七条处理。" in page and 'id="art_7"' in page
    refused = client.post(base + "edit/insert/", {"after": fourth.key, "text": "依照第九十条处理。"})
    assert refused.status_code == 422 and "第九十条" in refused.content.decode()
    fifth = queries.articles(v).get(number=6)
    gone = client.post(base + "edit/delete/", {"key": fifth.key}, follow=True)
    assert "第六条被第五条、第七条引用" in gone.content.decode()
    member = signed_in(world_a.users[Role.SC_MEMBER])
    assert member.post(base + "edit/delete/", {"key": fifth.key}).status_code == 403
    assert "修改标题" not in member.get(base).content.decode()


def test_comparison_page_and_downloads(world_a):
    b = bill(world_a)
    v2 = actions.add_version(world_a.congress, b, actor=world_a.office, stage="revision", label="草案修改稿")
    first = queries.articles(v2).get(number=1)
    actions.insert_article(world_a.congress, v2, actor=world_a.office, after=first.key, text="本市设立河湖保护日。")
    client = signed_in(world_a.users[Role.SC_MEMBER])
    code = world_a.congress.code
    page = client.get(f"/c/{code}/legislation/bills/{b.pk}/compare/").content.decode()
    assert "新增 1 条" in page and "条文序号由第二条改为第三条" in page
    for ext in ("pdf", "docx"):
        got = client.get(f"/c/{code}/legislation/bills/{b.pk}/compare.{ext}")
        assert got.status_code == 200 and "%E5%AF%B9%E7%85%A7%E8%A1%A8" in got["Content-Disposition"]  # 对照表
    for ext in ("pdf", "docx", "xml"):
        assert client.get(f"/c/{code}/legislation/versions/{v2.pk}/text.{ext}").status_code == 200


def test_laws_are_public_with_their_history_and_staff_start_an_amendment(world_a, world_b, client):
    law = make_law_in_force(world_a.congress, world_a.office)
    code = world_a.congress.code
    assert "示例市河湖生态保护条例" in client.get(f"/c/{code}/legislation/laws/").content.decode()
    page = client.get(f"/c/{code}/legislation/laws/{law.pk}/").content.decode()
    assert "第12号" in page and 'id="art_28"' in page and "起草修改法规案" not in page
    assert client.get(f"/c/{code}/legislation/laws/{law.pk}/text.xml").status_code == 200
    assert client.get(f"/c/{world_b.congress.code}/legislation/laws/{law.pk}/").status_code == 404
    staff = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    assert "起草修改法规案" in staff.get(f"/c/{code}/legislation/laws/{law.pk}/").content.decode()
    made = staff.post(f"/c/{code}/legislation/laws/{law.pk}/amend/", {"purpose": "amendment"})
    assert made.status_code == 302
    amendment = Bill.objects.in_congress(world_a.congress).get(purpose="amendment")
    assert amendment.title == "关于修改《示例市河湖生态保护条例》的决定"
    assert queries.articles(queries.current_version(amendment)).count() == 30
    second = actions.register_law(world_a.congress, actor=world_a.office, title=law.title, law=law,
                                  text=__import__("renda.legislation.demo_data", fromlist=["TEXT"]).TEXT.replace(
                                      "一万元以上五万元以下", "二万元以上十万元以下"), passed_on="2025-06-30")
    assert second == law
    revision = queries.revisions(law).last()
    compared = client.get(f"/c/{code}/legislation/laws/{law.pk}/compare/{revision.pk}/").content.decode()
    assert "修改 1 条" in compared and "<ins>二</ins>" in compared
