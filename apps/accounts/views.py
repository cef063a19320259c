from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from apps.accounts.forms import LoginForm
from apps.security import twofactor


class LoginView(auth_views.LoginView):
    """The password step. django-axes watches it (AuthenticationForm passes the request to
    authenticate); an administrator with a second factor goes on to the code (apps/security)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.confirmed_device(user) is not None:
            twofactor.pending_begin(self.request, user=user, next_url=self.get_success_url())
            return redirect("security:otp_verify")
        response = super().form_valid(form)
        if twofactor.setup_required(user):
            query = urlencode({"next": self.get_success_url()})
            return redirect(f"{reverse('security:otp_setup')}?{query}")
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "您已退出登录。")
        return response
