"""Properties over many counts: more individuals never lower the mechanism; 2022 is stricter."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from registry.domain.crossborder.rules import Mechanism, TransferRequest, assess

RANK = {
    Mechanism.NONE: 0,
    Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION: 1,
    Mechanism.SECURITY_ASSESSMENT: 2,
}
counts = st.integers(min_value=0, max_value=2_000_000)
sensitive_counts = st.integers(min_value=0, max_value=20_000)


def rank(non_sensitive: int, sensitive: int, on: date = date(2024, 6, 1)) -> int:
    request = TransferRequest(
        destination="SG",
        recipient="Acme Pte",
        purposes=("support",),
        date=on,
        already_sent_non_sensitive=non_sensitive,
        already_sent_sensitive=sensitive,
        individuals_processed=non_sensitive + sensitive,
    )
    return RANK[assess(request).mechanism]


@given(counts, sensitive_counts, counts, sensitive_counts)
def test_more_individuals_never_lower_the_mechanism(ns, s, more_ns, more_s) -> None:
    assert rank(ns, s) <= rank(ns + more_ns, s + more_s)


@given(counts, sensitive_counts)
def test_2022_measures_are_at_least_as_strict_for_the_same_counts(ns, s) -> None:
    assert rank(ns, s, date(2024, 3, 21)) >= rank(ns, s, date(2024, 3, 22))
