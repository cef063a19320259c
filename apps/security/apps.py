from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django_otp.plugins.otp_totp import apps as totp_apps


class SecurityConfig(AppConfig):
    default = True
    """What keeps the app locked down beyond accounts' own: login audit, lockout page, password
    rules, two-factor login for administrators, request size limits."""

    name = "apps.security"
    verbose_name = "安全"

    def ready(self) -> None:
        from apps.security import audit, sessions  # noqa: F401 - connect their signal receivers


class SecureAdminConfig(admin_apps.AdminConfig):
    """Django's admin whose default site (admin.site, where every app registers) asks for a
    verified second factor from administrators who set one up (apps/security/admin_site.py)."""

    default = False  # apps.security itself is SecurityConfig
    default_site = "apps.security.admin_site.SecureAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes under a Chinese name in the admin (its models: who is locked out, unlock there)."""

    default = False
    verbose_name = "登录锁定"


class TOTPConfig(totp_apps.DefaultConfig):
    """django-otp's TOTP devices under a Chinese name in the admin (delete a lost phone's device there)."""

    default = False
    verbose_name = "两步验证"

    def ready(self) -> None:
        super().ready()
        # The model's own name is a plain English string (not translatable) on the admin's index.
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = device._meta.verbose_name_plural = "身份验证器"
