"""The training certificate (结业证书) as a one-page document in the official layout
(renda.core.official_documents), issued in the congress's standing committee's name."""

from __future__ import annotations

from renda.activities import queries
from renda.activities.models import TrainingCertificate
from renda.core.official_documents import OfficialDocument, chinese_date


def issuer_of(congress) -> str:
    return f"{congress.name.removesuffix('人民代表大会')}人民代表大会常务委员会"


def certificate(cert: TrainingCertificate) -> OfficialDocument:
    congress, programme = cert.congress, cert.programme
    hours = next((t.hours for t in queries.trainees(congress, programme) if t.person.pk == cert.person_id), None)
    done = f"完成{hours}学时，" if hours is not None else ""
    return OfficialDocument(
        issuer=issuer_of(congress),
        number=f"证书编号：{cert.number}",
        title="结业证书",
        addressee=f"{cert.person.name}同志：",
        preamble=[f"您参加了{programme.organiser or issuer_of(congress)}举办的“{programme.title}”（{programme.year}年度，"
                  f"{programme.get_kind_display()}），{done}达到结业要求，准予结业。", "特发此证。"],
        signature=issuer_of(congress),
        date=cert.issued_on,
    )


__all__ = ["certificate", "chinese_date"]
