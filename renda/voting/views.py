import copy

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from renda.core import spreadsheets
from renda.core.models import Term
from renda.core.permissions import may
from renda.core.spreadsheets import Column, describe_filters
from renda.core.views_helpers import add_action_errors, flash_errors, get_or_404
from renda.meetings.models import RosterEntry
from renda.meetings.notices import result_lines
from renda.meetings.queries import roster_entry
from renda.voting import actions
from renda.voting.forms import AbandonForm, BallotForm, CorrectionForm, PaperCountForm, TellerKeysForm
from renda.voting.models import BallotReceipt, Candidate, PaperCount, ResultCorrection, RollCallCast, Vote
from renda.voting.tally import live_tally, may_see_running_tally, screen_cache_key


def get_vote_for_user(request, vote_id: int) -> Vote:
    return get_or_404(Vote.objects.in_congress(request.congress).select_related("meeting", "meeting__term"), vote_id,
                      "找不到该表决")


def lines_of(vote: Vote, result: dict) -> list[str]:
    """A result in words (as on the results notice), for a corrected result as for the announced one."""
    shown = copy.copy(vote)
    shown.result = result
    try:
        return result_lines(shown)
    except (KeyError, TypeError, AttributeError):  # a correction sent through the API in another shape
        return ["（更正内容无法按结果格式显示，详见审计日志）"]


def not_yet_voted(vote: Vote) -> int:
    """Members who could still vote: ballots not returned, or members present without a cast."""
    if vote.status != Vote.Status.OPEN:
        return 0
    if vote.uses_ballots:
        return BallotReceipt.objects.in_congress(vote.congress_id).filter(vote=vote, returned=False).count()
    present = RosterEntry.objects.in_congress(vote.congress_id).filter(
        meeting_id=vote.meeting_id, voting=True, attendance=RosterEntry.Attendance.PRESENT).count()
    cast = RollCallCast.objects.in_congress(vote.congress_id).filter(vote=vote).count()
    return max(present - cast, 0)


def _current_result(vote: Vote, corrections: list[ResultCorrection]) -> dict:
    return corrections[-1].after if corrections else (vote.result or {})


def _needs_teller_keys(vote: Vote) -> bool:
    return vote.status == Vote.Status.OPEN and vote.uses_ballots and not vote.paper


def _page(request, vote: Vote, *, ballot_form=None, paper_form=None, correction_form=None, keys_form=None,
          abandon_form=None, status=200):
    congress = request.congress
    entry = roster_entry(vote.meeting, request.user)
    mine = None
    if entry is not None:
        if vote.uses_ballots:
            receipt = BallotReceipt.objects.in_congress(congress).filter(vote=vote, person_id=entry.person_id).first()
            mine = "returned" if receipt and receipt.returned else ("issued" if receipt else None)
        else:
            cast = RollCallCast.objects.in_congress(congress).filter(vote=vote, person_id=entry.person_id).first()
            mine = cast.get_choice_display() if cast else None
    candidates = list(Candidate.objects.in_congress(congress).filter(vote=vote))
    corrections = list(ResultCorrection.objects.in_congress(congress).filter(vote=vote).select_related("by").order_by("id"))
    can_correct = may(request.user, congress, "correct_result") and vote.status == Vote.Status.ANNOUNCED
    waiting = not_yet_voted(vote)
    staff = may(request.user, congress, "open_vote")
    next_round = Vote.objects.in_congress(congress).filter(previous_round=vote).first()
    return render(request, "voting/vote_detail.html", {
        "vote": vote, "entry": entry, "mine": mine, "staff": staff,
        # The staff's buttons, where there is a step left to take.
        "controls": staff and not _needs_teller_keys(vote) and (vote.status != Vote.Status.ANNOUNCED or bool((vote.result or {}).get("further_round"))
                               or bool((vote.result or {}).get("void"))
                               or next_round is not None),
        "candidates": candidates,
        "paper_counts": PaperCount.objects.in_congress(congress).filter(vote=vote).select_related("counter"),
        # A counted result is the staff's to check until the chair announces it.
        "lines": result_lines(vote) if vote.result and (staff or vote.status == Vote.Status.ANNOUNCED) else [],
        "tally": live_tally(vote, running=may_see_running_tally(request.user, request.congress)),
        "choices": RollCallCast.Choice.choices,
        "ballot_form": ballot_form or BallotForm(vote=vote, candidates=candidates, auto_id="ballot-%s"),
        "paper_form": paper_form or PaperCountForm(candidates=candidates, auto_id="paper-%s"),
        "correction_form": correction_form or (CorrectionForm(vote=vote, candidates=candidates, auto_id="fix-%s",
                                                              current=_current_result(vote, corrections))
                                               if can_correct else None),
        "can_correct": can_correct,
        "corrections": [(c, lines_of(vote, c.after)) for c in corrections],
        "next_round": next_round,
        "keys_form": keys_form or (TellerKeysForm(quorum=vote.teller_quorum or 1, auto_id="keys-%s")
                                   if staff and _needs_teller_keys(vote) else None),
        "abandon_form": abandon_form or (AbandonForm(auto_id="abandon-%s") if staff and _needs_teller_keys(vote) else None),
        "close_confirm": (f"结束表决后不能再投票，将立即计票。还有 {waiting} 人未表决，确定结束吗？" if waiting
                          else "结束表决后不能再投票，将立即计票。确定结束吗？"),
    }, status=status)


