from django.urls import path

from renda.voting import views

urlpatterns = [
    path("votes/", views.vote_list, name="vote_list"),
    path("votes/<int:vote_id>/", views.vote_detail, name="vote_detail"),
    path("votes/<int:vote_id>/do/<str:what>/", views.vote_action, name="vote_action"),
    path("votes/<int:vote_id>/screen/", views.vote_screen, name="vote_screen"),
    path("votes/<int:vote_id>/screen/tally/", views.vote_screen_fragment, name="vote_screen_fragment"),
]
