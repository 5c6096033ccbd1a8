"""Pages of bills and laws: the bill list and form (staff), the bill page (versions, text, 说明, the
other legislation apps' sections), the version page (text with per-article anchors ``#art_5`` and,
while not frozen, article editing), the comparison of two versions with its 对照表 (PDF/.docx),
the text as PDF/.docx/Akoma Ntoso; the public laws in force, each law's consolidated text, its
revisions and the comparison between consecutive ones. Another congress's row is not found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from renda.core import downloads, official_documents, spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.spreadsheets import Column
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.legislation import actions, akn, compare, documents, queries
from renda.legislation.forms import ArticleForm, BillForm, HeadingForm, VersionForm
from renda.legislation.models import Bill, BillVersion, Law
from renda.legislation.text import CONTAINERS

S = Bill.Status
# The lists' exports (core.spreadsheets): the columns each list shows, with its dates as dates.
BILL_COLUMNS = [
    Column("名称", "title"), Column("类别", lambda b: b.get_kind_display()),
    Column("立法形式", lambda b: b.get_purpose_display() + (f"《{b.law.title}》" if b.law_id else "")),
    Column("提案人", "proposer.name"), Column("起草单位", "drafting_body.name"), Column("审议委员会", "committee.name"),
    Column("审议次数", "readings_required", "int"), Column("状态", lambda b: b.get_status_display()),
    Column("创建时间", "created_at", "date"),
]
LAW_COLUMNS = [
    Column("名称", "title"), Column("类别", lambda law: law.get_kind_display()),
    Column("效力", lambda law: law.get_status_display()), Column("废止日期", "repealed_on", "date"),
]
CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "xml": "application/akn+xml"}


def attachment(content: bytes, name: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
    return downloads.attachment(response, name)


def _bill(request, pk) -> Bill:
    return get_or_404(queries.bills(request.congress), pk, "找不到该法规案")


def _version(request, pk) -> BillVersion:
    return get_or_404(BillVersion.objects.in_congress(request.congress).select_related("bill"), pk,
                      "找不到该法规案文本")


def _law(request, pk) -> Law:
    return get_or_404(queries.laws(request.congress), pk, "找不到该法规")


@require_GET
@requires("view_bills")
def bills_page(request, congress_code):
    status = request.GET.get("status", "")
    rows = queries.bills(request.congress)
    if status in S.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(law__title__icontains=q) | Q(drafting_body__name__icontains=q)
                           | Q(proposer__name__icontains=q) | Q(committee__name__icontains=q))
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="法规案", columns=BILL_COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([("状态", S(status).label if status else ""), ("关键词", q)]))
    return render(request, "legislation/bills.html", {
        "rows": rows[:500], "statuses": S.choices, "status": status, "q": q,
        "may_create": may(request.user, request.congress, "create_bill")})


@requires("create_bill")
def new_bill_page(request, congress_code):
    congress = request.congress
    if request.method != "POST":
        return render(request, "legislation/new.html", {"form": BillForm(congress=congress)})
    form = BillForm(request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            bill = actions.create_bill(congress, actor=request.user, title=d["title"], kind=d["kind"],
                                       purpose=d["purpose"], law=d["law"], proposer=d["proposer"],
                                       drafting_body=d["drafting_body"], committee=d["committee"],
                                       readings_required=d["readings_required"], text=d["text"],
                                       explanation=d["explanation"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "法规案已建立，草案为第1稿")
            return redirect("legislation_bill", congress_code=congress_code, pk=bill.pk)
    return render(request, "legislation/new.html", {"form": form}, status=422)


def _bill_page(request, bill: Bill, version_form=None, status=200):
    versions = list(queries.versions(bill))
    current = versions[-1] if versions else None
    return render(request, "legislation/bill.html", {
        "bill": bill, "versions": versions, "current": current,
        "articles": queries.provisions(current) if current else [],
        "may_edit": may(request.user, request.congress, "edit_bill_text") and bill.status not in actions.CLOSED,
        "version_form": version_form or VersionForm(auto_id="v_%s"),
    }, status=status)


@require_GET
@requires("view_bills")
def bill_page(request, congress_code, pk):
    return _bill_page(request, _bill(request, pk))


@require_POST
@requires("edit_bill_text")
def add_version_page(request, congress_code, pk):
    bill = _bill(request, pk)
    form = VersionForm(request.POST, auto_id="v_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            version = actions.add_version(request.congress, bill, actor=request.user, stage=d["stage"],
                                          text=d["text"] or None, label=d["label"], explanation=d["explanation"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已增加第{version.number}稿")
            return redirect("legislation_version", congress_code=congress_code, pk=version.pk)
    return _bill_page(request, bill, form, status=422)


RETRY = {"edit": "修改条文", "insert": "增加条文", "heading": "修改标题"}


def _version_page(request, version: BillVersion, forms=None, status=200):
    bill = version.bill
    frozen = queries.is_frozen(version)
    rows = list(queries.provisions(version))
    articles = [r for r in rows if r.kind == "article"]
    return render(request, "legislation/version.html", {
        "bill": bill, "version": version, "rows": rows, "articles": articles, "frozen": frozen,
        "may_edit": not frozen and may(request.user, request.congress, "edit_bill_text"),
        "versions": list(queries.versions(bill)), "retry": _retry(request, forms),
        "containers": [r for r in rows if r.kind in CONTAINERS],
    }, status=status)


def _retry(request, forms) -> dict | None:
    """A refused edit, shown again at the top of the page with what was typed and the reason."""
    if not forms:
        return None
    name, form = next(iter(forms.items()))
    what = name.partition(":")[0]
    return {"what": what, "title": RETRY[what], "form": form, "key": request.POST.get("key", ""),
            "after": request.POST.get("after", ""), "container": request.POST.get("container", "")}


@require_GET
@requires("view_bills")
def version_page(request, congress_code, pk):
    return _version_page(request, _version(request, pk))


EDITS = {"edit", "insert", "delete", "move", "heading"}


@require_POST
@requires("edit_bill_text")
def edit_page(request, congress_code, pk, what):
    """One article edit on a version; a refusal about the typed text re-renders with the text kept."""
    if what not in EDITS:
        raise Http404
    version = _version(request, pk)
    c, user, key = request.congress, request.user, request.POST.get("key", "")
    form = None
    try:
        if what in ("edit", "insert"):
            form = ArticleForm(request.POST)
            if form.is_valid():
                if what == "edit":
                    actions.edit_article(c, version, actor=user, article=key, text=form.cleaned_data["text"])
                else:
                    after, container = request.POST.get("after") or None, request.POST.get("container") or None
                    actions.insert_article(c, version, actor=user, text=form.cleaned_data["text"], after=after,
                                           container=container)
            else:
                return _version_page(request, version, {f"{what}:{key}": form}, status=422)
        elif what == "heading":
            form = HeadingForm(request.POST)
            if not form.is_valid():
                return _version_page(request, version, {f"heading:{key}": form}, status=422)
            actions.edit_heading(c, version, actor=user, provision=key, heading=form.cleaned_data["heading"])
        elif what == "delete":
            actions.delete_article(c, version, actor=user, article=key)
        else:
            target = request.POST.get("target", "")
            place, _, target_key = target.partition(":")
            actions.move_article(c, version, actor=user, article=key,
                                 after=target_key if place == "after" else None,
                                 container=target_key if place == "start" else None)
    except (ValidationError, PermissionDenied, NotFound) as error:
        if form is not None and isinstance(error, ValidationError) and "text" in getattr(error, "error_dict", {}):
            add_action_errors(form, error)
            return _version_page(request, version, {f"{what}:{key}": form}, status=422)
        flash_errors(request, error if not isinstance(error, NotFound) else ValidationError(str(error)))
        return redirect("legislation_version", congress_code=congress_code, pk=version.pk)
    messages.success(request, {"edit": "条文已修改", "insert": "已增加一条，其后条文序号相应调整",
                               "delete": "已删除该条，其后条文序号相应调整", "move": "条文已移动，序号相应调整",
                               "heading": "标题已修改"}[what])
    anchor = f"#{key}" if what != "delete" else ""
    return redirect(reverse("legislation_version", args=[congress_code, version.pk]) + anchor)


def _pair(request, bill: Bill) -> tuple[BillVersion, BillVersion, list[BillVersion]]:
    versions = list(queries.versions(bill))
    if not versions:
        raise Http404("该法规案没有文本")
    by_pk = {str(v.pk): v for v in versions}
    new = by_pk.get(request.GET.get("new", "")) or versions[-1]
    default_old = versions[-2] if len(versions) > 1 and new == versions[-1] else versions[0]
    old = by_pk.get(request.GET.get("old", "")) or default_old
    return old, new, versions


def _name(version: BillVersion) -> str:
    return f"第{version.number}稿（{version.label or version.get_stage_display()}）"


@require_GET
@requires("view_bills")
def compare_page(request, congress_code, pk):
    bill = _bill(request, pk)
    old, new, versions = _pair(request, bill)
    rows = compare.compare(old, new)
    return render(request, "legislation/compare.html", {
        "title": bill.title, "bill": bill, "old": old, "new": new, "versions": versions, "rows": rows,
        "old_name": _name(old), "new_name": _name(new), "counts": compare.summary(rows),
        "changed_only": request.GET.get("all") != "1"})


@require_GET
@requires("view_bills")
def compare_document(request, congress_code, pk, ext):
    if ext not in ("pdf", "docx"):
        raise Http404
    bill = _bill(request, pk)
    old, new, _ = _pair(request, bill)
    doc = documents.comparison_document(bill.title, old, new, _name(old), _name(new), compare.compare(old, new))
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(doc), official_documents.filename(doc, ext), ext)


@require_GET
@requires("view_bills")
def version_document(request, congress_code, pk, ext):
    """The version's text as PDF, .docx or Akoma Ntoso XML (``<bill>``)."""
    if ext not in CONTENT_TYPES:
        raise Http404
    version = _version(request, pk)
    if ext == "xml":
        return attachment(akn.to_xml(akn.bill_document(version)), downloads.dated(f"{version.bill.title}（第{version.number}稿）", "xml"),
                          "xml")
    doc = documents.text_document(f"{version.bill.title}（{version.label or version.get_stage_display()}）", version)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(doc), official_documents.filename(doc, ext), ext)


