"""The register-check benchmark runs end to end at a small size (figures not asserted)."""

from __future__ import annotations

import pytest

from testkit.central_server import pg_url_or_skip


@pytest.mark.postgres
def test_the_register_check_benchmark_runs_at_a_small_size(capsys) -> None:
    pg_url_or_skip()  # bench.register_check reads the same variable
    from bench import register_check

    # rc 0 means: the re-run checked exactly the changed 1 %, a third run nothing, and
    # the run killed halfway in one process and resumed in another checked everyone
    # once. The latency keeps the first worker busy long enough to be killed mid-run.
    args = ["--people", "2000", "--batch", "50", "--latency", "0.05"]
    assert register_check.main(args) == 0
    out = capsys.readouterr().out
    assert "full check" in out and "re-run, 1% changed" in out and "20 " in out
    assert "nobody checked twice, nobody skipped, same outcomes" in out
