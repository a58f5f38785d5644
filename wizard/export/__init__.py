"""Exports for where datasets are published (Croissant JSON-LD, Hugging Face dataset cards) and their checks; UI-free."""
