from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from renda.core.forms import Form
from renda.core.models import Term
from renda.legislation.models import Bill, Law
from renda.legislative_plans.actions import COMMITTEE_KINDS, PURPOSES, readings_text
from renda.legislative_plans.models import LegislativePlan, PlanItem
from renda.meetings.models import Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})
_CHINESE_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")


def parse_readings(raw: str) -> list[dict]:
    """One planned reading a line: "一审 2026-03" or "一审 2026年3月". What cannot be read is passed on
    as typed, so that the action names the line."""
    rows = []
    for line in (raw or "").splitlines():
        parts = line.replace("\u3000", " ").split()
        if not parts:
            continue
        label, month = parts[0], " ".join(parts[1:])
        found = _CHINESE_MONTH.match(month)
        if found:
            month = f"{found.group(1)}-{int(found.group(2)):02d}"
        rows.append({"reading": label, "month": month})
    return rows


def readings_lines(readings: list[dict]) -> str:
    return "\n".join(part.replace("；", "") for part in readings_text(readings).split("；") if part)


def organisations(congress, kinds=None):
    rows = Organisation.objects.in_congress(congress).filter(active=True)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return rows.order_by("kind", "name")


class PlanForm(NamedErrors, Form):
    kind = forms.ChoiceField(label="类别", choices=LegislativePlan.Kind.choices, initial=LegislativePlan.Kind.YEARLY)
    year = forms.IntegerField(label="年度（年度立法计划）", required=False)
    term = forms.ModelChoiceField(label="届次（立法规划）", queryset=Term.objects.none(), required=False,
                                  empty_label="按年度确定")
    title = forms.CharField(label="标题", max_length=200, required=False, help_text="不填则按本级名称和年度生成")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "p_%s")
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.in_congress(congress).order_by("-number")


class ItemForm(NamedErrors, Form):
    title = forms.CharField(label="项目名称", max_length=200, help_text="如：示例市农田灌溉用水管理条例")
    status = forms.ChoiceField(label="类别", choices=PlanItem.Status.choices)
    purpose = forms.ChoiceField(label="立法形式", choices=list(PURPOSES.items()), initial="new")
    law = forms.ModelChoiceField(label="修改或废止的法规", queryset=Law.objects.none(), required=False,
                                 empty_label="不适用（制定）")
    drafting_body = forms.ModelChoiceField(label="起草单位", queryset=Organisation.objects.none(), required=False,
                                           empty_label="请选择")
    committee = forms.ModelChoiceField(label="牵头委员会", queryset=Organisation.objects.none(), required=False,
                                       empty_label="请选择")
    planned_readings = forms.CharField(label="计划审议安排", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                       help_text="每行一次，如：一审 2026-03（或 一审 2026年3月）")
    placed_on = forms.DateField(label="列入计划日期", required=False, widget=DATE, help_text="不填为今天")
    notes = forms.CharField(label="备注", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "i_%s")
        super().__init__(*args, **kwargs)
        self.fields["law"].queryset = Law.objects.in_congress(congress).order_by("title")
        self.fields["drafting_body"].queryset = organisations(congress)
        self.fields["committee"].queryset = organisations(congress, COMMITTEE_KINDS)

    def action_args(self) -> dict:
        data = dict(self.cleaned_data)
        data["planned_readings"] = parse_readings(data.get("planned_readings", ""))
        return data


class ChangeItemForm(ItemForm):
    reason = forms.CharField(label="调整理由", max_length=500, required=False,
                             help_text="在正式、预备、调研项目之间调整时必须填写")
    on = forms.DateField(label="调整日期", required=False, widget=DATE, help_text="不填为今天")
    bill = forms.ModelChoiceField(label="法规案（已建立的）", queryset=Bill.objects.none(), required=False,
                                  empty_label="不变")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "c_%s")
        super().__init__(*args, congress=congress, **kwargs)
        del self.fields["placed_on"]
        self.fields["bill"].queryset = Bill.objects.in_congress(congress).order_by("-id")

    @staticmethod
    def initial_for(item: PlanItem) -> dict:
        return {"title": item.title, "status": item.status, "purpose": item.purpose, "law": item.law_id,
                "drafting_body": item.drafting_body_id, "committee": item.committee_id,
                "planned_readings": readings_lines(item.planned_readings), "notes": item.notes}


class AdoptForm(NamedErrors, Form):
    adopted_on = forms.DateField(label="通过日期", widget=DATE)
    meeting = forms.ModelChoiceField(label="通过的会议", queryset=Meeting.objects.none(), required=False,
                                     empty_label="不指定", help_text="主任会议或常务委员会会议")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "a_%s")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind__in=(Meeting.Kind.DIRECTORS, Meeting.Kind.SC_SESSION)).select_related(
            "term", "congress", "organisation").order_by("-starts_at")[:60]


