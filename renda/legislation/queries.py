"""Reads of bills, versions, provisions and laws, for pages, the API and the other legislation apps.

``freeze_version`` is the one write here: the comments and enactment apps call it, inside their own
action, when a text is opened for comment or put on an agenda, so that it is never edited again."""

from __future__ import annotations

from django.db.models import QuerySet

from renda.core.models import Congress
from renda.legislation.models import Bill, BillVersion, Law, LawRevision, Provision


def bills(congress: Congress, *, status: str | None = None) -> QuerySet[Bill]:
    qs = Bill.objects.in_congress(congress).select_related("law", "proposer", "drafting_body", "committee")
    return qs.filter(status=status) if status else qs


def versions(bill: Bill) -> QuerySet[BillVersion]:
    return BillVersion.objects.in_congress(bill.congress).filter(bill=bill).order_by("number")


def current_version(bill: Bill) -> BillVersion | None:
    """The bill's latest version."""
    return versions(bill).order_by("-number").first()


def is_frozen(version: BillVersion) -> bool:
    """Opened for comment, put on an agenda, or followed by a later version: no longer editable."""
    if version.frozen:
        return True
    return BillVersion.objects.in_congress(version.congress).filter(bill_id=version.bill_id,
                                                                     number__gt=version.number).exists()


def freeze_version(version: BillVersion) -> None:
    """Called by other apps' actions inside their transaction (they write the audit record)."""
    if not version.frozen:
        BillVersion.objects.in_congress(version.congress).filter(pk=version.pk).update(frozen=True)
        version.frozen = True


def provisions(version: BillVersion) -> QuerySet[Provision]:
    return Provision.objects.in_congress(version.congress).filter(version=version).order_by("position")


def articles(version: BillVersion) -> QuerySet[Provision]:
    """The version's articles in order; ``text`` is the article's whole body (paragraphs, items and
    sub-items one per line, without 第X条), ``eid`` is ``art_N`` (the page anchor), ``key`` stays
    the same across versions."""
    return provisions(version).filter(kind=Provision.Kind.ARTICLE)


def article(version: BillVersion, key: str) -> Provision | None:
    return articles(version).filter(key=key).first()


def laws(congress: Congress, *, in_force_only: bool = False) -> QuerySet[Law]:
    qs = Law.objects.in_congress(congress)
    return qs.filter(status=Law.Status.IN_FORCE) if in_force_only else qs


def revisions(law: Law) -> QuerySet[LawRevision]:
    return (LawRevision.objects.in_congress(law.congress).filter(law=law)
            .select_related("version", "bill").order_by("passed_on", "id"))


def law_text(law: Law) -> BillVersion | None:
    """The consolidated text (现行文本): the enacted version of the law's latest revision."""
    latest = revisions(law).order_by("-passed_on", "-id").first()
    return latest.version if latest else None
