"""Test helpers shared across the suite (imported as ``support``; see tests/conftest.py)."""
