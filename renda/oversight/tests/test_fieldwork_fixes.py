"""Reviewer-found fieldwork defects (issue 12): a member sees the totals of every reply; changing the
team keeps notice replies in step with it; form messages name their field; an outsider among the
visitors is named; multipart endpoints refuse unknown fields; a visit's stepper ends at 报告已定稿."""

import datetime
import inspect

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from renda.core import actions as core_actions
from renda.core.inbox import Ask
from renda.oversight import inbox
from renda.oversight.actions import fieldwork as fw
from renda.oversight.actions.activities import set_team
from renda.oversight.api import fieldwork as api
from renda.oversight.models import NoticeReply, SiteVisit, Symposium, TeamMember
from renda.oversight.tests.permission_calls_fieldwork import YEAR, jpeg, make_activity, pdf
from renda.testing import signed_in

DAY = datetime.date(YEAR, 6, 1)


@pytest.fixture
def world(world_a):
    return world_a


def bearer(world, user):
    _, secret = core_actions.issue_api_token(world.congress, actor=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# ── 1. a member sees the totals of every reply, and only their own reply's detail ──

def test_a_member_sees_the_totals_of_all_replies_but_only_their_own_row(world):
    activity = make_activity(world)
    notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加调研")
    first, second = (m.person for m in world.deputies[:2])
    fw.reply_to_notice(world.congress, notice, actor=world.office, answer="attend", person=second)
    fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="absent", reason="出差")
    client = Client()
    url = f"/api/oversight/activities/{activity.pk}/notices"
    staff = client.get(url, **bearer(world, world.office)).json()[0]
    member = client.get(url, **bearer(world, world.deputy)).json()[0]
    assert (staff["attend"], staff["absent"], staff["pending"]) == (1, 1, 0)
    assert (member["attend"], member["absent"], member["pending"]) == (1, 1, 0)
    assert [r["name"] for r in member["replies"]] == [first.name] and len(staff["replies"]) == 2


# ── 2. the notices follow the team ──

def _replies(world, notice) -> dict:
    return {r.person.name: r.answer for r in
            NoticeReply.objects.in_congress(world.congress).filter(notice=notice).select_related("person")}


def test_changing_the_team_drops_the_leavers_replies_and_asks_the_newcomers_on_open_notices(world):
    c = world.congress
    stays, leaves = (m.person for m in world.deputies[:2])
    activity = make_activity(world)
    open_notice = fw.send_team_notice(c, activity, actor=world.office, text="请参加座谈")
    closing = fw.send_team_notice(c, activity, actor=world.office, text="请参加察看", reply_by=DAY,
                                  today=DAY - datetime.timedelta(days=5))
    fw.reply_to_notice(c, open_notice, actor=world.office, answer="attend", person=leaves)
    newcomer = world.make_deputy("孙丽").person
    set_team(c, activity, actor=world.root, leader=stays, members=[(newcomer, TeamMember.Role.DEPUTY, "")],
             today=DAY + datetime.timedelta(days=1))
    # the leaver's replies, answered or not, are gone; the newcomer is asked only where replies are still open
    assert _replies(world, open_notice) == {stays.name: "pending", newcomer.name: "pending"}
    assert _replies(world, closing) == {stays.name: "pending"}
    # on the day itself a notice is still open
    set_team(c, activity, actor=world.root, leader=stays, members=[(leaves, TeamMember.Role.MEMBER, "")], today=DAY)
    assert _replies(world, closing) == {stays.name: "pending", leaves.name: "pending"}
    assert _replies(world, open_notice) == {stays.name: "pending", leaves.name: "pending"}
    counts = Client().get(f"/api/oversight/activities/{activity.pk}/notices", **bearer(world, world.office)).json()
    assert [(n["attend"], n["absent"], n["pending"]) for n in counts] == [(0, 0, 2), (0, 0, 2)]


def test_the_inbox_lists_only_notices_of_activities_the_person_is_on_the_team_of(world):
    c = world.congress
    me, other = (m.person for m in world.deputies[:2])
    activity = make_activity(world)
    notice = fw.send_team_notice(c, activity, actor=world.office, text="请参加调研")
    assert [t.count for t in inbox.tasks(Ask(c, world.deputy))] == [1]
    set_team(c, activity, actor=world.root, leader=other)
    assert inbox.tasks(Ask(c, world.deputy)) == []
    # a reply row left over from before (as older data may hold) does not bring it back
    NoticeReply.objects.create(congress=c, notice=notice, person=me)
    assert inbox.tasks(Ask(c, world.deputy)) == []


