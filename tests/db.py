from django.db import IntegrityError, transaction


def rejected(action) -> bool:
    """True when the database refuses ``action``; the test's transaction stays usable either way."""
    try:
        with transaction.atomic():
            action()
    except IntegrityError:
        return True
    return False
