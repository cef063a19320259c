from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from apps.accounts.models import UnitRole

User = get_user_model()


@admin.register(UnitRole)
class UnitRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "role", "created_at")
    list_filter = ("role", ("unit", admin.RelatedOnlyFieldListFilter))
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "unit__name",
        "unit__short_name",
    )
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user", "unit")
    fields = ("user", "unit", "role")


class UnitRoleForUserInline(admin.TabularInline):
    model = UnitRole
    fk_name = "user"
    fields = ("unit", "role")
    autocomplete_fields = ("unit",)
    ordering = ("unit__name", "role")
    extra = 1
    verbose_name = "单位角色"
    verbose_name_plural = "单位角色（在哪些单位撰稿、作为班子成员、审核或督导）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Django's user admin with the user's unit roles on the change page."""

    inlines = (UnitRoleForUserInline,)
    list_display = ("username", "full_name", "unit_role_summary", "is_active", "is_staff", "is_superuser")

    def get_inline_instances(self, request, obj=None):
        # The add page is Django's two-step form (name and password first); roles come after.
        if obj is None:
            return []
        return super().get_inline_instances(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("unit_roles__unit")

    @admin.display(description="姓名")
    def full_name(self, user) -> str:
        return f"{user.last_name}{user.first_name}"

    @admin.display(description="单位角色")
    def unit_role_summary(self, user) -> str:
        roles = sorted(user.unit_roles.all(), key=lambda role: (role.unit.name, role.role))
        return "；".join(f"{role.unit.display_name}·{role.get_role_display()}" for role in roles) or "—"
