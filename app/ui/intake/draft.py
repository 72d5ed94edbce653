"""The intake draft's storage lives in ``app.services.intake_draft``; this name stays
for the intake controller, which still calls it on the GUI thread (to be moved onto
its database worker with the controller's own rework)."""

from app.services.intake_draft import KEY, identity_from_json, identity_to_json, load, save

__all__ = ["KEY", "identity_from_json", "identity_to_json", "load", "save"]
