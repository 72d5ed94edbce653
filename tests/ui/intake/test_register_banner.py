"""The counter shows the register check's finding for the citizen it has just identified,
from a real central service, and offers the "Điều chỉnh thông tin" procedure prefilled."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from app.services import register_state
from app.services.calendar.store import CalendarStore
from app.services.card.passive_auth import TrustStore
from app.services.catalog.store import CatalogStore
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.identity import Identity, IdentitySource
from app.services.security.accounts import authenticate
from app.services.storage.models import Dossier
from app.services.sync.credentials import DeviceCredentials, MemoryStore
from app.settings import Settings
from app.ui.intake.controller import IntakeController
from app.ui.intake.register_banner import RegisterBanner
from app.ui.tasks import SyncRunner, TaskRunner
from central.models import Participant, Person
from central.register_check.adapter import Guarded, ReferenceRegister
from central.register_check.runner import verify
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral


@pytest.fixture
def central(tmp_path: Path) -> Iterator[RunningCentral]:
    with RunningCentral(f"sqlite:///{tmp_path / 'central.sqlite3'}", volume=60) as running:
        yield running


def _enrolled(central: RunningCentral) -> MemoryStore:
    answer = httpx.post(
        f"{central.url}/api/v1/enroll",
        json={"code": central.enrollment_code(DEMO_OFFICE), "device_name": "quầy thử"},
    )
    answer.raise_for_status()
    body = answer.json()
    return MemoryStore(
        DeviceCredentials(
            central_url=central.url,
            device_id=body["device_id"],
            office_code=DEMO_OFFICE,
            counter_number=1,
            secret=body["secret"],
        )
    )


def _identity(person: Person) -> Identity:
    return Identity(
        id_number=person.id_number,
        full_name=person.full_name,
        date_of_birth=person.date_of_birth,
        dob_text=person.dob_text,
        sex=person.sex,
        source=IdentitySource.TYPED,
        residence=person.residence,
    )


def test_a_citizen_whose_bhxh_record_differs_is_offered_the_adjustment_prefilled(
    qtbot, demo_db, central: RunningCentral
) -> None:
    with central.db.session() as s:
        person = s.scalars(select(Person).order_by(Person.id_number)).first()
        other = s.scalars(select(Person).order_by(Person.id_number.desc())).first()
        assert person is not None and other is not None and person.date_of_birth
        s.execute(
            update(Participant)
            .where(Participant.id_number == person.id_number)
            .values(date_of_birth=person.date_of_birth - dt.timedelta(days=40))
        )
    verify(central.db, Guarded(ReferenceRegister(central.db)))

    store = _enrolled(central)
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db,
        Settings(),
        officer,
        CatalogStore(),
        CalendarStore(),
        TrustStore(),
        SyncRunner(),
        SyncRunner(),
    )
    network = TaskRunner(max_threads=1)
    banner = RegisterBanner(
        controller,
        network,
        lambda identity: register_state.look_up(store, identity, demo=True),
    )
    qtbot.addWidget(banner)

    controller.typed(_identity(person))
    qtbot.waitUntil(lambda: banner.state is not None, timeout=10000)
    text = banner.label.text()
    assert "khác CSDL quốc gia về dân cư" in text and "Ngày sinh" in text
    assert f"{person.date_of_birth:%d/%m/%Y}" in text and banner.label.property("level") == "warn"
    assert banner.adjust.isVisibleTo(banner)
    if os.environ.get("MOTCUA_WRITE_SCREENSHOTS") == "1":  # make screenshots
        banner.resize(520, banner.sizeHint().height())
        banner.show()
        banner.grab().save(
            str(
                Path(__file__).resolve().parents[3]
                / "docs"
                / "screenshots"
                / "intake-register-state.png"
            )
        )

    banner.adjust.click()
    assert controller.state.procedure_code == "608"
    assert "Ngày sinh: BHXH «" in controller.state.register_notes
    controller.all_received()
    controller.save()
    with demo_db.session() as s:
        saved = s.scalars(select(Dossier).where(Dossier.procedure_code == "608")).one()
        assert f"CSDL quốc gia về dân cư «{person.date_of_birth:%d/%m/%Y}»" in saved.notes
        # Decree 104/2022 Art. 14: what the register check said is kept with the dossier.
        (register,) = [
            e for e in saved.form_data["intake_snapshot"] if e["source"] == "population_register"
        ]
    assert register["consulted"] is True
    fields = register["fields"]
    assert fields["state"] == "differs" and fields["bhxh_number"] == banner.state.bhxh_number
    assert fields["checked_at"] and fields["source"]
    assert [d["field"] for d in fields["differences"]] == ["date_of_birth"]
    assert fields["differences"][0]["register"] == person.date_of_birth.isoformat()

    # the next citizen matches: a green line, no adjustment, no carried-over notes
    controller.start_new(_identity(other))
    qtbot.waitUntil(lambda: banner.state is not None, timeout=10000)
    assert banner.state.state == "verified" and not banner.adjust.isVisibleTo(banner)
    assert controller.state.register_notes == ""
    network.wait()


def test_an_unreachable_central_is_said_and_does_not_block_the_intake(qtbot, demo_db) -> None:
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    store = MemoryStore(
        DeviceCredentials("http://127.0.0.1:9", "dev", DEMO_OFFICE, 1, secret="s3cret")
    )
    banner = RegisterBanner(
        controller,
        SyncRunner(),
        lambda i: register_state.look_up(store, i, demo=True),
    )
    qtbot.addWidget(banner)
    controller.typed(Identity("001090000001", "Trần Văn An", None, "Nam", IdentitySource.TYPED))
    assert "Chưa lấy được kết quả đối chiếu" in banner.label.text()
    assert not banner.adjust.isVisibleTo(banner)
    assert controller.state.identity is not None


def test_a_passport_holder_is_not_looked_up_in_the_population_register(qtbot, demo_db) -> None:
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    asked: list[str] = []
    banner = RegisterBanner(controller, SyncRunner(), lambda n: asked.append(n))  # type: ignore[arg-type,return-value]
    qtbot.addWidget(banner)
    controller.typed(Identity("UA4815162", "OLENA KOVAL", None, "Nữ", IdentitySource.PASSPORT))
    assert asked == [] and banner.isHidden()


def test_the_register_bhxh_number_fills_tk1ts_part_two_for_a_first_visit(qtbot, demo_db) -> None:
    """A citizen unknown at this counter whom central's register knows by BHXH number
    fills Part II of TK1-TS, not Part I (a real central answer, as the banner gets it)."""
    from app.shared.register_wire import RegisterState
    from app.shared.types import utcnow
    from tests.unit.forms.forms_readback import pdf_text

    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    newcomer = Identity(
        "001090009999", "Lê Thị Mới", dt.date(1990, 1, 2), "Nữ", IdentitySource.TYPED
    )
    controller.typed(newcomer)
    assert controller.state.record is not None and not controller.state.record.known
    controller.register_checked(
        RegisterState(
            id_number=newcomer.id_number, state="verified", bhxh_number="0190009999",
            checked_at=utcnow(), source="CSDL quốc gia về dân cư",
        )
    )  # fmt: skip
    controller.choose_procedure("603")
    controller.all_received()
    controller.save()
    qtbot.waitUntil(lambda: controller.last_saved is not None, timeout=20000)
    assert controller.last_saved.tk1ts_pdf is not None
    text = pdf_text(controller.last_saved.tk1ts_pdf, 1)
    assert "0190009999" in text
    with demo_db.session() as s:
        saved = s.get(Dossier, controller.last_saved.dossier_id)
        (register,) = [
            e for e in saved.form_data["intake_snapshot"] if e["source"] == "population_register"
        ]
    assert register["consulted"] is True and register["fields"]["bhxh_number"] == "0190009999"
