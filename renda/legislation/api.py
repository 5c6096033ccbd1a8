"""Bills, their versions and laws over the API: create a bill, list and read bills with their
versions, a version's structured text, add a version, edit/insert/move/delete an article, compare
two versions, downloads (Akoma Ntoso XML, PDF, .docx); laws with their revisions and consolidated
text for any token. The same actions as the pages; another congress's id is not found."""

from datetime import date, datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from renda.core import downloads, official_documents
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, fields_named
from renda.core.permissions import check_permission
from renda.legislation import actions, akn, compare, documents, queries
from renda.legislation.models import Bill, BillVersion, Law, Provision
from renda.legislation.views import CONTENT_TYPES

router = Router(tags=["legislation"])
FORMATS = ["pdf", "docx", "xml"]


class LegislationVersionOut(Schema):
    id: int
    number: int
    stage: Annotated[str, OneOf(BillVersion.Stage)]
    label: str
    explanation: str
    based_on_id: int | None
    frozen: bool
    created_at: datetime
    url: str


class LegislationBillOut(Schema):
    id: int
    title: str
    kind: Annotated[str, OneOf(Law.Kind)]
    purpose: Annotated[str, OneOf(Bill.Purpose)]
    law_id: int | None
    proposer_id: int | None
    drafting_body_id: int | None
    committee_id: int | None
    readings_required: int
    status: Annotated[str, OneOf(Bill.Status)]
    versions: list[LegislationVersionOut]
    url: str


class LegislationProvisionOut(Schema):
    key: str
    eid: str
    kind: Annotated[str, OneOf(Provision.Kind)]
    number: int
    label: str
    heading: str
    text: str
    children: list["LegislationProvisionOut"]


LegislationProvisionOut.model_rebuild()


class LegislationReferenceOut(Schema):
    source_key: str
    target_key: str
    cited_as: str


class LegislationTextOut(Schema):
    version: LegislationVersionOut
    bill_id: int
    provisions: list[LegislationProvisionOut]
    references: list[LegislationReferenceOut]


def _version_out(v: BillVersion) -> dict:
    return {"id": v.pk, "number": v.number, "stage": v.stage, "label": v.label, "explanation": v.explanation,
            "based_on_id": v.based_on_id, "frozen": queries.is_frozen(v), "created_at": v.created_at,
            "url": reverse("legislation_version", args=[v.congress.code, v.pk])}


def _bill_out(b: Bill) -> dict:
    return {"id": b.pk, "title": b.title, "kind": b.kind, "purpose": b.purpose, "law_id": b.law_id,
            "proposer_id": b.proposer_id, "drafting_body_id": b.drafting_body_id, "committee_id": b.committee_id,
            "readings_required": b.readings_required, "status": b.status,
            "versions": [_version_out(v) for v in queries.versions(b)],
            "url": reverse("legislation_bill", args=[b.congress.code, b.pk])}


def _tree(version: BillVersion) -> list[dict]:
    rows = list(queries.provisions(version))
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for p in rows:
        node = {"key": p.key, "eid": p.eid, "kind": p.kind, "number": p.number, "label": p.label,
                "heading": p.heading, "text": p.text, "children": []}
        nodes[p.pk] = node
        (nodes[p.parent_id]["children"] if p.parent_id else roots).append(node)
    return roots


def _text_out(version: BillVersion) -> dict:
    from renda.legislation.models import CrossReference

    refs = CrossReference.objects.in_congress(version.congress).filter(version=version) \
        .select_related("source", "target")
    return {"version": _version_out(version), "bill_id": version.bill_id, "provisions": _tree(version),
            "references": [{"source_key": r.source.key, "target_key": r.target_key, "cited_as": r.cited_as}
                           for r in refs]}


def _bill(request, bill_id: int) -> Bill:
    check_permission(request.user, request.congress, "view_bills")
    bill = queries.bills(request.congress).filter(pk=bill_id).first()
    if bill is None:
        raise Http404("找不到该法规案")
    return bill


def _version(request, version_id: int) -> BillVersion:
    check_permission(request.user, request.congress, "view_bills")
    version = BillVersion.objects.in_congress(request.congress).filter(pk=version_id).first()
    if version is None:
        raise Http404("找不到该法规案文本")
    return version


