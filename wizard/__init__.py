"""datasheet-wizard: write a Datasheet for Datasets, question by question, in the terminal."""

__version__ = "0.1.0"
