"""Logging in for tests that need a real login (django-axes watches it)."""

from django.urls import reverse


def log_in(client, username: str, password: str) -> bool:
    """Log in through the login form, as a person would: Client.login() calls authenticate() without
    the request, which django-axes (the login throttling) refuses. force_login() stays fine."""
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session
