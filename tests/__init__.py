"""The test suite, laid out like the code: core/, app/, plain/, cli/, e2e/; shared drivers in helpers/."""
