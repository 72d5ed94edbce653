"""User-facing errors: the environment's or the citizen's fault, with a message to show.

Anything else raised is a bug and goes to the crash handler (``app/crash.py``).
Services raise ``UserError(ErrorKind.X, detail=...)``; the UI and the CLI turn it into
text with ``describe``. The table below is the only place the messages live. Texts are
Vietnamese source strings marked for Qt's translation tools (context ``errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks a text for Qt's lupdate without importing Qt: services stay Qt-free. The
    text is translated where it is shown (``describe`` with the UI's translator)."""
    del context
    return text


def _untranslated(context: str, text: str) -> str:
    del context
    return text


# The UI installs Qt's translator here at start-up (app/ui/application.py); the CLI and
# the services keep the Vietnamese source texts.
_translate: Callable[[str, str], str] = _untranslated


def install_translator(translate: Callable[[str, str], str] | None) -> None:
    """Route ``describe`` through a translator (``QCoreApplication.translate``)."""
    global _translate
    _translate = translate or _untranslated


def translate(context: str, text: str) -> str:
    """A text marked with ``QT_TRANSLATE_NOOP``, in the UI's language (Vietnamese when
    no translator is installed: the CLI, the services' own exports)."""
    return _translate(context, text)


class ErrorKind(StrEnum):
    # environment and files
    SETTINGS_CORRUPT = "settings_corrupt"
    SETTINGS_INVALID = "settings_invalid"
    DB_NEWER = "db_newer"
    DB_CORRUPT = "db_corrupt"
    DB_LOCKED = "db_locked"
    DB_DISK_FULL = "db_disk_full"
    DB_READONLY = "db_readonly"
    ALREADY_RUNNING = "already_running"
    KEYRING_MISSING = "keyring_missing"
    LOGIN_FAILED = "login_failed"
    ACCOUNT_LOCKED = "account_locked"
    PASSWORD_TOO_WEAK = "password_too_weak"
    # card reading
    PCSC_NOT_RUNNING = "pcsc_not_running"
    NO_READER = "no_reader"
    NO_CARD = "no_card"
    CARD_REMOVED = "card_removed"
    ACCESS_DENIED = "access_denied"
    UNSUPPORTED_CARD = "unsupported_card"
    UNREADABLE_DATA = "unreadable_data"
    CARD_NOT_GENUINE = "card_not_genuine"
    CARD_EXPIRED = "card_expired"
    # fallbacks
    QR_INVALID = "qr_invalid"
    QR_MANGLED = "qr_mangled"
    ID_NUMBER_INVALID = "id_number_invalid"
    # intake
    CATALOG_INVALID = "catalog_invalid"
    CALENDAR_INVALID = "calendar_invalid"
    DOCUMENTS_MISSING = "documents_missing"
    DELIVERY_ADDRESS_MISSING = "delivery_address_missing"
    ATTACHMENT_TOO_LARGE = "attachment_too_large"
    ATTACHMENT_BAD_TYPE = "attachment_bad_type"
    ATTACHMENT_CORRUPT = "attachment_corrupt"
    INVALID_TRANSITION = "invalid_transition"
    # printing
    NO_PRINTER = "no_printer"
    PRINT_FAILED = "print_failed"
    # central service and sync
    SERVER_UNREACHABLE = "server_unreachable"
    SYNC_NOT_ENROLLED = "sync_not_enrolled"
    ENROLLMENT_FAILED = "enrollment_failed"
    SYNC_CERTIFICATE = "sync_certificate"
    SYNC_REVOKED = "sync_revoked"
    SYNC_OFFICE_MISMATCH = "sync_office_mismatch"
    SYNC_CLOCK_SKEW = "sync_clock_skew"
    SYNC_REJECTED = "sync_rejected"
    SYNC_ADDRESS_INSECURE = "sync_address_insecure"
    SERIALS_EXHAUSTED = "serials_exhausted"
    # security and personal data
    DB_WRONG_KEY = "db_wrong_key"
    DB_NOT_THIS_COUNTER = "db_not_this_counter"
    DB_MISSING = "db_missing"
    KEY_FILE_UNSAFE = "key_file_unsafe"
    PERMISSION_DENIED = "permission_denied"
    ATTACHMENT_BAD_NAME = "attachment_bad_name"
    ATTACHMENT_TAMPERED = "attachment_tampered"
    AUDIT_TAMPERED = "audit_tampered"
    TEXT_TOO_LONG = "text_too_long"
    TEXT_INVALID = "text_invalid"
    EXPORT_FAILED = "export_failed"

    TRUST_FILE_INVALID = "trust_file_invalid"
    MASTER_LIST_SIGNATURE_INVALID = "master_list_signature_invalid"
    # face match
    FACE_MODEL_MISSING = "face_model_missing"
    FACE_IMAGE_INVALID = "face_image_invalid"
    CAMERA_MISSING = "camera_missing"
    CAMERA_BUSY = "camera_busy"
    CAMERA_DENIED = "camera_denied"
    FACE_CONSENT_MISSING = "face_consent_missing"
    FACE_OVERRIDE_REASON = "face_override_reason"


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    text: str
    action: str  # what the officer should do next


