"""Widgets of the full-screen app that stand on their own (no screen or app state)."""
