"""Writes to bills and their texts, one function per use case.

``create_bill`` records a 法规案 with its first version (草案) parsed from the text; an amendment or
repeal bill starts from the law's consolidated text when no text is given. ``add_version`` adds the
next text (修改稿, 表决稿, 通过文本): pasted (its articles matched to the previous version's by
text, so they compare across versions) or copied from an earlier version to be edited article by
article. The article edits (``edit_article``, ``insert_article``, ``delete_article``,
``move_article``, ``edit_heading``) work on a version that is not frozen (``queries.is_frozen``);
articles renumber themselves and citations (转致) follow their article's new number; deleting an
article another article cites is refused, naming the citing articles."""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from renda.core import audit, rules
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.legislation import matching, queries, references, storage
from renda.legislation import text as statute
from renda.legislation.models import Bill, BillVersion, Law, Provision
from renda.people.models import Organisation
from renda.people.validation import Errors, id_or_none, text, whole_number

S = Bill.Status
CLOSED = {S.FAILED, S.ENDED, S.WITHDRAWN, S.NOT_APPROVED, S.PROMULGATED}
TEXT_MAX = 200_000


def _organisation(congress: Congress, value: Any) -> Organisation | None:
    if isinstance(value, Organisation):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return Organisation.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def _law(congress: Congress, value: Any) -> Law | None:
    if isinstance(value, Law):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return Law.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def _parse(body: str, field: str = "text") -> list[statute.Node]:
    try:
        roots = statute.parse(body)
        references.resolve(roots)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict.get("text", error.messages)}) from None
    return roots


def _match_keys(roots: list[statute.Node], previous: list[statute.Node]) -> None:
    """Keys of ``previous`` onto the corresponding articles, chapters and sections of ``roots``."""
    for kind in (statute.CHAPTER, statute.SECTION):
        old = {n.heading: n.key for n in statute.walk(previous) if n.kind == kind and n.heading}
        for node in statute.walk(roots):
            if node.kind == kind and node.heading in old:
                node.key = old.pop(node.heading)
    old_articles = statute.articles(previous)
    new_articles = statute.articles(roots)
    pairs = matching.pair([statute.article_body(a) for a in old_articles],
                          [statute.article_body(a) for a in new_articles])
    for j, i in pairs.items():
        new_articles[j].key = old_articles[i].key
    statute.assign_keys(roots)


def _next_number(bill: Bill) -> int:
    taken = BillVersion.objects.in_congress(bill.congress).filter(bill=bill)
    return (taken.aggregate(n=Max("number"))["n"] or 0) + 1


def _locked_bill(congress: Congress, bill: Bill) -> Bill:
    ensure_own(congress, bill, "法规案")
    return Bill.objects.in_congress(congress).select_for_update().get(pk=bill.pk)


