"""Sync screens: the items central refused or that conflict with central."""
