from django.urls import reverse


def test_login_page_is_in_chinese(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "用户名" in page and "密码" in page and "登录" in page


def test_wrong_password_gives_a_chinese_message(client, drafter):
    response = client.post(reverse("accounts:login"), {"username": "drafter", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_login_leads_to_the_dashboard_and_logout_back_to_login(client, drafter, meeting):
    response = client.post(
        reverse("accounts:login"), {"username": "drafter", "password": "pw-drafter"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("meetings:dashboard")
    assert meeting.title in response.content.decode()
    response = client.post(reverse("accounts:logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "您已退出登录" in response.content.decode()
    assert client.get(reverse("meetings:dashboard")).status_code == 302
