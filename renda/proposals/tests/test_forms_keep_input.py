"""Every form of the suggestion pages comes back with what was typed and the error beside its field;
every weighty step asks first (data-confirm) and every step ends with a message."""

import re

from renda.proposals import actions
from renda.proposals.models import Answer, Contact, HandlingRequest, Rating, Suggestion
from renda.proposals.tests.test_handling_and_feedback import assigned, officer
from renda.proposals.tests.test_supervision_and_evaluation import unit
from renda.testing import signed_in

LONG = "我局高度重视，" + "经多次实地调研并与教育部门会商，" * 20 + "以上为答复全文。"


def base(world, item=None):
    return f"/c/{world.congress.code}/suggestions/" + (f"{item.pk}/" if item else "")


def error_beside(html: str, field_id: str) -> str:
    """The error list right after the field with this id (empty if none)."""
    after = html.split(f'id="{field_id}"', 1)[1]
    found = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', after.split("</div>", 1)[0], re.S)
    return found.group(1) if found else ""


def submitted(world, title="审查测试"):
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title=title, body="内容")
    return actions.submit_suggestion(world.congress, item, actor=world.deputy)


def test_a_refused_answer_comes_back_with_the_long_text_and_the_reason(world_a):
    item = assigned(world_a)
    page = signed_in(officer(world_a)).post(base(world_a, item) + "handle/answer/",
                                            {"outcome": "B", "text": LONG, "commitment": "年内开通", "commitment_due": ""})
    html = page.content.decode()
    assert page.status_code == 200
    assert LONG in html and 'value="年内开通"' in html
    assert "请填写承诺完成时间" in error_beside(html, "answer-commitment_due")
    # valid input the action refuses (no contact yet): the same page, the text kept, the reason shown
    page = signed_in(officer(world_a)).post(base(world_a, item) + "handle/answer/", {"outcome": "B", "text": LONG})
    html = page.content.decode()
    assert page.status_code == 200 and LONG in html and "须先与代表沟通" in html
    assert not Answer.objects.in_congress(world_a.congress).exists()


def test_an_answer_is_sent_after_a_confirmation_and_says_so(world_a):
    item = assigned(world_a)
    unit_page = signed_in(officer(world_a))
    form = unit_page.get(base(world_a, item)).content.decode().split('id="answer-form"')[1].split(">")[0]
    assert "答复发出后不能修改" in form
    done = unit_page.post(base(world_a, item) + "handle/contact/", {"on": "2026-02-01", "way": "phone", "summary": "电话"},
                          follow=True)
    assert "沟通情况已记录" in done.content.decode()
    done = unit_page.post(base(world_a, item) + "handle/answer/", {"outcome": "A", "text": LONG}, follow=True)
    assert "书面答复已发送" in done.content.decode() and LONG in done.content.decode()


def test_the_contact_form_keeps_the_summary_when_the_date_is_missing(world_a):
    item = assigned(world_a)
    html = signed_in(officer(world_a)).post(base(world_a, item) + "handle/contact/",
                                            {"on": "", "way": "visit", "summary": "到学校走访了三位代表"}).content.decode()
    assert "到学校走访了三位代表" in html and error_beside(html, "contact-on")
    assert '<option value="visit" selected>' in html
    assert not Contact.objects.in_congress(world_a.congress).exists()


def test_the_co_opinion_and_the_handling_request_keep_their_input(world_a):
    traffic, traffic_officer = unit(world_a, "交通局")
    item = submitted(world_a)
    actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
    actions.assign_suggestion(world_a.congress, item, actor=world_a.office, lead_unit=world_a.unit, co_units=[traffic])
    co = signed_in(traffic_officer)
    html = co.post(base(world_a, item) + "handle/opinion/", {"opinion": "   "}).content.decode()
    assert error_beside(html, "opinion-opinion")
    html = co.post(base(world_a, item) + "handle/request/",
                   {"kind": "extend", "months": "12", "reason": "需要跨年度安排预算资金"}).content.decode()
    assert "需要跨年度安排预算资金" in html and 'value="12"' in html and "延期须为" in error_beside(html, "request-months")
    assert not HandlingRequest.objects.in_congress(world_a.congress).exists()
    done = co.post(base(world_a, item) + "handle/opinion/", {"opinion": "同意主办单位意见"}, follow=True)
    assert "协办意见已送主办单位" in done.content.decode()


