"""CHI numbers: ten digits, a real date of birth first (DDMMYY), and a modulus 11 check digit."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from referrals.chi import check_digit, validate_chi
from referrals.models import Person
from tests.factories import sign_in
from tests.referrals.test_refer_form import good_post

VALID = ["1403481237", "0101000014", "2902001231", "3112990013"]


@pytest.mark.parametrize("number", VALID)
def test_a_valid_chi_number_is_accepted(number):
    assert validate_chi(number) == number


def test_spaces_and_dashes_typed_in_a_chi_number_are_dropped():
    assert validate_chi(" 140348 123 7 ") == "1403481237"
    assert validate_chi("140-348-1237") == "1403481237"


@pytest.mark.parametrize(
    ("typed", "code", "words"),
    [
        ("14034812a7", "chi_not_digits", "only digits"),
        ("140348123", "chi_length", "this one has 9"),
        ("14034812370", "chi_length", "this one has 11"),
        ("3102481234", "chi_date", "310248 is not a real date"),
        ("2902011234", "chi_date", "290201 is not a real date"),
        ("0013481234", "chi_date", "001348 is not a real date"),
        ("1403481238", "chi_check_digit", "check digit"),
        ("1403481137", "chi_check_digit", "check digit"),
    ],
)
def test_each_kind_of_mistake_in_a_chi_number_has_its_own_message(typed, code, words):
    with pytest.raises(ValidationError) as raised:
        validate_chi(typed)

    assert raised.value.code == code
    assert words in raised.value.messages[0]


def test_no_chi_number_has_a_check_digit_of_ten():
    # 11 - (weighted sum mod 11) == 10 has no digit: any tenth digit is wrong.
    assert check_digit("140348113") is None
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_chi("140348113" + last)


def test_a_swapped_pair_of_digits_is_caught():
    validate_chi("1403481237")
    with pytest.raises(ValidationError):
        validate_chi("1403482137")


# --- Through the referral form -------------------------------------------------------------------


def refer(client, service, **fields):
    return client.post(reverse("refer:staff", args=[service.slug]), good_post(service.organisation, **fields))


@pytest.mark.django_db
def test_a_valid_chi_number_is_kept_with_the_person(client, gp, befriending_a):
    sign_in(client, gp)

    response = refer(client, befriending_a, chi_number="140348 123 7")

    assert response.status_code == 302
    assert Person.objects.get().chi_number == "1403481237"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("123", "A CHI number has 10 digits; this one has 3."),
        ("1403481238", "its last digit (the check digit) does not match"),
        ("3102481234", "310248 is not a real date"),
        ("CHI1403481", "only digits"),
    ],
)
def test_a_wrong_chi_number_is_refused_on_the_form_with_a_clear_message(
    client, gp, befriending_a, typed, words
):
    sign_in(client, gp)

    response = refer(client, befriending_a, chi_number=typed)

    page = response.content.decode()
    assert response.status_code == 422
    assert words in page
    assert f'value="{typed}"' in page
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_chi_number_must_start_with_the_date_of_birth_given(client, gp, befriending_a):
    sign_in(client, gp)

    response = refer(client, befriending_a, chi_number="0101000014", date_of_birth="1948-03-14")

    assert response.status_code == 422
    assert "does not start with the date of birth given (140348)" in response.content.decode()


@pytest.mark.django_db
def test_a_chi_number_with_only_an_age_band_is_accepted(client, gp, befriending_a):
    sign_in(client, gp)

    response = refer(client, befriending_a, chi_number="0101000014", date_of_birth="", age_band="75_plus")

    assert response.status_code == 302
