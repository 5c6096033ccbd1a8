"""Forms for the opinion register's pages. As in liaison, the rules live in the actions; the forms
carry what was typed back to the page with the action's message beside its field."""

from __future__ import annotations

from typing import cast

from django import forms

from renda.activities.models import Activity
from renda.core.models import Congress
from renda.core.picker import PERSON, PersonField
from renda.liaison.forms import DATE, Form, PhotosField, _categories
from renda.liaison.models import Concern
from renda.meetings.models import Meeting
from renda.opinions import actions, queries
from renda.people.models import Organisation
from renda.people.validation import FILTER_DAYS


class CategoryField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Select)
        kwargs.setdefault("label", "类别")
        super().__init__(**kwargs)


def _set_categories(form: forms.Form, congress: Congress) -> None:
    widget = form.fields["category"].widget
    assert isinstance(widget, forms.Select)
    widget.choices = _categories(congress)


class DirectLineForm(Form):
    """代表直通车 on the phone: what, where, a photo if it helps."""

    category = CategoryField()
    text = forms.CharField(label="反映的事项", required=False, widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}))
    place = forms.CharField(label="地点（可选）", required=False, max_length=100)
    photos = PhotosField(label="照片（可选，最多 3 张，每张不超过 5 MB，JPEG 或 PNG）")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        _set_categories(self, congress)


class PetitionForm(Form):
    person_name = forms.CharField(label="信访人姓名", required=False, max_length=50)
    person_contact = forms.CharField(label="联系方式", required=False, max_length=60,
                                     widget=forms.TextInput(attrs={"inputmode": "tel"}))
    received_on = forms.CharField(label="收到日期", required=False, widget=DATE)
    category = CategoryField()
    text = forms.CharField(label="信访事项", required=False, widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}))
    place = forms.CharField(label="地点（可选）", required=False, max_length=100)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        _set_categories(self, congress)


class RecordForm(Form):
    """Where the points were raised: a leaders' visit or symposium (its activity), or a meeting."""

    source = forms.ChoiceField(label="来源", choices=[(s.value, s.label) for s in actions.RECORDED_SOURCES])
    activity = forms.ModelChoiceField(label="活动（走访、座谈会）", required=False, queryset=Activity.objects.none(),
                                      empty_label="请选择")
    meeting = forms.ModelChoiceField(label="会议（会议交办）", required=False, queryset=Meeting.objects.none(),
                                     empty_label="请选择")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        activity, meeting = self.fields["activity"], self.fields["meeting"]
        assert isinstance(activity, forms.ModelChoiceField) and isinstance(meeting, forms.ModelChoiceField)
        activity.queryset = Activity.objects.in_congress(congress).exclude(kind=Activity.Kind.TRAINING)[:200]
        meeting.queryset = Meeting.objects.in_congress(congress)[:200]


class PointForm(Form):
    """One speaker's point (a row; left empty, it is skipped)."""

    category = CategoryField()
    text = forms.CharField(label="意见内容", required=False, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 5000}))

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"] = PersonField(congress=congress, kind=PERSON, multiple=False, label="发言人",
                                             required=False)
        self.order_fields(["speaker", "category", "text"])
        _set_categories(self, congress)


class BasePoints(forms.BaseFormSet):
    def __init__(self, *args, congress: Congress, **kwargs):
        self.congress = congress
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "congress": self.congress}

    def filled(self) -> list[tuple[int, PointForm]]:
        return [(i, f) for i, f in enumerate(self.forms)
                if f.is_valid() and ((f.cleaned_data.get("text") or "").strip() or f.cleaned_data.get("speaker"))]


Points = cast(type[BasePoints], forms.formset_factory(PointForm, formset=BasePoints, extra=4, max_num=50))


class AssignForm(Form):
    unit = forms.ModelChoiceField(label="承办单位", required=False, queryset=Organisation.objects.none(),
                                  empty_label="请选择")
    due_on = forms.CharField(label="答复期限（不填按规定天数）", required=False, widget=DATE)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = queries.units(congress)


class ClassifyForm(Form):
    category = CategoryField()

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        _set_categories(self, congress)


class MergeForm(Form):
    others = forms.CharField(label="并入本件的意见建议编号（多个用逗号或空格分开）", required=False, max_length=500)

    def numbers(self) -> list[int]:
        raw = (self.cleaned_data.get("others") or "").replace("，", ",").replace("、", ",").replace(",", " ")
        return [int(x) for x in raw.split() if x.isdecimal()]


class DeliveryForm(Form):
    how = forms.ChoiceField(label="送达方式", required=False, choices=[("", "请选择"), *[(w, w) for w in actions.DELIVERY_WAYS]])
    on = forms.CharField(label="送达日期", required=False, widget=DATE)


class FilterForm(Form):
    q = forms.CharField(label="搜索", required=False, max_length=100)
    source = forms.ChoiceField(label="来源", required=False,
                               choices=[("", "全部"), *[(s.value, s.label) for s in Concern.REGISTER_SOURCES]])
    unit = forms.ChoiceField(label="承办单位", required=False)
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("", "全部"), ("open", "在办"), *Concern.Status.choices])
    month = forms.CharField(label="月份", required=False, widget=forms.TextInput(attrs={"type": "month"}))

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)
        unit.choices = [("", "全部"), *[(str(u.pk), u.name) for u in queries.units(congress)]]

    def clean_month(self):
        """A month the register could hold (people.validation.FILTER_DAYS), as 2026-03."""
        month = (self.cleaned_data.get("month") or "").strip()
        if month and queries.month_range(month) is None:
            first, last = FILTER_DAYS
            raise forms.ValidationError(f"“月份”须为 {first.year}-01 至 {last.year}-12 间的年-月，如 2026-03，"
                                        f"收到：{month[:20]}")
        return month

