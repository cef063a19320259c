"""The login audit (登录日志): success, failure with the username tried, logout and lockout, each with
time, user, address and browser; the admin list is read-only."""

from django.urls import reverse

from apps.security.models import LoginEvent

LOGIN = reverse("accounts:login")
BROWSER = "Mozilla/5.0 " + "x" * 400


def post_login(client, username: str, password: str):
    return client.post(
        LOGIN, {"username": username, "password": password}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.9.8.7"
    )


def test_success_failure_and_logout_are_recorded(client, drafter):
    post_login(client, "drafter", "wrong")
    post_login(client, "nobody-here", "wrong")
    post_login(client, "drafter", "pw-drafter")
    client.post(reverse("accounts:logout"), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.9.8.7")
    events = list(LoginEvent.objects.order_by("pk").values_list("kind", "username", "user", "ip_address"))
    assert events == [
        ("failure", "drafter", drafter.pk, "10.9.8.7"),
        ("failure", "nobody-here", None, "10.9.8.7"),
        ("login", "drafter", drafter.pk, "10.9.8.7"),
        ("logout", "drafter", drafter.pk, "10.9.8.7"),
    ]
    agent = LoginEvent.objects.first().user_agent
    assert agent == BROWSER[:255]
    assert LoginEvent.objects.first().at is not None


def test_a_lockout_is_recorded(client, drafter):
    for _ in range(5):
        post_login(client, "drafter", "wrong")
    assert LoginEvent.objects.filter(kind="lockout", username="drafter", user=drafter).count() == 1
    assert LoginEvent.objects.filter(kind="failure").count() == 5


def test_the_admin_lists_the_events_with_filters_and_nobody_edits_them(admin_client, client, drafter):
    post_login(client, "drafter", "wrong")
    event = LoginEvent.objects.get(kind="failure")
    changelist = reverse("admin:security_loginevent_changelist")
    response = admin_client.get(changelist, {"kind__exact": "failure"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "登录日志" in page and "登录失败" in page and "10.9.8.7" in page
    assert admin_client.get(changelist, {"kind__exact": "logout"}).context["cl"].result_count == 0
    assert response.context["cl"].result_count == 1
    assert admin_client.get(reverse("admin:security_loginevent_add")).status_code == 403
    detail = admin_client.get(reverse("admin:security_loginevent_change", args=[event.pk]))
    assert detail.status_code == 200 and 'name="username"' not in detail.content.decode()
    delete = admin_client.post(reverse("admin:security_loginevent_delete", args=[event.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert LoginEvent.objects.filter(pk=event.pk).exists()
