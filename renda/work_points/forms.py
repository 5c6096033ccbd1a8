"""Forms of the work point pages; the actions hold the rules and these show what was typed again."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.meetings.models import Meeting
from renda.oversight.models import PlanItem, WorkReport
from renda.people.forms import NamedErrors
from renda.people.models import Organisation
from renda.work_points.actions import ADOPTING_KINDS, OWNER_KINDS

DATE = forms.DateInput(attrs={"type": "date"})


class PlanForm(NamedErrors, Form):
    year = forms.CharField(label="年度", max_length=4)
    title = forms.CharField(label="标题（可不填）", max_length=200, required=False)
    meeting = forms.ModelChoiceField(label="通过的会议（主任会议、党组会议或常委会会议）", queryset=Meeting.objects.none(), required=False,
                                     empty_label="（尚未通过）")
    adopted_on = forms.DateField(label="通过日期（不填为会议日期）", required=False, widget=DATE)
    document = forms.FileField(label="工作要点文件（可不传）", required=False)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "plan_%s")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (Meeting.objects.in_congress(congress).filter(kind__in=ADOPTING_KINDS)
                                           .order_by("-starts_at"))


class PointForm(NamedErrors, Form):
    text = forms.CharField(label="工作事项", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ModelChoiceField(label="责任委室", queryset=Organisation.objects.none(), required=False,
                                   empty_label="请选择责任委室")
    leader = PersonField(congress=None, label="分管领导（可不填）", required=False)  # type: ignore[arg-type]
    due = forms.CharField(label="完成时间（日期如 2026-05-20，或月份如 2026-05）", max_length=10, required=False)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "point_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (Organisation.objects.in_congress(congress).filter(kind__in=OWNER_KINDS)
                                         .order_by("kind", "name"))
        self.fields["leader"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                            label=self.fields["leader"].label)


class LinkForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.none(), required=False, empty_label="—")
    plan_item = forms.ModelChoiceField(label="监督工作计划项目", queryset=PlanItem.objects.none(), required=False,
                                       empty_label="—")
    work_report = forms.ModelChoiceField(label="专项工作报告", queryset=WorkReport.objects.none(), required=False,
                                         empty_label="—")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "link_%s")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).order_by("-starts_at")
        self.fields["plan_item"].queryset = PlanItem.objects.in_congress(congress).order_by("-id")
        self.fields["work_report"].queryset = WorkReport.objects.in_congress(congress).order_by("-id")


class CloseForm(NamedErrors, Form):
    note = forms.CharField(label="完成情况", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label="佐证材料（可不传）", required=False)
    on = forms.DateField(label="办结日期（不填为今天）", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "close_%s")
        super().__init__(*args, **kwargs)


class CarryForm(NamedErrors, Form):
    note = forms.CharField(label="结转理由", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "carry_%s")
        super().__init__(*args, **kwargs)
