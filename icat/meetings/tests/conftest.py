import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 takes about half a second per test user; these tests are not about passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
