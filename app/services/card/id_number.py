"""The 12-digit personal identification number (số định danh cá nhân), Circular
07/2016/TT-BCA: 3-digit birth-registration province code, 1 digit for century and
sex, 2 digits of the birth year, 6 serial digits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import ErrorKind, UserError

# The 63 provincial codes in use since 2016 (birth-registration place).
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    province_code: str
    province: str
    sex: str  # "Nam" / "Nữ"
    birth_year: int


def _invalid(detail: str) -> UserError:
    return UserError(ErrorKind.ID_NUMBER_INVALID, detail=detail)


def decode_id_number(id_number: str) -> IdNumberInfo:
    """Structure check; raises ``UserError(ID_NUMBER_INVALID)``."""
    if len(id_number) != 12 or not id_number.isascii() or not id_number.isdigit():
        raise _invalid("must be exactly 12 digits")
    province = PROVINCE_CODES.get(id_number[:3])
    if province is None:
        raise _invalid("unknown province code")
    gender_century = int(id_number[3])
    century = 1900 + 100 * (gender_century // 2)
    sex = "Nam" if gender_century % 2 == 0 else "Nữ"
    return IdNumberInfo(id_number[:3], province, sex, century + int(id_number[4:6]))


def validate_id_number(
    id_number: str, birth_year: int | None = None, sex: str | None = None
) -> IdNumberInfo:
    """Structure plus consistency with the year of birth and sex when known."""
    info = decode_id_number(id_number)
    if birth_year is not None and info.birth_year != birth_year:
        raise _invalid("century/year digits do not match the date of birth")
    if sex and sex in ("Nam", "Nữ") and info.sex != sex:
        raise _invalid("century/sex digit does not match the sex")
    if info.birth_year > dt.date.today().year:
        raise _invalid("year of birth lies in the future")
    return info