@action("create_bill")
def create_bill(congress: Congress, *, actor, title: str, kind: str = Law.Kind.REGULATION,
                purpose: str = Bill.Purpose.NEW, law: Any = None, proposer: Any = None, drafting_body: Any = None,
                committee: Any = None, readings_required: Any = None, text: str = "", explanation: str = "",
                label: str = "") -> Bill:
    """A bill in drafting (起草中) with its version 1 (草案). Readings default to the congress's rule
    ``legislation.normal_readings`` (立法法第三十二条: 一般经三次常委会会议审议)."""
    errors = Errors()
    data = {"title": title, "text": text, "explanation": explanation, "label": label}
    title_ = _text(data, errors, "title", "名称", required=True, max_length=200)
    body = _text(data, errors, "text", "正文", max_length=TEXT_MAX, multiline=True)
    why = _text(data, errors, "explanation", "说明", max_length=40000, multiline=True)
    label_ = _text(data, errors, "label", "版本名称", max_length=100)
    if kind not in Law.Kind.values:
        errors.add("kind", "“类别”须为：" + "、".join(Law.Kind.labels))
    if purpose not in Bill.Purpose.values:
        errors.add("purpose", "“立法形式”须为：" + "、".join(Bill.Purpose.labels))
    target = _law(congress, law)
    if purpose in (Bill.Purpose.AMENDMENT, Bill.Purpose.REPEAL):
        if law in (None, ""):
            errors.add("law", "修改或废止法规的，“修改或废止的法规”必须填写")
        elif target is None:
            errors.add("law", "“修改或废止的法规”不是本级的法规")
        elif target.status == Law.Status.REPEALED:
            errors.add("law", f"“{target.title}”已废止")
        elif queries.law_text(target) is None and not body:
            errors.add("law", f"“{target.title}”没有现行文本，请在“正文”中粘贴修改后的文本")
    elif law not in (None, ""):
        errors.add("law", "制定新法规的，不填“修改或废止的法规”")
    bodies = {}
    for field, label_text, value in (("proposer", "提请机关", proposer), ("drafting_body", "起草单位", drafting_body),
                                      ("committee", "负责初审的委员会", committee)):
        found = _organisation(congress, value)
        if value not in (None, "") and found is None:
            errors.add(field, f"“{label_text}”不是本级的机构")
        bodies[field] = found
    if readings_required in (None, ""):
        readings = rules.get(congress, "legislation.normal_readings")
    else:
        readings = whole_number(readings_required, errors, "readings_required", "审议次数", minimum=1, maximum=10)
    roots: list[statute.Node] = []
    consolidated = queries.law_text(target) if target is not None else None
    if body:
        try:
            roots = _parse(body)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    errors.add(field, message)
    elif consolidated is None:
        errors.add("text", "“正文”必须填写")
    errors.raise_if_any()
    bill = Bill.objects.create(congress=congress, title=title_, kind=kind, purpose=purpose, law=target,
                               readings_required=readings, created_by=actor, **bodies)
    version = BillVersion.objects.create(congress=congress, bill=bill, number=1, stage=BillVersion.Stage.DRAFT,
                                         label=label_ or "草案", explanation=why, created_by=actor)
    if consolidated is not None:
        previous = storage.load(consolidated)
        if roots:
            _match_keys(roots, previous)
        else:
            roots = previous
    statute.assign_keys(roots)
    storage.store(version, roots)
    audit.record(congress, actor, "create_bill", bill, object_repr=title_,
                 after={"kind": kind, "purpose": purpose, "law": target.pk if target else None,
                        "readings_required": readings, "articles": len(statute.articles(roots))})
    return bill


def _text(data, errors, field, label, **kw) -> str:
    return text(data, errors, field, label, **kw)


@action("edit_bill_text")
def add_version(congress: Congress, bill: Bill, *, actor, stage: str, text: str | None = None,
                based_on: Any = None, label: str = "", explanation: str = "") -> BillVersion:
    """The bill's next version: parsed from ``text`` (articles matched to the previous version's by
    text), or a copy of ``based_on`` (default the latest version) to edit article by article."""
    bill = _locked_bill(congress, bill)
    if bill.status in CLOSED:
        raise ValidationError({"status": f"“{bill.title}”{bill.get_status_display()}，不能再增加文本"})
    errors = Errors()
    data = {"text": text, "label": label, "explanation": explanation}
    body = _text(data, errors, "text", "正文", max_length=TEXT_MAX, multiline=True)
    label_ = _text(data, errors, "label", "版本名称", max_length=100)
    why = _text(data, errors, "explanation", "说明", max_length=40000, multiline=True)
    if stage not in BillVersion.Stage.values:
        errors.add("stage", "“稿别”须为：" + "、".join(BillVersion.Stage.labels))
    latest = queries.current_version(bill)
    source: BillVersion | None = latest
    if based_on not in (None, ""):
        pk = based_on.pk if isinstance(based_on, BillVersion) else id_or_none(based_on)
        source = queries.versions(bill).filter(pk=pk).first() if pk else None
        if source is None:
            errors.add("based_on", "“据以修改的版本”不是本法规案的文本")
    roots: list[statute.Node] = []
    if body:
        try:
            roots = _parse(body)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    errors.add(field, message)
    elif source is None:
        errors.add("text", "“正文”必须填写")
    errors.raise_if_any()
    if latest is not None and not latest.frozen:
        queries.freeze_version(latest)
    version = BillVersion.objects.create(congress=congress, bill=bill, number=_next_number(bill), stage=stage,
                                         label=label_ or BillVersion.Stage(stage).label, explanation=why,
                                         based_on=source, created_by=actor)
    previous = storage.load(source) if source is not None else []
    if roots:
        _match_keys(roots, previous)
    else:
        roots = previous
    statute.assign_keys(roots)
    storage.store(version, roots)
    audit.record(congress, actor, "edit_bill_text", version, object_repr=str(version),
                 after={"number": version.number, "stage": stage, "based_on": source.pk if source else None,
                        "pasted": bool(body)})
    return version


