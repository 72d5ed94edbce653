"""The procedure catalog: shipped data, search, and run-time replacement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.errors import ErrorKind, UserError
from app.services.catalog import Catalog, CatalogStore, TimeUnit
from app.shared import paths

SHIPPED = paths.RESOURCES / "procedures"


@pytest.fixture
def catalog() -> Catalog:
    return Catalog.load(SHIPPED)


@pytest.fixture
def copy_of_shipped(tmp_path: Path) -> Path:
    target = tmp_path / "new"
    shutil.copytree(SHIPPED, target)
    return target


def test_shipped_catalog_has_the_counter_procedures(catalog: Catalog) -> None:
    codes = {p.code for p in catalog.procedures}
    assert {"602", "603", "607", "608", "610", "612"} <= codes
    assert len(codes) >= 8
    assert catalog.get("LUONG-HUU").processing_time.unit is TimeUnit.DAYS_EXCLUDING_HOLIDAYS
    assert catalog.get("LUONG-HUU").processing_time.value == 20
    assert catalog.get("BHXH-MOTLAN").processing_time.value == 7
    assert catalog.get("TU-TUAT").processing_time.value == 10
    assert all(p.fee_vnd == 0 for p in catalog.procedures)


def test_conditional_documents_follow_the_flags(catalog: Catalog) -> None:
    bhyt = catalog.get("603")
    assert [d.id for d in bhyt.required_documents()] == ["tk1ts"]
    assert [d.id for d in bhyt.required_documents({"household"})] == ["tk1ts", "household_appendix"]
    pension = catalog.get("LUONG-HUU")
    assert "contract_end" in [d.id for d in pension.required_documents()]
    assert "contract_end" not in [d.id for d in pension.required_documents({"self_paying"})]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("luong huu", "LUONG-HUU"),
        ("LƯƠNG HƯU", "LUONG-HUU"),
        ("602", "602"),
        ("tu tuat", "TU-TUAT"),
        ("mat the", "610"),
        ("dieu chinh", "608"),
    ],
)
def test_search_ignores_accents_and_case(catalog: Catalog, query: str, expected: str) -> None:
    assert expected in [p.code for p in catalog.search(query)]


def test_search_lists_frequent_procedures_first(catalog: Catalog) -> None:
    hits = catalog.search("bhyt")
    ranks = [p.frequency_rank for p in hits]
    assert len(hits) >= 2 and ranks == sorted(ranks)
    assert catalog.search("")[0].frequency_rank == min(p.frequency_rank for p in catalog.procedures)
    assert catalog.search("khong co thu tuc nay") == []


def _replace_line(file: Path, old: str, new: str) -> int:
    text = file.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_replacement_is_used_and_stamps_a_new_version(
    tmp_path: Path, copy_of_shipped: Path
) -> None:
    store = CatalogStore(installed=tmp_path / "installed")
    manifest = copy_of_shipped / "catalog.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["version"] = "2026.2"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    _replace_line(copy_of_shipped / "602.json", '"value": 5', '"value": 6')
    store.replace(copy_of_shipped)
    assert store.current.version == "2026.2"
    assert store.current.get("602").processing_time.value == 6
    # The next start uses the installed copy.
    assert CatalogStore(installed=tmp_path / "installed").current.version == "2026.2"


def test_invalid_value_is_refused_with_file_and_line(tmp_path: Path, copy_of_shipped: Path) -> None:
    store = CatalogStore(installed=tmp_path / "installed")
    before = store.current
    line = _replace_line(copy_of_shipped / "607.json", '"unit": "working_days"', '"unit": "weeks"')
    with pytest.raises(UserError) as err:
        store.replace(copy_of_shipped)
    assert err.value.kind is ErrorKind.CATALOG_INVALID
    assert err.value.detail.startswith(f"607.json:{line}:")
    assert "weeks" in err.value.detail
    assert store.current is before


def test_broken_json_is_refused_with_its_line(tmp_path: Path, copy_of_shipped: Path) -> None:
    store = CatalogStore(installed=tmp_path / "installed")
    line = _replace_line(
        copy_of_shipped / "610.json", '"needs_tk1ts": true,', '"needs_tk1ts": true,,'
    )
    with pytest.raises(UserError) as err:
        store.replace(copy_of_shipped)
    assert err.value.detail.startswith(f"610.json:{line}:")
    assert not (tmp_path / "installed").exists()


def test_missing_required_field_points_at_the_object(tmp_path: Path, copy_of_shipped: Path) -> None:
    file = copy_of_shipped / "TU-TUAT.json"
    raw = json.loads(file.read_text(encoding="utf-8"))
    del raw["documents"][2]["required"]
    text = json.dumps(raw, ensure_ascii=False, indent=2)
    file.write_text(text, encoding="utf-8")
    # The third document object starts on the line of its opening brace, above its id.
    brace = text[: text.index('"id": "relatives_declaration"')].count("\n")
    with pytest.raises(UserError) as err:
        Catalog.load(copy_of_shipped)
    assert err.value.detail.startswith(f"TU-TUAT.json:{brace}:")
    assert "required" in err.value.detail


def test_undeclared_flag_and_mismatched_code_are_refused(copy_of_shipped: Path) -> None:
    line = _replace_line(copy_of_shipped / "603.json", '"flag": "household"', '"flag": "housold"')
    with pytest.raises(UserError) as err:
        Catalog.load(copy_of_shipped)
    assert err.value.detail == f"603.json:{line}: flag 'housold' is not declared in flags"
    _replace_line(copy_of_shipped / "603.json", '"flag": "housold"', '"flag": "household"')
    _replace_line(copy_of_shipped / "603.json", '"code": "603"', '"code": "604"')
    with pytest.raises(UserError, match="must match the file name"):
        Catalog.load(copy_of_shipped)


def test_files_given_one_by_one_and_a_missing_manifest(
    tmp_path: Path, copy_of_shipped: Path
) -> None:
    store = CatalogStore(installed=tmp_path / "installed")
    with pytest.raises(UserError) as err:
        store.replace([copy_of_shipped / "602.json"])
    assert err.value.detail == "catalog.json:1: missing"
    manifest = copy_of_shipped / "catalog.json"
    manifest.write_text(json.dumps({"version": "x1", "procedures": ["602.json"]}), encoding="utf-8")
    store.replace([manifest, copy_of_shipped / "602.json"])
    assert [p.code for p in store.current.procedures] == ["602"]


def test_corrected_benefit_lists_under_law_41_2024() -> None:
    catalog = Catalog.load(SHIPPED)
    payout = {d.id: d for d in catalog.get("BHXH-MOTLAN").documents}
    assert "giấy ra viện hoặc tóm tắt hồ sơ bệnh án" in payout["hospital_summary"].name
    assert all("giấy xác nhận bệnh" not in d.name for d in payout.values())
    assert payout["capacity_81_record"].when_flag == "capacity_81"
    assert "thôi quốc tịch" in payout["emigration_papers"].name
    pension = catalog.get("LUONG-HUU")
    assert all("Quyết định nghỉ việc" not in d.name for d in pension.documents)
    assert "hiv_certificate" in [d.id for d in pension.required_documents({"hiv_occupational"})]
    survivors = catalog.get("TU-TUAT")
    assert "si_book" not in [d.id for d in survivors.required_documents({"deceased_pensioner"})]
    death = {d.id: d for d in survivors.documents}["death_proof"]
    assert "giấy báo tử" in death.name and "Tòa án" in death.name
    assert "accident_papers" in [d.id for d in survivors.required_documents({"work_accident"})]


@pytest.mark.parametrize(
    ("code", "value", "unit"),
    [
        ("THAI-SAN", 5, TimeUnit.WORKING_DAYS),
        ("MAI-TANG", 10, TimeUnit.WORKING_DAYS),
        ("TRO-CAP-HANG-THANG", 5, TimeUnit.WORKING_DAYS),
        ("HUONG-TIEP", 10, TimeUnit.WORKING_DAYS),
        ("DOI-NOI-HUONG", 5, TimeUnit.WORKING_DAYS),
        ("UY-QUYEN", 1, TimeUnit.WORKING_DAYS),
    ],
)
def test_high_volume_benefit_procedures_are_in_the_catalog(
    code: str, value: int, unit: TimeUnit
) -> None:
    p = Catalog.load(SHIPPED).get(code)
    assert (p.processing_time.value, p.processing_time.unit) == (value, unit)
    assert p.documents and p.result and p.legal_basis and p.competent_office
    assert p.for_existing_participants


def test_maternity_allowance_for_voluntary_participants() -> None:
    maternity = Catalog.load(SHIPPED).get("THAI-SAN")
    assert "2.000.000 đồng" in maternity.result
    assert "request" in [d.id for d in maternity.required_documents({"voluntary"})]
    assert maternity.filing_limit is not None and maternity.filing_limit.days == 60
    assert not maternity.filing_limit.confirmed  # articles not verified: kept as data
    assert maternity.search_text and Catalog.load(SHIPPED).search("thai san")[0] is not None
