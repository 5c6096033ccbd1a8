from django.http import HttpResponse
from django.urls import path


def list_page(request, congress_code):
    return HttpResponse("")


def item_page(request, congress_code, pk):
    return HttpResponse("")


urlpatterns: list = [
    path("rectification/", list_page, name="rectification_list"),
    path("rectification/<int:pk>/", item_page, name="rectification_item"),
]
