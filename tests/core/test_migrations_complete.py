"""Every model change has its migration: a field or choice changed without one would reach production
as a schema the code does not match (or a pending migration nobody ran)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # --check exits 1 when a migration would be written
        pytest.fail(f"makemigrations would write a migration (exit {exit_.code}):\n{out.getvalue()}")
