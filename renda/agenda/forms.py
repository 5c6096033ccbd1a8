"""Forms of the agenda pages. The actions hold the rules; these read what was typed and show it again,
with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from renda.agenda import actions
from renda.agenda.models import ProposedItem
from renda.core.forms import Form
from renda.meetings.models import AgendaItem, Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation
from renda.voting.models import Vote


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.starts_at:%Y-%m-%d}）"


class ProposeForm(NamedErrors, Form):
    title = forms.CharField(label="议题", max_length=200)
    kind = forms.ChoiceField(label="类别", choices=AgendaItem.Kind.choices)
    proposer_kind = forms.ChoiceField(label="提请主体", choices=ProposedItem.Proposer.choices)
    proposer: forms.ModelChoiceField = forms.ModelChoiceField(label="提请机关（人民政府、委员会、法院、检察院、监察委员会）", queryset=None,
                                      required=False, empty_label="请选择")
    members: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(label="联名的常委会组成人员（组成人员联名提请时）", queryset=None,
                                             required=False, widget=forms.CheckboxSelectMultiple)
    presenter = forms.CharField(label="汇报或说明人", max_length=100)
    summary = forms.CharField(label="内容摘要（可不填）", max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    documents = MultipleFileField(label="文件（可多选；PDF、Word 等）", required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposer"].queryset = Organisation.objects.in_congress(congress).filter(
            kind__in=["handling_unit", "working_committee", "special_committee"], active=True).order_by("kind", "name")
        self.fields["members"].queryset = actions.sc_members(congress).order_by("name")


def directors_meetings(congress):
    return Meeting.objects.in_congress(congress).filter(kind=Meeting.Kind.DIRECTORS).order_by("-starts_at")


class DecideForm(NamedErrors, Form):
    directors_meeting = MeetingChoice(label="主任会议", queryset=None, empty_label="请选择主任会议")
    reason = forms.CharField(label="不提请审议的理由（决定不提请时必填）", max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)
        self.fields["directors_meeting"].queryset = directors_meetings(congress)


class FixForm(NamedErrors, Form):
    directors_meeting = MeetingChoice(label="确定议程草案的主任会议", queryset=None, empty_label="请选择主任会议")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "fix_%s")
        super().__init__(*args, **kwargs)
        self.fields["directors_meeting"].queryset = directors_meetings(congress)


class VoteChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.get_status_display()}）"


class AdoptForm(NamedErrors, Form):
    vote = VoteChoice(label="议程表决", queryset=None, empty_label="请选择表决")

    def __init__(self, *args, session, **kwargs):
        kwargs.setdefault("auto_id", "adopt_%s")
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = Vote.objects.in_congress(session.congress_id).filter(
            meeting=session, kind=Vote.Kind.ROLL_CALL, agenda_item=None).order_by("-id")


class OutcomeForm(NamedErrors, Form):
    outcome = forms.CharField(label="审议结果（如 表决通过、审议、不予通过）", max_length=120)
    vote = VoteChoice(label="据以决定的表决（可不选）", queryset=None, required=False, empty_label="无")

    def __init__(self, *args, agenda_item, **kwargs):
        kwargs.setdefault("auto_id", "outcome_%s")
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = Vote.objects.in_congress(agenda_item.congress_id).filter(
            Q(agenda_item=agenda_item)).order_by("id")
