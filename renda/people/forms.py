from django import forms

from renda.core.models import Term
from renda.people.models import Mandate, Membership, Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"})


def _orgs(congress, kind):
    return Organisation.objects.in_congress(congress).filter(kind=kind, active=True).order_by("name")


class PersonForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    sex = forms.ChoiceField(label="性别", choices=Person.Sex.choices)
    ethnicity = forms.CharField(label="民族", max_length=20, required=False, initial="汉族")
    birth_date = forms.DateField(label="出生日期", required=False, widget=DATE)
    party = forms.CharField(label="政治面貌", max_length=30, required=False)
    occupation = forms.CharField(label="职业", max_length=60, required=False)
    workplace = forms.CharField(label="工作单位及职务", max_length=120, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)


class PlacementFields(forms.Form):
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


class EndMandateForm(forms.Form):
    status = forms.ChoiceField(label="终止方式", choices=[
        (s, label) for s, label in Mandate.Status.choices if s not in {Mandate.Status.SERVING, Mandate.Status.SUSPENDED}
    ])
    on = forms.DateField(label="日期", widget=DATE)
    reason = forms.CharField(label="原因", max_length=200, required=False)


class OrganisationForm(forms.Form):
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


class MembershipForm(forms.Form):
    deputy_number = forms.CharField(label="代表证号（已是本级代表的，填此项）", max_length=20, required=False)
    name = forms.CharField(label="姓名（非代表的，填姓名和性别）", max_length=50, required=False)
    sex = forms.ChoiceField(label="性别", choices=[("", "—")] + Person.Sex.choices, required=False)
    post = forms.ChoiceField(label="职务", choices=Membership.Post.choices)
    start = forms.DateField(label="任职开始", widget=DATE)


class ContactForm(forms.Form):
    phone = forms.CharField(label="联系电话", max_length=30, required=False)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="导入内容", choices=[("deputies", "代表名册"), ("organisations", "机构")])
    file = forms.FileField(label="文件（.xlsx 或 .csv）")
