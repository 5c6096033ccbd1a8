from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.people.forms import NamedErrors
from renda.people.models import Organisation, Person
from renda.portfolios import queries

DATE = forms.DateInput(attrs={"type": "date"})


def _orgs(congress, kind):
    return Organisation.objects.in_congress(congress).filter(kind=kind, active=True).order_by("name")


class PortfolioForm(NamedErrors, Form):
    leader = forms.ModelChoiceField(label="分管领导", queryset=Person.objects.none(), empty_label="请选择")
    committee = forms.ModelChoiceField(label="工作委员会", queryset=Organisation.objects.none(), empty_label="请选择")
    start = forms.DateField(label="起始日期", widget=DATE)
    end = forms.DateField(label="结束日期", required=False, widget=DATE)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "p_%s")
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in queries.leaders(congress)]
        self.fields["leader"].queryset = Person.objects.filter(pk__in=ids).order_by("name")
        self.fields["committee"].queryset = _orgs(congress, Organisation.Kind.WORKING_COMMITTEE)


class LiaisonForm(NamedErrors, Form):
    committee = forms.ModelChoiceField(label="工作委员会", queryset=Organisation.objects.none(), empty_label="请选择")
    unit = forms.ModelChoiceField(label="对口联系部门", queryset=Organisation.objects.none(), empty_label="请选择")
    start = forms.DateField(label="起始日期", widget=DATE)
    end = forms.DateField(label="结束日期", required=False, widget=DATE)

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "l_%s")
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = _orgs(congress, Organisation.Kind.WORKING_COMMITTEE)
        self.fields["unit"].queryset = _orgs(congress, Organisation.Kind.HANDLING_UNIT)


class EndForm(NamedErrors, Form):
    end = forms.DateField(label="结束日期", widget=DATE)
