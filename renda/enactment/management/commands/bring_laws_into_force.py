"""Daily (from cron or a systemd timer, beside send_reminders), for every congress the account works
in: laws whose date in force has come move from 尚未施行 to 现行有效, repealed ones to 已废止.
Pages also read the status from the dates (enactment.actions.law_status_on); running it twice
changes nothing.

    renda manage bring_laws_into_force --as office-user
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import PermissionDenied
from renda.core.models import Congress
from renda.enactment.actions import bring_laws_into_force


class Command(BaseCommand):
    help = "按施行日期更新法规效力（尚未施行→现行有效，废止生效→已废止），可重复运行"

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True,
                            help="the account it runs as (office staff, or a superuser for all congresses)")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有账号 {username}")
        for congress in Congress.objects.order_by("id"):
            try:
                moved = bring_laws_into_force(congress, actor=user)
            except PermissionDenied:
                continue  # not this account's congress
            self.stdout.write(f"{congress.name}：{moved} 部法规效力已更新")
