"""Co-signers are picked by name (certificate numbers still accepted); an unknown entry is refused with
a message; a co-signer can be removed before submission; an empty editor makes no draft."""

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.proposals import actions
from renda.proposals.models import Author, Suggestion
from renda.testing import signed_in


def new(world):
    return f"/c/{world.congress.code}/suggestions/new/"


def edit(world, item):
    return f"/c/{world.congress.code}/suggestions/{item.pk}/edit/"


def co_signers(world, item):
    return sorted(Author.objects.in_congress(world.congress).filter(suggestion=item, lead=False)
                  .values_list("person__name", flat=True))


def test_it_adds_co_signers_by_name_and_by_certificate_number(world_a):
    third = world_a.make_deputy("赵强")
    deputy = signed_in(world_a.deputy)
    saved = deputy.post(new(world_a), {"kind": "suggestion", "title": "关于校车的建议", "co_signers": "王芳"})
    item = Suggestion.objects.in_congress(world_a.congress).get()
    assert saved.status_code == 302 and co_signers(world_a, item) == ["王芳"]
    deputy.post(edit(world_a, item), {"kind": "suggestion", "title": item.title,
                                      "co_signers": [f"@{world_a.deputies[1].person.pk}", third.number]})
    assert co_signers(world_a, item) == ["王芳", "赵强"]
    page = deputy.get(edit(world_a, item)).content.decode()
    assert "王芳" in page.split('class="chips"')[1].split("</ul>")[0]  # picked people come back as chips


def test_it_refuses_an_unknown_name_and_keeps_what_was_typed(world_a):
    deputy = signed_in(world_a.deputy)
    page = deputy.post(new(world_a), {"kind": "suggestion", "title": "关于路灯的建议", "body": "路灯不亮",
                                      "co_signers": ["王芳", "张三丰"]})
    html = page.content.decode()
    assert page.status_code == 200 and "找不到代表：张三丰" in html
    typed = html.split('type="search" name="co_signers" value="')[1].split('"')[0]
    assert 'value="关于路灯的建议"' in html and "路灯不亮" in html and "张三丰" in typed and "王芳" in typed
    assert not Suggestion.objects.in_congress(world_a.congress).exists()


def test_a_deputy_of_another_congress_is_not_found(world_a, world_b):
    other = world_b.deputies[0]
    html = signed_in(world_a.deputy).post(new(world_a), {"kind": "suggestion", "title": "跨级联名",
                                                         "co_signers": other.number}).content.decode()
    assert f"找不到代表：{other.number}" in html
    assert not Suggestion.objects.in_congress(world_a.congress).exists()
    assert not Suggestion.objects.in_congress(world_b.congress).exists()


def test_a_co_signer_can_be_removed_before_submission_but_not_after(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="联名",
                                         body="内容", co_signers=[world_a.deputies[1].person])
    actions.confirm_cosign(world_a.congress, item, actor=world_a.users["sc_member"])
    deputy = signed_in(world_a.deputy)
    done = deputy.post(edit(world_a, item), {"kind": "suggestion", "title": "联名", "body": "内容", "co_signers": ""},
                       follow=True)
    assert co_signers(world_a, item) == [] and "草稿已保存" in done.content.decode()
    actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, suggestion=item,
                                  title="联名", body="内容", co_signers=[world_a.deputies[1].person])
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    refused = deputy.post(edit(world_a, item), {"kind": "suggestion", "title": "联名", "body": "内容", "co_signers": ""})
    assert refused.status_code == 200 and "不能再修改" in refused.content.decode()
    assert co_signers(world_a, item) == ["王芳"]
    assert deputy.get(edit(world_a, item))["Location"] == f"/c/{world_a.congress.code}/suggestions/{item.pk}/"


def test_a_co_signer_cannot_edit_the_lead_deputys_draft(world_a):
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="联名",
                                         co_signers=[world_a.deputies[1].person])
    co = signed_in(world_a.users["sc_member"])
    assert co.get(edit(world_a, item)).status_code == 302
    refused = co.post(edit(world_a, item), {"kind": "suggestion", "title": "改掉", "co_signers": ""})
    assert "只有领衔代表" in refused.content.decode()
    assert Suggestion.objects.in_congress(world_a.congress).get().title == "联名"


def test_autosave_keeps_the_text_while_a_name_is_half_typed(world_a):
    deputy = signed_in(world_a.deputy)
    first = deputy.post(new(world_a), {"kind": "suggestion", "title": "关于公交的建议", "co_signers": "王"},
                        HTTP_HX_REQUEST="true")
    assert first.status_code == 200 and "已自动保存" in first.content.decode() and "找不到代表：王" in first.content.decode()
    item = Suggestion.objects.in_congress(world_a.congress).get()
    assert item.title == "关于公交的建议" and co_signers(world_a, item) == []
    again = deputy.post(new(world_a), {"kind": "suggestion", "title": "关于公交线路的建议", "co_signers": "王芳",
                                       "draft": str(item.pk)}, HTTP_HX_REQUEST="true")
    assert "已自动保存" in again.content.decode() and "HX-Replace-Url" not in again
    assert Suggestion.objects.in_congress(world_a.congress).count() == 1 and co_signers(world_a, item) == ["王芳"]


def test_another_deputys_draft_cannot_be_reached_through_the_draft_field(world_a):
    theirs = actions.save_suggestion_draft(world_a.congress, actor=world_a.users["sc_member"], term=world_a.term,
                                           title="别人的草稿")
    page = signed_in(world_a.deputy).post(new(world_a), {"kind": "suggestion", "title": "改掉", "draft": str(theirs.pk)},
                                          HTTP_HX_REQUEST="true")
    assert page.status_code == 404
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=theirs.pk).title == "别人的草稿"


def test_the_api_refuses_an_unknown_co_signer_and_keeps_co_signers_when_none_are_given(world_a):
    client, deputy = Client(), bearer(world_a, world_a.deputy)
    refused = client.post("/api/suggestions", {"title": "草稿", "co_signer_numbers": ["不存在的人"]},
                          content_type="application/json", **deputy)
    assert refused.status_code == 422 and refused.json()["detail"] == [{"field": "co_signers",
                                                                         "message": "找不到代表：不存在的人"}]
    made = client.post("/api/suggestions", {"title": "草稿", "co_signer_numbers": [world_a.deputies[1].number]},
                       content_type="application/json", **deputy).json()
    item = Suggestion.objects.in_congress(world_a.congress).get(pk=made["id"])
    client.put(f"/api/suggestions/{item.pk}", {"title": "改后"}, content_type="application/json", **deputy)
    assert co_signers(world_a, item) == ["王芳"]
    client.put(f"/api/suggestions/{item.pk}", {"title": "改后", "co_signer_numbers": []}, content_type="application/json",
               **deputy)
    assert co_signers(world_a, item) == []
