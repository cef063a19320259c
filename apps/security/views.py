from axes.handlers.proxy import AxesProxyHandler
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from apps.security import twofactor
from apps.security.forms import OTPCodeForm, OTPRemoveForm
from apps.security.lockout import locked_out_response

ENABLED = "两步验证已启用：以后登录时，输入密码后还需输入身份验证器上的动态验证码。"
WRONG_CODE = "动态验证码不正确或已过期，请输入身份验证器上当前显示的 6 位数字。"
WRONG_CONFIRMATION = "密码不正确。"
REMOVED = "两步验证已停用：以后登录时只需输入密码。"
REMOVAL_REFUSED = (
    "本系统要求管理员启用两步验证（ADMIN_REQUIRE_2FA），不能停用。"
    "更换或丢失手机时，请联系其他管理员在管理后台（两步验证 › 身份验证器）删除您的设备，然后重新设置。"
)


def _safe_next(request, url: str, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return default


@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """The login's second step: the 6-digit code, after the right password (LoginView), or for a
    session logged in before its user set up the second factor and now opening the admin."""
    if request.user.is_authenticated:
        user = request.user
        next_url = _safe_next(request, request.GET.get("next", ""), reverse("admin:index"))
        if request.user.is_verified():
            return redirect(next_url)
    else:
        user, pending = twofactor.pending_user(request)
        if user is None:
            return redirect("accounts:login")
        next_url = pending["next"]
    device = twofactor.confirmed_device(user)
    if device is None:
        raise PermissionDenied("该账号没有启用两步验证。")
    credentials = {"username": user.get_username()}
    # Wrong codes count as failed logins (django-axes), so guessing the code locks out like guessing
    # the password does.
    if not AxesProxyHandler.is_allowed(request, credentials):
        request.session.pop(twofactor.PENDING_KEY, None)
        return locked_out_response(request, credentials=credentials)
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = twofactor.verify(device=device, token=form.cleaned_data["code"])
        if verified:
            if not request.user.is_authenticated:
                request.session.pop(twofactor.PENDING_KEY, None)
                user.otp_device = device  # django-otp marks the new session verified on login
                auth.login(request, user, backend=user.backend)
            else:
                otp_login(request, device)
            return redirect(next_url)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request, otp=True)
        if getattr(request, "axes_locked_out", False):
            request.session.pop(twofactor.PENDING_KEY, None)
            return locked_out_response(request, credentials=credentials)
        form.add_error("code", WRONG_CODE)
    return render(request, "security/otp_verify.html", {"form": form, "username": user.get_username()})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """An administrator turns on the second factor: scan the code (or type the secret), confirm with
    the first 6-digit code. Until then nothing changes for their login."""
    if not request.user.is_staff:
        raise PermissionDenied("只有管理员需要设置两步验证。")
    next_url = _safe_next(request, request.GET.get("next", ""), reverse("admin:index"))
    confirmed = twofactor.confirmed_device(request.user)
    if confirmed is not None:
        context = {
            "enabled": True,
            "next_url": next_url,
            "removal_refused": twofactor.removal_refused(request.user),
        }
        return render(request, "security/otp_setup.html", context)
    device = twofactor.device_for_setup(request)
    form = OTPCodeForm(request.POST or None, submit_label="确认启用")
    if request.method == "POST" and form.is_valid():
        if twofactor.device_confirm(request=request, device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, ENABLED)
            return redirect(next_url)
        form.add_error("code", WRONG_CODE)
    context = {
        "enabled": False,
        "form": form,
        "device": device,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_text(device),
        "required": twofactor.setup_required(request.user),
        "next_url": next_url,
    }
    return render(request, "security/otp_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def otp_remove(request):
    """停用两步验证, for the account's owner: the password and a current code confirm it. Wrong ones
    count as failed logins (lockout, login audit) like at the login itself; refused outright while
    ADMIN_REQUIRE_2FA is on (twofactor.removal_refused says why)."""
    user = request.user
    device = twofactor.confirmed_device(user)
    if device is None:
        if user.is_staff:
            return redirect("security:otp_setup")
        raise PermissionDenied("该账号没有启用两步验证。")
    if twofactor.removal_refused(user):
        status = 403 if request.method == "POST" else 200
        return render(request, "security/otp_remove.html", {"refused": REMOVAL_REFUSED}, status=status)
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return locked_out_response(request, credentials=credentials)
    form = OTPRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # authenticate() sends user_login_failed on a wrong password: audited and counted by django-axes.
        same = auth.authenticate(
            request, username=user.get_username(), password=form.cleaned_data["password"]
        )
        if same is None or same.pk != user.pk:
            form.add_error("password", WRONG_CONFIRMATION)
        elif not twofactor.verify(device=device, token=form.cleaned_data["code"]):
            user_login_failed.send(sender=__name__, credentials=credentials, request=request, otp=True)
            form.add_error("code", WRONG_CODE)
        else:
            twofactor.device_remove(user=user, request=request)
            messages.success(request, REMOVED)
            # Not to the set-up page: it would offer a new secret to scan, which nobody asked for.
            return redirect("admin:index" if user.is_staff else "meetings:dashboard")
        if getattr(request, "axes_locked_out", False):
            return locked_out_response(request, credentials=credentials)
    return render(request, "security/otp_remove.html", {"form": form})
