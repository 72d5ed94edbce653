"""Scaffolding for tests and benchmarks: a real central service in a subprocess, a
fault-injecting proxy, simulated counters. Not shipped (pyproject packages only
``app`` and ``central``); imported by ``tests/`` and ``bench/``."""
