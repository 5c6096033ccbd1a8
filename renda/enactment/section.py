"""What the bill page's enactment section shows, read once: readings with their meetings and
opinions by article, reports, votes (articles, then the whole), the approval window, the
announcement and the filings, and which next steps this person may take."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from renda.core import rules
from renda.core.permissions import may
from renda.enactment import actions, forms
from renda.enactment.models import (
    Approval,
    BillVote,
    Filing,
    Opinion,
    Promulgation,
    Reading,
    Report,
    Submission,
)
from renda.legislation.models import Bill

S = Bill.Status
# step → (permission, form class or None, the statuses the step is offered in)
STEPS: dict[str, tuple[str, type | None, tuple[str, ...]]] = {
    "submit": ("submit_bill", forms.SubmitForm, (S.DRAFTING,)),
    "preliminary": ("record_preliminary_review", forms.PreliminaryForm, (S.DRAFTING, S.SUBMITTED, S.UNDER_DELIBERATION)),
    "readings_required": ("set_readings_required", forms.ReadingsRequiredForm,
                          (S.DRAFTING, S.SUBMITTED, S.UNDER_DELIBERATION)),
    "schedule": ("schedule_reading", forms.ScheduleForm, (S.SUBMITTED, S.UNDER_DELIBERATION)),
    "held": ("record_reading", forms.ReadingForm, (S.SUBMITTED, S.UNDER_DELIBERATION)),
    "opinion": ("record_opinion", forms.OpinionForm, (S.SUBMITTED, S.UNDER_DELIBERATION)),
    "report": ("record_review_report", forms.ReportForm, (S.SUBMITTED, S.UNDER_DELIBERATION)),
    "articles": ("put_articles_to_vote", forms.ArticlesForm, (S.UNDER_DELIBERATION,)),
    "vote": ("put_bill_to_vote", forms.VoteForm, (S.UNDER_DELIBERATION,)),
    "outcome": ("record_bill_vote", None, (S.UNDER_DELIBERATION,)),
    "end": ("end_bill", forms.EndForm, (S.UNDER_DELIBERATION,)),
    "approval": ("submit_for_approval", forms.ApprovalForm, (S.PASSED,)),
    "decision": ("record_approval", forms.ApprovalDecisionForm, (S.AWAITING_APPROVAL,)),
    "promulgate": ("promulgate_law", forms.PromulgateForm, (S.PASSED, S.APPROVED)),
    "filing": ("record_filing", forms.FilingForm, (S.PROMULGATED,)),
}


def section(request, bill: Bill, bound: dict | None = None) -> dict:
    c, user = request.congress, request.user
    if not may(user, c, "view_enactment"):
        return {"show": False}
    bound = bound or {}
    today = timezone.localdate()
    readings = list(Reading.objects.in_congress(c).filter(bill=bill).select_related(
        "meeting", "meeting__term", "meeting__congress", "version", "document").order_by("number"))
    opinions = Opinion.objects.in_congress(c).filter(reading__bill=bill).select_related(
        "speech", "speech__speaker", "provision").order_by("provision__position", "id")
    by_reading: dict[int, list] = {}
    for o in opinions:
        by_reading.setdefault(o.reading_id, []).append(o)
    need = rules.get(c, "legislation.draft_to_members_days")
    for r in readings:
        r.opinions_list = by_reading.get(r.pk, [])
        r.days_before = actions.distribution_days(r.meeting, r.distributed_at)
        r.short = r.days_before < need
    votes = list(BillVote.objects.in_congress(c).filter(bill=bill).select_related("vote", "provision", "meeting")
                 .order_by(F("provision_id").asc(nulls_last=True), "id"))
    approval = Approval.objects.in_congress(c).filter(bill=bill).first()
    promulgation = Promulgation.objects.in_congress(c).filter(bill=bill).select_related("law").first()
    filings = list(Filing.objects.in_congress(c).filter(promulgation=promulgation).order_by("id")) if promulgation else []
    passed = actions.passed_on(c, bill)
    window = None
    if approval is not None:
        end = approval.decided_on or today
        window = {"days_left": (approval.due_on - today).days if approval.decided_on is None else None,
                  "late": end > approval.due_on, "days_from_passing": (end - passed).days if passed else None}
    whole = next((v for v in votes if v.provision_id is None), None)
    offered = {}
    for name, (permission, form_class, statuses) in STEPS.items():
        ok = bill.status in statuses and may(user, c, permission)
        if name == "approval":
            ok = ok and actions.approval_required(c, bill)
        if name == "promulgate" and bill.status == S.PASSED:
            ok = ok and not actions.approval_required(c, bill)
        if name in ("held", "opinion", "report"):
            ok = ok and bool(readings)
        if name == "articles":
            ok = ok and whole is None and actions.final_version(c, bill) is not None
        if name == "vote":
            ok = ok and whole is None and actions.final_version(c, bill) is not None
        if name == "outcome":
            ok = ok and whole is not None and whole.vote.status == "announced"
        if name == "filing":
            ok = ok and any(f.filed_on is None for f in filings)
        if ok:
            offered[name] = bound.get(name) or (form_class(congress=c, bill=bill) if form_class else None)
    return {
        "show": True, "congress": c, "bill": bill, "today": today, "need_days": need,
        "submission": Submission.objects.in_congress(c).filter(bill=bill).select_related("version", "proposer").first(),
        "readings": readings, "held": sum(1 for r in readings if r.status == Reading.Status.HELD),
        "reports": Report.objects.in_congress(c).filter(bill=bill).select_related(
            "meeting", "meeting__term", "meeting__congress", "body", "document", "version").order_by("reported_on", "id"),
        "votes": votes, "whole": whole, "passed_on": passed, "approval": approval, "window": window,
        "approval_required": actions.approval_required(c, bill),
        "promulgation": promulgation, "filings": filings, "forms": offered,
        "pending_readings": [r for r in readings if r.status == Reading.Status.SCHEDULED],
    }
