"""Forms for 网上代表之家 and 致代表的信. The rules are the actions'; these carry what was typed back."""

from __future__ import annotations

from django import forms

from renda.core.models import Congress
from renda.core.picker import DEPUTY, PersonField
from renda.liaison.forms import DATE, Form, IntakeForm
from renda.people.models import Organisation


def contact_form(data, *, congress: Congress, station: Organisation) -> IntakeForm:
    """The station intake's form (category, text, place, name and contact or anonymous), without photos."""
    form = IntakeForm(data, congress=congress, station=station, auto_id="contact_%s")
    del form.fields["photos"]
    return form


class LetterForm(Form):
    title = forms.CharField(label="标题", required=False, max_length=100)
    body = forms.CharField(label="正文", required=False, widget=forms.Textarea(attrs={"rows": 10, "maxlength": 10000}))
    reply_by = forms.CharField(label="请于此日前回复（可选）", required=False, widget=DATE)
    delegations = forms.ModelMultipleChoiceField(label="代表团", queryset=Organisation.objects.none(), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    groups = forms.ModelMultipleChoiceField(label="代表小组", queryset=Organisation.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    stations = forms.ModelMultipleChoiceField(label="联络站", queryset=Organisation.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        K = Organisation.Kind
        for name, kind in (("delegations", K.DELEGATION), ("groups", K.DEPUTY_GROUP), ("stations", K.LIAISON_STATION)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = Organisation.objects.in_congress(congress).filter(kind=kind, active=True).order_by("name")
        self.fields["mandates"] = PersonField(label="另加代表（可选）", congress=congress, kind=DEPUTY, required=False,
                                              multiple=True)


class ReplyForm(Form):
    reply = forms.CharField(label="回复", required=False, widget=forms.Textarea(attrs={"rows": 6}))
