from renda.oversight.views import activities, fieldwork, plan, reporting

urlpatterns = plan.urlpatterns + activities.urlpatterns + fieldwork.urlpatterns + reporting.urlpatterns
