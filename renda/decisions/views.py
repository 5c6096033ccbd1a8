"""The major-matter decisions' pages: the list and the proposal form (office), the decision page
(deliberation, vote, outcome, publishing, implementation), the official document, and the public
list of published decisions with their text. Another congress's decision is not found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from renda.core import downloads, official_documents
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.spreadsheets import Column, describe_filters, export_response, wanted
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.decisions import actions
from renda.decisions.documents import decision_document
from renda.decisions.forms import DocumentForm, ImplementationForm, ProposeForm, PublishForm, SpeechForm
from renda.decisions.models import Decision
from renda.decisions.workflows import DECISION_WORKFLOW
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Document, Meeting, RosterEntry, Speech
from renda.people.models import Person
from renda.voting.models import Vote

S = Decision.Status
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
STEPS = {"vote": "put_decision_to_vote", "outcome": "record_decision_outcome", "publish": "publish_decision",
         "implementation": "track_decision_implementation", "speech": "record_speech",
         "document": "publish_document"}


# The lists' exports (core.spreadsheets): what each list shows, with the dates as dates.
COLUMNS = [
    Column("标题", "title"), Column("文种", lambda d: d.get_kind_display()), Column("提请机关", "proposer.name"),
    Column("会议", "meeting.title"), Column("文号", "number_text"), Column("状态", lambda d: d.get_status_display()),
    Column("通过日期", "decided_on", "date"), Column("公布日期", "published_on", "date"),
]
PUBLIC_COLUMNS = [
    Column("标题", "title"), Column("文号", "number_text"), Column("通过日期", "decided_on", "date"),
    Column("公布日期", "published_on", "date"), Column("决议、决定文本", "text"),
]


def _keyword(request) -> str:
    return request.GET.get("q", "").strip()[:100]


def _matching(rows, q: str):
    if not q:
        return rows
    return rows.filter(Q(title__icontains=q) | Q(number_text__icontains=q) | Q(text__icontains=q)
                       | Q(proposer__name__icontains=q))


def decisions_of(congress):
    return Decision.objects.in_congress(congress).select_related(
        "proposer", "meeting", "meeting__term", "meeting__congress", "vote", "agenda_item", "congress")


@require_GET
@requires("view_decisions")
def list_page(request, congress_code):
    status = request.GET.get("status", "")
    rows = decisions_of(request.congress)
    if status in S.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    q = _keyword(request)
    rows = _matching(rows, q)
    if fmt := wanted(request):
        return export_response(request, subject="重大事项决定", columns=COLUMNS, rows=rows, fmt=fmt,
                               filters=describe_filters([("状态", S(status).label if status else ""), ("关键词", q)]))
    return render(request, "decisions/list.html", {"rows": rows[:500], "statuses": S.choices, "status": status, "q": q,
                                                   "may_propose": may(request.user, request.congress,
                                                                      "propose_decision")})


@requires("propose_decision")
def new_page(request, congress_code):
    congress = request.congress
    if request.method != "POST":
        return render(request, "decisions/new.html", {"form": ProposeForm(congress=congress)})
    form = ProposeForm(request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            decision = actions.propose_decision(congress, actor=request.user, title=d["title"], kind=d["kind"],
                                                proposer=d["proposer"], meeting=d["meeting"], text_=d["text"],
                                                explanation=d["explanation"], agenda_item=d["agenda_item"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "议案已列入会议议程")
            return redirect("decisions_detail", congress_code=congress_code, pk=decision.pk)
    return render(request, "decisions/new.html", {"form": form}, status=422)


def _speakers(decision: Decision):
    ids = RosterEntry.objects.in_congress(decision.congress_id).filter(meeting_id=decision.meeting_id) \
        .values_list("person_id", flat=True)
    return Person.objects.filter(pk__in=ids).order_by("name")


def _page(request, decision: Decision, forms: dict | None = None, status: int = 200):
    congress, user = request.congress, request.user
    forms = forms or {}
    vote = Vote.objects.in_congress(congress).filter(pk=decision.vote_id).first()
    speeches = (Speech.objects.in_congress(congress).filter(agenda_item_id=decision.agenda_item_id)
                .select_related("speaker").order_by("recorded_at", "id")) if decision.agenda_item_id else []
    documents = (Document.objects.in_congress(congress).filter(agenda_item_id=decision.agenda_item_id)
                 .order_by("id")) if decision.agenda_item_id else []
    implementations = decision.rectification_items.filter(congress=congress).select_related("unit").order_by("id")
    steps = {name: may(user, congress, permission) for name, permission in STEPS.items()}
    context = {
        "d": decision, "vote": vote, "speeches": speeches, "documents": documents,
        "document_form": forms.get("document") or DocumentForm(), "implementations": implementations, "may": steps,
        "stepper": [{"label": label, "current": value == decision.status} for value, label in S.choices],
        "publish_form": forms.get("publish") or PublishForm(initial={"text": decision.text}),
        "implementation_form": forms.get("implementation") or ImplementationForm(congress=congress),
        "speech_form": forms.get("speech") or SpeechForm(people=_speakers(decision)),
        "failed": decision.status == S.FAILED,
        "can_publish": decision.status == S.PASSED, "can_track": decision.status in (S.PASSED, S.PUBLISHED),
        "can_vote": decision.status == S.PROPOSED,
        "can_record": decision.status == S.VOTING and vote is not None and vote.status == Vote.Status.ANNOUNCED,
        "transitions": DECISION_WORKFLOW.available(decision.status, frozenset(), congress),
    }
    return render(request, "decisions/detail.html", context, status=status)


@require_GET
@requires("view_decisions")
def detail_page(request, congress_code, pk):
    return _page(request, get_or_404(decisions_of(request.congress), pk, "找不到该重大事项决定"))


@require_POST
def step(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    c, user = request.congress, request.user
    decision = get_or_404(decisions_of(c), pk, "找不到该重大事项决定")
    form = None
    if what == "publish":
        form = PublishForm(request.POST)
    elif what == "implementation":
        form = ImplementationForm(request.POST, congress=c)
    elif what == "speech":
        form = SpeechForm(request.POST, people=_speakers(decision))
    elif what == "document":
        form = DocumentForm(request.POST, request.FILES)
    if form is not None and not form.is_valid():
        return _page(request, decision, {what: form}, status=422)
    d = form.cleaned_data if form is not None else {}
    try:
        if what == "vote":
            actions.put_decision_to_vote(c, decision, actor=user)
            done = "已付表决：请在表决页开始表决"
        elif what == "outcome":
            decision = actions.record_decision_outcome(c, decision, actor=user)
            done = f"表决通过，文号 {decision.number_text}" if decision.status == S.PASSED else "表决未通过"
        elif what == "publish":
            actions.publish_decision(c, decision, actor=user, text_=d["text"], on=d["on"])
            done = "已公布"
        elif what == "implementation":
            actions.track_implementation(c, decision, actor=user, unit=d["unit"], owner=d["owner"],
                                         due_on=d["due_on"], measures=d["measures"])
            done = "执行情况报告已列入跟踪"
        else:
            item = AgendaItem.objects.in_congress(c).filter(pk=decision.agenda_item_id).first()
            if item is None:
                raise ValidationError("该议案没有列入议程")
            if what == "document":
                meeting = Meeting.objects.in_congress(c).get(pk=decision.meeting_id)
                meeting_actions.publish_document(c, meeting, actor=user, title=d["title"], file=d["file"],
                                                 audience=d["audience"], release_at=timezone.now(), agenda_item=item)
                done = "文件已附上"
            else:
                meeting_actions.record_speech(c, item, actor=user, speaker=d["speaker"], text=d["text"])
                done = "审议发言已记录"
    except (ValidationError, PermissionDenied, NotFound) as error:
        fields = set(getattr(error, "error_dict", {}) or {})
        if form is None or not fields or not fields & set(form.fields):
            # A refusal about the decision itself (its state), not about what was typed: said at the top.
            flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
            return redirect("decisions_detail", congress_code=congress_code, pk=decision.pk)
        add_action_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        decision.refresh_from_db()
        return _page(request, decision, {what: form}, status=422)
    messages.success(request, done)
    return redirect("decisions_detail", congress_code=congress_code, pk=decision.pk)


def attachment(content: bytes, name: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
    return downloads.attachment(response, name)


@require_GET
def document(request, congress_code, pk, ext):
    """The decision in the official layout: a published one for everyone; a passed one not yet
    published for those who see decisions; a failed one has none."""
    if ext not in CONTENT_TYPES:
        raise Http404
    c = request.congress
    decision = decisions_of(c).filter(pk=pk).first()
    if decision is None or decision.status not in (S.PASSED, S.PUBLISHED):
        raise Http404("找不到该决议、决定")
    if decision.status != S.PUBLISHED:
        denied = gate(request, "view_decisions")
        if denied:
            return denied
    doc = decision_document(decision)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(doc), official_documents.filename(doc, ext), ext)


@require_GET
def public_page(request, congress_code):
    """Published resolutions and decisions, newest first, with their number and text."""
    rows = decisions_of(request.congress).filter(status=S.PUBLISHED).order_by("-decided_on", "-number")
    q = _keyword(request)
    rows = _matching(rows, q)
    if fmt := wanted(request):
        return export_response(request, subject="常委会决议、决定", columns=PUBLIC_COLUMNS, rows=rows, fmt=fmt,
                               filters=describe_filters([("关键词", q)]))
    return render(request, "decisions/public.html", {"rows": rows[:200], "q": q})


urlpatterns: list = [
    path("decisions/", list_page, name="decisions_list"),
    path("decisions/new/", new_page, name="decisions_new"),
    path("decisions/public/", public_page, name="decisions_public"),
    path("decisions/<int:pk>/", detail_page, name="decisions_detail"),
    path("decisions/<int:pk>/do/<str:what>/", step, name="decisions_step"),
    path("decisions/<int:pk>/document.<str:ext>", document, name="decisions_document"),
]