# ── 5. multipart bodies refuse fields they do not take ──

def test_multipart_endpoints_refuse_unknown_fields_naming_them_and_write_nothing(world):
    activity = make_activity(world)
    office, client = bearer(world, world.office), Client()
    a = f"/api/oversight/activities/{activity.pk}"
    visit = {"day": DAY.isoformat(), "county": "西山县", "place": "水库", "observations": "正常"}
    refused = client.post(f"{a}/site-visits", {**visit, "foo": "1", "extra": [jpeg()]}, **office)
    assert refused.status_code == 422
    assert {(d["field"], d["message"]) for d in refused.json()["detail"]} == {
        ("foo", "不认识的字段“foo”"), ("extra", "不认识的字段“extra”")}
    assert not SiteVisit.objects.in_congress(world.congress).exists()
    assert client.post(f"{a}/site-visits", {**visit, "photos": [jpeg()], "captions": ["大坝"]},
                       **office).status_code == 201
    symposium = {"day": DAY.isoformat(), "place": "会议室", "topic": "座谈"}
    refused = client.post(f"{a}/symposia", {**symposium, "foo": "1"}, **office)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "foo"
    assert not Symposium.objects.in_congress(world.congress).exists()
    assert client.post(f"{a}/symposia", symposium, **office).status_code == 201
    letter = fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit],
                                        text="请报送", due_on=datetime.date(YEAR, 12, 31))[0]
    url = f"/api/oversight/letters/{letter.pk}/self-report"
    refused = client.post(url, {"file": pdf(), "note": "附件"}, **office)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "note"
    letter.refresh_from_db()
    assert letter.received_at is None
    assert client.post(url, {"file": pdf()}, **office).status_code == 200


@pytest.mark.parametrize(("endpoint", "names"), [
    (api.file_self_report, api.SELF_REPORT_FIELDS), (api.record_site_visit, api.SITE_VISIT_FIELDS),
    (api.record_symposium, api.SYMPOSIUM_FIELDS)])
def test_the_accepted_multipart_names_are_the_operations_parameters(endpoint, names):
    params = set(inspect.signature(endpoint).parameters) - {"request", "activity_id", "letter_id"}
    assert params == set(names)


# ── 4. a visitor off the team is named ──

def test_a_visitor_of_this_congress_off_the_team_is_named_an_unknown_one_not_found(world, world_b):
    activity = make_activity(world)
    stranger = world.make_deputy("钱进").person
    elsewhere = world_b.deputies[0].person
    client = signed_in(world.office)
    url = f"/c/{world.congress.code}/oversight/fieldwork/{activity.pk}/do/visit/"
    data = {"day": DAY.isoformat(), "county": "东湖区", "place": "城关水厂", "observations": "水质达标"}
    for typed in (str(stranger.pk), f"@{stranger.pk}", "钱进"):
        page = client.post(url, {**data, "visitors": typed})
        assert page.status_code == 422 and "“钱进”不是本调研（检查）组成员" in page.content.decode(), typed
    for typed, message in ((f"@{elsewhere.pk}", f"找不到该人员（编号 {elsewhere.pk}）"),
                           ("99999999", "找不到该人员（编号 99999999）")):
        page = client.post(url, {**data, "visitors": typed})
        assert page.status_code == 422 and message in page.content.decode(), typed
    assert not SiteVisit.objects.in_congress(world.congress).exists()
    assert client.post(url, {**data, "visitors": str(world.deputies[0].person.pk)}).status_code == 302
    a = f"/api/oversight/activities/{activity.pk}/site-visits"
    refused = Client().post(a, {**data, "visitor_ids": [stranger.pk]}, **bearer(world, world.office))
    assert refused.status_code == 422 and refused.json()["detail"] == [
        {"field": "visitor_ids", "message": "“钱进”不是本调研（检查）组成员"}]
    unknown = Client().post(a, {**data, "visitor_ids": [elsewhere.pk]}, **bearer(world, world.office))
    assert unknown.status_code == 422 and "找不到" in unknown.json()["detail"][0]["message"]


