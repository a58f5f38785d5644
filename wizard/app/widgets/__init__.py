"""Widgets the screens share or that stand on their own: bars, safe text fields, the outline, the guide."""
