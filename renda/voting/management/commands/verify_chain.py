from django.core.management.base import BaseCommand, CommandError

from renda.core.models import Congress
from renda.core.tenancy import congress_scope
from renda.meetings.models import Meeting
from renda.voting import chain


class Command(BaseCommand):
    help = "核验一次会议的防篡改链，报告第一处断裂"

    def add_arguments(self, parser):
        parser.add_argument("congress", help="人大代码，如 demo-city")
        parser.add_argument("meeting", type=int, help="会议编号")

    def handle(self, *args, **options):
        congress = Congress.objects.filter(code=options["congress"]).first()
        if congress is None:
            raise CommandError(f"没有人大 {options['congress']}")
        with congress_scope(congress):
            meeting = Meeting.objects.in_congress(congress).filter(pk=options["meeting"]).first()
            if meeting is None:
                raise CommandError(f"{congress.name}没有编号为 {options['meeting']} 的会议")
            verdict = chain.verify(meeting)
            title = meeting.title
        if verdict.ok:
            self.stdout.write(f"完好：{title}，共 {verdict.links} 环")
            return
        raise CommandError(f"{title}已被篡改：{verdict.message}（第 {verdict.broken_at} 环）")
