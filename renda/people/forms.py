import re
from typing import Any

from django import forms

from renda.core.models import Term
from renda.core.picker import PERSON, PersonField
from renda.people.models import Mandate, Membership, Organisation, Person

# A date box shows only ISO dates; the Chinese locale's 2024/03/05 would leave it blank.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# A label's closing hint in brackets — （可不选）, （每行一部） — is no part of the field's name; these are.
_HINT = re.compile(r"（[^（）]*）$")
_NAMES_IN_BRACKETS = ("（市、区）",)


def field_name(field) -> str:
    """The name a message calls the field by: its ``error_name`` if set (a row's box: 第2站的日期),
    else its label without a closing hint."""
    named = getattr(field, "error_name", "")
    if named:
        return named
    label = str(field.label or "")
    return label if label.endswith(_NAMES_IN_BRACKETS) else (_HINT.sub("", label) or label)


def named(field, name: str):
    """The field, to be called ``name`` in its messages."""
    field.error_name = name
    return field


def name_messages(fields) -> None:
    """Every message a field can give names it (“说明”不能超过 200 个字), in place of Django's nameless
    ones (确保该变量包含不超过 200 字符, 所提交的是空文件。, 这个字段是必填项。)."""
    for field in fields.values():
        q = f"“{field_name(field)}”"
        m = field.error_messages
        m["required"] = f"{q}必须填写"
        m["null_characters_not_allowed"] = f"{q}不能含有空字符"
        if isinstance(field, forms.CharField):
            m["max_length"] = f"{q}不能超过 %(limit_value)d 个字（现有 %(show_value)d 个）"
            m["min_length"] = f"{q}至少 %(limit_value)d 个字（现有 %(show_value)d 个）"
        if isinstance(field, forms.FileField):
            m.update({"invalid": f"{q}没有收到文件，请重新选择", "missing": f"{q}没有收到文件，请重新选择",
                      "empty": f"{q}是空文件（0 字节），请重新选择",
                      "max_length": f"{q}的文件名不能超过 %(max)d 个字（现有 %(length)d 个）",
                      "contradiction": f"{q}：请上传文件或勾选清除，不能两样都选"})
        elif isinstance(field, forms.DateField):
            m["invalid"] = f"{q}须为日期，如 2024-03-05"
        elif isinstance(field, forms.DateTimeField):
            m["invalid"] = f"{q}须为日期和时间，如 2024-03-05 09:00"
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            m.update({"invalid": f"{q}须为数字",
                      "min_value": f"{q}不能小于 %(limit_value)s", "max_value": f"{q}不能大于 %(limit_value)s",
                      "step_size": f"{q}须为 %(limit_value)s 的倍数"})
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            m["invalid_choice"] = f"{q}的选项无效，请重新选择"
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            m.update({"invalid_list": f"{q}须为选项的列表", "invalid_pk_value": f"{q}的选项无效，请重新选择"})


class NamedErrors:
    """Form mixin: a missing or malformed value is reported with the box's name, as the actions
    report it (“姓名”必须填写), not Django's nameless 这个字段是必填项。"""

    fields: dict[str, Any]  # a Form's, once mixed in

    def full_clean(self) -> None:
        # Here rather than in __init__: forms add fields in their own __init__, after this one's.
        name_messages(self.fields)
        super().full_clean()  # type: ignore[misc]  # a Form's, once mixed in


def _orgs(congress, kind):
    return Organisation.objects.in_congress(congress).filter(kind=kind, active=True).order_by("name")


