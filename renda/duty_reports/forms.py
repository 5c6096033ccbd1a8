"""Forms of the duty report pages. The actions hold the rules; these read what was typed and show it
again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.core.picker import DEPUTY, PersonField
from renda.meetings.models import Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class PlanForm(NamedErrors, Form):
    year = forms.CharField(label="年度", max_length=4)
    title = forms.CharField(label="标题（可不填）", max_length=200, required=False)
    appointees = forms.MultipleChoiceField(label="述职的任命人员（按规则提出本届尚未述职的人员）", required=False,
                                           widget=forms.CheckboxSelectMultiple)
    deputies = PersonField(congress=None, label="述职的代表（可多选，如联络站提出的代表）", required=False)  # type: ignore[arg-type]

    def __init__(self, *args, congress, proposed=(), **kwargs):
        kwargs.setdefault("auto_id", "plan_%s")
        super().__init__(*args, **kwargs)
        self.fields["appointees"].choices = [(str(m.pk), f"{m.person.name}（{m.organisation.name}{m.post}）")
                                             for m in proposed]
        self.fields["deputies"] = PersonField(congress=congress, kind=DEPUTY, required=False,
                                              label=self.fields["deputies"].label)


class AddForm(NamedErrors, Form):
    deputies = PersonField(congress=None, label="增加述职的代表", required=False)  # type: ignore[arg-type]

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "add_%s")
        super().__init__(*args, **kwargs)
        self.fields["deputies"] = PersonField(congress=congress, kind=DEPUTY, required=False,
                                              label=self.fields["deputies"].label)


class FileForm(NamedErrors, Form):
    title = forms.CharField(label="报告标题（可不填）", max_length=200, required=False)
    text = forms.CharField(label="述职报告正文（或上传文件）", max_length=20000, required=False,
                           widget=forms.Textarea(attrs={"rows": 10}))
    file = forms.FileField(label="报告文件（可不传；PDF 或 Word）", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "file_%s")
        super().__init__(*args, **kwargs)


class SessionForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="测评的常委会会议", queryset=Meeting.objects.none(), empty_label="请选择会议")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "session_%s")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (Meeting.objects.in_congress(congress).filter(kind=Meeting.Kind.SC_SESSION)
                                           .exclude(status=Meeting.Status.CLOSED).order_by("starts_at"))


class StationForm(NamedErrors, Form):
    """Counts are read as typed (text) so the action's message names a bad one."""

    satisfied = forms.CharField(label="满意（人）", max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    basic = forms.CharField(label="基本满意（人）", max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    unsatisfied = forms.CharField(label="不满意（人）", max_length=12,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    on = forms.DateField(label="评议日期（不填为今天）", required=False, widget=DATE)
    station = forms.ModelChoiceField(label="代表联络站", queryset=Organisation.objects.none(), required=False,
                                     empty_label="（代表所在联络站）")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "station_%s")
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (Organisation.objects.in_congress(congress)
                                           .filter(kind=Organisation.Kind.LIAISON_STATION).order_by("name"))
