from django import forms
from django.contrib.auth import get_user_model

from renda.core.roles import Role
from renda.people.models import Organisation


class RuleForm(forms.Form):
    value = forms.CharField(label="取值", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reset = forms.BooleanField(label="恢复法定默认值", required=False)


class GrantForm(forms.Form):
    username = forms.CharField(label="账号", max_length=150)
    role = forms.ChoiceField(label="角色", choices=[c for c in Role.choices if c[0] != Role.PUBLIC])
    organisation = forms.ModelChoiceField(label="所属机构（工作委员会或承办单位）", queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_username(self):
        name = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError(f"没有账号“{name}”")
        return user


class TokenForm(forms.Form):
    name = forms.CharField(label="令牌名称", max_length=60)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="操作", required=False)
    actor = forms.CharField(label="操作人", required=False)
    object_type = forms.CharField(label="对象类型", required=False)