# ── laws in force: public ──

@require_GET
def laws_page(request, congress_code):
    found = queries.laws(request.congress)
    kind = request.GET.get("kind", "")
    if kind in Law.Kind.values:
        found = found.filter(kind=kind)
    else:
        kind = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        found = found.filter(title__icontains=q)
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="法规", columns=LAW_COLUMNS, rows=found, fmt=fmt,
            filters=spreadsheets.describe_filters([("类别", Law.Kind(kind).label if kind else ""), ("关键词", q)]))
    rows = found.exclude(status=Law.Status.REPEALED)
    repealed = found.filter(status=Law.Status.REPEALED)
    return render(request, "legislation/laws.html", {"rows": rows, "repealed": repealed, "q": q, "kind": kind,
                                                     "kinds": Law.Kind.choices})


def _law_revisions(law: Law) -> list[dict]:
    revisions = list(queries.revisions(law))
    out = []
    for i, revision in enumerate(revisions):
        out.append({"revision": revision, "previous": revisions[i - 1] if i else None})
    return out


@require_GET
def law_page(request, congress_code, pk):
    law = _law(request, pk)
    consolidated = queries.law_text(law)
    return render(request, "legislation/law.html", {
        "law": law, "consolidated": consolidated, "revisions": _law_revisions(law),
        "rows": list(queries.provisions(consolidated)) if consolidated else [],
        "may_amend": may(request.user, request.congress, "create_bill") and law.status != Law.Status.REPEALED,
        "bills": queries.bills(request.congress).filter(law=law) if may(request.user, request.congress,
                                                                          "view_bills") else []})


