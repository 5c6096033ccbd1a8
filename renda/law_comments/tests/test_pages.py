"""The comments' pages: the public draft page with a form per article (kept on error, field named),
the reference code and the outcome it shows, the public form's limits (the intake's), the committee's
grouped view with counts and decisions on several comments at once, the summary's downloads (a
comment starting with = stays text), the contact point's page, another congress's ids not found."""

import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from renda.core import actions as core_actions
from renda.core.roles import Role
from renda.law_comments import actions
from renda.law_comments.models import LawComment
from renda.law_comments.tests.fixtures import articles, open_period, paragraphs
from renda.testing import signed_in


def _url(world, period, tail=""):
    return f"/c/{world.congress.code}/law-comments/{period.pk}/{tail}"


def test_the_public_page_lists_the_draft_and_takes_a_comment_on_an_article(world_a):
    period = open_period(world_a)
    client = Client()
    listing = client.get(f"/c/{world_a.congress.code}/law-comments/").content.decode()
    assert period.bill.title in listing
    page = client.get(_url(world_a, period)).content.decode()
    second = articles(period.version)[1]
    assert "第二条" in page and "灌区管理单位负责具体实施。" in page and "对草案的总体意见" in page
    assert f'name="target" value="{second.pk}"' in page
    sent = client.post(_url(world_a, period), {"target": str(second.pk), "provision": str(paragraphs(second)[1].pk),
                                               "text": "建议明确灌区管理单位的职责", "name": "", "contact": ""})
    assert sent.status_code == 302 and "/law-comments/track/" in sent["Location"]
    comment = LawComment.objects.in_congress(world_a.congress).get()
    assert comment.source == "public" and comment.article_id == second.pk
    shown = client.get(sent["Location"]).content.decode()
    assert comment.reference_code in shown and "第二条第二款" in shown and "正在研究处理" in shown


def test_a_form_with_an_error_keeps_what_was_typed_and_names_the_field(world_a):
    period = open_period(world_a)
    first = articles(period.version)[0]
    page = Client().post(_url(world_a, period), {"target": str(first.pk), "text": " ", "name": "李四" * 30,
                                                 "contact": "13900001111"})
    html = page.content.decode()
    assert page.status_code == 422
    assert "“意见”必须填写" in html and "姓名（可不填）" in html and "13900001111" in html
    assert f'id="{first.eid}" class="card law-article">' in html and "<details open>" in html
    assert not LawComment.objects.in_congress(world_a.congress).exists()


def test_the_public_form_is_limited_as_the_public_intake(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="liaison.intake_per_address_hour", value=3)
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="liaison.challenge_after", value=2)
    period = open_period(world_a)
    client = Client()
    whole = {"target": "whole", "text": "总体赞成"}
    assert client.post(_url(world_a, period), whole).status_code == 302
    assert client.post(_url(world_a, period), whole).status_code == 302
    third = client.post(_url(world_a, period), whole)  # the third from this address needs the sum
    assert third.status_code == 422 and "请回答验证题" in third.content.decode()
    fourth = client.post(_url(world_a, period), whole)  # the address's three an hour are spent
    assert fourth.status_code == 429 and "同一网络地址提交过于频繁" in fourth.content.decode()
    assert LawComment.objects.in_congress(world_a.congress).count() == 2
    assert Client(REMOTE_ADDR="10.0.0.2").post(_url(world_a, period), whole).status_code == 302


def test_a_signed_in_deputy_comments_as_a_deputy_and_sees_the_outcome(world_a):
    period = open_period(world_a, audiences=["deputies"], days=10)
    deputy = signed_in(world_a.deputy)
    page = deputy.get(_url(world_a, period)).content.decode()
    assert "以何种身份提出" not in page or "人大代表" in page
    sent = deputy.post(_url(world_a, period), {"target": "whole", "text": "建议增加节水奖励", "source": "deputy"})
    assert sent.status_code == 302
    comment = LawComment.objects.in_congress(world_a.congress).get()
    assert comment.source == "deputy" and comment.author_id == world_a.deputy.pk
    actions.decide_law_comments(world_a.congress, [comment], actor=world_a.office, decision="partly",
                                reason="已在第十条中体现")
    mine = deputy.get(f"/c/{world_a.congress.code}/law-comments/mine/").content.decode()
    assert "部分采纳" in mine and "已在第十条中体现" in mine
    public = Client().get(_url(world_a, period)).content.decode()
    assert "不向社会公开" in public and 'name="text"' not in public
    refused = Client().post(_url(world_a, period), {"target": "whole", "text": "公众"})
    assert refused.status_code == 302 and LawComment.objects.in_congress(world_a.congress).count() == 1


def test_a_contact_point_forwards_a_residents_comment_and_sees_its_outcome(world_a):
    from django.utils import timezone

    period = open_period(world_a)
    staff = signed_in(world_a.users[Role.CONTACT_POINT_STAFF])
    third = articles(period.version)[2]
    sent = staff.post(_url(world_a, period), {"target": str(third.pk), "provision": str(third.pk), "text": "罚款过高",
                                              "contact_point": str(world_a.contact_point.pk), "name": "",
                                              "community": "东风村", "gathered_how": "symposium",
                                              "gathered_on": timezone.localdate().isoformat()})
    assert sent.status_code == 302
    comment = LawComment.objects.in_congress(world_a.congress).get()
    assert (comment.source, comment.name, comment.community) == ("contact_point", "匿名", "东风村")
    actions.decide_law_comments(world_a.congress, [comment], actor=world_a.office, decision="declined",
                                reason="与上位法一致")
    page = staff.get(f"/c/{world_a.congress.code}/law-comments/contact-point/").content.decode()
    assert "未采纳" in page and "与上位法一致" in page and "东风村" in page


