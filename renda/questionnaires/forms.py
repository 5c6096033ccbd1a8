"""Forms for questionnaires: the staff's (questionnaire, questions, codes) and the public answer form,
built from the questionnaire's questions. The rules are the actions'; these forms only read input."""

from __future__ import annotations

from django import forms

from renda.questionnaires.actions import MAX_CODES
from renda.questionnaires.models import Question, Questionnaire

K = Question.Kind


def named(label: str) -> dict[str, str]:
    """Django's messages for a field, each naming it as the actions do (“题目”必须填写), instead of
    the nameless 这个字段是必填项。 (``label`` is the box's name without its hint in brackets.)"""
    return {
        "required": f"“{label}”必须填写",
        "max_length": f"“{label}”不能超过 %(limit_value)d 个字，现有 %(show_value)d 个字",
        "min_length": f"“{label}”至少 %(limit_value)d 个字",
        "invalid": f"“{label}”的格式不正确",
        "min_value": f"“{label}”不能小于 %(limit_value)s",
        "max_value": f"“{label}”不能大于 %(limit_value)s",
        "step_size": f"“{label}”须为整数",
        "invalid_choice": f"“{label}”的选项无效，请重新选择",
        "invalid_list": f"“{label}”的选项无效，请重新选择",
        "null_characters_not_allowed": f"“{label}”含有不允许的字符",
    }


def whole(label: str) -> dict[str, str]:
    return {**named(label), "invalid": f"“{label}”须为整数"}


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="问卷标题", max_length=200, error_messages=named("问卷标题"))
    intro = forms.CharField(label="说明（显示在问卷开头）", required=False, max_length=2000, error_messages=named("说明"),
                            widget=forms.Textarea(attrs={"rows": 3}))
    access = forms.ChoiceField(label="答卷方式", choices=Questionnaire.Access.choices, initial=Questionnaire.Access.LINK,
                               widget=forms.RadioSelect, error_messages=named("答卷方式"))
    closes_at = forms.DateTimeField(label="截止时间（可不填，届时自动停止收集）", required=False,
                                    error_messages={**named("截止时间"),
                                                    "invalid": "“截止时间”须为日期和时间，如 2024-01-05 09:00"},
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


class QuestionForm(forms.Form):
    text = forms.CharField(label="题目", max_length=300, required=False, error_messages=named("题目"))
    kind = forms.ChoiceField(label="题型", choices=K.choices, initial=K.SINGLE, error_messages=named("题型"))
    required = forms.BooleanField(label="必答", required=False, initial=True, error_messages=named("必答"))
    choices = forms.CharField(label="选项（每行一个）", required=False, error_messages=named("选项"),
                              widget=forms.Textarea(attrs={"rows": 4, "placeholder": "满意\n基本满意\n不满意"}))
    max_choices = forms.IntegerField(label="最多选几项（多选题，可不填）", required=False,
                                     error_messages=whole("最多选几项"))
    scale_min = forms.IntegerField(label="量表最小值", required=False, initial=1,
                                   error_messages=whole("量表最小值"))
    scale_max = forms.IntegerField(label="量表最大值", required=False, initial=5,
                                   error_messages=whole("量表最大值"))
    scale_low_label = forms.CharField(label="最小值含义", required=False, max_length=20,
                                      error_messages=named("最小值含义"))
    scale_high_label = forms.CharField(label="最大值含义", required=False, max_length=20,
                                       error_messages=named("最大值含义"))

    def question_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("DELETE", None)
        data["choices"] = [line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()]
        return data

    def is_blank(self) -> bool:
        """A row left empty (the "add a question" row not filled in): not a question."""
        data = self.cleaned_data
        return not (data.get("text") or "").strip() and not (data.get("choices") or "").strip()


QuestionFormSet = forms.formset_factory(QuestionForm, extra=0, can_delete=True, max_num=100, absolute_max=100)


def question_initial(question: Question) -> dict:
    return {"text": question.text, "kind": question.kind, "required": question.required,
            "choices": "\n".join(question.choices), "max_choices": question.max_choices,
            "scale_min": question.scale_min, "scale_max": question.scale_max,
            "scale_low_label": question.scale_low_label, "scale_high_label": question.scale_high_label}


class CodesForm(forms.Form):
    count = forms.IntegerField(label=f"数量（1 至 {MAX_CODES}）", min_value=1, max_value=MAX_CODES,
                               error_messages=whole("数量"))
    batch = forms.CharField(label="发放对象（如：某街道居民代表）", required=False, max_length=60,
                            error_messages=named("发放对象"))


PICKED_ELSEWHERE = "所选选项不在本题的选项中"
ONE_ONLY = {K.SINGLE: "此题只能选一项", K.SCALE: "此题只能选一个分值", K.TEXT: "此题只能填写一个回答"}
ONE_CODE = "只能填写一个答卷码"


class AnswerForm(forms.Form):
    """One field per question, named ``q<id>``: radios (single, scale), check boxes (multiple), a
    text box (text); plus the code box for a questionnaire answered by codes. Whether a question
    must be answered is the action's rule, so that its message is the one shown. A field that takes
    one value and is sent two (``q1=0&q1=1``, which Django would read as the last) is refused."""

    def __init__(self, *args, questionnaire: Questionnaire, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if questionnaire.access == Questionnaire.Access.CODES:
            self.fields["code"] = forms.CharField(label="答卷码", required=False, max_length=20,
                                                  error_messages=named("答卷码"),
                                                  widget=forms.TextInput(attrs={"autocomplete": "off",
                                                                                "autocapitalize": "characters"}))
        for q in questions:
            name = f"q{q.pk}"
            if q.kind == K.SINGLE:
                self.fields[name] = forms.TypedChoiceField(label=q.text, required=False, coerce=int, empty_value=None,
                                                           choices=list(enumerate(q.choices)), widget=forms.RadioSelect,
                                                           error_messages={"invalid_choice": PICKED_ELSEWHERE})
            elif q.kind == K.MULTIPLE:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=q.text, required=False, coerce=int, choices=list(enumerate(q.choices)),
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": PICKED_ELSEWHERE, "invalid_list": PICKED_ELSEWHERE})
            elif q.kind == K.SCALE:
                points = range(q.scale_min, q.scale_max + 1)
                self.fields[name] = forms.TypedChoiceField(
                    label=q.text, required=False, coerce=int, empty_value=None,
                    choices=[(v, str(v)) for v in points], widget=forms.RadioSelect,
                    error_messages={"invalid_choice": f"请选择 {q.scale_min} 至 {q.scale_max} 之间的分值"})
            else:
                self.fields[name] = forms.CharField(label=q.text, required=False, strip=False,
                                                    widget=forms.Textarea(attrs={"rows": 4}),
                                                    error_messages={"null_characters_not_allowed": "回答含有不允许的字符"})

    def clean(self):
        cleaned = super().clean()
        if not hasattr(self.data, "getlist"):
            return cleaned
        if "code" in self.fields and len(self.data.getlist(self.add_prefix("code"))) > 1:
            self.add_error("code", ONE_CODE)
        for q in self.questions:
            name = f"q{q.pk}"
            if q.kind != K.MULTIPLE and len(self.data.getlist(self.add_prefix(name))) > 1:
                self.add_error(name, ONE_ONLY[q.kind])
        return cleaned

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def question_fields(self) -> list:
        """(question, bound field) in the questionnaire's order, for the page."""
        return [(q, self[f"q{q.pk}"]) for q in self.questions]
