from __future__ import annotations

import sys
from pathlib import Path

# the read-back helpers (forms_readback.py) sit beside the tests, as in tests/unit/intake
sys.path.insert(0, str(Path(__file__).parent))
