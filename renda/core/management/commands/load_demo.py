import time

from django.core.management.base import BaseCommand

from renda import demo
from renda.core import demo_progress
from renda.core.models import Congress


class Command(BaseCommand):
    help = "载入演示数据（虚构）：一个市级人大及其下两个县级人大，每种角色一个账号"

    def handle(self, *args, **options):
        if Congress.objects.filter(code="demo-city").exists():
            self.stdout.write("演示数据已存在，跳过载入。")
        else:
            self.stdout.write("正在生成演示数据……")
            started = time.monotonic()

            def progress(step: int, steps: int, label: str) -> None:
                self.stdout.write(f"  [{step}/{steps}] {label}（已用 {time.monotonic() - started:.0f} 秒）")
                self.stdout.flush()
                demo_progress.write(step, steps, label)

            demo.build(progress)
            demo_progress.finished()
            self.stdout.write(f"  演示数据已生成，用时 {time.monotonic() - started:.0f} 秒。")
        self.stdout.write(f"\n演示账号（密码均为 {demo.PASSWORD}）：")
        for username, label, _ in demo.ACCOUNTS:
            self.stdout.write(f"  {username:<10} {label}")
