"""Forms of the work-report pages. The actions hold the rules; these forms read what was typed and show
it again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from renda.core import uploads
from renda.core.forms import Form
from renda.meetings.models import Meeting, RosterEntry
from renda.oversight.actions.hearings import REVIEWERS
from renda.oversight.models import PlanItem, WorkReport
from renda.people.forms import NamedErrors
from renda.people.models import Organisation, Person
from renda.proposals.models import Suggestion


def _meeting_label(m: Meeting) -> str:
    return f"{m.title}（{timezone.localtime(m.starts_at):%Y-%m-%d}）"


class ScheduleForm(NamedErrors, Form):
    title = forms.CharField(label="报告名称", max_length=200)
    kind = forms.ChoiceField(label="类别", choices=WorkReport.Kind.choices)
    body = forms.ModelChoiceField(label="报告机关", queryset=Organisation.objects.none(), empty_label="请选择")
    reporter = forms.CharField(label="报告人（可不填，如 副市长 王某某）", max_length=100, required=False)
    meeting = forms.ModelChoiceField(label="审议的常委会会议", queryset=Meeting.objects.none(), empty_label="请选择")
    committee = forms.ModelChoiceField(label="初审机构（可不选）", queryset=Organisation.objects.none(), required=False,
                                       empty_label="—")
    plan_item = forms.ModelChoiceField(label="监督计划项目（可不选）", queryset=PlanItem.objects.none(), required=False,
                                       empty_label="—")
    suggestions = forms.ModelMultipleChoiceField(label="重点督办建议（重点督办建议办理情况报告时选择）",
                                                 queryset=Suggestion.objects.none(), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    again_of = forms.ModelChoiceField(label="前次报告（再次报告时选择）", queryset=WorkReport.objects.none(),
                                      required=False, empty_label="—")

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        c = congress.pk
        self.fields["body"].queryset = Organisation.objects.in_congress(c).filter(
            kind=Organisation.Kind.HANDLING_UNIT, active=True).order_by("name")
        self.fields["meeting"].queryset = Meeting.objects.in_congress(c).filter(
            kind=Meeting.Kind.SC_SESSION).exclude(status=Meeting.Status.CLOSED).select_related(
            "term", "congress").order_by("starts_at")
        self.fields["meeting"].label_from_instance = _meeting_label
        self.fields["committee"].queryset = Organisation.objects.in_congress(c).filter(
            kind__in=REVIEWERS, active=True).order_by("kind", "name")
        self.fields["plan_item"].queryset = PlanItem.objects.in_congress(c).filter(
            kind=PlanItem.Kind.WORK_REPORT).order_by("-id")
        self.fields["suggestions"].queryset = Suggestion.objects.in_congress(c).filter(
            key_supervision=True).order_by("-year", "number", "id")
        self.fields["suggestions"].label_from_instance = lambda s: f"{s.numbered} {s.title}（{s.get_status_display()}）"
        self.fields["again_of"].queryset = WorkReport.objects.in_congress(c).filter(
            outcome=WorkReport.Outcome.UNSATISFIED, reported_again__isnull=True).order_by("-id")


class FileForm(NamedErrors, Form):
    document = forms.FileField(label="报告文本（PDF、OFD、Word 等）", required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": uploads.accept("oversight_document")}))
    summary = forms.CharField(label="报告要点", max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))
    late_reason = forms.CharField(label="逾期报送说明（逾期报送时填写）", max_length=300, required=False)


class ReviewForm(NamedErrors, Form):
    opinion = forms.CharField(label="初审意见", max_length=8000, widget=forms.Textarea(attrs={"rows": 8}))
    reviewed_on = forms.DateField(label="初审日期", widget=forms.DateInput(attrs={"type": "date"}))


class SpeechForm(NamedErrors, Form):
    speaker = forms.ModelChoiceField(label="发言人", queryset=Person.objects.none(), empty_label="请选择")
    text = forms.CharField(label="发言要点", max_length=8000, required=False, widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label="发言稿（可不传）", required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": uploads.accept("meeting_document")}))

    def __init__(self, *args, meeting_id: int, congress_id: int, only: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = RosterEntry.objects.in_congress(congress_id).filter(meeting_id=meeting_id).values_list("person_id", flat=True)
        people = Person.objects.filter(pk__in=list(ids)).order_by("id")
        if only is not None:
            people = people.filter(pk=only.pk)
        self.fields["speaker"].queryset = people
