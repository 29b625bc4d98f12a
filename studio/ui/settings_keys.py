"""The API keys of Settings → Providers: whether a system keyring is there, the
selected provider's key (masked, and where it comes from), saving it in the keyring or
for this session, removing it or every key the studio stored, and putting back what
the dialog changed when it is cancelled.

A mixin of :class:`~studio.ui.settings_providers.ProvidersPage` (kept apart so each
file stays small); its strings keep the page's translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from studio.core.providers import Provider
from studio.jobs.op import BackgroundOp

if TYPE_CHECKING:
    from studio.core.secrets import KeyringStatus
    from studio.core.service import Studio


class EnterKeepsKey(QObject):
    """Enter in the key field keeps the key typed there, as the first of ``buttons``
    that can (Save in keyring, else This session only), rather than pressing the dialog's
    Save: that closed the dialog and dropped the key typed. With no key typed, Enter
    is the dialog's."""

    def __init__(self, field: QLineEdit, buttons: tuple[QPushButton, ...]) -> None:
        super().__init__(field)
        self._buttons = buttons
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            for button in self._buttons:
                if not button.isHidden() and button.isEnabled():
                    button.click()
                    return True
        return super().eventFilter(watched, event)


class KeysMixin:
    """The page's key controls (``self`` is the page)."""

    studio: Studio
    providers: dict[str, Provider]
    removed: set[str]
    has_key: bool
    keys_before: dict[str, tuple[str | None, str | None]]
    key_ops_pending: int
    key_failures: int
    keyring_available: bool
    keys_changed: SignalInstance
    _current: str | None
    key_state: QLabel
    key_edit: QLineEdit
    keyring_note: QLabel
    save_key_button: QPushButton
    session_key_button: QPushButton
    remove_key_button: QPushButton
    remove_all_button: QPushButton
    remove_all_box: QMessageBox | None

    if TYPE_CHECKING:  # provided by the page

        def current(self) -> Provider | None: ...

        def removed_keys_text(self, count: int) -> str: ...

    def _page(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # --- keys -------------------------------------------------------------------------------
    def _check_keyring(self) -> None:
        from studio.core.secrets import keyring_status

        BackgroundOp(self._page(), keyring_status, self._keyring_checked).run()

    def _keyring_checked(self, status: KeyringStatus) -> None:
        self.keyring_available = bool(status.available)
        if status.available:
            self.keyring_note.setText(
                QCoreApplication.translate(
                    "ProvidersPage", "Keys are kept in the system keyring (%1)."
                ).replace("%1", str(status.backend))
            )
        else:
            self.keyring_note.setText(
                QCoreApplication.translate(
                    "ProvidersPage",
                    "No system keyring was found, so keys cannot be saved. "
                    "Use “This session only” to keep a key until the app closes.",
                )
            )
            self.keyring_note.setToolTip(str(status.message))
        self.save_key_button.setVisible(bool(status.available))
        self._update_key_buttons()

    def _show_key(self, p: Provider) -> None:
        if not p.needs_key:
            self.key_state.setText(
                QCoreApplication.translate("ProvidersPage", "This provider needs no key.")
            )
            for w in (
                self.key_edit,
                self.save_key_button,
                self.session_key_button,
                self.remove_key_button,
            ):
                w.setEnabled(False)
            return
        self.key_edit.setEnabled(True)
        self.key_state.setText(QCoreApplication.translate("ProvidersPage", "Checking…"))
        from studio.core.secrets import get_key, mask_key

        pid = p.id

        def work() -> tuple[str | None, str]:
            import os

            from studio.core.secrets import KEY_ENV, session_key

            key = get_key(pid)
            if not key:
                return None, ""
            if os.environ.get(KEY_ENV, "").strip():
                source = "env"
            elif session_key(pid):
                source = "session"
            else:
                source = "keyring"
            return mask_key(key), source

        BackgroundOp(self._page(), work, lambda found: self._key_shown(pid, *found)).run()

    def _key_shown(self, pid: str, masked: str | None, source: str = "keyring") -> None:
        if pid != self._current:
            return
        self.has_key = masked is not None
        if not masked:
            self.key_state.setText(QCoreApplication.translate("ProvidersPage", "No key yet"))
        elif source == "session":
            self.key_state.setText(
                QCoreApplication.translate(
                    "ProvidersPage",
                    "Key for this session only: %1 (not saved; gone when the app closes)",
                ).replace("%1", masked)
            )
        elif source == "env":
            self.key_state.setText(
                QCoreApplication.translate(
                    "ProvidersPage", "Key from IMAGE_STUDIO_API_KEY: %1 (it overrides the keyring)"
                ).replace("%1", masked)
            )
        else:
            self.key_state.setText(
                QCoreApplication.translate(
                    "ProvidersPage", "Key stored in the keyring: %1"
                ).replace("%1", masked)
            )
        self._update_key_buttons()

    def _update_key_buttons(self) -> None:
        p = self.current()
        needs = bool(p and p.needs_key)
        typed = bool(self.key_edit.text().strip())
        for button, on in (
            (self.save_key_button, needs and typed),
            (self.session_key_button, needs and typed),
            (self.remove_key_button, needs and self.has_key),
        ):
            # a button that goes grey under the focus hands it to the key field, not to
            # the next in line ("Remove all my keys…", where Enter would land)
            if not on and button.hasFocus() and self.key_edit.isEnabled():
                self.key_edit.setFocus()
            button.setEnabled(on)

    def save_key(self) -> None:
        from studio.core.secrets import set_key

        self._key_op(set_key, self.key_edit.text().strip())

    def session_key(self) -> None:
        from studio.core.secrets import set_session_key

        self._key_op(set_session_key, self.key_edit.text().strip())

    def remove_key(self) -> None:
        from studio.core.secrets import delete_key

        self._key_op(lambda pid, _k: delete_key(pid), "")

    def _key_op(self, fn: Callable[[str, str], None], key: str) -> None:
        p = self.current()
        if p is None:
            return
        pid = p.id
        self.key_edit.clear()
        self.key_state.setText(QCoreApplication.translate("ProvidersPage", "Saving…"))
        self.key_ops_pending += 1
        first = pid not in self.keys_before
        if first:
            self.keys_before[pid] = (None, None)  # filled in by the worker, before the change
        before = self.keys_before

        def work() -> None:
            if first:
                from studio.core.secrets import session_key, stored_key

                before[pid] = (stored_key(pid), session_key(pid))
            fn(pid, key)

        def done(_r: object) -> None:
            self.key_ops_pending -= 1
            self.keys_changed.emit()
            if self._current == pid and (q := self.current()) is not None:
                self._show_key(q)

        def failed(exc: BaseException) -> None:
            self.key_ops_pending -= 1
            self.key_failures += 1
            self.key_state.setText(str(exc))
            if key and self._current == pid and not self.key_edit.text():
                self.key_edit.setText(key)  # the key typed is not lost: it can be tried again

        BackgroundOp(self._page(), work, done).failure(failed).run()

    def ask_remove_all(self) -> None:
        """Confirm, then delete every key the studio stored (custom and removed ids too)."""
        box = QMessageBox(self._page())
        box.setObjectName("removeAllKeysBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ProvidersPage", "Remove all my keys"))
        box.setText(
            QCoreApplication.translate(
                "ProvidersPage", "Delete every API key Image Studio stored in the system keyring?"
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ProvidersPage",
                "Keys kept for this session are forgotten too. This cannot be undone.",
            )
        )
        remove = box.addButton(
            QCoreApplication.translate("ProvidersPage", "Remove all keys"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: self._remove_all() if b is remove else None)
        self.remove_all_box = box
        box.open()

    def _remove_all(self) -> None:
        from studio.core.key_inventory import remove_all_keys

        known = set(self.providers) | set(self.removed) | set(self.keys_before)
        known |= set(self.studio.providers())
        self.remove_all_button.setEnabled(False)
        self.key_state.setText(QCoreApplication.translate("ProvidersPage", "Removing…"))

        def done(removed: list[str]) -> None:
            self.keys_before.clear()  # nothing to put back: the user asked for none
            self.remove_all_button.setEnabled(True)
            self.keyring_note.setText(self.removed_keys_text(len(removed)))
            self.keys_changed.emit()
            if (q := self.current()) is not None:
                self._show_key(q)

        def failed(exc: BaseException) -> None:
            self.remove_all_button.setEnabled(True)
            self.keyring_note.setText(str(exc))

        BackgroundOp(self._page(), lambda: remove_all_keys(known), done).failure(failed).run()

    def key_restorer(self) -> Callable[[], None]:
        """Work (for a worker thread) putting every key this page changed back as it was."""
        before = dict(self.keys_before)

        def restore() -> None:
            from studio.core.secrets import delete_key, set_key, set_session_key

            for pid, (stored, session) in before.items():
                if stored:
                    set_key(pid, stored)
                else:
                    delete_key(pid)
                if session:
                    set_session_key(pid, session)

        return restore

    def key_remover(self) -> Callable[[], None]:
        """Work (for a worker thread) deleting the keys of the providers removed here."""
        removed = set(self.removed)

        def remove() -> None:
            from studio.core.secrets import delete_key

            for pid in removed:
                delete_key(pid)

        return remove
