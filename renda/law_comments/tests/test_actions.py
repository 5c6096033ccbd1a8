"""Comment periods and comments: the 30-day public period (29 refused, 30 taken; the opening day not
counted), no early close of a public period, the closing day's last minute in Asia/Shanghai, only
the audiences a period is open to, contact points' sources, decisions with reasons, revised until
the summary is final, another congress's rows not found."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core.errors import IllegalTransition, NotFound, ValidationError
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.law_comments import actions
from renda.law_comments.models import CommentPeriod, LawComment
from renda.law_comments.tests.fixtures import articles, make_version, open_period, paragraphs
from renda.legislation import queries
from renda.legislation.models import BillVersion

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(monkeypatch, day: datetime.date, hour: int, minute: int = 0):
    moment = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)
    monkeypatch.setattr(actions, "now", lambda: moment)


def test_a_public_period_lasts_at_least_thirty_days_the_opening_day_not_counted(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    version = make_version(world_a)
    with pytest.raises(ValidationError) as error:
        actions.open_comment_period(world_a.congress, version, actor=world_a.office, audiences=["public"],
                                    opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 30))
    assert "不少于30日" in error.value.message_dict["closes_on"][0] and "现为29日" in error.value.message_dict["closes_on"][0]
    assert not CommentPeriod.objects.in_congress(world_a.congress).exists()
    assert not BillVersion.objects.in_congress(world_a.congress).get(pk=version.pk).frozen
    period = actions.open_comment_period(world_a.congress, version, actor=world_a.office, audiences=["public"],
                                         opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 31))
    assert period.closes_on == D(2026, 3, 31) and period.audiences == ["public"]
    assert queries.is_frozen(BillVersion.objects.in_congress(world_a.congress).get(pk=version.pk))


def test_a_shorter_period_is_allowed_when_not_public_and_the_rule_is_the_congresss(world_a, monkeypatch):
    from renda.core import actions as core_actions

    at(monkeypatch, D(2026, 3, 1), 9)
    short = actions.open_comment_period(world_a.congress, make_version(world_a), actor=world_a.office,
                                        audiences=["deputies", "units"], opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 10))
    assert short.audiences == ["deputies", "units"]
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="legislation.public_comment_days", value=45)
    with pytest.raises(ValidationError, match="不少于45日"):
        actions.open_comment_period(world_a.congress, make_version(world_a), actor=world_a.office, audiences=["public"],
                                    opens_on=D(2026, 3, 1), closes_on=D(2026, 4, 14))


def test_bad_input_names_each_field(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    version = make_version(world_a)
    with pytest.raises(ValidationError) as error:
        actions.open_comment_period(world_a.congress, version, actor=world_a.office, audiences=[],
                                    opens_on="2026-03-10", closes_on="2026-03-01")
    assert set(error.value.message_dict) == {"audiences", "closes_on"}
    with pytest.raises(ValidationError) as error:
        actions.open_comment_period(world_a.congress, version, actor=world_a.office, audiences=["everyone"],
                                    opens_on="明天", closes_on="")
    assert set(error.value.message_dict) == {"audiences", "opens_on", "closes_on"}


def test_one_period_per_version_and_several_per_bill(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    period = open_period(world_a, opens_on=D(2026, 3, 1))
    with pytest.raises(ValidationError, match="已经征求过意见"):
        open_period(world_a, period.version, opens_on=D(2026, 3, 1))
    revised = BillVersion.objects.create(congress=world_a.congress, bill_id=period.bill_id, number=2, stage="revision",
                                         label="草案修改稿", based_on=period.version)
    from renda.legislation.models import Provision
    Provision.objects.create(congress=world_a.congress, version=revised, kind="article", number=1, text="修改后",
                             position=1, key="r1", eid="art_1")
    second = open_period(world_a, revised, opens_on=D(2026, 3, 1))
    assert CommentPeriod.objects.in_congress(world_a.congress).filter(bill_id=period.bill_id).count() == 2
    assert second.version_id == revised.pk


def test_a_public_period_cannot_close_early_another_can(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    public = open_period(world_a, opens_on=D(2026, 3, 1))
    with pytest.raises(IllegalTransition, match="不能提前结束"):
        actions.close_comment_period(world_a.congress, public, actor=world_a.office)
    inner = open_period(world_a, audiences=["deputies"], days=10, opens_on=D(2026, 3, 1))
    actions.close_comment_period(world_a.congress, inner, actor=world_a.office)
    with pytest.raises(IllegalTransition, match="已经结束"):
        actions.comment_on_draft(world_a.congress, inner, actor=world_a.deputy, text_="建议修改")


def test_the_closing_day_counts_to_its_last_minute_in_shanghai(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    period = open_period(world_a, opens_on=D(2026, 3, 1))  # closes 2026-03-31
    at(monkeypatch, D(2026, 3, 31), 23, 59)  # 15:59 UTC
    comment = actions.comment_on_draft(world_a.congress, period, actor=AnonymousUser(), text_="建议明确用水定额")
    assert comment.source == LawComment.Source.PUBLIC and comment.author is None
    at(monkeypatch, D(2026, 4, 1), 0, 1)  # still 31 March in UTC
    with pytest.raises(IllegalTransition, match="已于2026年3月31日截止"):
        actions.comment_on_draft(world_a.congress, period, actor=AnonymousUser(), text_="迟到的意见")
    at(monkeypatch, D(2026, 2, 28), 12)
    with pytest.raises(IllegalTransition, match="自2026年3月1日开始"):
        actions.comment_on_draft(world_a.congress, period, actor=AnonymousUser(), text_="太早的意见")
    assert LawComment.objects.in_congress(world_a.congress).count() == 1


def test_only_the_audiences_a_period_is_open_to_may_comment(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    period = open_period(world_a, audiences=["deputies", "contact_points"], days=10, opens_on=D(2026, 3, 1))
    c = world_a.congress
    deputy = actions.comment_on_draft(c, period, actor=world_a.deputy, text_="建议增加节水奖励")
    member = actions.comment_on_draft(c, period, actor=world_a.users[Role.SC_MEMBER], text_="建议细化")
    assert (deputy.source, deputy.person_id) == ("deputy", world_a.deputies[0].person_id)
    assert (member.source, member.name) == ("member", "王芳")
    with pytest.raises(ValidationError) as error:
        actions.comment_on_draft(c, period, actor=world_a.users[Role.UNIT_OFFICER], text_="单位意见")
    assert "不包括有关单位" in error.value.message_dict["source"][0]
    with pytest.raises(ValidationError, match="不包括社会公众"):
        actions.comment_on_draft(c, period, actor=AnonymousUser(), text_="公众意见")
    with pytest.raises(ValidationError, match="不能以“人大代表”"):
        actions.comment_on_draft(c, period, actor=world_a.users[Role.UNIT_OFFICER], text_="冒充", source="deputy")
    forwarded = actions.forward_contact_point_comment(
        c, period, actor=world_a.users[Role.CONTACT_POINT_STAFF], text_="村民建议按亩计量", name="", community="东风村",
        gathered_how="symposium", gathered_on=D(2026, 3, 1))
    assert (forwarded.organisation_id, forwarded.name, forwarded.source) == (world_a.contact_point.pk, "匿名", "contact_point")
    units_only = open_period(world_a, audiences=["units"], days=10, opens_on=D(2026, 3, 1))
    unit = actions.comment_on_draft(c, units_only, actor=world_a.users[Role.UNIT_OFFICER], text_="建议由水务局负责")
    assert unit.organisation_id == world_a.unit.pk
    with pytest.raises(ValidationError, match="不包括基层立法联系点"):
        actions.forward_contact_point_comment(c, units_only, actor=world_a.users[Role.CONTACT_POINT_STAFF], text_="意见",
                                              community="东风村", gathered_how="visit", gathered_on=D(2026, 3, 1))


def test_a_comment_is_on_an_article_or_its_paragraph_of_the_periods_version(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    period = open_period(world_a, opens_on=D(2026, 3, 1))
    c = world_a.congress
    second = articles(period.version)[1]
    on_paragraph = actions.comment_on_draft(c, period, actor=world_a.deputy, text_="第二款不清楚",
                                            provision=paragraphs(second)[1].pk)
    assert on_paragraph.article_id == second.pk
    other = open_period(world_a, opens_on=D(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        actions.comment_on_draft(c, period, actor=world_a.deputy, text_="别的文本", provision=articles(other.version)[0].pk)
    assert "本次征求意见文本" in error.value.message_dict["provision"][0]
    chapter = period.version.provisions.filter(congress=c, kind="chapter").first()
    with pytest.raises(ValidationError, match="某一条或某一款"):
        actions.comment_on_draft(c, period, actor=world_a.deputy, text_="章", provision=chapter)
    with pytest.raises(ValidationError) as error:
        actions.comment_on_draft(c, period, actor=AnonymousUser(), text_="  ", name="x" * 51)
    assert set(error.value.message_dict) == {"text", "name"}


def test_contact_point_sources_are_required_and_checked(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 5), 9)
    period = open_period(world_a, opens_on=D(2026, 3, 1))
    staff = world_a.users[Role.CONTACT_POINT_STAFF]
    with pytest.raises(ValidationError) as error:
        actions.forward_contact_point_comment(world_a.congress, period, actor=staff, text_="意见", community="",
                                              gathered_how="phone", gathered_on=D(2026, 3, 6))
    assert set(error.value.message_dict) == {"community", "gathered_how", "gathered_on"}
    with pytest.raises(ValidationError) as error:
        actions.forward_contact_point_comment(world_a.congress, period, actor=world_a.office, text_="意见",
                                              community="东风村", gathered_how="visit", gathered_on=D(2026, 2, 28))
    assert set(error.value.message_dict) == {"contact_point", "gathered_on"}
    made = actions.forward_contact_point_comment(world_a.congress, period, actor=world_a.office, text_="意见",
                                                 contact_point=world_a.contact_point, name="张大爷", community="东风村",
                                                 gathered_how="visit", gathered_on=D(2026, 3, 5))
    assert made.giver == f"{world_a.contact_point.name}（张大爷，东风村）"


def test_decisions_need_reasons_and_are_revised_until_final(world_a, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    period = open_period(world_a, audiences=["deputies"], days=5, opens_on=D(2026, 3, 1))
    c = world_a.congress
    made = [actions.comment_on_draft(c, period, actor=world_a.deputy, text_=f"意见{n}") for n in range(3)]
    for decision in ("partly", "declined"):
        with pytest.raises(ValidationError) as error:
            actions.decide_law_comments(c, made, actor=world_a.office, decision=decision, reason=" ")
        assert "“理由”必须填写" in error.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as error:
        actions.decide_law_comments(c, [], actor=world_a.office, decision="maybe")
    assert set(error.value.message_dict) == {"comments", "decision"}
    actions.decide_law_comments(c, made[:2], actor=world_a.users[Role.COMMITTEE_STAFF], decision="adopted")
    assert [m.decision for m in LawComment.objects.in_congress(c).order_by("id")] == ["adopted", "adopted", ""]
    assert AuditEntry.objects.in_congress(c).filter(action="decide_law_comment").count() == 2
    actions.decide_law_comments(c, [made[1].pk], actor=world_a.office, decision="declined", reason="上位法已有规定")
    with pytest.raises(IllegalTransition, match="截止后才能定稿"):
        actions.finalise_comment_summary(c, period, actor=world_a.office)
    at(monkeypatch, D(2026, 3, 7), 9)
    with pytest.raises(IllegalTransition, match="还有 1 条意见没有研究处理"):
        actions.finalise_comment_summary(c, period, actor=world_a.office)
    actions.decide_law_comments(c, [made[2]], actor=world_a.office, decision="partly", reason="部分吸收")
    actions.finalise_comment_summary(c, period, actor=world_a.office)
    with pytest.raises(IllegalTransition, match="已定稿"):
        actions.decide_law_comments(c, [made[0]], actor=world_a.office, decision="declined", reason="改变主意")
    assert LawComment.objects.in_congress(c).get(pk=made[1].pk).reason == "上位法已有规定"


def test_another_congresss_rows_are_not_found(world_a, world_b, monkeypatch):
    at(monkeypatch, D(2026, 3, 1), 9)
    theirs = open_period(world_b, opens_on=D(2026, 3, 1))
    their_comment = actions.comment_on_draft(world_b.congress, theirs, actor=world_b.deputy, text_="乙市意见")
    c = world_a.congress
    with pytest.raises(NotFound):
        actions.comment_on_draft(c, theirs, actor=world_a.deputy, text_="越权")
    with pytest.raises(NotFound):
        actions.close_comment_period(c, theirs, actor=world_a.office)
    with pytest.raises(ValidationError, match="不是本级法规案的文本"):
        actions.open_comment_period(c, theirs.version_id, actor=world_a.office, audiences=["deputies"],
                                    opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 2))
    with pytest.raises(ValidationError, match=f"编号 {their_comment.pk} 在本级找不到"):
        actions.decide_law_comments(c, [their_comment.pk], actor=world_a.office, decision="adopted")
    mine = open_period(world_a, opens_on=D(2026, 3, 1))
    with pytest.raises(ValidationError, match="本次征求意见文本"):
        actions.comment_on_draft(c, mine, actor=world_a.deputy, text_="x", provision=articles(theirs.version)[0].pk)
