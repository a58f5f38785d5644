"""The headless commands, run as a user runs them."""