def test_a_rating_keeps_its_comment_and_asks_first(world_a):
    item = assigned(world_a)
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on="2026-02-01", way="phone", summary="电话")
    actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="C", text_="留作参考")
    deputy = signed_in(world_a.deputy)
    form = deputy.get(base(world_a, item)).content.decode().split('id="rate-form"')[1].split(">")[0]
    assert "评价提交后不能修改" in form
    html = deputy.post(base(world_a, item) + "handle/rate/", {"work": "满意", "comment": "希望尽快解决"}).content.decode()
    assert "希望尽快解决" in html and 'id="rate-work_0" checked' in html  # the comment and the first choice kept
    assert "请选择对办理结果的评价" in html.split('id="rate-result"')[1].split("</fieldset>")[1].split("</div>")[0]
    assert not Rating.objects.in_congress(world_a.congress).exists()
    done = deputy.post(base(world_a, item) + "handle/rate/", {"work": "满意", "result": "不满意", "comment": "太慢"},
                       follow=True)
    assert "评价已提交" in done.content.decode()
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=item.pk).status == "rehandling"


def test_the_return_message_and_the_merge_ask_first_and_keep_input(world_a):
    item, other = submitted(world_a), submitted(world_a, "另一件")
    staff = signed_in(world_a.office)
    html = staff.get(base(world_a, item)).content.decode()
    assert "退回代表修改" in html.split('id="return-form"')[1].split(">")[0]
    assert "并案后本件不再单独办理" in html.split('id="merge-form"')[1].split(">")[0]
    html = staff.post(base(world_a, item) + "do/return/", {"message": ""}).content.decode()
    assert error_beside(html, "return-message")
    html = staff.post(base(world_a, item) + "do/merge/", {"into": ""}).content.decode()
    assert error_beside(html, "merge-into")
    done = staff.post(base(world_a, item) + "do/return/", {"message": "请补充具体地点"}, follow=True)
    assert "已退回代表修改" in done.content.decode()
    done = staff.post(base(world_a, other) + "do/merge/", {"into": str(submitted(world_a, "第三件").pk)}, follow=True)
    assert "已并入" in done.content.decode()


def test_supervision_and_assignment_keep_what_was_chosen(world_a):
    item = submitted(world_a)
    actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
    staff = signed_in(world_a.office)
    html = staff.post(base(world_a, item) + "do/supervise/", {"leader": "", "committee": str(world_a.committee.pk)}
                      ).content.decode()
    assert error_beside(html, "supervise-leader") and f'<option value="{world_a.committee.pk}" selected>' in html
    html = staff.post(base(world_a, item) + "do/assign/", {"lead_unit": str(world_a.unit.pk),
                                                          "co_units": [str(world_a.unit.pk)], "complex": "on"}
                      ).content.decode()
    assert "协办单位不能与主办单位重复" in html and 'id="assign-complex" checked' in html
    done = staff.post(base(world_a, item) + "do/assign/", {"lead_unit": str(world_a.unit.pk)}, follow=True)
    assert "已交办教育局" in done.content.decode()


def test_bulk_assignment_asks_how_many_and_keeps_the_ticks_on_refusal(world_a):
    first, second = submitted(world_a, "第一件"), submitted(world_a, "第二件")
    actions.accept_suggestion(world_a.congress, first, actor=world_a.office)
    staff = signed_in(world_a.office)
    page = staff.get(base(world_a) + "review/").content.decode()
    assert 'id="bulk"' in page and "data-confirm=" in page.split('id="bulk"')[1].split(">")[0]
    assert "将把 \" + n + \" 件交办给" in page
    refused = staff.post(base(world_a) + "bulk-assign/", {"items": [str(first.pk), str(second.pk)],
                                                          "lead_unit": str(world_a.unit.pk)})
    html = refused.content.decode()
    assert refused.status_code == 200 and "第二件" in html.split('id="bulk"')[1]
    assert f'value="{first.pk}" form="bulk" aria-label="选择{first.numbered}" checked' in html
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=first.pk).status == "accepted"
    done = staff.post(base(world_a) + "bulk-assign/", {"items": [str(first.pk)], "lead_unit": str(world_a.unit.pk)},
                      follow=True)
    assert "已将 1 件交办教育局" in done.content.decode()


def test_refusals_are_shown_to_a_user_of_another_congress_as_not_found(world_a, world_b):
    item = assigned(world_a)
    outsider = signed_in(world_b.users["unit_officer"])
    assert outsider.post(f"/c/{world_b.congress.code}/suggestions/{item.pk}/handle/answer/",
                         {"outcome": "A", "text": "越权"}).status_code == 404
    assert signed_in(world_b.office).post(f"/c/{world_b.congress.code}/suggestions/bulk-assign/",
                                          {"items": [str(item.pk)], "lead_unit": str(world_b.unit.pk)}
                                          ).content.decode().count("errorlist") >= 1


def test_a_button_refused_says_why(world_a):
    item = assigned(world_a)
    done = signed_in(world_a.deputy).post(base(world_a, item) + "handle/withdraw/", follow=True)
    assert "已交办" in done.content.decode() and 'class="error"' in done.content.decode()
