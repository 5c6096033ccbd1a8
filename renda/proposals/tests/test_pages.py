"""The staff, unit, deputy and public pages for suggestions show what each should see."""

import datetime

from django.test import Client

from renda.proposals import actions
from renda.proposals.tests.test_handling_and_feedback import assigned, officer
from renda.proposals.tests.test_supervision_and_evaluation import answered, unit
from renda.testing import signed_in


def test_the_staff_list_filters_by_unit_status_and_year_and_pages(world_a):
    traffic, _ = unit(world_a, "交通局")
    mine = assigned(world_a)
    other = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="另一件", body="b")
    actions.submit_suggestion(world_a.congress, other, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, other, actor=world_a.office)
    actions.assign_suggestion(world_a.congress, other, actor=world_a.office, lead_unit=traffic)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/suggestions/review/"
    by_unit = office.get(f"{base}?unit={traffic.pk}").content.decode()
    assert "另一件" in by_unit and "关于校车的建议" not in by_unit
    by_year = office.get(f"{base}?year={mine.year + 1}").content.decode()
    assert "另一件" not in by_year and "关于校车的建议" not in by_year
    by_status = office.get(f"{base}?status=assigned&year={mine.year}").content.decode()
    assert "另一件" in by_status and "关于校车的建议" in by_status


def test_the_detail_page_proposes_units_with_reasons(world_a):
    assigned(world_a)  # a past item in the same category goes to 教育局
    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="关于校车安全的建议",
                                         body="b")
    actions.submit_suggestion(world_a.congress, item, actor=world_a.deputy)
    actions.accept_suggestion(world_a.congress, item, actor=world_a.office)
    html = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/suggestions/{item.pk}/").content.decode()
    proposed = html.split('id="proposed"')[1].split("</ul>")[0]
    assert "教育局" in proposed and "校车" in proposed


def test_answers_are_public_unless_confidential_and_the_deputy_sees_commitments(world_a):
    item = assigned(world_a)
    answer = answered(world_a, item, outcome="B", commitments=[{"text": "秋季开学前开通", "due_on": "2026-09-01"}])
    public = Client().get(f"/c/{world_a.congress.code}/suggestions/public/?year={item.year}").content.decode()
    assert "关于校车的建议" in public and "答复" in public
    actions.set_confidential(world_a.congress, item, actor=world_a.office, confidential=True)
    assert "关于校车的建议" not in Client().get(f"/c/{world_a.congress.code}/suggestions/public/?year={item.year}").content.decode()
    actions.report_commitment_done(world_a.congress, answer.commitments.get(), actor=officer(world_a), report="已开通")
    deputy = signed_in(world_a.deputy)
    mine = deputy.get(f"/c/{world_a.congress.code}/suggestions/mine/").content.decode()
    assert "请评价答复" in mine and f"/suggestions/{item.pk}/" in mine
    page = deputy.get(f"/c/{world_a.congress.code}/suggestions/{item.pk}/").content.decode()
    assert "秋季开学前开通" in page and "确认办成" in page and "单位报告已完成" in page and "已开通" in page


def test_supervision_lists_overdue_items_by_unit_and_the_report_shows_the_evaluation(world_a):
    assigned(world_a, on=datetime.date(2025, 1, 10))
    office = signed_in(world_a.office)
    html = office.get(f"/c/{world_a.congress.code}/suggestions/supervision/").content.decode()
    assert "教育局（1件）" in html
    report = office.get(f"/c/{world_a.congress.code}/suggestions/reports/").content.decode()
    assert 'id="evaluation"' in report and "按期答复率" in report
    assert signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/suggestions/reports/").status_code == 403


def test_the_deputys_home_page_lists_their_items_with_status_and_due_date(world_a):
    item = assigned(world_a)
    html = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/me/").content.decode()
    listed = html.split('id="my-suggestions"')[1].split("</ul>")[0]
    assert "关于校车的建议" in listed and "已交办" in listed and item.assignments.get().due_on.isoformat() in listed


def test_attachments_are_checked_by_content_and_fetched_only_by_those_concerned(world_a, world_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renda.proposals.models import Attachment

    draft = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="附件测试",
                                          body="附调查报告")
    fake = SimpleUploadedFile("调查报告.pdf", b"MZ\x90\x00 not a pdf")
    deputy = signed_in(world_a.deputy)
    deputy.post(f"/c/{world_a.congress.code}/suggestions/{draft.pk}/attach/", {"file": fake})
    assert not Attachment.objects.in_congress(world_a.congress).exists()
    pdf = SimpleUploadedFile("调查报告.pdf", b"%PDF-1.4 survey")
    deputy.post(f"/c/{world_a.congress.code}/suggestions/{draft.pk}/attach/", {"file": pdf})
    made = Attachment.objects.in_congress(world_a.congress).get()
    url = f"/c/{world_a.congress.code}/suggestions/{draft.pk}/attachments/{made.pk}/"
    assert b"".join(deputy.get(url).streaming_content) == b"%PDF-1.4 survey"
    assert signed_in(world_a.office).get(url).status_code == 404  # a draft is the deputy's own until submitted
    actions.submit_suggestion(world_a.congress, draft, actor=world_a.deputy)
    assert signed_in(world_a.office).get(url).status_code == 200
    assert signed_in(world_a.users["unit_officer"]).get(url).status_code == 404  # not assigned to them
    assert Client().get(url).status_code == 404
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/suggestions/{draft.pk}/attachments/{made.pk}/"
                                         ).status_code == 404


def test_the_deputy_withdraws_an_item_from_their_page(world_a):
    from renda.proposals.models import Suggestion

    item = actions.save_suggestion_draft(world_a.congress, actor=world_a.deputy, term=world_a.term, title="撤回测试")
    deputy = signed_in(world_a.deputy)
    mine = deputy.get(f"/c/{world_a.congress.code}/suggestions/mine/").content.decode()
    assert f"/suggestions/{item.pk}/" in mine
    page = deputy.get(f"/c/{world_a.congress.code}/suggestions/{item.pk}/").content.decode()
    withdraw = page.split(f"/suggestions/{item.pk}/handle/withdraw/")[1].split(">")[0]
    assert "data-confirm=" in withdraw and "撤回后本件不再办理" in withdraw
    done = deputy.post(f"/c/{world_a.congress.code}/suggestions/{item.pk}/handle/withdraw/", follow=True)
    assert Suggestion.objects.in_congress(world_a.congress).get(pk=item.pk).status == "withdrawn"
    assert "已撤回" in done.content.decode() and done.redirect_chain[-1][0].endswith("/suggestions/mine/")