@router.get("/legislation/bills", response=list[LegislationBillOut], summary="法规案及其各稿文本")
@scoped
def list_bills(request, status: Annotated[str, OneOf(Bill.Status)] | None = None):
    check_permission(request.user, request.congress, "view_bills")
    return [_bill_out(b) for b in queries.bills(request.congress, status=status)[:500]]


@router.get("/legislation/bills/{bill_id}", response=LegislationBillOut, summary="一件法规案")
@scoped
def get_bill(request, bill_id: int):
    return _bill_out(_bill(request, bill_id))


class LegislationBillIn(In):
    title: Filled
    kind: Annotated[str, OneOf(Law.Kind)] = Law.Kind.REGULATION
    purpose: Annotated[str, OneOf(Bill.Purpose)] = Bill.Purpose.NEW
    law_id: int | None = Field(None, description="修改或废止的法规（purpose 为 amendment 或 repeal 时必填）")
    proposer_id: int | None = None
    drafting_body_id: int | None = None
    committee_id: int | None = None
    readings_required: int | None = Field(None, ge=1, le=10, description="审议次数；不填按规则 legislation.normal_readings")
    text: Annotated[str, Field(max_length=200000)] = Field(
        "", description="草案全文（第一章　总则 / 第一条　……）；修改、废止法规的可不填，从现行文本开始")
    explanation: Annotated[str, Field(max_length=40000)] = ""
    label: Annotated[str, Field(max_length=100)] = ""


BILL_NAMES = {"law": "law_id", "proposer": "proposer_id", "drafting_body": "drafting_body_id",
              "committee": "committee_id"}


@router.post("/legislation/bills", response={201: LegislationBillOut}, summary="起草法规案（草案为第1稿）")
@scoped
def create_bill(request, payload: LegislationBillIn):
    with fields_named(BILL_NAMES):
        bill = actions.create_bill(request.congress, actor=request.user, title=payload.title, kind=payload.kind,
                                   purpose=payload.purpose, law=payload.law_id, proposer=payload.proposer_id,
                                   drafting_body=payload.drafting_body_id, committee=payload.committee_id,
                                   readings_required=payload.readings_required, text=payload.text,
                                   explanation=payload.explanation, label=payload.label)
    return Status(201, _bill_out(queries.bills(request.congress).get(pk=bill.pk)))


class LegislationVersionIn(In):
    stage: Annotated[str, OneOf(BillVersion.Stage)]
    text: Annotated[str, Field(max_length=200000)] | None = Field(None, description="新的全文；不填则复制 based_on_id")
    based_on_id: int | None = Field(None, description="据以修改的版本（默认最新一稿）")
    label: Annotated[str, Field(max_length=100)] = ""
    explanation: Annotated[str, Field(max_length=40000)] = ""


@router.post("/legislation/bills/{bill_id}/versions", response={201: LegislationTextOut},
             summary="增加一稿：粘贴全文（按文字对应各条），或复制某一稿后逐条修改")
@scoped
def add_version(request, bill_id: int, payload: LegislationVersionIn):
    bill = _bill(request, bill_id)
    with fields_named({"based_on": "based_on_id"}):
        version = actions.add_version(request.congress, bill, actor=request.user, stage=payload.stage,
                                      text=payload.text, based_on=payload.based_on_id, label=payload.label,
                                      explanation=payload.explanation)
    return Status(201, _text_out(version))


@router.get("/legislation/versions/{version_id}", response=LegislationTextOut,
            summary="一稿的结构化文本（章、节、条、款、项、目，eId 与跨版本 key）和条文引用")
@scoped
def get_version(request, version_id: int):
    return _text_out(_version(request, version_id))


class LegislationArticleEditIn(In):
    text: Filled = Field(description="条文内容，不写“第X条”；每行一款，（一）为项，1. 为目")


@router.put("/legislation/versions/{version_id}/articles/{key}", response=LegislationTextOut,
            summary="修改一条（按 key）")
@scoped
def edit_article(request, version_id: int, key: str, payload: LegislationArticleEditIn):
    version = _version(request, version_id)
    with fields_named({"article": "key"}):
        actions.edit_article(request.congress, version, actor=request.user, article=key, text=payload.text)
    return _text_out(version)


