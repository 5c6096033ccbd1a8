"""Pages of the accountability chain (督查问责): the cases of this congress, opening one, and each
case's steps with the form for the next."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core import spreadsheets
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, get_or_404, requires
from renda.livelihood import actions_accountability, exports
from renda.livelihood.forms import CaseForm, StepForm
from renda.livelihood.models import AccountabilityCase, AccountabilityStep
from renda.livelihood.workflows import ACCOUNTABILITY_WORKFLOW
from renda.proposals.models import Suggestion


def next_steps(case: AccountabilityCase) -> list[tuple[str, str]]:
    """The steps the case may move to now, each with the transition's label (核实完毕，征求意见 …)."""
    return [(t.target, t.label) for t in ACCOUNTABILITY_WORKFLOW.transitions if t.source == case.status]


S = AccountabilityCase.Status
MAIN_LINE = [S.VERIFYING, S.CONSULTING, S.SUBMITTED, S.APPROVED, S.HELD_ACCOUNTABLE]


def stepper(case: AccountabilityCase) -> list[tuple[str, str]]:
    """(label, done/current/todo) along 调查核实 → … → 督查问责; a dropped case shows the steps it passed
    and ends at 不予问责."""
    if case.status == S.DROPPED:
        reached = set(AccountabilityStep.objects.in_congress(case.congress_id).filter(case=case)
                      .values_list("step", flat=True))
        return [(s.label, "done") for s in MAIN_LINE if s in reached] + [(S.DROPPED.label, "current")]
    at = MAIN_LINE.index(S(case.status))
    return [(s.label, "done" if n < at else "current" if n == at else "todo") for n, s in enumerate(MAIN_LINE)]


def get_case_for_user(request, case_id) -> AccountabilityCase:
    return get_or_404(AccountabilityCase.objects.in_congress(request.congress).select_related("unit", "proposal",
                                                                                              "suggestion"),
                      case_id, "找不到该问责案")


@requires("view_livelihood_report")
def case_list(request, congress_code):
    if fmt := spreadsheets.wanted(request):
        q, status = _filters(request)
        return spreadsheets.export_response(
            request, subject="督查问责案", columns=exports.CASES, rows=_cases(request), fmt=fmt,
            filters=spreadsheets.describe_filters([("状态", S(status).label if status else ""), ("关键词", q)]))
    return _list_page(request)


def _filters(request) -> tuple[str, str]:
    q = " ".join(request.GET.get("q", "").split())[:100]
    status = request.GET.get("status", "")
    return q, status if status in S.values else ""


def _cases(request):
    """The cases the list's filters chose: by status, by a keyword in the unit, the matter or the reason."""
    q, status = _filters(request)
    cases = AccountabilityCase.objects.in_congress(request.congress).select_related("unit", "proposal", "suggestion")
    if status:
        cases = cases.filter(status=status)
    if q:
        cases = cases.filter(Q(unit__name__icontains=q) | Q(proposal__title__icontains=q)
                             | Q(suggestion__title__icontains=q) | Q(reason__icontains=q))
    return cases


def _list_page(request, form=None, status=200):
    congress = request.congress
    q, chosen = _filters(request)
    can_open = may(request.user, congress, "hold_unit_accountable")
    return render(request, "livelihood/accountability.html", {
        "cases": _cases(request), "q": q, "status": chosen, "statuses": S.choices,
        "form": (form or CaseForm(congress=congress, auto_id="case_%s")) if can_open else None,
        "refused": form is not None}, status=status)


@require_POST
def case_new(request, congress_code):
    denied = gate(request, "hold_unit_accountable")
    if denied:
        return denied
    congress = request.congress
    form = CaseForm(request.POST, request.FILES, congress=congress, auto_id="case_%s")
    if not form.is_valid():
        return _list_page(request, form, 422)
    data = form.cleaned_data
    suggestion = None
    if data["suggestion"]:
        suggestion = Suggestion.objects.in_congress(congress).filter(pk=data["suggestion"]).first()
        if suggestion is None:
            form.add_error("suggestion", f"“代表建议 ID”{data['suggestion']}不是本级的代表建议")
            return _list_page(request, form, 422)
    try:
        case = actions_accountability.open_case(congress, actor=request.user, unit=data["unit"], reason=data["reason"],
                                                proposal=data["proposal"], suggestion=suggestion, on=data["on"],
                                                document=data["document"] or None)
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return _list_page(request, form, 422)
    messages.success(request, f"已对{case.unit.name}启动督查问责（调查核实）")
    return redirect("livelihood_accountability_case", congress_code=congress_code, case_id=case.pk)


@requires("view_livelihood_report")
def case_detail(request, congress_code, case_id):
    return _case_page(request, get_case_for_user(request, case_id))


def _case_page(request, case: AccountabilityCase, form=None, status=200):
    congress = request.congress
    choices = next_steps(case)
    can_step = may(request.user, congress, "hold_unit_accountable") and bool(choices)
    return render(request, "livelihood/accountability_case.html", {
        "case": case, "steps": AccountabilityStep.objects.in_congress(congress).filter(case=case).select_related("by"),
        "form": (form or StepForm(choices=choices, auto_id="step_%s")) if can_step else None,
        "refused": form is not None,
        "path": stepper(case),
    }, status=status)


@require_POST
def case_step(request, congress_code, case_id):
    denied = gate(request, "hold_unit_accountable")
    if denied:
        return denied
    case = get_case_for_user(request, case_id)
    choices = next_steps(case)
    if not choices:
        raise Http404("该问责案已办结")
    form = StepForm(request.POST, request.FILES, choices=choices, auto_id="step_%s")
    if not form.is_valid():
        return _case_page(request, case, form, 422)
    data = form.cleaned_data
    try:
        step = actions_accountability.advance_case(request.congress, case, actor=request.user, target=data["target"],
                                                   text_=data["text"], on=data["on"], document=data["document"] or None)
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return _case_page(request, case, form, 422)
    messages.success(request, f"已记录：{step.get_step_display()}")
    return redirect("livelihood_accountability_case", congress_code=congress_code, case_id=case.pk)