class PersonForm(NamedErrors, forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    sex = forms.ChoiceField(label="性别", choices=Person.Sex.choices)
    ethnicity = forms.CharField(label="民族", max_length=20, required=False, initial="汉族")
    birth_date = forms.DateField(label="出生日期", required=False, widget=DATE)
    party = forms.CharField(label="政治面貌", max_length=30, required=False)
    occupation = forms.CharField(label="职业", max_length=60, required=False)
    workplace = forms.CharField(label="工作单位及职务", max_length=120, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)


class PlacementFields(NamedErrors, forms.Form):
    delegation = forms.ModelChoiceField(label="代表团", queryset=Organisation.objects.none(), required=False)
    constituency = forms.CharField(label="选区或选举单位", max_length=100, required=False)
    deputy_group = forms.ModelChoiceField(label="代表小组", queryset=Organisation.objects.none(), required=False)
    liaison_station = forms.ModelChoiceField(label="联络站", queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = _orgs(congress, Organisation.Kind.DELEGATION)
        self.fields["deputy_group"].queryset = _orgs(congress, Organisation.Kind.DEPUTY_GROUP)
        self.fields["liaison_station"].queryset = _orgs(congress, Organisation.Kind.LIAISON_STATION)


class DeputyForm(PersonForm, PlacementFields):
    term = forms.ModelChoiceField(label="届次", queryset=Term.objects.none())
    number = forms.CharField(label="代表证号", max_length=20)
    elected_on = forms.DateField(label="当选日期", widget=DATE)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, congress=congress, **kwargs)
        self.fields["term"].queryset = Term.objects.in_congress(congress)


class MandateForm(PlacementFields):
    number = forms.CharField(label="代表证号", max_length=20)
    on = forms.DateField(label="变动日期", required=False, widget=DATE)
    note = forms.CharField(label="说明", max_length=200, required=False)


def _status_confirm(target: str, label: str, name: str) -> str:
    if target == Mandate.Status.SUSPENDED:
        return f"将暂停{name}执行代表职务，之后可以恢复。确定吗？"
    if target == Mandate.Status.SERVING:
        return f"将恢复{name}执行代表职务。确定吗？"
    return f"将以“{label}”终止{name}的代表资格。终止后不能恢复，名册中将显示为“{label}”。确定吗？"


class MandateStatusForm(NamedErrors, forms.Form):
    """Suspend, restore or end a mandate. The transitions this user may take are the choices; each is
    offered as its own button, so that each can say what it will do before it is done."""

    status = forms.CharField(label="新状态")  # one button per allowed transition
    on = forms.DateField(label="日期", widget=DATE)
    reason = forms.CharField(label="原因", max_length=200, required=False)

    def __init__(self, *args, transitions, name: str, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.allowed = {t.target for t in transitions}
        # One button per transition, each saying what it does before it is done.
        self.buttons = [(t.target, t.label, _status_confirm(t.target, t.label, name)) for t in transitions]

    def clean_status(self):
        target = self.cleaned_data["status"]
        if target not in self.allowed:
            label = Mandate.Status(target).label if target in Mandate.Status.values else target
            raise forms.ValidationError(f"代表资格：不能从“{Mandate.Status(self.current).label}”变为“{label}”")
        return target

    def clean(self):
        data = super().clean()
        if data.get("status") == Mandate.Status.SUSPENDED and not (data.get("reason") or "").strip():
            self.add_error("reason", "暂停执行代表职务须写明原因")
        return data


class OrganisationForm(NamedErrors, forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Organisation.Kind.choices)
    name = forms.CharField(label="名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    parent = forms.ModelChoiceField(label="上级机构", queryset=Organisation.objects.none(), required=False)
    unit_type = forms.ChoiceField(label="单位类型（承办单位必填）", choices=[("", "—")] + Organisation.UnitType.choices,
                                  required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="电话", max_length=30, required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.in_congress(congress).order_by("kind", "name")


class MembershipForm(NamedErrors, forms.Form):
    """Add members to a body: people already known to this congress are picked by name (several at
    once); someone not yet registered is entered by name and sex."""

    people = forms.Field(label="成员", required=False)  # replaced by a PersonField in __init__
    name = forms.CharField(label="或：尚未登记的人员姓名", max_length=50, required=False)
    sex = forms.ChoiceField(label="该人员性别", choices=[("", "—")] + Person.Sex.choices, required=False)
    post = forms.ChoiceField(label="职务", choices=Membership.Post.choices, initial=Membership.Post.MEMBER)
    start = forms.DateField(label="任职开始", widget=DATE)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"] = PersonField(congress=congress, kind=PERSON, multiple=True, required=False,
                                            label="成员（输入姓名或代表证号，可选多人）")

    def clean(self):
        data = super().clean()
        if not data.get("people") and not (data.get("name") or "").strip() and "people" not in self.errors:
            self.add_error("people", "请选择成员，或填写尚未登记人员的姓名")
        if (data.get("name") or "").strip() and not data.get("sex"):
            self.add_error("sex", "请选择该人员的性别")
        return data


class MembershipEndForm(NamedErrors, forms.Form):
    end = forms.DateField(label="任职结束日期", widget=DATE)


class ContactForm(NamedErrors, forms.Form):
    phone = forms.CharField(label="联系电话", max_length=30, required=False)


class ImportForm(NamedErrors, forms.Form):
    kind = forms.ChoiceField(label="导入内容", choices=[("deputies", "代表名册"), ("organisations", "机构")])
    file = forms.FileField(label="文件（.xlsx 或 .csv）")
