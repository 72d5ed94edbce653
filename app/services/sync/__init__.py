"""Sync between a counter and the central service.

``wire`` holds the one wire format both sides import (pydantic only, no FastAPI, no Qt);
the counter's engine lives in ``engine`` and its pieces beside it. Importing this
package imports nothing else, so the central service can use ``wire`` alone.
"""
