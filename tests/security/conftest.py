from hypothesis import HealthCheck, settings

# Derandomized: CI and every developer run the same examples (no example database to carry around);
# no deadline: a request's time depends on the machine's load, not on the input. The world fixture
# is built once per test and every example runs in a savepoint rolled back after it, so the
# function-scoped fixtures hypothesis warns about are in the state each example expects.
settings.register_profile(
    "security",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
settings.load_profile("security")
