"""Writes for the opinion register (意见建议登记办理, "事事有回音"): every opinion that is neither a
formal suggestion nor a constituent's concern at a station — points raised at leaders' visits and
symposia (one per speaker), 代表直通车, tasks given at the end of meetings, and letters and visits
(信访) received by the congress.

A register item is a ``liaison.Concern`` with one of ``Concern.REGISTER_SOURCES`` and no station: it
runs on the concern workflow (liaison.workflows.CONCERN_WORKFLOW). Assigning to a unit with a
deadline is liaison's ``triage_concern`` (上报办; the deadline from the opinions.* rules), the unit's
answer is ``answer_concern``, the raiser's acknowledgment ``record_feedback``; when answered the
raiser is told through the outbox (liaison.actions.tell_raiser). This module adds what only the
register needs: recording, the deputy's direct line, petitions, classifying, merging, and a
petition's answer delivered to the person.
"""

from __future__ import annotations

from django.utils import timezone

from renda.activities.models import Activity, Participant
from renda.core import audit, rules
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.liaison import actions as liaison
from renda.liaison.models import Concern, ConcernPhoto
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Person
from renda.people.validation import Errors, date, text

S = Concern.Status
SRC = Concern.Source
MAX_POINTS = 200
# Where a point recorded at an activity or a meeting comes from.
RECORDED_SOURCES = (SRC.LEADERS_VISIT, SRC.SYMPOSIUM, SRC.MEETING_TASK)
DELIVERY_WAYS = ("电话", "书面", "当面", "短信")


def _category(congress: Congress, data: dict, errors: Errors, field: str) -> str:
    value = text({field: data.get("category", "")}, errors, field, "类别", required=True, max_length=20)
    categories = rules.get(congress, "liaison.categories")
    if value and value not in categories:
        errors.add(field, f"“类别”须为以下之一：{'、'.join(categories)}")
    return value


def _create(congress: Congress, actor, *, source: str, raised_on, category: str, text_: str, place: str = "",
            raised_by: Person | None = None, person_name: str = "", person_contact: str = "",
            activity: Activity | None = None, meeting: Meeting | None = None, photos=()) -> Concern:
    item = Concern.objects.create(
        congress=congress, station=None, source=source, raised_on=raised_on, category=category, text=text_,
        place=place, raised_by=raised_by, person_name=person_name, person_contact=person_contact,
        activity=activity, meeting=meeting, tracking_code=liaison._unused_tracking_code(congress))
    for photo, kind in photos:
        ConcernPhoto.objects.create(congress=congress, concern=item, image=photo, content_type=kind)
    liaison._step(congress, item, actor, public_note=f"已登记，来源：{item.get_source_display()}")
    return item


def _speakers_known(congress: Congress, activity: Activity | None, meeting: Meeting | None) -> set[int]:
    """Who may be named as a speaker: a deputy of this congress, or someone on the activity's list or
    the meeting's roster (a leader, a deputy of another level, a unit's head)."""
    known = set(Mandate.objects.in_congress(congress).values_list("person_id", flat=True))
    if activity is not None:
        known |= set(Participant.objects.in_congress(congress).filter(activity=activity)
                     .values_list("person_id", flat=True))
    if meeting is not None:
        from renda.meetings.models import RosterEntry

        known |= set(RosterEntry.objects.in_congress(congress).filter(meeting=meeting)
                     .values_list("person_id", flat=True))
    return known


