"""Forms of the plan pages. The actions hold the rules; these read what was typed and show it again,
with the error beside its field, when a step is refused."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from renda.core.forms import Form as CoreForm
from renda.core.picker import PERSON, PersonField
from renda.meetings.models import Meeting
from renda.oversight.actions.plan import COMMITTEE_KINDS, SETTABLE
from renda.oversight.models import PlanItem
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Form(NamedErrors, CoreForm):
    """The oversight forms' base: no colon after a label, every message names its field."""


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{timezone.localtime(obj.starts_at):%Y-%m-%d}）"


def committees(congress):
    return Organisation.objects.in_congress(congress).filter(kind__in=COMMITTEE_KINDS, active=True).order_by("kind", "name")


class PlanForm(Form):
    year = forms.IntegerField(label="年度")
    title = forms.CharField(label="标题", max_length=200)


class ItemForm(Form):
    kind = forms.ChoiceField(label="类别", choices=[("", "请选择类别")] + list(PlanItem.Kind.choices))
    title = forms.CharField(label="项目", max_length=200, widget=forms.TextInput(attrs={"placeholder": "如：关于……情况的调研"}))
    body = forms.ModelChoiceField(label="报告机关（听取报告类必填）", queryset=Organisation.objects.none(), required=False,
                                  empty_label="（无）")
    lead_committee = forms.ModelChoiceField(label="牵头委员会", queryset=Organisation.objects.none(),
                                            empty_label="请选择牵头委员会")
    co_committees = forms.ModelMultipleChoiceField(label="协助委员会（可多选）", queryset=Organisation.objects.none(),
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    leader = PersonField(congress=None, kind=PERSON, multiple=False, required=False,  # type: ignore[arg-type]
                         label="分管领导（常委会组成人员）")
    month = forms.IntegerField(label="安排月份", widget=forms.NumberInput(attrs={"min": 1, "max": 12}))
    meeting = MeetingChoice(label="提请审议的常委会会议（可不选）", queryset=Meeting.objects.none(), required=False,
                            empty_label="（尚未确定）")
    session_note = forms.CharField(label="拟提请审议的会议（如：第二十二次常委会会议）", max_length=60, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, congress, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Organisation.objects.in_congress(congress).filter(
            kind=Organisation.Kind.HANDLING_UNIT, active=True).order_by("name")
        self.fields["lead_committee"].queryset = committees(congress)
        self.fields["co_committees"].queryset = committees(congress)
        self.fields["leader"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                            label=self.fields["leader"].label)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.SC_SESSION, starts_at__year=plan.year).order_by("starts_at")

    @staticmethod
    def initial_for(item: PlanItem) -> dict:
        return {"kind": item.kind, "title": item.title, "body": item.body_id, "lead_committee": item.lead_committee_id,
                "co_committees": [c.organisation_id for c in item.co_committees.all()],
                "leader": [f"@{item.leader_id}"] if item.leader_id else [], "month": item.month,
                "meeting": item.meeting_id, "session_note": item.session_note, "note": item.note}


class ApproveForm(Form):
    meeting = MeetingChoice(label="审议通过的主任会议", queryset=Meeting.objects.none(), empty_label="请选择主任会议")
    approved_on = forms.DateField(label="通过日期", widget=DATE)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.DIRECTORS).order_by("-starts_at")


class PublishForm(Form):
    published_on = forms.DateField(label="公布日期（不填为今天）", widget=DATE, required=False)


class ItemStatusForm(Form):
    item = forms.IntegerField(label="计划项目", widget=forms.HiddenInput)
    status = forms.ChoiceField(label="记录为", choices=[(s.value, "恢复按实际进展" if s == PlanItem.Status.PLANNED else s.label)
                                                      for s in SETTABLE])
    note = forms.CharField(label="说明（推迟、取消须写明原因）", max_length=300, required=False)
