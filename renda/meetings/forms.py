"""The forms of the meeting pages. Each re-renders with what was typed and the error beside its
field; the checks that are rules of the domain stay in meetings.actions, whose errors are put on
these fields by core.views_helpers.add_action_errors."""

from __future__ import annotations

from django import forms

from renda.core import uploads
from renda.core.models import Congress, Term
from renda.core.picker import PERSON, PersonField
from renda.meetings.actions import BODY_KINDS
from renda.meetings.models import AgendaItem, Document, Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation


class Form(forms.Form):
    """Labels without the trailing colon, as Chinese forms are set."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class LocalDateTimeInput(forms.DateTimeInput):
    """A browser's date-and-time picker; the value it sends is local time (Asia/Shanghai)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def local_datetime_field(label: str, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=LocalDateTimeInput(),
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"], **kwargs)


class MeetingForm(Form):
    kind = forms.ChoiceField(label="会议类别", choices=Meeting.Kind.choices)
    term = forms.ModelChoiceField(label="届次", queryset=Term.objects.none(), empty_label=None)
    organisation = forms.ModelChoiceField(label="组成人员所在机构（常委会会议、主任会议、主席团、代表团会议必填）",
                                          queryset=Organisation.objects.none(), required=False, empty_label="—")
    starts_at = local_datetime_field("开始时间")
    place = forms.CharField(label="地点", max_length=100, required=False)
    chair = PersonField(congress=None, label="主持人（可不填）", required=False)  # type: ignore[arg-type]  # set in __init__
    allow_vote_change = forms.BooleanField(label="表决结束前允许改变表决意见", required=False)
    number = forms.IntegerField(label="次数（不填则自动续编）", required=False, min_value=1, max_value=999)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.in_congress(congress)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.in_congress(congress).filter(  # type: ignore[attr-defined]
            kind__in=list(BODY_KINDS.values()))
        self.fields["chair"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                           label="主持人（可不填）")


class MeetingChangeForm(NamedErrors, Form):
    """Time, place, convener and chair of a meeting not yet closed (the chair presides and decides leave)."""

    starts_at = local_datetime_field("开始时间")
    place = forms.CharField(label="地点", max_length=100, required=False)
    convener = forms.CharField(label="召集人", max_length=100, required=False)
    chair = PersonField(congress=None, label="主持人", required=False)  # type: ignore[arg-type]  # set in __init__

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                           label="主持人（常委会主任或副主任）")


class LeaveForm(Form):
    reason = forms.CharField(label="请假理由", max_length=200)


class SignInCodeForm(Form):
    code = forms.CharField(label="会场签到码", max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class AgendaForm(Form):
    kind = forms.ChoiceField(label="类别", choices=AgendaItem.Kind.choices)
    title = forms.CharField(label="议题", max_length=200)


class DocumentForm(Form):
    title = forms.CharField(label="文件标题", max_length=200)
    audience = forms.ChoiceField(label="阅读范围", choices=Document.Audience.choices)
    release_at = local_datetime_field("发布时间（此前任何人不能下载）")
    agenda_item = forms.ModelChoiceField(label="所属议程（可不选）", queryset=AgendaItem.objects.none(), required=False,
                                         empty_label="—")
    file = forms.FileField(label="文件（PDF、OFD、Word、Excel、PowerPoint、图片或文本，"
                                 f"{uploads.size_text(uploads.PURPOSES['meeting_document'].max_bytes)} 以内）",
                           widget=forms.ClearableFileInput(attrs={"accept": uploads.accept("meeting_document")}))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.in_congress(meeting.congress_id).filter(  # type: ignore[attr-defined]
            meeting=meeting)


class AttendeeForm(NamedErrors, Form):
    """A non-voting attendee (列席): someone of this congress is picked by name and linked; someone
    outside its register (a government leader, the court president) is entered by name and post."""

    person = PersonField(congress=None, label="本级人员（输入姓名选择）", required=False)  # type: ignore[arg-type]
    name = forms.CharField(label="或：本级名册以外人员的姓名", max_length=50, required=False)
    other_person = forms.BooleanField(label="与本级同名人员不是同一人", required=False)
    post = forms.CharField(label="列席身份", max_length=60,
                           widget=forms.TextInput(attrs={"placeholder": "如 市人民政府副市长"}))

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                            label="本级人员（输入姓名选择）")

    def clean(self):
        data = super().clean()
        if data.get("person") is None and not (data.get("name") or "").strip() and not self.has_error("person"):
            self.add_error("person", "请选择本级人员，或填写名册以外人员的姓名")
        if data.get("person") is not None and (data.get("name") or "").strip():
            self.add_error("name", "已选择本级人员，姓名不用再填")
        return data


class DeviceImportForm(Form):
    file = forms.FileField(label="电子签到设备导出的 CSV（一列“代表证号”或“姓名”）",
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv"}))
