from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from renda.core.permissions import may
from renda.core.views_helpers import flash_errors, get_or_404, requires
from renda.livelihood import actions, reports
from renda.livelihood.models import Call, Milestone, Problem, Proposal, Watch
from renda.meetings.models import Meeting
from renda.people.models import Organisation

PROPOSALS_PER_HOUR = 5  # per address, on the public form


def get_call_for_user(request, call_id) -> Call:
    return get_or_404(Call.objects.in_congress(request.congress).select_related("vote"), call_id, "找不到该征集")


def get_proposal_for_user(request, proposal_id) -> Proposal:
    return get_or_404(Proposal.objects.in_congress(request.congress).select_related("call", "lead_unit"), proposal_id,
                      "找不到该项目")



def public_page(request, congress_code):
    """For citizens: the open calls and the chosen projects' progress — no personal data."""
    congress = request.congress
    calls = list(Call.objects.in_congress(congress)[:10])
    chosen = {call.pk: reports.project_rows(call) for call in calls if call.status == Call.Status.CHOSEN}
    return render(request, "livelihood/public.html", {"calls": calls, "chosen": chosen,
                                                      "staff": may(request.user, congress, "open_call")})


@require_http_methods(["GET", "POST"])
def propose(request, congress_code, call_id):
    congress = request.congress
    call = get_call_for_user(request, call_id)
    if request.method == "POST":
        address = request.META.get("REMOTE_ADDR", "")
        key = f"propose:{congress.pk}:{address}"
        count = cache.get_or_set(key, 0, 3600)
        if count >= PROPOSALS_PER_HOUR:
            return render(request, "livelihood/propose.html", {"call": call, "limited": True}, status=429)
        try:
            actions.submit_proposal(congress, call, actor=request.user, **{
                k: request.POST.get(k, "") for k in ("title", "description", "place", "beneficiaries",
                                                     "estimated_cost", "proposer_name", "proposer_contact")})
        except ValidationError as error:
            return render(request, "livelihood/propose.html", {"call": call, "errors": error.messages,
                                                               "data": request.POST}, status=422)
        cache.set(key, count + 1, 3600)
        return render(request, "livelihood/propose.html", {"call": call, "done": True})
    return render(request, "livelihood/propose.html", {"call": call})


@requires("open_call")
@require_POST
def call_new(request, congress_code):
    data = request.POST
    try:
        call = actions.open_call(request.congress, actor=request.user, year=int(data.get("year") or 0),
                                 title=data.get("title", ""), opens_on=data.get("opens_on"), closes_on=data.get("closes_on"),
                                 to_choose=data.get("to_choose"))
    except (ValidationError, ValueError) as error:
        flash_errors(request, error if isinstance(error, ValidationError) else ValidationError("年度须为数字"))
        return redirect("livelihood", congress_code=congress_code)
    return redirect("livelihood_call", congress_code=congress_code, call_id=call.pk)


@requires("view_livelihood_report")
def call_detail(request, congress_code, call_id):
    congress = request.congress
    call = get_call_for_user(request, call_id)
    proposals = Proposal.objects.in_congress(congress).filter(call=call).select_related("merged_into", "lead_unit")
    rows = reports.project_rows(call) if call.status == Call.Status.CHOSEN else []
    return render(request, "livelihood/call.html", {
        "call": call, "proposals": proposals, "funnel": actions.funnel(call), "staff": may(request.user, congress, "decide_stage"),
        "minimum": actions.candidate_minimum(congress, call.to_choose), "aspects": actions.FEASIBILITY,
        "next_stage": {p.pk: call.stages[p.stage] for p in proposals if p.stage < len(call.stages)},
        "plenaries": Meeting.objects.in_congress(congress).filter(kind=Meeting.Kind.PLENARY, status=Meeting.Status.OPEN),
        "rows": rows, "ranking": reports.unit_ranking(call, rows) if rows else [],
        "units": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT),
        "groups": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.DEPUTY_GROUP),
        "pending": (call.vote.result or {}).get("for_presidium") if call.vote_id else None,
    })