class BillForm(NamedErrors, Form):
    proposer = forms.ModelChoiceField(label="提请机关", queryset=Organisation.objects.none(), required=False,
                                      empty_label="暂不确定")
    readings_required = forms.IntegerField(label="审议次数", required=False, min_value=1, max_value=10,
                                           help_text="不填按规则（一般三次）")
    text = forms.CharField(label="草案正文", required=False, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="分章、条书写，如：第一条　为了……；修改法规的可不填，从现行文本开始")
    explanation = forms.CharField(label="起草说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "b_%s")
        super().__init__(*args, **kwargs)
        self.fields["proposer"].queryset = organisations(congress)


class ActivityForm(NamedErrors, Form):
    title = forms.CharField(label="题目", max_length=200)
    year = forms.IntegerField(label="年度")
    lead_committee = forms.ModelChoiceField(label="牵头委员会", queryset=Organisation.objects.none(), required=False,
                                            empty_label="同项目（法规案）的牵头委员会")

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "r_%s")
        super().__init__(*args, **kwargs)
        self.fields["lead_committee"].queryset = organisations(congress, COMMITTEE_KINDS)
        self.fields["year"].initial = timezone.localdate().year


class ReviewForm(ActivityForm):
    law = forms.ModelChoiceField(label="评估的法规", queryset=Law.objects.none(), empty_label="请选择")
    field_order = ["law", "title", "year", "lead_committee"]

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, congress=congress, **kwargs)
        self.fields["law"].queryset = Law.objects.in_congress(congress).filter(status=Law.Status.IN_FORCE) \
            .order_by("title")
        self.fields["lead_committee"].required = True
        self.fields["lead_committee"].empty_label = "请选择"


class AmendmentForm(NamedErrors, Form):
    bill = forms.ModelChoiceField(label="修改法规案", queryset=Bill.objects.none(), empty_label="请选择")

    def __init__(self, *args, congress, law_id, **kwargs):
        kwargs.setdefault("auto_id", "m_%s")
        super().__init__(*args, **kwargs)
        self.fields["bill"].queryset = Bill.objects.in_congress(congress).filter(
            law_id=law_id, purpose__in=(Bill.Purpose.AMENDMENT, Bill.Purpose.REPEAL)).order_by("-id")


class ArgumentForm(NamedErrors, Form):
    """The argument of a proposal (立项论证)."""

    title = forms.CharField(label="法规名称", max_length=200, help_text="如：示例市养犬管理条例")
    necessity = forms.CharField(label="立法的必要性", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                                help_text="要解决的问题，为什么需要制定（修改）地方性法规")
    feasibility = forms.CharField(label="可行性", max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    main_content = forms.CharField(label="主要内容", max_length=8000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    legal_basis = forms.CharField(label="立法依据", max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}), help_text="上位法的有关规定")
    year = forms.IntegerField(label="建议列入年度", required=False)


class ProposalForm(ArgumentForm):
    """A deputy's own proposal (citing one of their motions or suggestions if they wish), or a body's."""

    organisation = forms.ModelChoiceField(label="提出单位", queryset=Organisation.objects.none(), required=False,
                                          empty_label="以代表本人名义", help_text="以机关、委员会名义提出时选择")
    suggestion = forms.ModelChoiceField(label="所依据的议案、建议", queryset=Organisation.objects.none(),
                                        required=False, empty_label="不引用")

    def __init__(self, *args, congress, user, bodies, **kwargs):
        from renda.proposals.models import Suggestion

        kwargs.setdefault("auto_id", "q_%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = bodies
        person = getattr(user, "person", None)
        self.fields["suggestion"].queryset = Suggestion.objects.in_congress(congress).filter(
            authors__person=person).exclude(status="draft").order_by("-id") if person else Suggestion.objects.none()
        if not person:
            del self.fields["suggestion"]
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = "请选择"


class PublicProposalForm(ArgumentForm):
    name = forms.CharField(label="姓名（可不填）", max_length=60, required=False)
    contact = forms.CharField(label="联系方式（可不填）", max_length=60, required=False)
    challenge = forms.CharField(label="验证题", max_length=10, required=False)
    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "pub_%s")
        super().__init__(*args, **kwargs)


class DecisionForm(NamedErrors, Form):
    decision = forms.ChoiceField(label="处理", choices=[("accept", "列入立法规划或计划"), ("decline", "不予立项")],
                                 widget=forms.RadioSelect)
    plan = forms.ModelChoiceField(label="列入的立法规划或计划", queryset=LegislativePlan.objects.none(),
                                  required=False, empty_label="请选择")
    status = forms.ChoiceField(label="项目类别", choices=[("", "请选择"), *PlanItem.Status.choices], required=False)
    title = forms.CharField(label="项目名称", max_length=200, required=False, help_text="不填则用建议的法规名称")
    committee = forms.ModelChoiceField(label="牵头委员会", queryset=Organisation.objects.none(), required=False,
                                       empty_label="请选择")
    drafting_body = forms.ModelChoiceField(label="起草单位", queryset=Organisation.objects.none(), required=False,
                                           empty_label="请选择")
    reason = forms.CharField(label="理由（不予立项的必须填写，提出人可以看到）", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "d_%s")
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = LegislativePlan.objects.in_congress(congress).order_by("-year", "-id")
        self.fields["committee"].queryset = organisations(congress, COMMITTEE_KINDS)
        self.fields["drafting_body"].queryset = organisations(congress)


class TrackForm(NamedErrors, Form):
    code = forms.CharField(label="查询码", max_length=20)
