"""Forms of the activity pages: a new survey, inspection or visit; its team; its plan document with the
itinerary rows (as many rows as needed: adding one keeps every row typed so far)."""

from __future__ import annotations

import re

from django import forms

from renda.core.models import Congress
from renda.core.picker import DEPUTY, PERSON, PersonField
from renda.oversight.actions.activities import MAX_STOPS, ORGANISER_KINDS
from renda.oversight.forms.plan import DATE, Form, committees
from renda.oversight.models import Activity, PlanItem, Stop, TeamMember
from renda.people.forms import named
from renda.people.models import Organisation

R = TeamMember.Role
# The team form's boxes, one per role besides the leader; invited deputies are picked among deputies.
ROLE_FIELDS = [("deputy_leaders", R.DEPUTY_LEADER, PERSON), ("members", R.MEMBER, PERSON),
               ("deputies", R.DEPUTY, DEPUTY), ("experts", R.EXPERT, PERSON), ("staff", R.STAFF, PERSON)]
STOP_FIELDS = ("day", "county", "site", "purpose")
MIN_ROWS = 3


class ItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.year}年 {obj.month}月 · {obj.get_kind_display()}：{obj.title}"


class ActivityForm(Form):
    # 立法调研 and 立法后评估 start from the plan item, bill or law they serve (legislative_plans).
    kind = forms.ChoiceField(label="类别", choices=[("", "请选择类别")] + [
        (v, label) for v, label in Activity.Kind.choices
        if v not in (Activity.Kind.LEGISLATIVE_RESEARCH, Activity.Kind.POST_ENACTMENT_REVIEW)])
    title = forms.CharField(label="题目", max_length=200)
    year = forms.IntegerField(label="年度")
    plan_item = ItemChoice(label="监督计划项目（可不选）", queryset=PlanItem.objects.none(), required=False,
                           empty_label="（不属于年度计划）")
    lead_committee = forms.ModelChoiceField(label="牵头委员会", queryset=Organisation.objects.none(), required=False,
                                            empty_label="（随计划项目，或不设）")
    organiser = forms.ModelChoiceField(label="组织单位（办公室或代表小组，可不选）", queryset=Organisation.objects.none(),
                                       required=False, empty_label="（无）")
    laws = forms.CharField(label="检查的法律法规（执法检查必填，每行一部）", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    partner = forms.ModelChoiceField(label="联动的人大（上一级或下一级，可不选）", queryset=Congress.objects.none(),
                                     required=False, empty_label="（本级单独开展）")

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = (PlanItem.objects.in_congress(congress)
                                             .filter(kind__in=PlanItem.FIELD_KINDS)
                                             .exclude(status=PlanItem.Status.CANCELLED)
                                             .select_related("plan").order_by("-plan__year", "month", "order"))
        self.fields["lead_committee"].queryset = committees(congress)
        self.fields["organiser"].queryset = Organisation.objects.in_congress(congress).filter(
            kind__in=ORGANISER_KINDS, active=True).order_by("kind", "name")
        self.fields["partner"].queryset = Congress.objects.filter(
            pk__in=[c for c in [congress.parent_id] if c] + list(congress.children.values_list("pk", flat=True)))

    def clean_laws(self):
        return [line.strip() for line in re.split(r"[\r\n]+", self.cleaned_data.get("laws") or "") if line.strip()]


class TeamForm(Form):
    leader = PersonField(congress=None, kind=PERSON, multiple=False, required=False,  # type: ignore[arg-type]
                         label="组长（通常由常委会副主任担任）")
    committees = forms.ModelMultipleChoiceField(label="参加的其他委员会（可多选）", queryset=Organisation.objects.none(),
                                                required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, congress: Congress, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                            label=self.fields["leader"].label)
        for name, role, kind in ROLE_FIELDS:
            self.fields[name] = PersonField(congress=congress, kind=kind, multiple=True, required=False,
                                            label=f"{role.label}（可多人）")
        self.fields["committees"].queryset = committees(congress).exclude(pk=activity.lead_committee_id or 0)
        self.order_fields(["leader"] + [n for n, _, _ in ROLE_FIELDS] + ["committees"])

    def members(self) -> list[tuple]:
        """(person, role, note) for the action, in the order of the boxes."""
        return [(person, role.value, "") for name, role, _ in ROLE_FIELDS for person in self.cleaned_data.get(name) or []]

    @staticmethod
    def initial_for(congress, activity: Activity) -> dict:
        team = list(TeamMember.objects.in_congress(congress).filter(activity=activity).order_by("id"))
        initial: dict = {"leader": [f"@{m.person_id}" for m in team if m.role == R.LEADER][:1],
                         "committees": list(activity.co_committees.values_list("organisation_id", flat=True))}
        for name, role, _ in ROLE_FIELDS:
            initial[name] = [f"@{m.person_id}" for m in team if m.role == role]
        return initial


class PlanDocumentForm(Form):
    goals = forms.CharField(label="目的和重点", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    questions = forms.CharField(label="调研（检查）提纲", max_length=4000, required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = forms.DateField(label="开始日期", widget=DATE, required=False)
    ends_on = forms.DateField(label="结束日期", widget=DATE, required=False)
    rows = forms.IntegerField(label="行数", widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows: int = MIN_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = max(1, min(MAX_STOPS, rows))
        for n in range(self.row_count):
            row = f"行程第{n + 1}行的"
            self.fields[f"stop_{n}_day"] = named(forms.DateField(label="日期", widget=DATE, required=False), f"{row}日期")
            self.fields[f"stop_{n}_county"] = named(forms.CharField(label="县（市、区）", max_length=40, required=False),
                                                    f"{row}县（市、区）")
            self.fields[f"stop_{n}_site"] = named(forms.CharField(label="地点", max_length=200, required=False),
                                                  f"{row}地点")
            self.fields[f"stop_{n}_purpose"] = named(forms.CharField(label="内容", max_length=300, required=False),
                                                     f"{row}内容")
        self.initial.setdefault("rows", self.row_count)
        if not self.is_bound:
            self.initial["rows"] = self.row_count

    @staticmethod
    def rows_in(data) -> int:
        raw = str(data.get("rows", "")) if data else ""
        return int(raw) if raw.isdecimal() and int(raw) <= MAX_STOPS else MIN_ROWS

    def stop_rows(self):
        return [[self[f"stop_{n}_{f}"] for f in STOP_FIELDS] for n in range(self.row_count)]

    def stops(self) -> tuple[list[dict], list[int]]:
        """The filled rows for the action (blank rows left out), and the form row of each."""
        found, where = [], []
        for n in range(self.row_count):
            values = {f: self.cleaned_data.get(f"stop_{n}_{f}") for f in STOP_FIELDS}
            if any(v not in (None, "") for v in values.values()):
                found.append({k: (v if v is not None else "") for k, v in values.items()})
                where.append(n)
        return found, where

    def place_stop_errors(self, messages: list[str], where: list[int]) -> None:
        """Put the action's "第N站：…" messages beside the box of that row they name."""
        for message in messages:
            match = re.match(r"第(\d+)站：(.*)", message)
            if not match or int(match.group(1)) > len(where):
                self.add_error(None, message)
                continue
            row = where[int(match.group(1)) - 1]
            text = match.group(2)
            field = ("county" if "县" in text else "site" if "地点" in text else "purpose" if "内容" in text else "day")
            self.add_error(f"stop_{row}_{field}", message)

    @staticmethod
    def initial_for(congress, activity: Activity) -> tuple[dict, int]:
        stops = list(Stop.objects.in_congress(congress).filter(activity=activity).order_by("day", "id"))
        initial = {"goals": activity.goals, "questions": activity.questions, "starts_on": activity.starts_on,
                   "ends_on": activity.ends_on}
        for n, stop in enumerate(stops):
            initial |= {f"stop_{n}_day": stop.day, f"stop_{n}_county": stop.county, f"stop_{n}_site": stop.site,
                        f"stop_{n}_purpose": stop.purpose}
        return initial, max(MIN_ROWS, len(stops) + 1)
