from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms


def code_field(*, autofocus: bool = True) -> forms.RegexField:
    """The 6-digit code: exactly six digits, nothing around them (the pattern leaves nothing to clean)."""
    attrs = {"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
    return forms.RegexField(
        label="动态验证码",
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={
            "invalid": "请输入身份验证器上显示的 6 位数字。",
            "required": "请输入 6 位动态验证码。",
        },
        widget=forms.TextInput(attrs={**attrs, "autofocus": True} if autofocus else attrs),
    )


class OTPCodeForm(forms.Form):
    code = code_field()

    def __init__(self, *args, submit_label: str = "验证", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label, css_class="w-100"))


class OTPRemoveForm(forms.Form):
    """停用两步验证: the password and a current code, so that a session left open (or taken over) is not
    enough to take the second factor off the account."""

    password = forms.CharField(
        label="登录密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": "请输入您的登录密码。"},
    )
    code = code_field(autofocus=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "停用两步验证", css_class="btn-danger w-100"))