# ── article by article, on a version not yet frozen ──

def _editable(congress: Congress, version: BillVersion) -> BillVersion:
    ensure_own(congress, version, "法规案文本")
    version = BillVersion.objects.in_congress(congress).select_for_update().get(pk=version.pk)
    if queries.is_frozen(version):
        raise ValidationError({"version": f"“{version}”已定稿（已有后续版本、已征求意见或已列入议程），"
                                          "请增加新的版本后再修改"})
    return version


def _find(roots: list[statute.Node], key: Any, field: str, kinds=(statute.ARTICLE,), what="条") \
        -> tuple[statute.Node, list[statute.Node]]:
    """The node with the key and the list that holds it."""
    def search(children: list[statute.Node]):
        for node in children:
            if node.key == key and node.kind in kinds:
                return node, children
            found = search(node.children)
            if found:
                return found
        return None

    found = search(roots) if key not in (None, "") else None
    if found is None:
        raise ValidationError({field: f"“{field}”不是这一文本中的{what}"})
    return found


def _rewrite(version: BillVersion, roots: list[statute.Node], *, actor, what: str, details: dict) -> None:
    statute.renumber(roots)
    statute.assign_keys(roots)
    references.unmark(roots)
    if not statute.articles(roots):
        raise ValidationError({"article": "文本至少应保留一条"})
    storage.store(version, roots)
    audit.record(version.congress, actor, "edit_bill_text", version, object_repr=str(version),
                 after={"edit": what, **details})


def _load_marked(version: BillVersion) -> list[statute.Node]:
    roots = storage.load(version)
    references.mark(roots)
    return roots


def _body(value: Any, roots: list[statute.Node], field: str = "text") -> list[statute.Node]:
    """Paragraphs typed for an article; their citations (in the current numbering) marked."""
    paragraphs = statute.parse_body(value or "", field_name=field)
    by_number = {n.number: n for n in statute.walk(roots) if n.kind == statute.ARTICLE}
    problems = []
    for holder in statute.walk(paragraphs):
        for cite in references.citations_in(holder):
            target = by_number.get(cite.article)
            if target is None:
                problems.append(f"引用的“{cite.cited_as}”不存在")
            elif cite.paragraph and cite.paragraph > len(target.children):
                problems.append(f"引用的“{cite.cited_as}”不存在（{target.label}只有{len(target.children)}款）")
    if problems:
        raise ValidationError({field: problems})
    _mark_against(paragraphs, by_number)
    return paragraphs


def _mark_against(paragraphs: list[statute.Node], by_number: dict[int, statute.Node]) -> None:
    for holder in statute.walk(paragraphs):
        cites = references.citations_in(holder)
        for cite in reversed(cites):
            target = by_number[cite.article]
            token = f"\x00{target.key}|{cite.prefix}|{cite.paragraph or ''}|{cite.item or ''}\x00"
            holder.text = holder.text[:cite.start] + token + holder.text[cite.end:]


