"""Fieldwork of a survey, inspection or visit: notices to the team and their replies, letters asking
units for their self-inspection reports, site visits with photos, symposia, and questionnaires."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core import audit, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.oversight.models import (
    Activity,
    ActivityQuestionnaire,
    Letter,
    Notice,
    NoticeReply,
    Photo,
    SiteVisit,
    SiteVisitor,
    Speech,
    Stop,
    Symposium,
    SymposiumReport,
    TeamMember,
)
from renda.oversight.queries import person_of_user
from renda.people.models import Organisation, Person
from renda.people.queries import person_of
from renda.people.validation import Errors, date, text

A = Activity.Status
MAX_PHOTOS = 6  # a visit's photos; the upload-size route allows six files a request
MAX_REPORTS = 6  # a symposium's units' reports in one request, for the same reason
MAX_SPEECHES = 60
NOTICE_STATES = (A.PREPARING, A.UNDER_WAY, A.DRAFTING)
LETTER_STATES = (A.PREPARING, A.UNDER_WAY)
FIELD_STATES = (A.UNDER_WAY, A.DRAFTING)
_text = text  # the actions' keyword ``text`` shadows the validator inside them


def _is_staff(actor, congress: Congress) -> bool:
    return bool(roles_of(actor, congress) & STAFF)



def _team_ids(congress: Congress, activity: Activity) -> set[int]:
    return set(TeamMember.objects.in_congress(congress).filter(activity=activity).values_list("person_id", flat=True))


def _field_day(data: dict, errors: Errors, field: str, label: str, activity: Activity) -> datetime.date | None:
    """A day of the fieldwork: inside the activity's year, and inside its dates where they are set."""
    day = date(data, errors, field, label, required=True)
    if day is None:
        return None
    if day.year != activity.year:
        errors.add(field, f"“{label}”须在{activity.year}年内（本次为{activity.year}年度的{activity.get_kind_display()}），收到：{day}")
        return None
    if activity.starts_on and day < activity.starts_on or activity.ends_on and day > activity.ends_on:
        errors.add(field, f"“{label}”须在{activity.get_kind_display()}期间"
                          f"（{activity.starts_on or '开始'} 至 {activity.ends_on or '结束'}），收到：{day}")
        return None
    return day


# ── notices to the team ──

@action("send_team_notice")
def send_team_notice(congress: Congress, activity: Activity, *, actor, text: str, reply_by=None, today=None) -> Notice:
    """A notice to every current member of the team, each asked to reply 参加 or 不参加."""
    ensure_own(congress, activity, "调研（检查）")
    require_status(activity, *NOTICE_STATES)
    errors = Errors()
    body = _text({"text": text}, errors, "text", "通知内容", required=True, max_length=4000)
    by = date({"reply_by": reply_by}, errors, "reply_by", "回复截止")
    if by is not None and by < (today or timezone.localdate()):
        errors.add("reply_by", f"“回复截止”不能早于今天，收到：{by}")
    people = list(TeamMember.objects.in_congress(congress).filter(activity=activity).values_list("person_id", flat=True))
    if not people:
        errors.add("text", "调研（检查）组还没有组成人员，请先确定组成人员再发通知")
    errors.raise_if_any()
    notice = Notice.objects.create(congress=congress, activity=activity, text=body, reply_by=by, sent_by=actor)
    NoticeReply.objects.bulk_create([NoticeReply(congress=congress, notice=notice, person_id=p)
                                     for p in dict.fromkeys(people)])
    audit.record(congress, actor, "send_team_notice", activity,
                 after={"notice": notice.pk, "recipients": len(set(people)), "reply_by": str(by or "")})
    return notice


