"""Forms of the review-opinion pages. The actions hold the rules; these forms read what was typed and
show it again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from renda.core.forms import Form
from renda.meetings.models import Meeting
from renda.oversight.actions.opinions import DELIBERATED_REPORTS, MAX_POINTS
from renda.oversight.models import OpinionPoint, Report, ReviewOpinion, WorkReport
from renda.people.forms import NamedErrors
from renda.people.models import Organisation


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.title}（{timezone.localtime(meeting.starts_at):%Y-%m-%d}）"


def bodies(congress):
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")


class DraftForm(NamedErrors, Form):
    work_report = forms.ModelChoiceField(label="经审议的专项工作报告", queryset=WorkReport.objects.none(), required=False,
                                         empty_label="—")
    report = forms.ModelChoiceField(label="或：已提请审议的调研（检查）报告", queryset=Report.objects.none(), required=False,
                                    empty_label="—")
    body = forms.ModelChoiceField(label="送达机关（专项工作报告默认为报告机关）", queryset=Organisation.objects.none(),
                                  required=False, empty_label="—")
    title = forms.CharField(label="标题（可不填，默认为“关于《报告》的审议意见”）", max_length=200, required=False)
    number = forms.CharField(label="文号（可不填）", max_length=60, required=False)
    preamble = forms.CharField(label="开头（可不填，默认按审议的会议生成）", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        taken_work = ReviewOpinion.objects.in_congress(congress).filter(work_report__isnull=False).values("work_report_id")
        taken_reports = ReviewOpinion.objects.in_congress(congress).filter(report__isnull=False).values("report_id")
        self.fields["work_report"].queryset = WorkReport.objects.in_congress(congress).filter(
            status__in=DELIBERATED_REPORTS).exclude(pk__in=taken_work).select_related("body").order_by("-id")
        self.fields["work_report"].label_from_instance = lambda r: f"{r.title}（{r.body.name}）"
        self.fields["report"].queryset = Report.objects.in_congress(congress).filter(
            agenda_item__isnull=False).exclude(pk__in=taken_reports).order_by("-id")
        self.fields["body"].queryset = bodies(congress)


class HeaderForm(NamedErrors, Form):
    title = forms.CharField(label="标题", max_length=200)
    number = forms.CharField(label="文号（可不填）", max_length=60, required=False)
    body = forms.ModelChoiceField(label="送达机关", queryset=Organisation.objects.none(), empty_label=None)
    preamble = forms.CharField(label="开头", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("prefix", "head")
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies(congress)


class PointForm(NamedErrors, Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    heading = forms.CharField(label="标题", max_length=200)
    text = forms.CharField(label="内容", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))


PointFormSet = forms.formset_factory(PointForm, extra=2, can_order=True, can_delete=True, max_num=MAX_POINTS,
                                     validate_max=True, absolute_max=MAX_POINTS + 10)


def point_formset(data=None, *, opinion: ReviewOpinion | None = None, points: list[OpinionPoint] | None = None):
    initial = [{"id": p.pk, "heading": p.heading, "text": p.text, "ORDER": p.order} for p in points or []]
    formset = PointFormSet(data, initial=None if data is not None else initial, prefix="points")
    for form in formset.forms:
        form.fields["ORDER"].label = "序号"
        form.fields["DELETE"].label = "删除此条"
    return formset


def points_of_formset(formset) -> list[dict]:
    """The points as the action takes them: kept and new ones, in the order typed, the deleted and
    untouched blank rows left out."""
    rows = []
    for form in formset.ordered_forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        data = form.cleaned_data
        if not data:
            continue
        rows.append({"id": data.get("id"), "heading": data.get("heading", ""), "text": data.get("text", "")})
    return rows


class ApproveForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="通过的主任会议", queryset=Meeting.objects.none(), empty_label="—")

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.DIRECTORS).select_related("term", "congress").order_by("-starts_at")
        self.fields["meeting"].label_from_instance = _meeting_label


class SendForm(NamedErrors, Form):
    """The sending date, the due date, and for each point at most one problem for the rectification
    list (left blank: none); the API takes several per point."""

    sent_on = forms.DateField(label="交办日期", widget=forms.DateInput(attrs={"type": "date"}))
    reply_due = forms.DateField(label="书面报告期限（可不填，按规则设定的天数计算）", required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, congress, points: list[OpinionPoint], **kwargs):
        kwargs.setdefault("initial", {"sent_on": timezone.localdate()})
        kwargs.setdefault("prefix", "send")
        super().__init__(*args, **kwargs)
        self.points = points
        units = bodies(congress)
        for p in points:
            n = p.order
            self.fields[f"problem_{p.pk}"] = forms.CharField(label=f"第{n}条意见列入整改清单的问题（不列入的不填）",
                                                             max_length=1000, required=False)
            self.fields[f"goal_{p.pk}"] = forms.CharField(label=f"第{n}条意见的整改目标", max_length=500, required=False)
            self.fields[f"owner_{p.pk}"] = forms.CharField(label=f"第{n}条意见的责任人", max_length=100, required=False)
            self.fields[f"due_on_{p.pk}"] = forms.DateField(label=f"第{n}条意见的整改时限", required=False,
                                                            widget=forms.DateInput(attrs={"type": "date"}))
            self.fields[f"unit_{p.pk}"] = forms.ModelChoiceField(label=f"第{n}条意见的责任单位（不选为送达机关）",
                                                                 queryset=units, required=False, empty_label="—")

    def rows(self):
        """Each point with its bound fields, for the template."""
        return [{"point": p, "fields": [self[f"{name}_{p.pk}"] for name in ("problem", "goal", "owner", "due_on", "unit")]}
                for p in self.points]

    def rectification(self) -> dict:
        data, found = self.cleaned_data, {}
        for p in self.points:
            values = {name: data.get(f"{name}_{p.pk}") for name in ("problem", "goal", "owner", "due_on", "unit")}
            if any(v not in (None, "") for v in values.values()):
                found[p.pk] = [{k: v for k, v in values.items() if v not in (None, "")}]
        return found


class ReplyForm(NamedErrors, Form):
    text = forms.CharField(label="研究处理情况", max_length=20000, widget=forms.Textarea(attrs={"rows": 10}))
    document = forms.FileField(label="报告文本（可不上传；PDF、Word 等）", required=False)
    signed_by = forms.CharField(label="报告人（可不填）", max_length=100, required=False)


class DeliberateForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="审议的常委会会议", queryset=Meeting.objects.none(), empty_label="—")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("prefix", "deliberate")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.SC_SESSION, starts_at__gt=timezone.now()).exclude(
            status=Meeting.Status.CLOSED).select_related("term", "congress").order_by("starts_at")
        self.fields["meeting"].label_from_instance = _meeting_label


class PublishForm(NamedErrors, Form):
    published_on = forms.DateField(label="公开日期（可不填，默认为今天）", required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "publish")
        super().__init__(*args, **kwargs)
