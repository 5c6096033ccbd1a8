"""Mint an API token for a device account (a voting terminal, a sign-in desk) and print it once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from renda.core import actions, congress_lookup
from renda.core.models import ApiToken
from renda.core.queries import congresses_of_user


class Command(BaseCommand):
    help = ("为设备账号（如表决终端）签发 API 令牌并只显示这一次：renda manage device_token <账号> "
            f"[--congress 代码] [--days 天数，默认 {ApiToken.DEFAULT_DAYS}] [--name 名称]")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--congress", help="人大代码；账号只在一级人大有角色时可省略")
        parser.add_argument("--days", type=int, default=ApiToken.DEFAULT_DAYS,
                            help=f"有效天数，1 至 {ApiToken.MAX_DAYS}")
        parser.add_argument("--name", default="设备", help="令牌名称（如“一号表决终端”）")

    def handle(self, *args, username, congress=None, days, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有账号 {username}")
        if not user.is_active:
            raise CommandError(f"账号 {username} 已停用")
        if congress:
            found = congress_lookup.by_code(congress)
            if found is None:
                raise CommandError(f"没有代码为 {congress} 的人大")
        else:
            held = congresses_of_user(user)
            if len(held) != 1:
                codes = "、".join(c.code for c in held) or "无"
                raise CommandError(f"账号 {username} 在这些人大有角色：{codes}；请用 --congress 指定一个")
            found = held[0]
        try:
            token, secret = actions.issue_api_token(found, actor=user, name=name, days=days)
        except PermissionDenied as denied:
            raise CommandError(f"账号 {username} 在{found.name}不能申请令牌：{denied}") from None
        except ValidationError as invalid:
            raise CommandError("；".join(m for ms in invalid.message_dict.values() for m in ms)) from None
        self.stderr.write(f"已为 {username}（{found.name}）签发令牌“{token.name}”，"
                          f"有效期至 {token.expires_at:%Y-%m-%d %H:%M}。令牌只显示这一次：")
        self.stdout.write(secret)
