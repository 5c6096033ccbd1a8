from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from renda.api import api
from renda.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("ping/", core_views.ping, name="ping"),
    path("login/", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("c/<slug:congress_code>/", include("renda.core.urls")),
    path("c/<slug:congress_code>/", include("renda.people.urls")),
    path("c/<slug:congress_code>/", include("renda.meetings.urls")),
    path("c/<slug:congress_code>/", include("renda.voting.urls")),
    path("c/<slug:congress_code>/", include("renda.livelihood.urls")),
    path("c/<slug:congress_code>/", include("renda.proposals.urls")),
    path("c/<slug:congress_code>/", include("renda.liaison.urls")),
    path("c/<slug:congress_code>/", include("renda.oversight.urls")),
    path("c/<slug:congress_code>/", include("renda.questionnaires.urls")),
    path("c/<slug:congress_code>/", include("renda.rectification.urls")),
    path("c/<slug:congress_code>/", include("renda.agenda.urls")),
    path("c/<slug:congress_code>/", include("renda.appointments.urls")),
    path("c/<slug:congress_code>/", include("renda.duty_reports.urls")),
    path("c/<slug:congress_code>/", include("renda.work_points.urls")),
    path("c/<slug:congress_code>/", include("renda.decisions.urls")),
    path("c/<slug:congress_code>/", include("renda.portfolios.urls")),
    path("c/<slug:congress_code>/", include("renda.legislation.urls")),
    path("c/<slug:congress_code>/", include("renda.legislative_plans.urls")),
    path("c/<slug:congress_code>/", include("renda.law_comments.urls")),
    path("c/<slug:congress_code>/", include("renda.enactment.urls")),
    path("c/<slug:congress_code>/", include("renda.activities.urls")),
    path("c/<slug:congress_code>/", include("renda.deputy_groups.urls")),
    path("c/<slug:congress_code>/", include("renda.records.urls")),
    path("c/<slug:congress_code>/", include("renda.opinions.urls")),
    path("c/<slug:congress_code>/", include("renda.deputy_pages.urls")),
    path("c/<slug:congress_code>/", include("renda.search.urls")),
    path("c/<slug:congress_code>/", include("renda.similar.urls")),
    path("c/<slug:congress_code>/", include("renda.routing.urls")),
    path("c/<slug:congress_code>/", include("renda.answer_quality.urls")),
    path("c/<slug:congress_code>/", include("renda.schedule.urls")),
    path("c/<slug:congress_code>/", include("renda.delivery.urls")),
]
