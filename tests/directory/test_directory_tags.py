"""The display helpers the directory templates use."""

import pytest

from directory.choices import Capacity, Cost
from directory.templatetags.directory_tags import (
    age_range,
    capacity_badge,
    capacity_text,
    cost_text,
    labels,
    safeguards,
)
from tests.factories import ServiceFactory


@pytest.mark.parametrize(
    ("age_min", "age_max", "text"),
    [
        (None, None, "All ages"),
        (60, None, "Ages 60 and over"),
        (None, 25, "Ages up to 25"),
        (0, 11, "Ages up to 11"),
        (12, 25, "Ages 12 to 25"),
    ],
)
def test_age_range_reads_naturally(age_min, age_max, text):
    assert age_range(ServiceFactory.build(age_min=age_min, age_max=age_max)) == text


@pytest.mark.parametrize(
    ("capacity", "weeks", "text", "badge"),
    [
        (Capacity.OPEN, None, "Taking new people", "text-bg-success"),
        (Capacity.WAITING_LIST, 1, "Waiting list: about 1 week", "text-bg-warning"),
        (Capacity.WAITING_LIST, 8, "Waiting list: about 8 weeks", "text-bg-warning"),
        (Capacity.WAITING_LIST, None, "Waiting list", "text-bg-warning"),
        (Capacity.FULL, None, "Full", "text-bg-danger"),
        (Capacity.TEMPORARILY_CLOSED, None, "Temporarily closed", "text-bg-secondary"),
    ],
)
def test_capacity_text_and_badge(capacity, weeks, text, badge):
    service = ServiceFactory.build(capacity=capacity, waiting_weeks=weeks)
    assert capacity_text(service) == text
    assert capacity_badge(service) == badge


def test_cost_text_adds_the_note_unless_free():
    assert (
        cost_text(ServiceFactory.build(cost=Cost.LOW_COST, cost_note="£2 a session"))
        == "Low cost: £2 a session"
    )
    assert cost_text(ServiceFactory.build(cost=Cost.FREE, cost_note="donations welcome")) == "Free"


def test_safeguards_lists_all_six_with_what_the_service_declared():
    service = ServiceFactory.build(has_confidentiality_policy=True, has_safeguarding_lead=True)
    declared = dict(safeguards(service))
    assert len(declared) == 6
    assert declared["A confidentiality policy"] is True
    assert declared["A named safeguarding lead"] is True
    assert declared["Trained volunteers"] is False


def test_labels_names_choices_in_plain_words():
    service = ServiceFactory.build(mode_group=True, mode_one_to_one=True, mode_text_chat=True)
    assert labels(service.delivery_modes) == "Group, One-to-one, Text or chat"
