"""The demo's 网上代表之家 and 致代表的信, through the actions: a letter before the session to all
serving deputies, opened by three of them (read receipts) and answered by one; and a message from a
resident through a deputy's public page, now in that deputy's concern queue with a tracking code.

Wire with ``deputy_pages_demo.build(city.congress, office=city.office)`` in renda/demo.py, after the
deputies have their logins and stations (anywhere after the liaison demo)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from renda.core import rules
from renda.deputy_pages import actions
from renda.people.models import Mandate


def build(congress, *, office) -> dict:
    serving = list(Mandate.objects.in_congress(congress).filter(status=Mandate.Status.SERVING, person__user__isnull=False)
                   .select_related("person__user").order_by("id"))
    letter = actions.send_letter(
        congress, actor=office, title="关于征求对大会议程和重点议题意见的函",
        body=("各位代表：\n\n人民代表大会会议即将召开。为做好会议准备，现就大会议程、政府工作报告重点和"
              "代表建议选题征求您的意见。请于回复期限前在平台回复，或联系常委会代表工作委员会。\n\n"
              "感谢您对人大工作的支持。"),
        reply_by=rules.add_days(congress, timezone.localdate(), 10))
    readers = serving[:3]
    for m in readers:
        actions.mark_letter_read(congress, letter, actor=m.person.user)
    reply = actions.reply_to_letter(
        congress, letter, actor=readers[0].person.user,
        reply="建议把农村牧区供水保障和城区老旧小区改造列入重点议题；大会分组审议时间建议适当延长。")
    at_station = next((m for m in serving if m.liaison_station_id), None)
    concern = None
    if at_station is not None:
        concern = actions.contact_deputy(congress, at_station, actor=AnonymousUser(), data={
            "category": rules.get(congress, "liaison.categories")[0], "anonymous": False,
            "person_name": "赵女士", "person_contact": "13900001111", "place": "幸福小区",
            "text": "小区门口的路灯坏了两个月，晚上孩子放学走路不安全，希望代表帮忙反映。"})
    return {"letter": letter, "readers": readers, "reply": reply, "deputy": at_station, "concern": concern}
