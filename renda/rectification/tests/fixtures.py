"""Items and files the rectification tests share."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from renda.people import actions as people_actions
from renda.people.models import Organisation
from renda.rectification import actions
from renda.rectification.models import RectificationItem


def pdf(name: str = "佐证.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def jpeg(name: str = "现场.jpg") -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(data, "JPEG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def today() -> datetime.date:
    return timezone.localdate()


def make_item(world, *, problem: str = "农村学校饮水设施老化", due_on: datetime.date | None = None, unit=None,
              owner: str = "赵局长", source: str = "visit", **link) -> RectificationItem:
    [item] = actions.list_problems(world.congress, actor=world.office, source=source, entries=[{
        "problem": problem, "goal": "年底前完成改造", "measures": "分批更换管网", "owner": owner,
        "due_on": (due_on or today() + datetime.timedelta(days=60)).isoformat(),
        "unit": (unit or world.unit).pk}], **link)
    return item


def other_unit(world, name: str = "卫健委") -> Organisation:
    return people_actions.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT,
                                              name=name, unit_type="department")


def claimed(world, **kw) -> RectificationItem:
    item = make_item(world, **kw)
    actions.request_closure(world.congress, item, actor=world.office, text="已全部完成改造", evidence=pdf())
    item.refresh_from_db()
    return item
