"""Forms of the special investigation committee's pages."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.meetings.models import Meeting
from renda.oversight.forms.inquiries import DATE, MeetingChoice, open_meetings
from renda.oversight.models import Investigation, InvestigationMember
from renda.people.forms import NamedErrors

ROLE_FIELDS = [("vice_chairs", InvestigationMember.Role.VICE_CHAIR), ("members", InvestigationMember.Role.MEMBER),
               ("experts", InvestigationMember.Role.EXPERT)]


class ProposeForm(NamedErrors, Form):
    title = forms.CharField(label="名称", max_length=200)
    subject = forms.CharField(label="调查的特定问题", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    meeting = MeetingChoice(label="决定设立的会议", queryset=Meeting.objects.none(), empty_label="请选择会议")

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings(congress, Meeting.Kind.SC_SESSION, Meeting.Kind.PLENARY)


class MembersForm(NamedErrors, Form):
    def __init__(self, *args, investigation: Investigation, **kwargs):
        super().__init__(*args, **kwargs)
        c = investigation.congress
        self.fields["chair"] = PersonField(congress=c, kind=PERSON, multiple=False, required=False, label="主任委员")
        for name, role in ROLE_FIELDS:
            self.fields[name] = PersonField(congress=c, kind=PERSON, multiple=True, required=False,
                                            label=f"{role.label}（可多人）")

    def pairs(self) -> list:
        data = self.cleaned_data
        found = [(data["chair"], InvestigationMember.Role.CHAIR.value)] if data.get("chair") else []
        for name, role in ROLE_FIELDS:
            found += [(p, role.value) for p in data.get(name) or []]
        return found

    @staticmethod
    def initial_for(investigation: Investigation) -> dict:
        rows = list(InvestigationMember.objects.in_congress(investigation.congress_id)
                    .filter(investigation=investigation).select_related("person"))
        chair = next((m.person for m in rows if m.role == InvestigationMember.Role.CHAIR), None)
        initial: dict = {"chair": chair}
        for name, role in ROLE_FIELDS:
            initial[name] = [m.person for m in rows if m.role == role]
        return initial


class EmptyForm(Form):
    pass


class EvidenceForm(NamedErrors, Form):
    on = forms.DateField(label="取得日期", widget=DATE)
    title = forms.CharField(label="材料名称", max_length=200)
    source = forms.CharField(label="来源", max_length=200)
    description = forms.CharField(label="内容摘要（可不填）", max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label="文件（可不传）", required=False)


class ReportForm(NamedErrors, Form):
    meeting = MeetingChoice(label="听取报告的会议", queryset=Meeting.objects.none(), empty_label="请选择会议")
    report = forms.CharField(label="调查报告（或上传报告文本）", max_length=40000, required=False,
                             widget=forms.Textarea(attrs={"rows": 8}))
    document = forms.FileField(label="调查报告文本（可不传）", required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings(congress, Meeting.Kind.SC_SESSION, Meeting.Kind.PLENARY)


class DecisionForm(NamedErrors, Form):
    decision = forms.CharField(label="决议", max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    decided_on = forms.DateField(label="决议日期", widget=DATE)
