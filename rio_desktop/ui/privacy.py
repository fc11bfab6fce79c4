"""The privacy guard shown before a text goes to the organisation's server (LGPD)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from rio_desktop.documents.lgpd import find, summary_of


def privacy_choice(parent: QWidget, text: str) -> bool | None:
    """Show the personal data found in `text` and ask. True: replace with placeholders; False: send as it
    is (also when nothing was found); None: do not send."""
    findings = find(text)
    if not findings:
        return False
    labels = {
        "CPF": QCoreApplication.translate("PrivacyGuard", "CPF numbers"),
        "CNPJ": QCoreApplication.translate("PrivacyGuard", "CNPJ numbers"),
        "RG": QCoreApplication.translate("PrivacyGuard", "RG numbers"),
        "EMAIL": QCoreApplication.translate("PrivacyGuard", "e-mail addresses"),
        "TELEFONE": QCoreApplication.translate("PrivacyGuard", "phone numbers"),
        "CEP": QCoreApplication.translate("PrivacyGuard", "CEPs"),
    }
    found = "\n".join(f"{count} {labels[kind]}" for kind, count in summary_of(findings).items())
    question = QCoreApplication.translate(
        "PrivacyGuard", "This text goes to the organisation's server and holds personal data:\n\n{found}\n\n"
                        "Replace them with placeholders before sending? The answer gets the originals back.")
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("PrivacyGuard", "Personal data (LGPD)"),
                      question.format(found=found), buttons.Yes | buttons.No | buttons.Cancel, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("PrivacyGuard", "Replace and send"))
    box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("PrivacyGuard", "Send as it is"))
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Cancel:
        return None
    return answer == QMessageBox.StandardButton.Yes
