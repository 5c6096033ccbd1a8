"""Daily (from cron or a systemd timer): rectification reminders to the responsible units, for every
congress — N days before each deadline (rule rectification.reminder_days) and on each overdue day.

    renda manage send_rectification_reminders --as office-user
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import PermissionDenied
from renda.core.models import Congress
from renda.rectification import actions


class Command(BaseCommand):
    help = "向责任单位发送整改事项催办提醒（到期前按规则设置的天数及逾期每日），可重复运行"

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True,
                            help="the account the reminders are sent as (office staff, or a superuser for all congresses)")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有账号 {username}")
        for congress in Congress.objects.order_by("id"):
            try:
                sent = actions.send_reminders(congress, actor=user)
            except PermissionDenied:
                continue  # not this account's congress
            self.stdout.write(f"{congress.name}：{sent} 条整改催办提醒")
