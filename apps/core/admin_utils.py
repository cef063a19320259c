"""Pieces shared by the apps' admin modules."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect


def integrity_message(error: IntegrityError) -> str:
    """The first line of a database error: a guard's own Chinese message, or the database's text."""
    text = str(error).strip()
    return text.splitlines()[0] if text else "数据与已有记录冲突"


class GuardedChangeFormMixin:
    """Turn an integrity error raised while saving an admin form into a message instead of a 500.

    The admin forms validate every link that a database guard checks (same unit, same meeting,
    same material), so this is the last line of defence for a rule a form does not know yet. The
    admin's change view runs in one transaction: nothing of the failed save is kept.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            self.message_user(
                request,
                f"保存失败，未作任何修改：{integrity_message(error)}。请检查填写的内容后重试。",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