@action("edit_bill_text")
def edit_article(congress: Congress, version: BillVersion, *, actor, article: str, text: str) -> BillVersion:
    """An article's new wording (its paragraphs, items and sub-items, one per line)."""
    version = _editable(congress, version)
    roots = _load_marked(version)
    node, _siblings = _find(roots, article, "article")
    before = node.label
    node.children = _body(text, roots)
    _rewrite(version, roots, actor=actor, what="修改条文", details={"article": before})
    return version


@action("edit_bill_text")
def insert_article(congress: Congress, version: BillVersion, *, actor, text: str, after: str | None = None,
                   container: str | None = None) -> Provision:
    """A new article right after article ``after``, or at the start of chapter/section ``container``
    (or of the whole text when neither is given); the articles after it renumber."""
    version = _editable(congress, version)
    roots = _load_marked(version)
    node = statute.Node(statute.ARTICLE, 0, key=statute.new_key())
    node.children = _body(text, roots)
    if after not in (None, ""):
        anchor, siblings = _find(roots, after, "after")
        siblings.insert(siblings.index(anchor) + 1, node)
    elif container not in (None, ""):
        holder, _ = _find(roots, container, "container", kinds=statute.CONTAINERS, what="章或节")
        if any(c.kind == statute.SECTION for c in holder.children):
            raise ValidationError({"container": f"{holder.label}分节，请选择其中的一节"})
        holder.children.insert(0, node)
    else:
        if roots and roots[0].kind in statute.CONTAINERS:
            raise ValidationError({"after": "分章的文本，请选择插入在哪一条之后或哪一章（节）的开头"})
        roots.insert(0, node)
    _rewrite(version, roots, actor=actor, what="增加条文", details={"key": node.key})
    return Provision.objects.in_congress(congress).get(version=version, key=node.key)


@action("edit_bill_text")
def delete_article(congress: Congress, version: BillVersion, *, actor, article: str) -> BillVersion:
    """Deletes the article; refused while another article cites it (转致), naming those articles."""
    version = _editable(congress, version)
    roots = _load_marked(version)
    node, siblings = _find(roots, article, "article")
    citing = [a for a in references.marked_targets(roots).get(node.key, []) if a is not node]
    if citing:
        names = "、".join(a.label for a in citing)
        raise ValidationError({"article": f"{node.label}被{names}引用，请先修改{names}中的引用，再删除{node.label}"})
    label = node.label
    siblings.remove(node)
    _rewrite(version, roots, actor=actor, what="删除条文", details={"article": label})
    return version


@action("edit_bill_text")
def move_article(congress: Congress, version: BillVersion, *, actor, article: str, after: str | None = None,
                 container: str | None = None) -> BillVersion:
    """Moves the article right after article ``after``, or to the start of chapter/section
    ``container``; all articles renumber and citations follow."""
    version = _editable(congress, version)
    roots = _load_marked(version)
    node, siblings = _find(roots, article, "article")
    label = node.label
    if after not in (None, ""):
        if after == node.key:
            raise ValidationError({"after": "不能移到本条之后"})
        siblings.remove(node)
        anchor, target = _find(roots, after, "after")
        target.insert(target.index(anchor) + 1, node)
    elif container not in (None, ""):
        holder, _ = _find(roots, container, "container", kinds=statute.CONTAINERS, what="章或节")
        if any(c.kind == statute.SECTION for c in holder.children):
            raise ValidationError({"container": f"{holder.label}分节，请选择其中的一节"})
        siblings.remove(node)
        holder.children.insert(0, node)
    else:
        raise ValidationError({"after": "请选择移到哪一条之后，或哪一章（节）的开头"})
    for chapter in [n for n in statute.walk(roots) if n.kind in statute.CONTAINERS]:
        if not chapter.children:
            raise ValidationError({"article": f"移动后{chapter.label}{chapter.heading}将没有条文，请先删除或合并该章（节）"})
    _rewrite(version, roots, actor=actor, what="移动条文", details={"article": label})
    return version


