"""A bill with one version of three articles in one chapter (第二条 with two paragraphs), and
comment periods on it, built for the comments' tests."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from renda.core.tenancy import congress_scope
from renda.law_comments import actions
from renda.legislation.models import Bill, BillVersion, Provision

_numbers = itertools.count(1)
ALL = ["deputies", "units", "contact_points", "public"]


def make_version(world, title: str = "示例市农田灌溉用水管理条例"):
    """A bill (drafting) and its 草案: 第一章 总则, 第一条, 第二条 (two paragraphs), 第三条."""
    c = world.congress
    n = next(_numbers)
    with congress_scope(c):
        bill = Bill.objects.create(congress=c, title=f"{title}{n if n > 1 else ''}", committee=world.committee)
        version = BillVersion.objects.create(congress=c, bill=bill, number=1, label="草案（征求意见稿）")
        position = itertools.count(1)

        def add(kind, number, text="", parent=None, heading=""):
            eid = f"{kind[:3]}_{number}" if parent is None or kind == "article" else f"{parent.eid}__para_{number}"
            return Provision.objects.create(congress=c, version=version, parent=parent, kind=kind, number=number,
                                            heading=heading, text=text, position=next(position),
                                            key=f"k{n}-{kind}-{number}-{parent.pk if parent else 0}", eid=eid)

        chapter = add("chapter", 1, heading="总则")
        first = add("article", 1, "为了节约用水，制定本条例。", chapter)
        add("paragraph", 1, "为了节约用水，制定本条例。", first)
        second = add("article", 2, "本条例适用于本市行政区域内的农田灌溉用水。\n灌区管理单位负责具体实施。", chapter)
        add("paragraph", 1, "本条例适用于本市行政区域内的农田灌溉用水。", second)
        add("paragraph", 2, "灌区管理单位负责具体实施。", second)
        third = add("article", 3, "违反本条例的，依法处理。", chapter)
        add("paragraph", 1, "违反本条例的，依法处理。", third)
    return version


def articles(version):
    return list(Provision.objects.in_congress(version.congress_id).filter(version=version, kind="article")
                .order_by("position"))


def paragraphs(article):
    return list(Provision.objects.in_congress(article.congress_id).filter(parent=article, kind="paragraph")
                .order_by("position"))


def open_period(world, version=None, *, audiences=None, days: int = 30, opens_on=None):
    version = version or make_version(world)
    start = opens_on or timezone.localdate()
    return actions.open_comment_period(world.congress, version, actor=world.office, audiences=audiences or ALL,
                                       opens_on=start, closes_on=start + datetime.timedelta(days=days))
