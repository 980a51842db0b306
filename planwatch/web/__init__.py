"""The web dashboard and JSON API: `planwatch serve`. Pages and API call planwatch.services only."""

from .app import create_app

__all__ = ["create_app"]
