"""Helpers the tests share (and the benchmarks: see benchmarks/common.py)."""
