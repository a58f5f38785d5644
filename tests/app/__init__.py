"""The full-screen app, driven in-process with Pilot (and its SVG snapshots)."""
