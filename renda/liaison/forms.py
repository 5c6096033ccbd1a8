"""Forms for liaison pages. They carry what the person typed back to the page when something is
wrong; the rules themselves live in the actions (one message for the page and the API alike), whose
errors land beside the matching field (core.views_helpers.add_action_errors). Fields the actions
check are therefore plain text fields here, not Django's own choice or date validation."""

from __future__ import annotations

from typing import cast

from django import forms

from renda.core import rules
from renda.core.models import Congress
from renda.core.picker import DEPUTY, PERSON, PersonField
from renda.liaison import reports
from renda.liaison.models import Concern, ContactLink, ContactRecord
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class Form(NamedErrors, forms.Form):
    """Labels without Django's trailing colon (they read as headings above the field)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; the action checks their number, size and kind."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


def _categories(congress: Congress, blank: str = "请选择类别") -> list[tuple[str, str]]:
    return [("", blank), *[(c, c) for c in rules.get(congress, "liaison.categories")]]


class ConcernFields(Form):
    """A concern as the person (or staff for them) tells it."""

    category = forms.CharField(label="类别", required=False, widget=forms.Select)
    text = forms.CharField(label="反映的问题", required=False, widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}))
    place = forms.CharField(label="地点", required=False, max_length=100)
    person_name = forms.CharField(label="姓名", required=False, max_length=50,
                                  widget=forms.TextInput(attrs={"autocomplete": "name"}))
    person_contact = forms.CharField(label="联系方式", required=False, max_length=60,
                                     widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    photos = PhotosField(label="照片（可选，最多 3 张，每张不超过 5 MB，JPEG 或 PNG）")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category.widget, forms.Select)
        category.widget.choices = _categories(congress)

    def concern_data(self) -> dict:
        data = {k: self.cleaned_data.get(k, "") for k in ("person_name", "person_contact", "place", "category", "text")}
        data["anonymous"] = bool(self.cleaned_data.get("anonymous"))
        return data


class IntakeForm(ConcernFields):
    """The public form: at a station (its QR code) or on the congress's entry page, where the person
    chooses the station. The sum asked after repeated submissions (intake_guard) is not part of it:
    it is asked afresh each time, never carried back."""

    station = forms.ModelChoiceField(label="向哪个联络站反映", queryset=Organisation.objects.none(),
                                     empty_label="请选择联络站", error_messages={"required": "请选择联络站"})
    anonymous = forms.BooleanField(label="匿名反映（不留姓名和联系方式，可凭查询码查看答复）", required=False)

    field_order = ["station", "category", "text", "place", "anonymous", "person_name", "person_contact", "photos"]

    def __init__(self, *args, congress: Congress, station: Organisation | None = None, **kwargs):
        super().__init__(*args, congress=congress, **kwargs)
        if station is not None:
            del self.fields["station"]
        else:
            station_field = self.fields["station"]
            assert isinstance(station_field, forms.ModelChoiceField)
            station_field.queryset = reports.intake_stations(congress)


class ReceptionConcernForm(ConcernFields):
    """One concern raised at a reception (a row of the reception form; left empty, it is skipped)."""

    photos = PhotosField(label="照片")


class BaseReceptionConcerns(forms.BaseFormSet):
    def __init__(self, *args, congress: Congress, **kwargs):
        self.congress = congress
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "congress": self.congress}

    def filled(self) -> list[tuple[int, ReceptionConcernForm]]:
        return [(i, f) for i, f in enumerate(self.forms)
                if f.is_valid() and (f.cleaned_data.get("text") or "").strip()]


ReceptionConcerns = cast(type[BaseReceptionConcerns], forms.formset_factory(
    ReceptionConcernForm, formset=BaseReceptionConcerns, extra=3, max_num=20))


class ReceptionForm(Form):
    held_on = forms.CharField(label="接待日期", required=False, widget=DATE)
    visitors = forms.CharField(label="接待群众人数", required=False,
                               widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}))
    notes = forms.CharField(label="情况记录", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"] = PersonField(congress=congress, kind=DEPUTY, multiple=True, label="接待代表",
                                              required=False)
        self.fields["cppcc_members"] = cppcc_field(congress, "接待政协委员（两代表一委员之家）")
        self.order_fields(["held_on", "deputies", "cppcc_members", "visitors", "notes"])


def cppcc_field(congress: Congress, label: str) -> forms.ModelMultipleChoiceField:
    """The CPPCC members still sitting at stations, ticked (a congress has a handful, not hundreds)."""
    field = forms.ModelMultipleChoiceField(label=label, required=False, widget=forms.CheckboxSelectMultiple,
                                           queryset=reports.cppcc_members(congress, active_only=True))
    field.label_from_instance = lambda c: f"{c.person.name}（{c.cppcc}{'·' + c.sector if c.sector else ''}）"  # type: ignore[method-assign,assignment]  # a label per member, as Django documents
    return field


class CppccMemberForm(Form):
    """Register or edit a CPPCC member who sits at the stations."""

    name = forms.CharField(label="姓名", required=False, max_length=50)
    sex = forms.CharField(label="性别", required=False, widget=forms.Select(choices=[("", "请选择"), ("男", "男"), ("女", "女")]))
    phone = forms.CharField(label="联系电话", required=False, max_length=30,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    cppcc = forms.CharField(label="所属政协", required=False, max_length=60, help_text="例如：市政协第十三届委员会")
    sector = forms.CharField(label="界别", required=False, max_length=40)
    station = forms.ModelChoiceField(label="进驻联络站", required=False, queryset=Organisation.objects.none(),
                                     empty_label="不固定")

    def __init__(self, *args, congress: Congress, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        station = self.fields["station"]
        assert isinstance(station, forms.ModelChoiceField)
        station.queryset = reports.stations(congress).order_by("name")
        if editing:
            for name in ("name", "sex", "phone"):
                del self.fields[name]


class StationProfileForm(Form):
    area = forms.CharField(label="所在旗县区", required=False, max_length=40)
    opening_days = forms.CharField(label="接待日", required=False, max_length=100, help_text="例如：每月5日、15日、25日")
    phone = forms.CharField(label="联系电话", required=False, max_length=40)
    intake_open = forms.BooleanField(label="接受网上反映", required=False)


class RotaForm(Form):
    on = forms.CharField(label="日期", required=False, widget=DATE)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"] = PersonField(congress=congress, kind=DEPUTY, multiple=True, label="进站代表",
                                              required=False, help_text="这一天的排班以此为准；不选任何人即取消当天排班")
        self.fields["cppcc_members"] = cppcc_field(congress, "进站政协委员")


class TriageForm(Form):
    """三办. The way is the button pressed (each says where the concern goes, and asks first)."""

    path = forms.CharField(required=False, widget=forms.HiddenInput)
    due_on = forms.CharField(label="办理期限（不填按规则）", required=False, widget=DATE)
    answer = forms.CharField(label="当场解决的结果", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    committee = forms.CharField(label="或交村（居）委会办理（填名称）", required=False, max_length=60)
    unit = forms.ModelChoiceField(label="承办单位", required=False, queryset=Organisation.objects.none(), empty_label="请选择")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")
        self.fields["responsible"] = PersonField(congress=congress, kind=DEPUTY, multiple=False, label="负责跟踪的代表",
                                                 required=False, help_text="输入姓名选择；及时办不填则为本人")


class DismissForm(Form):
    reason = forms.CharField(label="不予受理理由（反映人会看到）", required=False, max_length=200)


class AnswerForm(Form):
    answer = forms.CharField(label="答复内容（反映人会看到）", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class FollowUpForm(Form):
    note = forms.CharField(label="跟踪情况", required=False)
    internal = forms.BooleanField(label="仅内部可见（不向反映人公开）", required=False)


class FeedbackForm(Form):
    satisfaction = forms.CharField(label="满意度", required=False,
                                   widget=forms.RadioSelect(choices=Concern.Satisfaction.choices))
    note = forms.CharField(label="意见（可选）", required=False, widget=forms.TextInput(attrs={"maxlength": 500}))


class TrackForm(Form):
    """The box where a person types their tracking code (digits; old codes with letters still work)."""

    code = forms.CharField(label="查询码", required=False, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "off", "maxlength": 20, "placeholder": "11 位数字"}))

    def __init__(self, *args, letters: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if letters:  # an old code with letters: the full keyboard, not the digit pad
            self.fields["code"].widget.attrs.update(inputmode="text", placeholder="10 位字母和数字")


class StationFinderForm(Form):
    q = forms.CharField(label="联络站名称或地址", required=False)
    area = forms.CharField(label="旗县区", required=False, widget=forms.Select)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area.widget, forms.Select)
        area.widget.choices = [("", "全部旗县区"), *[(a, a) for a in reports.station_areas(congress)]]


class HolderForm(Form):
    """The office looks at someone's "双联系" by name."""

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"] = PersonField(congress=congress, kind=PERSON, multiple=False, label="查看谁的双联系",
                                            required=False)


class ContactLinkForm(Form):
    kind = forms.CharField(label="类别", required=False, widget=forms.RadioSelect(choices=ContactLink.Kind.choices))
    constituent = forms.CharField(label="联系群众（代表联系群众：姓名、户或单位）", required=False, max_length=80)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"] = PersonField(congress=congress, kind=DEPUTY, multiple=False,
                                            label="联系代表（常委会组成人员联系代表）", required=False)
        self.order_fields(["kind", "deputy", "constituent"])


class ContactRecordForm(Form):
    link = forms.ModelChoiceField(label="联系对象", queryset=ContactLink.objects.none(), empty_label="请选择",
                                  error_messages={"required": "请选择联系对象"})
    on = forms.CharField(label="日期", required=False, widget=DATE)
    how = forms.CharField(label="方式", required=False, widget=forms.Select(choices=ContactRecord.How.choices))
    raised = forms.CharField(label="反映的问题", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    followed = forms.CharField(label="后续办理", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, links, **kwargs):
        super().__init__(*args, **kwargs)
        link = self.fields["link"]
        assert isinstance(link, forms.ModelChoiceField)
        link.queryset = links
        link.label_from_instance = lambda lk: f"{lk.deputy.name} 代表" if lk.deputy else lk.constituent
