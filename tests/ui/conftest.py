"""Window fixtures (``studio_ctx``, ``sandbox_provider``, ``english``, ``window``) live in
``tests/conftest.py``, shared with the reliability tests."""

from tests.conftest import TEST_PROVIDER

__all__ = ["TEST_PROVIDER"]
