"""The documents' tests make their plans on one fixed day, whatever the clock says: a plan counts from the day it
is made (plan_dates.made_on), and a test that wants another day passes its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

PLAN_DAY = datetime(2026, 7, 1, tzinfo=UTC)  # before every example school's adoption date


@pytest.fixture(autouse=True)
def plans_made_on_a_fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(PLAN_DAY.timestamp())))