@require_POST
def call_action(request, congress_code, call_id, what):
    congress, user, data = request.congress, request.user, request.POST
    call = get_call_for_user(request, call_id)

    def picked(name):
        return list(Proposal.objects.in_congress(congress).filter(call=call, pk__in=[i for i in data.getlist(name) if i.isdigit()]))

    try:
        if what == "merge":
            keep = Proposal.objects.in_congress(congress).filter(call=call, pk=data.get("keep") or 0).first()
            actions.merge_proposals(congress, keep, [p for p in picked("duplicates") if p != keep], actor=user)
        elif what == "feasibility":
            proposal = get_proposal_for_user(request, data.get("proposal") or 0)
            actions.record_feasibility(congress, proposal, actor=user, aspect=data.get("aspect", ""),
                                       ok=data.get("ok") == "1", note=data.get("note", ""))
        elif what == "stage":
            proposal = get_proposal_for_user(request, data.get("proposal") or 0)
            actions.decide_stage(congress, proposal, actor=user, passed=data.get("passed") == "1", reason=data.get("reason", ""))
        elif what == "candidates":
            actions.fix_candidates(congress, call, actor=user)
        elif what == "vote":
            meeting = Meeting.objects.in_congress(congress).filter(pk=data.get("meeting") or 0).first()
            vote = actions.put_projects_to_vote(congress, call, meeting, actor=user)
            return redirect("vote_detail", congress_code=congress_code, vote_id=vote.pk)
        elif what == "result":
            actions.record_project_result(congress, call, actor=user)
        elif what == "presidium":
            actions.presidium_decide(congress, call, actor=user, chosen=picked("chosen"), note=data.get("note", ""))
        elif what == "evaluation":
            meeting = Meeting.objects.in_congress(congress).filter(pk=data.get("meeting") or 0).first()
            actions.start_evaluation(congress, call, meeting, actor=user)
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("livelihood_call", congress_code=congress_code, call_id=call.pk)


def project_detail(request, congress_code, proposal_id):
    congress = request.congress
    proposal = get_proposal_for_user(request, proposal_id)
    if proposal.status != Proposal.Status.CHOSEN:
        raise Http404("只有票决通过的项目有监督页面")
    return render(request, "livelihood/project.html", {
        "p": proposal, "milestones": Milestone.objects.in_congress(congress).filter(proposal=proposal),
        "reports": proposal.reports.all()[:50], "inspections": proposal.inspections.select_related("group"),
        "problems": Problem.objects.in_congress(congress).filter(proposal=proposal),
        "watches": Watch.objects.in_congress(congress).filter(proposal=proposal).select_related("group"),
        "staff": may(request.user, congress, "assign_supervision"),
        "can_report": may(request.user, congress, "report_progress"),
        "can_inspect": may(request.user, congress, "record_inspection"),
        "units": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT),
        "groups": Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.DEPUTY_GROUP),
    })


@require_POST
def project_action(request, congress_code, proposal_id, what):
    congress, user, data = request.congress, request.user, request.POST
    proposal = get_proposal_for_user(request, proposal_id)
    try:
        if what == "supervision":
            unit = Organisation.objects.in_congress(congress).filter(pk=data.get("lead_unit") or 0).first()
            groups = list(Organisation.objects.in_congress(congress).filter(pk__in=[g for g in data.getlist("groups") if g.isdigit()]))
            milestones = [{"title": t, "due_on": d} for t, d in zip(data.getlist("milestone_title"), data.getlist("milestone_due"),
                                                                   strict=False) if t.strip()]
            actions.assign_supervision(congress, proposal, actor=user, lead_unit=unit, budget=data.get("budget"),
                                       groups=groups, milestones=milestones)
        elif what == "progress":
            milestone = Milestone.objects.in_congress(congress).filter(proposal=proposal, pk=data.get("milestone") or 0).first()
            actions.report_progress(congress, proposal, actor=user, text_=data.get("text", ""), spent=data.get("spent") or 0,
                                    milestone=milestone, photo=request.FILES.get("photo"))
        elif what == "inspection":
            group = Organisation.objects.in_congress(congress).filter(pk=data.get("group") or 0).first()
            problems = [{"text": data.get("problem", ""), "owner": data.get("owner", ""), "due_on": data.get("due_on")}] \
                if data.get("problem") else []
            actions.record_inspection(congress, proposal, actor=user, group=group, on=data.get("on"),
                                      notes=data.get("notes", ""), problems=problems)
        elif what == "close":
            problem = Problem.objects.in_congress(congress).filter(proposal=proposal, pk=data.get("problem") or 0).first()
            if problem is None:
                raise Http404
            actions.close_problem(congress, problem, actor=user, resolution=data.get("resolution", ""))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    return redirect("livelihood_project", congress_code=congress_code, proposal_id=proposal.pk)


@requires("view_livelihood_report")
def export(request, congress_code, call_id, what):
    call = get_call_for_user(request, call_id)
    if what == "result.pdf" and call.vote_id and call.status == Call.Status.CHOSEN:
        return HttpResponse(reports.result_pdf(call), content_type="application/pdf")
    if call.status != Call.Status.CHOSEN:
        raise Http404("票决结果确定后才有评议报告")
    if what == "evaluation.xlsx":
        response = HttpResponse(reports.evaluation_xlsx(call),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="livelihood-{call.year}.xlsx"'
        return response
    if what == "evaluation.pdf":
        return HttpResponse(reports.evaluation_pdf(call), content_type="application/pdf")
    raise Http404
