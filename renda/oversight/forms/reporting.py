"""Forms of the report editor. The actions hold the rules; these forms read what was typed and show it
again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from renda.core.forms import Form
from renda.meetings.forms import local_datetime_field
from renda.meetings.models import Meeting
from renda.oversight.actions.reporting import MEASURES, SOURCE_KINDS
from renda.oversight.models import (
    ActivityQuestionnaire,
    Figure,
    Finding,
    Report,
    ReportVersion,
    SiteVisit,
    Symposium,
)
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

TEXTAREA = {"rows": 12}


class ReportTextForm(NamedErrors, Form):
    title = forms.CharField(label="报告标题", max_length=200)
    situation = forms.CharField(label="基本情况（段落之间空一行；数据写作 {{代号}}）", max_length=20000, required=False,
                                widget=forms.Textarea(attrs=TEXTAREA))
    closing = forms.CharField(label="结语（可不填）", max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class VersionForm(NamedErrors, Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "version_%s")  # the finalise form on the same page has a note too
        super().__init__(*args, **kwargs)

    note = forms.CharField(label="修改说明（可不填）", max_length=300, required=False)


class FinaliseForm(NamedErrors, Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "finalise_%s")
        super().__init__(*args, **kwargs)

    note = forms.CharField(label="定稿说明（可不填）", max_length=300, required=False)


class CommentForm(NamedErrors, Form):
    text = forms.CharField(label="意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.ModelChoiceField(label="针对的稿次（可不选）", queryset=ReportVersion.objects.none(), required=False,
                                     empty_label="—")
    finding = forms.ModelChoiceField(label="针对的问题或建议（可不选）", queryset=Finding.objects.none(), required=False,
                                     empty_label="—")

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        c = report.congress_id
        self.fields["version"].queryset = ReportVersion.objects.in_congress(c).filter(report=report).order_by("-number")
        self.fields["version"].label_from_instance = lambda v: f"第{v.number}稿 {v.note}"
        self.fields["finding"].queryset = Finding.objects.in_congress(c).filter(report=report).order_by("kind", "order")
        self.fields["finding"].label_from_instance = lambda f: f"{f.get_kind_display()}（{f.order}）{f.heading}"


class ResolveForm(Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)


class FindingForm(NamedErrors, Form):
    finding = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label="类别", choices=Finding.Kind.choices)
    heading = forms.CharField(label="标题", max_length=200)
    text = forms.CharField(label="内容", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    site_visit = forms.ModelChoiceField(label="来源（实地察看）", queryset=SiteVisit.objects.none(), required=False,
                                        empty_label="—")
    symposium = forms.ModelChoiceField(label="来源（座谈会）", queryset=Symposium.objects.none(), required=False,
                                       empty_label="—")
    evidence = forms.CharField(label="依据（可不填）", max_length=500, required=False)
    addresses = forms.ModelChoiceField(label="针对的问题（意见建议可选）", queryset=Finding.objects.none(), required=False,
                                       empty_label="—")
    unit = forms.ModelChoiceField(label="责任单位（可不选）", queryset=Organisation.objects.none(), required=False,
                                  empty_label="—")

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        c, activity = report.congress_id, report.activity_id
        self.fields["site_visit"].queryset = SiteVisit.objects.in_congress(c).filter(activity_id=activity)
        self.fields["symposium"].queryset = Symposium.objects.in_congress(c).filter(activity_id=activity)
        self.fields["addresses"].queryset = Finding.objects.in_congress(c).filter(
            report=report, kind=Finding.Kind.PROBLEM).order_by("order")
        self.fields["addresses"].label_from_instance = lambda f: f"（{f.order}）{f.heading}"
        self.fields["unit"].queryset = Organisation.objects.in_congress(c).filter(
            kind=Organisation.Kind.HANDLING_UNIT).order_by("name")

    @classmethod
    def initial_for(cls, finding: Finding) -> dict:
        return {"finding": finding.pk, "kind": finding.kind, "heading": finding.heading, "text": finding.text,
                "site_visit": finding.site_visit_id, "symposium": finding.symposium_id, "evidence": finding.evidence,
                "addresses": finding.addresses_id, "unit": finding.unit_id}


class FindingRefForm(Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    direction = forms.ChoiceField(choices=[("up", "上移"), ("down", "下移")], required=False)


class FigureForm(NamedErrors, Form):
    key = forms.CharField(label="代号（英文字母、数字、下划线，正文写作 {{代号}}）", max_length=30)
    label = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=Figure.Kind.choices)
    value = forms.CharField(label="报告中的数字（从记录取数的不填）", max_length=30, required=False)
    unit = forms.CharField(label="单位（可不填）", max_length=12, required=False)
    parts = forms.CharField(label="组成（合计、差、比值、百分比：代号或数字，用逗号分隔）", max_length=400, required=False)
    source = forms.ChoiceField(label="从记录中取数（可不选）", required=False,
                               choices=[("", "—（手工填写）")] + list(SOURCE_KINDS.items()))
    questionnaire = forms.ModelChoiceField(label="问卷（从问卷取数时）", queryset=ActivityQuestionnaire.objects.none(),
                                           required=False, empty_label="—")
    question_id = forms.IntegerField(label="题目编号（从问卷取数时）", required=False, min_value=1)
    choice = forms.IntegerField(label="选项序号（从 0 起；量表为分值）", required=False)
    measure = forms.ChoiceField(label="统计方式", choices=list(MEASURES.items()), required=False)

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = ActivityQuestionnaire.objects.in_congress(report.congress_id).filter(
            activity_id=report.activity_id).select_related("questionnaire")
        self.fields["questionnaire"].label_from_instance = lambda link: link.questionnaire.title

    def parts_list(self) -> list[str]:
        raw = self.cleaned_data.get("parts") or ""
        return [p.strip() for p in raw.replace("，", ",").replace("、", ",").split(",") if p.strip()]

    def source_dict(self) -> dict:
        data = self.cleaned_data
        kind = data.get("source")
        if not kind:
            return {}
        if kind != "questionnaire":
            return {"kind": kind}
        link = data.get("questionnaire")
        source = {"kind": kind, "questionnaire_id": link.questionnaire_id if link else None,
                  "measure": data.get("measure") or "responses"}
        if data.get("question_id") is not None:
            source["question_id"] = data["question_id"]
        if data.get("choice") is not None:
            source["choice"] = data["choice"]
        return source

    @classmethod
    def initial_for(cls, figure: Figure) -> dict:
        source = figure.source or {}
        return {"key": figure.key, "label": figure.label, "kind": figure.kind, "value": figure.value,
                "unit": figure.unit, "parts": ", ".join(str(p) for p in figure.parts or []),
                "source": source.get("kind", ""), "question_id": source.get("question_id"),
                "choice": source.get("choice"), "measure": source.get("measure", "")}


class FigureRefForm(Form):
    figure = forms.IntegerField(widget=forms.HiddenInput)


class AgendaForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="提请审议的常委会会议", queryset=Meeting.objects.none(), empty_label="—")
    release_at = local_datetime_field("报告发给组成人员的时间（此前组成人员不能查看）")

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.SC_SESSION, starts_at__gt=timezone.now()).exclude(
            status=Meeting.Status.CLOSED).select_related("term", "congress").order_by("starts_at")
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title}（{timezone.localtime(m.starts_at):%Y-%m-%d %H:%M}）"
