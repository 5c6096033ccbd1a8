"""Forms of the fieldwork steps. The actions hold the rules; these read what was typed and show it
again, with the error beside its field, when a step is refused."""

from __future__ import annotations

from django import forms

from renda.core import uploads
from renda.core.picker import PERSON, PersonField
from renda.oversight.forms.plan import Form
from renda.oversight.models import Activity, ActivityQuestionnaire, Stop
from renda.people.forms import named
from renda.people.models import Mandate, Organisation
from renda.questionnaires.models import Questionnaire

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REPORT_ROWS = 3
SPEECH_ROWS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input; the action checks their number, size and kind."""

    def __init__(self, *, purpose: str, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": uploads.accept(purpose)}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


class VisitorsField(PersonField):
    """The visitors' picker: an entry of bare digits that is no deputy's certificate number is taken as
    a person's id (as "@id"), so that a person of this congress off the team is named by the action
    (“…”不是本调研（检查）组成员) rather than reported as not found."""

    def to_python(self, value):
        entries = super().to_python(value)
        numbers = set(Mandate.objects.in_congress(self.congress).filter(
            number__in=[e for e in entries if e.isdecimal()]).values_list("number", flat=True))
        return [f"@{e}" if e.isdecimal() and e not in numbers else e for e in entries]


class NoticeForm(Form):
    text = forms.CharField(label="通知内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    reply_by = forms.DateField(label="回复截止（可不填）", required=False, widget=DATE)


class ReplyForm(Form):
    answer = forms.ChoiceField(label="回复", choices=[("attend", "参加"), ("absent", "不参加")],
                               widget=forms.RadioSelect)
    reason = forms.CharField(label="说明（不参加的须写明理由）", max_length=200, required=False)

    def __init__(self, *args, congress=None, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:  # staff record the reply of a named person (told by phone)
            self.fields["person"] = PersonField(congress=congress, kind=PERSON, multiple=False, label="回复人",
                                                required=False)

    def clean(self):
        data = super().clean()
        if data.get("answer") == "absent" and "reason" not in self.errors and not (data.get("reason") or "").strip():
            self.add_error("reason", "不参加的须说明理由（“说明”必须填写）")
        return data


class LetterForm(Form):
    units = forms.ModelMultipleChoiceField(label="单位（可多选）", queryset=Organisation.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    text = forms.CharField(label="函件内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    due_on = forms.DateField(label="报送期限", widget=DATE)

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Organisation.objects.in_congress(activity.congress_id).filter(
            kind=Organisation.Kind.HANDLING_UNIT).order_by("name")


class SelfReportForm(Form):
    upload = forms.FileField(label="自查报告（PDF、OFD、Word、Excel 或图片）",
                             widget=forms.ClearableFileInput(attrs={"accept": uploads.accept("oversight_document")}))


class SiteVisitForm(Form):
    day = forms.DateField(label="日期", widget=DATE)
    county = forms.CharField(label="县（市、区）", max_length=40)
    place = forms.CharField(label="地点", max_length=200)
    stop = forms.ModelChoiceField(label="对应的行程（可不选）", queryset=Stop.objects.none(), required=False)
    observations = forms.CharField(label="察看情况", max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    visitors = forms.Field(label="察看人员", required=False)
    photos = FilesField(label="照片（JPEG 或 PNG，最多 6 张）", purpose="oversight_photo")
    captions = forms.CharField(label="照片说明（每行一条，按照片顺序，可不填）", required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitors"] = VisitorsField(congress=activity.congress, kind=PERSON, label="察看人员（本组成员）",
                                                required=False)
        self.fields["stop"].queryset = Stop.objects.in_congress(activity.congress_id).filter(activity=activity)

    def caption_list(self) -> list[str]:
        lines = (self.cleaned_data.get("captions") or "").splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        return lines


class SymposiumForm(Form):
    """A symposium: its units' reports and speeches in rows (a row left empty is skipped)."""

    day = forms.DateField(label="日期", widget=DATE)
    place = forms.CharField(label="地点", max_length=200)
    topic = forms.CharField(label="主题", max_length=200)
    summary = forms.CharField(label="会议情况", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organisation.objects.in_congress(activity.congress_id).filter(
            kind=Organisation.Kind.HANDLING_UNIT).order_by("name")
        for n in range(1, REPORT_ROWS + 1):
            report = f"第{n}份汇报材料的"
            self.fields[f"report{n}_unit"] = named(forms.ModelChoiceField(label="单位", queryset=units, required=False),
                                                   f"{report}单位")
            self.fields[f"report{n}_title"] = named(forms.CharField(label="标题", max_length=200, required=False),
                                                    f"{report}标题")
            self.fields[f"report{n}_file"] = named(forms.FileField(
                label="文件", required=False,
                widget=forms.ClearableFileInput(attrs={"accept": uploads.accept("oversight_document")})), f"{report}文件")
        for n in range(1, SPEECH_ROWS + 1):
            speech = f"第{n}条发言的"
            self.fields[f"speech{n}_person"] = named(PersonField(
                congress=activity.congress, kind=PERSON, multiple=False, label="发言人（本级人员）", required=False),
                f"{speech}发言人")
            self.fields[f"speech{n}_speaker"] = named(forms.CharField(label="或填写姓名", max_length=60, required=False),
                                                      f"{speech}发言人姓名")
            self.fields[f"speech{n}_affiliation"] = named(
                forms.CharField(label="单位职务", max_length=100, required=False), f"{speech}单位职务")
            self.fields[f"speech{n}_summary"] = named(forms.CharField(
                label="发言要点", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})),
                f"{speech}发言要点")

    def report_rows(self):
        return [(self[f"report{n}_unit"], self[f"report{n}_title"], self[f"report{n}_file"])
                for n in range(1, REPORT_ROWS + 1)]

    def speech_rows(self):
        return [(self[f"speech{n}_person"], self[f"speech{n}_speaker"], self[f"speech{n}_affiliation"],
                 self[f"speech{n}_summary"]) for n in range(1, SPEECH_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for n in range(1, REPORT_ROWS + 1):
            unit, title, upload = (data.get(f"report{n}_{k}") for k in ("unit", "title", "file"))
            if (unit or title or upload) and not (unit and title and upload):
                self.add_error(f"report{n}_title", f"第{n}份汇报材料须选择单位、填写标题并上传文件")
        for n in range(1, SPEECH_ROWS + 1):
            person, speaker, summary = (data.get(f"speech{n}_{k}") for k in ("person", "speaker", "summary"))
            if (person or (speaker or "").strip() or (summary or "").strip()) and not (summary or "").strip():
                self.add_error(f"speech{n}_summary", f"第{n}条发言须写明“发言要点”")
            elif (summary or "").strip() and not person and not (speaker or "").strip():
                self.add_error(f"speech{n}_speaker", f"第{n}条发言须选择或填写发言人")
        return data

    def reports(self) -> list[tuple]:
        d = self.cleaned_data
        return [(d[f"report{n}_unit"], d[f"report{n}_title"], d[f"report{n}_file"]) for n in range(1, REPORT_ROWS + 1)
                if d.get(f"report{n}_file")]

    def speeches(self) -> list[dict]:
        d = self.cleaned_data
        return [{"person": d[f"speech{n}_person"], "speaker": d[f"speech{n}_speaker"],
                 "affiliation": d[f"speech{n}_affiliation"], "summary": d[f"speech{n}_summary"]}
                for n in range(1, SPEECH_ROWS + 1) if (d.get(f"speech{n}_summary") or "").strip()]


class QuestionnaireForm(Form):
    questionnaire = forms.ModelChoiceField(label="问卷", queryset=Questionnaire.objects.none())

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        attached = ActivityQuestionnaire.objects.in_congress(activity.congress_id).filter(
            activity=activity).values("questionnaire_id")
        self.fields["questionnaire"].queryset = Questionnaire.objects.in_congress(activity.congress_id).exclude(
            pk__in=attached)