@action("reply_to_notice")
def reply_to_notice(congress: Congress, notice: Notice, *, actor, answer: str, reason: str = "",
                    person: Person | None = None) -> NoticeReply:
    """A member says whether they will attend; staff may record the reply of a named person (by phone)."""
    ensure_own(congress, notice, "通知")
    staff = _is_staff(actor, congress)
    own = person_of_user(actor)
    if person is not None and not staff and (own is None or person.pk != own.pk):
        raise NotPermitted("只能回复本人的通知；代他人登记回复须由工作人员办理")
    who = person or own
    if who is None:
        raise ValidationError({"person": "请选择回复的人员"})
    reply = NoticeReply.objects.in_congress(congress).filter(notice=notice, person=who).first()
    if reply is None:
        if person is None or not staff:
            raise NotPermitted("您不在本通知的名单中")
        raise ValidationError({"person": f"{who.name}不在本通知的名单中"})
    errors = Errors()
    if answer not in (NoticeReply.Answer.ATTEND, NoticeReply.Answer.ABSENT):
        errors.add("answer", f"“回复”须为“参加”或“不参加”，收到：{answer}")
    why = _text({"reason": reason}, errors, "reason", "说明", max_length=200)
    if answer == NoticeReply.Answer.ABSENT and not why:
        errors.add("reason", "不参加的须说明理由（“说明”必须填写）")
    errors.raise_if_any()
    before = reply.answer
    reply.answer, reply.reason, reply.replied_at = answer, why, timezone.now()
    reply.save(update_fields=["answer", "reason", "replied_at"])
    audit.record(congress, actor, "reply_to_notice", notice, before={"answer": before},
                 after={"person": who.name, "answer": answer, "reason": why})
    return reply


# ── letters to units ──

@action("send_self_report_letter")
def send_self_report_letter(congress: Congress, activity: Activity, *, actor, units: list, text: str, due_on,
                            today=None) -> list[Letter]:
    """One letter to each unit asking for its self-inspection report (自查报告) by a date."""
    ensure_own(congress, activity, "调研（检查）")
    require_status(activity, *LETTER_STATES)
    errors = Errors()
    body = _text({"text": text}, errors, "text", "函件内容", required=True, max_length=4000)
    due = date({"due_on": due_on}, errors, "due_on", "报送期限", required=True)
    day = today or timezone.localdate()
    if due is not None and due < day:
        errors.add("due_on", f"“报送期限”不能早于今天（{day}），收到：{due}")
    elif due is not None and due.year != activity.year:
        errors.add("due_on", f"“报送期限”须在{activity.year}年内，收到：{due}")
    units = list(dict.fromkeys(units or []))
    if not units:
        errors.add("units", "“单位”至少选择一个")
    for unit in units:
        if not isinstance(unit, Organisation) or unit.congress_id != congress.pk:
            errors.add("units", "“单位”须为本级的承办单位")
        elif unit.kind != Organisation.Kind.HANDLING_UNIT:
            errors.add("units", f"“单位”须为承办单位，{unit.name}不是")
    taken = Letter.objects.in_congress(congress).filter(activity=activity, unit__in=[u.pk for u in units
                                                                                      if isinstance(u, Organisation)])
    for letter in taken.select_related("unit"):
        errors.add("units", f"已于 {timezone.localtime(letter.sent_at):%Y-%m-%d} 致函{letter.unit.name}，不能重复致函")
    errors.raise_if_any()
    letters = [Letter.objects.create(congress=congress, activity=activity, unit=u, text=body, due_on=due) for u in units]
    audit.record(congress, actor, "send_self_report_letter", activity,
                 after={"units": [u.name for u in units], "due_on": str(due)})
    return letters


@action("file_self_report")
def file_self_report(congress: Congress, letter: Letter, *, actor, upload) -> Letter:
    """The unit files its self-inspection report; filed after the due date, it is marked late."""
    ensure_own(congress, letter, "函件")
    if not _is_staff(actor, congress) and letter.unit_id not in organisations_of(actor, congress, Role.UNIT_OFFICER):
        raise NotPermitted(f"只有{letter.unit.name}可以报送本单位的自查报告")
    if letter.received_at is not None:
        raise ValidationError({"upload": f"{letter.unit.name}的自查报告已于 "
                                         f"{timezone.localtime(letter.received_at):%Y-%m-%d} 报送"})
    errors = Errors()
    if upload is None:
        errors.add("upload", "“自查报告”必须上传")
    else:
        uploads.check(upload, "oversight_document", errors, "upload", what="“自查报告”")
    errors.raise_if_any()
    letter.self_report_name = str(upload.name)[:200]
    letter.self_report = upload
    letter.received_at = timezone.now()
    letter.save(update_fields=["self_report", "self_report_name", "received_at"])
    audit.record(congress, actor, "file_self_report", letter,
                 after={"unit": letter.unit.name, "file": letter.self_report_name, "late": is_late(letter)})
    return letter


