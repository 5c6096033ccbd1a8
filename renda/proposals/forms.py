"""The forms of the suggestion pages. They parse what was typed; the actions decide whether it may be
done (their refusals are put back on these forms, beside the field, by ``add_action_errors``)."""

from __future__ import annotations

from django import forms

from renda.core.models import Congress
from renda.core.picker import PersonField
from renda.meetings.models import Meeting
from renda.people.models import Membership, Organisation, Person
from renda.proposals.models import Contact, HandlingRequest, Rating, Suggestion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units(congress: Congress):
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")


class DraftForm(forms.Form):
    """The draft editor; saved as the deputy types, so nothing here is required until submission."""

    kind = forms.ChoiceField(label="类别", choices=Suggestion.Kind.choices)
    session = forms.ModelChoiceField(label="大会会议（闭会期间不选）", queryset=Meeting.objects.none(), required=False,
                                     empty_label="闭会期间")
    title = forms.CharField(label="标题", max_length=200, required=False)
    category = forms.CharField(label="分类", max_length=40, required=False)
    body = forms.CharField(label="内容（议案请写明案由、案据和方案）", max_length=20000, required=False,
                           widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, congress: Congress, item: Suggestion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = Meeting.objects.in_congress(congress).filter(kind=Meeting.Kind.PLENARY).exclude(status="closed")
        if item is not None and item.session_id:
            sessions = sessions | Meeting.objects.in_congress(congress).filter(pk=item.session_id)
        self.fields["session"].queryset = sessions.order_by("-starts_at")  # type: ignore[attr-defined]
        self.fields["co_signers"] = PersonField(congress=congress, kind="deputy", multiple=True, required=False,
                                                label="联名代表（输入姓名或代表证号）")

    def typed_something(self) -> bool:
        """Whether the deputy has typed anything: an empty editor makes no draft."""
        typed = [self.data.get(name) or "" for name in ("title", "body", "category")]
        typed += self.data.getlist("co_signers") if hasattr(self.data, "getlist") else [self.data.get("co_signers") or ""]
        return any(str(value).strip() for value in typed)


class ContactForm(forms.Form):
    on = forms.DateField(label="沟通日期", widget=DATE)
    way = forms.ChoiceField(label="方式", choices=Contact.Way.choices)
    summary = forms.CharField(label="沟通情况", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label="答复分类")
    text = forms.CharField(label="答复内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    commitment = forms.CharField(label="承诺事项（可不填）", max_length=300, required=False)
    commitment_due = forms.DateField(label="承诺完成时间", required=False, widget=DATE)

    def __init__(self, *args, classes: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(classes.items())  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if data.get("commitment") and not data.get("commitment_due"):
            self.add_error("commitment_due", "请填写承诺完成时间")
        if data.get("commitment_due") and not data.get("commitment"):
            self.add_error("commitment", "请填写承诺事项")
        return data

    def commitments(self) -> list[dict]:
        data = self.cleaned_data
        return [{"text": data["commitment"], "due_on": data["commitment_due"]}] if data.get("commitment") else []


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="协办意见", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class HandlingRequestForm(forms.Form):
    kind = forms.ChoiceField(label="申请", choices=HandlingRequest.Kind.choices)
    months = forms.IntegerField(label="延期月数（申请延期时填写）", required=False, min_value=1)
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class DoneForm(forms.Form):
    commitment = forms.IntegerField(widget=forms.HiddenInput)
    report = forms.CharField(label="完成情况", max_length=500)


LEVELS = [(v, label) for v, label in Rating.Level.choices]
CHOICE = forms.RadioSelect()


class RatingForm(forms.Form):
    work = forms.ChoiceField(label="对办理工作", choices=LEVELS, widget=CHOICE,
                             error_messages={"required": "请选择对办理工作的评价"})
    result = forms.ChoiceField(label="对办理结果", choices=LEVELS, widget=CHOICE,
                               error_messages={"required": "请选择对办理结果的评价"})
    comment = forms.CharField(label="意见（可不填）", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    message = forms.CharField(label="退回说明（告诉代表要修改什么）", max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label="并入", queryset=Suggestion.objects.none(), empty_label="请选择")

    def __init__(self, *args, congress: Congress, item: Suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (Suggestion.objects.in_congress(congress)  # type: ignore[attr-defined]
                                        .filter(status__in=["submitted", "accepted", "assigned"]).exclude(pk=item.pk)
                                        .order_by("-id"))
        self.fields["into"].label_from_instance = lambda s: f"{s.numbered} {s}".strip()  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label="主办单位", queryset=Organisation.objects.none(), empty_label="请选择")
    co_units = forms.ModelMultipleChoiceField(label="协办单位（可多选）", queryset=Organisation.objects.none(),
                                              required=False)
    complex = forms.BooleanField(label="涉及面广、处理难度大（六个月内答复）", required=False)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = _units(congress)  # type: ignore[attr-defined]
        self.fields["co_units"].queryset = _units(congress)  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        lead, co = data.get("lead_unit"), data.get("co_units") or []
        if lead is not None and lead in co:
            self.add_error("co_units", "协办单位不能与主办单位重复")
        return data


class BulkAssignForm(AssignForm):
    items = forms.ModelMultipleChoiceField(label="所选各件", queryset=Suggestion.objects.none(),
                                           error_messages={"required": "请先勾选要交办的议案建议"})

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, congress=congress, **kwargs)
        self.fields["items"].queryset = Suggestion.objects.in_congress(congress)  # type: ignore[attr-defined]


class SuperviseForm(forms.Form):
    leader = forms.ModelChoiceField(label="督办领导", queryset=Person.objects.none(), empty_label="请选择")
    committee = forms.ModelChoiceField(label="督办委员会", queryset=Organisation.objects.none(), empty_label="请选择")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.in_congress(congress).filter(organisation__kind="standing_committee", end__isnull=True)
        self.fields["leader"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=members.values("person_id")).order_by("name")
        self.fields["committee"].queryset = Organisation.objects.in_congress(congress).filter(  # type: ignore[attr-defined]
            kind__in=[Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.SPECIAL_COMMITTEE]).order_by("name")


class DecideForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    grant = forms.TypedChoiceField(choices=[("1", "同意"), ("0", "不同意")], coerce=lambda v: v == "1")
    note = forms.CharField(label="说明", max_length=300, required=False)
    new_unit = forms.ModelChoiceField(label="改由哪个单位承办", queryset=Organisation.objects.none(), required=False,
                                      empty_label="请选择")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_unit"].queryset = _units(congress)  # type: ignore[attr-defined]
