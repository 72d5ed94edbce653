"""The demo trusts its own test CSCAs; an office's counter never does."""

from __future__ import annotations

from app.services.card.passive_auth import TrustStore
from app.services.demo import ensure_demo_data
from app.shared import paths


def test_demo_setup_trusts_the_test_cscas_in_the_demo_folder_only(demo_db):
    demo = TrustStore.from_folder(paths.trust_dir(demo=True))
    subjects = {c.subject.human_friendly for c in demo.certificates}
    assert any("MotCua TEST CSCA VN" in s for s in subjects)
    assert any("MotCua TEST CSCA Utopia" in s for s in subjects)
    assert not paths.trust_dir(demo=False).exists()  # the office's trust is untouched
    ensure_demo_data(demo_db)  # run again (every demo start): no duplicates
    assert len(TrustStore.from_folder(paths.trust_dir(demo=True)).certificates) == 2
