"""代表履职档案 over the API: all deputies of a year (staff), one deputy's year with each figure and the
address of the rows it counts, the rows themselves, a deputy's own record, the combined record over the
levels where they serve, and the deputy's note (the one write). Another congress's person is not found."""

from typing import Annotated

from django.http import Http404
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import In
from renda.core.errors import NotFound
from renda.core.permissions import check_permission
from renda.records import actions, figures, queries
from renda.records.queries import Record

router = Router(tags=["records"])
Year = Annotated[int, Field(ge=1949, le=9999)]


class FigureOut(Schema):
    key: str
    label: str
    section: str
    unit: str
    value: int | float
    source: str | None


class ScoreOut(Schema):
    total: float
    formula: str


class RecordOut(Schema):
    person_id: int
    person: str
    congress_code: str
    year: int
    delegation: str
    deputy_group: str
    station: str
    figures: list[FigureOut]
    score: ScoreOut | None
    note: str
    url: str


class SourceRowOut(Schema):
    id: str
    text: str
    date: str


class CombinedOut(Schema):
    person_id: int
    person: str
    year: int
    congresses: list[str]
    figures: list[FigureOut]
    records: list[RecordOut]


def _out(record: Record, *, links: bool = True) -> dict:
    code = record.congress.code
    pid = record.person.pk
    m = record.mandate
    return {
        "person_id": pid, "person": record.person.name, "congress_code": code, "year": record.year,
        "delegation": m.delegation.name if m and m.delegation else "",
        "deputy_group": m.deputy_group.name if m and m.deputy_group else "",
        "station": m.liaison_station.name if m and m.liaison_station else "",
        "figures": [{"key": line.key, "label": line.label, "section": line.section, "unit": line.unit,
                     "value": line.value,
                     "source": reverse("record_source", args=[code, pid, record.year, line.key]) if links else None}
                    for line in record.lines],
        "score": {"total": record.score.total, "formula": record.score.formula} if record.score else None,
        "note": record.note.text if record.note else "",
        "url": reverse("record", args=[code, pid, record.year]),
    }


def _record(request, person_id: int, year: int) -> Record:
    c = request.congress
    try:
        queries.deputy_in(c, person_id, year)
    except NotFound:
        raise Http404("找不到该代表在本年度的履职档案") from None
    if not queries.may_see(request.user, c, person_id):
        check_permission(request.user, c, "view_records")
    return queries.record_for(c, person_id, year)


@router.get("/records", response=list[RecordOut], summary="某年度全体代表的履职档案（可按代表团、代表小组、联络站筛选）")
@scoped
def all_records(request, year: Year, delegation_id: int | None = None, group_id: int | None = None,
                station_id: int | None = None):
    check_permission(request.user, request.congress, "view_records")
    records = queries.all_deputies(request.congress, year, delegation=delegation_id, group=group_id, station=station_id)
    return [_out(r, links=False) for r in records]


@router.get("/records/mine", response=RecordOut, summary="本人某年度的履职档案")
@scoped
def mine(request, year: Year):
    check_permission(request.user, request.congress, "view_own_record")
    own = queries.person_of(request.user)
    if own is None:
        raise Http404("您的账号没有关联代表")
    return _out(_record(request, own.pk, year))


@router.get("/records/people/{person_id}/{year}", response=RecordOut,
            summary="一位代表某年度的履职档案：各项数字及其所依据记录的地址")
@scoped
def one_record(request, person_id: int, year: Year):
    return _out(_record(request, person_id, year))


@router.get("/records/people/{person_id}/{year}/combined", response=CombinedOut,
            summary="一位代表某年度在其担任代表的各级人大的履职档案合计（五级代表）")
@scoped
def combined(request, person_id: int, year: Year):
    record = _record(request, person_id, year)
    total = queries.combined_for(record.person, year)
    return {"person_id": record.person.pk, "person": record.person.name, "year": year,
            "congresses": [r.congress.name for r in total.records],
            "figures": [{"key": line.key, "label": line.label, "section": line.section, "unit": line.unit,
                         "value": line.value, "source": None} for line in total.lines],
            "records": [_out(r, links=False) for r in total.records]}


def _row(key: str, row) -> dict:
    f = figures.BY_KEY[key]
    when = (getattr(row, "meeting", None) and row.meeting.starts_at) if f.section == "会议" else None
    if f.section in ("表决",) or key == "livelihood_votes":
        when = row.meeting.starts_at
    if f.section == "活动和培训":  # an activity between sessions, or a standing committee's survey (its first day)
        when = getattr(row.activity, "starts_at", None) or getattr(row.activity, "starts_on", None)
    for name in ("held_on", "on", "raised_on"):
        if when is None and getattr(row, name, None):
            when = getattr(row, name)
    text = str(row.meeting) if f.section == "会议" else str(row.activity) if f.section == "活动和培训" else str(row)
    if key == "training_hours":
        text += f"（{row.earned}学时）"
    if when is None:
        return {"id": str(row.pk), "text": text, "date": ""}
    day = when.date() if hasattr(when, "hour") else when
    return {"id": str(row.pk), "text": text, "date": day.isoformat()}


@router.get("/records/people/{person_id}/{year}/figures/{key}", response=list[SourceRowOut],
            summary="履职档案某一项数字所依据的记录")
@scoped
def source(request, person_id: int, year: Year, key: str):
    if key not in figures.BY_KEY:
        raise Http404("没有这一项")
    _record(request, person_id, year)
    return [_row(key, row) for row in figures.source_rows(request.congress, person_id, year, key)]


class NoteIn(In):
    year: int
    text: str


@router.post("/records/notes", response={201: RecordOut},
             summary="代表为本人年度履职档案写说明（不超过规则“说明最多字数”；不改变任何数字）")
@scoped
def write_note(request, payload: NoteIn):
    c = request.congress
    note = actions.write_record_note(c, actor=request.user, year=payload.year, text_=payload.text)
    return Status(201, _out(queries.record_for(c, note.person_id, note.year)))
