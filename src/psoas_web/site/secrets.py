"""Secrets handed to people once (API tokens, share links): only their hash is kept."""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str = "") -> str:
    """Return a fresh, URL-safe secret with 256 bits of randomness."""
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of ``token``: what the database stores and looks up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
