"""The comments' pages.

For everyone: the drafts open for comment (``law_comments_public``), a draft's structured text with a
comment form per article and one for the whole (``law_comments_draft``; the public without an
account, rate-limited as the public intake; a signed-in deputy, member or unit officer as such; a
contact point's staff record residents' comments with their source), and a comment's outcome by its
reference code (``law_comments_track``). For the signed-in: their own comments and outcomes
(``law_comments_mine``); a contact point's forwarded comments (``law_comments_contact_point``). For
the committee: the periods and the form to open one (``law_comments_periods``), a period's comments
grouped by article with the decision form (``law_comments_period``), the summary's downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import downloads, official_documents
from renda.core.errors import NotFound
from renda.core.permissions import may, roles_of
from renda.core.roles import Role
from renda.core.spreadsheets import Column, describe_filters, export_response, wanted
from renda.core.views_helpers import add_action_errors, flash_errors, gate, requires
from renda.law_comments import actions, documents, intake, queries
from renda.law_comments.forms import (
    ContactPointCommentForm,
    DecideForm,
    OpenPeriodForm,
    PublicCommentForm,
    SignedInCommentForm,
    TrackForm,
)
from renda.law_comments.models import CommentPeriod, LawComment
from renda.liaison import codes, intake_guard
from renda.people.models import Organisation

Source = LawComment.Source
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _period(request, pk) -> CommentPeriod:
    found = queries.period(request.congress, pk)
    if found is None:
        raise Http404("找不到该征求意见")
    return found


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")



# The lists' exports (core.spreadsheets): the columns each list shows; dates as dates, counts as numbers.
PERIOD_COLUMNS = [
    Column("草案", lambda r: r[0].bill.title), Column("文本", lambda r: r[0].version.label or r[0].version.get_stage_display()),
    Column("范围", lambda r: "、".join(r[0].audience_labels)), Column("开始日期", lambda r: r[0].opens_on, "date"),
    Column("截止日期", lambda r: r[0].closes_on, "date"), Column("状态", lambda r: r[2]),
    Column("意见", lambda r: r[1].total, "int"), Column("待研究", lambda r: r[1].undecided, "int"),
]
MINE_COLUMNS = [
    Column("草案", lambda r: r[0].period.bill.title), Column("提出日期", lambda r: r[0].submitted_at, "date"),
    Column("方式", lambda r: r[0].get_source_display()), Column("条款", lambda r: r[1]), Column("意见", lambda r: r[0].text),
    Column("采纳情况", lambda r: r[0].get_decision_display() if r[0].decision else "研究处理中"),
    Column("理由", lambda r: r[0].reason), Column("查询码", lambda r: r[0].reference_code),
]

@require_GET
def public_list(request, congress_code):
    """The drafts open for comment now (to the public, and to the signed-in person's audiences), and
    the public ones that have closed."""
    congress, user = request.congress, request.user
    public = list(queries.open_to_public(congress))
    mine = [p for p in queries.open_to(user, congress) if p not in public] if user.is_authenticated else []
    closed = queries.periods(congress).filter(for_public=True, closes_on__lt=actions.today()).order_by("-closes_on")[:20]
    return render(request, "law_comments/public_list.html", {
        "public": public, "mine": mine, "closed": closed, "today": actions.today(), "track_form": TrackForm()})


def _mode(request, period: CommentPeriod) -> str:
    """Which form the page shows: the public's, a signed-in member's, or a contact point's."""
    user, congress = request.user, request.congress
    if not user.is_authenticated:
        return "public" if period.for_public else ""
    roles = roles_of(user, congress)
    wants_point = Role.CONTACT_POINT_STAFF in roles or (request.GET.get("as") or request.POST.get("as")) == "contact_point"
    if wants_point and period.for_contact_points and may(user, congress, "forward_contact_point_comment"):
        return "contact_point"
    return "signed_in" if _sources(request, period) else ""


def _sources(request, period: CommentPeriod) -> list[tuple[str, str]]:
    return [(s, Source(s).label) for s in actions.sources_for(request.user, request.congress)
            if getattr(period, f"for_{actions.AUDIENCE_OF[s]}")]


def _points(request):
    points = Organisation.objects.in_congress(request.congress).filter(
        kind=Organisation.Kind.LEGISLATIVE_CONTACT_POINT, active=True).order_by("name")
    if not roles_of(request.user, request.congress) & {Role.ADMIN, Role.OFFICE_STAFF}:
        from renda.core.permissions import organisations_of

        points = points.filter(pk__in=organisations_of(request.user, request.congress, Role.CONTACT_POINT_STAFF))
    return points


def _form(request, mode: str, article, key: str, data=None, *, sources=()):
    kwargs = {"article": article, "prefix_id": key}
    if mode == "public":
        return PublicCommentForm(data, **kwargs)
    if mode == "contact_point":
        return ContactPointCommentForm(data, points=_points(request), **kwargs)
    return SignedInCommentForm(data, sources=list(sources), **kwargs)


@require_http_methods(["GET", "POST"])
def draft_page(request, congress_code, pk):
    """The draft as text, article by article, each with its comment form (and one for the whole).
    A form sent back with an error re-renders in place, opened, with what was typed."""
    congress = request.congress
    period = _period(request, pk)
    text = queries.structured_text(period)
    is_open = period.is_open_on(actions.today())
    mode = _mode(request, period) if is_open else ""
    sources = _sources(request, period) if mode == "signed_in" else []
    by_key = {str(a.article.pk): a for a in text}
    target = request.POST.get("target", "") if request.method == "POST" else ""
    bound = None
    verdict = intake.Verdict()
    status = 200
    if request.method == "POST":
        if not mode:
            if not request.user.is_authenticated and not is_open:
                messages.error(request, "征求意见已经截止，不再接收意见")
                return redirect("law_comments_draft", congress.code, period.pk)
            denied = gate(request, "comment_on_draft")
            if denied:
                return denied
            messages.error(request, "本次征求意见不包括您所在的范围" if is_open else "征求意见已经截止，不再接收意见")
            return redirect("law_comments_draft", congress.code, period.pk)
        if target != "whole" and target not in by_key:
            raise Http404("找不到该条")
        article = by_key.get(target)
        bound = (target, _form(request, mode, article, target, request.POST, sources=sources))
        form = bound[1]
        if mode == "public":
            verdict = intake.admit(congress, period, _address(request), request.POST.get("challenge_token", ""),
                                   request.POST.get("challenge", ""))
            if verdict.refused:
                status = 429
        if not verdict.refused and form.is_valid():
            d = form.cleaned_data
            provision = d.get("provision") or (article.article.pk if article else None)
            try:
                if verdict.challenge_failed:
                    raise ValidationError(verdict.challenge_problem)
                if mode == "public":
                    comment = intake.accept(congress, period, lambda: actions.comment_on_draft(
                        congress, period, actor=request.user, text_=d["text"], provision=provision,
                        source=Source.PUBLIC, name=d["name"], contact=d["contact"]))
                elif mode == "contact_point":
                    comment = actions.forward_contact_point_comment(
                        congress, period, actor=request.user, text_=d["text"], provision=provision,
                        contact_point=d["contact_point"], name=d["name"], community=d["community"],
                        gathered_how=d["gathered_how"], gathered_on=d["gathered_on"])
                else:
                    comment = actions.comment_on_draft(congress, period, actor=request.user, text_=d["text"],
                                                       provision=provision, source=d["source"])
            except intake.PeriodFull as full:
                verdict, status = intake.Verdict(refused=full.message), 429
            except (ValidationError, PermissionDenied, NotFound) as error:
                add_action_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            else:
                if mode == "contact_point":
                    messages.success(request, f"已报送，查询码 {comment.reference_code}")
                    return redirect(reverse("law_comments_draft", args=[congress.code, period.pk])
                                    + ("?as=contact_point" if request.POST.get("as") else "")
                                    + f"#{_anchor(article.article) if article else 'whole'}")
                return redirect(reverse("law_comments_track", args=[congress.code, comment.reference_code]) + "?new=1")
        if status == 200:
            status = 422
    elif mode == "public":
        verdict = intake.check(congress, period, _address(request))
    forms_by_key = {}
    if mode:
        for key, article in [("whole", None), *by_key.items()]:
            forms_by_key[key] = bound[1] if bound and bound[0] == key else _form(request, mode, article, key,
                                                                                 sources=sources)
    question = token = ""
    if mode == "public" and (verdict.needs_challenge or verdict.challenge_failed):
        question, token = intake.new_challenge()
    rows = [{"a": a, "key": str(a.article.pk), "anchor": _anchor(a.article), "form": forms_by_key.get(str(a.article.pk))}
            for a in text]
    return render(request, "law_comments/draft.html", {
        "period": period, "rows": rows, "whole_form": forms_by_key.get("whole"), "mode": mode, "is_open": is_open,
        "bound_key": bound[0] if bound else "", "refused": verdict.refused, "question": question, "token": token,
        "as_point": request.GET.get("as") == "contact_point" or request.POST.get("as") == "contact_point",
        "may_forward": period.for_contact_points and may(request.user, congress, "forward_contact_point_comment"),
        "may_view": may(request.user, congress, "view_law_comments"), "state": period.state_on(actions.today()),
    }, status=status)


def _anchor(article) -> str:
    """The article's place on the page: its eId (art_5), which is also its address in Akoma Ntoso."""
    return article.eid or f"art-{article.pk}"


def _look_up(request, raw: str) -> tuple[LawComment | None, str, int]:
    """(comment, problem, status): a mistyped code is said at once; a well-formed one not found costs
    the address one lookup of its hourly allowance (the public intake's own, intake_guard)."""
    congress = request.congress
    address = _address(request)
    if intake_guard.lookups_refused(congress, address):
        return None, intake_guard.LOOKUP_REFUSAL, 429
    code, problem = codes.parse(raw)
    if problem:
        return None, problem, 200
    found, refused = intake_guard.look_up(congress, address, lambda: queries.by_code(congress, code))
    if refused:
        return None, intake_guard.LOOKUP_REFUSAL, 429
    if found is None:
        return None, codes.NOT_FOUND, 404
    return found, "", 200


@require_GET
def track_lookup(request, congress_code):
    form = TrackForm(request.GET)
    code = request.GET.get("code", "") if form.is_valid() else ""
    comment, problem, status = _look_up(request, code)
    if comment is not None:
        return redirect("law_comments_track", request.congress.code, comment.reference_code)
    form.add_error("code", problem)
    return render(request, "law_comments/track_lookup.html", {"track_form": form}, status=status)


@require_GET
def track(request, congress_code, code):
    """What became of one comment, for whoever gave it (事事有回音): the draft, the article, the text,
    and the committee's decision and reason once made."""
    comment, problem, status = _look_up(request, code)
    if comment is None:
        form = TrackForm({"code": code})
        form.is_valid()
        form.add_error("code", problem)
        return render(request, "law_comments/track_lookup.html", {"track_form": form}, status=status)
    return render(request, "law_comments/track.html", {
        "c": comment, "label": queries.provision_label(comment.provision, comment.article),
        "new": request.GET.get("new") == "1"})


@login_required
@require_GET
def mine(request, congress_code):
    found = queries.own(request.congress, request.user)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        found = found.filter(Q(text__icontains=q) | Q(period__bill__title__icontains=q))
    fmt = wanted(request)
    rows = [(c, queries.provision_label(c.provision, c.article)) for c in (found if fmt else found[:300])]
    if fmt:
        return export_response(request, subject="我提出的立法意见", columns=MINE_COLUMNS, rows=rows, fmt=fmt,
                               filters=describe_filters([("关键词", q)]))
    return render(request, "law_comments/mine.html", {
        "rows": rows, "q": q, "open": queries.open_to(request.user, request.congress)})


@require_GET
@requires("forward_contact_point_comment")
def contact_point_page(request, congress_code):
    """A contact point's comments forwarded, with their outcomes, and the drafts open to it."""
    congress = request.congress
    rows = list(queries.of_contact_points(congress, request.user)[:500])
    open_ = [p for p in queries.open_on(congress).order_by("closes_on") if p.for_contact_points]
    decided = sum(1 for r in rows if r.decision)
    return render(request, "law_comments/contact_point.html", {
        "rows": [(c, queries.provision_label(c.provision, c.article)) for c in rows], "open": open_,
        "points": _points(request), "decided": decided})


@requires("view_law_comments")
@require_http_methods(["GET", "POST"])
def periods_page(request, congress_code):
    congress = request.congress
    may_open = may(request.user, congress, "open_comment_period")
    form = OpenPeriodForm(request.POST if request.method == "POST" else None, congress=congress)
    status = 200
    if request.method == "POST":
        denied = gate(request, "open_comment_period")
        if denied:
            return denied
        if form.is_valid():
            d = form.cleaned_data
            try:
                period = actions.open_comment_period(congress, d["version"], actor=request.user,
                                                     audiences=d["audiences"], opens_on=d["opens_on"],
                                                     closes_on=d["closes_on"], notes=d["notes"])
            except (ValidationError, NotFound) as error:
                add_action_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            else:
                messages.success(request, "已发布征求意见，该文本已定稿、不能再修改")
                return redirect("law_comments_period", congress.code, period.pk)
        status = 422
    day = actions.today()
    found = queries.periods(congress).order_by("-opens_on", "-id")
    q = request.GET.get("q", "").strip()[:100]
    if q:
        found = found.filter(Q(bill__title__icontains=q) | Q(version__label__icontains=q) | Q(notes__icontains=q))
    fmt = wanted(request) if request.method == "GET" else None
    rows = [(p, queries.totals(p), p.state_on(day)) for p in (found if fmt else found[:200])]
    if fmt:
        return export_response(request, subject="法规草案征求意见", columns=PERIOD_COLUMNS, rows=rows, fmt=fmt,
                               filters=describe_filters([("关键词", q)]))
    return render(request, "law_comments/periods.html", {
        "rows": rows, "form": form, "may_open": may_open, "today": actions.today(), "q": q}, status=status)


def _committee_page(request, period: CommentPeriod, form: DecideForm | None = None, status: int = 200):
    congress, user = request.congress, request.user
    groups = queries.grouped(period)
    ids = [c.pk for g in groups for c in g.comments]
    for g in groups:
        for c in g.comments:
            c.label = queries.provision_label(c.provision, c.article)  # type: ignore[attr-defined]
    today = actions.today()
    return render(request, "law_comments/period.html", {
        "period": period, "groups": groups, "totals": queries.totals(period),
        "form": form or DecideForm(ids=ids), "selected": set(request.POST.getlist("comments")) if form else set(),
        "may_decide": may(user, congress, "decide_law_comment") and not period.finalised_at,
        "may_close": may(user, congress, "close_comment_period") and not period.for_public
        and not period.has_ended_by(today),
        "may_finalise": may(user, congress, "finalise_comment_summary") and not period.finalised_at
        and period.has_ended_by(today),
        "state": period.state_on(today), "days": actions.period_days(period.opens_on, period.closes_on),
    }, status=status)


@require_GET
@requires("view_law_comments")
def period_page(request, congress_code, pk):
    return _committee_page(request, _period(request, pk))


STEPS = {"decide": "decide_law_comment", "close": "close_comment_period", "finalise": "finalise_comment_summary"}


@require_POST
def period_step(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    congress = request.congress
    period = _period(request, pk)
    try:
        if what == "decide":
            ids = [c.pk for c in queries.comments(period)]
            form = DecideForm(request.POST, ids=ids)
            if not form.is_valid():
                return _committee_page(request, period, form, status=422)
            d = form.cleaned_data
            try:
                done = actions.decide_law_comments(congress, d["comments"], actor=request.user, decision=d["decision"],
                                                   reason=d["reason"])
            except ValidationError as error:
                if not set(getattr(error, "error_dict", {}) or {}) & set(form.fields):
                    raise
                add_action_errors(form, error)
                return _committee_page(request, period, form, status=422)
            messages.success(request, f"已研究处理 {len(done)} 条意见：{LawComment.Decision(d['decision']).label}")
        elif what == "close":
            actions.close_comment_period(congress, period, actor=request.user)
            messages.success(request, "征求意见已结束")
        else:
            actions.finalise_comment_summary(congress, period, actor=request.user)
            messages.success(request, "意见汇总及采纳情况已定稿")
    except (ValidationError, PermissionDenied, NotFound) as error:
        flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
    return redirect("law_comments_period", congress.code, period.pk)


def attachment(content: bytes, name: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
    return downloads.attachment(response, name)


@require_GET
@requires("view_law_comments")
def summary(request, congress_code, pk, ext):
    """意见汇总及采纳情况: .xlsx, or PDF/.docx in the official layout."""
    if ext not in CONTENT_TYPES:
        raise Http404
    period = _period(request, pk)
    doc = documents.summary_document(period)
    if ext == "xlsx":
        return attachment(documents.summary_xlsx(period), official_documents.filename(doc, "xlsx"), ext)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(doc), official_documents.filename(doc, ext), ext)


urlpatterns: list = [
    path("law-comments/", public_list, name="law_comments_public"),
    path("law-comments/track/", track_lookup, name="law_comments_track_lookup"),
    path("law-comments/track/<str:code>/", track, name="law_comments_track"),
    path("law-comments/mine/", mine, name="law_comments_mine"),
    path("law-comments/contact-point/", contact_point_page, name="law_comments_contact_point"),
    path("law-comments/periods/", periods_page, name="law_comments_periods"),
    path("law-comments/periods/<int:pk>/", period_page, name="law_comments_period"),
    path("law-comments/periods/<int:pk>/do/<str:what>/", period_step, name="law_comments_period_step"),
    path("law-comments/periods/<int:pk>/summary.<str:ext>", summary, name="law_comments_summary"),
    path("law-comments/<int:pk>/", draft_page, name="law_comments_draft"),
]
