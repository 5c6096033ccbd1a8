"""List stored files that today's upload rules (core.uploads) would refuse: uploaded before the rules,
or put there by other means. It changes nothing; the office decides what to remove."""

from django.core.management.base import BaseCommand

from renda.core import uploads
from renda.core.models import Congress


def _stored(congress):
    from renda.liaison.models import ConcernPhoto
    from renda.livelihood.models import ProgressReport
    from renda.meetings.models import Document
    from renda.proposals.models import Attachment

    for row in Document.objects.in_congress(congress).order_by("id"):
        yield "会议文件", row.pk, row.file, "meeting_document"
    for row in Attachment.objects.in_congress(congress).order_by("id"):
        yield "议案建议附件", row.pk, row.file, "suggestion_attachment"
    for row in ConcernPhoto.objects.in_congress(congress).order_by("id"):
        yield "群众诉求照片", row.pk, row.image, "concern_photo"
    for row in ProgressReport.objects.in_congress(congress).exclude(photo="").order_by("id"):
        yield "民生实事进展照片", row.pk, row.photo, "progress_photo"


def problems(congress):
    """(what, id, stored name, reason) of each stored file of ``congress`` the rules refuse."""
    for what, pk, field, purpose in _stored(congress):
        rule = uploads.PURPOSES[purpose]
        try:
            size = field.size
            with field.open("rb") as stream:
                kind = uploads.detect(stream)
        except OSError:
            yield what, pk, field.name, "文件缺失或无法读取"
            continue
        if size > rule.max_bytes:
            yield what, pk, field.name, f"{uploads.size_text(size)}，超过 {uploads.size_text(rule.max_bytes)}"
        elif kind not in rule.kinds:
            yield what, pk, field.name, f"内容不是 {rule.kinds_text()}"


class Command(BaseCommand):
    help = "列出按现行上传规则（类型按内容判断、大小上限）不会被接受的已存文件；只列出，不删除"

    def handle(self, *args, **options):
        found = 0
        for congress in Congress.objects.order_by("code"):
            for what, pk, name, reason in problems(congress):
                found += 1
                self.stdout.write(f"{congress.code}\t{what}\t{pk}\t{name}\t{reason}")
        self.stdout.write(f"共 {found} 个文件不符合现行上传规则" if found else "所有已存文件都符合现行上传规则")
