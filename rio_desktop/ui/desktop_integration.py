"""Long operations shown outside the window: progress on the taskbar entry and a notification when one
ends while the clerk works in another program.

Where each part goes:
- the window title ("42% · Rio Desktop"), which every taskbar shows;
- Linux docks and taskbars (KDE Plasma, GNOME with Dash to Dock, Ubuntu): the Unity LauncherEntry D-Bus
  signal, matched to the menu entry rio-desktop.desktop;
- Windows: the taskbar button's progress bar (ITaskbarList3);
- the notification: the system tray's message where there is a tray, and QApplication.alert (the taskbar
  entry flashes, the Dock icon bounces) everywhere.
Every platform part fails quietly: none of it is needed to use the application.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from rio_desktop import APP_ID, APP_NAME

log = logging.getLogger(__name__)
NOTIFICATION_MS = 8000


class _UnityLauncher:
    """com.canonical.Unity.LauncherEntry: progress on the dock icon of the application's menu entry."""

    def __init__(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        self.bus = QDBusConnection.sessionBus()
        self.available = self.bus.isConnected()

    def set(self, fraction: float | None) -> None:
        if not self.available:
            return
        from PySide6.QtDBus import QDBusMessage

        message = QDBusMessage.createSignal("/com/canonical/unity/launcherentry/rio_desktop",
                                            "com.canonical.Unity.LauncherEntry", "Update")
        message.setArguments([f"application://{APP_ID}.desktop",
                              {"progress": float(fraction or 0.0), "progress-visible": fraction is not None}])
        self.bus.send(message)


class _WindowsTaskbar:
    """ITaskbarList3 through ctypes (COM vtable calls), to avoid a dependency for four calls."""

    # ITaskbarList3 vtable slots: IUnknown 0-2, HrInit 3, ..., SetProgressValue 9, SetProgressState 10.
    HR_INIT, SET_PROGRESS_VALUE, SET_PROGRESS_STATE = 3, 9, 10
    NO_PROGRESS, NORMAL = 0, 2

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.taskbar = ctypes.c_void_p()
        ole32 = ctypes.windll.ole32  # type: ignore[attr-defined]
        ole32.CoInitialize(None)
        clsid = _guid("56FDF344-FD6D-11d0-958A-006097C9A090")
        iid = _guid("EA1AFB91-9E28-4B86-90E9-9E9F8A5EEFAF")
        if ole32.CoCreateInstance(ctypes.byref(clsid), None, 1, ctypes.byref(iid), ctypes.byref(self.taskbar)):
            raise OSError("ITaskbarList3 is not available")
        self._call(self.HR_INIT, [], [])

    def _call(self, slot: int, types: list, args: list) -> int:
        vtable = ctypes.cast(self.taskbar, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents
        prototype = ctypes.WINFUNCTYPE(ctypes.c_long, ctypes.c_void_p, *types)  # type: ignore[attr-defined]
        return prototype(vtable[slot])(self.taskbar, *args)

    def set(self, fraction: float | None) -> None:
        hwnd = ctypes.c_void_p(int(self.window.winId()))
        if fraction is None:
            self._call(self.SET_PROGRESS_STATE, [ctypes.c_void_p, ctypes.c_int], [hwnd, self.NO_PROGRESS])
            return
        self._call(self.SET_PROGRESS_STATE, [ctypes.c_void_p, ctypes.c_int], [hwnd, self.NORMAL])
        self._call(self.SET_PROGRESS_VALUE, [ctypes.c_void_p, ctypes.c_ulonglong, ctypes.c_ulonglong],
                   [hwnd, int(fraction * 1000), 1000])


def _guid(text: str) -> ctypes.Array:
    import uuid

    return (ctypes.c_ubyte * 16).from_buffer_copy(uuid.UUID(text).bytes_le)


class DesktopIntegration(QObject):
    """Progress and notifications for the main window. Several operations may run at once (a download
    and a summary): the taskbar shows the least advanced."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.title = window.windowTitle()
        self.active: dict[str, float] = {}
        self.platform_progress: list = []
        self.tray: QSystemTrayIcon | None = None
        self.last_notification: tuple[str, str] | None = None  # for tests and the log
        try:
            if sys.platform.startswith("linux"):
                self.platform_progress.append(_UnityLauncher())
            elif sys.platform == "win32":
                self.platform_progress.append(_WindowsTaskbar(window))
        except Exception as exc:  # no session bus, no COM: the window title still shows progress
            log.info("taskbar progress not available: %s", exc)

    @property
    def fraction(self) -> float | None:
        return min(self.active.values()) if self.active else None

    @Slot(str, object)
    def set_progress(self, key: str, fraction: float | None) -> None:
        """Progress of operation `key` (0..1), or None when it ended."""
        if fraction is None:
            self.active.pop(key, None)
        else:
            self.active[key] = max(0.0, min(1.0, float(fraction)))
        shown = self.fraction
        self.window.setWindowTitle(self.title if shown is None else f"{int(shown * 100)}% · {self.title}")
        for target in self.platform_progress:
            try:
                target.set(shown)
            except Exception as exc:
                log.info("taskbar progress failed, not shown any more: %s", exc)
                self.platform_progress.remove(target)

    @Slot(str, str)
    def notify(self, title: str, text: str) -> bool:
        """Tell the clerk that a long operation ended, if they are looking elsewhere. True if told."""
        if self.window.isActiveWindow():
            return False
        self.last_notification = (title, text)
        QApplication.alert(self.window)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self.tray is None:
                self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
                self.tray.setToolTip(APP_NAME)
                self.tray.messageClicked.connect(self.bring_to_front)
                self.tray.activated.connect(lambda _reason: self.bring_to_front())
            self.tray.show()
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, NOTIFICATION_MS)
        return True

    @Slot()
    def bring_to_front(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if self.tray is not None:
            self.tray.hide()
