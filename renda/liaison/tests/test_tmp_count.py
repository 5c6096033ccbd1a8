from django.db import connection
from django.test.utils import CaptureQueriesContext

from django.test import Client


def test_count(world_a):
    client = Client()
    url = f"/api/public/{world_a.congress.code}/stations/{world_a.station.pk}/concerns"
    client.post(url, {"category": "教育", "text": "校门口拥堵 0", "anonymous": True}, content_type="application/json")
    with CaptureQueriesContext(connection) as q:
        r = client.post(url, {"category": "教育", "text": "校门口拥堵 1", "anonymous": True}, content_type="application/json")
    print(r.status_code)
    for x in q.captured_queries:
        print(x["sql"][:160])
