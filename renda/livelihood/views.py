from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads, jinja, spreadsheets, versioned
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.livelihood import actions, actions_accountability, exports, reports
from renda.livelihood.forms import (
    ApprovalForm,
    CallForm,
    CommendationForm,
    FeasibilityForm,
    InspectionForm,
    LeaderForm,
    MeetingForm,
    MergeForm,
    PresidiumForm,
    ProgressForm,
    ProposalForm,
    RankingForm,
    StageForm,
    SupervisionForm,
)
from renda.livelihood.models import Call, CommendationBatch, Inspection, Milestone, Proposal, Watch
from renda.rectification.models import RectificationItem
from renda.rectification.queries import items_for

PROPOSALS_PER_HOUR = 5  # per address, on the public form

# Each step of a call and of a chosen project, and the permission it needs. The gate comes before the
# form is read, so that a refused form never shows the staff page to someone who may not see it.
CALL_STEPS = {"merge": "merge_proposals", "feasibility": "record_feasibility", "stage": "decide_stage",
              "candidates": "fix_candidates", "vote": "put_projects_to_vote", "result": "record_project_result",
              "presidium": "presidium_decide", "evaluation": "start_evaluation",
              "ranking": "decide_livelihood_ranking", "approval": "decide_livelihood_ranking",
              "commend": "commend_livelihood"}
PROJECT_STEPS = {"supervision": "assign_supervision", "progress": "report_progress", "inspection": "record_inspection",
                 "leader": "set_project_leader"}


def get_call_for_user(request, call_id) -> Call:
    return get_or_404(Call.objects.in_congress(request.congress).select_related("vote"), call_id, "找不到该征集")


def get_proposal_for_user(request, proposal_id) -> Proposal:
    return get_or_404(Proposal.objects.in_congress(request.congress).select_related("call", "lead_unit"), proposal_id,
                      "找不到该项目")





def public_page(request, congress_code):
    """For citizens: the open calls and the chosen projects' progress — no personal data; by year and
    a keyword in the call's or a project's title; ``?export=`` the projects listed."""
    if fmt := spreadsheets.wanted(request):
        year, q = _public_filters(request)
        rows = []
        calls = _public_calls(request)
        found = _public_rows(request.congress, calls)
        for call in calls:
            for row in found.get(call.pk, []):
                if not q or q in row.proposal.title or q in call.title:
                    row.proposal.call = call  # the year column reads the call already here
                    rows.append(row)
        return spreadsheets.export_response(request, subject="民生实事项目进展", columns=exports.PUBLIC_PROJECTS,
                                            rows=rows, fmt=fmt,
                                            filters=spreadsheets.describe_filters([("年度", year), ("关键词", q)]))
    return _public_page(request, CallForm())


def _public_filters(request) -> tuple[str, str]:
    year = request.GET.get("year", "")
    return (year if year.isdecimal() and len(year) == 4 else ""), " ".join(request.GET.get("q", "").split())[:100]


def _public_calls(request) -> list[Call]:
    """The calls the public page lists: the latest ten, or those of a year, or those whose title or one
    of whose chosen projects' titles holds the keyword."""
    year, q = _public_filters(request)
    calls = Call.objects.in_congress(request.congress)
    if year:
        calls = calls.filter(year=int(year))
    if q:
        calls = calls.filter(Q(title__contains=q) | Q(pk__in=Proposal.objects.in_congress(request.congress).filter(
            status=Proposal.Status.CHOSEN, title__contains=q).values("call_id")))
    return list(calls[:10])


def _public_rows(congress, calls: list[Call]) -> dict:
    """Each chosen project's progress (its milestones, reports and inspections), by call: kept per data version."""
    decided = [call for call in calls if call.status == Call.Status.CHOSEN]
    return versioned.cached(congress, f"livelihood:public_rows:{','.join(str(c.pk) for c in decided)}",
                            lambda: reports.project_rows_of(decided))


