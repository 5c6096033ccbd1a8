"""Forms of the item page and the list. The actions hold the rules; these read what was typed and
show it again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.meetings.models import Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation
from renda.rectification.models import RectificationItem, RectificationUpdate

DATE = forms.DateInput(attrs={"type": "date"})


class ProgressForm(NamedErrors, Form):
    text = forms.CharField(label="进展情况", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    goal = forms.CharField(label="整改目标（可修改）", max_length=500, required=False)
    measures = forms.CharField(label="整改措施（可修改）", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label="佐证材料（可不传；PDF、Word、Excel 或照片）", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "progress_%s")
        super().__init__(*args, **kwargs)


class ClosureForm(NamedErrors, Form):
    text = forms.CharField(label="整改完成情况", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label="佐证材料（必传；PDF、Word、Excel 或照片）", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "closure_%s")
        super().__init__(*args, **kwargs)


class CheckForm(NamedErrors, Form):
    kind = forms.ChoiceField(label="检查方式", choices=[(RectificationUpdate.Kind.SITE_CHECK, "实地检查"),
                                                      (RectificationUpdate.Kind.SPOT_CHECK, "抽查")])
    findings = forms.CharField(label="检查情况", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="检查日期（不填为今天）", required=False, widget=DATE)
    photo = forms.FileField(label="现场照片（可不传；JPEG 或 PNG）", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "check_%s")
        super().__init__(*args, **kwargs)


class AcceptForm(NamedErrors, Form):
    resolution = forms.CharField(label="验收意见（可不填）", max_length=1000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "accept_%s")
        super().__init__(*args, **kwargs)


class ReturnForm(NamedErrors, Form):
    reason = forms.CharField(label="退回理由", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "return_%s")
        super().__init__(*args, **kwargs)


class EscalateForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="提请的主任会议", queryset=Meeting.objects.none(), empty_label="请选择主任会议")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "escalate_%s")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (Meeting.objects.in_congress(congress)
                                           .filter(kind=Meeting.Kind.DIRECTORS)
                                           .exclude(status=Meeting.Status.CLOSED).order_by("starts_at"))


class NewItemForm(NamedErrors, Form):
    """The office lists one problem directly (from any source, without a linked record)."""

    source = forms.ChoiceField(label="来源", choices=RectificationItem.Source.choices)
    problem = forms.CharField(label="问题", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    goal = forms.CharField(label="整改目标", max_length=500, required=False)
    measures = forms.CharField(label="整改措施", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label="整改时限", required=False, widget=DATE)
    unit = forms.ModelChoiceField(label="责任单位", queryset=Organisation.objects.none(), required=False,
                                  empty_label="请选择责任单位")
    owner = forms.CharField(label="责任人", max_length=100, required=False)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "new_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organisation.objects.in_congress(congress).filter(active=True).order_by("kind", "name")
