"""What the hall screen shows: running counts of a recorded vote, only "in progress" for a secret
one, and once the vote closes the result, its big numbers kept on the screen after it is announced.

Members' phones see the running counts only where the congress allows it
(rule voting.show_running_tally_to_members, off by default); the staff who run the vote always do."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count

from renda.core import rules
from renda.core.permissions import may
from renda.voting.models import BallotReceipt, Candidate, RollCallCast, Vote

RUNNING_TALLY_RULE = "voting.show_running_tally_to_members"


def screen_cache_key(congress_id: int, vote_id: int, running: bool = True) -> str:
    return f"screen:{congress_id}:{vote_id}:{'running' if running else 'hidden'}"


def forget(vote: Vote) -> None:
    """After the status changes commit, the next poll of any screen renders afresh."""
    keys = [screen_cache_key(vote.congress_id, vote.pk, running) for running in (True, False)]
    transaction.on_commit(lambda: cache.delete_many(keys))


def may_see_running_tally(user, congress) -> bool:
    """The staff who run the vote, or anyone where the congress lets members see the counts so far."""
    return may(user, congress, "open_vote") or bool(rules.get(congress, RUNNING_TALLY_RULE))


def roll_call_counts(vote: Vote) -> dict[str, int]:
    """Casts so far of a recorded vote, by choice (yes/no/abstain)."""
    return dict(RollCallCast.objects.in_congress(vote.congress_id).filter(vote=vote)
                .values_list("choice").annotate(n=Count("id")))


def result_figures(vote: Vote) -> list[tuple[str, int]]:
    """The big numbers of a counted result: a roll call's 赞成/反对/弃权, a satisfaction evaluation's
    ratings, an election's or project vote's votes for each candidate."""
    r = vote.result or {}
    if r.get("void"):
        return []
    if vote.kind == Vote.Kind.ROLL_CALL:
        return [("赞成", r.get("yes", 0)), ("反对", r.get("no", 0)), ("弃权", r.get("abstain", 0))]
    if vote.kind == Vote.Kind.SATISFACTION:
        return list(r.get("counts", {}).items())
    names = dict(Candidate.objects.in_congress(vote.congress_id).filter(vote=vote).values_list("pk", "name"))
    names = {str(k): v for k, v in names.items()}
    return [(names.get(key, key), c.get("for", 0)) for key, c in r.get("counts", {}).items()]


def verdict(vote: Vote) -> str:
    r = vote.result or {}
    if r.get("abandoned"):
        return "本次表决作废"
    if vote.kind == Vote.Kind.ROLL_CALL:
        return "通过" if r.get("passed") else "未通过"
    if r.get("void"):
        return "本轮无效"
    return ""


def live_tally(vote: Vote, *, running: bool = True) -> dict:
    """``running=False``: while the vote is open, how many have voted but not how (members' phones
    where the congress does not show them the counts)."""
    tally = {"status": vote.status, "status_label": vote.get_status_display(), "title": str(vote),
             "secret": vote.uses_ballots, "electorate": vote.electorate, "present": vote.present_at_opening}
    if vote.status in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED):
        tally["result"] = vote.result
        from renda.meetings.notices import result_lines

        tally["lines"] = result_lines(vote)
        tally["figures"] = result_figures(vote)
        tally["verdict"] = verdict(vote)
        return tally
    if vote.status == Vote.Status.OPEN:
        if vote.uses_ballots:
            tally["returned"] = BallotReceipt.objects.in_congress(vote.congress_id).filter(vote=vote, returned=True).count()
        else:
            counts = roll_call_counts(vote)
            tally["voted"] = sum(counts.values())
            tally["running"] = running
            if running:
                tally.update({k: counts.get(k, 0) for k in ("yes", "no", "abstain")})
    return tally