@action("record_opinions")
def record_opinions(congress: Congress, *, actor, source: str, points: list[dict], activity: Activity | None = None,
                    meeting: Meeting | None = None) -> list[Concern]:
    """The points raised at a leaders' visit or a symposium (linked to its activity), or the tasks
    given at the end of a meeting (linked to the meeting): one register item per speaker's point,
    each ``{"speaker": Person, "category": ..., "text": ..., "place": ...}``. The speaker is who the
    answer goes back to. All or nothing: one bad point and none is written."""
    errors = Errors()
    if source not in RECORDED_SOURCES:
        errors.add("source", "“来源”须为走访代表、座谈会或会议交办")
    if source in (SRC.LEADERS_VISIT, SRC.SYMPOSIUM):
        activity = ensure_own(congress, activity, "代表活动") if activity is not None else None
        if activity is None:
            errors.add("activity", "走访、座谈会上的意见须选择所在的活动")
        meeting = None
    elif source == SRC.MEETING_TASK:
        meeting = ensure_own(congress, meeting, "会议") if meeting is not None else None
        if meeting is None:
            errors.add("meeting", "会议交办事项须选择交办的会议")
        activity = None
    points = list(points or [])
    if not points:
        errors.add("points", "请至少登记一条意见")
    elif len(points) > MAX_POINTS:
        errors.add("points", f"一次最多登记 {MAX_POINTS} 条意见")
    errors.raise_if_any()
    known = _speakers_known(congress, activity, meeting)
    cleaned: list[tuple[Person, str, str, str]] = []  # speaker, category, text, place
    for i, point in enumerate(points):
        prefix = f"points.{i}."
        speaker = point.get("speaker")
        if not isinstance(speaker, Person) or speaker.pk not in known:
            errors.add(prefix + "speaker", f"第 {i + 1} 条：“发言人”须为本级代表，或活动、会议的参加人员")
        category = _category(congress, point, errors, prefix + "category")
        body = text({prefix + "text": point.get("text", "")}, errors, prefix + "text", f"第 {i + 1} 条意见内容",
                    required=True, max_length=5000)
        where = text({prefix + "place": point.get("place", "")}, errors, prefix + "place", "地点", max_length=100)
        if isinstance(speaker, Person):
            cleaned.append((speaker, category, body, where))
    errors.raise_if_any()
    if activity is not None:
        raised_on = timezone.localtime(activity.starts_at).date()
        place = activity.place[:100]
    else:
        assert meeting is not None  # required above for a meeting task
        raised_on = timezone.localtime(meeting.starts_at).date()
        place = (meeting.place or "")[:100]
    made = [_create(congress, actor, source=source, raised_on=raised_on, place=where or place, person_name=speaker.name,
                    category=category, text_=body, raised_by=speaker, activity=activity, meeting=meeting)
            for speaker, category, body, where in cleaned]
    audit.record(congress, actor, "record_opinions", activity or meeting, object_repr=str(activity or meeting),
                 after={"source": source, "items": [m.pk for m in made]})
    return made


@action("send_direct_line")
def send_direct_line(congress: Congress, *, actor, data: dict, photos=()) -> Concern:
    """代表直通车: a serving deputy of this congress sends a matter straight to the standing
    committee's office from the phone (a photo or three optional). The answer comes back to them."""
    mandate = liaison.serving_mandate(congress, actor)
    if mandate is None:
        raise NotPermitted("代表直通车只限本级在任代表本人使用")
    errors = Errors()
    category = _category(congress, data, errors, "category")
    body = text(data, errors, "text", "反映的事项", required=True, max_length=5000)
    place = text(data, errors, "place", "地点", max_length=100)
    checked = liaison._check_photos(photos, errors)
    errors.raise_if_any()
    person = mandate.person
    item = _create(congress, actor, source=SRC.DIRECT_LINE, raised_on=timezone.localdate(), category=category,
                   text_=body, place=place, raised_by=person, person_name=person.name,
                   person_contact=person.phone[:60], photos=checked)
    audit.record(congress, actor, "send_direct_line", item, object_repr=f"{person.name}：{category}",
                 after={"category": category, "photos": len(checked)})
    return item


@action("register_petition")
def register_petition(congress: Congress, *, actor, data: dict) -> Concern:
    """A letter or a visit (信访) received by the congress, registered by staff with the person's name
    and contact so the answer can be delivered to them."""
    errors = Errors()
    name = text(data, errors, "person_name", "信访人姓名", required=True, max_length=50)
    contact = text(data, errors, "person_contact", "联系方式", required=True, max_length=60)
    category = _category(congress, data, errors, "category")
    body = text(data, errors, "text", "信访事项", required=True, max_length=5000)
    place = text(data, errors, "place", "地点", max_length=100)
    received = date(data, errors, "received_on", "收到日期") or timezone.localdate()
    if received > timezone.localdate():
        errors.add("received_on", "“收到日期”不能晚于今天")
    errors.raise_if_any()
    item = _create(congress, actor, source=SRC.PETITION, raised_on=received, category=category, text_=body,
                   place=place, person_name=name, person_contact=contact)
    audit.record(congress, actor, "register_petition", item, object_repr=f"信访：{category}",
                 after={"category": category, "received_on": str(received)})
    return item