def is_late(letter: Letter) -> bool:
    return letter.received_at is not None and timezone.localtime(letter.received_at).date() > letter.due_on


def letter_status(letter: Letter, today=None) -> str:
    """未报送 / 已报送 / 逾期未报送 / 逾期报送"""
    if letter.received_at is not None:
        return "逾期报送" if is_late(letter) else "已报送"
    return "逾期未报送" if (today or timezone.localdate()) > letter.due_on else "未报送"


# ── site visits ──

@action("record_site_visit")
def record_site_visit(congress: Congress, activity: Activity, *, actor, day, county: str, place: str,
                      observations: str, visitors: list | None = None, stop: Stop | None = None,
                      photos: list | None = None, captions: list | None = None) -> SiteVisit:
    """A site visited (实地察看): when, where, who went, what was seen, up to six photos."""
    ensure_own(congress, activity, "调研（检查）")
    team = _team_ids(congress, activity)
    if not _is_staff(actor, congress):
        own = person_of_user(actor)
        if own is None or own.pk not in team:
            raise NotPermitted("只有调研（检查）组的成员可以记录实地察看")
    require_status(activity, *FIELD_STATES)
    errors = Errors()
    data = {"day": day, "county": county, "place": place, "observations": observations}
    when = _field_day(data, errors, "day", "日期", activity)
    county = _text(data, errors, "county", "县（市、区）", required=True, max_length=40)
    place = _text(data, errors, "place", "地点", required=True, max_length=200)
    seen = _text(data, errors, "observations", "察看情况", required=True, max_length=4000)
    if stop is not None and (stop.congress_id != congress.pk or stop.activity_id != activity.pk):
        errors.add("stop", "“行程”须为本次调研（检查）的行程")
    people = list(dict.fromkeys(visitors or []))
    for person in people:
        if not isinstance(person, Person) or person_of(congress, person.pk) is None:
            errors.add("visitors", "“察看人员”须为本级的人员")
        elif person.pk not in team:
            errors.add("visitors", f"“{person.name}”不是本调研（检查）组成员")
    photos = list(photos or [])
    captions = list(captions or [])
    if len(photos) > MAX_PHOTOS:
        errors.add("photos", f"“照片”每次最多 {MAX_PHOTOS} 张，收到 {len(photos)} 张")
    else:
        for n, photo in enumerate(photos, start=1):
            uploads.check(photo, "oversight_photo", errors, "photos", what=f"第{n}张照片")
    if len(captions) > len(photos):
        errors.add("captions", f"“照片说明”有 {len(captions)} 条，照片只有 {len(photos)} 张")
    cleaned = [_text({"captions": c}, errors, "captions", f"第{n}张照片的说明", max_length=200)
               for n, c in enumerate(captions, start=1)]
    errors.raise_if_any()
    visit = SiteVisit.objects.create(congress=congress, activity=activity, stop=stop, day=when, county=county,
                                     place=place, observations=seen, recorded_by=actor)
    SiteVisitor.objects.bulk_create([SiteVisitor(congress=congress, visit=visit, person=p) for p in people])
    for n, photo in enumerate(photos):
        Photo.objects.create(congress=congress, visit=visit, file=photo, caption=cleaned[n] if n < len(cleaned) else "")
    audit.record(congress, actor, "record_site_visit", visit,
                 after={"day": str(when), "county": county, "place": place, "visitors": [p.name for p in people],
                        "photos": len(photos)})
    return visit


def visits_by_county(visits: list[SiteVisit]) -> list[tuple[str, list[SiteVisit]]]:
    """The visits grouped by county, counties in the order first visited."""
    grouped: dict[str, list[SiteVisit]] = {}
    for visit in visits:
        grouped.setdefault(visit.county, []).append(visit)
    return list(grouped.items())


# ── symposia ──

