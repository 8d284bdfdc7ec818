"""Pressroom: a static site generator for press releases. The package version lives here."""

__version__ = "0.1.0"
