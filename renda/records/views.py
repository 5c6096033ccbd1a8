"""Pages of 代表履职档案: all deputies of a year (staff, with filters and the .xlsx), one deputy's
year with every figure linked to the rows it counts, a deputy's own record, the combined record over the
levels where they serve, the yearly PDF, and the deputy's note.

Staff (view_records) see every record; a deputy (view_own_record) their own; another congress's person
is not found; anyone else is refused."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from renda.core import downloads, rules, spreadsheets
from renda.core.errors import NotFound
from renda.core.official_documents import filename
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, year_param
from renda.people.models import Organisation
from renda.people.validation import id_or_none
from renda.records import actions, attendance, documents, figures, queries
from renda.records.queries import Record


class NoteForm(forms.Form):
    text = forms.CharField(label="履职情况说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))


def _record(request, person_id: int, year: int) -> Record:
    """The record if the user may see it: not found for a person who is not a deputy here that year,
    refused for a deputy who is not the user (unless staff)."""
    c = request.congress
    try:
        queries.deputy_in(c, person_id, year)
    except NotFound as missing:
        raise Http404(str(missing)) from None
    if not queries.may_see(request.user, c, person_id):
        raise PermissionDenied("您没有“查看全部代表的履职档案”的权限，只能查看本人的履职档案")
    return queries.record_for(c, person_id, year)


def _page(request, record: Record, form: NoteForm | None = None, status: int = 200):
    c, user = request.congress, request.user
    own = queries.person_of(user)
    can_note = own is not None and own.pk == record.person.pk and may(user, c, "write_record_note")
    if can_note and form is None:
        form = NoteForm(initial={"text": record.note.text if record.note else ""})
    return render(request, "records/record.html", {
        "record": record, "form": form if can_note else None, "limit": rules.get(c, "records.note_max_chars"),
        "attendance": attendance.chart(record, attendance.over_term(record)),
        "sees_all": queries.sees_all(user, c), "own": own is not None and own.pk == record.person.pk,
    }, status=status)


@require_GET
def record_page(request, congress_code, person_id, year):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _page(request, _record(request, person_id, year))


@require_GET
def my_record(request, congress_code):
    """The signed-in deputy's own record for the year asked (this year by default)."""
    denied = gate(request, "view_own_record")
    if denied:
        return denied
    own = queries.person_of(request.user)
    if own is None:
        raise Http404("您的账号没有关联代表")
    return _page(request, _record(request, own.pk, year_param(request)))


@require_POST
def note(request, congress_code, person_id, year):
    denied = gate(request, "write_record_note")
    if denied:
        return denied
    record = _record(request, person_id, year)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            actions.write_record_note(request.congress, actor=request.user, year=year, text_=form.cleaned_data["text"])
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "履职情况说明已保存")
            return redirect("record", congress_code=congress_code, person_id=person_id, year=year)
    return _page(request, record, form, status=422)


@require_GET
def source(request, congress_code, person_id, year, key):
    """The rows one figure counts."""
    if key not in figures.BY_KEY:
        raise Http404("没有这一项")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = _record(request, person_id, year)
    f = figures.BY_KEY[key]
    rows = figures.source_rows(request.congress, person_id, year, key)
    return render(request, "records/source.html", {"record": record, "figure": f, "rows": rows,
                                                   "value": record.values[key]})


