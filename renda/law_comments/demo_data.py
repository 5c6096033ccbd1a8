"""The demo's comments on a draft: the version given is opened for comment to deputies, units, the
contact points and the public (thirty days from twenty days ago, so still open), and fifteen
comments come in from all sources across its articles — five from the public, deputies' (a
standing-committee member's as a member), a unit's, and residents' comments the contact point
gathered at a symposium, on visits and in writing; the committee has decided some (adopted, partly
adopted with a reason, declined with a reason), the rest wait. Everything goes through the actions.

Wire with ``law_comments_demo.build(congress, office=…, version=…, contact_point=…, deputies=[…],
unit_officer=…)`` in renda/demo.py, once the bill's version has its articles (deputies: their
accounts, or their mandates or persons with an account; unit_officer optional)."""

from __future__ import annotations

import datetime
from itertools import cycle

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from renda.core.tenancy import congress_scope
from renda.law_comments import actions, queries
from renda.law_comments.models import CommentPeriod, LawComment

PUBLIC = [("赵桂兰", "建议明确灌溉用水的计量方式，按实际用水量收费。"),
          ("", "建议对节水灌溉设备给予补贴，鼓励农户采用滴灌、喷灌。"),
          ("王建国", "第一条的立法目的建议增加“保障粮食安全”。"),
          ("", "=建议公布各灌区的用水定额，接受群众监督。"),
          ("刘敏", "罚款数额偏高，建议区分情节轻重设定。")]
DEPUTIES = ["建议明确县级水行政主管部门的监督检查职责。",
            "建议增加用水纠纷调解的规定，由乡镇人民政府组织调解。",
            "建议对违法取水的处罚与上位法相衔接。"]
UNIT = "建议将灌区管理单位的职责与现行水利工程管理办法相衔接，避免重复规定。"
RESIDENTS = [("张大爷", "东风村", "symposium", "村里用水高峰时经常排不上号，建议规定轮灌次序并公开。"),
             ("", "东风村", "symposium", "希望用水费用每季度公布一次。"),
             ("李秀英", "前进社区", "visit", "建议明确渠道维修的责任，不要让农户自己出钱。"),
             ("", "红旗村", "written", "建议允许农户之间转让节余的用水指标。"),
             ("马成", "红旗村", "visit", "处罚前应当先提醒、再整改。")]


def _user(value):
    """An account, or the account of a mandate's or person's deputy."""
    if hasattr(value, "get_username"):
        return value
    person = getattr(value, "person", value)
    return getattr(person, "user", None)


def build(congress, *, office, version, contact_point, deputies, unit_officer=None) -> CommentPeriod:
    today = timezone.localdate()
    period = actions.open_comment_period(
        congress, version, actor=office, audiences=["deputies", "units", "contact_points", "public"],
        opens_on=today - datetime.timedelta(days=20), closes_on=today + datetime.timedelta(days=10),
        notes="欢迎对草案提出修改意见，可以针对某一条，也可以对草案整体提出。")
    with congress_scope(congress):
        articles = [a.article for a in queries.structured_text(period)]
    on = cycle(articles or [None])
    made: list[LawComment] = []
    for name, text in PUBLIC:
        made.append(actions.comment_on_draft(congress, period, actor=AnonymousUser(), text_=text, provision=next(on),
                                             name=name))
    made.append(actions.comment_on_draft(congress, period, actor=AnonymousUser(), text_="总体赞成制定本条例。"))
    accounts = [u for u in (_user(d) for d in deputies) if u is not None]
    for account, text in zip(cycle(accounts), DEPUTIES if accounts else [], strict=False):
        made.append(actions.comment_on_draft(congress, period, actor=account, text_=text, provision=next(on)))
    if unit_officer is not None:
        made.append(actions.comment_on_draft(congress, period, actor=unit_officer, text_=UNIT, provision=next(on)))
    for n, (name, community, how, text) in enumerate(RESIDENTS):
        made.append(actions.forward_contact_point_comment(
            congress, period, actor=office, text_=text, provision=next(on), contact_point=contact_point, name=name,
            community=community, gathered_how=how, gathered_on=today - datetime.timedelta(days=15 - n)))
    actions.decide_law_comments(congress, [made[0], made[7]], actor=office, decision="adopted")
    actions.decide_law_comments(congress, [made[1]], actor=office, decision="partly",
                                reason="补贴办法由市人民政府另行规定，条例作原则性规定。")
    actions.decide_law_comments(congress, [made[4], made[-1]], actor=office, decision="declined",
                                reason="罚款数额已按情节区分，与上位法规定一致。")
    actions.decide_law_comments(congress, [made[-3]], actor=office, decision="adopted")
    return period