def _register_item(congress: Congress, item: Concern | None) -> Concern:
    item = ensure_own(congress, item, "意见建议")
    if item.source not in Concern.REGISTER_SOURCES:
        raise ValidationError({"concern": "这件是联络站的群众诉求，不在意见建议登记簿中"})
    return item


@action("classify_opinion")
def classify_opinion(congress: Congress, item: Concern, *, actor, category: str) -> Concern:
    """Put a register item in a category (归类), while it is still being handled."""
    item = _register_item(congress, item)
    require_status(item, *Concern.OPEN)
    errors = Errors()
    value = _category(congress, {"category": category}, errors, "category")
    errors.raise_if_any()
    before = item.category
    item.category = value
    item.save(update_fields=["category"])
    liaison._step(congress, item, actor, note=f"归类：{before} → {value}")
    audit.record(congress, actor, "classify_opinion", item, before={"category": before}, after={"category": value})
    return item


@action("merge_opinions")
def merge_opinions(congress: Congress, main: Concern, *, actor, others: list[Concern]) -> Concern:
    """Collation (归并): several items on one matter are handled as one. The others wait and follow
    the main item — answered with its answer, closed with it; each raiser is told. Only items not yet
    passed on can be merged, into a main item not yet answered, all of this congress."""
    main = _register_item(congress, main)
    others = [_register_item(congress, o) for o in others or []]
    errors = Errors()
    if not others:
        errors.add("others", "请选择要并入的意见建议")
    if main.merged_into_id:
        errors.add("main", f"主件已合并到第 {main.merged_into_id} 号，请选择第 {main.merged_into_id} 号作为主件")
    if main.status not in (S.RECEIVED, S.REFERRED, S.TRACKING):
        errors.add("main", f"主件现为{main.get_status_display()}，只能并入尚未答复的主件")
    for o in others:
        if o.pk == main.pk:
            errors.add("others", "不能把主件并入它自己")
        elif o.merged_into_id:
            errors.add("others", f"第 {o.pk} 号已合并到第 {o.merged_into_id} 号")
        elif o.status != S.RECEIVED:
            errors.add("others", f"第 {o.pk} 号现为{o.get_status_display()}，只能合并尚未分办的意见建议")
    errors.raise_if_any()
    ids = sorted({o.pk for o in others})
    # Items already merged into one of these move to the new main too, so no chain is left.
    Concern.objects.in_congress(congress).filter(merged_into_id__in=ids).update(merged_into=main)
    for o in {o.pk: o for o in others}.values():
        o.merged_into = main
        o.save(update_fields=["merged_into"])
        liaison._step(congress, o, actor, note=f"归并到第 {main.pk} 号",
                      public_note="已与同类意见合并办理，随主件答复")
        liaison.tell_raiser(congress, o, f"您提出的意见“{o.text[:40]}”已与同类意见合并办理，答复后将告知您")
    liaison._step(congress, main, actor, note=f"并入第 {'、'.join(str(i) for i in ids)} 号")
    audit.record(congress, actor, "merge_opinions", main, after={"merged": ids})
    return main


@action("record_petition_delivery")
def record_petition_delivery(congress: Congress, item: Concern, *, actor, how: str, on=None) -> Concern:
    """A petition's answer delivered to the person (by phone, in writing, in person, by text message);
    the history shows when and how. Their satisfaction is then recorded with record_feedback."""
    item = _register_item(congress, item)
    if item.source != SRC.PETITION:
        raise ValidationError({"concern": "只有信访事项需要记录答复送达信访人"})
    require_status(item, S.SOLVED, S.ANSWERED, S.CLOSED)
    errors = Errors()
    if how not in DELIVERY_WAYS:
        errors.add("how", f"“送达方式”须为{'、'.join(DELIVERY_WAYS)}之一")
    day = date({"on": on}, errors, "on", "送达日期") or timezone.localdate()
    if day > timezone.localdate():
        errors.add("on", "“送达日期”不能晚于今天")
    elif item.answered_on and day < item.answered_on:
        errors.add("on", f"“送达日期”不能早于答复日期 {item.answered_on}")
    errors.raise_if_any()
    liaison._step(congress, item, actor, note=f"送达：{how}",
                  public_note=f"答复已于 {day:%Y-%m-%d} 以{how}方式送达信访人")
    audit.record(congress, actor, "record_petition_delivery", item, after={"how": how, "on": str(day)})
    return item

