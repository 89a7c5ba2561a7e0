"""Serve stage: the local web UI and JSON API (`onrecord serve`)."""

from .app import create_app

__all__ = ["create_app"]
