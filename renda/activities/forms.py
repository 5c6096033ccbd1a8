"""Forms of the activity and training pages. The actions hold the rules; these read what was typed
and show it again, with the message beside its box, when a step is refused."""

from __future__ import annotations

from django import forms

from renda.activities.models import Activity, Output, Participant, TrainingProgramme
from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.people.forms import NamedErrors
from renda.people.models import Organisation
from renda.proposals.models import Suggestion

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _groups(congress):
    return (Organisation.objects.in_congress(congress)
            .filter(kind__in=[Organisation.Kind.DEPUTY_GROUP, Organisation.Kind.DELEGATION], active=True)
            .order_by("kind", "name"))


class ActivityForm(NamedErrors, Form):
    kind = forms.ChoiceField(label="活动类别", choices=Activity.Kind.choices)
    topic = forms.CharField(label="主题", max_length=200)
    starts_at = forms.DateTimeField(label="开始时间", widget=WHEN)
    ends_at = forms.DateTimeField(label="结束时间（可不填）", required=False, widget=WHEN)
    place = forms.CharField(label="地点", max_length=200)
    description = forms.CharField(label="内容（可不填）", max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    deputy_group = forms.ModelChoiceField(label="代表小组或代表团（可不填）", queryset=Organisation.objects.none(),
                                          required=False, empty_label="（无）")
    programme = forms.ModelChoiceField(label="培训项目（培训活动可选）", queryset=TrainingProgramme.objects.none(),
                                       required=False, empty_label="（无）")
    hours = forms.CharField(label="学时（培训活动必填）", max_length=8, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "decimal"}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "activity_%s")
        super().__init__(*args, **kwargs)
        self.fields["deputy_group"].queryset = _groups(congress)
        self.fields["programme"].queryset = TrainingProgramme.objects.in_congress(congress).order_by("-year", "-id")


class AddParticipantsForm(NamedErrors, Form):
    people = PersonField(congress=None, label="选择本级人员", required=False)  # type: ignore[arg-type]
    entries = forms.CharField(
        label="或粘贴名单（各级代表的姓名或本级代表证号，用逗号、顿号或换行分隔）", required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "张伟、李娜\n王强"}))
    groups = forms.ModelMultipleChoiceField(label="或按本级代表小组、代表团整体邀请", queryset=Organisation.objects.none(),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    role = forms.CharField(label="身份（可不填，如：带队、列席）", max_length=30, required=False)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "add_%s")
        super().__init__(*args, **kwargs)
        self.fields["people"] = PersonField(congress=congress, kind=PERSON, required=False,
                                            label=self.fields["people"].label)
        self.fields["groups"].queryset = _groups(congress)


class ReplyForm(NamedErrors, Form):
    reply = forms.ChoiceField(label="回复", choices=[(Participant.Reply.ATTEND, "参加"), (Participant.Reply.LEAVE, "请假")],
                              widget=forms.RadioSelect)
    reason = forms.CharField(label="请假理由（请假时必填）", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reply_%s")
        super().__init__(*args, **kwargs)


class SignInForm(NamedErrors, Form):
    code = forms.CharField(label="签到码（现场屏幕上的 6 位数字）", max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "signin_%s")
        super().__init__(*args, **kwargs)


class HeldForm(NamedErrors, Form):
    summary = forms.CharField(label="活动情况", max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "held_%s")
        super().__init__(*args, **kwargs)


class CancelForm(NamedErrors, Form):
    reason = forms.CharField(label="取消原因（可不填）", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel_%s")
        super().__init__(*args, **kwargs)


class OutputForm(NamedErrors, Form):
    kind = forms.ChoiceField(label="类别", choices=Output.Kind.choices)
    title = forms.CharField(label="标题（关联代表建议时可不填）", max_length=200, required=False)
    suggestion = forms.ModelChoiceField(label="关联本级的代表建议（类别为代表建议时）", queryset=Suggestion.objects.none(),
                                        required=False, empty_label="（无）")
    text = forms.CharField(label="内容（可不填）", max_length=20000, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "output_%s")
        super().__init__(*args, **kwargs)
        self.fields["suggestion"].queryset = Suggestion.objects.in_congress(congress).order_by("-id")


class ProgrammeForm(NamedErrors, Form):
    kind = forms.ChoiceField(label="培训类别", choices=TrainingProgramme.Kind.choices)
    title = forms.CharField(label="培训名称", max_length=200)
    year = forms.CharField(label="年度", max_length=4, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    organiser = forms.CharField(label="主办单位（可不填）", max_length=100, required=False)
    certificate = forms.BooleanField(label="颁发结业证书", required=False)
    required_hours = forms.CharField(label="结业所需学时（颁发证书时必填）", max_length=8, required=False,
                                     widget=forms.TextInput(attrs={"inputmode": "decimal"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "programme_%s")
        super().__init__(*args, **kwargs)
