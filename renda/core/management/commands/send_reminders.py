"""Daily (from cron or a systemd timer), for every congress the account works in: the due-date
reminders to handling units for suggestions (30, 7 and 1 days before and every overdue day) and to
responsible units for rectification items (rule rectification.reminder_days, and every overdue day).
Each is idempotent per item and day, so running it twice sends nothing twice.

    renda manage send_reminders --as office-user
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import PermissionDenied
from renda.core.models import Congress
from renda.proposals.actions import send_due_reminders
from renda.rectification.actions import send_reminders as send_rectification_reminders

# (what one line of output counts, the action that sends them)
REMINDERS = [("条提醒", send_due_reminders), ("条整改催办提醒", send_rectification_reminders)]


class Command(BaseCommand):
    help = "发送议案建议办理期限提醒和整改事项催办提醒（到期前及逾期每日），可重复运行"

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True,
                            help="the account the reminders are sent as (office staff, or a superuser for all congresses)")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有账号 {username}")
        for congress in Congress.objects.order_by("id"):
            for what, send in REMINDERS:
                try:
                    sent = send(congress, actor=user)
                except PermissionDenied:
                    break  # not this account's congress
                self.stdout.write(f"{congress.name}：{sent} {what}")
