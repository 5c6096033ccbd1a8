"""Review opinions' pages: the list (by status, body, year), drafting one from a deliberated report,
the opinion's page with its stepper and each step's form (edit the points, the directors' meeting's
approval, sending with the reply's due date and rectification items, the body's reply, deliberating
the reply, publishing), the documents (PDF and .docx), and the public pages of published opinions.

Who sees what: staff and standing-committee members (view_oversight) see every opinion; a unit
officer sees the opinions sent to their body (to reply to them); each step is gated by its own
permission; the public sees an opinion once published, with the reply, without anyone's name or
phone number."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import official_documents, rules, spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, optional_year_param
from renda.oversight import exports, opinion_documents
from renda.oversight.actions import opinions as actions
from renda.oversight.documents import paragraphs
from renda.oversight.forms.opinions import (
    ApproveForm,
    DeliberateForm,
    DraftForm,
    HeaderForm,
    PublishForm,
    ReplyForm,
    SendForm,
    bodies,
    point_formset,
    points_of_formset,
)
from renda.oversight.models import OpinionReply, ReviewOpinion
from renda.oversight.views.reporting import attachment
from renda.people.validation import id_or_none

OP = ReviewOpinion.Status
STEPS = {"edit": "draft_review_opinion", "approve": "approve_review_opinion", "send": "send_review_opinion",
         "reply": "file_opinion_reply", "deliberate": "deliberate_opinion_reply", "publish": "publish_review_opinion"}
# The status each step starts from (the form is shown only then).
STEP_FROM = {"edit": (OP.DRAFTING,), "approve": (OP.DRAFTING,), "send": (OP.APPROVED,), "reply": (OP.SENT,),
             "deliberate": (OP.REPLIED,), "publish": (OP.REPLIED, OP.DELIBERATED)}
SENT_ON = (OP.SENT, OP.REPLIED, OP.DELIBERATED, OP.PUBLISHED)


def visible(request):
    """The opinions this user may read here: every one with view_oversight, the ones sent to their
    own body for a unit officer; None for anyone else."""
    return actions.visible_opinions(request.congress, request.user)


def opinion_for(request, pk) -> ReviewOpinion:
    rows = visible(request)
    if rows is None:
        raise PermissionDenied("您没有“查看监督工作”的权限，也不是审议意见送达机关的联络人员")
    opinion = rows.filter(pk=id_or_none(pk)).select_related("body", "meeting", "approved_at_meeting",
                                                              "work_report", "report").first()
    if opinion is None:
        raise Http404("找不到该审议意见")
    return opinion


def stepper(opinion: ReviewOpinion) -> list[dict]:
    order = [OP.DRAFTING, OP.APPROVED, OP.SENT, OP.REPLIED]
    if rules.get(opinion.congress, "oversight.reply_deliberated") or opinion.status == OP.DELIBERATED:
        order.append(OP.DELIBERATED)
    order.append(OP.PUBLISHED)
    at = order.index(OP(opinion.status)) if opinion.status in order else 0
    return [{"label": s.label, "state": "done" if i < at else "current" if i == at else ""}
            for i, s in enumerate(order)]


# ---------------------------------------------------------------- list and drafting


@require_GET
def opinion_list(request, congress_code):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    rows = visible(request)
    if rows is None:
        raise PermissionDenied("您没有“查看监督工作”的权限，也不是审议意见送达机关的联络人员")
    status = request.GET.get("status", "")
    body = id_or_none(request.GET.get("body"))
    year = optional_year_param(request)
    if status in OP.values:
        rows = rows.filter(status=status)
    if body:
        rows = rows.filter(body_id=body)
    if year:
        rows = rows.filter(Q(sent_on__year=year) | Q(sent_on__isnull=True, created_at__year=year))
    q = exports.keyword(request)
    rows = exports.matching(rows, q, "title", "number", "body__name", "preamble")
    rows = rows.select_related("body", "meeting").order_by("-id")
    fmt = spreadsheets.wanted(request)
    opinions = list(rows if fmt else rows[:500])
    replies = {r.opinion_id: r for r in OpinionReply.objects.in_congress(request.congress).filter(
        opinion__in=[o.pk for o in opinions])}
    table = [{"o": o, "reply_state": actions.reply_state(o, replies.get(o.pk)),
              "late": actions.is_reply_late(o, replies.get(o.pk))} for o in opinions]
    years = sorted({d.year for d in ReviewOpinion.objects.in_congress(request.congress).dates("created_at", "year")}
                   | {d.year for d in ReviewOpinion.objects.in_congress(request.congress).exclude(
                       sent_on__isnull=True).dates("sent_on", "year")}, reverse=True)
    if fmt:
        named = dict(bodies(request.congress).values_list("pk", "name")) if body else {}
        return spreadsheets.export_response(
            request, subject="审议意见", columns=exports.OPINION_COLUMNS, rows=table, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("状态", OP(status).label if status in OP.values else ""), ("送达机关", named.get(body, "")),
                ("年度", year), ("关键词", q)]))
    return render(request, "oversight/opinion_list.html", {
        "rows": table, "status": status, "q": q, "statuses": OP.choices, "body": body, "bodies": bodies(request.congress),
        "year": year, "years": years, "can_draft": may(request.user, request.congress, "draft_review_opinion")})


@require_http_methods(["GET", "POST"])
def opinion_new(request, congress_code):
    denied = gate(request, "draft_review_opinion")
    if denied:
        return denied
    c = request.congress
    initial = {}
    for name in ("work_report", "report"):
        if id_or_none(request.GET.get(name)):
            initial[name] = id_or_none(request.GET.get(name))
    form = DraftForm(request.POST or None, congress=c, initial=initial)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                opinion = actions.draft_review_opinion(
                    c, actor=request.user, work_report=data["work_report"], report=data["report"], body=data["body"],
                    title=data["title"], number=data["number"], preamble=data["preamble"] or None)
            except (ValidationError, PermissionDenied, NotFound) as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"已起草《{opinion.title}》，意见条目已从报告的问题、建议和审议发言中列出，请修改")
                return redirect("review_opinion_detail", congress_code=congress_code, pk=opinion.pk)
    return render(request, "oversight/opinion_new.html", {"form": form}, status=status)



# ---------------------------------------------------------------- the opinion's page


def _page(request, opinion: ReviewOpinion, bound: dict | None = None, status: int = 200, open_: str = ""):
    c, user = request.congress, request.user
    bound = bound or {}
    points = actions.points_of(opinion)
    reply = actions.reply_of(opinion)
    can = {what: may(user, c, perm) and opinion.status in STEP_FROM[what] for what, perm in STEPS.items()}
    if can["deliberate"] and not rules.get(c, "oversight.reply_deliberated"):
        can["deliberate"] = False
    if can["publish"] and opinion.status == OP.REPLIED and rules.get(c, "oversight.reply_deliberated"):
        can["publish"] = False
    if open_ in can and bound:
        can[open_] = True  # a refused step comes back with its form and its message, whatever the state now
    items = []
    if opinion.status in SENT_ON and may(user, c, "view_rectification"):
        from renda.rectification.models import RectificationItem

        items = list(RectificationItem.objects.in_congress(c).filter(opinion_point__opinion=opinion)
                     .select_related("unit", "opinion_point").order_by("opinion_point__order", "id"))
    context = {
        "opinion": opinion, "points": points, "reply": reply, "steps": stepper(opinion), "can": can, "open": open_,
        "reply_state": actions.reply_state(opinion, reply), "late": actions.is_reply_late(opinion, reply),
        "items": items, "staff": may(user, c, "view_oversight"),
        "header_form": bound.get("header") or HeaderForm(congress=c, initial={
            "title": opinion.title, "number": opinion.number, "body": opinion.body_id, "preamble": opinion.preamble}),
        "point_forms": bound.get("points") or point_formset(points=points),
        "approve_form": bound.get("approve") or ApproveForm(congress=c),
        "send_form": bound.get("send") or SendForm(congress=c, points=points),
        "reply_form": bound.get("reply") or ReplyForm(),
        "deliberate_form": bound.get("deliberate") or DeliberateForm(congress=c),
        "publish_form": bound.get("publish") or PublishForm(),
        "preamble": paragraphs(opinion.preamble, {}),
    }
    return render(request, "oversight/opinion_detail.html", context, status=status)


@require_GET
def opinion_detail(request, congress_code, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _page(request, opinion_for(request, pk))


@require_POST
def opinion_action(request, congress_code, pk, what):
    """One step; a refused step comes back on the page as typed, its message beside it."""
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    opinion = opinion_for(request, pk)
    c, user, data = request.congress, request.user, request.POST
    points = actions.points_of(opinion)
    if what == "edit":
        header, formset = HeaderForm(data, congress=c), point_formset(data, points=points)
        valid = header.is_valid() & formset.is_valid()
        forms = {"header": header, "points": formset}
        if valid:
            try:
                actions.edit_review_opinion(c, opinion, actor=user, title=header.cleaned_data["title"],
                                            number=header.cleaned_data["number"], body=header.cleaned_data["body"],
                                            preamble=header.cleaned_data["preamble"], points=points_of_formset(formset))
            except (ValidationError, PermissionDenied, NotFound) as error:
                add_action_errors(header, error)
                valid = False
        if not valid:
            opinion.refresh_from_db()
            return _page(request, opinion, forms, status=422, open_=what)
        messages.success(request, "审议意见已保存")
        return redirect("review_opinion_detail", congress_code=congress_code, pk=opinion.pk)
    form = {
        "approve": lambda: ApproveForm(data, congress=c),
        "send": lambda: SendForm(data, congress=c, points=points),
        "reply": lambda: ReplyForm(data, request.FILES),
        "deliberate": lambda: DeliberateForm(data, congress=c),
        "publish": lambda: PublishForm(data),
    }[what]()
    if not form.is_valid():
        return _page(request, opinion, {what: form}, status=422, open_=what)
    try:
        done = _take(what, request, opinion, form)
    except (ValidationError, PermissionDenied, NotFound) as error:
        add_action_errors(form, error)
        opinion.refresh_from_db()
        return _page(request, opinion, {what: form}, status=422, open_=what)
    messages.success(request, done)
    return redirect("review_opinion_detail", congress_code=congress_code, pk=opinion.pk)


def _take(what: str, request, opinion: ReviewOpinion, form) -> str:
    c, user, data = request.congress, request.user, form.cleaned_data
    if what == "approve":
        actions.approve_review_opinion(c, opinion, actor=user, meeting=data["meeting"])
        return f"已记录{data['meeting'].title}通过审议意见"
    if what == "send":
        sent = actions.send_review_opinion(c, opinion, actor=user, sent_on=data["sent_on"], reply_due=data["reply_due"],
                                           rectification=form.rectification())
        due = f"，请于 {sent.reply_due:%Y-%m-%d} 前书面报告研究处理情况" if sent.reply_due else ""
        return f"审议意见已交办{opinion.body.name}{due}"
    if what == "reply":
        actions.file_opinion_reply(c, opinion, actor=user, text=data["text"], document=data["document"],
                                   signed_by=data["signed_by"])
        return "研究处理情况报告已报送"
    if what == "deliberate":
        actions.deliberate_opinion_reply(c, opinion, actor=user, meeting=data["meeting"])
        return f"研究处理情况报告已列入{data['meeting'].title}议程"
    actions.publish_review_opinion(c, opinion, actor=user, published_on=data["published_on"])
    return "审议意见和研究处理情况报告已公开"


# ---------------------------------------------------------------- documents


DOWNLOADS = {("opinion", "pdf"), ("opinion", "docx"), ("reply", "pdf"), ("reply", "docx")}


@require_GET
def download(request, congress_code, pk, which, ext):
    """The opinion or the reply as PDF or .docx: for those who see the opinion, and for everyone once
    it is published."""
    if (which, ext) not in DOWNLOADS:
        raise Http404
    opinion = ReviewOpinion.objects.in_congress(request.congress).filter(pk=id_or_none(pk), status=OP.PUBLISHED).first()
    if opinion is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        opinion = opinion_for(request, pk)
    if which == "opinion":
        document = opinion_documents.opinion_document(opinion)
    else:
        reply = actions.reply_of(opinion)
        if reply is None:
            raise Http404("尚未报送研究处理情况")
        document = opinion_documents.reply_document(opinion, reply)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(document), official_documents.filename(document, ext), ext)


@require_GET
def reply_file(request, congress_code, pk):
    """The body's uploaded reply document: for signed-in readers of the opinion's page only (staff,
    standing-committee members, the body's own unit officer) — the public pages show the text alone."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    opinion = opinion_for(request, pk)
    reply = actions.reply_of(opinion)
    if reply is None or not reply.document:
        raise Http404("没有上传研究处理情况报告文本")
    return FileResponse(reply.document.open("rb"), as_attachment=True, filename=reply.document.name.rsplit("/", 1)[-1])


# ---------------------------------------------------------------- public


def _published(request):
    return ReviewOpinion.objects.in_congress(request.congress).filter(status=OP.PUBLISHED)


@require_GET
def public_list(request, congress_code):
    """Published opinions for everyone: title, the body, the dates."""
    rows = list(_published(request).select_related("body").order_by("-published_on", "-id")[:500])
    return render(request, "oversight/opinion_public_list.html", {"opinions": rows})


@require_GET
def public_detail(request, congress_code, pk):
    """A published opinion — its preamble and points — and the body's reply text; no one's name (the
    members who spoke, the reply's signer, who filed it) and no contact details."""
    opinion = _published(request).filter(pk=id_or_none(pk)).select_related("body", "meeting").first()
    if opinion is None:
        raise Http404("找不到该审议意见")
    reply = actions.reply_of(opinion)
    return render(request, "oversight/opinion_public.html", {
        "opinion": opinion, "preamble": paragraphs(opinion.preamble, {}),
        "points": [{"heading": official_documents.heading_text(n, p.heading), "text": paragraphs(p.text, {})}
                   for n, p in enumerate(actions.points_of(opinion), start=1)],
        "reply": reply, "reply_text": paragraphs(reply.text, {}) if reply else []})


urlpatterns: list = [
    path("oversight/opinions/", opinion_list, name="review_opinion_list"),
    path("oversight/opinions/new/", opinion_new, name="review_opinion_new"),
    path("oversight/opinions/public/", public_list, name="review_opinion_public_list"),
    path("oversight/opinions/public/<int:pk>/", public_detail, name="review_opinion_public"),
    path("oversight/opinions/<int:pk>/", opinion_detail, name="review_opinion_detail"),
    path("oversight/opinions/<int:pk>/do/<str:what>/", opinion_action, name="review_opinion_action"),
    path("oversight/opinions/<int:pk>/reply/file/", reply_file, name="review_opinion_reply_file"),
    path("oversight/opinions/<int:pk>/<slug:which>.<str:ext>", download, name="review_opinion_download"),
]
