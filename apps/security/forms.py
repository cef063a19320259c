from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms


class OTPCodeForm(forms.Form):
    code = forms.RegexField(
        label="动态验证码",
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={
            "invalid": "请输入身份验证器上显示的 6 位数字。",
            "required": "请输入 6 位动态验证码。",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def __init__(self, *args, submit_label: str = "验证", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label, css_class="w-100"))

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