def vote_detail(request, congress_code, vote_id):
    return _page(request, get_vote_for_user(request, vote_id))


def _form_step(request, vote: Vote, form, page_key: str, step, success):
    """A staff or member form on the vote page: when valid, take the step (an action); its refusal
    lands on the form's fields and the page comes back as typed; else the success message and back."""
    if form.is_valid():
        try:
            step()
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, success() if callable(success) else success)
            return redirect("vote_detail", congress_code=request.congress.code, vote_id=vote.pk)
    return _page(request, vote, **{page_key: form})


def _candidates(request, vote: Vote) -> list[Candidate]:
    return list(Candidate.objects.in_congress(request.congress).filter(vote=vote))


def _ballot(request, vote: Vote):
    form = BallotForm(request.POST, vote=vote, candidates=_candidates(request, vote), auto_id="ballot-%s")
    return _form_step(request, vote, form, "ballot_form",
                      lambda: actions.cast_ballot(request.congress, vote, actor=request.user, content=form.content()),
                      "选票已投出")


def _paper(request, vote: Vote):
    form = PaperCountForm(request.POST, candidates=_candidates(request, vote), auto_id="paper-%s")
    return _form_step(request, vote, form, "paper_form",
                      lambda: actions.record_paper_count(request.congress, vote, actor=request.user,
                                                         slot=form.cleaned_data["slot"],
                                                         returned=form.cleaned_data["returned"], tally=form.tally()),
                      lambda: f"计票人{'一二'[form.cleaned_data['slot'] - 1]}的计票已录入")


def _correct(request, vote: Vote):
    """An announced result corrected through labelled figures; the verdict is counted again from them."""
    corrections = list(ResultCorrection.objects.in_congress(request.congress).filter(vote=vote).order_by("id"))
    form = CorrectionForm(request.POST, vote=vote, candidates=_candidates(request, vote), auto_id="fix-%s",
                          current=_current_result(vote, corrections))

    def correct():
        with transaction.atomic():
            actions.correct_result(request.congress, vote, actor=request.user, reason=form.cleaned_data["reason"],
                                   corrected=actions.recount(request.congress, vote, form.figures()))

    return _form_step(request, vote, form, "correction_form", correct, "更正已记录，原结果保留")


CLOSED = "表决已结束，结果已计出，请宣布结果"


def _close(request, vote: Vote):
    """Closing counts at once; electronic secret ballots need the tellers' slips to be opened first."""
    if not _needs_teller_keys(vote):
        try:
            actions.close_vote(request.congress, vote, actor=request.user)
            messages.success(request, CLOSED)
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("vote_detail", congress_code=request.congress.code, vote_id=vote.pk)
    form = TellerKeysForm(request.POST, quorum=vote.teller_quorum or 1, auto_id="keys-%s")
    return _form_step(request, vote, form, "keys_form",
                      lambda: actions.close_vote(request.congress, vote, actor=request.user, teller_keys=form.keys()),
                      CLOSED)


