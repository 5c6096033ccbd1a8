"""人事任免: the 任免案 naming persons and posts, the standing committee's vote on each person, the
任命书 or 免职通知, the posts that start or end, resignations, and the constitutional oath (宪法宣誓)."""
from renda.appointments.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns
