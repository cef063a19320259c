from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.security.models import LoginEvent


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    """登录日志: read only, for whoever audits who came in (等保); nobody edits or deletes a line."""

    list_display = ("at", "kind", "username", "user", "ip_address", "user_agent")
    list_filter = ("kind", "at")
    search_fields = ("username", "ip_address")
    date_hierarchy = "at"
    list_select_related = ("user",)
    list_per_page = 100

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """An administrator's authenticator: listed, and deleted when its phone is lost (the owner then sets
    up a new one on the 两步验证 page). Secrets are never shown; devices are added by their owners."""

    list_display = ("owner", "device_name", "is_confirmed", "created")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user",)
    fields = ("owner", "device_name", "is_confirmed", "created")
    readonly_fields = fields

    @admin.display(description="用户", ordering="user__username")
    def owner(self, device) -> str:
        return f"{device.user.get_username()}（{device.user.get_full_name() or '—'}）"

    @admin.display(description="名称")
    def device_name(self, device) -> str:
        return device.name

    @admin.display(description="已启用", boolean=True, ordering="confirmed")
    def is_confirmed(self, device) -> bool:
        return device.confirmed

    @admin.display(description="创建时间", ordering="created_at")
    def created(self, device):
        return device.created_at

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' list of failed-login counters: deleting a row unlocks that username and address
    (解除锁定) before the cool-off ends. Only the status column is re-labelled in Chinese."""

    @admin.display(description="状态")
    def status(self, obj: AccessAttempt) -> str:
        remaining = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return f"还可尝试 {remaining} 次" if remaining > 0 else "已锁定"