def _revision_pair(law: Law, revision_pk):
    revisions = list(queries.revisions(law))
    for i, revision in enumerate(revisions):
        if revision.pk == revision_pk and i:
            return revisions[i - 1], revision
    raise Http404("找不到该次修改")


@require_GET
def law_compare_page(request, congress_code, pk, revision):
    law = _law(request, pk)
    before, after = _revision_pair(law, revision)
    rows = compare.compare(before.version, after.version)
    return render(request, "legislation/compare.html", {
        "title": law.title, "law": law, "old": before.version, "new": after.version, "rows": rows,
        "old_name": f"修改前（{before.passed_on:%Y年%-m月%-d日}通过）",
        "new_name": f"修改后（{after.passed_on:%Y年%-m月%-d日}通过）",
        "counts": compare.summary(rows), "changed_only": request.GET.get("all") != "1"})


@require_GET
def law_document(request, congress_code, pk, ext):
    """The consolidated text as PDF, .docx or Akoma Ntoso XML (``<act>``); public."""
    if ext not in CONTENT_TYPES:
        raise Http404
    law = _law(request, pk)
    consolidated = queries.law_text(law)
    if consolidated is None:
        raise Http404("该法规没有文本")
    if ext == "xml":
        return attachment(akn.to_xml(akn.law_document(law)), downloads.dated(law.title, "xml"), "xml")
    doc = documents.text_document(law.title, consolidated)
    render_ = official_documents.to_pdf if ext == "pdf" else official_documents.to_docx
    return attachment(render_(doc), official_documents.filename(doc, ext), ext)