def test_the_committee_sees_comments_grouped_by_article_and_decides_several_at_once(world_a):
    period = open_period(world_a)
    c = world_a.congress
    first, second, third = articles(period.version)
    actions.comment_on_draft(c, period, actor=AnonymousUser(), text_="第三条意见", provision=third)
    made = [actions.comment_on_draft(c, period, actor=AnonymousUser(), text_=f"第一条意见{n}", provision=first)
            for n in range(2)]
    actions.comment_on_draft(c, period, actor=world_a.deputy, text_="第一条代表意见", provision=first)
    actions.comment_on_draft(c, period, actor=world_a.users[Role.UNIT_OFFICER], text_="总体意见")
    committee = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    page = committee.get(f"/c/{c.code}/law-comments/periods/{period.pk}/").content.decode()
    assert page.index("对草案的总体意见") < page.index("第一条") < page.index("第三条")
    assert "（3 条：人大代表 1：社会公众 2；未研究 3）" in page and 'id="undecided">未研究 5' in page
    step = f"/c/{c.code}/law-comments/periods/{period.pk}/do/decide/"
    missing = committee.post(step, {"comments": [str(m.pk) for m in made], "decision": "declined", "reason": ""})
    assert missing.status_code == 422 and "“理由”必须填写" in missing.content.decode()
    assert f'value="{made[0].pk}" id="pick-{made[0].pk}" aria-label="选择意见 {made[0].reference_code}" checked' \
        in missing.content.decode()
    done = committee.post(step, {"comments": [str(m.pk) for m in made], "decision": "declined", "reason": "重复规定"})
    assert done.status_code == 302
    assert list(LawComment.objects.in_congress(c).filter(decision="declined").values_list("pk", flat=True)) \
        == [m.pk for m in made]
    assert signed_in(world_a.deputy).get(f"/c/{c.code}/law-comments/periods/{period.pk}/").status_code == 403


def test_the_summary_downloads_with_formula_like_text_kept_as_text(world_a):
    period = open_period(world_a)
    c = world_a.congress
    comment = actions.comment_on_draft(c, period, actor=AnonymousUser(), text_="=HYPERLINK(\"http://x\",\"点击\")",
                                       provision=articles(period.version)[0], name="@某人")
    actions.decide_law_comments(c, [comment], actor=world_a.office, decision="adopted")
    office = signed_in(world_a.office)
    got = office.get(f"/c/{c.code}/law-comments/periods/{period.pk}/summary.xlsx")
    assert got.status_code == 200
    assert "意见汇总及采纳情况" in unquote(got["Content-Disposition"])
    sheet = openpyxl.load_workbook(io.BytesIO(got.content)).active
    assert c.name in sheet["A1"].value and period.bill.title in sheet["A1"].value and "导出时间" in sheet["A1"].value
    assert sheet.freeze_panes == "A3" and sheet["C2"].value == "意见"
    assert sheet["C3"].value.startswith("=HYPERLINK") and sheet["C3"].data_type == "s"
    assert sheet["E3"].value == "@某人" and sheet["I3"].value == "采纳"
    for ext, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        doc = office.get(f"/c/{c.code}/law-comments/periods/{period.pk}/summary.{ext}")
        assert doc.status_code == 200 and doc.content.startswith(magic)
        name = unquote(doc["Content-Disposition"])
        assert "意见汇总及采纳情况" in name and name.endswith(f"日）.{ext}") and "（20" in name


@pytest.mark.parametrize("tail", ["", "summary.pdf", "summary.xlsx", "do/decide/", "do/close/"])
def test_another_congresss_period_is_not_found(world_a, world_b, tail):
    theirs = open_period(world_b)
    client = signed_in(world_a.office)
    code = world_a.congress.code
    address = f"/c/{code}/law-comments/periods/{theirs.pk}/{tail}" if tail else f"/c/{code}/law-comments/{theirs.pk}/"
    answer = client.post(address, {}) if tail.startswith("do/") else client.get(address)
    assert answer.status_code == 404
    if not tail:
        assert Client().post(address, {"target": "whole", "text": "越权"}).status_code == 404


def test_the_opening_form_offers_only_versions_of_bills_still_before_the_committee(world_a):
    from renda.law_comments.forms import OpenPeriodForm
    from renda.law_comments.tests.fixtures import make_version
    from renda.legislation.models import Bill

    drafting, promulgated = make_version(world_a), make_version(world_a, "示例市河湖生态保护条例")
    Bill.objects.in_congress(world_a.congress).filter(pk=promulgated.bill_id).update(status=Bill.Status.PROMULGATED)
    offered = set(OpenPeriodForm(congress=world_a.congress).fields["version"].queryset)
    assert drafting in offered and promulgated not in offered
