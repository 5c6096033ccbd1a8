from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.decisions.models import Decision
from renda.meetings.models import AgendaItem, Document, Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"})


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.meeting.title}：{obj.order}. {obj.title}"


class ProposeForm(NamedErrors, Form):
    title = forms.CharField(label="标题", max_length=180,
                            help_text="如：关于批准2026年市级预算调整方案的决议")
    kind = forms.ChoiceField(label="文种", choices=Decision.Kind.choices, initial=Decision.Kind.DECISION)
    proposer = forms.ModelChoiceField(label="提请机关", queryset=Organisation.objects.none(), empty_label="请选择")
    meeting = forms.ModelChoiceField(label="提请审议的常委会会议", queryset=Meeting.objects.none(),
                                     empty_label="请选择")
    agenda_item = AgendaItemChoice(label="列入的议程（可不选）", queryset=AgendaItem.objects.none(), required=False,
                                   empty_label="不指定",
                                   help_text="会议议程中已有的该项议程（如主任会议提请、会议通过的议程）；不选则新增一项")
    text = forms.CharField(label="决议、决定文本（草案）", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    explanation = forms.CharField(label="议案说明", max_length=8000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "d_%s")
        super().__init__(*args, **kwargs)
        self.fields["proposer"].queryset = Organisation.objects.in_congress(congress).filter(active=True) \
            .order_by("kind", "name")
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.SC_SESSION).exclude(status=Meeting.Status.CLOSED).order_by("starts_at")
        taken = Decision.objects.in_congress(congress).filter(agenda_item__isnull=False).values("agenda_item_id")
        self.fields["agenda_item"].queryset = AgendaItem.objects.in_congress(congress).filter(
            kind__in=(AgendaItem.Kind.DRAFT, AgendaItem.Kind.OTHER), meeting__kind=Meeting.Kind.SC_SESSION) \
            .exclude(meeting__status=Meeting.Status.CLOSED).exclude(pk__in=taken) \
            .select_related("meeting__term", "meeting__congress", "meeting__organisation") \
            .order_by("meeting__starts_at", "order", "id")


class PublishForm(NamedErrors, Form):
    text = forms.CharField(label="公布文本", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    on = forms.DateField(label="公布日期", required=False, widget=DATE)


class ImplementationForm(NamedErrors, Form):
    unit = forms.ModelChoiceField(label="责任单位", queryset=Organisation.objects.none(), empty_label="请选择")
    owner = forms.CharField(label="责任人", max_length=100)
    due_on = forms.DateField(label="报告期限", required=False, widget=DATE,
                             help_text="不填则按规则“决议、决定通过后报告执行情况的期限”")
    measures = forms.CharField(label="工作要求", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "i_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organisation.objects.in_congress(congress).filter(active=True) \
            .order_by("kind", "name")


class SpeechForm(NamedErrors, Form):
    speaker: forms.ModelChoiceField = forms.ModelChoiceField(label="发言人", queryset=Person.objects.none(),
                                                              empty_label="请选择")
    text = forms.CharField(label="发言要点", max_length=8000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people, **kwargs):
        kwargs.setdefault("auto_id", "s_%s")
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = people


class DocumentForm(NamedErrors, Form):
    """A document of the proposal (议案文本、说明、背景材料), lodged on its agenda item."""

    title = forms.CharField(label="文件标题", max_length=200)
    file = forms.FileField(label="文件")
    audience = forms.ChoiceField(label="阅读范围", choices=Document.Audience.choices,
                                 initial=Document.Audience.ATTENDEES)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "f_%s")
        super().__init__(*args, **kwargs)
