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


MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ScheduleForm(NamedErrors, Form):
    """Where and when a deputy reports to the voters, and the window of the phone evaluation."""

    station = forms.ModelChoiceField(label="代表联络站", queryset=Organisation.objects.none(), required=False,
                                     empty_label="（不在联络站：填写选区）")
    electoral_unit = forms.CharField(label="或选区（选举单位）", max_length=200, required=False)
    held_at = forms.DateTimeField(label="述职时间", widget=MOMENT)
    opens_at = forms.DateTimeField(label="评议开始时间（不填为述职时间）", required=False, widget=MOMENT)
    closes_at = forms.DateTimeField(label="评议结束时间（不填按规则自开始起若干小时）", required=False, widget=MOMENT)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "schedule_%s")
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (Organisation.objects.in_congress(congress)
                                           .filter(kind=Organisation.Kind.LIAISON_STATION).order_by("name"))


class PaperForm(NamedErrors, Form):
    """The paper ballots' counts, read as typed so the action's message names a bad one."""

    satisfied = forms.CharField(label="满意（张）", max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    basic = forms.CharField(label="基本满意（张）", max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    unsatisfied = forms.CharField(label="不满意（张）", max_length=12,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "paper_%s")
        super().__init__(*args, **kwargs)


class EvaluateForm(NamedErrors, Form):
    """The voter's form on the phone. Everything is checked by the action; this keeps what was typed."""

    rating = forms.ChoiceField(label="您对代表述职的评议", choices=[("满意", "满意"), ("基本满意", "基本满意"),
                                                                ("不满意", "不满意")], widget=forms.RadioSelect)
    name = forms.CharField(label="您的姓名", max_length=50,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    digits = forms.CharField(label="手机号或身份证号后四位", max_length=8,
                             widget=forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off", "size": 6}))
    comment = forms.CharField(label="意见建议（可不填）", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "evaluate_%s")
        super().__init__(*args, **kwargs)