class LegislationArticleInsertIn(In):
    text: Filled = Field(description="条文内容，不写“第X条”")
    after: str | None = Field(None, description="插在这一条（key）之后")
    container: str | None = Field(None, description="或插在这一章、节（key）的开头")


@router.post("/legislation/versions/{version_id}/articles", response={201: LegislationTextOut},
             summary="增加一条（其后条文和引用自动重新编号）")
@scoped
def insert_article(request, version_id: int, payload: LegislationArticleInsertIn):
    version = _version(request, version_id)
    actions.insert_article(request.congress, version, actor=request.user, text=payload.text, after=payload.after,
                           container=payload.container)
    return Status(201, _text_out(version))


class LegislationArticleMoveIn(In):
    after: str | None = Field(None, description="移到这一条（key）之后")
    container: str | None = Field(None, description="或移到这一章、节（key）的开头")


@router.post("/legislation/versions/{version_id}/articles/{key}/move", response=LegislationTextOut,
             summary="移动一条（到另一章或另一位置）")
@scoped
def move_article(request, version_id: int, key: str, payload: LegislationArticleMoveIn):
    version = _version(request, version_id)
    with fields_named({"article": "key"}):
        actions.move_article(request.congress, version, actor=request.user, article=key, after=payload.after,
                             container=payload.container)
    return _text_out(version)


@router.delete("/legislation/versions/{version_id}/articles/{key}", response=LegislationTextOut,
               summary="删除一条（被其他条文引用的不能删除）")
@scoped
def delete_article(request, version_id: int, key: str):
    version = _version(request, version_id)
    with fields_named({"article": "key"}):
        actions.delete_article(request.congress, version, actor=request.user, article=key)
    return _text_out(version)


class LegislationSideOut(Schema):
    key: str
    number: int
    label: str
    eid: str
    text: str
    place: str


class LegislationCompareRowOut(Schema):
    status: Annotated[str, OneOf(list(compare.LABELS))]
    old: LegislationSideOut | None
    new: LegislationSideOut | None
    changed: bool
    renumbered: bool
    moved: bool
    citations: bool
    note: str
    old_html: str
    new_html: str


class LegislationCompareOut(Schema):
    old_version_id: int
    new_version_id: int
    counts: dict[str, int]
    rows: list[LegislationCompareRowOut]


def _side(side) -> dict | None:
    return None if side is None else {"key": side.key, "number": side.number, "label": side.label, "eid": side.eid,
                                      "text": side.text, "place": side.place}


def _compare_out(old: BillVersion, new: BillVersion) -> dict:
    rows = compare.compare(old, new)
    return {"old_version_id": old.pk, "new_version_id": new.pk, "counts": compare.summary(rows),
            "rows": [{"status": r.status, "old": _side(r.old), "new": _side(r.new), "changed": r.changed,
                      "renumbered": r.renumbered, "moved": r.moved, "citations": r.citations, "note": r.note,
                      "old_html": str(r.old_html), "new_html": str(r.new_html)} for r in rows]}


def _pair(request, bill_id: int, old: int, new: int) -> tuple[Bill, BillVersion, BillVersion]:
    bill = _bill(request, bill_id)
    versions = {v.pk: v for v in queries.versions(bill)}
    if old not in versions:
        raise Http404("“old”不是本法规案的文本")
    if new not in versions:
        raise Http404("“new”不是本法规案的文本")
    return bill, versions[old], versions[new]


@router.get("/legislation/bills/{bill_id}/compare", response=LegislationCompareOut,
            summary="两稿逐条比较（未改动、修改、序号变动、移动、新增、删除）")
@scoped
def compare_versions(request, bill_id: int, old: int, new: int):
    _bill_, before, after = _pair(request, bill_id, old, new)
    return _compare_out(before, after)


def _file(data: bytes, name: str, ext: str) -> HttpResponse:
    return downloads.attachment(HttpResponse(data, content_type=CONTENT_TYPES[ext]), name)


