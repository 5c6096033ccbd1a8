from renda.oversight.views import (
    activities,
    fieldwork,
    hearings,
    inquiries,
    investigations,
    opinions,
    plan,
    questioning,
    reporting,
)

urlpatterns = (plan.urlpatterns + activities.urlpatterns + fieldwork.urlpatterns + reporting.urlpatterns
               + hearings.urlpatterns + opinions.urlpatterns + inquiries.urlpatterns + questioning.urlpatterns
               + investigations.urlpatterns)
