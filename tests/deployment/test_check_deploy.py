"""`manage.py check --deploy` with the environment of deploy/production.env.example."""

import secrets

from tests.processes import REPO, collected_static, manage, production_env


def example_env() -> dict[str, str]:
    values = {}
    for line in (REPO / "deploy" / "production.env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def deploy_check(tmp_path, tmp_path_factory, **overrides):
    env = production_env(tmp_path)
    env.update(example_env())
    # A real random key instead of the placeholder, and this test's directories instead of /var/lib.
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DATA_DIR=str(tmp_path / "data"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_STATIC_ROOT=str(collected_static(tmp_path_factory)),
    )
    env.update(overrides)
    return manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)


def test_the_example_environment_passes_the_deployment_checks(tmp_path, tmp_path_factory):
    result = deploy_check(tmp_path, tmp_path_factory)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stderr + result.stdout


def test_without_https_the_deployment_checks_fail(tmp_path, tmp_path_factory):
    result = deploy_check(tmp_path, tmp_path_factory, DJANGO_HTTPS="0")
    assert result.returncode != 0
    assert "security.W012" in result.stderr  # the session cookie is not Secure
    assert "security.W008" in result.stderr  # no redirect to HTTPS


def test_a_missing_static_manifest_is_a_deployment_error(tmp_path, tmp_path_factory):
    result = deploy_check(tmp_path, tmp_path_factory, DJANGO_STATIC_ROOT=str(tmp_path / "empty"))
    assert result.returncode != 0
    assert "reportbuilder.E001" in result.stderr
    assert "collectstatic" in result.stderr
