from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from renda.api import api
from renda.core import views as core_views
from renda.core.url_dispatch import by_first_segment

# Each app's pages of one congress, under /c/<code>/ (dispatched by their first segment: core.url_dispatch).
CONGRESS_URLS = [
    "renda.core.urls",
    "renda.people.urls",
    "renda.meetings.urls",
    "renda.voting.urls",
    "renda.livelihood.urls",
    "renda.proposals.urls",
    "renda.liaison.urls",
    "renda.oversight.urls",
    "renda.questionnaires.urls",
    "renda.rectification.urls",
    "renda.agenda.urls",
    "renda.appointments.urls",
    "renda.duty_reports.urls",
    "renda.work_points.urls",
    "renda.decisions.urls",
    "renda.portfolios.urls",
    "renda.legislation.urls",
    "renda.legislative_plans.urls",
    "renda.law_comments.urls",
    "renda.enactment.urls",
    "renda.activities.urls",
    "renda.deputy_groups.urls",
    "renda.records.urls",
    "renda.opinions.urls",
    "renda.deputy_pages.urls",
    "renda.search.urls",
    "renda.similar.urls",
    "renda.routing.urls",
    "renda.answer_quality.urls",
    "renda.schedule.urls",
    "renda.delivery.urls",
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("ping/", core_views.ping, name="ping"),
    path("login/", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("c/<slug:congress_code>/", include(by_first_segment(CONGRESS_URLS))),
]
