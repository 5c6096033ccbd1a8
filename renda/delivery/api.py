"""The account's own notices and channel settings over the API: ``GET /api/notices`` (the inbox),
``POST /api/notices/read``, ``GET`` and ``PUT /api/notices/preferences``. Only one's own: there is no
way to name another account."""

from datetime import datetime

from ninja import Router, Schema

from renda.core.api import scoped
from renda.core.api_contract import In
from renda.core.permissions import check_permission
from renda.delivery import actions, attendance, channels, outbox
from renda.delivery.models import Delivery, Preference

router = Router(tags=["delivery"])


class DeliveryNoticeOut(Schema):
    id: int  # the inbox delivery's id: what /api/notices/read takes
    notice_id: int
    text: str
    link: str
    urgent: bool
    read: bool
    created_at: datetime
    attend_url: str  # a meeting notice's reply links, "" for any other notice
    leave_url: str


class DeliveryReadIn(In):
    ids: list[int] | None = None  # None: all of one's unread notices


class DeliveryReadOut(Schema):
    read: int
    unread: int


class DeliveryChannelOut(Schema):
    name: str
    label: str


class DeliveryPreferenceOut(Schema):
    channels: list[str]  # in order: an ordinary notice goes to the first, an urgent one to all; the inbox always
    email: str
    mobile: str
    offered: list[DeliveryChannelOut]


class DeliveryPreferenceIn(In):
    channels: list[str] = []
    email: str = ""
    mobile: str = ""


def _notice(row: Delivery) -> dict:
    replies = {k: channels.absolute(v) for k, v in attendance.links_for(row.notice).items()}
    return {"id": row.pk, "notice_id": row.notice_id, "text": row.notice.text,
            "link": channels.absolute(row.notice.link) if row.notice.link else "", "urgent": row.urgent,
            "read": row.read_at is not None, "created_at": row.created_at,
            "attend_url": replies.get("attend", ""), "leave_url": replies.get("leave", "")}


@router.get("/notices", response=list[DeliveryNoticeOut], summary="本人的通知（站内），新的在前；unread=true 只看未读")
@scoped
def list_notices(request, unread: bool = False, limit: int = 100):
    check_permission(request.user, request.congress, "read_own_notices")
    rows = (Delivery.objects.in_congress(request.congress).filter(user=request.user, channel="inbox")
            .select_related("notice").order_by("-id"))
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return [_notice(r) for r in rows[:max(1, min(limit, 500))]]


@router.post("/notices/read", response=DeliveryReadOut, summary="把本人的通知标为已读（ids 省略时全部）")
@scoped
def read_notices(request, payload: DeliveryReadIn):
    count = actions.mark_read(request.congress, actor=request.user, delivery_ids=payload.ids)
    return {"read": count, "unread": outbox.unread_count(request.congress, request.user)}


def _preference(request) -> dict:
    congress = request.congress
    current = Preference.objects.in_congress(congress).filter(user=request.user).first()
    offered = [{"name": c, "label": channels.get(c).label} for c in channels.EXTERNAL
               if channels.get(c).available(congress)]
    return {"channels": current.channels if current else [], "email": current.email if current else "",
            "mobile": current.mobile if current else "", "offered": offered}


@router.get("/notices/preferences", response=DeliveryPreferenceOut, summary="本人的通知接收设置")
@scoped
def get_preferences(request):
    check_permission(request.user, request.congress, "set_delivery_preferences")
    return _preference(request)


@router.put("/notices/preferences", response=DeliveryPreferenceOut, summary="修改本人的通知接收设置")
@scoped
def put_preferences(request, payload: DeliveryPreferenceIn):
    actions.set_preferences(request.congress, actor=request.user, channels_=payload.channels,
                            email=payload.email, mobile=payload.mobile)
    return _preference(request)
