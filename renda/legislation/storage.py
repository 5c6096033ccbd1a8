"""A version's provision tree as ``Provision`` rows and back, with its cross-references.

``store`` syncs the rows with a tree by key (a row whose key is still there is updated in place, so
whatever points at it stays valid), creates the new ones, deletes the gone ones and finds the
citations again. Only the actions call it."""

from __future__ import annotations

from renda.legislation import references
from renda.legislation.models import BillVersion, CrossReference, Provision
from renda.legislation.text import ARTICLE, Node, article_body

OFFSET = 1_000_000  # positions are moved out of the way before being written again (unique per version)


def load(version: BillVersion) -> list[Node]:
    rows = list(Provision.objects.in_congress(version.congress).filter(version=version).order_by("position"))
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for row in rows:
        node = Node(row.kind, row.number, row.heading, row.text if row.kind != ARTICLE else "", key=row.key,
                    eid=row.eid)
        nodes[row.pk] = node
        (nodes[row.parent_id].children if row.parent_id else roots).append(node)
    return roots


def store(version: BillVersion, roots: list[Node]) -> None:
    congress = version.congress
    existing = {p.key: p for p in Provision.objects.in_congress(congress).filter(version=version)}
    flat: list[tuple[Node, Node | None]] = []

    def visit(children: list[Node], parent: Node | None) -> None:
        for node in children:
            flat.append((node, parent))
            visit(node.children, node)

    visit(roots, None)
    kinds = {node.key: node.kind for node, _ in flat}
    CrossReference.objects.in_congress(congress).filter(version=version)._raw_delete(CrossReference.objects.db)
    kept = [p for k, p in existing.items() if kinds.get(k) == p.kind]
    for p in kept:  # detached first, so deleting a gone chapter does not take a moved article with it
        p.position += OFFSET
        p.parent = None
    Provision.objects.bulk_update(kept, ["position", "parent"])
    gone = [p.pk for k, p in existing.items() if kinds.get(k) != p.kind]
    if gone:  # every descendant of a gone row is gone too (or detached above): nothing to cascade
        Provision.objects.in_congress(congress).filter(pk__in=gone)._raw_delete(Provision.objects.db)
        existing = {k: p for k, p in existing.items() if kinds.get(k) == p.kind}
    rows: dict[str, Provision] = {}
    for position, (node, parent) in enumerate(flat, start=1):
        text = article_body(node) if node.kind == ARTICLE else node.text
        row = existing.get(node.key)
        fields = {"kind": node.kind, "number": node.number, "heading": node.heading, "text": text,
                  "position": position, "eid": node.eid, "parent": rows[parent.key] if parent else None}
        if row is None:
            row = Provision.objects.create(congress=congress, version=version, key=node.key, **fields)
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
        rows[node.key] = row
    CrossReference.objects.bulk_create([
        CrossReference(congress=congress, version=version, source=rows[article.key], target=rows[target.key],
                       target_key=target.key, paragraph=cite.paragraph, item=cite.item, cited_as=cite.cited_as[:60])
        for article, cite, target in references.resolve(roots)
    ])


def copy(source: BillVersion, target: BillVersion) -> None:
    """The source version's provisions into a new version, keys kept."""
    store(target, load(source))
