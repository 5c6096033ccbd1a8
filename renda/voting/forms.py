"""The forms of the voting pages: putting an item to the vote, setting up an election, a ballot,
the paper counters' tallies and the correction of an announced result. The rules (candidate
numbers, thresholds, who may do what) stay in voting.actions; their errors land on these fields."""

from __future__ import annotations

from django import forms

from renda.meetings.forms import Form
from renda.meetings.models import AgendaItem, Meeting
from renda.voting.counting import RATINGS
from renda.voting.models import Candidate, RollCallCast, Vote

MARK_CHOICES = [("", "不标"), ("for", "赞成"), ("against", "反对"), ("abstain", "弃权")]
MARK_WORDS = {"for": "赞成", "against": "反对", "abstain": "弃权"}


class VoteForm(Form):
    title = forms.CharField(label="表决事项", max_length=200)
    kind = forms.ChoiceField(label="方式", choices=[(Vote.Kind.ROLL_CALL, "表决（赞成/反对/弃权）"),
                                                   (Vote.Kind.SATISFACTION, "满意度测评（无记名）")])
    secret = forms.BooleanField(label="无记名投票", required=False)
    agenda_item = forms.ModelChoiceField(label="所属议程（可不选）", queryset=AgendaItem.objects.none(), required=False,
                                         empty_label="—")

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.in_congress(meeting.congress_id).filter(  # type: ignore[attr-defined]
            meeting=meeting)


