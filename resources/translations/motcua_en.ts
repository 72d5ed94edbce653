<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="109"/>
        <source>4. Bản số hóa</source>
        <translation>4. Scans</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="118"/>
        <source>Thêm bản quét… (Ctrl+O)</source>
        <translation>Add scans… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="120"/>
        <source>Bỏ bản quét (Delete)</source>
        <translation>Remove scan (Delete)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="129"/>
        <source>Giấy tờ đã số hóa trước đây — đánh dấu để dùng lại:</source>
        <translation>Documents scanned before — tick to reuse:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="144"/>
        <source>Bản quét mới:</source>
        <translation>New scans:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/intake/attachments_panel.py" line="219"/>
        <location filename="../../app/ui/intake/attachments_panel.py" line="281"/>
        <source>%n trang</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="245"/>
        <source>Chọn bản quét</source>
        <translation>Choose scans</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/attachments_panel.py" line="247"/>
        <source>Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Mọi tệp (*)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</translation>
    </message>
</context>
<context>
    <name>CanDialog</name>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="80"/>
        <source>Mở khoá chip</source>
        <translation>Unlock chip</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="85"/>
        <source>SỐ HỘ CHIẾU,YYMMDD sinh,YYMMDD hết hạn — hoặc cả dòng MRZ</source>
        <translation>PASSPORT NO.,YYMMDD birth,YYMMDD expiry — or the whole MRZ line</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="88"/>
        <source>Thẻ căn cước — 6 số &amp;cuối số định danh (CAN):</source>
        <translation>ID card — &amp;last 6 digits of the personal ID number (CAN):</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="89"/>
        <source>&amp;Hộ chiếu — dữ liệu MRZ:</source>
        <translation>&amp;Passport — MRZ data:</translation>
    </message>
    <message>
        <source>6 số &amp;cuối của số định danh (CAN):</source>
        <translation type="vanished">&amp;Last 6 digits of the personal ID number (CAN):</translation>
    </message>
</context>
<context>
    <name>CardWatcher</name>
    <message>
        <location filename="../../app/ui/card_watch.py" line="70"/>
        <source>Đầu đọc: dịch vụ thẻ không chạy</source>
        <translation>Reader: card service not running</translation>
    </message>
    <message>
        <location filename="../../app/ui/card_watch.py" line="73"/>
        <source>Đầu đọc: chưa cắm đầu đọc</source>
        <translation>Reader: no reader plugged in</translation>
    </message>
    <message>
        <location filename="../../app/ui/card_watch.py" line="76"/>
        <source>Đầu đọc: có thẻ ({0})</source>
        <translation>Reader: card present ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/card_watch.py" line="77"/>
        <source>Đầu đọc: sẵn sàng ({0})</source>
        <translation>Reader: ready ({0})</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../app/ui/events/page.py" line="50"/>
        <source>Ghi nhận liên hệ với gia đình</source>
        <translation>Record a contact with the family</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="62"/>
        <source>&amp;Cách liên hệ:</source>
        <translation>&amp;Channel:</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="63"/>
        <source>&amp;Kết quả:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="64"/>
        <source>&amp;Ghi chú:</source>
        <translation>&amp;Note:</translation>
    </message>
</context>
<context>
    <name>CounterSession</name>
    <message>
        <location filename="../../app/ui/session.py" line="30"/>
        <source>cán bộ tiếp nhận</source>
        <translation>intake officer</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="31"/>
        <source>lãnh đạo bộ phận</source>
        <translation>desk supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="32"/>
        <source>quản trị</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="88"/>
        <location filename="../../app/ui/startup.py" line="49"/>
        <source>Chế độ trình diễn — đăng nhập: {0} / mật khẩu: {1}</source>
        <translation>Demo mode — user name: {0} / password: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="44"/>
        <source>Sự kiện</source>
        <translation>Life events</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="49"/>
        <source>Chỉ tiêu Đề án 06</source>
        <translation>Project 06 indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="167"/>
        <source>Đồng bộ: không khởi động được</source>
        <translation>Sync: could not start</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="256"/>
        <source>Chẩn đoán hệ thống</source>
        <translation>System diagnostics</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="259"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="23"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="26"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="30"/>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="34"/>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Báo cáo chưa có trong phiên bản này.</source>
        <translation type="vanished">Reports are not available in this version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/session_pages.py" line="38"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="15"/>
        <source>Lỗi phần mềm</source>
        <translation>Software error</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="18"/>
        <source>MotCua gặp lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.
Báo cáo lỗi (không chứa dữ liệu cá nhân) đã được ghi vào:
{path}

Hãy gửi tệp này cho bộ phận hỗ trợ kỹ thuật.</source>
        <translation>MotCua hit an unexpected error. Data already saved is not affected.
An error report (with no personal data) was written to:
{path}

Please send this file to technical support.</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_dialog.py" line="28"/>
        <source>Mở thư mục báo cáo</source>
        <translation>Open report folder</translation>
    </message>
