from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from renda.core import accounts, audit_display
from renda.core.picker import PERSON, PersonField
from renda.core.roles import Role
from renda.people.models import Organisation


class Form(forms.Form):
    """Labels without a trailing colon, as on the other pages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RuleForm(Form):
    value = forms.CharField(label="取值", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reset = forms.BooleanField(label="恢复法定默认值", required=False)


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from renda.people.models import Person

        try:
            name = obj.get_full_name() or obj.person.name
        except Person.DoesNotExist:
            name = ""
        return f"{name}（{obj.get_username()}）" if name else obj.get_username()


class GrantForm(Form):
    """The account is picked — from this congress's accounts, or by the name of a person serving here
    whose login it is — never typed; the role has no default, so nothing is granted by accident."""

    account = AccountChoiceField(label="账号", queryset=None, required=False, empty_label="请选择账号")
    person = PersonField(congress=None, kind=PERSON, multiple=False, required=False,  # type: ignore[arg-type]
                         label="或按姓名选择人员（须已有登录账号）")
    role = forms.ChoiceField(label="角色", choices=[("", "请选择角色")] + [c for c in Role.choices if c[0] != Role.PUBLIC],
                             error_messages={"required": "请选择角色"})
    organisation = forms.ModelChoiceField(label="所属机构（工作委员会工作人员、承办单位工作人员必选）",
                                          queryset=Organisation.objects.none(), required=False,
                                          empty_label="（无）")

    def __init__(self, *args, congress, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = (accounts.accounts(congress).select_related("person")
                                           .order_by("first_name", "username"))
        self.fields["person"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                            label=self.fields["person"].label)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        account, person = data.get("account"), data.get("person")
        if "account" in self.errors or "person" in self.errors:
            return data
        if account is None and person is None:
            raise forms.ValidationError("请选择账号，或输入人员姓名")
        if account is not None and person is not None and person.user_id != account.pk:
            raise forms.ValidationError("账号和人员只选一项")
        if account is None and person is not None:
            if person.user is None:
                self.add_error("person", f"{person.name}还没有登录账号，请先在“账号”页新建账号并关联此人")
            else:
                data["account"] = person.user
        return data


class AccountCreateForm(Form):
    username = forms.CharField(label="账号（登录名）", max_length=150,
                               help_text="字母、数字和 @ . + - _，如 zhangwei",
                               widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))
    full_name = forms.CharField(label="姓名", max_length=150)
    person = PersonField(congress=None, kind=PERSON, multiple=False, required=False,  # type: ignore[arg-type]
                         label="关联人员（可选）")
    # The admin reads the initial password out or hands it over, so it is typed in the clear and kept on error.
    password = forms.CharField(label="初始密码（留空则由系统生成）", required=False, strip=False,
                               widget=forms.TextInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                            label=self.fields["person"].label,
                                            help_text="输入姓名，从列表中选择；该人员登录时看到自己的履职页面")


class ResetPasswordForm(Form):
    password = forms.CharField(label="新密码（留空则由系统生成）", required=False, strip=False,
                               widget=forms.TextInput(attrs={"autocomplete": "new-password"}))


class OwnPasswordForm(PasswordChangeForm):
    """Django's own form: the old password, then the new one twice through the password validators
    (their messages in Chinese). Passwords are not sent back into the page on error (they would sit
    in the HTML)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # In Chinese whatever language the browser asks for (Django's catalogue lacks some of these).
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password1"].help_text = "至少 8 个字符，不能全是数字，不能是常见密码，不能与账号或姓名相似。"
        self.fields["new_password2"].label = "再输入一次新密码"
        self.fields["new_password2"].help_text = ""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入",
        "password_mismatch": "两次输入的新密码不一致",
    }

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        problems = accounts.password_problems(password, user) if password else []
        if problems:
            self.add_error(password_field_name, problems)


class TokenForm(Form):
    name = forms.CharField(label="令牌名称", max_length=60)
    days = forms.TypedChoiceField(label="有效期", coerce=int, initial=90,
                                  choices=[(30, "30 天"), (90, "90 天"), (180, "180 天"), (366, "一年（366 天）")])


def _filter_day(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": f"“{label}”须为有效日期，如 2026-01-31"})


class AuditFilterForm(Form):
    q = forms.CharField(label="关键词", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": "对象、操作或操作人"}))
    action = forms.ChoiceField(label="操作", required=False)
    actor = forms.CharField(label="操作人", required=False, max_length=150,
                            widget=forms.TextInput(attrs={"placeholder": "姓名或账号"}))
    object_type = forms.ChoiceField(label="对象类型", required=False)
    since = _filter_day("起始日期")
    until = _filter_day("截止日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "全部操作"), *audit_display.action_choices()]
        self.fields["object_type"].choices = [("", "全部对象"), *audit_display.object_type_choices()]

    def _day(self, name: str):
        from renda.people.validation import FILTER_DAYS

        day = self.cleaned_data.get(name)
        first, last = FILTER_DAYS
        if day and not first <= day <= last:
            raise forms.ValidationError(f"“{self.fields[name].label}”须在 {first.isoformat()} 至 {last.isoformat()} 之间，"
                                  f"收到：{day.isoformat()}")
        return day

    def clean_since(self):
        return self._day("since")

    def clean_until(self):
        return self._day("until")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "“截止日期”不能早于“起始日期”")
        return data
