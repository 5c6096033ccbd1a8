"""Forms for the deputy-group pages. The rules live in the actions; these carry what was typed back
on error (core.views_helpers.add_action_errors puts each message beside its field)."""

from __future__ import annotations

import datetime
import re

from django import forms

from renda.core.models import Congress
from renda.core.picker import DEPUTY, PersonField
from renda.deputy_groups.models import GroupMember, GroupProfile
from renda.liaison import reports as liaison
from renda.people.forms import NamedErrors
from renda.people.validation import parse_date

DATE = forms.DateInput(attrs={"type": "date"})
_SPLIT = re.compile(r"[,，\t]\s*|\s+")


class Form(NamedErrors, forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class GroupForm(Form):
    name = forms.CharField(label="小组名称", required=False, max_length=100)
    basis = forms.CharField(label="划分方式", required=False, widget=forms.RadioSelect(choices=GroupProfile.Basis.choices))
    scope = forms.CharField(label="区域或专业领域", required=False, max_length=100, help_text="例如：城关镇；或：教育卫生")
    station: forms.ModelChoiceField = forms.ModelChoiceField(label="活动阵地（联络站）", required=False, queryset=None,
                                                             empty_label="不固定")
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        station = self.fields["station"]
        assert isinstance(station, forms.ModelChoiceField)
        station.queryset = liaison.stations(congress).order_by("name")


class MembersForm(Form):
    """Pick this congress's deputies by name; deputies of other levels by their congress's code and
    certificate number, one a line."""

    others = forms.CharField(label="其他层级的代表（每行一人：人大代码 代表证号）", required=False,
                             widget=forms.Textarea(attrs={"rows": 3, "placeholder": "demo-province P00012"}))
    on = forms.CharField(label="加入日期（不填为今天）", required=False, widget=DATE)

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"] = PersonField(congress=congress, kind=DEPUTY, multiple=True, label="本级代表",
                                              required=False)
        self.order_fields(["deputies", "others", "on"])


class ImportForm(Form):
    rows = forms.CharField(label="每行一人：小组名称，人大代码，代表证号（本级代表可省略人大代码）", required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    on = forms.CharField(label="加入日期（不填为今天）", required=False, widget=DATE)


class PostForm(Form):
    post = forms.CharField(label="职务", required=False, widget=forms.Select(choices=GroupMember.Post.choices))


class PlanForm(Form):
    year = forms.CharField(label="年度", required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    items = forms.CharField(label="计划活动（每行一项：日期，形式，主题，地点）", required=False,
                            widget=forms.Textarea(attrs={"rows": 6, "placeholder": "2027-03-05，视察，学校食堂安全，城关一小"}))

    def plan_items(self) -> list[dict]:
        """Each line as the action takes it; a date that is not one is passed on as typed, so the
        action's message names the line."""
        items = []
        for line in (self.cleaned_data.get("items") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in re.split(r"[,，\t]", line, maxsplit=3)]
            parts += [""] * (4 - len(parts))
            try:
                on: datetime.date | str | None = parse_date(parts[0])
            except ValueError:
                on = parts[0]
            items.append({"on": on, "kind": parts[1], "topic": parts[2], "place": parts[3]})
        return items


class WatchForm(Form):
    project: forms.ModelChoiceField = forms.ModelChoiceField(label="民生实事项目", required=False, queryset=None,
                                                             empty_label="请选择")
    rectification_item: forms.ModelChoiceField = forms.ModelChoiceField(label="或整改事项", required=False, queryset=None,
                                                                        empty_label="请选择")

    def __init__(self, *args, congress: Congress, **kwargs):
        from renda.livelihood.models import Proposal
        from renda.rectification.models import RectificationItem

        super().__init__(*args, **kwargs)
        project = self.fields["project"]
        item = self.fields["rectification_item"]
        assert isinstance(project, forms.ModelChoiceField) and isinstance(item, forms.ModelChoiceField)
        project.queryset = Proposal.objects.in_congress(congress).filter(status=Proposal.Status.CHOSEN).order_by("-id")
        item.queryset = RectificationItem.objects.in_congress(congress).exclude(
            status=RectificationItem.Status.CLOSED).order_by("-id")
        item.label_from_instance = lambda i: i.problem[:40]  # type: ignore[method-assign,assignment]  # a label per item, as Django documents


def split_line(line: str) -> list[str]:
    return [p for p in _SPLIT.split(line.strip()) if p]
