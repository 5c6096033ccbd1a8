"""Re-check every answer to a suggestion, and every unit's answer to a concern or an opinion-register
item (after a threshold changed, or for answers given before the check existed), oldest first, so each
is compared with the answers its unit gave before it.

    renda manage check_answers --as office-user [--congress CODE]
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from renda.answer_quality.actions import check_answer, check_concern_answer, unit_concern_answers
from renda.core.errors import PermissionDenied
from renda.core.models import Congress
from renda.core.tenancy import congress_scope
from renda.proposals.models import Answer


class Command(BaseCommand):
    help = "重新检查议案建议答复及群众诉求、意见建议答复的质量提示（套话答复、答非所问）"

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True,
                            help="the account it runs as (office staff, or a superuser for all congresses)")
        parser.add_argument("--congress", dest="code", default=None, help="only this congress (its code)")

    def handle(self, *args, username, code=None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有账号 {username}")
        congresses = Congress.objects.order_by("id")
        if code:
            congresses = congresses.filter(code=code)
            if not congresses.exists():
                raise CommandError(f"没有代码为 {code} 的人大")
        for congress in congresses:
            flagged = checked = concerns_flagged = concerns_checked = 0
            with congress_scope(congress):
                answers = Answer.objects.in_congress(congress).select_related("suggestion").order_by("id")
                for answer in answers.iterator(chunk_size=500):
                    try:
                        flagged += len(check_answer(congress, answer, actor=user))
                    except PermissionDenied:
                        break  # not this account's congress
                    checked += 1
                for concern in unit_concern_answers(congress).order_by("answered_on", "id").iterator(chunk_size=500):
                    try:
                        concerns_flagged += len(check_concern_answer(congress, concern, actor=user))
                    except PermissionDenied:
                        break
                    concerns_checked += 1
            self.stdout.write(f"{congress.name}：检查建议答复 {checked} 件，提示 {flagged} 条；"
                              f"检查群众诉求、意见建议答复 {concerns_checked} 件，提示 {concerns_flagged} 条")
