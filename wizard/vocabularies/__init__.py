"""Bundled vocabularies (data files with their source and date); read through wizard.vocabulary."""
