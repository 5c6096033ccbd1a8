"""What letters to deputies ask of each person today (see renda/core/inbox.py): a deputy reads and
answers the letters sent to them; the office sees letters whose reply date has passed with deputies
who have not read them. Messages through a deputy's page are concerns with the deputy responsible,
so liaison's inbox already lists them under 需要您跟进的群众诉求."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE
from renda.deputy_pages.models import Letter, LetterRecipient

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "deputy_pages.Letter",
    "deputy_pages.LetterRecipient",
)


def tasks(ask: Ask) -> list[Task]:
    code, found = ask.congress.code, []
    if ask.mandate is not None:
        unread = (LetterRecipient.objects.in_congress(ask.congress).filter(mandate=ask.mandate, read_at__isnull=True)
                  .select_related("letter").order_by("letter_id"))
        found.append(Task("letters_unread", "未读的来信（致代表的信）", unread.count(), reverse("my_letters", args=[code]),
                          [Item(r.letter.title, reverse("letter_detail", args=[code, r.letter_id]),
                                f"{r.letter.reply_by:%m月%d日}前回复" if r.letter.reply_by else "",
                                bool(r.letter.reply_by and r.letter.reply_by < ask.today)) for r in unread[:SHOWN]]))
    if ask.roles & OFFICE:
        late = (Letter.objects.in_congress(ask.congress).filter(reply_by__lt=ask.today)
                .annotate(unread=Count("recipients", filter=Q(recipients__read_at__isnull=True)))
                .filter(unread__gt=0).order_by("-reply_by"))
        found.append(Task("letters_unread_after_date", "过了回复日期仍有代表未读的来信", late.count(),
                          reverse("letters", args=[code]),
                          [Item(letter.title, reverse("letter_detail", args=[code, letter.pk]), f"{letter.unread} 人未读")
                           for letter in late[:SHOWN]], todo=False))
    return found
