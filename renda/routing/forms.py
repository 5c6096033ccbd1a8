from django import forms

from renda.people.forms import NamedErrors


class DutiesForm(NamedErrors, forms.Form):
    duties = forms.CharField(label="职责（三定方案）", required=False, widget=forms.Textarea(attrs={"rows": 12}),
                             help_text="照三定方案“主要职责”填写，各项之间用分号或句号隔开；系统据此建议承办单位")


class TryForm(NamedErrors, forms.Form):
    text = forms.CharField(label="件的标题和内容", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
