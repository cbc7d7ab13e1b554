"""Helpers of `make bench` (tests/benchmark.py): the same synthetic corpus built by other tools."""
