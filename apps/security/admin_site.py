"""The default admin site, with the login of the app (throttled, two-step) in front of it."""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from apps.security import twofactor


class SecureAdminSite(AdminSite):
    """Django's AdminSite that opens only for a session verified by its second factor, when the
    administrator set one up (or when ADMIN_REQUIRE_2FA makes it mandatory); like django-otp's
    OTPAdminSite, but sending people to the app's own pages instead of a login form with a code field."""

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and twofactor.admin_session_ok(request)

    def login(self, request, extra_context=None):
        """The admin's own password form is never shown: it would bypass the second step."""
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, reverse("accounts:login"))
        if self.has_permission(request):
            return redirect(next_url)
        if not (user.is_active and user.is_staff):
            raise PermissionDenied("您的账号没有进入管理后台的权限。")
        if twofactor.confirmed_device(user) is not None:
            return redirect(f"{reverse('security:otp_verify')}?{urlencode({'next': next_url})}")
        return redirect(f"{reverse('security:otp_setup')}?{urlencode({'next': next_url})}")
