"""Development settings: DEBUG on, a local secret key kept out of the repo."""

import secrets

from .base import *  # noqa: F401,F403
from .base import VAR_DIR
from .env import env_str

DEBUG = True


def _local_secret_key() -> str:
    """Read (or create once) a random key in var/, which git ignores."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
