"""The ``kgmed`` command line."""

from kgmed.cli.main import app, main

__all__ = ["app", "main"]
