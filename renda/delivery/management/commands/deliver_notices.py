"""Send the notices that are due, by e-mail, webhook (SMS gateway, government messenger) and inbox:
plans deliveries for recent notices that have none yet, sends what is due, retries failures with
backoff and leaves dead letters for the office. Safe to run from cron and from several hosts at once.

    renda manage deliver_notices            # once
    renda manage deliver_notices --watch    # every 30 seconds until stopped
"""

import time

from django.core.management.base import BaseCommand

from renda.delivery.outbox import drain_all


class Command(BaseCommand):
    help = "发送到期的通知（电子邮件、短信网关、站内），失败的按间隔重试，多次失败的列入死信"

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true", help="keep running, draining every --every seconds")
        parser.add_argument("--every", type=float, default=30.0, help="seconds between passes with --watch")
        parser.add_argument("--limit", type=int, default=500, help="most deliveries per congress and pass")

    def handle(self, *args, watch=False, every=30.0, limit=500, **options):
        while True:
            for code, counts in drain_all(limit=limit).items():
                if counts:
                    self.stdout.write(f"{code}：" + "，".join(f"{k} {v}" for k, v in sorted(counts.items())))
            if not watch:
                return
            time.sleep(max(every, 1.0))
