"""Consentry's composition root: the web app factory and the command line.

`registry`, `knowledge` and `assistant` never import this package; it wires them together.
"""

from consentry.app import create_app

__all__ = ["create_app"]
