"""Strong passwords for new passwords: length (PASSWORD_MIN_LENGTH, default 10) and three of four
character classes, in Chinese; Django's own rules stay; the demo passwords are set directly."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

SIMPLE = "密码太简单：须包含大写字母、小写字母、数字、符号中的至少 3 类"


@pytest.mark.parametrize("password", ["abcdefghijkl", "abcdefgh1234", "ABCDEFGH!!!!"])
def test_two_classes_are_refused_in_chinese(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message.startswith(SIMPLE) for message in refused.value.messages)


@pytest.mark.parametrize("password", ["Abcdefgh1234", "abcdefg#1234", "Ab#defghijk"])
def test_three_classes_and_ten_characters_pass(password):
    validate_password(password)


def test_short_passwords_are_refused_in_chinese():
    with pytest.raises(ValidationError) as refused:
        validate_password("Ab#1efg")
    assert "密码太短：至少需要 10 个字符。" in " ".join(refused.value.messages)


def test_admin_user_creation_refuses_a_weak_password(admin_client, django_user_model):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "password1": "abcdefghijkl",
            "password2": "abcdefghijkl",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert SIMPLE in response.content.decode()
    assert not django_user_model.objects.filter(username="newbie").exists()
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "password1": "Xiaowang#2031",
            "password2": "Xiaowang#2031",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert django_user_model.objects.get(username="newbie").check_password("Xiaowang#2031")


def test_the_admin_password_change_form_refuses_a_weak_password(admin_client, drafter):
    url = reverse("admin:auth_user_password_change", args=[drafter.pk])
    response = admin_client.post(
        url, {"password1": "short1A", "password2": "short1A", "usable_password": "true"}
    )
    assert response.status_code == 200
    assert "密码太短：至少需要 10 个字符。" in response.content.decode()
    drafter.refresh_from_db()
    assert drafter.check_password("pw-drafter")