@require_GET
def attendance_xlsx(request, congress_code, person_id, year):
    """The numbers of the record page's attendance chart: each year of the term."""
    from renda.core import spreadsheets

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = _record(request, person_id, year)
    response = spreadsheets.export_response(request, subject=attendance.title(record), columns=attendance.COLUMNS,
                                            rows=attendance.over_term(record), fmt="xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def record_pdf(request, congress_code, person_id, year):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = _record(request, person_id, year)
    doc = documents.record_document(record)
    response = HttpResponse(documents.to_pdf(doc), content_type="application/pdf")
    downloads.attachment(response, filename(doc, "pdf"))
    response["Cache-Control"] = "private, no-store"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_GET
def combined(request, congress_code, person_id, year):
    """The person's records added up over every congress where they serve that year (五级代表)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = _record(request, person_id, year)
    total = queries.combined_for(record.person, year)
    return render(request, "records/combined.html", {"record": record, "combined": total})


def _filters(request):
    c = request.congress
    picked = {name: id_or_none(request.GET.get(name)) for name in ("delegation", "group", "station")}
    kinds = {"delegation": Organisation.Kind.DELEGATION, "group": Organisation.Kind.DEPUTY_GROUP,
             "station": Organisation.Kind.LIAISON_STATION}
    choices = {name: Organisation.objects.in_congress(c).filter(kind=kind).order_by("name")
               for name, kind in kinds.items()}
    return picked, choices


@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_records")
    if denied:
        return denied
    if fmt := spreadsheets.wanted(request):
        return _export(request, fmt)
    c = request.congress
    year = year_param(request)
    picked, choices = _filters(request)
    q = _keyword(request)
    records = _matching(queries.all_deputies(c, year, **picked), q)
    query = "&".join(f"{k}={v}" for k, v in picked.items() if v)
    return render(request, "records/list.html", {
        "year": year, "records": records, "picked": picked, "choices": choices, "query": query, "q": q,
        "headline": [figures.BY_KEY[k] for k in HEADLINE], "can_export": may(request.user, c, "export_records"),
        "scored": any(r.score is not None for r in records),
    })


HEADLINE = ["meetings_attended", "meetings_on_leave", "meetings_absent", "suggestions_led", "receptions",
            "activities_attended", "training_hours"]


def _keyword(request) -> str:
    return request.GET.get("q", "").strip()[:100]


def _matching(records: list[Record], q: str) -> list[Record]:
    """The keyword box: the deputy's name, delegation, group or station."""
    if not q:
        return records
    return [r for r in records if any(q in text for text in (
        r.person.name, *(x.name for x in ((r.mandate.delegation, r.mandate.deputy_group, r.mandate.liaison_station)
                                          if r.mandate else ()) if x is not None)))]


def _export(request, fmt: str) -> HttpResponse:
    """The list as filtered, as .xlsx or .csv (core.spreadsheets); it needs export_records."""
    denied = gate(request, "export_records")
    if denied:
        return denied
    c = request.congress
    year = year_param(request)
    picked, choices = _filters(request)
    q = _keyword(request)
    records = _matching(queries.all_deputies(c, year, **picked), q)
    named = {name: next((o.name for o in choices[name] if o.pk == pk), pk) for name, pk in picked.items() if pk}
    response = spreadsheets.export_response(
        request, subject=f"{year}年代表履职档案", columns=documents.columns(records), fmt=fmt,
        rows=list(enumerate(records, start=1)),
        filters=spreadsheets.describe_filters([("年度", year), ("代表团", named.get("delegation")),
                                               ("代表小组", named.get("group")), ("联络站", named.get("station")),
                                               ("关键词", q)]))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_xlsx(request, congress_code):
    """The earlier address of the list's .xlsx (the list now answers ``?export=xlsx`` itself)."""
    return _export(request, "xlsx")


urlpatterns = [
    path("records/", list_page, name="records_list"),
    path("records/export.xlsx", export_xlsx, name="records_export"),
    path("records/mine/", my_record, name="my_record"),
    path("records/<int:person_id>/<int:year>/", record_page, name="record"),
    path("records/<int:person_id>/<int:year>/note/", note, name="record_note"),
    path("records/<int:person_id>/<int:year>/record.pdf", record_pdf, name="record_pdf"),
    path("records/<int:person_id>/<int:year>/attendance.xlsx", attendance_xlsx, name="record_attendance_xlsx"),
    path("records/<int:person_id>/<int:year>/combined/", combined, name="record_combined"),
    path("records/<int:person_id>/<int:year>/<slug:key>/", source, name="record_source"),
]