_M = Message
MESSAGES: dict[ErrorKind, Message] = {
    ErrorKind.SETTINGS_CORRUPT: _M(
        QT_TRANSLATE_NOOP("errors", "Tệp cài đặt bị hỏng"),
        QT_TRANSLATE_NOOP("errors", "Không đọc được tệp cài đặt. Tệp cũ đã được cất sang một bên."),
        QT_TRANSLATE_NOOP(
            "errors", "Phần mềm dùng cài đặt mặc định; hãy kiểm tra lại trong Cài đặt."
        ),
    ),
    ErrorKind.SETTINGS_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Cài đặt không hợp lệ"),
        QT_TRANSLATE_NOOP("errors", "Một số giá trị cài đặt không hợp lệ."),
        QT_TRANSLATE_NOOP("errors", "Sửa các ô được đánh dấu rồi lưu lại."),
    ),
    ErrorKind.DB_NEWER: _M(
        QT_TRANSLATE_NOOP("errors", "Cơ sở dữ liệu của phiên bản mới hơn"),
        QT_TRANSLATE_NOOP(
            "errors", "Cơ sở dữ liệu được tạo bởi phiên bản MotCua mới hơn phiên bản này."
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Hãy cài phiên bản MotCua mới nhất. Dữ liệu không bị thay đổi."
        ),
    ),
    ErrorKind.DB_CORRUPT: _M(
        QT_TRANSLATE_NOOP("errors", "Cơ sở dữ liệu bị hỏng"),
        QT_TRANSLATE_NOOP("errors", "Không đọc được cơ sở dữ liệu cục bộ."),
        QT_TRANSLATE_NOOP("errors", "Liên hệ bộ phận hỗ trợ kỹ thuật; đừng xoá thư mục dữ liệu."),
    ),
    ErrorKind.DB_LOCKED: _M(
        QT_TRANSLATE_NOOP("errors", "Cơ sở dữ liệu đang bận"),
        QT_TRANSLATE_NOOP("errors", "Một chương trình khác đang giữ cơ sở dữ liệu."),
        QT_TRANSLATE_NOOP("errors", "Đợi vài giây rồi thử lại."),
    ),
    ErrorKind.DB_DISK_FULL: _M(
        QT_TRANSLATE_NOOP("errors", "Ổ đĩa đầy"),
        QT_TRANSLATE_NOOP("errors", "Không còn chỗ trống để lưu dữ liệu."),
        QT_TRANSLATE_NOOP(
            "errors", "Giải phóng dung lượng ổ đĩa rồi thử lại. Dữ liệu đang nhập vẫn được giữ."
        ),
    ),
    ErrorKind.DB_READONLY: _M(
        QT_TRANSLATE_NOOP("errors", "Không ghi được dữ liệu"),
        QT_TRANSLATE_NOOP("errors", "Thư mục dữ liệu chỉ cho phép đọc."),
        QT_TRANSLATE_NOOP("errors", "Kiểm tra quyền ghi của thư mục dữ liệu."),
    ),
    ErrorKind.ALREADY_RUNNING: _M(
        QT_TRANSLATE_NOOP("errors", "MotCua đang chạy"),
        QT_TRANSLATE_NOOP("errors", "Một cửa sổ MotCua khác đang dùng cùng thư mục dữ liệu."),
        QT_TRANSLATE_NOOP("errors", "Dùng cửa sổ đang mở."),
    ),
    ErrorKind.KEYRING_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Không có kho khoá bảo mật"),
        QT_TRANSLATE_NOOP("errors", "Hệ điều hành không cung cấp kho khoá (keyring)."),
        QT_TRANSLATE_NOOP("errors", "Xem mục «Kho khoá» trong hướng dẫn cài đặt."),
    ),
    ErrorKind.LOGIN_FAILED: _M(
        QT_TRANSLATE_NOOP("errors", "Đăng nhập không thành công"),
        QT_TRANSLATE_NOOP("errors", "Tên đăng nhập hoặc mật khẩu không đúng."),
        QT_TRANSLATE_NOOP("errors", "Nhập lại; kiểm tra phím Caps Lock và bộ gõ tiếng Việt."),
    ),
    ErrorKind.ACCOUNT_LOCKED: _M(
        QT_TRANSLATE_NOOP("errors", "Tài khoản tạm khoá"),
        QT_TRANSLATE_NOOP("errors", "Đăng nhập sai quá 5 lần nên tài khoản bị khoá 15 phút."),
        QT_TRANSLATE_NOOP("errors", "Đợi hết thời gian khoá hoặc nhờ quản trị viên mở khoá."),
    ),
    ErrorKind.PASSWORD_TOO_WEAK: _M(
        QT_TRANSLATE_NOOP("errors", "Mật khẩu quá ngắn"),
        QT_TRANSLATE_NOOP("errors", "Mật khẩu phải có ít nhất 8 ký tự."),
        QT_TRANSLATE_NOOP("errors", "Chọn mật khẩu dài hơn."),
    ),
    ErrorKind.PCSC_NOT_RUNNING: _M(
        QT_TRANSLATE_NOOP("errors", "Dịch vụ thẻ thông minh không chạy"),
        QT_TRANSLATE_NOOP("errors", "Không kết nối được dịch vụ đọc thẻ thông minh (PC/SC)."),
        QT_TRANSLATE_NOOP(
            "errors", "Khởi động lại dịch vụ Smart Card (Windows) hoặc pcscd (Linux)."
        ),
    ),
    ErrorKind.NO_READER: _M(
        QT_TRANSLATE_NOOP("errors", "Không có đầu đọc thẻ"),
        QT_TRANSLATE_NOOP("errors", "Không tìm thấy đầu đọc thẻ nào."),
        QT_TRANSLATE_NOOP("errors", "Cắm đầu đọc thẻ vào cổng USB rồi thử lại."),
    ),
    ErrorKind.NO_CARD: _M(
        QT_TRANSLATE_NOOP("errors", "Chưa có thẻ"),
        QT_TRANSLATE_NOOP("errors", "Không có thẻ trên đầu đọc."),
        QT_TRANSLATE_NOOP("errors", "Đặt thẻ căn cước lên đầu đọc và giữ yên."),
    ),
    ErrorKind.CARD_REMOVED: _M(
        QT_TRANSLATE_NOOP("errors", "Thẻ bị nhấc ra khi đang đọc"),
        QT_TRANSLATE_NOOP(
            "errors", "Thẻ bị nhấc ra trước khi đọc xong; chưa có dữ liệu nào được dùng."
        ),
        QT_TRANSLATE_NOOP("errors", "Đặt lại thẻ lên đầu đọc, giữ yên đến khi đọc xong."),
    ),
    ErrorKind.ACCESS_DENIED: _M(
        QT_TRANSLATE_NOOP("errors", "Thẻ từ chối truy cập"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Khoá truy cập không khớp với thẻ (số định danh, ngày sinh hoặc ngày hết hạn sai).",
        ),
        QT_TRANSLATE_NOOP("errors", "Hỏi lại công dân và nhập lại thông tin trên thẻ."),
    ),
    ErrorKind.UNSUPPORTED_CARD: _M(
        QT_TRANSLATE_NOOP("errors", "Thẻ không được hỗ trợ"),
        QT_TRANSLATE_NOOP("errors", "Đây không phải thẻ căn cước gắn chip hay hộ chiếu điện tử."),
        QT_TRANSLATE_NOOP("errors", "Dùng quét mã QR hoặc nhập tay."),
    ),
    ErrorKind.UNREADABLE_DATA: _M(
        QT_TRANSLATE_NOOP("errors", "Không đọc được dữ liệu"),
        QT_TRANSLATE_NOOP("errors", "Dữ liệu trên thẻ không đúng định dạng."),
        QT_TRANSLATE_NOOP("errors", "Thử đọc lại; nếu vẫn lỗi, dùng quét mã QR hoặc nhập tay."),
    ),
    ErrorKind.CARD_NOT_GENUINE: _M(
        QT_TRANSLATE_NOOP("errors", "CẢNH BÁO: thẻ không xác thực được"),
        QT_TRANSLATE_NOOP("errors", "Kiểm tra tính xác thực của thẻ không đạt."),
        QT_TRANSLATE_NOOP("errors", "Không tiếp nhận bằng thẻ này; báo lãnh đạo bộ phận."),
    ),
    ErrorKind.CARD_EXPIRED: _M(
        QT_TRANSLATE_NOOP("errors", "Thẻ đã hết hạn"),
        QT_TRANSLATE_NOOP("errors", "Thẻ căn cước đã quá ngày hết hạn."),
        QT_TRANSLATE_NOOP("errors", "Có thể tiếp tục nếu ghi rõ lý do; nhắc công dân đi đổi thẻ."),
    ),
    ErrorKind.QR_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Mã QR không hợp lệ"),
        QT_TRANSLATE_NOOP("errors", "Nội dung quét được không phải mã QR của thẻ căn cước."),
        QT_TRANSLATE_NOOP("errors", "Quét lại mặt có mã QR của thẻ căn cước."),
    ),
    ErrorKind.QR_MANGLED: _M(
        QT_TRANSLATE_NOOP("errors", "Máy quét gửi sai dấu tiếng Việt"),
        QT_TRANSLATE_NOOP("errors", "Chữ tiếng Việt từ máy quét bị bộ gõ (Unikey/Telex) làm sai."),
        QT_TRANSLATE_NOOP("errors", "Tắt bộ gõ tiếng Việt (chuyển sang chế độ E) rồi quét lại."),
    ),
    ErrorKind.ID_NUMBER_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Số định danh không hợp lệ"),
        QT_TRANSLATE_NOOP("errors", "Số định danh cá nhân không đúng quy tắc."),
        QT_TRANSLATE_NOOP("errors", "Kiểm tra lại 12 chữ số trên thẻ."),
    ),
    ErrorKind.CATALOG_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Danh mục thủ tục không hợp lệ"),
        QT_TRANSLATE_NOOP("errors", "Tệp danh mục thủ tục có lỗi; danh mục cũ vẫn được dùng."),
        QT_TRANSLATE_NOOP("errors", "Sửa tệp theo vị trí lỗi được báo rồi nạp lại."),
    ),
    ErrorKind.CALENDAR_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Lịch ngày nghỉ không hợp lệ"),
        QT_TRANSLATE_NOOP("errors", "Tệp lịch ngày nghỉ có lỗi; lịch cũ vẫn được dùng."),
        QT_TRANSLATE_NOOP("errors", "Sửa tệp theo vị trí lỗi được báo rồi nạp lại."),
    ),
    ErrorKind.DOCUMENTS_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Hồ sơ chưa đủ giấy tờ"),
        QT_TRANSLATE_NOOP("errors", "Còn thiếu giấy tờ bắt buộc nên chưa lập giấy tiếp nhận."),
        QT_TRANSLATE_NOOP(
            "errors", "In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) cho công dân."
        ),
    ),
    ErrorKind.DELIVERY_ADDRESS_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Thiếu địa chỉ nhận kết quả"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Công dân chọn nhận kết quả qua bưu chính nhưng chưa có địa chỉ; hồ sơ chưa được lưu.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Nhập địa chỉ nhận kết quả, hoặc chọn nhận kết quả điện tử hay tại quầy."
        ),
    ),
    ErrorKind.ATTACHMENT_TOO_LARGE: _M(
        QT_TRANSLATE_NOOP("errors", "Tệp quá lớn"),
        QT_TRANSLATE_NOOP("errors", "Tệp đính kèm vượt quá dung lượng cho phép."),
        QT_TRANSLATE_NOOP("errors", "Quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp."),
    ),
    ErrorKind.ATTACHMENT_BAD_TYPE: _M(
        QT_TRANSLATE_NOOP("errors", "Loại tệp không được nhận"),
        QT_TRANSLATE_NOOP("errors", "Chỉ nhận ảnh (JPEG, PNG, TIFF) và PDF."),
        QT_TRANSLATE_NOOP("errors", "Chọn tệp đúng loại."),
    ),
    ErrorKind.ATTACHMENT_CORRUPT: _M(
        QT_TRANSLATE_NOOP("errors", "Tệp bị hỏng"),
        QT_TRANSLATE_NOOP("errors", "Không mở được tệp đính kèm; không có gì được lưu."),
        QT_TRANSLATE_NOOP("errors", "Quét lại giấy tờ."),
    ),
    ErrorKind.INVALID_TRANSITION: _M(
        QT_TRANSLATE_NOOP("errors", "Không thể chuyển trạng thái"),
        QT_TRANSLATE_NOOP("errors", "Hồ sơ đang ở trạng thái không cho phép thao tác này."),
        QT_TRANSLATE_NOOP("errors", "Xem lịch sử hồ sơ để biết trạng thái hiện tại."),
    ),
    ErrorKind.NO_PRINTER: _M(
        QT_TRANSLATE_NOOP("errors", "Không có máy in"),
        QT_TRANSLATE_NOOP("errors", "Không tìm thấy máy in nào."),
        QT_TRANSLATE_NOOP(
            "errors", "Cài máy in hoặc chọn máy in khác trong Cài đặt; có thể lưu PDF."
        ),
    ),
    ErrorKind.PRINT_FAILED: _M(
        QT_TRANSLATE_NOOP("errors", "In không thành công"),
        QT_TRANSLATE_NOOP("errors", "Máy in báo lỗi khi in."),
        QT_TRANSLATE_NOOP("errors", "Kiểm tra giấy và máy in rồi in lại từ danh sách hồ sơ."),
    ),
    ErrorKind.SERVER_UNREACHABLE: _M(
        QT_TRANSLATE_NOOP("errors", "Không kết nối được máy chủ"),
        QT_TRANSLATE_NOOP("errors", "Không kết nối được hệ thống trung tâm."),
        QT_TRANSLATE_NOOP("errors", "Vẫn làm việc bình thường; dữ liệu sẽ tự đồng bộ khi có mạng."),
    ),
    ErrorKind.SYNC_NOT_ENROLLED: _M(
        QT_TRANSLATE_NOOP("errors", "Quầy chưa được đăng ký với hệ thống trung tâm"),
        QT_TRANSLATE_NOOP("errors", "Máy này chưa có thông tin xác thực để đồng bộ."),
        QT_TRANSLATE_NOOP(
            "errors", "Xin mã đăng ký một lần từ quản trị viên rồi đăng ký trong Cài đặt."
        ),
    ),
    ErrorKind.ENROLLMENT_FAILED: _M(
        QT_TRANSLATE_NOOP("errors", "Đăng ký quầy không thành công"),
        QT_TRANSLATE_NOOP("errors", "Mã đăng ký sai, đã dùng hoặc đã hết hạn."),
        QT_TRANSLATE_NOOP("errors", "Xin quản trị viên cấp mã đăng ký mới rồi nhập lại."),
    ),
    ErrorKind.SYNC_CERTIFICATE: _M(
        QT_TRANSLATE_NOOP("errors", "Chứng chỉ máy chủ không đúng"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Chứng chỉ bảo mật của máy chủ không khớp với chứng chỉ đã cấu hình; "
            "chưa có dữ liệu nào được gửi.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Báo ngay bộ phận kỹ thuật; không đổi cấu hình nếu chưa được hướng dẫn."
        ),
    ),
    ErrorKind.SYNC_REVOKED: _M(
        QT_TRANSLATE_NOOP("errors", "Quầy đã bị thu hồi quyền đồng bộ"),
        QT_TRANSLATE_NOOP("errors", "Hệ thống trung tâm từ chối thông tin xác thực của máy này."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Liên hệ quản trị viên để đăng ký lại; hồ sơ đã nhập vẫn được giữ trên máy.",
        ),
    ),
    ErrorKind.SYNC_OFFICE_MISMATCH: _M(
        QT_TRANSLATE_NOOP("errors", "Sai đơn vị"),
        QT_TRANSLATE_NOOP("errors", "Mã đơn vị trong Cài đặt khác với đơn vị quầy này đã đăng ký."),
        QT_TRANSLATE_NOOP("errors", "Kiểm tra mã đơn vị trong Cài đặt hoặc đăng ký lại quầy."),
    ),
    ErrorKind.SYNC_CLOCK_SKEW: _M(
        QT_TRANSLATE_NOOP("errors", "Đồng hồ máy bị lệch"),
        QT_TRANSLATE_NOOP(
            "errors", "Giờ của máy tính lệch nhiều so với giờ của hệ thống trung tâm."
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Chỉnh lại ngày giờ của máy tính; giờ tiếp nhận hồ sơ phụ thuộc vào nó."
        ),
    ),
    ErrorKind.SERIALS_EXHAUSTED: _M(
        QT_TRANSLATE_NOOP("errors", "Hết số thứ tự hồ sơ dự phòng trong ngày"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Quầy đã dùng hết số thứ tự dự phòng khi không kết nối được hệ thống trung tâm; "
            "hồ sơ chưa được lưu, thông tin đã nhập vẫn còn trên màn hình.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Kết nối mạng rồi bấm Đồng bộ để nhận thêm số thứ tự, sau đó lưu lại."
        ),
    ),
    ErrorKind.SYNC_REJECTED: _M(
        QT_TRANSLATE_NOOP("errors", "Hệ thống trung tâm từ chối dữ liệu"),
        QT_TRANSLATE_NOOP(
            "errors", "Một số hồ sơ không được nhận; các hồ sơ khác vẫn được đồng bộ."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Xem danh sách dữ liệu bị từ chối và lý do (bấm vào trạng thái đồng bộ hoặc "
            "Ctrl+F9): lấy bản của trung tâm, ghi lại thay đổi của mình hoặc bỏ thay đổi.",
        ),
    ),
    ErrorKind.SYNC_ADDRESS_INSECURE: _M(
        QT_TRANSLATE_NOOP("errors", "Địa chỉ máy chủ trung tâm không an toàn"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Đồng bộ chỉ dùng địa chỉ https kèm dấu vân tay chứng chỉ đã ghi khi đăng ký "
            "quầy; địa chỉ này thiếu một trong hai. Chưa có dữ liệu nào được gửi.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Nhờ quản trị viên đăng ký lại quầy với địa chỉ https và dấu vân tay SHA-256 "
            "của chứng chỉ máy chủ.",
        ),
    ),
    ErrorKind.DB_WRONG_KEY: _M(
        QT_TRANSLATE_NOOP("errors", "Không mở được cơ sở dữ liệu đã mã hoá"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Khoá mã hoá trên máy này không mở được cơ sở dữ liệu (tệp được chép từ máy "
            "khác, khoá bị mất hoặc tệp bị hỏng). Tệp dữ liệu không bị thay đổi.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Liên hệ bộ phận hỗ trợ kỹ thuật; đừng xoá hay ghi đè thư mục dữ liệu."
        ),
    ),
    ErrorKind.DB_NOT_THIS_COUNTER: _M(
        QT_TRANSLATE_NOOP("errors", "Tệp dữ liệu không phải của quầy này"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Tệp cơ sở dữ liệu trong thư mục dữ liệu không phải tệp mà quầy này đã tạo "
            "(tệp không mã hoá, tệp của máy khác hoặc đã bị thay thế). Phần mềm không mở "
            "tệp đó và không thay đổi gì.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Không dùng máy này và báo quản trị viên: khôi phục tệp đúng từ thư mục "
            "backups/ cạnh dữ liệu, hoặc chạy «motcua security reset-store» "
            "(xem docs/security.md).",
        ),
    ),
    ErrorKind.DB_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Mất cơ sở dữ liệu của quầy"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Máy này đã có cơ sở dữ liệu của quầy nhưng tệp không còn trong thư mục dữ "
            "liệu. Phần mềm không tạo dữ liệu mới thay thế.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Báo quản trị viên: đặt lại tệp từ bản sao lưu (thư mục backups/ cạnh dữ "
            "liệu), hoặc chạy «motcua security reset-store» rồi đăng ký lại quầy "
            "(xem docs/security.md).",
        ),
    ),
    ErrorKind.KEY_FILE_UNSAFE: _M(
        QT_TRANSLATE_NOOP("errors", "Tệp khoá không an toàn"),
        QT_TRANSLATE_NOOP(
            "errors", "Tệp khoá mã hoá dữ liệu có thể bị người dùng khác trên máy đọc được."
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Chỉ để tài khoản chạy MotCua được đọc tệp khoá (quyền 0600) rồi mở lại."
        ),
    ),
    ErrorKind.PERMISSION_DENIED: _M(
        QT_TRANSLATE_NOOP("errors", "Không có quyền"),
        QT_TRANSLATE_NOOP("errors", "Tài khoản của bạn không được phép thực hiện thao tác này."),
        QT_TRANSLATE_NOOP("errors", "Nhờ lãnh đạo bộ phận hoặc quản trị viên thực hiện."),
    ),
    ErrorKind.ATTACHMENT_BAD_NAME: _M(
        QT_TRANSLATE_NOOP("errors", "Tên tệp không hợp lệ"),
        QT_TRANSLATE_NOOP(
            "errors", "Tên tệp chứa đường dẫn hoặc ký tự không được phép; tệp không được nhận."
        ),
        QT_TRANSLATE_NOOP("errors", "Đổi tên tệp (chỉ chữ, số, dấu gạch) rồi chọn lại."),
    ),
    ErrorKind.ATTACHMENT_TAMPERED: _M(
        QT_TRANSLATE_NOOP("errors", "Tệp đính kèm bị thay đổi"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Tệp đính kèm đã bị sửa, bị hỏng hoặc được mã hoá bằng khoá khác nên không mở được.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Báo bộ phận kỹ thuật; lấy lại bản quét từ hệ thống trung tâm hoặc quét lại."
        ),
    ),
    ErrorKind.AUDIT_TAMPERED: _M(
        QT_TRANSLATE_NOOP("errors", "Nhật ký truy cập bị can thiệp"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Nhật ký truy cập dữ liệu cá nhân có bản ghi bị sửa, bị xoá hoặc bị đảo thứ tự.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Không sửa gì thêm trên máy; báo ngay lãnh đạo và bộ phận an toàn thông tin.",
        ),
    ),
    ErrorKind.TEXT_TOO_LONG: _M(
        QT_TRANSLATE_NOOP("errors", "Nội dung quá dài"),
        QT_TRANSLATE_NOOP("errors", "Một ô nhập vượt quá số ký tự cho phép; chưa có gì được lưu."),
        QT_TRANSLATE_NOOP("errors", "Rút gọn nội dung ô được báo rồi lưu lại."),
    ),
    ErrorKind.TEXT_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Nội dung có ký tự không được phép"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Một ô nhập chứa ký tự hỏng hoặc ký tự rỗng không lưu được; chưa có gì được lưu.",
        ),
        QT_TRANSLATE_NOOP("errors", "Gõ lại nội dung ô được báo thay vì dán từ nguồn khác."),
    ),
    ErrorKind.EXPORT_FAILED: _M(
        QT_TRANSLATE_NOOP("errors", "Không lưu được tệp xuất"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Không ghi được tệp vào thư mục đã chọn (ổ đĩa đầy, chỉ đọc hoặc đã bị rút ra).",
        ),
        QT_TRANSLATE_NOOP("errors", "Chọn thư mục khác hoặc kiểm tra ổ đĩa rồi xuất lại."),
    ),
    ErrorKind.TRUST_FILE_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Không phải chứng thư CSCA"),
        QT_TRANSLATE_NOOP(
            "errors", "Tệp đã chọn không phải chứng thư CSCA (DER/PEM) hay danh sách ICAO."
        ),
        QT_TRANSLATE_NOOP("errors", "Chọn đúng tệp do cơ quan cấp thẻ cung cấp."),
    ),
    ErrorKind.MASTER_LIST_SIGNATURE_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Danh sách CSCA không được ký hợp lệ"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Chữ ký của danh sách ICAO không đúng hoặc người ký không thuộc danh sách: "
            "tệp có thể đã bị sửa. Chưa thêm chứng thư nào.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Tải lại danh sách từ nguồn chính thức của cơ quan cấp rồi nhập lại."
        ),
    ),
    ErrorKind.FACE_MODEL_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Chưa cài chức năng đối chiếu khuôn mặt"),
        QT_TRANSLATE_NOOP(
            "errors",
            "Máy này chưa có mô hình nhận dạng khuôn mặt; hồ sơ vẫn tiếp nhận bình thường.",
        ),
        QT_TRANSLATE_NOOP("errors", "Nhờ quản trị viên cài gói bổ sung motcua[face]."),
    ),
    ErrorKind.FACE_IMAGE_INVALID: _M(
        QT_TRANSLATE_NOOP("errors", "Không đọc được ảnh khuôn mặt"),
        QT_TRANSLATE_NOOP("errors", "Tệp ảnh không phải JPEG, JPEG 2000 hay PNG hợp lệ."),
        QT_TRANSLATE_NOOP("errors", "Chọn tệp ảnh khác."),
    ),
    ErrorKind.CAMERA_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Không có máy ảnh"),
        QT_TRANSLATE_NOOP(
            "errors", "Máy tính này không có máy ảnh dùng được; bỏ qua bước đối chiếu khuôn mặt."
        ),
        QT_TRANSLATE_NOOP(
            "errors", "Tiếp tục tiếp nhận hồ sơ. Cắm máy ảnh rồi bấm F6 nếu cần đối chiếu."
        ),
    ),
    ErrorKind.CAMERA_BUSY: _M(
        QT_TRANSLATE_NOOP("errors", "Máy ảnh đang bận"),
        QT_TRANSLATE_NOOP(
            "errors", "Máy ảnh đang được một chương trình khác sử dụng, hoặc không mở được."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Đóng chương trình kia (họp trực tuyến…), kiểm tra dây cắm máy ảnh rồi bấm F6; "
            "hồ sơ vẫn tiếp nhận được.",
        ),
    ),
    ErrorKind.CAMERA_DENIED: _M(
        QT_TRANSLATE_NOOP("errors", "Không được phép dùng máy ảnh"),
        QT_TRANSLATE_NOOP("errors", "Hệ điều hành đã chặn quyền dùng máy ảnh của MotCua."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Nhờ quản trị viên cho phép MotCua dùng máy ảnh; hồ sơ vẫn tiếp nhận bình thường.",
        ),
    ),
    ErrorKind.FACE_CONSENT_MISSING: _M(
        QT_TRANSLATE_NOOP("errors", "Chưa có sự đồng ý của người dân"),
        QT_TRANSLATE_NOOP(
            "errors", "Đối chiếu khuôn mặt là xử lý dữ liệu sinh trắc, cần người dân đồng ý."
        ),
        QT_TRANSLATE_NOOP("errors", "Hỏi người dân; nếu đồng ý, đánh dấu ô xác nhận rồi chụp lại."),
    ),
    ErrorKind.FACE_OVERRIDE_REASON: _M(
        QT_TRANSLATE_NOOP("errors", "Thiếu lý do xác nhận thay"),
        QT_TRANSLATE_NOOP("errors", "Xác nhận thay kết quả đối chiếu cần ghi lý do."),
        QT_TRANSLATE_NOOP("errors", "Nhập lý do (ít nhất 10 ký tự) rồi xác nhận lại."),
    ),
}


class UserError(Exception):
    """An expected failure with a message for the officer. ``detail`` is technical
    context (file and line, status word) and never holds personal data."""

    def __init__(self, kind: ErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail


def describe(error: UserError) -> Message:
    """The translated message for an error (Vietnamese unless a translator is loaded)."""
    base = MESSAGES[error.kind]

    def tr(text: str) -> str:
        return _translate("errors", text)

    return Message(tr(base.title), tr(base.text), tr(base.action))
