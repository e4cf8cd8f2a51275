"""Bad input never breaks anything: barcode text, camera frames, and the service's API.

- hypothesis: any string into ``normalize_gtin`` gives a valid GTIN-13 or None; any bytes
  as a camera frame into ``Decoder().decode`` give a list (and log no error).
- schemathesis against the real service's ``/openapi.json`` (its own process, its own
  database): no 5xx, and every response matches the published schema.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, response_schema_conformance

from inventory_service.launcher import ServiceProcess
from kiosk.scanning.decoder import Decoder, normalize_gtin

# -- barcode text ---------------------------------------------------------------------------

barcode_like = st.one_of(
    st.text(),
    st.text(alphabet="0123456789 -", max_size=20),
    st.from_regex(r"\A[0-9]{7,15}\Z"),
    st.text(alphabet="０１２３４５６７８９٠١٢٣٤٥٦٧٨٩0123456789", max_size=14),  # non-ASCII digits
)


@given(barcode_like)
@settings(max_examples=400, deadline=None)
def test_normalize_gtin_gives_a_valid_gtin_or_none(text):
    result = normalize_gtin(text)
    assert result is None or (len(result) == 13 and result.isascii() and result.isdigit())
    if result is not None:
        digits = [int(c) for c in result]
        check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12])) % 10) % 10
        assert digits[12] == check
        assert normalize_gtin(result) == result  # idempotent


# -- camera frames --------------------------------------------------------------------------


@st.composite
def frames(draw):
    data = draw(st.binary(min_size=0, max_size=6000))
    dtype = draw(st.sampled_from([np.uint8, np.int16, np.float32, np.float64, np.bool_]))
    itemsize = np.dtype(dtype).itemsize
    usable = len(data) - len(data) % itemsize
    flat = np.frombuffer(data[:usable], dtype=dtype) if usable else np.zeros(0, dtype=dtype)
    shape = draw(st.sampled_from(["flat", "gray", "bgr", "bgra", "odd"]))
    n = flat.size
    if shape == "flat" or n == 0:
        return flat
    channels = {"gray": 1, "bgr": 3, "bgra": 4, "odd": 2}[shape]
    width = draw(st.integers(1, max(1, n // channels)))
    height = n // (width * channels)
    if height == 0:
        return flat
    frame = flat[: height * width * channels]
    return frame.reshape(height, width) if channels == 1 else frame.reshape(height, width, channels)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def decoder():
    return Decoder(budget_ms=5)


@given(frames())
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_decoder_never_raises_on_random_frames(decoder, frame):
    errors = _Errors()
    logger = logging.getLogger("kiosk.scanning")
    logger.addHandler(errors)
    try:
        scans = decoder.decode(frame)
    finally:
        logger.removeHandler(errors)
    assert isinstance(scans, list)
    assert [r.getMessage() for r in errors.records] == []  # not even a swallowed crash
    for scan in scans:
        assert scan.gtin is None or normalize_gtin(scan.gtin) == scan.gtin


# -- the service's API ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema_service(tmp_path_factory):
    with ServiceProcess(tmp_path_factory.mktemp("schemathesis") / "inventory.db") as service:
        yield service


EXAMPLES_PER_OPERATION = 25


@pytest.mark.slow
def test_api_has_no_server_errors_and_matches_its_schema(schema_service):
    """Every operation of the published schema, fuzzed with the staff key (which may do
    everything a kiosk key can). Run operation by operation with hypothesis directly:
    schemathesis' pytest plugin does not support this pytest version."""
    api = schemathesis.openapi.from_url(f"{schema_service.url}/openapi.json")
    headers = {"Authorization": f"Bearer {schema_service.staff_key}"}
    checks = [not_a_server_error, response_schema_conformance]
    tested = []
    calls = []
    for result in api.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            response = case.call_and_validate(headers=headers, checks=checks)
            calls.append(response.status_code)

        fuzz()
        tested.append(operation.label)
    assert len(tested) >= 15, tested  # every route of docs/API.md was reached
    assert len(calls) >= 5 * len(tested)
    assert max(calls) < 500