@require_POST
def amend_law(request, congress_code, pk):
    """起草修改/废止法规案: a bill from the law's consolidated text."""
    denied = gate(request, "create_bill")
    if denied:
        return denied
    law = _law(request, pk)
    purpose = request.POST.get("purpose", Bill.Purpose.AMENDMENT)
    title = f"关于{'废止' if purpose == Bill.Purpose.REPEAL else '修改'}《{law.title}》的决定"
    try:
        bill = actions.create_bill(request.congress, actor=request.user, title=title, kind=law.kind,
                                   purpose=purpose, law=law)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("legislation_law", congress_code=congress_code, pk=law.pk)
    messages.success(request, "已建立法规案，草案从现行文本开始")
    return redirect("legislation_bill", congress_code=congress_code, pk=bill.pk)


urlpatterns: list = [
    path("legislation/bills/", bills_page, name="legislation_bills"),
    path("legislation/bills/new/", new_bill_page, name="legislation_new_bill"),
    path("legislation/bills/<int:pk>/", bill_page, name="legislation_bill"),
    path("legislation/bills/<int:pk>/versions/", add_version_page, name="legislation_add_version"),
    path("legislation/bills/<int:pk>/compare/", compare_page, name="legislation_compare"),
    path("legislation/bills/<int:pk>/compare.<str:ext>", compare_document, name="legislation_compare_document"),
    path("legislation/versions/<int:pk>/", version_page, name="legislation_version"),
    path("legislation/versions/<int:pk>/edit/<str:what>/", edit_page, name="legislation_edit"),
    path("legislation/versions/<int:pk>/text.<str:ext>", version_document, name="legislation_version_document"),
    path("legislation/laws/", laws_page, name="legislation_laws"),
    path("legislation/laws/<int:pk>/", law_page, name="legislation_law"),
    path("legislation/laws/<int:pk>/amend/", amend_law, name="legislation_amend_law"),
    path("legislation/laws/<int:pk>/compare/<int:revision>/", law_compare_page, name="legislation_law_compare"),
    path("legislation/laws/<int:pk>/text.<str:ext>", law_document, name="legislation_law_document"),
]
