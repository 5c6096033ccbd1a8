from django.urls import path

from renda.similar import views

urlpatterns = [
    path("similar/panel/<str:kind>/", views.panel, name="similar_panel"),
    path("similar/clusters/", views.cluster_page, name="similar_clusters"),
]