def _public_page(request, call_form, status=200):
    """Below the layout the page is the same for every reader of one kind (staff, who see the call form, or
    not) while the data stands, so it is rendered once per data version, kind and filter — unless a refused
    call form is being shown again with its input."""
    congress = request.congress
    staff = may(request.user, congress, "open_call")

    def context() -> dict:
        calls = _public_calls(request)
        year, q = _public_filters(request)
        found = _public_rows(congress, calls)
        chosen = {call.pk: [row for row in found[call.pk] if not q or q in row.proposal.title or q in call.title]
                  for call in calls if call.pk in found}
        return {"congress": congress, "request": request, "calls": calls, "chosen": chosen, "call_form": call_form,
                "year": year, "q": q, "staff": staff}

    body = jinja.kept_part(request, f"livelihood:public_page:{staff:d}:{versioned.query_key(request.GET)}",
                           "livelihood/_public_body.html", context, keep=not call_form.is_bound)
    return render(request, "livelihood/public.html", {"body": body}, status=status)


@require_http_methods(["GET", "POST"])
def propose(request, congress_code, call_id):
    congress = request.congress
    call = get_call_for_user(request, call_id)
    # Ids without a prefix: the public form's boxes are #title, #description … (and the browser test's).
    form = ProposalForm(request.POST or None, auto_id="%s")
    if request.method == "POST":
        address = request.META.get("REMOTE_ADDR", "")
        key = f"propose:{congress.pk}:{address}"
        count = cache.get_or_set(key, 0, 3600)
        if count >= PROPOSALS_PER_HOUR:
            return render(request, "livelihood/propose.html", {"call": call, "limited": True}, status=429)
        if form.is_valid():
            try:
                actions.submit_proposal(congress, call, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                cache.set(key, count + 1, 3600)
                return render(request, "livelihood/propose.html", {"call": call, "done": True})
        return render(request, "livelihood/propose.html", {"call": call, "form": form}, status=422)
    return render(request, "livelihood/propose.html", {"call": call, "form": form})


@require_POST
def call_new(request, congress_code):
    denied = gate(request, "open_call")
    if denied:
        return denied
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            call = actions.open_call(request.congress, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已发布征集：{call.title}（{call.opens_on:%Y-%m-%d} 至 {call.closes_on:%Y-%m-%d}）")
            return redirect("livelihood_call", congress_code=congress_code, call_id=call.pk)
    return _public_page(request, form)


@requires("view_livelihood_report")
def call_detail(request, congress_code, call_id):
    call = get_call_for_user(request, call_id)
    if fmt := spreadsheets.wanted(request):
        return _call_export(request, call, fmt)
    return _call_page(request, call)


def _proposal_filters(request) -> tuple[str, str]:
    q = " ".join(request.GET.get("q", "").split())[:100]
    status = request.GET.get("status", "")
    return q, status if status in Proposal.Status.values else ""


def _proposals(request, call: Call):
    """The call's proposals the page's filters chose: by status, by a keyword in the title, place or proposer."""
    q, status = _proposal_filters(request)
    rows = Proposal.objects.in_congress(request.congress).filter(call=call).select_related("merged_into", "lead_unit")
    if status:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(place__icontains=q) | Q(proposer_name__icontains=q)
                           | Q(description__icontains=q))
    return rows


def _call_export(request, call: Call, fmt: str):
    """``?export=`` the call's proposals as filtered; ``&list=projects`` the chosen projects' progress."""
    if request.GET.get("list") == "projects":
        if call.status != Call.Status.CHOSEN:
            raise Http404("票决结果确定后才有项目进展")
        return spreadsheets.export_response(request, subject=f"{call.title}项目进展",
                                            columns=exports.projects(request.congress), rows=reports.project_rows(call),
                                            fmt=fmt)
    q, status = _proposal_filters(request)
    return spreadsheets.export_response(
        request, subject=f"{call.title}项目建议", columns=exports.PROPOSALS, rows=_proposals(request, call), fmt=fmt,
        filters=spreadsheets.describe_filters([("状态", Proposal.Status(status).label if status else ""),
                                               ("关键词", q)]))


def _call_page(request, call: Call, bound: dict | None = None):
    """The call's page; ``bound`` holds the one form that was just refused, to show again as typed. Below the
    layout the page is the same for every reader who may do the same things while the data stands: rendered
    once per data version, reader and filter (its 300 proposals, forms and charts took ~150 ms)."""
    congress, user = request.congress, request.user
    bound = bound or {}
    reader = {name: may(user, congress, permission) for name, permission in (
        ("staff", "decide_stage"), ("can_rank", "decide_livelihood_ranking"), ("can_commend", "commend_livelihood"))}
    may_do = "".join(str(int(v)) for v in reader.values())
    body = jinja.kept_part(request, f"livelihood:call_page:{call.pk}:{may_do}:{versioned.query_key(request.GET)}",
                           "livelihood/_call_body.html", lambda: _call_context(request, call, bound, **reader),
                           keep=not bound)
    return render(request, "livelihood/call.html", {"body": body})


def _call_context(request, call: Call, bound: dict, *, staff: bool, can_rank: bool, can_commend: bool) -> dict:
    congress = request.congress
    q, chosen_status = _proposal_filters(request)
    rows = reports.project_rows(call) if call.status == Call.Status.CHOSEN else []
    minimum = actions.candidate_minimum(congress, call.to_choose)
    through, candidates, chosen = _confirm_counts(call)
    ranking = reports.decided_ranking(call) if call.status == Call.Status.CHOSEN else None
    visits = reports.visit_counts(call)

    def row_form(kind, form_class, p):
        refused = bound.get(kind)
        if refused is not None and str(refused.data.get("proposal")) == str(p.pk):
            return refused
        return form_class(initial={"proposal": p.pk}, auto_id=f"{kind}{p.pk}_%s")

    submitted = Proposal.Status.SUBMITTED
    items = [{
        "p": p,
        "next_stage": call.stages[p.stage] if p.stage < len(call.stages) else "",
        "stage_form": row_form("stage", StageForm, p) if staff and p.status == submitted else None,
        "feasibility_form": row_form("feasibility", FeasibilityForm, p) if staff and p.status == submitted else None,
    } for p in _proposals(request, call)]
    # ``request`` for the export links (its query is part of the kept page's key); the CSRF field is a mark.
    return {
        "congress": congress, "request": request, "open": next(iter(bound), ""), "items": items,
        "visits": visits, "visits_text": reports.visit_counts_text(visits),
        "visit_rows": [(label, visits[mode]) for mode, label in Inspection.Mode.choices],
        "decided": ranking,
        "ranking_form": (bound.get("ranking") or RankingForm(congress=congress, auto_id="ranking_%s"))
        if can_rank and ranking is None else None,
        "approval_form": (bound.get("approval") or ApprovalForm(auto_id="approval_%s"))
        if can_rank and ranking is not None and not ranking.approved_on else None,
        "batches": [(b, [(actions_accountability.commended_name(e), e.reason) for e in b.entries.select_related(
            "unit", "person", "proposal")]) for b in CommendationBatch.objects.in_congress(congress).filter(call=call).select_related("decided_at_meeting")]
        if call.status == Call.Status.CHOSEN else [],
        "commend_form": (bound.get("commend") or CommendationForm(call=call, auto_id="commend_%s"))
        if can_commend and call.status == Call.Status.CHOSEN else None,
        "call": call, "funnel": actions.funnel(call), "staff": staff, "minimum": minimum,
        "q": q, "status": chosen_status, "statuses": Proposal.Status.choices,
        "merge_form": bound.get("merge") or MergeForm(call=call, auto_id="merge_%s"),
        "vote_form": bound.get("vote") or MeetingForm(congress=congress, auto_id="vote_%s"),
        "presidium_form": bound.get("presidium") or PresidiumForm(call=call, auto_id="presidium_%s"),
        "evaluation_form": bound.get("evaluation") or MeetingForm(congress=congress, label="测评会议", auto_id="evaluation_%s"),
        "confirm": {
            "candidates": f"将确定 {through} 个候选项目（拟票决 {call.to_choose} 个，候选至少须 {minimum} 个）。"
                          "确定后不能再审查、合并建议。确定吗？",
            "vote": f"将把 {candidates} 个候选项目提交所选大会无记名票决，每位代表最多选 {call.to_choose} 个。"
                    "提交后候选名单不能再改。确定吗？",
            "result": "将按已结束的票决确定入选项目：获全体代表过半数赞成、得票多者入选；票数相等或入选不足的，"
                      "提请主席团决定。确认后不能更改。确定吗？",
            "presidium": "将记录主席团决定并确定入选项目，记录后不能更改。确定吗？",
            "evaluation": f"将为 {chosen} 个票决通过的项目各建立一次满意度测评（满意、基本满意、不满意），"
                          "在所选会议中无记名表决。确定吗？",
            "merge": "并入的建议将不再单独审查，建议人合并到保留的建议中。确定合并吗？",
        },
        "rows": rows, "ranking": reports.unit_ranking(call, rows) if rows else [],
        "charts": reports.progress_charts(rows) if rows else None,
        "pending": (call.vote.result or {}).get("for_presidium") if call.vote_id and call.vote else None,
    }


def _confirm_counts(call: Call) -> tuple[int, int, int]:
    """What the confirmations name: proposals through every review stage, candidates, chosen projects not yet
    put to a satisfaction evaluation."""
    through = candidates = chosen = 0
    for status, stage, evaluation_id in (Proposal.objects.in_congress(call.congress).filter(call=call)
                                         .values_list("status", "stage", "evaluation_id")):
        through += status == Proposal.Status.SUBMITTED and stage >= len(call.stages)
        candidates += status == Proposal.Status.CANDIDATE
        chosen += status == Proposal.Status.CHOSEN and evaluation_id is None
    return through, candidates, chosen


def _digits(data, key: str) -> str:
    """A row's id from the form, for the element ids of that row's form (digits only)."""
    value = str(data.get(key, ""))
    return value if value.isdecimal() else ""


def _call_form(what: str, data, call: Call):
    congress = call.congress
    return {
        "merge": lambda: MergeForm(data, call=call, auto_id="merge_%s"),
        "stage": lambda: StageForm(data, auto_id=f"stage{_digits(data, 'proposal')}_%s"),
        "feasibility": lambda: FeasibilityForm(data, auto_id=f"feasibility{_digits(data, 'proposal')}_%s"),
        "vote": lambda: MeetingForm(data, congress=congress, auto_id="vote_%s"),
        "presidium": lambda: PresidiumForm(data, call=call, auto_id="presidium_%s"),
        "evaluation": lambda: MeetingForm(data, congress=congress, label="测评会议", auto_id="evaluation_%s"),
        "ranking": lambda: RankingForm(data, congress=congress, auto_id="ranking_%s"),
        "approval": lambda: ApprovalForm(data, auto_id="approval_%s"),
        "commend": lambda: CommendationForm(data, call=call, auto_id="commend_%s"),
    }.get(what, lambda: None)()


@require_POST
def call_action(request, congress_code, call_id, what):
    """One step of the call. A step with typed input comes back on the call's page, as typed, when refused;
    the button-only steps (fix the candidates, take the result) say why on the same page."""
    if what not in CALL_STEPS:
        raise Http404
    denied = gate(request, CALL_STEPS[what])
    if denied:
        return denied
    congress, user = request.congress, request.user
    call = get_call_for_user(request, call_id)
    form = _call_form(what, request.POST, call)
    if form is not None and not form.is_valid():
        return _call_page(request, call, {what: form})
    data = form.cleaned_data if form is not None else {}
    try:
        if what == "merge":
            actions.merge_proposals(congress, data["keep"], list(data["duplicates"]), actor=user)
            done = f"已把 {len(data['duplicates'])} 条建议并入“{data['keep'].title}”"
        elif what in ("stage", "feasibility"):
            proposal = get_proposal_for_user(request, data["proposal"])
            if proposal.call_id != call.pk:
                raise Http404("找不到该项目")
            if what == "stage":
                decision = actions.decide_stage(congress, proposal, actor=user, passed=data["passed"], reason=data["reason"])
                done = f"“{proposal.title}”{decision.stage}：{'通过' if decision.passed else '不通过'}"
            else:
                actions.record_feasibility(congress, proposal, actor=user, aspect=data["aspect"], ok=data["ok"],
                                           note=data["note"])
                done = f"已记录“{proposal.title}”的{actions.FEASIBILITY[data['aspect']]}审查：{'可行' if data['ok'] else '不可行'}"
        elif what == "candidates":
            done = f"已确定 {len(actions.fix_candidates(congress, call, actor=user))} 个候选项目"
        elif what == "vote":
            vote = actions.put_projects_to_vote(congress, call, data["meeting"], actor=user)
            messages.success(request, f"已提交{data['meeting'].title}票决；开始表决后代表即可投票")
            return redirect("vote_detail", congress_code=congress_code, vote_id=vote.pk)
        elif what == "result":
            actions.record_project_result(congress, call, actor=user)
            done = "票决结果已确认" + ("，尚余项目提请主席团决定" if call.status == Call.Status.DECIDING else "")
        elif what == "presidium":
            actions.presidium_decide(congress, call, actor=user, chosen=list(data["chosen"]), note=data["note"])
            done = "已记录主席团决定"
        elif what == "ranking":
            actions_accountability.decide_ranking(congress, call, data["meeting"], actor=user)
            done = f"已记录{data['meeting'].title}确定的{call.year}年度考评排名"
        elif what == "approval":
            ranking = reports.decided_ranking(call)
            if ranking is None:
                raise ValidationError({"approved_by": "主任会议确定排名后才能记录上级同意"})
            actions_accountability.approve_ranking(congress, ranking, actor=user, approved_by=data["approved_by"],
                                                   approved_on=data["approved_on"], reference=data["reference"])
            done = f"已记录{data['approved_by']}同意年度考评排名"
        elif what == "commend":
            batch = actions_accountability.commend(congress, call, actor=user, title=data["title"], number=data["number"],
                                                   issued_on=data["issued_on"], meeting=data["meeting"],
                                                   entries=form.entries())
            done = f"已印发表扬通报“{batch.title}”（{len(form.entries())} 项）"
        else:  # evaluation
            votes = actions.start_evaluation(congress, call, data["meeting"], actor=user)
            done = f"已建立 {len(votes)} 个满意度测评，在{data['meeting'].title}开始表决"
    except (ValidationError, PermissionDenied) as error:
        if form is None:
            flash_errors(request, error)
            return redirect("livelihood_call", congress_code=congress_code, call_id=call.pk)
        add_action_errors(form, error)
        return _call_page(request, call, {what: form})
    messages.success(request, done)
    return redirect("livelihood_call", congress_code=congress_code, call_id=call.pk)


def rectification_items(congress, proposal: Proposal) -> list[RectificationItem]:
    """The project's problems on the shared rectification list (整改清单), open ones first."""
    return sorted(items_for(congress, livelihood_project=proposal),
                  key=lambda i: (i.status == RectificationItem.Status.CLOSED, i.due_on, i.pk))


def _item_url(congress, item: RectificationItem) -> str:
    return reverse("rectification_item", args=[congress.code, item.pk])


def project_detail(request, congress_code, proposal_id):
    return _project_page(request, _chosen_project(request, proposal_id))


def _chosen_project(request, proposal_id) -> Proposal:
    proposal = get_proposal_for_user(request, proposal_id)
    if proposal.status != Proposal.Status.CHOSEN:
        raise Http404("只有票决通过的项目有监督页面")
    return proposal


def _project_page(request, proposal: Proposal, bound: dict | None = None):
    congress = request.congress
    bound = bound or {}
    user = request.user
    staff = may(user, congress, "assign_supervision")
    can_report = may(user, congress, "report_progress")
    can_inspect = may(user, congress, "record_inspection")
    can_lead = may(user, congress, "set_project_leader")
    insider = may(user, congress, "view_livelihood_report")
    return render(request, "livelihood/project.html", {
        "p": proposal, "milestones": Milestone.objects.in_congress(congress).filter(proposal=proposal),
        "reports": proposal.reports.all()[:50],
        "inspections": proposal.inspections.select_related("group", "led_by"),
        # The public see what is being put right and by which unit; the person responsible and the item's
        # own page are for those who follow the supervision.
        "insider": insider,
        "items": [(item, _item_url(congress, item) if insider else "") for item in rectification_items(congress, proposal)],
        "leader_form": (bound.get("leader") or LeaderForm(congress=congress, auto_id="leader_%s",
                                                          initial={"person": proposal.leader_in_charge}))
        if can_lead else None,
        "watches": Watch.objects.in_congress(congress).filter(proposal=proposal).select_related("group"),
        "supervision_form": (bound.get("supervision") or SupervisionForm(congress=congress, auto_id="supervision_%s"))
        if staff and not proposal.lead_unit_id else None,
        "progress_form": (bound.get("progress") or ProgressForm(proposal=proposal, auto_id="progress_%s")) if can_report else None,
        "inspection_form": (bound.get("inspection") or InspectionForm(proposal=proposal, auto_id="inspection_%s"))
        if can_inspect else None,
        "open": next(iter(bound), ""),
    })


def _project_form(what: str, request, proposal: Proposal):
    data, congress = request.POST, request.congress
    if what == "supervision":
        return SupervisionForm(data, congress=congress, auto_id="supervision_%s")
    if what == "progress":
        return ProgressForm(data, request.FILES, proposal=proposal, auto_id="progress_%s")
    if what == "inspection":
        return InspectionForm(data, proposal=proposal, auto_id="inspection_%s")
    return LeaderForm(data, congress=congress, auto_id="leader_%s")


@require_POST
def project_action(request, congress_code, proposal_id, what):
    """One step of a chosen project's supervision; a refused step comes back on the project's page as typed."""
    if what not in PROJECT_STEPS:
        raise Http404
    denied = gate(request, PROJECT_STEPS[what])
    if denied:
        return denied
    congress, user = request.congress, request.user
    proposal = _chosen_project(request, proposal_id)
    form = _project_form(what, request, proposal)
    if not form.is_valid():
        return _project_page(request, proposal, {what: form})
    data = form.cleaned_data
    try:
        if what == "supervision":
            actions.assign_supervision(congress, proposal, actor=user, lead_unit=data["lead_unit"], budget=data["budget"],
                                       groups=list(data["groups"]), milestones=form.milestones())
            done = f"已确定牵头单位{data['lead_unit'].name}和 {len(data['groups'])} 个监督小组"
        elif what == "progress":
            actions.report_progress(congress, proposal, actor=user, text_=data["text"], spent=data["spent"],
                                    milestone=data["milestone"], photo=data["photo"] or None)
            done = "进展已报告" + (f"，节点“{data['milestone'].title}”已完成" if data["milestone"] else "")
        elif what == "inspection":
            actions.record_inspection(congress, proposal, actor=user, group=data["group"], on=data["on"],
                                      notes=data["notes"], problems=form.problems(), mode=data["mode"],
                                      led_by=data["led_by"])
            done = "视察已记录" + ("，问题已列入整改清单" if form.problems() else "")
        else:
            actions.set_project_leader(congress, proposal, actor=user, person=data["person"])
            done = f"包联领导：{data['person'].name}"
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return _project_page(request, proposal, {what: form})
    messages.success(request, done)
    return redirect("livelihood_project", congress_code=congress_code, proposal_id=proposal.pk)


@requires("view_livelihood_report")
def export(request, congress_code, call_id, what):
    call = get_call_for_user(request, call_id)
    if what == "result.pdf" and call.vote_id and call.status == Call.Status.CHOSEN:
        return downloads.attachment(HttpResponse(reports.result_pdf(call), content_type="application/pdf"),
                                    downloads.yearly(call.year, "民生实事项目票决结果公告", "pdf"), inline=True)
    if call.status != Call.Status.CHOSEN:
        raise Http404("票决结果确定后才有评议报告")
    if what == "evaluation.xlsx":
        response = HttpResponse(reports.evaluation_xlsx(call),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return downloads.attachment(response, downloads.yearly(call.year, "民生实事项目年终评议", "xlsx"))
    if what == "evaluation.pdf":
        return downloads.attachment(HttpResponse(reports.evaluation_pdf(call), content_type="application/pdf"),
                                    downloads.yearly(call.year, "民生实事项目年终评议报告", "pdf"), inline=True)
    raise Http404
