"""Whether the top bar shows 统计看板 is decided once, at login, and kept in the session: every page
draws the top bar, and asking the database there would cost every page of the site a query."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from apps.accounts import access

SESSION_KEY = "dashboards_reads_subtrees"


def reads_subtrees(user) -> bool:
    """Administrators and organisation departments read across units."""
    if not user.is_authenticated:
        return False
    return access.is_admin(user) or access.organisation_roots(user).exists()


def shows_dashboards(request) -> bool:
    """From the session (a session older than this feature asks once and keeps the answer). A role
    given or taken while logged in shows from the next login; the page it leads to checks anew."""
    user = request.user
    if not user.is_authenticated:
        return False
    if access.is_admin(user):
        return True
    if SESSION_KEY not in request.session:
        request.session[SESSION_KEY] = reads_subtrees(user)
    return bool(request.session[SESSION_KEY])


@receiver(user_logged_in, dispatch_uid="dashboards_remember_reads_subtrees")
def remember_reads_subtrees(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = reads_subtrees(user)
