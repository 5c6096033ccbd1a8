"""代表闭会期间活动与代表培训 over the API: activities (list, one, create, change, cancel), their
participants (add by ids, pasted names or groups; remove), a participant's reply and sign-in, staff's
attendance, the summary and outputs; training programmes with each person's hours and certificates.
Another congress's id is not found."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from renda.activities import actions, queries
from renda.activities.models import Activity, Output, Participant, TrainingProgramme
from renda.core.api import scoped
from renda.core.api_contract import In, OneOf, fields_named, one
from renda.core.permissions import check_permission
from renda.liaison.models import Concern
from renda.people.models import Organisation
from renda.proposals.models import Suggestion

router = Router(tags=["activities"])
Year = Annotated[int, Field(ge=1949, le=9999)]


class ActivityParticipantOut(Schema):
    id: int
    person_id: int
    person: str
    as_deputy_of_id: int | None
    as_deputy_of: str
    role: str
    reply: str
    reply_note: str
    replied_at: datetime | None
    attendance: Annotated[str, OneOf(Participant.Attendance)]
    signed_in_at: datetime | None
    sign_in_method: str
    hours: str | None
    hours_earned: str


class ActivityOutputOut(Schema):
    id: int
    kind: Annotated[str, OneOf(Output.Kind)]
    title: str
    text: str
    suggestion_id: int | None
    concern_id: int | None


class DeputyActivityOut(Schema):
    id: int
    kind: Annotated[str, OneOf(Activity.Kind)]
    topic: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    description: str
    summary: str
    status: Annotated[str, OneOf(Activity.Status)]
    deputy_group_id: int | None
    programme_id: int | None
    hours: str | None
    participants: list[ActivityParticipantOut]
    outputs: list[ActivityOutputOut]
    url: str


def _participant(p: Participant) -> dict:
    return {"id": p.pk, "person_id": p.person_id, "person": p.person.name, "as_deputy_of_id": p.as_deputy_of_id,
            "as_deputy_of": p.as_deputy_of.name if p.as_deputy_of else "", "role": p.role, "reply": p.reply,
            "reply_note": p.reply_note, "replied_at": p.replied_at, "attendance": p.attendance,
            "signed_in_at": p.signed_in_at, "sign_in_method": p.sign_in_method,
            "hours": str(p.hours) if p.hours is not None else None, "hours_earned": str(queries.hours_of(p))}


def _out(request, a: Activity) -> dict:
    c = request.congress
    participants = Participant.objects.in_congress(c).filter(activity=a).select_related("person", "as_deputy_of", "activity")
    if not queries.sees_all(request.user, c):  # a participant reads their own row only
        participants = participants.filter(person=queries.person_of(request.user))
    return {"id": a.pk, "kind": a.kind, "topic": a.topic, "starts_at": a.starts_at, "ends_at": a.ends_at, "place": a.place,
            "description": a.description, "summary": a.summary, "status": a.status, "deputy_group_id": a.deputy_group_id,
            "programme_id": a.programme_id, "hours": str(a.hours) if a.hours is not None else None,
            "participants": [_participant(p) for p in participants.order_by("id")],
            "outputs": [{"id": o.pk, "kind": o.kind, "title": o.title, "text": o.text, "suggestion_id": o.suggestion_id,
                         "concern_id": o.concern_id} for o in Output.objects.in_congress(c).filter(activity=a)],
            "url": reverse("activity_detail", args=[c.code, a.pk])}


def _activity(request, activity_id: int) -> Activity:
    found = queries.visible_activities(request.congress, request.user).filter(pk=activity_id).first()
    if found is None:
        raise Http404("找不到该代表活动")
    return found


def _fresh(request, activity_id: int) -> dict:
    return _out(request, Activity.objects.in_congress(request.congress).get(pk=activity_id))


@router.get("/activities", response=list[DeputyActivityOut], summary="代表活动（按年度、类别、代表小组筛选；参加人员只看到本人参加的）")
@scoped
def list_activities(request, year: Year | None = None, kind: str = "", group_id: int | None = None):
    if not request.user.is_authenticated:
        check_permission(request.user, request.congress, "view_activities")
    found = queries.visible_activities(request.congress, request.user)
    if year is not None:
        found = found.filter(starts_at__year=year)
    if kind:
        found = found.filter(kind=kind)
    if group_id is not None:
        found = found.filter(deputy_group_id=group_id)
    return [_out(request, a) for a in found.order_by("-starts_at", "-id")[:500]]


@router.get("/activities/{activity_id}", response=DeputyActivityOut, summary="一次代表活动：参加人员、回复、出席和成果")
@scoped
def get_activity(request, activity_id: int):
    return _out(request, _activity(request, activity_id))


class DeputyActivityIn(In):
    kind: Annotated[str, OneOf(Activity.Kind)]
    topic: str
    starts_at: datetime
    ends_at: datetime | None = None
    place: str
    description: str = ""
    deputy_group_id: int | None = None
    programme_id: int | None = None
    hours: Decimal | None = None


def _links(request, payload) -> dict:
    c = request.congress
    return {"deputy_group": one(Organisation.objects.in_congress(c), payload.deputy_group_id, "deputy_group_id", "代表小组"),
            "programme": one(TrainingProgramme.objects.in_congress(c), payload.programme_id, "programme_id", "培训项目")}


@router.post("/activities", response={201: DeputyActivityOut}, summary="组织代表活动（培训活动须填学时，可属于培训项目）")
@scoped
def create_activity(request, payload: DeputyActivityIn):
    check_permission(request.user, request.congress, "create_activity")
    made = actions.create_activity(request.congress, actor=request.user, kind=payload.kind, topic=payload.topic,
                                   starts_at=payload.starts_at, ends_at=payload.ends_at, place=payload.place,
                                   description=payload.description, hours=payload.hours, **_links(request, payload))
    return Status(201, _fresh(request, made.pk))


class DeputyActivityChangeIn(In):
    kind: Annotated[str, OneOf(Activity.Kind)] | None = None
    topic: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = None
    description: str | None = None
    deputy_group_id: int | None = None
    programme_id: int | None = None
    hours: Decimal | None = None


@router.patch("/activities/{activity_id}", response=DeputyActivityOut, summary="修改尚未举行的活动（未给出的字段不变）")
@scoped
def update_activity(request, activity_id: int, payload: DeputyActivityChangeIn):
    check_permission(request.user, request.congress, "update_activity")
    activity = _activity(request, activity_id)
    given = payload.model_dump(exclude_unset=True)
    changes = {k: v for k, v in given.items() if k not in ("deputy_group_id", "programme_id")}
    links = _links(request, payload)
    if "deputy_group_id" in given:
        changes["deputy_group"] = links["deputy_group"]
    if "programme_id" in given:
        changes["programme"] = links["programme"]
    actions.update_activity(request.congress, activity, actor=request.user, **changes)
    return _fresh(request, activity.pk)


class ActivityCancelIn(In):
    reason: str = ""


@router.post("/activities/{activity_id}/cancel", response={201: DeputyActivityOut}, summary="取消尚未举行的活动（通知参加人员）")
@scoped
def cancel_activity(request, activity_id: int, payload: ActivityCancelIn):
    check_permission(request.user, request.congress, "update_activity")
    activity = _activity(request, activity_id)
    actions.cancel_activity(request.congress, activity, actor=request.user, reason=payload.reason)
    return Status(201, _fresh(request, activity.pk))


class ActivityParticipantsIn(In):
    person_ids: list[int] = []
    entries: list[str] = []
    group_ids: list[int] = []
    role: str = ""


@router.post("/activities/{activity_id}/participants", response={201: DeputyActivityOut},
             summary="增加参加人员：人员编号、粘贴的姓名或本级代表证号、本级代表小组或代表团；"
                     "须为本级及上下级人大在活动当日在任的代表、本级政协委员或工作人员，有一人不符合则全部不增加")
@scoped
def add_participants(request, activity_id: int, payload: ActivityParticipantsIn):
    check_permission(request.user, request.congress, "add_participants")
    activity = _activity(request, activity_id)
    with fields_named({"people": "person_ids", "groups": "group_ids"}):
        actions.add_participants(request.congress, activity, actor=request.user, people=payload.person_ids,
                                 entries=payload.entries, groups=payload.group_ids, role=payload.role)
    return Status(201, _fresh(request, activity.pk))


@router.delete("/activities/{activity_id}/participants/{participant_id}", response={204: None},
               summary="从尚未举行的活动中移除参加人员（通知本人）")
@scoped
def remove_participant(request, activity_id: int, participant_id: int):
    check_permission(request.user, request.congress, "add_participants")
    activity = _activity(request, activity_id)
    row = Participant.objects.in_congress(request.congress).filter(activity=activity, pk=participant_id).first()
    if row is None:
        raise Http404("找不到该参加人员")
    actions.remove_participant(request.congress, row, actor=request.user)
    return Status(204, None)


class ActivityReplyIn(In):
    reply: Annotated[str, OneOf([Participant.Reply.ATTEND, Participant.Reply.LEAVE])]
    reason: str = ""


@router.post("/activities/{activity_id}/reply", response={201: ActivityParticipantOut},
             summary="本人回复活动通知：参加，或请假（须填理由）；再次回复即更新")
@scoped
def reply(request, activity_id: int, payload: ActivityReplyIn):
    activity = _activity(request, activity_id)
    row = actions.reply_to_activity(request.congress, activity, actor=request.user, reply=payload.reply,
                                    reason=payload.reason)
    return Status(201, _participant(Participant.objects.in_congress(request.congress)
                                    .select_related("person", "as_deputy_of", "activity").get(pk=row.pk)))


class ActivitySignInIn(In):
    code: str


@router.post("/activities/{activity_id}/sign-in", response={201: ActivityParticipantOut},
             summary="本人在活动当日用现场签到码签到（连续输错按会议签到码规则锁定）")
@scoped
def sign_in(request, activity_id: int, payload: ActivitySignInIn):
    activity = _activity(request, activity_id)
    row = actions.sign_in_to_activity(request.congress, activity, actor=request.user, code=payload.code,
                                      address=request.META.get("REMOTE_ADDR", ""))
    return Status(201, _participant(Participant.objects.in_congress(request.congress)
                                    .select_related("person", "as_deputy_of", "activity").get(pk=row.pk)))


class ActivityAttendanceRowIn(In):
    person_id: int
    attendance: Annotated[str, OneOf(Participant.Attendance)]
    hours: Decimal | None = None


class ActivityAttendanceIn(In):
    rows: list[ActivityAttendanceRowIn]


@router.post("/activities/{activity_id}/attendance", response={201: DeputyActivityOut},
             summary="记录出席情况（出席、请假、缺席）和培训学时（不填为课程学时）；全部或全不")
@scoped
def record_attendance(request, activity_id: int, payload: ActivityAttendanceIn):
    check_permission(request.user, request.congress, "record_attendance")
    activity = _activity(request, activity_id)
    actions.record_attendance(request.congress, activity, actor=request.user,
                              rows=[{"person": r.person_id, "attendance": r.attendance, "hours": r.hours}
                                    for r in payload.rows])
    return Status(201, _fresh(request, activity.pk))


class ActivitySignInCodeOut(Schema):
    code: str
    link: str


@router.get("/activities/{activity_id}/sign-in-code", response=ActivitySignInCodeOut, summary="现场签到码（每分钟更换）及签到地址")
@scoped
def sign_in_code(request, activity_id: int):
    check_permission(request.user, request.congress, "record_attendance")
    activity = _activity(request, activity_id)
    code = actions.sign_in_code(activity)
    return {"code": code, "link": reverse("activity_detail", args=[request.congress.code, activity.pk]) + f"?code={code}"}


class ActivityHeldIn(In):
    summary: str


@router.post("/activities/{activity_id}/held", response={201: DeputyActivityOut},
             summary="记录活动举行情况（未签到也未请假的记为缺席；已举行的可修改活动情况）")
@scoped
def record_held(request, activity_id: int, payload: ActivityHeldIn):
    check_permission(request.user, request.congress, "record_activity_held")
    activity = _activity(request, activity_id)
    actions.record_activity_held(request.congress, activity, actor=request.user, summary=payload.summary)
    return Status(201, _fresh(request, activity.pk))


class ActivityOutputIn(In):
    kind: Annotated[str, OneOf(Output.Kind)]
    title: str = ""
    text: str = ""
    suggestion_id: int | None = None
    concern_id: int | None = None


@router.post("/activities/{activity_id}/outputs", response={201: DeputyActivityOut},
             summary="登记活动成果：意见建议、代表建议（须为本级的议案建议）、调研或视察报告")
@scoped
def add_output(request, activity_id: int, payload: ActivityOutputIn):
    c = request.congress
    check_permission(request.user, c, "add_output")
    activity = _activity(request, activity_id)
    actions.add_output(c, activity, actor=request.user, kind=payload.kind, title=payload.title, text_=payload.text,
                       suggestion=one(Suggestion.objects.in_congress(c), payload.suggestion_id, "suggestion_id", "议案建议"),
                       concern=one(Concern.objects.in_congress(c), payload.concern_id, "concern_id", "意见建议"))
    return Status(201, _fresh(request, activity.pk))


# ---------------------------------------------------------------- training


class TrainingTraineeOut(Schema):
    person_id: int
    person: str
    as_deputy_of: str
    sessions: int
    present: int
    hours: str
    completed: bool
    certificate_number: str
    certificate_pdf: str | None


class TrainingProgrammeOut(Schema):
    id: int
    kind: Annotated[str, OneOf(TrainingProgramme.Kind)]
    title: str
    year: int
    organiser: str
    certificate: bool
    required_hours: str | None
    session_ids: list[int]
    trainees: list[TrainingTraineeOut]


def _programme(request, p: TrainingProgramme) -> dict:
    c = request.congress
    return {"id": p.pk, "kind": p.kind, "title": p.title, "year": p.year, "organiser": p.organiser,
            "certificate": p.certificate, "required_hours": str(p.required_hours) if p.required_hours is not None else None,
            "session_ids": list(Activity.objects.in_congress(c).filter(programme=p).order_by("starts_at")
                                .values_list("pk", flat=True)),
            "trainees": [{"person_id": t.person.pk, "person": t.person.name,
                          "as_deputy_of": t.as_deputy_of.name if t.as_deputy_of else "", "sessions": t.sessions,
                          "present": t.present, "hours": str(t.hours), "completed": t.completed(p),
                          "certificate_number": t.certificate.number if t.certificate else "",
                          "certificate_pdf": reverse("training_certificate", args=[c.code, t.certificate.pk])
                          if t.certificate else None} for t in queries.trainees(c, p)]}


def _programme_of(request, programme_id: int) -> TrainingProgramme:
    found = TrainingProgramme.objects.in_congress(request.congress).filter(pk=programme_id).first()
    if found is None:
        raise Http404("找不到该培训项目")
    return found


@router.get("/training/programmes", response=list[TrainingProgrammeOut], summary="培训项目及每人学时")
@scoped
def list_programmes(request, year: Year | None = None):
    check_permission(request.user, request.congress, "view_activities")
    found = TrainingProgramme.objects.in_congress(request.congress).order_by("-year", "-id")
    if year is not None:
        found = found.filter(year=year)
    return [_programme(request, p) for p in found[:200]]


@router.get("/training/programmes/{programme_id}", response=TrainingProgrammeOut, summary="一个培训项目：课程、每人学时和结业证书")
@scoped
def get_programme(request, programme_id: int):
    check_permission(request.user, request.congress, "view_activities")
    return _programme(request, _programme_of(request, programme_id))


class TrainingProgrammeIn(In):
    kind: Annotated[str, OneOf(TrainingProgramme.Kind)]
    title: str
    year: int
    organiser: str = ""
    certificate: bool = False
    required_hours: Decimal | None = None


@router.post("/training/programmes", response={201: TrainingProgrammeOut}, summary="设立培训项目（颁发证书的须填结业所需学时）")
@scoped
def create_programme(request, payload: TrainingProgrammeIn):
    check_permission(request.user, request.congress, "create_training_programme")
    made = actions.create_training_programme(request.congress, actor=request.user, **payload.model_dump())
    return Status(201, _programme(request, made))


class TrainingProgrammeChangeIn(In):
    kind: Annotated[str, OneOf(TrainingProgramme.Kind)] | None = None
    title: str | None = None
    year: int | None = None
    organiser: str | None = None
    certificate: bool | None = None
    required_hours: Decimal | None = None


@router.patch("/training/programmes/{programme_id}", response=TrainingProgrammeOut, summary="修改培训项目（未给出的字段不变）")
@scoped
def update_programme(request, programme_id: int, payload: TrainingProgrammeChangeIn):
    check_permission(request.user, request.congress, "create_training_programme")
    programme = _programme_of(request, programme_id)
    actions.update_training_programme(request.congress, programme, actor=request.user,
                                      **payload.model_dump(exclude_unset=True))
    return _programme(request, TrainingProgramme.objects.in_congress(request.congress).get(pk=programme.pk))


@router.post("/training/programmes/{programme_id}/certificates", response={201: TrainingProgrammeOut},
             summary="为达到结业学时且尚未发证的学员颁发结业证书（编号）")
@scoped
def issue_certificates(request, programme_id: int):
    check_permission(request.user, request.congress, "issue_certificates")
    programme = _programme_of(request, programme_id)
    actions.issue_certificates(request.congress, programme, actor=request.user, on=timezone.localdate())
    return Status(201, _programme(request, programme))
