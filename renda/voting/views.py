import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from renda.core.permissions import may
from renda.core.views_helpers import flash_errors, get_or_404
from renda.meetings.notices import result_lines
from renda.meetings.queries import roster_entry
from renda.voting import actions
from renda.voting.models import BallotReceipt, Candidate, PaperCount, RollCallCast, Vote
from renda.voting.tally import live_tally, screen_cache_key


def get_vote_for_user(request, vote_id: int) -> Vote:
    return get_or_404(Vote.objects.in_congress(request.congress).select_related("meeting", "meeting__term"), vote_id,
                      "找不到该表决")


def vote_detail(request, congress_code, vote_id):
    congress = request.congress
    vote = get_vote_for_user(request, vote_id)
    entry = roster_entry(vote.meeting, request.user)
    mine = None
    if entry is not None:
        if vote.uses_ballots:
            receipt = BallotReceipt.objects.in_congress(congress).filter(vote=vote, person_id=entry.person_id).first()
            mine = "returned" if receipt and receipt.returned else ("issued" if receipt else None)
        else:
            cast = RollCallCast.objects.in_congress(congress).filter(vote=vote, person_id=entry.person_id).first()
            mine = cast.get_choice_display() if cast else None
    return render(request, "voting/vote_detail.html", {
        "vote": vote, "entry": entry, "mine": mine, "staff": may(request.user, congress, "open_vote"),
        "candidates": Candidate.objects.in_congress(congress).filter(vote=vote),
        "paper_counts": PaperCount.objects.in_congress(congress).filter(vote=vote).select_related("counter"),
        "lines": result_lines(vote) if vote.result else [], "tally": live_tally(vote),
        "choices": RollCallCast.Choice.choices, "ratings": ["满意", "基本满意", "不满意"],
        "can_correct": may(request.user, congress, "correct_result"),
        "corrections": vote.corrections.select_related("by").order_by("id"),
        "result_json": json.dumps(vote.result, ensure_ascii=False) if vote.result else "",
        "next_round": Vote.objects.in_congress(congress).filter(previous_round=vote).first(),
    })


@require_POST
def vote_action(request, congress_code, vote_id, what):
    congress, user, data = request.congress, request.user, request.POST
    vote = get_vote_for_user(request, vote_id)
    try:
        if what == "open":
            actions.open_vote(congress, vote, actor=user)
        elif what == "close":
            actions.close_vote(congress, vote, actor=user)
        elif what == "announce":
            actions.announce_result(congress, vote, actor=user)
        elif what == "cast":
            actions.cast_vote(congress, vote, actor=user, choice=data.get("choice", ""))
            messages.success(request, "表决已提交")
        elif what == "ballot":
            if vote.kind in (Vote.Kind.ELECTION, Vote.Kind.PROJECTS):
                marks = {key.removeprefix("mark_"): value for key, value in data.items()
                         if key.startswith("mark_") and value}
                write_ins = [n for n in data.getlist("write_in") if n.strip()]
                content = {"marks": marks, "write_ins": write_ins} if write_ins else {"marks": marks}
            elif vote.kind == Vote.Kind.SATISFACTION:
                content = {"rating": data.get("rating", "")}
            else:
                content = {"choice": data.get("choice", "")}
            actions.cast_ballot(congress, vote, actor=user, content=content)
            messages.success(request, "选票已投出")
        elif what == "paper":
            counts = {str(c.pk): {m: data.get(f"{m}_{c.pk}", 0) or 0 for m in ("for", "against", "abstain")}
                      for c in Candidate.objects.in_congress(congress).filter(vote=vote)}
            actions.record_paper_count(congress, vote, actor=user, slot=int(data.get("slot") or 0),
                                       returned=data.get("returned"), tally={"counts": counts, "invalid": data.get("invalid") or 0})
            messages.success(request, "计票已录入")
        elif what == "reconcile":
            actions.reconcile_paper_counts(congress, vote, actor=user)
        elif what == "correct":
            try:
                corrected = json.loads(data.get("corrected", ""))
            except ValueError:
                raise ValidationError({"corrected": "“更正后的结果”须为 JSON，如 {\"yes\": 22, \"no\": 10}"}) from None
            actions.correct_result(congress, vote, actor=user, reason=data.get("reason", ""), corrected=corrected)
            messages.success(request, "更正已记录，原结果保留")
        elif what == "further":
            new = actions.start_further_round(congress, vote, actor=user)
            return redirect("vote_detail", congress_code=congress.code, vote_id=new.pk)
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("vote_detail", congress_code=congress.code, vote_id=vote.pk)


def vote_screen(request, congress_code, vote_id):
    """The hall screen: full screen, large type; the fragment below refreshes itself twice a second."""
    vote = get_vote_for_user(request, vote_id)
    return render(request, "voting/screen.html", {"vote": vote, "tally": live_tally(vote)})


def vote_screen_fragment(request, congress_code, vote_id):
    """Every screen in the hall polls this twice a second; one rendering serves them all for a
    quarter of a second, and closing or opening the vote clears it (voting.tally.forget)."""
    key = screen_cache_key(request.congress.pk, vote_id)
    body = cache.get(key)
    if body is None:
        vote = get_vote_for_user(request, vote_id)
        body = render_to_string("voting/screen_tally.html", {"vote": vote, "tally": live_tally(vote)}, request)
        cache.set(key, body, 0.25)
    return HttpResponse(body)