def _open(request, vote: Vote):
    """Opening an electronic secret vote answers with the tellers' key slips, shown this once (and
    kept out of every cache: the back button must not bring them back)."""
    if vote.status == Vote.Status.OPEN and vote.uses_ballots and not vote.paper:
        # A reload of the slips page posts the opening again.
        messages.error(request, "表决已开始。监票人密钥条只在开始时显示一次，系统不保存；"
                                "如密钥条已遗失，可在本页“作废本次表决”后重新表决。")
        return redirect("vote_detail", congress_code=request.congress.code, vote_id=vote.pk)
    try:
        actions.open_vote(request.congress, vote, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("vote_detail", congress_code=request.congress.code, vote_id=vote.pk)
    if vote.teller_slips:
        response = render(request, "voting/teller_slips.html", {"vote": vote, "slips": vote.teller_slips})
        add_never_cache_headers(response)
        return response
    messages.success(request, "表决已开始")
    return redirect("vote_detail", congress_code=request.congress.code, vote_id=vote.pk)


def _abandon(request, vote: Vote):
    form = AbandonForm(request.POST, auto_id="abandon-%s")
    return _form_step(request, vote, form, "abandon_form",
                      lambda: actions.abandon_vote(request.congress, vote, actor=request.user,
                                                   reason=form.cleaned_data["reason"]),
                      "本次表决已作废，可以重新表决")


FORMS = {"ballot": _ballot, "paper": _paper, "correct": _correct, "close": _close, "open": _open,
         "abandon": _abandon}


@require_POST
def vote_action(request, congress_code, vote_id, what):
    congress, user, data = request.congress, request.user, request.POST
    vote = get_vote_for_user(request, vote_id)
    if what in FORMS:
        return FORMS[what](request, vote)
    try:
        if what == "announce":
            actions.announce_result(congress, vote, actor=user)
            messages.success(request, "结果已宣布")
        elif what == "cast":
            cast = actions.cast_vote(congress, vote, actor=user, choice=data.get("choice", ""))
            messages.success(request, f"表决已提交：{cast.get_choice_display()}")
        elif what == "reconcile":
            actions.reconcile_paper_counts(congress, vote, actor=user)
            messages.success(request, "两份计票一致，结果已得出")
        elif what == "further":
            new = actions.start_further_round(congress, vote, actor=user)
            messages.success(request, f"已设置第{new.round_number}轮（另行选举）")
            return redirect("vote_detail", congress_code=congress.code, vote_id=new.pk)
        elif what == "revote":
            new = actions.start_revote(congress, vote, actor=user)
            messages.success(request, f"已设置第{new.round_number}轮（重新投票）")
            return redirect("vote_detail", congress_code=congress.code, vote_id=new.pk)
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("vote_detail", congress_code=congress.code, vote_id=vote.pk)


def vote_screen(request, congress_code, vote_id):
    """The hall screen: full screen, large type; the fragment below refreshes itself twice a second."""
    vote = get_vote_for_user(request, vote_id)
    return render(request, "voting/screen.html",
                  {"vote": vote, "tally": live_tally(vote, running=may_see_running_tally(request.user, request.congress))})


def vote_screen_fragment(request, congress_code, vote_id):
    """Every screen in the hall polls this twice a second; one rendering serves them all for a
    quarter of a second, and closing or opening the vote clears it (voting.tally.forget). Two
    renderings, in fact: with the running counts (staff, or where the congress shows them) and without."""
    running = may_see_running_tally(request.user, request.congress)
    key = screen_cache_key(request.congress.pk, vote_id, running)
    body = cache.get(key)  # only ever stored below, for a vote found in this congress
    if body is None:
        vote = get_vote_for_user(request, vote_id)
        body = render_to_string("voting/screen_tally.html", {"vote": vote, "tally": live_tally(vote, running=running)},
                                request)
        cache.set(key, body, 0.25)
    return HttpResponse(body)


# ── the list of votes and their results ──

def _shown_result(vote: Vote, staff: bool) -> dict:
    """A counted result is the staff's to check until the chair announces it (as on the vote's page)."""
    return (vote.result or {}) if staff or vote.status == Vote.Status.ANNOUNCED else {}


def _outcome(vote: Vote, result: dict) -> str:
    if not result:
        return ""
    if vote.kind == Vote.Kind.ROLL_CALL and "passed" in result:
        return "通过" if result["passed"] else "未通过"
    shown = copy.copy(vote)
    shown.result = result
    try:
        return "\n".join(result_lines(shown))
    except (KeyError, TypeError, AttributeError):
        return ""


def _yes_rate(result: dict):
    return result["yes"] / result["electorate"] if result.get("electorate") and "yes" in result else None


def vote_columns(staff: bool) -> list[Column]:
    def part(key):
        return lambda v: _shown_result(v, staff).get(key)
    return [
        Column("会议", lambda v: v.meeting.title), Column("会议日期", "meeting.starts_at", "date"),
        Column("表决事项", lambda v: str(v)), Column("类别", lambda v: v.get_kind_display()),
        Column("无记名", "secret"), Column("状态", lambda v: v.get_status_display()),
        Column("开始时间", "opened_at", "datetime"), Column("结束时间", "closed_at", "datetime"),
        Column("应到人数", part("electorate"), "int"), Column("赞成", part("yes"), "int"), Column("反对", part("no"), "int"),
        Column("弃权", part("abstain"), "int"), Column("未按表决器", part("not_voting"), "int"),
        Column("赞成票占应到人数", lambda v: _yes_rate(_shown_result(v, staff)), "percent"),
        Column("结果", lambda v: _outcome(v, _shown_result(v, staff))),
    ]


def vote_list(request, congress_code):
    """Every vote of the congress's meetings with its result (announced ones; counted ones for the
    staff), by keyword, meeting, kind, status and term — the page and its export."""
    congress, params = request.congress, request.GET
    staff = may(request.user, congress, "open_vote")
    rows = (Vote.objects.in_congress(congress).select_related("meeting", "meeting__term", "meeting__congress",
                                                              "meeting__organisation")
            .prefetch_related("candidates"))
    q = params.get("q", "").strip()
    kind = params.get("kind", "") if params.get("kind", "") in Vote.Kind.values else ""
    status = params.get("status", "") if params.get("status", "") in Vote.Status.values else ""
    term = next((t for t in Term.objects.in_congress(congress) if str(t.pk) == params.get("term")), None)
    meeting_id = params.get("meeting", "")
    meeting = None
    if meeting_id.isdecimal() and int(meeting_id) < 2**63:
        from renda.meetings.models import Meeting

        meeting = Meeting.objects.in_congress(congress).select_related("term", "congress").filter(pk=meeting_id).first()
        rows = rows.filter(meeting=meeting) if meeting is not None else rows.none()
    elif meeting_id:
        rows = rows.none()
    if q:
        rows = rows.filter(title__contains=q)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if term is not None:
        rows = rows.filter(meeting__term=term)
    rows = rows.order_by("-meeting__starts_at", "meeting_id", "id")
    if fmt := spreadsheets.wanted(request):
        filters = describe_filters([("关键词", q), ("会议", meeting.title if meeting else ""),
                                    ("类别", dict(Vote.Kind.choices).get(kind)),
                                    ("状态", dict(Vote.Status.choices).get(status)), ("届次", term)])
        return spreadsheets.export_response(request, subject="表决结果", columns=vote_columns(staff), rows=rows,
                                            filters=filters, fmt=fmt)
    shown = list(rows[:201])
    return render(request, "voting/vote_list.html", {
        "rows": [(v, _shown_result(v, staff), _outcome(v, _shown_result(v, staff))) for v in shown[:200]],
        "more": len(shown) > 200, "params": params, "meeting": meeting, "kinds": Vote.Kind.choices,
        "statuses": Vote.Status.choices, "terms": Term.objects.in_congress(congress),
    })
