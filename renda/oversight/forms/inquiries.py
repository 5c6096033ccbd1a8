"""Forms of the special inquiry's pages. The actions hold the rules; these read what was typed and
show it again, the message beside its box, when a step is refused."""

from __future__ import annotations

import datetime

from django import forms

from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.meetings.models import Meeting
from renda.oversight.models import Inquiry, InquiryAnswerer, InquiryQuestion, PlanItem, WorkReport
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.starts_at:%Y-%m-%d}）"


def open_meetings(congress, *kinds):
    return Meeting.objects.in_congress(congress).filter(kind__in=kinds).exclude(status=Meeting.Status.CLOSED) \
        .select_related("term").order_by("-starts_at")


def parse_answerers(congress, text: str) -> tuple[list[dict], list[str]]:
    """One answerer a line: 姓名，职务，所在单位（the unit's name or short name here），and 未到会 at the
    end for one who is absent."""
    rows, problems = [], []
    units = {o.name: o for o in Organisation.objects.in_congress(congress)} | {
        o.short_name: o for o in Organisation.objects.in_congress(congress).exclude(short_name="")}
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for n, line in enumerate(lines, start=1):
        parts = [p.strip() for p in line.replace(",", "，").replace("|", "，").split("，")]
        absent = len(parts) == 4 and parts[3] == "未到会"
        if len(parts) not in (3, 4) or (len(parts) == 4 and not absent):
            problems.append(f"“应询人”第{n}行须写作：姓名，职务，所在单位（缺席的末尾加“，未到会”）")
            continue
        unit = units.get(parts[2])
        if unit is None:
            problems.append(f"“应询人”第{n}行的所在单位“{parts[2]}”不是本级的单位")
            continue
        rows.append({"name": parts[0], "post": parts[1], "organisation": unit, "present": not absent})
    return rows, problems


def answerers_text(inquiry: Inquiry) -> str:
    return "\n".join(f"{a.name}，{a.post}，{a.organisation.name}{'' if a.present else '，未到会'}"
                     for a in InquiryAnswerer.objects.in_congress(inquiry.congress_id).filter(inquiry=inquiry)
                     .select_related("organisation"))


class InquiryForm(NamedErrors, Form):
    topic = forms.CharField(label="询问题目", max_length=200)
    meeting = MeetingChoice(label="常委会会议", queryset=Meeting.objects.none(), empty_label="请选择会议")
    work_report = forms.ModelChoiceField(label="结合审议的专项工作报告（可不选）", queryset=WorkReport.objects.none(),
                                         required=False, empty_label="—")
    plan_item = forms.ModelChoiceField(label="监督计划项目（可不选）", queryset=PlanItem.objects.none(), required=False,
                                       empty_label="—")
    answerers = forms.CharField(label="应询人（每行一位：姓名，职务，所在单位；缺席的末尾加“，未到会”）", max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.congress = congress
        self.fields["meeting"].queryset = open_meetings(congress, Meeting.Kind.SC_SESSION)
        self.fields["work_report"].queryset = WorkReport.objects.in_congress(congress).order_by("-id")
        self.fields["plan_item"].queryset = PlanItem.objects.in_congress(congress).order_by("-id")

    def clean_answerers(self):
        rows, problems = parse_answerers(self.congress, self.cleaned_data["answerers"])
        if problems:
            raise forms.ValidationError(problems)
        return rows


class QuestionForm(NamedErrors, Form):
    text = forms.CharField(label="问题", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    to = forms.ModelChoiceField(label="询问对象（可不选）", queryset=InquiryAnswerer.objects.none(), required=False,
                                empty_label="—")

    def __init__(self, *args, inquiry: Inquiry, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = InquiryAnswerer.objects.in_congress(inquiry.congress_id).filter(inquiry=inquiry)
        if staff:
            self.fields["asker"] = PersonField(congress=inquiry.congress, kind=PERSON, multiple=False, required=False,
                                               label="询问人（工作人员代为登记时选择；不选为本人）")


def _questions(inquiry: Inquiry):
    return InquiryQuestion.objects.in_congress(inquiry.congress_id).filter(inquiry=inquiry)


class AnswerForm(NamedErrors, Form):
    question = forms.ModelChoiceField(label="问题", queryset=InquiryQuestion.objects.none(), widget=forms.HiddenInput)
    answered_by = forms.ModelChoiceField(label="回答人", queryset=InquiryAnswerer.objects.none(), empty_label="请选择")
    answer = forms.CharField(label="回答", max_length=8000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, inquiry: Inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = _questions(inquiry)
        self.fields["answered_by"].queryset = InquiryAnswerer.objects.in_congress(inquiry.congress_id).filter(
            inquiry=inquiry)


class RateForm(NamedErrors, Form):
    question = forms.ModelChoiceField(label="问题", queryset=InquiryQuestion.objects.none(), widget=forms.HiddenInput)
    satisfaction = forms.ChoiceField(label="评价", choices=[c for c in InquiryQuestion.Satisfaction.choices if c[0]],
                                     widget=forms.RadioSelect)

    def __init__(self, *args, inquiry: Inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = _questions(inquiry)


class SummaryForm(NamedErrors, Form):
    summary = forms.CharField(label="询问情况综述", max_length=8000, widget=forms.Textarea(attrs={"rows": 8}))


class ConcludeForm(Form):
    pass


class FollowUpForm(NamedErrors, Form):
    """One item onto the rectification list."""

    problem = forms.CharField(label="问题", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    goal = forms.CharField(label="整改目标（可不填）", max_length=500, required=False)
    measures = forms.CharField(label="整改措施（可不填）", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label="整改时限", widget=DATE)
    unit = forms.ModelChoiceField(label="责任单位", queryset=Organisation.objects.none(), empty_label="请选择")
    owner = forms.CharField(label="责任人", max_length=100)

    def __init__(self, *args, congress, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organisation.objects.in_congress(congress).filter(
            kind=Organisation.Kind.HANDLING_UNIT, active=True).order_by("name")
        if questions is not None:
            self.fields["question"] = forms.ModelChoiceField(label="对应的问题", queryset=questions, empty_label="请选择")
            self.order_fields(["question"])

    def entry(self) -> dict:
        data = self.cleaned_data
        return {"problem": data["problem"], "goal": data["goal"], "measures": data["measures"],
                "due_on": data["due_on"], "unit": data["unit"], "owner": data["owner"]}


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()