</context>
<context>
    <name>DossierDetailDialog</name>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="126"/>
        <source>Chi tiết hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="140"/>
        <source>Tên giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="141"/>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="142"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="143"/>
        <source>Bản sao</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="144"/>
        <source>Đã nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="159"/>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="160"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="161"/>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="162"/>
        <source>Sang</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="163"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="175"/>
        <source>Giấ&amp;y tờ</source>
        <translation>Docu&amp;ments</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="176"/>
        <source>Bản &amp;số hóa</source>
        <translation>S&amp;cans</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="177"/>
        <source>&amp;Lịch sử</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="180"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="236"/>
        <source>Mã tra cứu:</source>
        <translation>Lookup code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="238"/>
        <source>Số hồ sơ BHXH:</source>
        <translation>BHXH dossier number:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="239"/>
        <source>(chưa có — hệ thống trung tâm cấp khi đồng bộ)</source>
        <translation>(none yet — the central system assigns it on sync)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="241"/>
        <source>Công dân:</source>
        <translation>Citizen:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="242"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="243"/>
        <source>Nộp lúc:</source>
        <translation>Submitted at:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="244"/>
        <source>Nhận đủ hồ sơ lúc:</source>
        <translation>Complete dossier received at:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="244"/>
        <source>(chưa đủ)</source>
        <translation>(incomplete)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="245"/>
        <source>Hẹn trả kết quả:</source>
        <translation>Results due:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="245"/>
        <source>(tạm dừng, chờ bổ sung)</source>
        <translation>(paused, awaiting additions)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="246"/>
        <source>Điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="249"/>
        <source>Đã trả lúc:</source>
        <translation>Returned at:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="252"/>
        <source>Dữ liệu khi tiếp nhận ({0}):</source>
        <translation>Data at intake ({0}):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="267"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="267"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="275"/>
        <source>Chưa</source>
        <translation>Not yet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="288"/>
        <source>%n trang</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="293"/>
        <source>Chưa có bản số hóa.</source>
        <translation>No scans yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="325"/>
        <source>&amp;Xuất dữ liệu của công dân…</source>
        <translation>E&amp;xport the citizen&apos;s data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="328"/>
        <source>Quyền của chủ thể dữ liệu: mọi dữ liệu về công dân này (PDF và JSON).</source>
        <translation>Data subject&apos;s right of access: everything held about this citizen (PDF and JSON).</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="333"/>
        <source>&amp;In lại giấy tiếp nhận</source>
        <translation>&amp;Reprint the receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="335"/>
        <source>Sau ngày in lần đầu, chỉ lãnh đạo bộ phận được in lại.</source>
        <translation>After the day of the first print, only the head of the unit may reprint.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="366"/>
        <source>Lưu dữ liệu công dân vào</source>
        <translation>Save the citizen&apos;s data to</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="403"/>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/detail_dialog.py" line="403"/>
        <source>Họ tên người nhận kết quả:</source>
        <translation>Full name of the person collecting the results:</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="66"/>
        <source>Mã hồ sơ, mã tra cứu, số định danh hoặc họ tên (không cần dấu)</source>
        <translation>Dossier code, lookup code, personal ID number or name (accents optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="69"/>
        <source>&amp;Tìm:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="74"/>
        <source>Tất cả trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="77"/>
        <source>Trạng thá&amp;i:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="82"/>
        <source>Tất cả thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="85"/>
        <source>Thủ tụ&amp;c:</source>
        <translation>&amp;Procedure:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="90"/>
        <source>Từ &amp;ngày</source>
        <translation>Fro&amp;m</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="92"/>
        <source>Đế&amp;n ngày</source>
        <translation>T&amp;o</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_page.py" line="189"/>
        <source>%1%2 hồ sơ</source>
        <translation>%1%2 dossiers</translation>
    </message>
</context>
<context>
    <name>EventFieldsPanel</name>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="57"/>
        <source>Thông tin từ giấy chứng sinh — kiểm tra với giấy tờ gia đình mang đến</source>
        <translation>From the birth certificate — check against the papers the family brought</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="59"/>
        <source>Thông tin từ giấy báo tử — kiểm tra với giấy tờ gia đình mang đến</source>
        <translation>From the death notice — check against the papers the family brought</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../app/ui/events/page.py" line="91"/>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Sự kiện hộ tịch chờ gia đình&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;Life events waiting for the family&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="94"/>
        <source>Giấy chứng sinh, giấy báo tử từ cơ sở y tế, đã đối chiếu CSDL dân cư. Khi người thân đến quầy, màn hình tiếp nhận tự mở thủ tục gợi ý.</source>
        <translation>Birth certificates and death notices from health facilities, matched against the population register. When a relative comes to the counter, the intake screen opens the suggested procedure.</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="102"/>
        <source>Sự kiện</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="103"/>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="104"/>
        <source>Người liên quan</source>
        <translation>Concerned</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="105"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="106"/>
        <source>Hạn nộp</source>
        <translation>Filing limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="107"/>
        <source>Liên hệ</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="108"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="119"/>
        <source>Ghi nhận &amp;liên hệ… (Ctrl+G)</source>
        <translation>Record a &amp;contact… (Ctrl+G)</translation>
    </message>
    <message>
        <source>Ghi nhận &amp;liên hệ… (Ctrl+L)</source>
        <translation type="vanished">Record a &amp;contact… (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="122"/>
        <source>Làm &amp;mới (F5)</source>
        <translation>&amp;Reload (F5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="160"/>
        <source>%1 lần · %2</source>
        <translation>%1 time(s) · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="164"/>
        <source>Chưa liên hệ</source>
        <translation>Not contacted yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="193"/>
        <source>%1 sự kiện chờ gia đình, %2 đã quá hạn nộp</source>
        <translation>%1 event(s) waiting for the family, %2 past the filing limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/page.py" line="199"/>
        <source>30 ngày qua: nhận %1 sự kiện, lập %2 hồ sơ từ sự kiện, trung bình %3 ngày từ sự kiện đến hồ sơ</source>
        <translation>Last 30 days: %1 event(s) received, %2 dossier(s) opened from them, %3 day(s) on average from event to dossier</translation>
    </message>
</context>
<context>
    <name>FaceDialog</name>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="124"/>
        <source>Đối chiếu khuôn mặt với ảnh trên chip</source>
        <translation>Face match with the chip portrait</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="142"/>
        <source>(ảnh trên chip)</source>
        <translation>(chip portrait)</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="143"/>
        <source>Đang mở máy ảnh…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="152"/>
        <source>&amp;Người dân đã đồng ý cho đối chiếu khuôn mặt (dữ liệu sinh trắc)</source>
        <translation>&amp;The citizen agreed to the face match (biometric data)</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="157"/>
        <source>Mời người dân nhìn thẳng vào máy ảnh. Khi chụp, mời quay đầu chậm sang trái rồi sang phải.</source>
        <translation>Ask the citizen to look straight at the camera. While capturing, ask them to turn the head slowly left, then right.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="163"/>
        <source>&amp;Chụp và đối chiếu</source>
        <translation>&amp;Capture and compare</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="171"/>
        <source>Lý do xác nhận thay (bắt buộc)</source>
        <translation>Reason for the override (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="172"/>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="175"/>
        <source>&amp;Xác nhận thay: đúng chủ thẻ</source>
        <translation>&amp;Override: this is the card holder</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="186"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="240"/>
        <source>Đang chụp… mời quay đầu chậm sang trái, sang phải.</source>
        <translation>Capturing… ask the citizen to turn the head slowly left and right.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="266"/>
        <source>Đang đối chiếu…</source>
        <translation>Comparing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="311"/>
        <source>KHỚP — điểm {0:.2f} (khớp từ {1:.2f})</source>
        <translation>MATCH — score {0:.2f} (match from {1:.2f})</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="318"/>
        <source>KHÔNG KHỚP — điểm {0:.2f} (khớp từ {1:.2f}). Kiểm tra lại giấy tờ của người dân.</source>
        <translation>NO MATCH — score {0:.2f} (match from {1:.2f}). Check the citizen&apos;s papers again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="326"/>
        <source>Ảnh chưa đạt — nhìn thẳng vào máy ảnh</source>
        <translation>Image not good enough — look straight at the camera</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="333"/>
        <source>Cảnh báo: khuôn mặt không chuyển động khi quay đầu — có thể là ảnh giơ trước máy ảnh. Mời người dân quay đầu rồi chụp lại.</source>
        <translation>Warning: the face did not move when the head turned — it may be a photo held up to the camera. Ask the citizen to turn the head and capture again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="339"/>
        <source>Khuôn mặt có chuyển động khi quay đầu.</source>
        <translation>The face moved when the head turned.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="356"/>
        <source>Đã ghi xác nhận thay: đúng chủ thẻ (lý do đã lưu).</source>
        <translation>Override recorded: this is the card holder (reason saved).</translation>
    </message>
</context>
<context>
    <name>FaceOffer</name>
    <message>
        <location filename="../../app/ui/face/offer.py" line="57"/>
        <source>Đối chiếu khuôn mặt (F6)</source>
        <translation>Face match (F6)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="131"/>
        <source>MotCua — Thiết lập lần đầu</source>
        <translation>MotCua — First-time setup</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="141"/>
        <source>Mã &amp;cơ quan (mã điện tử):</source>
        <translation>Office &amp;code (electronic code):</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="142"/>
        <source>Tên c&amp;ơ quan:</source>
        <translation>Office &amp;name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="143"/>
        <source>Tên đăng nhập &amp;quản trị:</source>
        <translation>&amp;Administrator user name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="144"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="145"/>
        <source>&amp;Mật khẩu (ít nhất 8 ký tự):</source>
        <translation>&amp;Password (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="146"/>
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="152"/>
        <source>Tạo tài khoản</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="157"/>
        <source>Chưa có tài khoản nào. Hãy tạo tài khoản quản trị cho bộ phận.</source>
        <translation>There are no accounts yet. Create the administrator account for this desk.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="170"/>
        <source>Hãy điền đủ các ô.</source>
        <translation>Please fill in every field.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="173"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>IdentityPanel</name>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="103"/>
        <source>1. Công dân</source>
        <translation>1. Citizen</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="119"/>
        <source>Lấy từ thẻ — không sửa tại đây</source>
        <translation>Taken from the card — cannot be edited here</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="144"/>
        <source>Ảnh chân dung</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="148"/>
        <source>Chưa có công dân. Quét mã QR trên thẻ, đặt thẻ lên đầu đọc, hoặc F2 để nhập tay.</source>
        <translation>No citizen yet. Scan the QR code on the card, place the card on the reader, or press F2 to type the details.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="165"/>
        <source>(không có ảnh)</source>
        <translation>(no photo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="167"/>
        <source>Nguồn: chip thẻ căn cước</source>
        <translation>Source: ID card chip</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="168"/>
        <source>Nguồn: chip hộ chiếu</source>
        <translation>Source: passport chip</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="169"/>
        <source>Nguồn: mã QR trên thẻ (chưa đọc chip)</source>
        <translation>Source: QR code on the card (chip not read)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="170"/>
        <source>Nguồn: nhập tay (chưa kiểm tra bằng chip)</source>
        <translation>Source: typed in (not checked against the chip)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="180"/>
        <source>kiểm tra chip không đạt</source>
        <translation>chip check failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="184"/>
        <source>chip có dấu hiệu bị sao chép (clone)</source>
        <translation>the chip shows signs of being cloned</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="185"/>
        <source>⚠ THẺ KHÔNG XÁC THỰC — {0}. Không tiếp nhận bằng thẻ này.</source>
        <translation>⚠ CARD NOT AUTHENTIC — {0}. Do not accept dossiers with this card.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="187"/>
        <source>✔ Thẻ thật: chữ ký số hợp lệ và được CSCA tin cậy xác nhận.</source>
        <translation>✔ Genuine card: valid digital signature, confirmed by a trusted CSCA.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="190"/>
        <source>? Chưa kiểm tra được chữ ký số của thẻ này (loại khóa hoặc thuật toán chưa hỗ trợ) — đối chiếu giấy tờ bằng mắt.</source>
        <translation>? This card&apos;s digital signature cannot be checked (key type or algorithm not supported) — compare the document by eye.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="199"/>
        <source>✔ Chữ ký số hợp lệ — chưa cấu hình chứng thư CSCA để xác nhận nơi cấp.</source>
        <translation>✔ Valid digital signature — no CSCA certificate configured to confirm the issuer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="201"/>
        <source>Chưa kiểm tra tính xác thực: đặt thẻ lên đầu đọc để đọc chip.</source>
        <translation>Authenticity not checked: place the card on the reader to read the chip.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="202"/>
        <source>Chưa kiểm tra tính xác thực.</source>
        <translation>Authenticity not checked.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="35"/>
        <source>dữ liệu {0} trên chip đã bị sửa đổi</source>
        <translation>chip data {0} has been altered</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="30"/>
        <source>thẻ ghi {0} nhưng chip không cho đọc: có thể là thẻ sao chép</source>
        <translation>the card&apos;s signed list names {0} but the chip does not give it: possibly a copied card</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="39"/>
        <source>phần mềm chưa kiểm tra được loại chữ ký số của thẻ này</source>
        <translation>the software cannot check this kind of card signature yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="43"/>
        <source>chữ ký số của dữ liệu không hợp lệ</source>
        <translation>the digital signature of the data is invalid</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="45"/>
        <source>chứng thư ký số của thẻ đã bị thu hồi</source>
        <translation>the card&apos;s signing certificate has been revoked</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="47"/>
        <source>chứng thư ký số của thẻ chưa đến ngày có hiệu lực</source>
        <translation>the card&apos;s signing certificate is not valid yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="51"/>
        <source>chứng thư ký số của thẻ đã hết hạn</source>
        <translation>the card&apos;s signing certificate has expired</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="53"/>
        <source>chứng thư CSCA không được phép ký chứng thư khác</source>
        <translation>the CSCA certificate is not allowed to sign certificates</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="57"/>
        <source>chứng thư ký số của thẻ không dùng để ký dữ liệu</source>
        <translation>the card&apos;s signing certificate is not meant for signing data</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="61"/>
        <source>CSCA đã hết hiệu lực khi cấp chứng thư ký số của thẻ</source>
        <translation>the CSCA was not valid when it issued the card&apos;s signing certificate</translation>
    </message>
    <message>
        <source>dữ liệu không do cơ quan cấp thẻ tin cậy ký</source>
        <translation type="vanished">the data was not signed by a trusted card issuer</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="76"/>
        <source>chưa có chứng thư CSCA để xác nhận cơ quan cấp thẻ</source>
        <translation>no CSCA certificate is configured to confirm the issuing authority</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="80"/>
        <source>chip không có dữ liệu ký số đọc được</source>
        <translation>the chip has no readable signed data</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="82"/>
        <source>chip không có chứng thư ký số</source>
        <translation>the chip has no signing certificate</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation type="vanished">Personal ID number</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation type="vanished">Full name</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation type="vanished">Date of birth</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation type="vanished">Sex</translation>
    </message>
    <message>
        <source>Quốc tịch</source>
        <translation type="vanished">Nationality</translation>
    </message>
    <message>
        <source>Quê quán</source>
        <translation type="vanished">Place of origin</translation>
    </message>
    <message>
        <source>Nơi thường trú</source>
        <translation type="vanished">Permanent residence</translation>
    </message>
    <message>
        <source>Ngày cấp</source>
        <translation type="vanished">Date of issue</translation>
    </message>
    <message>
        <source>Có giá trị đến</source>
        <translation type="vanished">Valid until</translation>
    </message>
    <message>
        <source>Số CMND cũ</source>
        <translation type="vanished">Old ID card number</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="65"/>
        <source>chứng thư ký số của thẻ mang tên CSCA tin cậy nhưng không do CSCA đó ký: có thể là giả mạo</source>
        <translation>the card&apos;s signing certificate names a trusted CSCA but was not signed by it: possibly forged</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="71"/>
        <source>không kiểm tra được nguồn gốc: CSCA cấp thẻ không có trong danh sách tin cậy</source>
        <translation>origin cannot be checked: the issuing CSCA is not in the trust list</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identity_panel.py" line="195"/>
        <source>? Chữ ký số hợp lệ nhưng không kiểm tra được nguồn gốc: CSCA cấp thẻ không có trong danh sách tin cậy — đối chiếu giấy tờ bằng mắt.</source>
        <translation>? Digital signature valid but its origin cannot be checked: the issuing CSCA is not in the trust list — check the documents by eye.</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="95"/>
        <source>&amp;Từ ngày:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="97"/>
        <source>Đế&amp;n ngày:</source>
        <translation>U&amp;ntil:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="99"/>
        <source>Tính lại (F5)</source>
        <translation>Count again (F5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="100"/>
        <source>Xuất &amp;Excel (Ctrl+E)</source>
        <translation>&amp;Excel export (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="101"/>
        <source>Xuất &amp;PDF (Ctrl+P)</source>
        <translation>&amp;PDF export (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="119"/>
        <source>Chỉ tiêu</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="119"/>
        <source>Số lượng</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="119"/>
        <source>Tỷ lệ</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="129"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="129"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="129"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="129"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="137"/>
        <source>&lt;b&gt;Định danh công dân khi tiếp nhận&lt;/b&gt;</source>
        <translation>&lt;b&gt;How citizens were identified at intake&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="139"/>
        <source>&lt;b&gt;Hồ sơ theo ngày&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dossiers per day&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="149"/>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Chỉ tiêu Đề án 06&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;Project 06 indicators&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="167"/>
        <source>Kỳ báo cáo không hợp lệ: đến ngày phải sau từ ngày.</source>
        <translation>Invalid period: the end date must come after the start date.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="170"/>
        <source>Đang tính…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="193"/>
        <source>{0}: {1} hồ sơ tiếp nhận từ {2:%d/%m/%Y} đến {3:%d/%m/%Y}.</source>
        <translation>{0}: {1} dossiers received from {2:%d/%m/%Y} to {3:%d/%m/%Y}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="197"/>
        <source>Chưa lấy được kết quả đối chiếu CSDL dân cư ({0}).</source>
        <translation>The population database figures could not be fetched ({0}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="203"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="230"/>
        <source>Chọn một chỉ tiêu để xem các hồ sơ.</source>
        <translation>Pick an indicator to see its dossiers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="237"/>
        <source>Sự kiện hộ tịch nhận được (khai sinh, khai tử)</source>
        <translation>Life events received (births, deaths)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="238"/>
        <source>Số ngày trung bình từ sự kiện đến khi lập hồ sơ</source>
        <translation>Average days from the event to the dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="239"/>
        <source>Sự kiện đã liên hệ gia đình</source>
        <translation>Events whose family was contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="240"/>
        <source>Lần liên hệ gia đình</source>
        <translation>Contact attempts with families</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="268"/>
        <source>{0}: {1} hồ sơ (Enter để mở)</source>
        <translation>{0}: {1} dossiers (Enter opens one)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="296"/>
        <source>Lưu báo cáo chỉ tiêu</source>
        <translation>Save the indicators report</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="307"/>
        <source>Không lưu được tệp</source>
        <translation>The file could not be saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="307"/>
        <source>Chọn thư mục khác rồi thử lại.</source>
        <translation>Choose another folder and try again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/indicators_page.py" line="313"/>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
</context>
<context>
    <name>IntakeController</name>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="42"/>
        <source>Đã quét mã QR. Đặt thẻ lên đầu đọc để đọc chip và kiểm tra thẻ thật.</source>
        <translation>QR code scanned. Place the card on the reader to read the chip and check it is genuine.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="53"/>
        <source>Đã có thẻ trên đầu đọc. Quét mã QR trên thẻ (hoặc bấm F3 nhập 6 số CAN) để mở khoá chip.</source>
        <translation>Card on the reader. Scan the QR code on the card (or press F3 to type the 6-digit CAN) to unlock the chip.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="71"/>
        <source>Đặt hộ chiếu lên đầu đọc.</source>
        <translation>Place the passport on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="77"/>
        <source>Đặt thẻ lên đầu đọc.</source>
        <translation>Place the card on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="114"/>
        <source>Đang đọc chip… giữ yên thẻ trên đầu đọc.</source>
        <translation>Reading the chip… keep the card still on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="141"/>
        <source>Đã đọc chip ({0:.1f} giây). {1}</source>
        <translation>Chip read ({0:.1f} s). {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="170"/>
        <source>Đã nhập tay. Thông tin chưa được kiểm tra bằng chip.</source>
        <translation>Typed in. The details have not been checked against the chip.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/controller.py" line="118"/>
        <source>Sẵn sàng. Quét mã QR trên thẻ hoặc đặt thẻ lên đầu đọc.</source>
        <translation>Ready. Scan the QR code on the card or place the card on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="183"/>
        <source>THẺ KHÔNG XÁC THỰC: chip có dấu hiệu bị sao chép. {0}</source>
        <translation>CARD NOT AUTHENTIC: the chip shows signs of being cloned. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="187"/>
        <source>THẺ KHÔNG XÁC THỰC: {0}.</source>
        <translation>CARD NOT AUTHENTIC: {0}.</translation>
    </message>
    <message>
        <source>THẺ KHÔNG XÁC THỰC: dữ liệu trên chip đã bị sửa đổi ({0}).</source>
        <translation type="vanished">CARD NOT AUTHENTIC: the chip data has been altered ({0}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="191"/>
        <source>Thẻ thật: chữ ký số hợp lệ, chuỗi chứng thư đến CSCA tin cậy.</source>
        <translation>Genuine card: valid digital signature, certificate chain to a trusted CSCA.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="196"/>
        <source>Chưa kiểm tra được chữ ký số của thẻ này (loại khóa chưa hỗ trợ).</source>
        <translation>This card&apos;s digital signature cannot be checked (key type not supported).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="207"/>
        <source>Chữ ký số hợp lệ; chưa cấu hình chứng thư CSCA để xác nhận nơi cấp.</source>
        <translation>Valid digital signature; no CSCA certificate configured to confirm the issuer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="211"/>
        <source>Chưa kiểm tra tính xác thực của thẻ.</source>
        <translation>Card authenticity not checked.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saving.py" line="81"/>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/draft.py" line="41"/>
        <source>Không khôi phục được hồ sơ đang nhập dở.</source>
        <translation>Could not restore the unfinished dossier.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/draft.py" line="56"/>
        <source>Đã khôi phục hồ sơ đang nhập dở.</source>
        <translation>Unfinished dossier restored.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/identification.py" line="201"/>
        <source>Chữ ký số hợp lệ; không kiểm tra được nguồn gốc (CSCA cấp thẻ không có trong danh sách tin cậy).</source>
        <translation>Digital signature valid; its origin cannot be checked (the issuing CSCA is not in the trust list).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/controller.py" line="209"/>
        <source>Đã xác thực công dân qua CSDL quốc gia về dân cư: số định danh, họ tên và ngày sinh khớp.</source>
        <translation>Citizen identified through the population register: ID number, full name and date of birth match.</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="19"/>
        <source>Chọn thủ tục Điều chỉnh thông tin</source>
        <translation>Choose the “Update personal details” procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="15"/>
        <source>Hồ sơ đã có của công dân</source>
        <translation>Citizen&apos;s existing records</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="29"/>
        <source>Điện th&amp;oại:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="30"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_box.py" line="35"/>
        <source>Gõ để tìm thủ tục (mã, tên, từ khoá) — Ctrl+F</source>
        <translation>Type to find a procedure (code, name, keyword) — Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_box.py" line="31"/>
        <source>2. Thủ tục</source>
        <translation>2. Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="30"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="32"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="33"/>
        <source>Số bản chính đã nhận</source>
        <translation>Originals received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="36"/>
        <source>Bản sao</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="37"/>
        <source>Số bản sao đã nhận</source>
        <translation>Copies received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="40"/>
        <source>Đã nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="41"/>
        <source>Đã nhận đủ giấy tờ này</source>
        <translation>This paper is fully received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="58"/>
        <source>Đã nhận đủ giấy tờ (F8)</source>
        <translation>All documents received (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="26"/>
        <source>3. Giấy tờ</source>
        <translation>3. Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="100"/>
        <source>Lưu và in giấy tiếp nhận (Ctrl+Enter)</source>
        <translation>Save and print intake receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="104"/>
        <source>In lại (Ctrl+P)</source>
        <translation>Reprint (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="111"/>
        <source>Nhập tay (F2)</source>
        <translation>Type in (F2)</translation>
    </message>
    <message>
        <source>Nhập CAN (F3)</source>
        <translation type="vanished">Enter CAN (F3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="71"/>
        <source>Thông tin cá nhân của công dân được xử lý chỉ để giải quyết thủ tục, theo Luật Bảo vệ dữ liệu cá nhân. F1: đọc thông báo đầy đủ cho công dân.</source>
        <translation>The citizen&apos;s personal data is processed only to settle the procedure, under the Personal Data Protection Law. F1: read the full notice to the citizen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="33"/>
        <source>Nhận &amp;kết quả:</source>
        <translation>Result &amp;delivery:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="113"/>
        <source>Nhập CAN / MRZ (F3)</source>
        <translation>Enter CAN / MRZ (F3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="115"/>
        <source>Hồ sơ mới (Ctrl+N)</source>
        <translation>New dossier (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="185"/>
        <source>Sẵn sàng. Quét mã QR trên thẻ hoặc đặt thẻ lên đầu đọc.</source>
        <translation>Ready. Scan the QR code on the card or place the card on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="201"/>
        <source>Không đọc được chip: dịch vụ thẻ thông minh (PC/SC) không chạy. Khởi động dịch vụ — Windows: dịch vụ “Smart Card” (Thẻ thông minh); Linux: “sudo systemctl start pcscd” — hoặc báo quản trị. Trong lúc chờ: quét mã QR trên thẻ hoặc F2 để nhập tay.</source>
        <translation>Cannot read the chip: the smart-card service (PC/SC) is not running. Start it — Windows: the “Smart Card” service; Linux: “sudo systemctl start pcscd” — or call the administrator. Meanwhile: scan the QR code on the card or press F2 to type the data.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="207"/>
        <source>Không đọc được chip: chưa thấy đầu đọc thẻ. Cắm đầu đọc USB (hoặc kiểm tra tên đầu đọc trong Cài đặt, Ctrl+5). Trong lúc chờ: quét mã QR trên thẻ hoặc F2 để nhập tay.</source>
        <translation>Cannot read the chip: no card reader found. Plug in the USB reader (or check the reader name in Settings, Ctrl+5). Meanwhile: scan the QR code on the card or press F2 to type the data.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="45"/>
        <source>Công dân chưa có trong dữ liệu của bộ phận.</source>
        <translation>This citizen is not yet in the desk&apos;s records.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="51"/>
        <source>Mã số BHXH: {0}</source>
        <translation>Social insurance number: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="52"/>
        <source>(chưa có)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="54"/>
        <source>Hồ sơ đã nộp trước đây: {0}</source>
        <translation>Dossiers submitted before: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_box.py" line="60"/>
        <source>&lt;b&gt;Khác với dữ liệu đã lưu&lt;/b&gt; (thông tin trên thẻ được dùng):</source>
        <translation>&lt;b&gt;Differs from the saved records&lt;/b&gt; (the card&apos;s details are used):</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_box.py" line="80"/>
        <source>&lt;b&gt;Đã chọn:&lt;/b&gt; {0} — {1}</source>
        <translation>&lt;b&gt;Selected:&lt;/b&gt; {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_box.py" line="84"/>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure selected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/documents_box.py" line="73"/>
        <source> (nếu có)</source>
        <translation> (if any)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_box.py" line="97"/>
        <source>Thời hạn: {0}. &lt;b&gt;Hẹn trả kết quả: {1}&lt;/b&gt; (nếu tiếp nhận ngay)</source>
        <translation>Time limit: {0}. &lt;b&gt;Results due: {1}&lt;/b&gt; (if accepted now)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="252"/>
        <source>Thông báo xử lý dữ liệu cá nhân</source>
        <translation>Personal data processing notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="282"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="282"/>
        <source>Bỏ hồ sơ đang nhập dở và bắt đầu hồ sơ mới?</source>
        <translation>Discard the unfinished dossier and start a new one?</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="291"/>
        <source>Chưa có công dân: quét mã QR, đặt thẻ hoặc F2 để nhập tay.</source>
        <translation>No citizen yet: scan the QR code, place the card or press F2 to type the details.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="295"/>
        <source>Chưa chọn thủ tục (Ctrl+F).</source>
        <translation>No procedure selected (Ctrl+F).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="304"/>
        <source>Hồ sơ chưa đủ giấy tờ</source>
        <translation>Dossier incomplete</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="306"/>
        <source>Còn thiếu giấy tờ bắt buộc:
{0}

Chưa lập giấy tiếp nhận. In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) và lưu hồ sơ ở trạng thái chờ bổ sung?</source>
        <translation>Required documents are missing:
{0}

No intake receipt has been issued. Print the request for additional documents (form 02) and save the dossier as awaiting additions?</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="311"/>
        <source>Thiếu giấy tờ bắt buộc</source>
        <translation>Required documents missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="326"/>
        <source>Đã lưu hồ sơ {0}. Hẹn trả kết quả {1}. Đang in giấy tiếp nhận (2 liên)…</source>
        <translation>Dossier {0} saved. Results due {1}. Printing the intake receipt (2 copies)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="367"/>
        <source> Đã in thêm phiếu xếp hàng / tra cứu khổ 80 mm.</source>
        <translation> Also printed the 80 mm queue / look-up slip.</translation>
    </message>
    <message>
        <source>Đã lưu hồ sơ {0}. Hẹn trả kết quả {1}. Đang in giấy tiếp nhận…</source>
        <translation type="vanished">Dossier {0} saved. Result due {1}. Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="333"/>
        <source>Đã lưu hồ sơ {0} ở trạng thái chờ bổ sung. Đang in phiếu yêu cầu bổ sung…</source>
        <translation>Dossier {0} saved as awaiting additions. Printing the request for additional documents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="347"/>
        <source>Đã lưu hồ sơ {0} (mã tra cứu {1}), nhưng chưa in được — {2} Giấy tiếp nhận vẫn phải giao cho công dân: Ctrl+Shift+P để xem trước và in ra máy khác, Ctrl+Shift+S để lưu PDF.</source>
        <translation>Dossier {0} saved (look-up code {1}), but nothing was printed — {2} The citizen is still owed the receipt: Ctrl+Shift+P to preview and print to another printer, Ctrl+Shift+S to save it as PDF.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="363"/>
        <source> Đang in giấy tiếp nhận (2 liên)…</source>
        <translation> Printing the intake receipt (2 copies)…</translation>
    </message>
    <message>
        <source> Đang in giấy tiếp nhận…</source>
        <translation type="vanished"> Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="364"/>
        <source> Đang in phiếu yêu cầu bổ sung…</source>
        <translation> Printing the request for additional documents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="366"/>
        <source> Đã in giấy tiếp nhận.</source>
        <translation> Intake receipt printed.</translation>
    </message>
    <message>
        <source> Đã in giấy tiếp nhận khổ 80 mm.</source>
        <translation type="vanished"> 80 mm receipt printed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="368"/>
        <source> Đã in phiếu yêu cầu bổ sung (mẫu 02).</source>
        <translation> Request for additional documents (form 02) printed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="369"/>
        <source> Đã in tờ khai TK1-TS để công dân ký.</source>
        <translation> TK1-TS declaration printed for the citizen to sign.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="400"/>
        <source>Thẻ đã hết hạn</source>
        <translation>Card expired</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="402"/>
        <source>Thẻ căn cước đã hết hạn. Nhập lý do vẫn tiếp nhận (nhắc công dân đi đổi thẻ):</source>
        <translation>The ID card has expired. Enter the reason for accepting it anyway (remind the citizen to renew the card):</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="408"/>
        <source>Thẻ đã hết hạn — tiếp nhận với lý do: {0}</source>
        <translation>Card expired — accepted for this reason: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="411"/>
        <source>Thẻ đã hết hạn: cần ghi lý do để tiếp nhận.</source>
        <translation>Card expired: a reason is required to accept the dossier.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="416"/>
        <source>Thẻ của người khác</source>
        <translation>Someone else&apos;s card</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="418"/>
        <source>Thẻ vừa đặt lên là của {0}, không phải công dân đang tiếp nhận.
Bỏ hồ sơ đang nhập và bắt đầu hồ sơ mới cho người này?</source>
        <translation>The card just placed belongs to {0}, not the citizen being served.
Discard the current dossier and start a new one for this person?</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/page.py" line="425"/>
        <source>Giữ hồ sơ đang nhập. Đặt lại đúng thẻ của công dân.</source>
        <translation>Current dossier kept. Place the right citizen&apos;s card back on the reader.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="49"/>
        <source>MotCua — Đăng nhập</source>
        <translation>MotCua — Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="52"/>
        <source>&lt;h2&gt;MotCua&lt;/h2&gt;Bộ phận tiếp nhận và trả kết quả</source>
        <translation>&lt;h2&gt;MotCua&lt;/h2&gt;Intake and Results Desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="58"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="59"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="66"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="67"/>
        <source>Thoát</source>
        <translation>Exit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="58"/>
        <source>MotCua — Bộ phận tiếp nhận và trả kết quả</source>
        <translation>MotCua — Intake and Results Desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="80"/>
        <source>Màn hình đã khoá.
Nhập mật khẩu của cán bộ để tiếp tục.</source>
        <translation>The screen is locked.
Enter the officer&apos;s password to continue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="89"/>
        <source>Đầu đọc: đang kiểm tra…</source>
        <translation>Reader: checking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="90"/>
        <source>Đồng bộ: ngoại tuyến</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="92"/>
        <source>Bấm để xem dữ liệu bị từ chối (Ctrl+F9)</source>
        <translation>Click to see refused data (Ctrl+F9)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125"/>
        <source>&amp;Đi tới</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="131"/>
        <source>&amp;Hệ thống</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="132"/>
        <source>&amp;Khoá màn hình</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="134"/>
        <source>Đăng &amp;xuất</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="136"/>
        <source>Đổi &amp;mật khẩu…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="138"/>
        <source>&amp;Chẩn đoán hệ thống</source>
        <translation>&amp;Diagnostics</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="140"/>
        <source>&amp;Thoát</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="142"/>
        <source>Đồng bộ &amp;ngay</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="145"/>
        <source>Dữ liệu đồng bộ bị &amp;từ chối…</source>
        <translation>Re&amp;fused sync data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="184"/>
        <source>Cán bộ: {0} ({1})</source>
        <translation>Officer: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="192"/>
        <source>Đồng bộ: {0}</source>
        <translation>Sync: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_tools.py" line="87"/>
        <source>Thẻ &amp;ảo (trình diễn)</source>
        <translation>&amp;Virtual card (demo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_tools.py" line="91"/>
        <source>Đặt thẻ: {0}</source>
        <translation>Insert card: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_tools.py" line="97"/>
        <source>&amp;Nhấc thẻ ra</source>
        <translation>&amp;Remove card</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_tools.py" line="106"/>
        <source>Quét mã QR: {0}</source>
        <translation>Scan QR code: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_tools.py" line="124"/>
        <source>Máy ảnh ảo: &amp;người khác ngồi trước quầy (không phải chủ thẻ)</source>
        <translation>Virtual camera: someone &amp;else at the counter (not the card holder)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="47"/>
        <location filename="../../app/ui/password_dialog.py" line="68"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="59"/>
        <source>Mật khẩu &amp;hiện tại:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="60"/>
        <source>Mật khẩu &amp;mới (ít nhất 8 ký tự):</source>
        <translation>&amp;New password (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="61"/>
        <source>&amp;Nhập lại mật khẩu mới:</source>
        <translation>&amp;Repeat new password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="69"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="88"/>
        <source>Mật khẩu mới phải có ít nhất 8 ký tự.</source>
        <translation>The new password must have at least 8 characters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="92"/>
        <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="95"/>
        <source>Mật khẩu mới phải khác mật khẩu hiện tại.</source>
        <translation>The new password must differ from the current one.</translation>
    </message>
</context>
<context>
    <name>ProcedureNotes</name>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="37"/>
        <source>(chưa nhập)</source>
        <translation>(not entered)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="56"/>
        <source>&lt;b&gt;Thông báo cho công dân:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Tell the citizen:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="65"/>
        <source>&amp;Ngày sự kiện ({0}):</source>
        <translation>Date of the &amp;event ({0}):</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="100"/>
        <source>Nhập {0} để kiểm tra thời hạn nộp {1} ngày.</source>
        <translation>Enter the {0} to check the {1}-day filing limit.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="109"/>
        <source>⚠ Đã quá thời hạn nộp {0} ngày kể từ {1}: quá {2} ngày (hạn cuối {3}). Vẫn tiếp nhận; báo công dân cơ quan có thẩm quyền sẽ xem xét.</source>
        <translation>⚠ The filing limit of {0} days from {1} has passed: {2} days late (last day {3}). Still take the dossier in; tell the citizen the competent office will decide.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="114"/>
        <source>⚠ Nộp quá sớm: chỉ được nộp trước {0} tối đa {1} ngày, tức từ {2} (còn {3} ngày nữa).</source>
        <translation>⚠ Filed too early: it may be filed at most {1} days before {0}, that is from {2} ({3} more days).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="118"/>
        <source>Trong thời hạn nộp (từ {0}).</source>
        <translation>Within the filing period (from {0}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="120"/>
        <source>⚠ Sắp hết thời hạn nộp: còn {0} ngày (hạn cuối {1}).</source>
        <translation>⚠ The filing limit is near: {0} days left (last day {1}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="124"/>
        <source>Còn {0} ngày để nộp (hạn cuối {1}).</source>
        <translation>{0} days left to file (last day {1}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/procedure_notes.py" line="126"/>
        <source> (Thời hạn chưa xác nhận.)</source>
        <translation> (Limit not yet confirmed.)</translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <location filename="../../app/ui/intake/receipt_actions.py" line="22"/>
        <source>Xem trước / in (Ctrl+Shift+P)</source>
        <translation>Preview / print (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/receipt_actions.py" line="26"/>
        <source>Lưu PDF (Ctrl+Shift+S)</source>
        <translation>Save PDF (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/receipt_actions.py" line="45"/>
        <location filename="../../app/ui/intake/receipt_actions.py" line="62"/>
        <source>Chưa có hồ sơ vừa lưu để in.</source>
        <translation>No dossier has just been saved to print.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/receipt_actions.py" line="68"/>
        <source>Lưu giấy tiếp nhận thành PDF</source>
        <translation>Save the receipt as PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/receipt_actions.py" line="89"/>
        <source>Đã lưu hồ sơ {0}, nhưng không ghi được tệp PDF ({1}). Chọn thư mục khác.</source>
        <translation>Dossier {0} saved, but the PDF file could not be written ({1}). Choose another folder.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/receipt_actions.py" line="96"/>
        <source>Đã lưu hồ sơ {0}. Đã lưu PDF: {1}</source>
        <translation>Dossier {0} saved. PDF saved: {1}</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="40"/>
        <source>Từ chối tiếp nhận hồ sơ (mẫu 03)</source>
        <translation>Refuse to accept the dossier (form 03)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="45"/>
        <source>Cơ quan có thẩm quyền tiếp nhận, giải quyết</source>
        <translation>Office competent to accept and decide it</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="48"/>
        <source>Cụ thể: giấy tờ còn thiếu hoặc không hợp lệ, đã hướng dẫn những gì…</source>
        <translation>Details: which papers are missing or invalid, what guidance was given…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="52"/>
        <source>Mẫu 03 chỉ từ chối tiếp nhận hồ sơ. Việc không đủ điều kiện hưởng do cơ quan có thẩm quyền trả lời bằng văn bản sau khi giải quyết.</source>
        <translation>Form 03 only refuses to accept a dossier. Ineligibility is answered in writing by the competent office after processing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="61"/>
        <source>Từ chối và in mẫu 03</source>
        <translation>Refuse and print form 03</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="66"/>
        <source>Lý do:</source>
        <translation>Ground:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="67"/>
        <source>Nơi nộp đúng:</source>
        <translation>Where to file:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/refusal_dialog.py" line="68"/>
        <source>Cụ thể:</source>
        <translation>Details:</translation>
    </message>
</context>
<context>
    <name>RelatedEventsBanner</name>
    <message>
        <source>&amp;Mở thủ tục gợi ý</source>
        <translation type="vanished">&amp;Open the suggested procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/banner.py" line="94"/>
        <source>&lt;b&gt;Có sự kiện liên quan&lt;/b&gt;: %1, ngày %2 (%3).</source>
        <translation>&lt;b&gt;Related life event&lt;/b&gt;: %1, on %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/banner.py" line="100"/>
        <source>Thủ tục gợi ý: %1 · %2</source>
        <translation>Suggested procedure: %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/banner.py" line="106"/>
        <source>Mở: %1</source>
        <translation>Open: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/banner.py" line="108"/>
        <source>&amp;Mở thủ tục gợi ý: %1</source>
        <translation>&amp;Open the suggested procedure: %1</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="49"/>
        <source>Tệp CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="87"/>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Báo cáo&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;Reports&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="94"/>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>Perio&amp;d:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="102"/>
        <source>&amp;Từ ngày:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="104"/>
        <source>Đế&amp;n ngày:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="112"/>
        <source>Thủ tụ&amp;c:</source>
        <translation>Pro&amp;cedure:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="116"/>
        <source>Cán &amp;bộ tiếp nhận:</source>
        <translation>Intake &amp;officer:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="118"/>
        <source>Làm &amp;mới (F5)</source>
        <translation>&amp;Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="127"/>
        <source>Hồ sơ tiếp nhận trong kỳ</source>
        <translation>Dossiers received in the period</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="128"/>
        <source>Hồ sơ đã trả kết quả trong kỳ</source>
        <translation>Results returned in the period</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="129"/>
        <source>Có kết quả đúng hạn, trước hạn</source>
        <translation>Results on time or early</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="130"/>
        <source>Quá hạn (đã có kết quả hoặc còn mở)</source>
        <translation>Late (results ready or still open)</translation>
    </message>
    <message>
        <source>Người được xác thực bằng chip</source>
        <translation type="vanished">People verified by chip</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="136"/>
        <source>Trạng thái hiện tại</source>
        <translation>Current status</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="136"/>
        <location filename="../../app/ui/reports/page.py" line="139"/>
        <location filename="../../app/ui/reports/page.py" line="159"/>
        <source>Số hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="139"/>
        <source>Tiến độ giải quyết</source>
        <translation>Processing progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="144"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="145"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="146"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="147"/>
        <source>Đã trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="148"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="149"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="150"/>
        <source>Trong hạn</source>
        <translation>Within time limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="159"/>
        <source>Cách xác thực số định danh</source>
        <translation>How the personal ID number was verified</translation>
    </message>
    <message>
        <source>Số người</source>
        <translation type="vanished">People</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="131"/>
        <source>Hồ sơ xác thực bằng chip</source>
        <translation>Dossiers verified by chip</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="178"/>
        <source>Mục tiêu Đề án 06: 100 %. Mã QR và nhập tay chưa phải là xác thực.</source>
        <translation>Project 06 target: 100%. A QR code or typed entry is not verification.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="182"/>
        <source>Đề án 06 yêu cầu xác thực số định danh của mọi người tham gia. Mã QR và nhập tay chỉ chép thông tin in trên thẻ; đọc chip có kiểm tra chữ ký số của dữ liệu.</source>
        <translation>Project 06 requires verifying the personal ID number of every participant. A QR code or typed entry only copies what is printed on the card; reading the chip checks the digital signature of the data.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="190"/>
        <source>&amp;Xem trước mẫu 07</source>
        <translation>&amp;Preview form 07</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="192"/>
        <source>&amp;In sổ theo dõi hồ sơ (mẫu 07)</source>
        <translation>Pr&amp;int dossier tracking book (form 07)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="194"/>
        <source>Ctrl+P — in danh sách hồ sơ tiếp nhận trong kỳ</source>
        <translation>Ctrl+P — print the list of dossiers received in the period</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="195"/>
        <source>Xuất CS&amp;V…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="199"/>
        <source>&amp;Bảng tổng hợp (không có dữ liệu cá nhân)…</source>
        <translation>S&amp;ummary table (no personal data)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="202"/>
        <source>&amp;Sổ theo dõi hồ sơ (có dữ liệu cá nhân)…</source>
        <translation>Dossier tracking &amp;book (with personal data)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="210"/>
        <source>Chỉ lãnh đạo bộ phận được xuất dữ liệu ra tệp: sổ theo dõi có họ tên, địa chỉ của công dân.</source>
        <translation>Only the desk supervisor may export data to files: the tracking book holds citizens&apos; names and addresses.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="216"/>
        <source>Xuất CSV: chỉ lãnh đạo bộ phận.</source>
        <translation>CSV export: desk supervisor only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="239"/>
        <source>Xác thực danh tính người tham gia (Đề án 06)</source>
        <translation>Participant identity verification (Project 06)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="373"/>
        <source>Tất cả thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="376"/>
        <source>Tất cả cán bộ</source>
        <translation>All officers</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="383"/>
        <source>ngày %1</source>
        <translation>on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="386"/>
        <source>từ ngày %1 đến ngày %2</source>
        <translation>from %1 to %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="392"/>
        <source>Số liệu hồ sơ tiếp nhận %1 — tiến độ tính đến %2.</source>
        <translation>Dossiers received %1 — progress as of %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="425"/>
        <source>Chưa có hồ sơ nào tiếp nhận trong kỳ.</source>
        <translation>No dossier was received in this period yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/page.py" line="431"/>
        <source>%1 trên %2 hồ sơ tiếp nhận trong kỳ được xác thực bằng chip (CSCA tin cậy).</source>
        <translation>%1 of %2 dossiers received in the period were verified by chip (trusted CSCA).</translation>
    </message>
    <message>
        <source>Chưa có người nào có hồ sơ trong kỳ.</source>
        <translation type="vanished">No one has a dossier in this period yet.</translation>
    </message>
    <message>
        <source>%1 trên %2 người có hồ sơ trong kỳ được xác thực bằng chip.</source>
        <translation type="vanished">%1 of %2 people with dossiers in the period were verified by chip.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="100"/>
        <source>Không có hồ sơ nào tiếp nhận trong kỳ này.</source>
        <translation>No dossiers were received in this period.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="106"/>
        <source>Kỳ này có %1 hồ sơ, quá nhiều để in một lần (tối đa %2): hãy chọn kỳ ngắn hơn.</source>
        <translation>This period has %1 dossiers, too many to print at once (at most %2): choose a shorter period.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="122"/>
        <source>Đang chuẩn bị sổ theo dõi hồ sơ…</source>
        <translation>Preparing the dossier tracking book…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="164"/>
        <source>Đã gửi sổ theo dõi hồ sơ (%1 hồ sơ) tới máy in.</source>
        <translation>Dossier tracking book (%1 dossiers) sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="193"/>
        <source>Lưu bảng tổng hợp</source>
        <translation>Save summary table</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="204"/>
        <source>Đã lưu bảng tổng hợp: %1</source>
        <translation>Summary table saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="217"/>
        <source>Lưu sổ theo dõi hồ sơ</source>
        <translation>Save dossier tracking book</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/paper_actions.py" line="230"/>
        <source>Đã lưu sổ theo dõi hồ sơ (%1 hồ sơ): %2</source>
        <translation>Dossier tracking book saved (%1 dossiers): %2</translation>
    </message>
</context>
<context>
    <name>ResultChannel</name>
    <message>
        <location filename="../../app/ui/intake/result_channel.py" line="22"/>
        <source>Điện tử — ứng dụng VssID / VNeID (mặc định)</source>
        <translation>Electronic — VssID / VNeID app (default)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/result_channel.py" line="24"/>
        <source>Bản giấy — nhận tại Bộ phận Tiếp nhận và Trả kết quả</source>
        <translation>On paper — collected at the one-stop counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/result_channel.py" line="27"/>
        <source>Bản giấy — gửi qua bưu chính công ích</source>
        <translation>On paper — sent by public postal service</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/result_channel.py" line="36"/>
        <source>Địa chỉ nhận kết quả qua bưu chính</source>
        <translation>Postal address for the result</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/result_channel.py" line="76"/>
        <source>In trên tờ khai và giấy tiếp nhận: {0}</source>
        <translation>Printed on the declaration and the receipt: {0}</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="77"/>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Trả kết quả&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;Return results&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="81"/>
        <source>Quét mã QR trên giấy hẹn, hoặc nhập mã hồ sơ, mã tra cứu, số định danh</source>
        <translation>Scan the QR code on the appointment slip, or type the dossier code, lookup code or personal ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="84"/>
        <source>&amp;Tìm hồ sơ:</source>
        <translation>&amp;Find dossier:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="86"/>
        <source>Tì&amp;m</source>
        <translation>Searc&amp;h</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="105"/>
        <source>Họ tên người đến nhận (công dân hoặc người được ủy quyền)</source>
        <translation>Full name of the person collecting (the citizen or an authorised person)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="111"/>
        <source>&amp;Xác nhận đã trả kết quả</source>
        <translation>&amp;Confirm results returned</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="117"/>
        <source>&amp;In kết quả đã ký số (Ctrl+P)</source>
        <translation>&amp;Print the signed result (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="125"/>
        <source>&amp;Người nhận:</source>
        <translation>&amp;Recipient:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="127"/>
        <source>Thời &amp;gian nhận:</source>
        <translation>Collection &amp;time:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="216"/>
        <source>Chưa có kết quả để trả. Trạng thái hiện tại — %1</source>
        <translation>No results to return yet. Current status — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="219"/>
        <source>Không tìm thấy hồ sơ nào.</source>
        <translation>No dossier found.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="261"/>
        <source>Kết quả đã ký số chưa về máy quầy: đồng bộ (F9) rồi chọn lại hồ sơ.</source>
        <translation>The signed result has not reached this counter yet: sync (F9), then select the dossier again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="265"/>
        <source>&lt;b style=&apos;color:#1b5e20&apos;&gt;Chữ ký số hợp lệ&lt;/b&gt; — %1</source>
        <translation>&lt;b style=&apos;color:#1b5e20&apos;&gt;Valid digital signature&lt;/b&gt; — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="272"/>
        <source>&lt;b style=&apos;color:#b71c1c&apos;&gt;Chữ ký số KHÔNG hợp lệ hoặc không tin cậy&lt;/b&gt; — không in, báo cho bộ phận giải quyết.</source>
        <translation>&lt;b style=&apos;color:#b71c1c&apos;&gt;The digital signature is NOT valid or not trusted&lt;/b&gt; — do not print; tell the processing office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="291"/>
        <source>Đã gửi kết quả đã ký số tới máy in.</source>
        <translation>The signed result was sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="306"/>
        <source>Thời gian nhận không thể ở tương lai.</source>
        <translation>The collection time cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/returns_page.py" line="320"/>
        <source>Đã trả kết quả hồ sơ %1 cho %2.</source>
        <translation>Results of dossier %1 returned to %2.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="70"/>
        <source>Địa chỉ dùng khi đăng ký quầy. Đồng bộ luôn đi đến địa chỉ và chứng chỉ đã ghi lúc đăng ký; muốn đổi, quản trị viên đăng ký lại quầy.</source>
        <translation>The address used to enrol the counter. Sync always goes to the address and certificate recorded at enrolment; to change them, an administrator enrols the counter again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="76"/>
        <source>(trống: dùng địa chỉ máy chủ trung tâm) https://tracuu.bhxh.example</source>
        <translation>(empty: the central server&apos;s address) https://tracuu.bhxh.example</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="79"/>
        <source>Mã QR trên giấy tiếp nhận mở trang tra cứu hồ sơ tại địa chỉ này.</source>
        <translation>The QR code on the receipt opens the dossier look-up page at this address.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="89"/>
        <source>(không dùng) — thư mục máy quét lưu bản quét</source>
        <translation>(not used) — the folder the scanner saves into</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="93"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="102"/>
        <source>Mã cơ &amp;quan:</source>
        <translation>Office &amp;code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="103"/>
        <source>Tên &amp;cơ quan:</source>
        <translation>Office &amp;name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="104"/>
        <source>Cơ quan &amp;cấp trên:</source>
        <translation>&amp;Parent agency:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="105"/>
        <source>Địa danh (ghi ngày tháng):</source>
        <translation>Place name (used in dates):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="106"/>
        <source>Số &amp;quầy (1–9):</source>
        <translation>Counter num&amp;ber (1–9):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="107"/>
        <source>Mẫu &amp;mã hồ sơ:</source>
        <translation>Dossier code pa&amp;ttern:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="108"/>
        <source>Địa chỉ máy chủ &amp;trung tâm:</source>
        <translation>Central server a&amp;ddress:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="109"/>
        <source>Địa chỉ trang tra cứ&amp;u công khai:</source>
        <translation>Public loo&amp;k-up page address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="110"/>
        <source>Máy in &amp;A4:</source>
        <translation>&amp;A4 printer:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="111"/>
        <source>Máy in &amp;biên nhận 80 mm:</source>
        <translation>&amp;Receipt printer (80 mm):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="112"/>
        <source>Đầu đọc &amp;thẻ:</source>
        <translation>Card r&amp;eader:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="113"/>
        <source>Thư mục má&amp;y quét:</source>
        <translation>Scanner &amp;watch folder:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="114"/>
        <source>&amp;Khoá màn hình sau:</source>
        <translation>&amp;Lock screen after:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="115"/>
        <source>&amp;Giờ chốt nhận hồ sơ trong ngày:</source>
        <translation>Daily intake cut-off ti&amp;me:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="116"/>
        <source>&amp;Ngôn ngữ (khởi động lại để áp dụng):</source>
        <translation>Lang&amp;uage (restart to apply):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="120"/>
        <source>Đăng &amp;ký quầy với máy chủ trung tâm…</source>
        <translation>Register c&amp;ounter with the central server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="123"/>
        <source>Nhập chứng thư &amp;CSCA hoặc danh sách ICAO…</source>
        <translation>Import CSCA certi&amp;ficate or ICAO master list…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="126"/>
        <source>Chứng thư gốc của nơi cấp thẻ: có nó, thẻ thật được xác nhận màu xanh.</source>
        <translation>The card issuer&apos;s root certificate: with it, genuine cards are confirmed in green.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="130"/>
        <source>&amp;Lưu cài đặt (Ctrl+S)</source>
        <translation>Save sett&amp;ings (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="135"/>
        <source>&lt;h2&gt;Cài đặt&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Settings&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="152"/>
        <source>(mặc định của hệ thống)</source>
        <translation>(system default)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="196"/>
        <source>Nhập địa chỉ máy chủ trung tâm trước.</source>
        <translation>Enter the central server address first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="200"/>
        <location filename="../../app/ui/pages/settings_page.py" line="206"/>
        <source>Đăng ký quầy</source>
        <translation>Register counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="200"/>
        <source>Mã đăng ký một lần (do quản trị viên cấp):</source>
        <translation>One-time registration code (issued by an administrator):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="207"/>
        <source>Dấu vân tay SHA-256 của chứng chỉ máy chủ (do quản trị viên cấp):</source>
        <translation>SHA-256 fingerprint of the server certificate (from the administrator):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="223"/>
        <source>Đã đăng ký: cơ quan {0}, quầy số {1}. Khởi động lại để bắt đầu đồng bộ.</source>
        <translation>Registered: office {0}, counter {1}. Restart to start syncing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="239"/>
        <source>Chọn chứng thư CSCA hoặc danh sách ICAO</source>
        <translation>Choose a CSCA certificate or ICAO master list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="241"/>
        <source>Chứng thư và danh sách (*.der *.cer *.crt *.pem *.ml *.bin);;Mọi tệp (*)</source>
        <translation>Certificates and lists (*.der *.cer *.crt *.pem *.ml *.bin);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="271"/>
        <source>Không đọc được tệp: {0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="274"/>
        <source>Đã thêm {0} chứng thư CSCA. Thẻ đọc từ nay được đối chiếu với chúng.</source>
        <translation>CSCA certificates added: {0}. Cards read from now on are checked against them.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="277"/>
        <source>Danh sách của: {0} (chữ ký hợp lệ).</source>
        <translation>List of: {0} (signature valid).</translation>
    </message>
    <message>
        <source>Danh sách của: {0} — CHỮ KÝ KHÔNG HỢP LỆ, kiểm tra nguồn tệp.</source>
        <translation type="vanished">List of: {0} — SIGNATURE NOT VALID, check where the file came from.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="279"/>
        <source>{0} chứng thư không dùng được đã bỏ qua.</source>
        <translation>{0} unusable certificates skipped.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="300"/>
        <source>Không ghi được tệp cài đặt: {0}</source>
        <translation>Could not write the settings file: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings_page.py" line="304"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>SyncConflicts</name>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="34"/>
        <source>Bộ phận xử lý đã cập nhật hồ sơ này sau lần đồng bộ trước; thay đổi tại quầy chưa được ghi lên hệ thống trung tâm.</source>
        <translation>The processing unit changed this dossier after the last sync; the counter&apos;s change has not been written to the central system.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="42"/>
        <source>Hồ sơ đã được bộ phận xử lý tiếp nhận; quầy không còn chuyển được trạng thái.</source>
        <translation>The processing unit has taken this dossier; the counter can no longer change its status.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="49"/>
        <source>Trạng thái này do bộ phận xử lý cập nhật, không đặt tại quầy.</source>
        <translation>This status is set by the processing unit, not at the counter.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="55"/>
        <source>Chuyển trạng thái không đúng quy trình.</source>
        <translation>This status change does not follow the procedure.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="59"/>
        <source>Hồ sơ mới không thể ở trạng thái này.</source>
        <translation>A new dossier cannot have this status.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="63"/>
        <source>Dữ liệu thuộc đơn vị khác.</source>
        <translation>The data belongs to another office.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="67"/>
        <source>Hệ thống trung tâm đã có phiên bản này với nội dung khác.</source>
        <translation>The central system already has this version with other content.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="73"/>
        <source>Hệ thống trung tâm đã có phiên bản mới hơn của dữ liệu này.</source>
        <translation>The central system already has a newer version of this data.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="79"/>
        <source>Nội dung tệp đính kèm không phải PDF, JPEG, PNG hoặc TIFF, hoặc không khớp loại tệp đã khai báo; hệ thống trung tâm không nhận. Quét lại giấy tờ rồi đính kèm lại.</source>
        <translation>The attachment is not a PDF, JPEG, PNG or TIFF file, or does not match its declared type; the central system does not accept it. Scan the paper again and attach it again.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="87"/>
        <source>Tên tệp đính kèm có ký tự không được phép; hệ thống trung tâm không nhận.</source>
        <translation>The attachment&apos;s file name contains characters that are not allowed; the central system does not accept it.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="94"/>
        <source>Tệp đính kèm bị thiếu, hỏng hoặc sai kích thước.</source>
        <translation>The attachment is missing, damaged or of the wrong size.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="98"/>
        <source>Đơn vị đã dùng hết dung lượng lưu tệp trên hệ thống trung tâm. Liên hệ quản trị hệ thống.</source>
        <translation>The office has used up its file storage on the central system. Contact the system administrator.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="106"/>
        <source>Dữ liệu không còn trên máy này.</source>
        <translation>The data is no longer on this computer.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync/conflicts.py" line="109"/>
        <source>Hệ thống trung tâm từ chối dữ liệu này.</source>
        <translation>The central system refused this data.</translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="41"/>
        <source>Hồ sơ / dữ liệu</source>
        <translation>Dossier / data</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="42"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="43"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="44"/>
        <source>Tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="45"/>
        <source>Trung tâm</source>
        <translation>Central</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="55"/>
        <source>phiên bản {0}</source>
        <translation>version {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="61"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="62"/>
        <source>Bị từ chối</source>
        <translation>Refused</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="77"/>
        <source>Dữ liệu đồng bộ bị từ chối hoặc xung đột</source>
        <translation>Refused or conflicting sync data</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="83"/>
        <source>Hệ thống trung tâm không nhận các mục dưới đây. Chọn một dòng rồi chọn cách xử lý; mọi thao tác đều được ghi nhật ký.</source>
        <translation>The central system did not accept the items below. Select a line, then choose what to do; every action is recorded in the access log.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="100"/>
        <source>Lấy bản của &amp;trung tâm</source>
        <translation>Take &amp;central&apos;s version</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="102"/>
        <source>&amp;Ghi lại thay đổi của tôi lên bản trung tâm</source>
        <translation>&amp;Re-apply my change on top of central&apos;s</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="104"/>
        <source>&amp;Bỏ thay đổi (ghi nhật ký)</source>
        <translation>&amp;Discard my change (logged)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="153"/>
        <source>{0} mục cần xử lý.</source>
        <translation>{0} item(s) to settle.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync/problems_dialog.py" line="155"/>
        <source>Không còn mục nào bị từ chối hay xung đột.</source>
        <translation>No refused or conflicting items left.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../app/ui/sync_status.py" line="26"/>
        <source>Ngoại tuyến (chưa cấu hình máy chủ) — {0} mục chờ đồng bộ</source>
        <translation>Offline (no server configured) — {0} items waiting to sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_status.py" line="30"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_status.py" line="33"/>
        <source>Ngoại tuyến — {0} mục chờ đồng bộ ({1})</source>
        <translation>Offline — {0} items waiting to sync ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_status.py" line="38"/>
        <source>Đã đồng bộ lúc {0}</source>
        <translation>Synced at {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_status.py" line="40"/>
        <source> — {0} mục bị từ chối</source>
        <translation> — {0} items rejected</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_status.py" line="44"/>
        <source>Chưa đồng bộ — {0} mục chờ</source>
        <translation>Not synced yet — {0} items waiting</translation>
    </message>
</context>
<context>
    <name>TypedEntryDialog</name>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="28"/>
        <source>Nhập thông tin từ thẻ</source>
        <translation>Enter the card details</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="39"/>
        <source>Số &amp;định danh (12 số):</source>
        <translation>Personal &amp;ID number (12 digits):</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="40"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="41"/>
        <source>Ngày &amp;sinh:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="42"/>
        <source>&amp;Giới tính:</source>
        <translation>&amp;Sex:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="43"/>
        <source>Nơi &amp;thường trú:</source>
        <translation>Permanent &amp;residence:</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/dialogs.py" line="53"/>
        <source>Chỉ dùng khi không đọc được chip và mã QR.</source>
        <translation>Use only when neither the chip nor the QR code can be read.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="210"/>
        <source>MotCua — Màn hình đã khoá</source>
        <translation>MotCua — Screen locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="220"/>
        <source>Mở khoá</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="225"/>
        <source>Màn hình đã khoá do không thao tác. Công việc đang làm được giữ nguyên.</source>
        <translation>The screen was locked after a period of inactivity. Your work in progress is kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="229"/>
        <source>Cán bộ:</source>
        <translation>Officer:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="230"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Mật khẩu không đúng.</source>
        <translation type="vanished">Incorrect password.</translation>
    </message>
</context>
<context>
    <name>dossiers</name>
    <message>
        <source>Đã tiếp nhận</source>
        <translation type="vanished">Received</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation type="vanished">Awaiting additions</translation>
    </message>
    <message>
        <source>Đã bổ sung đủ</source>
        <translation type="vanished">Additions complete</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation type="vanished">In processing</translation>
    </message>
    <message>
        <source>Có kết quả</source>
        <translation type="vanished">Result ready</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation type="vanished">Results returned</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận</source>
        <translation type="vanished">Refused</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation type="vanished">Processing stopped</translation>
    </message>
    <message>
        <source>Đã rút hồ sơ</source>
        <translation type="vanished">Withdrawn</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="15"/>
        <source>Yêu cầu &amp;bổ sung…</source>
        <translation>Request &amp;additions…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="16"/>
        <source>Đã bổ sung đủ (&amp;nhận lại)</source>
        <translation>Additions complete (&amp;re-accept)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="17"/>
        <source>Chuyển &amp;giải quyết</source>
        <translation>Send for &amp;processing</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="18"/>
        <source>Đã có &amp;kết quả</source>
        <translation>Result read&amp;y</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="19"/>
        <source>&amp;Trả kết quả…</source>
        <translation>Re&amp;turn results…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="20"/>
        <source>Từ &amp;chối tiếp nhận (mẫu 03)…</source>
        <translation>Re&amp;fuse to accept (form 03)…</translation>
    </message>
    <message>
        <source>Từ &amp;chối…</source>
        <translation type="vanished">Re&amp;fuse…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="21"/>
        <source>&amp;Dừng giải quyết…</source>
        <translation>&amp;Stop processing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="22"/>
        <source>&amp;Rút hồ sơ…</source>
        <translation>&amp;Withdraw dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="27"/>
        <source>Giấy tờ cần bổ sung và lý do (in trên mẫu 02):</source>
        <translation>Documents to add and the reason (printed on form 02):</translation>
    </message>
    <message>
        <source>Lý do từ chối tiếp nhận (in trên mẫu 03):</source>
        <translation type="vanished">Reason for refusing the dossier (printed on form 03):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="30"/>
        <source>Lý do dừng giải quyết (in trên mẫu 05):</source>
        <translation>Reason for stopping processing (printed on form 05):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="31"/>
        <source>Lý do công dân rút hồ sơ:</source>
        <translation>Reason the citizen withdraws the dossier:</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation type="vanished">Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation type="vanished">On time</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="vanished">Late</translation>
    </message>
    <message>
        <source>Trong hạn</source>
        <translation type="vanished">Within time limit</translation>
    </message>
    <message>
        <source>Đã quá hạn</source>
        <translation type="vanished">Overdue</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation type="vanished">Paused</translation>
    </message>
    <message>
        <source>—</source>
        <translation type="vanished">—</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="35"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="36"/>
        <source>Bản sao</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="37"/>
        <source>Bản sao chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/labels.py" line="38"/>
        <source>Bản chính hoặc bản sao</source>
        <translation>Original or copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="32"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="33"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="34"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="35"/>
        <source>Ngày nhận</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="36"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="37"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="38"/>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="39"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="42"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="43"/>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossiers/list_model.py" line="44"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../app/errors.py" line="131"/>
        <source>Tệp cài đặt bị hỏng</source>
        <translation>Settings file damaged</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="132"/>
        <source>Không đọc được tệp cài đặt. Tệp cũ đã được cất sang một bên.</source>
        <translation>The settings file could not be read. The old file was set aside.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="133"/>
        <source>Phần mềm dùng cài đặt mặc định; hãy kiểm tra lại trong Cài đặt.</source>
        <translation>MotCua is using default settings; please review them in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="138"/>
        <source>Cài đặt không hợp lệ</source>
        <translation>Invalid settings</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="139"/>
        <source>Một số giá trị cài đặt không hợp lệ.</source>
        <translation>Some settings have invalid values.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="140"/>
        <source>Sửa các ô được đánh dấu rồi lưu lại.</source>
        <translation>Correct the highlighted fields and save again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="143"/>
        <source>Cơ sở dữ liệu của phiên bản mới hơn</source>
        <translation>Database from a newer version</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="144"/>
        <source>Cơ sở dữ liệu được tạo bởi phiên bản MotCua mới hơn phiên bản này.</source>
        <translation>The database was created by a newer version of MotCua than this one.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="147"/>
        <source>Hãy cài phiên bản MotCua mới nhất. Dữ liệu không bị thay đổi.</source>
        <translation>Install the latest version of MotCua. Your data has not been changed.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="152"/>
        <source>Cơ sở dữ liệu bị hỏng</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="153"/>
        <source>Không đọc được cơ sở dữ liệu cục bộ.</source>
        <translation>The local database cannot be read.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="154"/>
        <source>Liên hệ bộ phận hỗ trợ kỹ thuật; đừng xoá thư mục dữ liệu.</source>
        <translation>Contact technical support; do not delete the data folder.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="157"/>
        <source>Cơ sở dữ liệu đang bận</source>
        <translation>Database busy</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="158"/>
        <source>Một chương trình khác đang giữ cơ sở dữ liệu.</source>
        <translation>Another program is holding the database.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="159"/>
        <source>Đợi vài giây rồi thử lại.</source>
        <translation>Wait a few seconds and try again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="162"/>
        <source>Ổ đĩa đầy</source>
        <translation>Disk full</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="163"/>
        <source>Không còn chỗ trống để lưu dữ liệu.</source>
        <translation>There is no free space left to save data.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="164"/>
        <source>Giải phóng dung lượng ổ đĩa rồi thử lại. Dữ liệu đang nhập vẫn được giữ.</source>
        <translation>Free up disk space and try again. The data being entered is kept.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="169"/>
        <source>Không ghi được dữ liệu</source>
        <translation>Cannot save data</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="170"/>
        <source>Thư mục dữ liệu chỉ cho phép đọc.</source>
        <translation>The data folder is read-only.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="171"/>
        <source>Kiểm tra quyền ghi của thư mục dữ liệu.</source>
        <translation>Check the write permissions of the data folder.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="174"/>
        <source>MotCua đang chạy</source>
        <translation>MotCua is already running</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="175"/>
        <source>Một cửa sổ MotCua khác đang dùng cùng thư mục dữ liệu.</source>
        <translation>Another MotCua window is using the same data folder.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="176"/>
        <source>Dùng cửa sổ đang mở.</source>
        <translation>Use the window that is already open.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="179"/>
        <source>Không có kho khoá bảo mật</source>
        <translation>No secure keyring</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="180"/>
        <source>Hệ điều hành không cung cấp kho khoá (keyring).</source>
        <translation>The operating system provides no keyring.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="181"/>
        <source>Xem mục «Kho khoá» trong hướng dẫn cài đặt.</source>
        <translation>See the “Keyring” section of the installation guide.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="184"/>
        <source>Đăng nhập không thành công</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="185"/>
        <source>Tên đăng nhập hoặc mật khẩu không đúng.</source>
        <translation>Incorrect user name or password.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="186"/>
        <source>Nhập lại; kiểm tra phím Caps Lock và bộ gõ tiếng Việt.</source>
        <translation>Try again; check Caps Lock and the Vietnamese input method.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="189"/>
        <source>Tài khoản tạm khoá</source>
        <translation>Account temporarily locked</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="190"/>
        <source>Đăng nhập sai quá 5 lần nên tài khoản bị khoá 15 phút.</source>
        <translation>After more than 5 failed sign-ins the account is locked for 15 minutes.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="191"/>
        <source>Đợi hết thời gian khoá hoặc nhờ quản trị viên mở khoá.</source>
        <translation>Wait until the lock expires or ask an administrator to unlock it.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="194"/>
        <source>Mật khẩu quá ngắn</source>
        <translation>Password too short</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="195"/>
        <source>Mật khẩu phải có ít nhất 8 ký tự.</source>
        <translation>The password must have at least 8 characters.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="196"/>
        <source>Chọn mật khẩu dài hơn.</source>
        <translation>Choose a longer password.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="199"/>
        <source>Dịch vụ thẻ thông minh không chạy</source>
        <translation>Smart card service not running</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="200"/>
        <source>Không kết nối được dịch vụ đọc thẻ thông minh (PC/SC).</source>
        <translation>Cannot connect to the smart card service (PC/SC).</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="201"/>
        <source>Khởi động lại dịch vụ Smart Card (Windows) hoặc pcscd (Linux).</source>
        <translation>Restart the Smart Card service (Windows) or pcscd (Linux).</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="206"/>
        <source>Không có đầu đọc thẻ</source>
        <translation>No card reader</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="207"/>
        <source>Không tìm thấy đầu đọc thẻ nào.</source>
        <translation>No card reader was found.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="208"/>
        <source>Cắm đầu đọc thẻ vào cổng USB rồi thử lại.</source>
        <translation>Plug the card reader into a USB port and try again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="211"/>
        <source>Chưa có thẻ</source>
        <translation>No card</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="212"/>
        <source>Không có thẻ trên đầu đọc.</source>
        <translation>There is no card on the reader.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="213"/>
        <source>Đặt thẻ căn cước lên đầu đọc và giữ yên.</source>
        <translation>Place the ID card on the reader and keep it still.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="216"/>
        <source>Thẻ bị nhấc ra khi đang đọc</source>
        <translation>Card removed while reading</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="217"/>
        <source>Thẻ bị nhấc ra trước khi đọc xong; chưa có dữ liệu nào được dùng.</source>
        <translation>The card was removed before reading finished; none of its data was used.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="220"/>
        <source>Đặt lại thẻ lên đầu đọc, giữ yên đến khi đọc xong.</source>
        <translation>Place the card back on the reader and keep it still until reading finishes.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="223"/>
        <source>Thẻ từ chối truy cập</source>
        <translation>Card refused access</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="224"/>
        <source>Khoá truy cập không khớp với thẻ (số định danh, ngày sinh hoặc ngày hết hạn sai).</source>
        <translation>The access key does not match the card (wrong personal ID number, date of birth or expiry date).</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="228"/>
        <source>Hỏi lại công dân và nhập lại thông tin trên thẻ.</source>
        <translation>Ask the citizen again and re-enter the details on the card.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="231"/>
        <source>Thẻ không được hỗ trợ</source>
        <translation>Card not supported</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="232"/>
        <source>Đây không phải thẻ căn cước gắn chip hay hộ chiếu điện tử.</source>
        <translation>This is not a chip ID card or an e-passport.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="233"/>
        <source>Dùng quét mã QR hoặc nhập tay.</source>
        <translation>Scan the QR code or type the details instead.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="236"/>
        <source>Không đọc được dữ liệu</source>
        <translation>Cannot read the data</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="237"/>
        <source>Dữ liệu trên thẻ không đúng định dạng.</source>
        <translation>The data on the card is not in the expected format.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="238"/>
        <source>Thử đọc lại; nếu vẫn lỗi, dùng quét mã QR hoặc nhập tay.</source>
        <translation>Try reading again; if it still fails, scan the QR code or type the details.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="241"/>
        <source>CẢNH BÁO: thẻ không xác thực được</source>
        <translation>WARNING: card could not be authenticated</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="242"/>
        <source>Kiểm tra tính xác thực của thẻ không đạt.</source>
        <translation>The card failed the authenticity check.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="243"/>
        <source>Không tiếp nhận bằng thẻ này; báo lãnh đạo bộ phận.</source>
        <translation>Do not accept dossiers with this card; inform the desk supervisor.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="246"/>
        <source>Thẻ đã hết hạn</source>
        <translation>Card expired</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="247"/>
        <source>Thẻ căn cước đã quá ngày hết hạn.</source>
        <translation>The ID card is past its expiry date.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="248"/>
        <source>Có thể tiếp tục nếu ghi rõ lý do; nhắc công dân đi đổi thẻ.</source>
        <translation>You may continue if you record the reason; remind the citizen to renew the card.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="251"/>
        <source>Mã QR không hợp lệ</source>
        <translation>Invalid QR code</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="252"/>
        <source>Nội dung quét được không phải mã QR của thẻ căn cước.</source>
        <translation>What was scanned is not the QR code of an ID card.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="253"/>
        <source>Quét lại mặt có mã QR của thẻ căn cước.</source>
        <translation>Scan the side of the ID card that has the QR code again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="256"/>
        <source>Máy quét gửi sai dấu tiếng Việt</source>
        <translation>Scanner sent garbled Vietnamese</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="257"/>
        <source>Chữ tiếng Việt từ máy quét bị bộ gõ (Unikey/Telex) làm sai.</source>
        <translation>The Vietnamese input method (Unikey/Telex) garbled the text from the scanner.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="258"/>
        <source>Tắt bộ gõ tiếng Việt (chuyển sang chế độ E) rồi quét lại.</source>
        <translation>Turn off the Vietnamese input method (switch to E mode) and scan again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="261"/>
        <source>Số định danh không hợp lệ</source>
        <translation>Invalid personal ID number</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="262"/>
        <source>Số định danh cá nhân không đúng quy tắc.</source>
        <translation>The personal ID number does not follow the numbering rules.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="263"/>
        <source>Kiểm tra lại 12 chữ số trên thẻ.</source>
        <translation>Check the 12 digits on the card again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="266"/>
        <source>Danh mục thủ tục không hợp lệ</source>
        <translation>Invalid procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="267"/>
        <source>Tệp danh mục thủ tục có lỗi; danh mục cũ vẫn được dùng.</source>
        <translation>The procedure catalogue file has errors; the previous catalogue is still in use.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="268"/>
        <location filename="../../app/errors.py" line="273"/>
        <source>Sửa tệp theo vị trí lỗi được báo rồi nạp lại.</source>
        <translation>Fix the file at the reported position and load it again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="271"/>
        <source>Lịch ngày nghỉ không hợp lệ</source>
        <translation>Invalid holiday calendar</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="272"/>
        <source>Tệp lịch ngày nghỉ có lỗi; lịch cũ vẫn được dùng.</source>
        <translation>The holiday calendar file has errors; the previous calendar is still in use.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="276"/>
        <source>Hồ sơ chưa đủ giấy tờ</source>
        <translation>Dossier incomplete</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="277"/>
        <source>Còn thiếu giấy tờ bắt buộc nên chưa lập giấy tiếp nhận.</source>
        <translation>Required documents are missing, so no intake receipt was issued.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="278"/>
        <source>In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) cho công dân.</source>
        <translation>Print the request for additional documents (form 02) for the citizen.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="283"/>
        <source>Thiếu địa chỉ nhận kết quả</source>
        <translation>Postal address missing</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="284"/>
        <source>Công dân chọn nhận kết quả qua bưu chính nhưng chưa có địa chỉ; hồ sơ chưa được lưu.</source>
        <translation>The citizen chose to receive the result by post but no address was entered; the dossier was not saved.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="288"/>
        <source>Nhập địa chỉ nhận kết quả, hoặc chọn nhận kết quả điện tử hay tại quầy.</source>
        <translation>Enter the postal address, or choose electronic delivery or collection at the counter.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="293"/>
        <source>Tệp quá lớn</source>
        <translation>File too large</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="294"/>
        <source>Tệp đính kèm vượt quá dung lượng cho phép.</source>
        <translation>The attachment is larger than allowed.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="295"/>
        <source>Quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp.</source>
        <translation>Scan again at a lower resolution or split the file.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="298"/>
        <source>Loại tệp không được nhận</source>
        <translation>File type not accepted</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="299"/>
        <source>Chỉ nhận ảnh (JPEG, PNG, TIFF) và PDF.</source>
        <translation>Only images (JPEG, PNG, TIFF) and PDF are accepted.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="300"/>
        <source>Chọn tệp đúng loại.</source>
        <translation>Choose a file of an accepted type.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="303"/>
        <source>Tệp bị hỏng</source>
        <translation>File damaged</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="304"/>
        <source>Không mở được tệp đính kèm; không có gì được lưu.</source>
        <translation>The attachment cannot be opened; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="305"/>
        <source>Quét lại giấy tờ.</source>
        <translation>Scan the document again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="308"/>
        <source>Không thể chuyển trạng thái</source>
        <translation>Status change not allowed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="309"/>
        <source>Hồ sơ đang ở trạng thái không cho phép thao tác này.</source>
        <translation>The dossier&apos;s current status does not allow this action.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="310"/>
        <source>Xem lịch sử hồ sơ để biết trạng thái hiện tại.</source>
        <translation>See the dossier history for its current status.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="313"/>
        <source>Không có máy in</source>
        <translation>No printer</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="314"/>
        <source>Không tìm thấy máy in nào.</source>
        <translation>No printer was found.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="315"/>
        <source>Cài máy in hoặc chọn máy in khác trong Cài đặt; có thể lưu PDF.</source>
        <translation>Install a printer or choose another one in Settings; you can also save a PDF.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="320"/>
        <source>In không thành công</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="321"/>
        <source>Máy in báo lỗi khi in.</source>
        <translation>The printer reported an error while printing.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="322"/>
        <source>Kiểm tra giấy và máy in rồi in lại từ danh sách hồ sơ.</source>
        <translation>Check the paper and the printer, then reprint from the dossier list.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="325"/>
        <source>Không kết nối được máy chủ</source>
        <translation>Cannot reach the server</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="326"/>
        <source>Không kết nối được hệ thống trung tâm.</source>
        <translation>Cannot connect to the central system.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="327"/>
        <source>Vẫn làm việc bình thường; dữ liệu sẽ tự đồng bộ khi có mạng.</source>
        <translation>Keep working as usual; data will sync automatically when the network is back.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="330"/>
        <source>Quầy chưa được đăng ký với hệ thống trung tâm</source>
        <translation>Counter not registered with the central system</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="331"/>
        <source>Máy này chưa có thông tin xác thực để đồng bộ.</source>
        <translation>This computer has no credentials to sync yet.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="332"/>
        <source>Xin mã đăng ký một lần từ quản trị viên rồi đăng ký trong Cài đặt.</source>
        <translation>Ask an administrator for a one-time registration code, then register in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="337"/>
        <source>Đăng ký quầy không thành công</source>
        <translation>Counter registration failed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="338"/>
        <source>Mã đăng ký sai, đã dùng hoặc đã hết hạn.</source>
        <translation>The registration code is wrong, already used or expired.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="339"/>
        <source>Xin quản trị viên cấp mã đăng ký mới rồi nhập lại.</source>
        <translation>Ask an administrator for a new registration code and enter it again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="342"/>
        <source>Chứng chỉ máy chủ không đúng</source>
        <translation>Wrong server certificate</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="343"/>
        <source>Chứng chỉ bảo mật của máy chủ không khớp với chứng chỉ đã cấu hình; chưa có dữ liệu nào được gửi.</source>
        <translation>The server&apos;s security certificate does not match the configured certificate; no data was sent.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="348"/>
        <source>Báo ngay bộ phận kỹ thuật; không đổi cấu hình nếu chưa được hướng dẫn.</source>
        <translation>Inform technical staff at once; do not change the configuration unless instructed.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="353"/>
        <source>Quầy đã bị thu hồi quyền đồng bộ</source>
        <translation>Counter&apos;s sync access revoked</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="354"/>
        <source>Hệ thống trung tâm từ chối thông tin xác thực của máy này.</source>
        <translation>The central system rejected this computer&apos;s credentials.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="355"/>
        <source>Liên hệ quản trị viên để đăng ký lại; hồ sơ đã nhập vẫn được giữ trên máy.</source>
        <translation>Contact an administrator to register again; dossiers already entered are kept on this computer.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="361"/>
        <source>Sai đơn vị</source>
        <translation>Wrong office</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="362"/>
        <source>Mã đơn vị trong Cài đặt khác với đơn vị quầy này đã đăng ký.</source>
        <translation>The office code in Settings differs from the office this counter was registered for.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="363"/>
        <source>Kiểm tra mã đơn vị trong Cài đặt hoặc đăng ký lại quầy.</source>
        <translation>Check the office code in Settings or register the counter again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="366"/>
        <source>Đồng hồ máy bị lệch</source>
        <translation>Computer clock is wrong</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="367"/>
        <source>Giờ của máy tính lệch nhiều so với giờ của hệ thống trung tâm.</source>
        <translation>This computer&apos;s clock is far off the central system&apos;s time.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="370"/>
        <source>Chỉnh lại ngày giờ của máy tính; giờ tiếp nhận hồ sơ phụ thuộc vào nó.</source>
        <translation>Correct the computer&apos;s date and time; dossier intake times depend on it.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="375"/>
        <source>Hết số thứ tự hồ sơ dự phòng trong ngày</source>
        <translation>Offline dossier numbers for today are used up</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="376"/>
        <source>Quầy đã dùng hết số thứ tự dự phòng khi không kết nối được hệ thống trung tâm; hồ sơ chưa được lưu, thông tin đã nhập vẫn còn trên màn hình.</source>
        <translation>This counter has used all its reserve dossier numbers while the central system could not be reached; the dossier was not saved and what was entered is still on screen.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="381"/>
        <source>Kết nối mạng rồi bấm Đồng bộ để nhận thêm số thứ tự, sau đó lưu lại.</source>
        <translation>Connect to the network and press Sync to get more numbers, then save again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="386"/>
        <source>Hệ thống trung tâm từ chối dữ liệu</source>
        <translation>Central system rejected data</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="387"/>
        <source>Một số hồ sơ không được nhận; các hồ sơ khác vẫn được đồng bộ.</source>
        <translation>Some dossiers were not accepted; the others are still synced.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="390"/>
        <source>Xem danh sách dữ liệu bị từ chối và lý do (bấm vào trạng thái đồng bộ hoặc Ctrl+F9): lấy bản của trung tâm, ghi lại thay đổi của mình hoặc bỏ thay đổi.</source>
        <translation>See the list of refused data and the reasons (click the sync status or press Ctrl+F9): take central&apos;s version, re-apply your change or discard it.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="397"/>
        <source>Địa chỉ máy chủ trung tâm không an toàn</source>
        <translation>Central server address is not secure</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="398"/>
        <source>Đồng bộ chỉ dùng địa chỉ https kèm dấu vân tay chứng chỉ đã ghi khi đăng ký quầy; địa chỉ này thiếu một trong hai. Chưa có dữ liệu nào được gửi.</source>
        <translation>Sync only uses an https address with the certificate fingerprint recorded when the counter was enrolled; this address lacks one of them. No data has been sent.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="403"/>
        <source>Nhờ quản trị viên đăng ký lại quầy với địa chỉ https và dấu vân tay SHA-256 của chứng chỉ máy chủ.</source>
        <translation>Ask an administrator to enrol the counter again with an https address and the SHA-256 fingerprint of the server certificate.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="544"/>
        <source>Không có máy ảnh</source>
        <translation>No camera</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="545"/>
        <source>Máy tính này không có máy ảnh dùng được; bỏ qua bước đối chiếu khuôn mặt.</source>
        <translation>This computer has no usable camera; the face match is skipped.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="548"/>
        <source>Tiếp tục tiếp nhận hồ sơ. Cắm máy ảnh rồi bấm F6 nếu cần đối chiếu.</source>
        <translation>Go on with the intake. Plug in a camera and press F6 if a match is needed.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="553"/>
        <source>Máy ảnh đang bận</source>
        <translation>The camera is busy</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="554"/>
        <source>Máy ảnh đang được một chương trình khác sử dụng, hoặc không mở được.</source>
        <translation>The camera is in use by another program, or cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="557"/>
        <source>Đóng chương trình kia (họp trực tuyến…), kiểm tra dây cắm máy ảnh rồi bấm F6; hồ sơ vẫn tiếp nhận được.</source>
        <translation>Close the other program (online meeting…), check the camera&apos;s cable, then press F6; the dossier can still be received.</translation>
    </message>
    <message>
        <source>Máy ảnh đang được một chương trình khác sử dụng.</source>
        <translation type="vanished">Another program is using the camera.</translation>
    </message>
    <message>
        <source>Đóng chương trình kia (họp trực tuyến…) rồi bấm F6; hồ sơ vẫn tiếp nhận được.</source>
        <translation type="vanished">Close the other program (video call…) and press F6; the dossier can still be received.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="564"/>
        <source>Không được phép dùng máy ảnh</source>
        <translation>Camera use not allowed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="565"/>
        <source>Hệ điều hành đã chặn quyền dùng máy ảnh của MotCua.</source>
        <translation>The operating system blocked MotCua&apos;s use of the camera.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="566"/>
        <source>Nhờ quản trị viên cho phép MotCua dùng máy ảnh; hồ sơ vẫn tiếp nhận bình thường.</source>
        <translation>Ask the administrator to allow MotCua to use the camera; the dossier is received as usual.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="572"/>
        <source>Chưa có sự đồng ý của người dân</source>
        <translation>No consent from the citizen</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="573"/>
        <source>Đối chiếu khuôn mặt là xử lý dữ liệu sinh trắc, cần người dân đồng ý.</source>
        <translation>The face match processes biometric data and needs the citizen&apos;s consent.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="576"/>
        <source>Hỏi người dân; nếu đồng ý, đánh dấu ô xác nhận rồi chụp lại.</source>
        <translation>Ask the citizen; if they agree, tick the confirmation box and capture again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="579"/>
        <source>Thiếu lý do xác nhận thay</source>
        <translation>Override reason missing</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="580"/>
        <source>Xác nhận thay kết quả đối chiếu cần ghi lý do.</source>
        <translation>Overriding a face-match result needs a reason.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="581"/>
        <source>Nhập lý do (ít nhất 10 ký tự) rồi xác nhận lại.</source>
        <translation>Enter a reason (at least 10 characters) and confirm again.</translation>
    </message>
    <message>
        <source>Xem danh sách dữ liệu bị từ chối và lý do; báo bộ phận kỹ thuật.</source>
        <translation type="vanished">See the list of rejected data and the reasons; inform technical staff.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="410"/>
        <source>Không mở được cơ sở dữ liệu đã mã hoá</source>
        <translation>Cannot open the encrypted database</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="411"/>
        <source>Khoá mã hoá trên máy này không mở được cơ sở dữ liệu (tệp được chép từ máy khác, khoá bị mất hoặc tệp bị hỏng). Tệp dữ liệu không bị thay đổi.</source>
        <translation>The encryption key on this computer cannot open the database (the file was copied from another computer, the key was lost or the file is damaged). The data file has not been changed.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="416"/>
        <source>Liên hệ bộ phận hỗ trợ kỹ thuật; đừng xoá hay ghi đè thư mục dữ liệu.</source>
        <translation>Contact technical support; do not delete or overwrite the data folder.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="421"/>
        <source>Tệp dữ liệu không phải của quầy này</source>
        <translation>The data file is not this counter&apos;s</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="422"/>
        <source>Tệp cơ sở dữ liệu trong thư mục dữ liệu không phải tệp mà quầy này đã tạo (tệp không mã hoá, tệp của máy khác hoặc đã bị thay thế). Phần mềm không mở tệp đó và không thay đổi gì.</source>
        <translation>The database file in the data folder is not the one this counter created (an unencrypted file, another machine&apos;s file, or it was replaced). MotCua did not open it and changed nothing.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="428"/>
        <source>Không dùng máy này và báo quản trị viên: khôi phục tệp đúng từ thư mục backups/ cạnh dữ liệu, hoặc chạy «motcua security reset-store» (xem docs/security.md).</source>
        <translation>Do not use this PC and tell the administrator: restore the right file from the backups/ folder beside the data, or run «motcua security reset-store» (see docs/security.md).</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="436"/>
        <source>Mất cơ sở dữ liệu của quầy</source>
        <translation>The counter&apos;s database is missing</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="437"/>
        <source>Máy này đã có cơ sở dữ liệu của quầy nhưng tệp không còn trong thư mục dữ liệu. Phần mềm không tạo dữ liệu mới thay thế.</source>
        <translation>This PC had the counter&apos;s database, but the file is no longer in the data folder. MotCua does not create new data in its place.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="442"/>
        <source>Báo quản trị viên: đặt lại tệp từ bản sao lưu (thư mục backups/ cạnh dữ liệu), hoặc chạy «motcua security reset-store» rồi đăng ký lại quầy (xem docs/security.md).</source>
        <translation>Tell the administrator: put the file back from a backup (the backups/ folder beside the data), or run «motcua security reset-store» and then enrol the counter again (see docs/security.md).</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="450"/>
        <source>Tệp khoá không an toàn</source>
        <translation>Key file not secure</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="451"/>
        <source>Tệp khoá mã hoá dữ liệu có thể bị người dùng khác trên máy đọc được.</source>
        <translation>The data encryption key file may be readable by other users on this computer.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="454"/>
        <source>Chỉ để tài khoản chạy MotCua được đọc tệp khoá (quyền 0600) rồi mở lại.</source>
        <translation>Let only the account running MotCua read the key file (permissions 0600), then reopen.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="459"/>
        <source>Không có quyền</source>
        <translation>Not permitted</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="460"/>
        <source>Tài khoản của bạn không được phép thực hiện thao tác này.</source>
        <translation>Your account is not allowed to perform this action.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="461"/>
        <source>Nhờ lãnh đạo bộ phận hoặc quản trị viên thực hiện.</source>
        <translation>Ask the desk supervisor or an administrator to do it.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="464"/>
        <source>Tên tệp không hợp lệ</source>
        <translation>Invalid file name</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="465"/>
        <source>Tên tệp chứa đường dẫn hoặc ký tự không được phép; tệp không được nhận.</source>
        <translation>The file name contains a path or characters that are not allowed; the file was not accepted.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="468"/>
        <source>Đổi tên tệp (chỉ chữ, số, dấu gạch) rồi chọn lại.</source>
        <translation>Rename the file (letters, digits and dashes only) and choose it again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="471"/>
        <source>Tệp đính kèm bị thay đổi</source>
        <translation>Attachment altered</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="472"/>
        <source>Tệp đính kèm đã bị sửa, bị hỏng hoặc được mã hoá bằng khoá khác nên không mở được.</source>
        <translation>The attachment was modified, is damaged or was encrypted with another key, so it cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="476"/>
        <source>Báo bộ phận kỹ thuật; lấy lại bản quét từ hệ thống trung tâm hoặc quét lại.</source>
        <translation>Inform technical staff; fetch the scan again from the central system or rescan.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="481"/>
        <source>Nhật ký truy cập bị can thiệp</source>
        <translation>Access log tampered with</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="482"/>
        <source>Nhật ký truy cập dữ liệu cá nhân có bản ghi bị sửa, bị xoá hoặc bị đảo thứ tự.</source>
        <translation>The personal data access log has entries that were modified, deleted or reordered.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="486"/>
        <source>Không sửa gì thêm trên máy; báo ngay lãnh đạo và bộ phận an toàn thông tin.</source>
        <translation>Change nothing more on this computer; inform the management and the information security team at once.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="492"/>
        <source>Nội dung quá dài</source>
        <translation>Text too long</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="493"/>
        <source>Một ô nhập vượt quá số ký tự cho phép; chưa có gì được lưu.</source>
        <translation>A field exceeds the allowed number of characters; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="494"/>
        <source>Rút gọn nội dung ô được báo rồi lưu lại.</source>
        <translation>Shorten the reported field and save again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="497"/>
        <source>Nội dung có ký tự không được phép</source>
        <translation>Text contains characters that are not allowed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="498"/>
        <source>Một ô nhập chứa ký tự hỏng hoặc ký tự rỗng không lưu được; chưa có gì được lưu.</source>
        <translation>A field contains broken or null characters that cannot be saved; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="502"/>
        <source>Gõ lại nội dung ô được báo thay vì dán từ nguồn khác.</source>
        <translation>Retype the reported field instead of pasting it from elsewhere.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="505"/>
        <source>Không lưu được tệp xuất</source>
        <translation>Export file not saved</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="506"/>
        <source>Không ghi được tệp vào thư mục đã chọn (ổ đĩa đầy, chỉ đọc hoặc đã bị rút ra).</source>
        <translation>The file could not be written to the chosen folder (disk full, read-only or removed).</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="510"/>
        <source>Chọn thư mục khác hoặc kiểm tra ổ đĩa rồi xuất lại.</source>
        <translation>Choose another folder or check the drive, then export again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="513"/>
        <source>Không phải chứng thư CSCA</source>
        <translation>Not a CSCA certificate</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="514"/>
        <source>Tệp đã chọn không phải chứng thư CSCA (DER/PEM) hay danh sách ICAO.</source>
        <translation>The chosen file is not a CSCA certificate (DER/PEM) or an ICAO master list.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="517"/>
        <source>Chọn đúng tệp do cơ quan cấp thẻ cung cấp.</source>
        <translation>Choose the file supplied by the card issuing authority.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="520"/>
        <source>Danh sách CSCA không được ký hợp lệ</source>
        <translation>CSCA list not validly signed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="521"/>
        <source>Chữ ký của danh sách ICAO không đúng hoặc người ký không thuộc danh sách: tệp có thể đã bị sửa. Chưa thêm chứng thư nào.</source>
        <translation>The ICAO list&apos;s signature is wrong, or its signer is not vouched for by the list: the file may have been altered. No certificate was added.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="526"/>
        <source>Tải lại danh sách từ nguồn chính thức của cơ quan cấp rồi nhập lại.</source>
        <translation>Download the list again from the issuing authority&apos;s official source, then import it again.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="531"/>
        <source>Chưa cài chức năng đối chiếu khuôn mặt</source>
        <translation>Face match is not installed</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="532"/>
        <source>Máy này chưa có mô hình nhận dạng khuôn mặt; hồ sơ vẫn tiếp nhận bình thường.</source>
        <translation>This computer has no face recognition model; dossiers are received as usual.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="536"/>
        <source>Nhờ quản trị viên cài gói bổ sung motcua[face].</source>
        <translation>Ask the administrator to install the motcua[face] extra.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="539"/>
        <source>Không đọc được ảnh khuôn mặt</source>
        <translation>Cannot read the face image</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="540"/>
        <source>Tệp ảnh không phải JPEG, JPEG 2000 hay PNG hợp lệ.</source>
        <translation>The image file is not a valid JPEG, JPEG 2000 or PNG.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="541"/>
        <source>Chọn tệp ảnh khác.</source>
        <translation>Choose another image file.</translation>
    </message>
</context>
<context>
    <name>event_fields</name>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="19"/>
        <source>Họ tên trẻ</source>
        <translation>Child&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="20"/>
        <source>Ngày sinh của trẻ</source>
        <translation>Child&apos;s date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="21"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="22"/>
        <source>Cha/mẹ/người giám hộ (TK1-TS mục 10)</source>
        <translation>Parent or guardian (TK1-TS item 10)</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="23"/>
        <source>Số giấy chứng sinh</source>
        <translation>Birth certificate number</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="24"/>
        <source>Nơi sinh</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="27"/>
        <source>Họ tên người mất</source>
        <translation>Deceased&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="28"/>
        <source>Số định danh người mất</source>
        <translation>Deceased&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="29"/>
        <source>Ngày mất</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="30"/>
        <source>Quan hệ với người mất</source>
        <translation>Relation to the deceased</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/event_fields.py" line="31"/>
        <source>Số giấy báo tử</source>
        <translation>Death notice number</translation>
    </message>
</context>
<context>
    <name>events</name>
    <message>
        <location filename="../../app/ui/events/texts.py" line="11"/>
        <source>Sinh (giấy chứng sinh)</source>
        <translation>Birth (birth certificate)</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="12"/>
        <source>Tử (giấy báo tử)</source>
        <translation>Death (death notice)</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="15"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="16"/>
        <source>Thư mời</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="17"/>
        <source>Đến nhà</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="20"/>
        <source>Đã liên hệ được</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="21"/>
        <source>Không nghe máy</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="22"/>
        <source>Sai số điện thoại</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="23"/>
        <source>Đã gửi thư</source>
        <translation>Letter sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="24"/>
        <source>Gia đình hẹn đến nộp</source>
        <translation>Family will come to file</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="25"/>
        <source>Gia đình không nộp</source>
        <translation>Family declined</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="28"/>
        <source>Chờ gia đình</source>
        <translation>Waiting for the family</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="29"/>
        <source>Đã có hồ sơ</source>
        <translation>Dossier taken in</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="30"/>
        <source>Không phát sinh chế độ</source>
        <translation>No benefit arises</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="44"/>
        <source>Không giới hạn</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="46"/>
        <source>Quá hạn %1 ngày</source>
        <translation>%1 day(s) past the limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="50"/>
        <source>Hạn chót hôm nay</source>
        <translation>Last day today</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="51"/>
        <source>Còn %1 ngày</source>
        <translation>%1 day(s) left</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="56"/>
        <source>Mẹ: %1</source>
        <translation>Mother: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/events/texts.py" line="57"/>
        <source>Người mất: %1</source>
        <translation>Deceased: %1</translation>
    </message>
</context>
<context>
    <name>face</name>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="51"/>
        <source>Không thấy khuôn mặt: mời người dân ngồi ngay trước máy ảnh.</source>
        <translation>No face seen: ask the citizen to sit right in front of the camera.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="54"/>
        <source>Có nhiều khuôn mặt: chỉ để một người trước máy ảnh.</source>
        <translation>Several faces: only one person in front of the camera.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="57"/>
        <source>Khuôn mặt quá nhỏ: mời người dân ngồi gần máy ảnh hơn.</source>
        <translation>Face too small: ask the citizen to sit closer to the camera.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="60"/>
        <source>Ảnh bị nhòe: mời người dân ngồi yên, lau ống kính nếu cần.</source>
        <translation>Image blurred: ask the citizen to keep still; clean the lens if needed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="63"/>
        <source>Mặt quay nghiêng: mời người dân nhìn thẳng vào máy ảnh.</source>
        <translation>Face turned: ask the citizen to look straight at the camera.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="66"/>
        <source>Ảnh quá tối: bật thêm đèn ở quầy.</source>
        <translation>Image too dark: turn on more light at the counter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="67"/>
        <source>Ảnh quá sáng: tránh đèn hoặc nắng chiếu thẳng vào mặt.</source>
        <translation>Image too bright: avoid lamps or sunlight straight on the face.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="70"/>
        <source>Ánh sáng lệch một bên mặt: xoay người về phía nguồn sáng.</source>
        <translation>Light on one side of the face: turn towards the light source.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/dialog.py" line="73"/>
        <source>Không tìm thấy khuôn mặt trong ảnh trên chip: không đối chiếu được thẻ này.</source>
        <translation>No face found in the chip portrait: this card cannot be matched.</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="17"/>
        <source>Khớp</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="18"/>
        <source>Không khớp</source>
        <translation>No match</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="19"/>
        <source>Ảnh chưa đạt</source>
        <translation>Image not good enough</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="23"/>
        <source>điểm {0:.2f}</source>
        <translation>score {0:.2f}</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="26"/>
        <source>khuôn mặt không chuyển động khi quay đầu</source>
        <translation>the face did not move when the head turned</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="29"/>
        <source>Xác nhận thay, lý do: {0}</source>
        <translation>Overridden, reason: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/face/summary.py" line="32"/>
        <source>Đối chiếu khuôn mặt:</source>
        <translation>Face match:</translation>
    </message>
</context>
<context>
    <name>indicators</name>
    <message>
        <source>Chip, chuỗi chứng thư tin cậy</source>
        <translation type="vanished">Chip, trusted certificate chain</translation>
    </message>
    <message>
        <source>Chip, chưa có chứng thư CSCA</source>
        <translation type="vanished">Chip, no CSCA certificate configured</translation>
    </message>
    <message>
        <source>Chip, kiểm tra không đạt</source>
        <translation type="vanished">Chip, check failed</translation>
    </message>
    <message>
        <source>Mã QR</source>
        <translation type="vanished">QR code</translation>
    </message>
    <message>
        <source>Nhập tay</source>
        <translation type="vanished">Typed</translation>
    </message>
    <message>
        <source>Đối chiếu CSDL dân cư</source>
        <translation type="vanished">Population database check</translation>
    </message>
    <message>
        <source>Chưa ghi nhận</source>
        <translation type="vanished">Not recorded</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="35"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="36"/>
        <source>Trễ hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="37"/>
        <source>Đang giải quyết</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="38"/>
        <source>Không tính hạn</source>
        <translation>No deadline applies</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="41"/>
        <source>Nhận kết quả tại quầy</source>
        <translation>Result collected at the counter</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="42"/>
        <source>Nhận kết quả qua bưu chính</source>
        <translation>Result sent by post</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="44"/>
        <source>chưa có dữ liệu</source>
        <translation>no data yet</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="45"/>
        <source>Người tham gia đã đối chiếu khớp với CSDL quốc gia về dân cư</source>
        <translation>Participants matching the national population database</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="48"/>
        <source>Hồ sơ xác thực sinh trắc tại quầy</source>
        <translation>Dossiers biometrically verified at the counter</translation>
    </message>
    <message>
        <source>Hồ sơ có đối chiếu khuôn mặt tại quầy</source>
        <translation type="vanished">Dossiers with a face match at the counter</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="84"/>
        <source>Hồ sơ lập từ sự kiện hộ tịch</source>
        <translation>Dossiers opened from life events</translation>
    </message>
    <message>
        <location filename="../../app/services/indicators.py" line="205"/>
        <source>Giấy tờ dùng lại, không quét lại</source>
        <translation>Documents reused, not scanned again</translation>
    </message>
</context>
<context>
    <name>register_state</name>
    <message>
        <location filename="../../app/services/register_state.py" line="38"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="39"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="40"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="44"/>
        <source>Đã đối chiếu với CSDL quốc gia về dân cư: khớp.</source>
        <translation>Checked against the national population database: matches.</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="48"/>
        <source>Dữ liệu BHXH khác CSDL quốc gia về dân cư. Đề nghị công dân làm thủ tục Điều chỉnh thông tin.</source>
        <translation>The social insurance record differs from the national population database. Ask the citizen to file the &quot;Information adjustment&quot; procedure.</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="56"/>
        <source>Số định danh trong dữ liệu BHXH không có trong CSDL quốc gia về dân cư. Kiểm tra lại số định danh với công dân.</source>
        <translation>The ID number in the social insurance record is not in the national population database. Check the ID number with the citizen.</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="64"/>
        <source>Chưa đối chiếu với CSDL quốc gia về dân cư.</source>
        <translation>Not yet checked against the national population database.</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="68"/>
        <source>Không đối chiếu được: họ tên và ngày sinh không khớp với số định danh trong dữ liệu BHXH và CSDL quốc gia về dân cư. Kiểm tra lại thông tin với công dân.</source>
        <translation>Cannot compare: the full name and date of birth do not match the ID number in the BHXH data or the national population database. Check the details with the citizen.</translation>
    </message>
    <message>
        <location filename="../../app/services/register_state.py" line="76"/>
        <source>Công dân chưa có trong dữ liệu người tham gia BHXH.</source>
        <translation>The citizen is not yet a social insurance participant.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="53"/>
        <source>• {0}: BHXH «{1}» — CSDL dân cư «&lt;b&gt;{2}&lt;/b&gt;»</source>
        <translation>• {0}: social insurance «{1}» — population database «&lt;b&gt;{2}&lt;/b&gt;»</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="63"/>
        <source>Đối chiếu lúc {0}</source>
        <translation>Checked at {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="85"/>
        <source>Điều chỉnh thông tin theo CSDL &amp;dân cư</source>
        <translation>A&amp;djust the record to the population database</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="112"/>
        <source>Đang lấy kết quả đối chiếu với CSDL quốc gia về dân cư…</source>
        <translation>Fetching the population database check…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="144"/>
        <source>lỗi không mong đợi, đã ghi nhật ký</source>
        <translation>unexpected error, logged</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="150"/>
        <source>Chưa lấy được kết quả đối chiếu với CSDL dân cư ({0}). Tiếp nhận bình thường.</source>
        <translation>Could not fetch the population database check ({0}). Carry on with the intake as usual.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/register_banner.py" line="46"/>
        <source>Số định danh, họ tên và ngày sinh của công dân khớp CSDL quốc gia về dân cư.</source>
        <translation>The citizen&apos;s ID number, full name and date of birth match the population register.</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../app/ui/reports/labels.py" line="12"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/labels.py" line="13"/>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/labels.py" line="14"/>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/labels.py" line="15"/>
        <source>Tùy chọn</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Có kết quả trước hạn</source>
        <translation type="vanished">Result ready early</translation>
    </message>
    <message>
        <source>Có kết quả đúng hạn</source>
        <translation type="vanished">Result ready on time</translation>
    </message>
    <message>
        <source>Có kết quả quá hạn</source>
        <translation type="vanished">Result ready late</translation>
    </message>
    <message>
        <source>Đang giải quyết, trong hạn</source>
        <translation type="vanished">In processing, within time limit</translation>
    </message>
    <message>
        <source>Đang giải quyết, đã quá hạn</source>
        <translation type="vanished">In processing, overdue</translation>
    </message>
    <message>
        <source>Tạm dừng, chờ bổ sung</source>
        <translation type="vanished">Paused, awaiting additions</translation>
    </message>
    <message>
        <source>Không tính hạn (từ chối, dừng, rút)</source>
        <translation type="vanished">No time limit (refused, stopped, withdrawn)</translation>
    </message>
    <message>
        <source>Đọc chip CCCD, xác thực dữ liệu chip</source>
        <translation type="vanished">ID card chip read, chip data verified</translation>
    </message>
    <message>
        <source>Đọc chip hộ chiếu</source>
        <translation type="vanished">Passport chip read</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ (chưa xác thực)</source>
        <translation type="vanished">QR code on the card scanned (not verified)</translation>
    </message>
    <message>
        <source>Nhập tay từ thẻ (chưa xác thực)</source>
        <translation type="vanished">Typed in from the card (not verified)</translation>
    </message>
    <message>
        <source>Đối chiếu CSDL quốc gia về dân cư</source>
        <translation type="vanished">Checked against the National Population Database</translation>
    </message>
    <message>
        <source>Chưa ghi nhận</source>
        <translation type="vanished">Not recorded</translation>
    </message>
</context>
<context>
    <name>vocabulary</name>
    <message>
        <location filename="../../app/shared/status_names.py" line="21"/>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="22"/>
        <source>Chờ bổ sung</source>
        <translation>Awaiting additions</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="23"/>
        <source>Đã bổ sung đủ</source>
        <translation>Additions complete</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="24"/>
        <source>Đang giải quyết</source>
        <translation>In processing</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="25"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="26"/>
        <source>Đã trả kết quả</source>
        <translation>Results returned</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="27"/>
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="28"/>
        <source>Dừng giải quyết</source>
        <translation>Processing stopped</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="29"/>
        <source>Đã rút hồ sơ</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="34"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="35"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="36"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="37"/>
        <source>Trong hạn</source>
        <translation>Within time limit</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="38"/>
        <source>Đã quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="39"/>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="40"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="45"/>
        <source>Có kết quả trước hạn</source>
        <translation>Result ready early</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="46"/>
        <source>Có kết quả đúng hạn</source>
        <translation>Result ready on time</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="47"/>
        <source>Có kết quả quá hạn</source>
        <translation>Result ready late</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="48"/>
        <source>Đang giải quyết, trong hạn</source>
        <translation>In processing, within time limit</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="49"/>
        <source>Đang giải quyết, đã quá hạn</source>
        <translation>In processing, overdue</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="50"/>
        <source>Tạm dừng, chờ bổ sung</source>
        <translation>Paused, awaiting additions</translation>
    </message>
    <message>
        <source>Không tính hạn</source>
        <translation type="vanished">Not timed</translation>
    </message>
    <message>
        <location filename="../../app/shared/status_names.py" line="51"/>
        <source>Không tính hạn (từ chối, dừng, rút)</source>
        <translation>No time limit (refused, stopped, withdrawn)</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="21"/>
        <source>Chip, xác thực đến CSCA tin cậy</source>
        <translation>Chip, verified up to a trusted CSCA</translation>
    </message>
    <message>
        <source>Chip, chưa có CSCA để xác thực</source>
        <translation type="vanished">Chip, no CSCA to verify against</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="27"/>
        <source>Chip, xác thực không đạt</source>
        <translation>Chip, verification failed</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="28"/>
        <source>Mã QR trên thẻ (chưa xác thực)</source>
        <translation>QR code on the card (not verified)</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="29"/>
        <source>Nhập tay (chưa xác thực)</source>
        <translation>Typed (not verified)</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="30"/>
        <location filename="../../app/services/vocabulary.py" line="43"/>
        <source>Đối chiếu CSDL quốc gia về dân cư</source>
        <translation>Checked against the National Population Database</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="33"/>
        <source>Chưa ghi nhận</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="39"/>
        <source>Chip thẻ Căn cước</source>
        <translation>Citizen ID card chip</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="40"/>
        <source>Mã QR trên thẻ</source>
        <translation>QR code on the card</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="41"/>
        <source>Nhập tay từ thẻ</source>
        <translation>Typed in from the card</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="42"/>
        <source>Chip hộ chiếu</source>
        <translation>Passport chip</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="44"/>
        <source>CSDL quốc gia về dân cư</source>
        <translation>National Population Database</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="45"/>
        <source>Hồ sơ BHXH đã lưu</source>
        <translation>Stored social insurance record</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="50"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="51"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="52"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="53"/>
        <source>Ngày sinh (như trên giấy tờ)</source>
        <translation>Date of birth (as on the document)</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="54"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="55"/>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="56"/>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="57"/>
        <source>Tôn giáo</source>
        <translation>Religion</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="58"/>
        <source>Quê quán</source>
        <translation>Place of origin</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="59"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="60"/>
        <source>Số CMND cũ</source>
        <translation>Old ID card number</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="61"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="62"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="63"/>
        <source>Mã số BHXH</source>
        <translation>Social insurance number</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="64"/>
        <source>Cách xác thực danh tính</source>
        <translation>How the identity was verified</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="65"/>
        <source>Thời điểm xác thực</source>
        <translation>Verified at</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="66"/>
        <source>Lưu lần đầu</source>
        <translation>First saved</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="67"/>
        <source>Cập nhật lần cuối</source>
        <translation>Last updated</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="73"/>
        <source>Ngày cấp</source>
        <translation>Date of issue</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="74"/>
        <source>Có giá trị đến</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../app/services/vocabulary.py" line="24"/>
        <source>Chip, không kiểm tra được nguồn gốc (không có CSCA tin cậy)</source>
        <translation>Chip, origin cannot be checked (no trusted CSCA)</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Thẻ &amp;ảo (trình diễn)</source>
        <translation type="vanished">&amp;Virtual card (demo)</translation>
    </message>
    <message>
        <source>Đặt thẻ: {0}</source>
        <translation type="vanished">Insert card: {0}</translation>
    </message>
    <message>
        <source>&amp;Nhấc thẻ ra</source>
        <translation type="vanished">&amp;Remove card</translation>
    </message>
    <message>
        <source>Quét mã QR: {0}</source>
        <translation type="vanished">Scan QR code: {0}</translation>
    </message>
</context>
</TS>