class ElectionForm(Form):
    title = forms.CharField(label="选举事项", max_length=200)
    post = forms.ChoiceField(label="职务类别", choices=Vote.Post.choices)
    seats = forms.IntegerField(label="应选人数", min_value=1, max_value=32767, initial=1)
    candidates = forms.CharField(label="候选人（每行一名）", widget=forms.Textarea(attrs={"rows": 4}))
    nominated_by = forms.ChoiceField(label="提名方式", choices=Candidate.Nominator.choices, required=False,
                                     initial=Candidate.Nominator.PRESIDIUM)
    nominators = forms.IntegerField(label="联名代表人数（代表联合提名时填写）", min_value=0, required=False)
    paper = forms.BooleanField(label="纸质选票（两人分别计票并核对）", required=False)

    def clean_candidates(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["candidates"].splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError("至少要有一名候选人")
        return names

    def clean(self):
        data = super().clean()
        if "candidates" in data:
            data["candidates"] = [{"name": name, "nominated_by": data.get("nominated_by") or Candidate.Nominator.PRESIDIUM,
                                   "nominators": data.get("nominators") or 0} for name in data["candidates"]]
        return data


class BallotForm(Form):
    """One member's ballot, its fields by the kind of vote: a mark per candidate and a write-in
    (election), a tick per project (projects), a rating (satisfaction) or a choice (secret roll call)."""

    def __init__(self, *args, vote: Vote, candidates: list[Candidate], **kwargs):
        super().__init__(*args, **kwargs)
        self.vote, self.candidates = vote, candidates
        if vote.kind == Vote.Kind.ELECTION:
            for c in candidates:
                self.fields[f"mark_{c.pk}"] = forms.ChoiceField(label=c.name, choices=MARK_CHOICES, required=False)
            self.fields["write_in"] = forms.CharField(label="另选他人（填写姓名，可不填）", max_length=50, required=False)
        elif vote.kind == Vote.Kind.PROJECTS:
            for c in candidates:
                self.fields[f"mark_{c.pk}"] = forms.BooleanField(label=c.name, required=False)
        elif vote.kind == Vote.Kind.SATISFACTION:
            self.fields["rating"] = forms.ChoiceField(label="测评意见", choices=[(r, r) for r in RATINGS],
                                                      widget=forms.RadioSelect)
        else:
            self.fields["choice"] = forms.ChoiceField(label="表决意见", choices=RollCallCast.Choice.choices,
                                                      widget=forms.RadioSelect)

    def content(self) -> dict:
        data = self.cleaned_data
        if self.vote.kind in (Vote.Kind.ELECTION, Vote.Kind.PROJECTS):
            marks = {}
            for c in self.candidates:
                mark = data.get(f"mark_{c.pk}")
                if mark:
                    marks[str(c.pk)] = "for" if mark is True else mark
            write_in = (data.get("write_in") or "").strip()
            return {"marks": marks, "write_ins": [write_in]} if write_in else {"marks": marks}
        if self.vote.kind == Vote.Kind.SATISFACTION:
            return {"rating": data["rating"]}
        return {"choice": data["choice"]}


def _count(label: str, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, **kwargs)


class PaperCountForm(Form):
    """One counter's tally of the paper ballots: returned, invalid, and each candidate's marks."""

    slot = forms.TypedChoiceField(label="计票人", choices=[(1, "计票人一"), (2, "计票人二")], coerce=int)
    returned = _count("收回票数")
    invalid = _count("无效票", initial=0)

    def __init__(self, *args, candidates: list[Candidate], **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for c in candidates:
            for mark, word in MARK_WORDS.items():
                self.fields[f"{mark}_{c.pk}"] = _count(f"{c.name}：{word}", initial=0)

    def tally(self) -> dict:
        data = self.cleaned_data
        return {"counts": {str(c.pk): {m: data[f"{m}_{c.pk}"] for m in MARK_WORDS} for c in self.candidates},
                "invalid": data["invalid"]}


class CorrectionForm(Form):
    """The corrected figures of an announced result, one labelled field per choice or candidate, and
    the reason. The verdict (passed, elected) is counted again from them by the same rules."""

    reason = forms.CharField(label="更正理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, vote: Vote, candidates: list[Candidate], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote, self.candidates = vote, candidates
        current = current if isinstance(current, dict) else {}
        counts = current.get("counts")
        counted: dict = counts if isinstance(counts, dict) else {}
        fields: dict[str, forms.Field] = {}
        if vote.kind == Vote.Kind.ROLL_CALL:
            for key, word in (("yes", "赞成票"), ("no", "反对票"), ("abstain", "弃权票"), ("not_voting", "未按表决器人数")):
                fields[key] = _count(word, initial=current.get(key, 0))
        elif vote.kind == Vote.Kind.SATISFACTION:
            fields["returned"] = _count("收回票数", initial=current.get("returned", 0))
            for n, rating in enumerate(RATINGS):
                fields[f"rating_{n}"] = _count(rating, initial=counted.get(rating, 0))
        else:
            fields["returned"] = _count("收回选票", initial=current.get("returned", 0))
            fields["invalid"] = _count("无效票", initial=current.get("invalid", 0))
            marks = ["for"] if vote.kind == Vote.Kind.PROJECTS else list(MARK_WORDS)
            for c in candidates:
                for mark in marks:
                    fields[f"{mark}_{c.pk}"] = _count(f"{c.name}：{MARK_WORDS[mark]}",
                                                      initial=(counted.get(str(c.pk)) or {}).get(mark, 0))
        reason = self.fields.pop("reason")
        self.fields.update(fields)
        self.fields["reason"] = reason

    def figures(self) -> dict:
        """The corrected figures in the shape ``voting.actions.recount`` takes."""
        data = self.cleaned_data
        if self.vote.kind == Vote.Kind.ROLL_CALL:
            return {k: data[k] for k in ("yes", "no", "abstain", "not_voting")}
        if self.vote.kind == Vote.Kind.SATISFACTION:
            return {"returned": data["returned"], "counts": {r: data[f"rating_{n}"] for n, r in enumerate(RATINGS)}}
        marks = ["for"] if self.vote.kind == Vote.Kind.PROJECTS else list(MARK_WORDS)
        return {"returned": data["returned"], "invalid": data["invalid"],
                "counts": {str(c.pk): {m: data.get(f"{m}_{c.pk}", 0) for m in MARK_WORDS if m in marks}
                           | {m: 0 for m in MARK_WORDS if m not in marks} for c in self.candidates}}


class TellerKeysForm(Form):
    """Closing an electronic secret vote: the tellers type the key slips they were handed at the opening."""

    def __init__(self, *args, quorum: int, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, quorum + 1):
            self.fields[f"teller_key_{n}"] = forms.CharField(
                label=f"监票人密钥条 {n}", max_length=80,
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                              "autocapitalize": "characters", "placeholder": "如 2-ABCD-EFGH-…"}))

    def keys(self) -> list[str]:
        return [v for k, v in self.cleaned_data.items() if k.startswith("teller_key_")]


class AbandonForm(Form):
    """Calling off an open vote that cannot be counted (the tellers' slips lost), with the reason."""

    reason = forms.CharField(label="作废理由", max_length=200, initial="监票人密钥条遗失，选票无法开启")
