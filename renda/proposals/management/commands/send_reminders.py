"""Daily (from cron or a systemd timer): due-date reminders to handling units, for every congress.

    renda manage send_reminders --as office-user
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import PermissionDenied
from renda.core.models import Congress
from renda.proposals import actions


class Command(BaseCommand):
    help = "向承办单位发送议案建议办理期限提醒（到期前 30、7、1 天及逾期每日），可重复运行"

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True,
                            help="the account the reminders are sent as (office staff, or a superuser for all congresses)")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有账号 {username}")
        for congress in Congress.objects.order_by("id"):
            try:
                sent = actions.send_due_reminders(congress, actor=user)
            except PermissionDenied:
                continue  # not this account's congress
            self.stdout.write(f"{congress.name}：{sent} 条提醒")
