from django.conf import settings
from django.db import models
from django.utils import timezone

USER_AGENT_MAX = 255


class LoginEvent(models.Model):
    """One line of the login audit (登录日志): who logged in, failed, left, was locked out or turned
    off their second factor, when and from where. Written by apps/security/audit.py (its signal
    receivers, and twofactor.device_remove), never edited."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        FAILURE = "failure", "登录失败"
        LOGOUT = "logout", "退出登录"
        LOCKOUT = "lockout", "登录锁定"
        OTP_FAILURE = "otp_failure", "动态验证码错误"
        OTP_ENABLED = "otp_enabled", "启用两步验证"
        OTP_REMOVED = "otp_removed", "停用两步验证"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    kind = models.CharField("事件", max_length=16, choices=Kind.choices, db_index=True)
    # What was typed (a failed login may name nobody, or someone else): kept as text.
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="login_events",
    )
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=USER_AGENT_MAX, blank=True)

    class Meta:
        verbose_name = "登录日志"
        verbose_name_plural = "登录日志"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username}"
