"""网上代表之家与致代表的信 over the API."""

from ninja import Router

router = Router(tags=["deputy_pages"])
