""" "Có sự kiện liên quan": under the citizen's record at intake.

When the intake identifies a citizen, the banner looks (on the database worker) for
open life events that concern them — the mother of a newborn, a relative of someone
who died — and offers every procedure each event still opens (a death: survivors'
benefits and the funeral grant), prefilled from the event; the first is Alt+M. The
event's fields then show under it for the officer to check (:mod:`event_fields`).
It never blocks the intake: no event, no banner.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services import life_events
from app.services.life_events import EventView
from app.services.storage.db import Database
from app.ui.events import texts
from app.ui.events.event_fields import EventFieldsPanel
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
        self.offers: list[tuple[EventView, str]] = []  # (event, procedure) still to file
        self.buttons: list[QPushButton] = []
        self.text = QLabel(objectName="events-banner-text")
        self.text.setWordWrap(True)
        self._button_row = QHBoxLayout()
        self.fields = EventFieldsPanel(controller)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(self._button_row)
        layout.addWidget(self.fields)
        self.hide()
        controller.identity_changed.connect(self.refresh)

    @property
    def open_button(self) -> QPushButton | None:
        return self.buttons[0] if self.buttons else None

    def refresh(self) -> None:
        if not self._controller.state.event_form:  # another citizen: not their event's fields
            self.fields.hide()
        identity = self._controller.state.identity
        if identity is None:
            self.events = []
            self.hide()
            return
        db, id_number = self._db, identity.id_number

        def find() -> list[tuple[EventView, tuple[str, ...]]]:
            found = life_events.related_to(db, id_number)
            return [(v, life_events.pending_procedures(db, v)) for v in found]

        self._runner.run(
            find,
            lambda found, n=id_number: self._show(n, found),
            lambda _exc: self.hide(),  # the banner is a help, never an obstacle
        )

    def _show(self, id_number: str, found: list[tuple[EventView, tuple[str, ...]]]) -> None:
        current = self._controller.state.identity
        if current is None or current.id_number != id_number:
            return  # another citizen came meanwhile
        found = [(v, pending) for v, pending in found if pending]
        self.events = [v for v, _pending in found]
        self.offers = [(v, code) for v, pending in found for code in pending]
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        if not self.offers:
            self.fields.hide()
            self.hide()
            return
        procedure = self._controller.catalog.current
        names = {p.code: p.short_name for p in procedure.procedures}
        lines = []
        for v, pending in found:
            lines.append(
                self.tr("<b>Có sự kiện liên quan</b>: %1, ngày %2 (%3).")
                .replace("%1", texts.name(texts.KIND, v.event_type))
                .replace("%2", v.event_date.strftime("%d/%m/%Y"))
                .replace("%3", texts.who(v))
            )
            lines.append(
                self.tr("Thủ tục gợi ý: %1 · %2")
                .replace("%1", ", ".join(names.get(c, c) for c in pending))
                .replace("%2", texts.days_left(v))
            )
        self.text.setText("<br>".join(lines))
        for index, (_v, code) in enumerate(self.offers):
            label = self.tr("Mở: %1").replace("%1", names.get(code, code))
            if index == 0:
                label = self.tr("&Mở thủ tục gợi ý: %1").replace("%1", names.get(code, code))
            button = QPushButton(label, objectName=f"events-open-{index}")
            button.clicked.connect(lambda _=False, i=index: self.open_offer(i))
            self._button_row.addWidget(button)
            self.buttons.append(button)
        self.show()

    def open_suggested(self) -> None:
        self.open_offer(0)

    def open_offer(self, index: int) -> None:
        """Open one procedure of an event with its fields in sight."""
        if not 0 <= index < len(self.offers):
            return
        v, code = self.offers[index]
        identity = self._controller.state.identity
        form = life_events.prefill(v, identity.id_number if identity is not None else "")
        self._controller.open_from_event(code, form)
        self.fields.show_event(v.event_type, self._controller.state.event_form)