@action("edit_bill_text")
def edit_heading(congress: Congress, version: BillVersion, *, actor, provision: str, heading: str) -> BillVersion:
    """A chapter's or section's heading (章名、节名)."""
    version = _editable(congress, version)
    errors = Errors()
    name = text({"heading": heading}, errors, "heading", "标题", required=True, max_length=200)
    errors.raise_if_any()
    roots = _load_marked(version)
    node, _ = _find(roots, provision, "provision", kinds=statute.CONTAINERS, what="章或节")
    before = node.heading
    node.heading = name
    _rewrite(version, roots, actor=actor, what="修改标题", details={"before": before, "heading": name})
    return version


@action("register_law")
def register_law(congress: Congress, *, actor, title: str, text: str, passed_on: Any, kind: str = Law.Kind.REGULATION,
                 approved_on: Any = None, announcement_number: str = "", announced_on: Any = None,
                 in_force_on: Any = None, law: Any = None) -> Law:
    """A law enacted before Renda (or a revision of it) entered with its text and dates: the law, a
    promulgated bill holding the enacted text, and the revision. With ``law``, a later revision of a
    law already registered (its text then becomes the consolidated text)."""
    from renda.people.validation import date as date_field

    errors = Errors()
    data = {"title": title, "text": text, "announcement_number": announcement_number, "passed_on": passed_on,
            "approved_on": approved_on, "announced_on": announced_on, "in_force_on": in_force_on}
    title_ = _text(data, errors, "title", "名称", required=True, max_length=200)
    body = _text(data, errors, "text", "正文", required=True, max_length=TEXT_MAX, multiline=True)
    number = _text(data, errors, "announcement_number", "公告号", max_length=60)
    passed = date_field(data, errors, "passed_on", "通过日期", required=True)
    approved = date_field(data, errors, "approved_on", "批准日期")
    announced = date_field(data, errors, "announced_on", "公布日期")
    in_force = date_field(data, errors, "in_force_on", "施行日期")
    if kind not in Law.Kind.values:
        errors.add("kind", "“类别”须为：" + "、".join(Law.Kind.labels))
    existing = _law(congress, law) if law not in (None, "") else None
    if law not in (None, "") and existing is None:
        errors.add("law", "“法规”不是本级的法规")
    for field, label_, day in (("approved_on", "批准日期", approved), ("announced_on", "公布日期", announced),
                               ("in_force_on", "施行日期", in_force)):
        if passed and day and day < passed:
            errors.add(field, f"“{label_}”不能早于通过日期")
    roots: list[statute.Node] = []
    if body:
        try:
            roots = _parse(body)
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    errors.add("text", message)
    errors.raise_if_any()
    from renda.legislation.models import LawRevision

    target = existing or Law.objects.create(congress=congress, title=title_, kind=kind, status=Law.Status.IN_FORCE)
    bill = Bill.objects.create(congress=congress, title=title_, kind=target.kind,
                               purpose=Bill.Purpose.AMENDMENT if existing else Bill.Purpose.NEW,
                               law=existing, status=S.PROMULGATED, created_by=actor,
                               readings_required=rules.get(congress, "legislation.normal_readings"))
    version = BillVersion.objects.create(congress=congress, bill=bill, number=1, stage=BillVersion.Stage.ENACTED,
                                         label="通过文本", frozen=True, created_by=actor)
    consolidated = queries.law_text(existing) if existing else None
    if consolidated is not None:
        _match_keys(roots, storage.load(consolidated))
    statute.assign_keys(roots)
    storage.store(version, roots)
    LawRevision.objects.create(congress=congress, law=target, bill=bill, version=version, passed_on=passed,
                               approved_on=approved, announcement_number=number, announced_on=announced,
                               in_force_on=in_force)
    audit.record(congress, actor, "register_law", target, object_repr=target.title,
                 after={"passed_on": str(passed), "announcement_number": number, "revision_of": existing is not None})
    return target
