"""Forms of the appointment pages. The actions hold the rules; these read what was typed and show
it again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms

from renda.appointments.models import AppointmentBill, Nominee
from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.meetings.models import AgendaItem, Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Membership, Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"})


def _meetings(congress, kind):
    return Meeting.objects.in_congress(congress).filter(kind=kind).select_related("term", "congress", "organisation") \
        .order_by("-starts_at")


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.meeting.title}：{obj.order}. {obj.title}"


def _appointment_items(congress, session=None):
    """The 人事任免 agenda items of the congress's sessions not yet closed (of one session when named)."""
    items = AgendaItem.objects.in_congress(congress).filter(kind=AgendaItem.Kind.APPOINTMENT,
                                                            meeting__kind=Meeting.Kind.SC_SESSION) \
        .exclude(meeting__status=Meeting.Status.CLOSED) \
        .select_related("meeting__term", "meeting__congress", "meeting__organisation")
    if session is not None:
        items = items.filter(meeting_id=session)
    return items.order_by("-meeting__starts_at", "order", "id")


AGENDA_HELP = "会议议程中已有的人事任免事项；不选则用会议唯一一项尚无任免案的人事任免议程，没有的提请时新增一项"


class BillForm(NamedErrors, Form):
    proposer = forms.ChoiceField(label="提请机关", choices=[("", "请选择")] + AppointmentBill.Proposer.choices,
                                 required=False)
    title = forms.CharField(label="标题", max_length=200, required=False)
    meeting = MeetingChoice(label="提请审议的常委会会议", queryset=Meeting.objects.none(), required=False,
                            empty_label="请选择会议")
    agenda_item = AgendaItemChoice(label="列入的议程（可不选）", queryset=AgendaItem.objects.none(), required=False,
                                   empty_label="不指定", help_text=AGENDA_HELP)
    letter = forms.FileField(label="提请函（PDF、Word 等，可稍后上传）", required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(congress, Meeting.Kind.SC_SESSION)
        self.fields["agenda_item"].queryset = _appointment_items(congress)


class NomineeForm(NamedErrors, Form):
    action = forms.ChoiceField(label="任免事项", choices=Nominee.Action.choices)
    organisation = forms.ModelChoiceField(label="机构", queryset=Organisation.objects.none(), required=False,
                                          empty_label="请选择机构")
    post = forms.ChoiceField(label="职务", choices=[("", "请选择")] + Membership.Post.choices, required=False)
    person = PersonField(congress=None, kind=PERSON, multiple=False, required=False,  # type: ignore[arg-type]
                         label="人员（本级已有的人员；新人员请填写下面的基本情况）")
    name = forms.CharField(label="新人员：姓名", max_length=50, required=False)
    sex = forms.ChoiceField(label="新人员：性别", choices=[("", "—")] + Person.Sex.choices, required=False)
    birth_date = forms.CharField(label="新人员：出生日期", required=False, widget=DATE)
    ethnicity = forms.CharField(label="新人员：民族", max_length=20, required=False)
    party = forms.CharField(label="新人员：政治面貌", max_length=30, required=False)
    workplace = forms.CharField(label="新人员：现工作单位及职务", max_length=120, required=False)
    education = forms.CharField(label="学历", max_length=40, required=False)
    resume = forms.CharField(label="履历", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    law_exam_score = forms.CharField(label="任前法律知识考试成绩（实行考试的填写）", required=False)
    statement = forms.CharField(label="拟任职发言", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="免职或辞职理由", max_length=500, required=False)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "nominee_%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.in_congress(congress).order_by("kind", "name")
        person = self.fields["person"]
        assert isinstance(person, PersonField)
        person.congress = person.widget.congress = congress  # type: ignore[attr-defined]

    def person_data(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("name") and not d.get("sex"):
            return None
        return {k: d.get(k) or "" for k in ("name", "sex", "birth_date", "ethnicity", "party", "workplace")}


class SubmitForm(NamedErrors, Form):
    directors_meeting = MeetingChoice(label="主任会议", queryset=Meeting.objects.none(), required=False,
                                      empty_label="请选择主任会议")
    on = forms.CharField(label="提请日期（不填为今天）", required=False, widget=DATE)
    agenda_item = AgendaItemChoice(label="列入的议程（可不选）", queryset=AgendaItem.objects.none(), required=False,
                                   empty_label="不指定", help_text=AGENDA_HELP)

    def __init__(self, *args, congress, session=None, **kwargs):
        kwargs.setdefault("auto_id", "submit_%s")
        super().__init__(*args, **kwargs)
        self.fields["directors_meeting"].queryset = _meetings(congress, Meeting.Kind.DIRECTORS)
        self.fields["agenda_item"].queryset = _appointment_items(congress, session)


class DecideForm(NamedErrors, Form):
    on = forms.CharField(label="决定日期（不填为今天）", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)


class WithdrawForm(NamedErrors, Form):
    reason = forms.CharField(label="撤回理由", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "withdraw_%s")
        super().__init__(*args, **kwargs)


class OathForm(NamedErrors, Form):
    meeting = MeetingChoice(label="会议", queryset=Meeting.objects.none(), required=False, empty_label="请选择会议")
    held_on = forms.CharField(label="宣誓日期", required=False, widget=DATE)
    leader = PersonField(congress=None, kind=PERSON, multiple=False, required=False,  # type: ignore[arg-type]
                         label="领誓人")
    persons = forms.MultipleChoiceField(label="宣誓人（经本级人大常委会表决任命、尚未宣誓的人员）", required=False,
                                        widget=forms.CheckboxSelectMultiple)
    attendance = forms.CharField(label="出席人数", required=False)
    presided_by = forms.CharField(label="监誓人", max_length=50, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)

    def __init__(self, *args, congress, due, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(congress, Meeting.Kind.SC_SESSION)
        leader = self.fields["leader"]
        assert isinstance(leader, PersonField)
        leader.congress = leader.widget.congress = congress  # type: ignore[attr-defined]
        self.fields["persons"].choices = [(str(n.person_id), f"{n.person.name}（{n.organisation.name}{n.post}）")
                                          for n in due]
