from django.contrib import admin
from django.urls import include, path

from apps.core.views import favicon

admin.site.site_header = "民主生活会材料管理后台"
admin.site.site_title = "民主生活会材料"
admin.site.index_title = "管理首页"
handler403 = "apps.core.views.permission_denied"
handler400 = "apps.security.limits.bad_request"

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("apps.accounts.urls")),
    path("accounts/", include("apps.security.urls")),
    path("", include("apps.meetings.urls")),
    path("", include("apps.exports.urls")),
    path("meetings/<int:meeting_pk>/work/", include("apps.workspace.urls")),
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/import/", include("apps.imports.urls")),
    path("snippets/", include("apps.snippets.urls")),
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/comments/", include("apps.comments.urls")),
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/versions/", include("apps.history.urls")),
    path("", include("apps.review.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("", include("apps.checks.urls")),
    path("", include("apps.ledger.urls")),
    path("", include("apps.dashboards.urls")),
    path("", include("apps.bundles.urls")),
]
