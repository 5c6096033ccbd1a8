"""The agenda pages: proposed items (list with a status filter, the form, each item with the directors'
meeting's decision), a session's draft agenda and schedule (fix, put to the vote, adopt, print), and
an agenda item of a session with its documents, speeches, votes and outcome.

Staff and standing-committee members see them (view_agenda); each step is gated by its own
permission. Another congress's item or meeting is not found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.agenda import actions, documents
from renda.agenda.forms import AdoptForm, DecideForm, FixForm, OutcomeForm, ProposeForm
from renda.agenda.models import DraftAgenda, DraftEntry, ItemDocument, ProposedItem
from renda.core import downloads, official_documents
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.spreadsheets import Column, describe_filters, export_response, wanted
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404
from renda.meetings.models import AgendaItem, Document, Meeting, Speech
from renda.voting import actions as voting_actions
from renda.voting.models import Vote

S = ProposedItem.Status
# The list's export (core.spreadsheets): what the list shows, with the dates as dates.
ITEM_COLUMNS = [
    Column("议题", "title"), Column("类别", lambda i: i.get_kind_display()), Column("提请主体", "proposer_name"),
    Column("汇报或说明人", "presenter"), Column("状态", lambda i: i.get_status_display()),
    Column("决定时间", "decided_at", "date"), Column("登记时间", "created_at", "date"),
]
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}



def _item(request, pk) -> ProposedItem:
    return get_or_404(ProposedItem.objects.in_congress(request.congress).select_related("proposer", "directors_meeting"),
                      pk, "找不到该提请事项")


def _session(request, meeting_id) -> Meeting:
    return get_or_404(Meeting.objects.in_congress(request.congress).filter(kind=Meeting.Kind.SC_SESSION)
                      .select_related("term", "congress"), meeting_id, "找不到该常委会会议")


@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_agenda")
    if denied:
        return denied
    c = request.congress
    status = request.GET.get("status", "")
    items = ProposedItem.objects.in_congress(c).select_related("proposer").prefetch_related("members")
    if status in S.values:
        items = items.filter(status=status)
    elif status:
        messages.warning(request, f"“状态”须为：{'、'.join(S.labels)}；已显示全部")
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        items = items.filter(Q(title__icontains=q) | Q(presenter__icontains=q) | Q(summary__icontains=q)
                             | Q(proposer__name__icontains=q))
    if fmt := wanted(request):
        return export_response(request, subject="提请常委会审议的事项", columns=ITEM_COLUMNS, rows=items,
                               fmt=fmt, filters=describe_filters([("状态", S(status).label if status else ""),
                                                                  ("关键词", q)]))
    today = timezone.localdate()
    sessions = Meeting.objects.in_congress(c).filter(kind=Meeting.Kind.SC_SESSION).exclude(
        status=Meeting.Status.CLOSED).select_related("term", "congress").order_by("starts_at")[:20]
    drafts = {d.session_id: d for d in DraftAgenda.objects.in_congress(c).filter(session__in=[s.pk for s in sessions])}
    return render(request, "agenda/list.html", {
        "items": items[:500], "status": status, "q": q, "statuses": S.choices,
        "can_propose": may(request.user, c, "propose_agenda_item"),
        "sessions": [{"meeting": s, "draft": drafts.get(s.pk)} for s in sessions], "today": today,
    })


@require_http_methods(["GET", "POST"])
def new_page(request, congress_code):
    denied = gate(request, "propose_agenda_item")
    if denied:
        return denied
    c = request.congress
    if request.method == "POST":
        form = ProposeForm(request.POST, request.FILES, congress=c)
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = actions.propose_item(c, actor=request.user, title=d["title"], kind=d["kind"],
                                            proposer_kind=d["proposer_kind"], proposer=d["proposer"],
                                            members=list(d["members"]), presenter=d["presenter"],
                                            summary=d["summary"], documents=d["documents"])
            except (ValidationError, PermissionDenied) as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "提请事项已登记，待主任会议研究")
                return redirect("agenda_item", c.code, item.pk)
        return render(request, "agenda/new.html", {"form": form}, status=422)
    return render(request, "agenda/new.html", {"form": ProposeForm(congress=c)})


def _item_page(request, item: ProposedItem, form=None, status: int = 200):
    c = request.congress
    can_decide = may(request.user, c, "decide_agenda_item") and item.status == S.PROPOSED
    return render(request, "agenda/item.html", {
        "item": item, "documents": ItemDocument.objects.in_congress(c).filter(item=item),
        "members": list(item.members.all()),
        "decide_form": (form or DecideForm(congress=c)) if can_decide else None,
        "entry": DraftEntry.objects.in_congress(c).filter(item=item).select_related("draft__session").first(),
    }, status=status)


@require_GET
def item_page(request, congress_code, pk):
    denied = gate(request, "view_agenda")
    if denied:
        return denied
    return _item_page(request, _item(request, pk))


@require_POST
def decide(request, congress_code, pk):
    denied = gate(request, "decide_agenda_item")
    if denied:
        return denied
    item = _item(request, pk)
    c = request.congress
    form = DecideForm(request.POST, congress=c)
    submit = request.POST.get("decision") == "submit"
    if form.is_valid():
        try:
            actions.decide_item(c, item, actor=request.user, directors_meeting=form.cleaned_data["directors_meeting"],
                                submit=submit, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已决定提请常委会审议" if submit else "已决定不提请审议")
            return redirect("agenda_item", c.code, item.pk)
    return _item_page(request, item, form, status=422)


@require_GET
def item_document(request, congress_code, pk, doc):
    denied = gate(request, "view_agenda")
    if denied:
        return denied
    item = _item(request, pk)
    document = get_or_404(ItemDocument.objects.in_congress(request.congress).filter(item=item), doc, "找不到该文件")
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=f"{document.title}{official_documents_ext(document.file.name)}")
    response["Cache-Control"] = "private, no-store"
    return response


def official_documents_ext(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


# ---------------------------------------------------------------- a session's draft agenda


def _rows(request, session: Meeting, draft: DraftAgenda | None) -> list[dict]:
    """Each submitted item and each on this draft, with what the draft (or the typed form) says of it."""
    c = request.congress
    entries = {e.item_id: e for e in DraftEntry.objects.in_congress(c).filter(draft=draft)} if draft else {}
    items = ProposedItem.objects.in_congress(c).filter(status=S.SUBMITTED) | \
        ProposedItem.objects.in_congress(c).filter(pk__in=list(entries))
    rows = []
    for item in items.order_by("created_at", "id"):
        e = entries.get(item.pk)
        at = timezone.localtime(e.scheduled_at).strftime("%Y-%m-%dT%H:%M") if e and e.scheduled_at else ""
        rows.append({"item": item, "include": e is not None, "order": e.order if e else "",
                     "at": at, "presenter": e.presenter if e else item.presenter})
    if request.method == "POST":
        for row in rows:
            pk = row["item"].pk
            row.update(include=bool(request.POST.get(f"include_{pk}")), order=request.POST.get(f"order_{pk}", ""),
                       at=request.POST.get(f"at_{pk}", ""), presenter=request.POST.get(f"presenter_{pk}", ""))
    rows.sort(key=lambda r: (not r["include"], _number(r["order"]), r["item"].pk))
    return rows


def _number(value) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 10_000


def _session_page(request, session: Meeting, fix_form=None, adopt_form=None, status: int = 200):
    c, user = request.congress, request.user
    draft = DraftAgenda.objects.in_congress(c).filter(session=session).select_related("directors_meeting", "vote").first()
    adopted = draft is not None and draft.status == DraftAgenda.Status.ADOPTED
    can_fix = may(user, c, "fix_draft_agenda") and not adopted and session.status != Meeting.Status.CLOSED
    can_adopt = may(user, c, "adopt_agenda") and draft is not None and not adopted
    lines, _ = documents.lines(session)
    present, total, met = actions.quorum(c, session)
    agenda = AgendaItem.objects.in_congress(c).filter(meeting=session).order_by("order", "id")
    return render(request, "agenda/session.html", {
        "session": session, "draft": draft, "adopted": adopted, "lines": lines, "agenda": agenda,
        "rows": _rows(request, session, draft) if can_fix else [],
        "fix_form": (fix_form or FixForm(congress=c, initial={"directors_meeting": draft.directors_meeting_id}
                                         if draft else None)) if can_fix else None,
        "adopt_form": (adopt_form or AdoptForm(session=session)) if can_adopt else None,
        "can_create_vote": can_adopt and may(user, c, "create_vote"),
        "present": present, "total": total, "quorum": met,
    }, status=status)


@require_GET
def session_page(request, congress_code, meeting_id):
    denied = gate(request, "view_agenda")
    if denied:
        return denied
    return _session_page(request, _session(request, meeting_id))


@require_POST
def fix(request, congress_code, meeting_id):
    denied = gate(request, "fix_draft_agenda")
    if denied:
        return denied
    c = request.congress
    session = _session(request, meeting_id)
    form = FixForm(request.POST, congress=c)
    draft = DraftAgenda.objects.in_congress(c).filter(session=session).first()
    rows = [r for r in _rows(request, session, draft) if r["include"]]
    entries = [{"item": r["item"].pk, "scheduled_at": r["at"], "presenter": r["presenter"]} for r in rows]
    if form.is_valid():
        try:
            actions.fix_draft_agenda(c, session, actor=request.user,
                                     directors_meeting=form.cleaned_data["directors_meeting"], entries=entries)
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "议程草案和日程草案已确定")
            return redirect("agenda_session", c.code, session.pk)
    return _session_page(request, session, fix_form=form, status=422)


@require_POST
def create_agenda_vote(request, congress_code, meeting_id):
    denied = gate(request, "create_vote")
    if denied:
        return denied
    c = request.congress
    session = _session(request, meeting_id)
    try:
        vote = voting_actions.create_vote(c, session, actor=request.user, title=actions.AGENDA_VOTE_TITLE)
    except (ValidationError, PermissionDenied, NotFound) as error:
        flash_errors(request, error)  # type: ignore[arg-type]
        return redirect("agenda_session", c.code, session.pk)
    messages.success(request, f"已提请表决：{vote.title}。请在表决页面开始、结束表决并宣布结果")
    return redirect("agenda_session", c.code, session.pk)


@require_POST
def adopt(request, congress_code, meeting_id):
    denied = gate(request, "adopt_agenda")
    if denied:
        return denied
    c = request.congress
    session = _session(request, meeting_id)
    draft = DraftAgenda.objects.in_congress(c).filter(session=session).first()
    if draft is None:
        raise Http404("本次会议还没有议程草案")
    form = AdoptForm(request.POST, session=session)
    if form.is_valid():
        try:
            actions.adopt_agenda(c, draft, actor=request.user, vote=form.cleaned_data["vote"])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "会议议程已表决通过，议程和文件已发布")
            return redirect("agenda_session", c.code, session.pk)
    return _session_page(request, session, adopt_form=form, status=422)


@require_GET
def session_document(request, congress_code, meeting_id, which, ext):
    if which not in ("agenda", "schedule") or ext not in CONTENT_TYPES:
        raise Http404
    denied = gate(request, "view_agenda")
    if denied:
        return denied
    session = _session(request, meeting_id)
    doc = documents.agenda_document(session) if which == "agenda" else documents.schedule_document(session)
    data = official_documents.to_pdf(doc) if ext == "pdf" else official_documents.to_docx(doc)
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    downloads.attachment(response, official_documents.filename(doc, ext))
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- an agenda item of a session


def _agenda_item(request, pk) -> AgendaItem:
    return get_or_404(AgendaItem.objects.in_congress(request.congress).select_related("meeting__term", "meeting__congress"),
                      pk, "找不到该议程")


def _agenda_item_page(request, row: AgendaItem, form=None, status: int = 200):
    c = request.congress
    can_record = may(request.user, c, "record_agenda_outcome")
    return render(request, "agenda/agenda_item.html", {
        "row": row, "meeting": row.meeting,
        "documents": Document.objects.in_congress(c).filter(agenda_item=row).order_by("release_at", "id"),
        "speeches": Speech.objects.in_congress(c).filter(agenda_item=row).select_related("speaker").order_by("id"),
        "votes": Vote.objects.in_congress(c).filter(agenda_item=row).order_by("id"),
        "proposed": ProposedItem.objects.in_congress(c).filter(agenda_item=row).first(),
        "outcome_form": (form or OutcomeForm(agenda_item=row)) if can_record else None,
    }, status=status)


@require_GET
def agenda_item_page(request, congress_code, pk):
    denied = gate(request, "view_agenda")
    if denied:
        return denied
    return _agenda_item_page(request, _agenda_item(request, pk))


@require_POST
def record_outcome(request, congress_code, pk):
    denied = gate(request, "record_agenda_outcome")
    if denied:
        return denied
    c = request.congress
    row = _agenda_item(request, pk)
    form = OutcomeForm(request.POST, agenda_item=row)
    if form.is_valid():
        try:
            actions.record_outcome(c, row, actor=request.user, outcome=form.cleaned_data["outcome"],
                                   vote=form.cleaned_data["vote"])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "审议结果已记录")
            return redirect("agenda_meeting_item", c.code, row.pk)
    return _agenda_item_page(request, row, form, status=422)



urlpatterns = [
    path("agenda/items/", list_page, name="agenda_items"),
    path("agenda/items/new/", new_page, name="agenda_item_new"),
    path("agenda/items/<int:pk>/", item_page, name="agenda_item"),
    path("agenda/items/<int:pk>/decide/", decide, name="agenda_item_decide"),
    path("agenda/items/<int:pk>/documents/<int:doc>/", item_document, name="agenda_item_document"),
    path("agenda/sessions/<int:meeting_id>/", session_page, name="agenda_session"),
    path("agenda/sessions/<int:meeting_id>/fix/", fix, name="agenda_session_fix"),
    path("agenda/sessions/<int:meeting_id>/vote/", create_agenda_vote, name="agenda_session_vote"),
    path("agenda/sessions/<int:meeting_id>/adopt/", adopt, name="agenda_session_adopt"),
    path("agenda/sessions/<int:meeting_id>/<str:which>.<str:ext>", session_document, name="agenda_session_document"),
    path("agenda-items/<int:pk>/", agenda_item_page, name="agenda_meeting_item"),
    path("agenda-items/<int:pk>/outcome/", record_outcome, name="agenda_meeting_item_outcome"),
]
