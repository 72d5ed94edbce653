"""What the counter application and the central service share, and nothing else.

The wire format of sync (``wire``), the column types and clock both databases use
(``types``), where files live (``paths``) and the one process-wide migration lock
(``migration_lock``). ``central/`` imports only this package from ``app``; modules here
import nothing else from ``app`` (both rules are checked by ``tests/test_layers.py``).
"""
