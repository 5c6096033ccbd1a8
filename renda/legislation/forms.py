from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.legislation.models import Bill, BillVersion, Law
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

TEXT_HELP = "每条以“第X条”开头，章、节标题各占一行（第一章　总则）；一条中每换一行为一款，（一）为项，1. 为目"


class BillForm(NamedErrors, Form):
    title = forms.CharField(label="名称", max_length=200, help_text="如：示例市河湖生态保护条例（草案）")
    kind = forms.ChoiceField(label="类别", choices=Law.Kind.choices, initial=Law.Kind.REGULATION,
                             help_text="常委会议事规则等规范与地方性法规同样起草、审议和比较")
    purpose = forms.ChoiceField(label="立法形式", choices=Bill.Purpose.choices, initial=Bill.Purpose.NEW)
    law = forms.ModelChoiceField(label="修改或废止的法规", queryset=Law.objects.none(), required=False,
                                 empty_label="不适用（制定）")
    proposer = forms.ModelChoiceField(label="提请机关", queryset=Organisation.objects.none(), required=False,
                                      empty_label="暂不确定")
    drafting_body = forms.ModelChoiceField(label="起草单位", queryset=Organisation.objects.none(), required=False,
                                           empty_label="暂不确定")
    committee = forms.ModelChoiceField(label="负责初审的委员会", queryset=Organisation.objects.none(), required=False,
                                       empty_label="暂不确定")
    readings_required = forms.IntegerField(label="审议次数", required=False, min_value=1, max_value=10,
                                           help_text="不填则按规则（一般三次，立法法第三十二条）")
    text = forms.CharField(label="草案正文", required=False, max_length=200000, help_text=TEXT_HELP + "；修改、废止法规的可不填，从现行文本开始",
                           widget=forms.Textarea(attrs={"rows": 14}))
    explanation = forms.CharField(label="说明", required=False, max_length=40000,
                                  widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "b_%s")
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.in_congress(congress).filter(active=True).order_by("kind", "name")
        for name in ("proposer", "drafting_body", "committee"):
            self.fields[name].queryset = orgs
        self.fields["law"].queryset = Law.objects.in_congress(congress).exclude(status=Law.Status.REPEALED)


class VersionForm(NamedErrors, Form):
    stage = forms.ChoiceField(label="稿别", choices=BillVersion.Stage.choices, initial=BillVersion.Stage.REVISION)
    label = forms.CharField(label="版本名称", max_length=100, required=False, help_text="如：草案修改稿（二审稿）")
    text = forms.CharField(label="正文", required=False, max_length=200000,
                           help_text="粘贴新的全文；不填则复制上一版本，再逐条修改",
                           widget=forms.Textarea(attrs={"rows": 10}))
    explanation = forms.CharField(label="说明", required=False, max_length=40000,
                                  widget=forms.Textarea(attrs={"rows": 4}))


class ArticleForm(NamedErrors, Form):
    text = forms.CharField(label="条文内容", max_length=8000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="不写“第X条”；每行一款，（一）为项")


class HeadingForm(NamedErrors, Form):
    heading = forms.CharField(label="标题", max_length=200)


class MoveForm(NamedErrors, Form):
    after = forms.CharField(label="移到", max_length=40)
