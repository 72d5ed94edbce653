"""The main window: navigation on the left, one page at a time, status bar below.

Pages are built by the session and handed in; the window only lays them out and
routes shortcuts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Page:
    key: str  # intake, dossiers, returns, reports, settings
    title: str
    widget: QWidget


class _ClickableLabel(QLabel):
    """The sync status: a click opens the refused / conflicting items."""

    clicked = Signal()

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.clicked.emit()
        super().mousePressEvent(event)


class MainWindow(QMainWindow):
    PREFERRED_SIZE = QSize(1200, 800)
    # A page taller than this scrolls inside the window rather than making the window
    # taller than a 1280×720 screen (menu and status bar take ≈ 50 px of it).
    TALLEST_PAGE = 480

    lock_requested = Signal()
    logout_requested = Signal()
    doctor_requested = Signal()
    password_requested = Signal()
    sync_requested = Signal()
    sync_problems_requested = Signal()  # the refused / conflicting items (Ctrl+F9)

    def __init__(self, pages: list[Page], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("MotCua — Bộ phận tiếp nhận và trả kết quả"))
        self.resize(self.PREFERRED_SIZE)  # fitted to the screen in show_fitted()
        self._keys = [p.key for p in pages]
        self._widgets = [p.widget for p in pages]

        self.nav = QListWidget(objectName="navigation")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget(objectName="pages")
        for index, page in enumerate(pages):
            item = QListWidgetItem(f"{index + 1}. {page.title}")
            item.setData(Qt.UserRole, page.key)
            item.setToolTip(f"Ctrl+{index + 1}")
            self.nav.addItem(item)
            self.stack.addWidget(self._scrolling_if_tall(page.widget))
        self.nav.currentRowChanged.connect(self._switch)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.lock_page = QLabel(
            self.tr("Màn hình đã khoá.\nNhập mật khẩu của cán bộ để tiếp tục."),
            objectName="lock_page",
        )
        self.lock_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screens = QStackedWidget(objectName="screens")  # the work, or the lock page
        self.screens.addWidget(central)
        self.screens.addWidget(self.lock_page)
        self.setCentralWidget(self.screens)

        self.reader_status = QLabel(self.tr("Đầu đọc: đang kiểm tra…"), objectName="reader_status")
        self.sync_status = _ClickableLabel(self.tr("Đồng bộ: ngoại tuyến"))
        self.sync_status.setObjectName("sync_status")
        self.sync_status.setToolTip(self.tr("Bấm để xem dữ liệu bị từ chối (Ctrl+F9)"))
        self.sync_status.clicked.connect(self.sync_problems_requested)
        self.officer_status = QLabel(objectName="officer_status")
        self.office_status = QLabel(objectName="office_status")
        bar = self.statusBar()
        for label in (self.reader_status, self.sync_status, self.officer_status):
            bar.addWidget(label)
        bar.addPermanentWidget(self.office_status)
        self._build_menu(pages)

    def _scrolling_if_tall(self, widget: QWidget) -> QWidget:
        if widget.minimumSizeHint().height() <= self.TALLEST_PAGE:
            return widget
        scroll = QScrollArea(objectName=f"{widget.objectName() or 'page'}_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(widget)
        return scroll

    def current_page(self) -> QWidget:
        """The page itself (tall pages sit in a scroll area in the stack)."""
        return self._widgets[self.stack.currentIndex()]

    def show_fitted(self) -> None:
        """Show within the screen's available area, status bar included."""
        from app.ui.geometry import fit_to_screen

        if fit_to_screen(self, self.PREFERRED_SIZE):
            self.showMaximized()  # a window manager fills the work area exactly
        else:
            self.show()

    def _build_menu(self, pages: list[Page]) -> None:
        go = self.menuBar().addMenu(self.tr("&Đi tới"))
        for index, page in enumerate(pages):
            action = QAction(page.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_page_index(i))
            go.addAction(action)
        system = self.menuBar().addMenu(self.tr("&Hệ thống"))
        lock = QAction(self.tr("&Khoá màn hình"), self, shortcut=QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_requested)
        logout = QAction(self.tr("Đăng &xuất"), self, shortcut=QKeySequence("Ctrl+Shift+L"))
        logout.triggered.connect(self.logout_requested)
        password = QAction(self.tr("Đổi &mật khẩu…"), self)
        password.triggered.connect(self.password_requested)
        doctor = QAction(self.tr("&Chẩn đoán hệ thống"), self, shortcut=QKeySequence("F12"))
        doctor.triggered.connect(self.doctor_requested)
        quit_ = QAction(self.tr("&Thoát"), self, shortcut=QKeySequence("Ctrl+Q"))
        quit_.triggered.connect(self.close)
        sync = QAction(self.tr("Đồng bộ &ngay"), self, shortcut=QKeySequence("F9"))
        sync.triggered.connect(self.sync_requested)
        problems = QAction(
            self.tr("Dữ liệu đồng bộ bị &từ chối…"), self, shortcut=QKeySequence("Ctrl+F9")
        )
        problems.triggered.connect(self.sync_problems_requested)
        for action in (sync, problems, lock, logout, password, doctor):
            system.addAction(action)
        self._locked_actions = [*go.actions(), sync, problems, lock, logout, password, doctor]
        system.addSeparator()
        system.addAction(quit_)

    def set_locked(self, locked: bool) -> None:
        """While locked the pages are not shown at all: a dialog over them would leave
        citizen data and the portrait on screen, and in any grab of the window. Their
        shortcuts are off too (quitting stays possible: the draft is saved)."""
        self.screens.setCurrentIndex(1 if locked else 0)
        for action in self._locked_actions:
            action.setEnabled(not locked)

    def is_locked(self) -> bool:
        return self.screens.currentIndex() == 1

    def _switch(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        refresh = getattr(self._widgets[index], "refresh", None)
        if callable(refresh):  # lists show what other pages changed meanwhile
            refresh()

    def show_page(self, key: str) -> None:
        self.show_page_index(self._keys.index(key))

    def show_page_index(self, index: int) -> None:
        if self.nav.currentRow() == index:
            self._switch(index)  # already there: still show what changed
        self.nav.setCurrentRow(index)
        self._widgets[index].setFocus()

    def current_page_key(self) -> str:
        return self._keys[self.stack.currentIndex()]

    def set_officer(self, full_name: str, role: str, office_name: str) -> None:
        self.officer_status.setText(self.tr("Cán bộ: {0} ({1})").format(full_name, role))
        self.office_status.setText(office_name)

    def set_reader_status(self, text: str, ok: bool) -> None:
        self.reader_status.setText(text)
        self.reader_status.setStyleSheet("" if ok else "color: #b00020;")

    def set_sync_status(self, text: str) -> None:
        self.sync_status.setText(self.tr("Đồng bộ: {0}").format(text))
