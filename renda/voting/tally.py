"""What the hall screen shows: running counts of a recorded vote, only "in progress" for a secret
one, and the result as soon as the vote closes."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count

from renda.voting.models import BallotReceipt, RollCallCast, Vote


def screen_cache_key(congress_id: int, vote_id: int) -> str:
    return f"screen:{congress_id}:{vote_id}"


def forget(vote: Vote) -> None:
    """After the status changes commit, the next poll of any screen renders afresh."""
    key = screen_cache_key(vote.congress_id, vote.pk)
    transaction.on_commit(lambda: cache.delete(key))


def roll_call_counts(vote: Vote) -> dict[str, int]:
    """Casts so far of a recorded vote, by choice (yes/no/abstain)."""
    return dict(RollCallCast.objects.in_congress(vote.congress_id).filter(vote=vote)
                .values_list("choice").annotate(n=Count("id")))


def live_tally(vote: Vote) -> dict:
    tally = {"status": vote.status, "status_label": vote.get_status_display(), "title": str(vote),
             "secret": vote.uses_ballots, "electorate": vote.electorate, "present": vote.present_at_opening}
    if vote.status in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED):
        tally["result"] = vote.result
        from renda.meetings.notices import result_lines

        tally["lines"] = result_lines(vote)
        return tally
    if vote.status == Vote.Status.OPEN:
        if vote.uses_ballots:
            tally["returned"] = BallotReceipt.objects.in_congress(vote.congress_id).filter(vote=vote, returned=True).count()
        else:
            counts = roll_call_counts(vote)
            tally.update({k: counts.get(k, 0) for k in ("yes", "no", "abstain")})
            tally["voted"] = sum(counts.values())
    return tally
