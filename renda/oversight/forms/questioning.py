"""Forms of the questioning pages (质询案)."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.meetings.models import Meeting
from renda.oversight.forms.inquiries import DATE, MeetingChoice, open_meetings
from renda.oversight.models import Questioning
from renda.people.forms import NamedErrors
from renda.people.models import Organisation


def bodies(congress):
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT, active=True) \
        .order_by("name")


class QuestioningForm(NamedErrors, Form):
    forum = forms.ChoiceField(label="提出场合", choices=Questioning.Forum.choices)
    meeting = MeetingChoice(label="会议", queryset=Meeting.objects.none(), empty_label="请选择会议")
    body = forms.ModelChoiceField(label="受质询机关", queryset=Organisation.objects.none(), empty_label="请选择")
    title = forms.CharField(label="案由", max_length=200)
    questions = forms.CharField(label="质询的问题和内容", max_length=8000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, congress, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings(congress, Meeting.Kind.SC_SESSION, Meeting.Kind.PLENARY)
        self.fields["body"].queryset = bodies(congress)
        if staff:
            self.fields["signer"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                                label="领衔提案人（工作人员代为起草时选择）")


class SignForm(NamedErrors, Form):
    def __init__(self, *args, congress, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["person"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                                label="联名人（工作人员代为登记书面联名时选择；不选为本人）")


class EmptyForm(Form):
    pass


DECISIONS = [("accept", "决定交受质询机关答复"), ("reject", "决定不列入"), ("further", "要求再作答复"), ("conclude", "办结")]


class DecideForm(NamedErrors, Form):
    decision = forms.ChoiceField(label="决定", choices=DECISIONS)
    meeting = MeetingChoice(label="决定的会议（主任会议或主席团会议）", queryset=Meeting.objects.none(), empty_label="请选择会议")
    mode = forms.ChoiceField(label="答复方式", choices=[("", "—")] + list(Questioning.Mode.choices), required=False)
    answer_by = forms.DateField(label="答复期限", required=False, widget=DATE)
    reason = forms.CharField(label="理由（不列入时必填）", max_length=300, required=False)

    def __init__(self, *args, questioning: Questioning, **kwargs):
        super().__init__(*args, **kwargs)
        kind = Meeting.Kind.PRESIDIUM if questioning.forum == Questioning.Forum.PLENARY else Meeting.Kind.DIRECTORS
        self.fields["meeting"].queryset = Meeting.objects.in_congress(questioning.congress_id).filter(kind=kind) \
            .select_related("term").order_by("-starts_at")
        allowed: dict[str, tuple[str, ...]] = {Questioning.Status.FILED: ("accept", "reject"),
                                               Questioning.Status.ANSWERED: ("further", "conclude")}
        wanted = allowed.get(questioning.status, ())
        self.fields["decision"].choices = [c for c in DECISIONS if c[0] in wanted]


class AnswerForm(NamedErrors, Form):
    answerer = forms.CharField(label="答复人（受质询机关负责人）", max_length=100)
    mode = forms.ChoiceField(label="答复方式", choices=Questioning.Mode.choices)
    answered_on = forms.DateField(label="答复日期", widget=DATE)
    text = forms.CharField(label="答复内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    document = forms.FileField(label="书面答复文件（可不传）", required=False)


class RateForm(NamedErrors, Form):
    satisfied = forms.TypedChoiceField(label="对答复", choices=[("yes", "满意"), ("no", "不满意")],
                                       coerce=lambda v: v == "yes", widget=forms.RadioSelect)

    def __init__(self, *args, questioning: Questioning, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["person"] = PersonField(congress=questioning.congress, kind=PERSON, multiple=False,
                                                required=False, label="提案人（工作人员代为记录时选择）")
