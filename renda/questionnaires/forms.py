"""Forms for questionnaires: the staff's (questionnaire, questions, codes) and the public answer form,
built from the questionnaire's questions. The rules are the actions'; these forms only read input."""

from __future__ import annotations

from django import forms

from renda.questionnaires.actions import MAX_CODES
from renda.questionnaires.models import Question, Questionnaire

K = Question.Kind


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="问卷标题", max_length=200)
    intro = forms.CharField(label="说明（显示在问卷开头）", required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    access = forms.ChoiceField(label="答卷方式", choices=Questionnaire.Access.choices, initial=Questionnaire.Access.LINK,
                               widget=forms.RadioSelect)
    closes_at = forms.DateTimeField(label="截止时间（可不填，届时自动停止收集）", required=False,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


class QuestionForm(forms.Form):
    text = forms.CharField(label="题目", max_length=300, required=False)
    kind = forms.ChoiceField(label="题型", choices=K.choices, initial=K.SINGLE)
    required = forms.BooleanField(label="必答", required=False, initial=True)
    choices = forms.CharField(label="选项（每行一个）", required=False,
                              widget=forms.Textarea(attrs={"rows": 4, "placeholder": "满意\n基本满意\n不满意"}))
    max_choices = forms.IntegerField(label="最多选几项（多选题，可不填）", required=False)
    scale_min = forms.IntegerField(label="量表最小值", required=False, initial=1)
    scale_max = forms.IntegerField(label="量表最大值", required=False, initial=5)
    scale_low_label = forms.CharField(label="最小值含义", required=False, max_length=20)
    scale_high_label = forms.CharField(label="最大值含义", required=False, max_length=20)

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
    count = forms.IntegerField(label=f"数量（1 至 {MAX_CODES}）", min_value=1, max_value=MAX_CODES)
    batch = forms.CharField(label="发放对象（如：某街道居民代表）", required=False, max_length=60)


class AnswerForm(forms.Form):
    """One field per question, named ``q<id>``: radios (single, scale), check boxes (multiple), a
    text box (text); plus the code box for a questionnaire answered by codes. Whether a question
    must be answered is the action's rule, so that its message is the one shown."""

    def __init__(self, *args, questionnaire: Questionnaire, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if questionnaire.access == Questionnaire.Access.CODES:
            self.fields["code"] = forms.CharField(label="答卷码", required=False, max_length=20,
                                                  widget=forms.TextInput(attrs={"autocomplete": "off",
                                                                                "autocapitalize": "characters"}))
        for q in questions:
            name = f"q{q.pk}"
            if q.kind == K.SINGLE:
                self.fields[name] = forms.TypedChoiceField(label=q.text, required=False, coerce=int, empty_value=None,
                                                           choices=list(enumerate(q.choices)), widget=forms.RadioSelect)
            elif q.kind == K.MULTIPLE:
                self.fields[name] = forms.TypedMultipleChoiceField(label=q.text, required=False, coerce=int,
                                                                   choices=list(enumerate(q.choices)),
                                                                   widget=forms.CheckboxSelectMultiple)
            elif q.kind == K.SCALE:
                points = range(q.scale_min, q.scale_max + 1)
                self.fields[name] = forms.TypedChoiceField(label=q.text, required=False, coerce=int, empty_value=None,
                                                           choices=[(v, str(v)) for v in points],
                                                           widget=forms.RadioSelect)
            else:
                self.fields[name] = forms.CharField(label=q.text, required=False, strip=False,
                                                    widget=forms.Textarea(attrs={"rows": 4}))

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def question_fields(self) -> list:
        """(question, bound field) in the questionnaire's order, for the page."""
        return [(q, self[f"q{q.pk}"]) for q in self.questions]
