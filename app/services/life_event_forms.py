"""A life event's fields on the papers of the dossier it opens.

After a birth the mother (or father, or guardian) comes for the child's health
insurance card: the TK1-TS is the child's declaration, so its identity lines are the
child's from the birth certificate (as the officer checked them at intake) and item
[10] "Họ tên cha/mẹ/người giám hộ (đối với trẻ em dưới 6 tuổi)" names the parent who
came. Other events leave the declaration as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from app.services.forms.model import Tk1tsData, Tk1tsPart


def is_birth(form: Mapping[str, Any]) -> bool:
    return bool(form.get("life_event_id")) and "child_dob" in form


def tk1ts_for_event(data: Tk1tsData, form: Mapping[str, Any]) -> Tk1tsData:
    """``data``: TK1-TS of the citizen at the counter; ``form``: the dossier's event fields."""
    if not is_birth(form):
        return data
    return dataclasses.replace(
        data,
        full_name=str(form.get("child_name") or ""),  # unnamed yet: left for the parent
        sex=str(form.get("child_sex") or ""),
        dob_text=str(form.get("child_dob") or ""),
        id_number=str(form.get("child_id_number") or ""),
        ethnicity="",  # the child's, declared by the parent
        birth_registration_place="",
        guardian=str(form.get("guardian") or data.full_name),  # [10]
        part=Tk1tsPart.NEW,  # a newborn has no BHXH number yet
        bhxh_number="",
        change_requested="",
    )
