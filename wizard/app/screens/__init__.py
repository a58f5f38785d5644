"""The app's screens, one module each.

Only `question` is imported at start-up (it is the first thing drawn on every resume); the app
imports the others where it first shows them, so their widgets and styles cost nothing until then.
"""