@router.get("/legislation/bills/{bill_id}/compare/document", summary="对照表 PDF 或 Word（format=pdf|docx）")
@scoped
def compare_document(request, bill_id: int, old: int, new: int,
                     format: Annotated[str, OneOf(["pdf", "docx"])] = "pdf"):
    bill, before, after = _pair(request, bill_id, old, new)
    doc = documents.comparison_document(bill.title, before, after, f"第{before.number}稿", f"第{after.number}稿",
                                        compare.compare(before, after))
    data = official_documents.to_pdf(doc) if format == "pdf" else official_documents.to_docx(doc)
    return _file(data, official_documents.filename(doc, format), format)


@router.get("/legislation/versions/{version_id}/document",
            summary="一稿的文本：Akoma Ntoso XML（bill）、PDF 或 Word（format=xml|pdf|docx）")
@scoped
def version_document(request, version_id: int, format: Annotated[str, OneOf(FORMATS)] = "xml"):
    version = _version(request, version_id)
    bill = queries.bills(request.congress).get(pk=version.bill_id)
    if format == "xml":
        return _file(akn.to_xml(akn.bill_document(version)), f"{bill.title}_第{version.number}稿.xml", "xml")
    doc = documents.text_document(f"{bill.title}（{version.label or version.get_stage_display()}）", version)
    data = official_documents.to_pdf(doc) if format == "pdf" else official_documents.to_docx(doc)
    return _file(data, official_documents.filename(doc, format), format)


# ── laws: any token ──

class LegislationRevisionOut(Schema):
    id: int
    bill_id: int
    version_id: int
    passed_on: date
    approved_on: date | None
    announcement_number: str
    announced_on: date | None
    in_force_on: date | None


class LegislationLawOut(Schema):
    id: int
    title: str
    kind: Annotated[str, OneOf(Law.Kind)]
    status: Annotated[str, OneOf(Law.Status)]
    repealed_on: date | None
    revisions: list[LegislationRevisionOut]
    consolidated_version_id: int | None
    url: str


class LegislationLawTextOut(LegislationLawOut):
    provisions: list[LegislationProvisionOut]


def _law_out(law: Law) -> dict:
    consolidated = queries.law_text(law)
    return {"id": law.pk, "title": law.title, "kind": law.kind, "status": law.status, "repealed_on": law.repealed_on,
            "revisions": [{"id": r.pk, "bill_id": r.bill_id, "version_id": r.version_id, "passed_on": r.passed_on,
                           "approved_on": r.approved_on, "announcement_number": r.announcement_number,
                           "announced_on": r.announced_on, "in_force_on": r.in_force_on}
                          for r in queries.revisions(law)],
            "consolidated_version_id": consolidated.pk if consolidated else None,
            "url": reverse("legislation_law", args=[law.congress.code, law.pk])}


def _law(request, law_id: int) -> Law:
    law = queries.laws(request.congress).filter(pk=law_id).first()
    if law is None:
        raise Http404("找不到该法规")
    return law


@router.get("/legislation/laws", response=list[LegislationLawOut], summary="法规（现行有效、尚未施行、已废止；任何令牌可读）")
@scoped
def list_laws(request, status: Annotated[str, OneOf(Law.Status)] | None = None):
    rows = queries.laws(request.congress)
    if status:
        rows = rows.filter(status=status)
    return [_law_out(law) for law in rows[:500]]


@router.get("/legislation/laws/{law_id}", response=LegislationLawTextOut,
            summary="一部法规：制定和修改情况、现行文本（结构化）")
@scoped
def get_law(request, law_id: int):
    law = _law(request, law_id)
    consolidated = queries.law_text(law)
    return {**_law_out(law), "provisions": _tree(consolidated) if consolidated else []}


@router.get("/legislation/laws/{law_id}/document",
            summary="现行文本：Akoma Ntoso XML（act）、PDF 或 Word（format=xml|pdf|docx）")
@scoped
def law_document(request, law_id: int, format: Annotated[str, OneOf(FORMATS)] = "xml"):
    law = _law(request, law_id)
    consolidated = queries.law_text(law)
    if consolidated is None:
        raise Http404("该法规没有文本")
    if format == "xml":
        return _file(akn.to_xml(akn.law_document(law)), f"{law.title}.xml", "xml")
    doc = documents.text_document(law.title, consolidated)
    data = official_documents.to_pdf(doc) if format == "pdf" else official_documents.to_docx(doc)
    return _file(data, official_documents.filename(doc, format), format)
