"""The forms of the bill page's enactment section, one per next step; each re-renders with what was
typed and the action's message beside its field."""

from __future__ import annotations

from django import forms

from renda.agenda.models import ProposedItem
from renda.core.forms import Form
from renda.enactment.models import Approval, Filing, Reading, Report
from renda.legislation.models import Bill, BillVersion, Provision
from renda.meetings.models import Meeting, RosterEntry
from renda.people.forms import NamedErrors
from renda.people.models import Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"})
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.starts_at:%Y-%m-%d}）" if hasattr(obj, "title") else str(obj)


def _versions(congress, bill: Bill):
    return BillVersion.objects.in_congress(congress).filter(bill=bill).order_by("-number")


def _meetings(congress, kind: str):
    return Meeting.objects.in_congress(congress).filter(kind=kind).exclude(status=Meeting.Status.CLOSED) \
        .select_related("term", "congress", "organisation").order_by("starts_at")


def _bodies(congress):
    return Organisation.objects.in_congress(congress).filter(active=True).order_by("kind", "name")


class StepForm(NamedErrors, Form):
    def __init__(self, *args, congress, bill: Bill, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}_%s")
        super().__init__(*args, **kwargs)
        self.congress, self.bill = congress, bill

    prefix_id = "e"


class SubmitForm(StepForm):
    prefix_id = "sub"
    version = forms.ModelChoiceField(label="提请审议的文本", queryset=BillVersion.objects.none(), empty_label="请选择")
    proposer_kind = forms.ChoiceField(label="提请主体", choices=ProposedItem.Proposer.choices,
                                      initial=ProposedItem.Proposer.GOVERNMENT)
    proposer = forms.ModelChoiceField(label="提请机关", queryset=Organisation.objects.none(), required=False,
                                      empty_label="请选择")
    presenter = forms.CharField(label="说明人", max_length=100)
    explanation = forms.CharField(label="说明", max_length=40000, required=False, widget=TEXTAREA,
                                  help_text="不填则用该文本的说明")
    submitted_on = forms.DateField(label="提请日期", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = _versions(self.congress, self.bill)
        self.fields["proposer"].queryset = _bodies(self.congress)


class PreliminaryForm(StepForm):
    prefix_id = "pre"
    meeting = MeetingChoice(label="主任会议", queryset=Meeting.objects.none(), empty_label="请选择")
    committee = forms.ModelChoiceField(label="负责初审的委员会", queryset=Organisation.objects.none(), empty_label="请选择")
    title = forms.CharField(label="标题", max_length=200, required=False, help_text="不填则为“关于《…（草案）》初审意见的报告”")
    file = forms.FileField(label="报告文件")
    reported_on = forms.DateField(label="报告日期", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(self.congress, Meeting.Kind.DIRECTORS)
        self.fields["committee"].queryset = _bodies(self.congress)
        if not self.is_bound and self.bill.committee_id:
            self.initial["committee"] = self.bill.committee_id


class ScheduleForm(StepForm):
    prefix_id = "sch"
    version = forms.ModelChoiceField(label="审议的文本", queryset=BillVersion.objects.none(), empty_label="请选择")
    meeting = MeetingChoice(label="常委会会议", queryset=Meeting.objects.none(), empty_label="请选择")
    distributed_at = forms.DateField(label="发给组成人员的日期", required=False, widget=DATE,
                                     help_text="不填为今天；应在会议举行的七日前（立法法第三十一条）")
    short_notice_reason = forms.CharField(label="不足七日发出的特殊情况", max_length=500, required=False, widget=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = _versions(self.congress, self.bill)
        self.fields["meeting"].queryset = _meetings(self.congress, Meeting.Kind.SC_SESSION)


class ReadingForm(StepForm):
    prefix_id = "rd"
    reading = forms.ModelChoiceField(label="审议", queryset=Reading.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reading"].queryset = Reading.objects.in_congress(self.congress).filter(bill=self.bill)


class ArticleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from renda.enactment.actions import article_label

        return f"{article_label(obj)}　{obj.text[:30]}"


class OpinionForm(ReadingForm):
    prefix_id = "op"
    reading = forms.ModelChoiceField(label="审议", queryset=Reading.objects.none(), empty_label="请选择")
    speaker = forms.ModelChoiceField(label="发言人", queryset=Person.objects.none(), empty_label="请选择")
    provision = ArticleChoice(label="条文", queryset=Provision.objects.none(), required=False, empty_label="总体意见")
    text = forms.CharField(label="意见", max_length=8000, widget=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        readings = self.fields["reading"].queryset
        meetings = readings.values("meeting_id")
        people = RosterEntry.objects.in_congress(self.congress).filter(meeting_id__in=meetings).values("person_id")
        self.fields["speaker"].queryset = Person.objects.filter(pk__in=people).order_by("name")
        self.fields["provision"].queryset = Provision.objects.in_congress(self.congress).filter(
            version_id__in=readings.values("version_id"), kind=Provision.Kind.ARTICLE).order_by("version", "position")


class ReportForm(ReadingForm):
    prefix_id = "rep"
    reading = forms.ModelChoiceField(label="审议", queryset=Reading.objects.none(), empty_label="请选择")
    kind = forms.ChoiceField(label="报告", choices=[(Report.Kind.UNIFIED, Report.Kind.UNIFIED.label),
                                                    (Report.Kind.REVISION, Report.Kind.REVISION.label)])
    body = forms.ModelChoiceField(label="报告机构", queryset=Organisation.objects.none(), empty_label="请选择")
    version = forms.ModelChoiceField(label="据此形成的文本", queryset=BillVersion.objects.none(), required=False,
                                     empty_label="不指定")
    title = forms.CharField(label="标题", max_length=200, required=False)
    file = forms.FileField(label="报告文件")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(self.congress)
        self.fields["version"].queryset = _versions(self.congress, self.bill)


class ReadingsRequiredForm(StepForm):
    prefix_id = "rr"
    readings = forms.IntegerField(label="审议次数", min_value=1, max_value=10)
    reason = forms.CharField(label="理由", max_length=1000, required=False, widget=TEXTAREA,
                             help_text="少于三次审议的须说明，如各方面意见比较一致")


class VoteForm(StepForm):
    prefix_id = "vt"
    meeting = MeetingChoice(label="常委会会议", queryset=Meeting.objects.none(), empty_label="请选择")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(self.congress, Meeting.Kind.SC_SESSION)


class ArticlesForm(VoteForm):
    prefix_id = "av"
    provisions = forms.ModelMultipleChoiceField(label="单独表决的条款", queryset=Provision.objects.none(),
                                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from renda.enactment.actions import final_version

        super().__init__(*args, **kwargs)
        final = final_version(self.congress, self.bill)
        self.fields["provisions"].queryset = Provision.objects.in_congress(self.congress).filter(
            version=final, kind=Provision.Kind.ARTICLE).order_by("position") if final else Provision.objects.none()
        self.fields["provisions"].label_from_instance = ArticleChoice.label_from_instance.__get__(self)


class ApprovalForm(StepForm):
    prefix_id = "ap"
    submitted_on = forms.DateField(label="报请批准日期", widget=DATE)
    reference = forms.CharField(label="报批请示文号", max_length=60, required=False)
    document = forms.FileField(label="报批请示", required=False)


class ApprovalDecisionForm(StepForm):
    prefix_id = "ad"
    decided_on = forms.DateField(label="批准决定日期", widget=DATE)
    outcome = forms.ChoiceField(label="批准结果", choices=Approval.Outcome.choices)
    amendments = forms.CharField(label="要求修改的内容", max_length=8000, required=False, widget=TEXTAREA)


class PromulgateForm(StepForm):
    prefix_id = "pr"
    announcement_number = forms.CharField(label="公告号", max_length=60, help_text="如：第12号")
    announced_on = forms.DateField(label="公布日期", widget=DATE)
    in_force_on = forms.DateField(label="施行日期", widget=DATE)


class FilingForm(StepForm):
    prefix_id = "fl"
    filing = forms.ModelChoiceField(label="备案机关", queryset=Filing.objects.none(), empty_label="请选择")
    filed_on = forms.DateField(label="报送备案日期", widget=DATE)
    reference = forms.CharField(label="备案报告文号", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filing"].queryset = Filing.objects.in_congress(self.congress).filter(
            promulgation__bill=self.bill, filed_on__isnull=True)
        self.fields["filing"].label_from_instance = lambda f: f"{f.body}（{f.due_on:%Y-%m-%d}前）"


class EndForm(StepForm):
    prefix_id = "end"
    on = forms.DateField(label="终止审议日期", required=False, widget=DATE)
    reason = forms.CharField(label="理由", max_length=1000, widget=TEXTAREA)