# ── 3. every form message names its field ──

DJANGO_WORDS = ("这个字段是必填项", "确保", "所提交的是空文件", "输入一个", "选择一个有效", "没有提交文件", "不允许空字符")


def _forms(world):
    from renda.oversight.actions.plan import draft_oversight_plan
    from renda.oversight.forms import activities as fa
    from renda.oversight.forms import fieldwork as ff
    from renda.oversight.forms import plan as fp

    c = world.congress
    activity = make_activity(world)
    plan = draft_oversight_plan(c, actor=world.root, year=YEAR, title=f"{YEAR}年监督工作计划")
    return [ff.NoticeForm, ff.ReplyForm, lambda **kw: ff.ReplyForm(congress=c, staff=True, **kw),
            lambda **kw: ff.LetterForm(activity=activity, **kw), ff.SelfReportForm,
            lambda **kw: ff.SiteVisitForm(activity=activity, **kw), lambda **kw: ff.SymposiumForm(activity=activity, **kw),
            lambda **kw: ff.QuestionnaireForm(activity=activity, **kw),
            fp.PlanForm, lambda **kw: fp.ItemForm(congress=c, plan=plan, **kw), lambda **kw: fp.ApproveForm(congress=c, **kw),
            fp.PublishForm, fp.ItemStatusForm, lambda **kw: fa.ActivityForm(congress=c, **kw),
            lambda **kw: fa.TeamForm(congress=c, activity=activity, **kw), fa.PlanDocumentForm]


def _bad_value(field):
    from django import forms

    if isinstance(field, forms.FileField):
        return "file", SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")
    if isinstance(field, forms.DateField):
        return "data", "明天"
    if isinstance(field, forms.IntegerField):
        return "data", "三"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "data", ["x"]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return "data", "nope"
    if isinstance(field, forms.CharField):
        return "data", "字" * ((field.max_length or 10) + 1)
    return None, None


def test_every_message_of_every_form_names_its_field(world):
    from renda.people.forms import field_name

    seen = 0
    for make in _forms(world):
        empty = make(data={})
        empty.is_valid()
        probe = make(data={})
        data, files = {}, {}
        for name, field in probe.fields.items():
            where, value = _bad_value(field)
            if where == "file":
                files[name] = value
            elif where == "data":
                data[name] = value
        bad = make(data=data, files=files)
        bad.is_valid()
        for form in (empty, bad):
            for name, messages in form.errors.items():
                for message in messages:
                    seen += 1
                    assert not any(w in message for w in DJANGO_WORDS), (type(form).__name__, name, message)
                    if name != "__all__":
                        assert f"“{field_name(form.fields[name])}”" in message or "第" in message, (name, message)
    assert seen > 40


def test_the_reviewers_messages_name_the_field(world):
    from renda.oversight.actions.plan import draft_oversight_plan
    from renda.oversight.forms import fieldwork as ff
    from renda.oversight.forms import plan as fp

    activity = make_activity(world)
    reply = ff.ReplyForm(data={"answer": "absent", "reason": "因" * 201})
    assert not reply.is_valid() and reply.errors["reason"] == ["“说明”不能超过 200 个字（现有 201 个）"]
    assert ff.ReplyForm(data={}).errors["answer"] == ["“回复”必须填写"]
    plan = draft_oversight_plan(world.congress, actor=world.root, year=YEAR, title=f"{YEAR}年监督工作计划")
    item = fp.ItemForm(data={"session_note": "会" * 61}, congress=world.congress, plan=plan)
    assert item.errors["session_note"] == ["“拟提请审议的会议”不能超过 60 个字（现有 61 个）"]
    empty = SimpleUploadedFile("r.pdf", b"", content_type="application/pdf")
    assert ff.SelfReportForm(data={}, files={"upload": empty}).errors["upload"] == ["“自查报告”是空文件（0 字节），请重新选择"]
    symposium = ff.SymposiumForm(data={"day": DAY.isoformat(), "place": "会议室", "topic": "座谈", "report1_title": "汇报",
                                       "report1_unit": world.unit.pk},
                                 files={"report1_file": SimpleUploadedFile("r.pdf", b"")}, activity=activity)
    assert "“第1份汇报材料的文件”是空文件（0 字节），请重新选择" in symposium.errors["report1_file"]
