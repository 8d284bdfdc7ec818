"""RFC 822 dates in feeds round-trip through email.utils for any moment, in any site time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.render.environment import make_environment

ZONES = ["Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]
OFFSETS = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
MOMENTS = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2999, 12, 30),
                       timezones=st.one_of(st.just(UTC), OFFSETS)).map(lambda d: d.replace(microsecond=0))


@settings(max_examples=300, deadline=None)
@given(MOMENTS, st.sampled_from(ZONES))
def test_rfc822_round_trips(moment: datetime, zone: str) -> None:
    rfc822 = make_environment(SiteConfig(title="T", base_url="https://example.org/", timezone=zone), []).filters[
        "rfc822"]
    text = rfc822(moment)
    parsed = parsedate_to_datetime(text)
    assert parsed == moment
    assert parsed.utcoffset() is not None  # a numeric offset, never "-0000" (unknown)
    assert text[-5] in "+-" and text[-4:].isdigit()


@settings(max_examples=200, deadline=None)
@given(MOMENTS, st.sampled_from(ZONES + ["Europe/Amsterdam"]))
def test_iso_dates_have_whole_minute_offsets_and_round_trip(moment: datetime, zone: str) -> None:
    iso = make_environment(SiteConfig(title="T", base_url="https://example.org/", timezone=zone), []).filters["iso"]
    text = iso(moment)
    assert datetime.fromisoformat(text) == moment
    assert len(text) == len("2008-07-24T10:00:00+02:00")