@action("record_symposium")
def record_symposium(congress: Congress, activity: Activity, *, actor, day, place: str, topic: str, summary: str = "",
                     reports: list | None = None, speeches: list | None = None) -> Symposium:
    """A symposium (座谈会): the units' reports (files) and who spoke, in order."""
    ensure_own(congress, activity, "调研（检查）")
    require_status(activity, *FIELD_STATES)
    errors = Errors()
    data = {"day": day, "place": place, "topic": topic, "summary": summary}
    when = _field_day(data, errors, "day", "日期", activity)
    place = _text(data, errors, "place", "地点", required=True, max_length=200)
    topic = _text(data, errors, "topic", "主题", required=True, max_length=200)
    summary = _text(data, errors, "summary", "会议情况", max_length=4000)
    reports = list(reports or [])
    speeches = list(speeches or [])
    if len(reports) > MAX_REPORTS:
        errors.add("reports", f"“汇报材料”每次最多 {MAX_REPORTS} 份，收到 {len(reports)} 份")
        reports = []
    if len(speeches) > MAX_SPEECHES:
        errors.add("speeches", f"“发言”每次最多 {MAX_SPEECHES} 条，收到 {len(speeches)} 条")
        speeches = []
    kept_reports = []
    for n, entry in enumerate(reports, start=1):
        unit, title, upload = (tuple(entry) + (None, None, None))[:3] if isinstance(entry, list | tuple) else (None,) * 3
        if not isinstance(unit, Organisation) or unit.congress_id != congress.pk:
            errors.add("reports", f"第{n}份汇报材料须选择本级的单位")
        name = _text({"reports": title}, errors, "reports", f"第{n}份汇报材料的标题", required=True, max_length=200)
        if upload is None:
            errors.add("reports", f"第{n}份汇报材料须上传文件")
        else:
            uploads.check(upload, "oversight_document", errors, "reports", what=f"第{n}份汇报材料")
        kept_reports.append((unit, name, upload))
    kept_speeches = []
    for n, entry in enumerate(speeches, start=1):
        if not isinstance(entry, dict):
            errors.add("speeches", f"第{n}条发言须写明发言人和发言要点")
            continue
        person = entry.get("person")
        if person is not None and (not isinstance(person, Person) or person_of(congress, person.pk) is None):
            errors.add("speeches", f"第{n}条发言的发言人不是本级的人员")
            person = None
        speaker = _text({"speeches": entry.get("speaker") or (person.name if person else "")}, errors, "speeches",
                        f"第{n}条发言的发言人", required=True, max_length=60)
        affiliation = _text({"speeches": entry.get("affiliation", "")}, errors, "speeches",
                            f"第{n}条发言的单位职务", max_length=100)
        said = _text({"speeches": entry.get("summary")}, errors, "speeches", f"第{n}条发言的发言要点",
                     required=True, max_length=4000)
        kept_speeches.append((person, speaker, affiliation, said))
    errors.raise_if_any()
    symposium = Symposium.objects.create(congress=congress, activity=activity, day=when, place=place, topic=topic,
                                         summary=summary)
    for unit, name, upload in kept_reports:
        SymposiumReport.objects.create(congress=congress, symposium=symposium, unit=unit, title=name, file=upload)
    Speech.objects.bulk_create([Speech(congress=congress, symposium=symposium, order=n, person=p, speaker=s,
                                       affiliation=a, summary=t)
                                for n, (p, s, a, t) in enumerate(kept_speeches, start=1)])
    audit.record(congress, actor, "record_symposium", symposium,
                 after={"day": str(when), "topic": topic, "reports": [n for _, n, _ in kept_reports],
                        "speakers": [s for _, s, _, _ in kept_speeches]})
    return symposium


# ── questionnaires ──

@action("attach_questionnaire")
def attach_questionnaire(congress: Congress, activity: Activity, *, actor, questionnaire) -> ActivityQuestionnaire:
    """Use a questionnaire of this congress in the activity (its answers feed the report's figures)."""
    ensure_own(congress, activity, "调研（检查）")
    ensure_own(congress, questionnaire, "问卷")
    if ActivityQuestionnaire.objects.in_congress(congress).filter(activity=activity, questionnaire=questionnaire).exists():
        raise ValidationError({"questionnaire": f"问卷“{questionnaire.title}”已附加到本次{activity.get_kind_display()}"})
    link = ActivityQuestionnaire.objects.create(congress=congress, activity=activity, questionnaire=questionnaire)
    audit.record(congress, actor, "attach_questionnaire", activity,
                 after={"questionnaire": questionnaire.pk, "title": questionnaire.title})
    return link
