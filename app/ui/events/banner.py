""" "Có sự kiện liên quan": under the citizen's record at intake.

When the intake identifies a citizen, the banner looks (on the database worker) for
open life events that concern them — the mother of a newborn, a relative of someone
who died — and offers the suggested procedure prefilled from the event (Alt+M). It
never blocks the intake: no event, no banner.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services import life_events
from app.services.life_events import EventView
from app.services.storage.db import Database
from app.ui.events import texts
from app.ui.intake.controller import IntakeController

STYLE = "QFrame#events-banner { background:#e3f2fd; color:#0d47a1; border-radius:4px; }"


class RelatedEventsBanner(QFrame):
    def __init__(
        self,
        controller: IntakeController,
        db: Database,
        runner: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("events-banner")
        self.setStyleSheet(STYLE)
        self._controller, self._db, self._runner = controller, db, runner
        self.events: list[EventView] = []
        self.text = QLabel(objectName="events-banner-text")
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Mở thủ tục gợi ý"), objectName="events-open")
        self.open_button.clicked.connect(self.open_suggested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.open_button)
        self.hide()
        controller.identity_changed.connect(self.refresh)

    def refresh(self) -> None:
        identity = self._controller.state.identity
        if identity is None:
            self.events = []
            self.hide()
            return
        db, id_number = self._db, identity.id_number
        self._runner.run(
            lambda: life_events.related_to(db, id_number),
            lambda found, n=id_number: self._show(n, found),
            lambda _exc: self.hide(),  # the banner is a help, never an obstacle
        )

    def _show(self, id_number: str, found: list[EventView]) -> None:
        current = self._controller.state.identity
        if current is None or current.id_number != id_number:
            return  # another citizen came meanwhile
        self.events = [v for v in found if v.procedure_codes]
        if not self.events:
            self.hide()
            return
        v = self.events[0]
        procedure = self._controller.catalog.current
        names = {p.code: p.short_name for p in procedure.procedures}
        lines = [
            self.tr("<b>Có sự kiện liên quan</b>: %1, ngày %2 (%3).")
            .replace("%1", texts.name(texts.KIND, v.event_type))
            .replace("%2", v.event_date.strftime("%d/%m/%Y"))
            .replace("%3", texts.who(v)),
            self.tr("Thủ tục gợi ý: %1 · %2")
            .replace("%1", names.get(v.procedure_codes[0], v.procedure_codes[0]))
            .replace("%2", texts.days_left(v)),
        ]
        self.text.setText("<br>".join(lines))
        self.show()

    def open_suggested(self) -> None:
        if not self.events:
            return
        v = self.events[0]
        self._controller.open_from_event(v.procedure_codes[0], life_events.prefill(v))
