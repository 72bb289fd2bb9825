"""The staff referral form: /services/<slug>/refer/, and the same form for several services."""

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from directory.choices import Capacity, ServiceStatus
from referrals.choices import CONSENT_WORDING_VERSION, AuditAction, ConsentMethod, Status
from referrals.models import AuditEvent, Person, Referral
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ServiceFactory, sign_in

pytestmark = pytest.mark.django_db


def refer_url(service):
    return reverse("refer:staff", args=[service.slug])


def good_post(*providers, **overrides):
    """What a link worker types for Robert, consenting to share with each provider organisation."""
    data = {
        "name": "Robert  McLonely",
        "preferred_name": "Bob",
        "date_of_birth": "1948-03-14",
        "age_band": "",
        "postcode": "dd3 6hh",
        "phone": "01382 123456",
        "email": "",
        "safe_to_leave_message": "yes",
        "chi_number": "",
        "elements": ["friendship", "emotional"],
        "own_words": "Someone to talk to about the football.",
        "reason": "Lonely since his wife died.",
        "hopes": "To get out of the house once a week.",
        "contact_method": "phone",
        "contact_times": "Mornings",
        "risk_notes": "",
        "consent_method": "verbal",
        "action": "send",
    }
    for provider in providers:
        data[f"consent_{provider.pk}"] = "yes"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may open it ---------------------------------------------------------------------------


def test_someone_signed_out_is_sent_to_sign_in(client, befriending_a):
    response = client.get(refer_url(befriending_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["staff_a", "public_user", "editor"])
def test_only_members_of_a_referrer_organisation_may_refer(client, befriending_a, who, request):
    sign_in(client, request.getfixturevalue(who))

    assert client.get(refer_url(befriending_a)).status_code == 403
    assert client.post(refer_url(befriending_a), good_post(befriending_a.organisation)).status_code == 403
    assert not Referral.objects.exists()


def test_a_service_that_does_not_take_referrals_through_supportmap_is_not_found(client, gp, provider_a):
    closed_door = ServiceFactory(organisation=provider_a, accepts_supportmap_referrals=False)
    unpublished = ServiceFactory(
        organisation=provider_a,
        accepts_supportmap_referrals=True,
        status=ServiceStatus.DRAFT,
        last_reviewed=None,
    )
    sign_in(client, gp)

    assert client.get(refer_url(closed_door)).status_code == 404
    assert client.get(refer_url(unpublished)).status_code == 404
    assert client.get("/services/no-such-service/refer/").status_code == 404


def test_the_form_says_it_is_not_for_crises_and_gives_the_crisis_lines(client, gp, befriending_a):
    sign_in(client, gp)

    response = client.get(refer_url(befriending_a))

    page = response.content.decode()
    assert response.status_code == 200
    assert "not for crises" in page
    for number in ("111", "116 123", "0800 83 85 87"):
        assert number in page
    assert page.index("not for crises") < page.index('id="refer-form"')
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_form_shows_the_consent_statement_naming_the_provider_and_its_version(client, gp, befriending_a):
    sign_in(client, gp)

    page = client.get(refer_url(befriending_a)).content.decode()

    assert "can be shared with Charity A" in page
    assert f"version {CONSENT_WORDING_VERSION}" in page


def test_the_caring_relationships_are_described(client, gp, befriending_a):
    sign_in(client, gp)

    page = client.get(refer_url(befriending_a)).content.decode()

    assert "Emotionally over-involved: too involved, neglecting their own needs" in page
    assert "Critical or hostile" in page
    assert "sees the person as an individual" in page


def test_opening_the_form_takes_a_fixed_number_of_queries(
    client, gp, befriending_a, django_assert_max_num_queries
):
    sign_in(client, gp)
    client.get(refer_url(befriending_a))

    with django_assert_max_num_queries(14):
        assert client.get(refer_url(befriending_a)).status_code == 200


# --- Sending --------------------------------------------------------------------------------


def test_a_gp_refers_a_person_with_consent(client, gp, gp_practice, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(refer_url(befriending_a), good_post(provider_a))

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.uuid])
    assert referral.status == Status.SENT
    assert (referral.referrer, referral.referrer_organisation, referral.service) == (
        gp,
        gp_practice,
        befriending_a,
    )
    assert referral.reason == "Lonely since his wife died."
    assert (referral.contact_method, referral.contact_times) == ("phone", "Mornings")
    assert referral.consent_given and referral.consent_method == ConsentMethod.VERBAL
    assert referral.consent_recorded_by == gp and referral.consent_recorded_at is not None
    assert referral.consent_wording_version == CONSENT_WORDING_VERSION
    person = referral.person
    assert (person.name, person.organisation, person.postcode) == ("Robert McLonely", gp_practice, "DD3 6HH")
    assert person.safe_to_leave_message and person.seeks_friendship and person.seeks_emotional
    assert not person.seeks_material
    actions = set(AuditEvent.objects.filter(user=gp).values_list("action", "person_uuid", "referral_uuid"))
    assert actions == {
        (AuditAction.CREATE, person.uuid, None),
        (AuditAction.CREATE, person.uuid, referral.uuid),
    }
    assert [message.to for message in mail.outbox] == [["office@charity-a.example.org"]]
    assert "Robert" not in mail.outbox[0].body


def test_a_carer_and_their_caring_relationship_are_recorded(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    client.post(
        refer_url(befriending_a), good_post(provider_a, is_carer="on", caring_relationship="over_involved")
    )

    person = Person.objects.get()
    assert person.is_carer and person.caring_relationship == "over_involved"


def test_a_caring_relationship_without_being_a_carer_is_questioned(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(refer_url(befriending_a), good_post(provider_a, caring_relationship="critical"))

    assert response.status_code == 422
    assert "Tick “They are a carer”" in response.content.decode()


def test_an_age_band_does_instead_of_a_date_of_birth(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    client.post(refer_url(befriending_a), good_post(provider_a, date_of_birth="", age_band="75_plus"))

    person = Person.objects.get()
    assert (person.date_of_birth, person.age_band) == (None, "75_plus")


def test_bad_input_is_answered_with_an_error_summary_and_keeps_what_was_typed(
    client, gp, befriending_a, provider_a
):
    sign_in(client, gp)

    response = client.post(
        refer_url(befriending_a),
        good_post(
            provider_a,
            name="",
            date_of_birth="",
            postcode="ZZ",
            phone="",
            email="bob at home",
            reason="",
            consent_method="",
            own_words="Likes dominoes",
        ),
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "There is a problem" in page
    assert "Enter the person&#x27;s full name." in page
    assert "Give a date of birth, or choose an age band" in page
    assert "is not a full UK postcode" in page
    assert "Enter an email address like name@example.org" in page
    assert "Say why you are referring them." in page
    assert "Say how the person agreed" in page
    assert "Likes dominoes" in page
    assert 'value="bob at home"' in page
    assert not Person.objects.exists() and not Referral.objects.exists()


def test_a_date_of_birth_in_the_future_is_refused(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(refer_url(befriending_a), good_post(provider_a, date_of_birth="2999-01-01"))

    assert response.status_code == 422
    assert "must be in the past" in response.content.decode()


def test_the_best_way_to_contact_needs_its_contact_detail(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    by_email = client.post(refer_url(befriending_a), good_post(provider_a, contact_method="email"))
    nothing = client.post(refer_url(befriending_a), good_post(provider_a, phone="", contact_method="letter"))
    through_gp = client.post(
        refer_url(befriending_a), good_post(provider_a, phone="", contact_method="through_referrer")
    )

    assert by_email.status_code == 422 and "Give an email address" in by_email.content.decode()
    assert (
        nothing.status_code == 422 and "Give a phone number or an email address" in nothing.content.decode()
    )
    assert through_gp.status_code == 302


def test_the_consent_question_must_be_answered_before_sending(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(refer_url(befriending_a), good_post())

    assert response.status_code == 422
    assert "Say whether the person agreed to share their details with Charity A." in response.content.decode()
    assert not Referral.objects.exists()


def test_a_forged_answer_is_a_clear_error_not_a_crash(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(
        refer_url(befriending_a),
        good_post(
            provider_a, contact_method="pigeon", safe_to_leave_message="maybe", age_band="ancient", topics="x"
        ),
    )

    assert response.status_code == 422
    assert not Referral.objects.exists()


# --- Consent refused ---------------------------------------------------------------------------


def test_refused_consent_stops_the_referral_and_offers_signposting(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(refer_url(befriending_a), good_post(**{f"consent_{provider_a.pk}": "no"}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be sent without consent" in page
    assert f"{reverse('referrals:signposting_new')}?services={befriending_a.slug}" in page
    assert "Social prescribing declined (SNOMED CT 871711000000103)" in page
    assert not Person.objects.exists() and not Referral.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not mail.outbox


def test_refused_consent_stops_the_referral_even_when_other_answers_are_missing(
    client, gp, befriending_a, provider_a
):
    sign_in(client, gp)

    response = client.post(
        refer_url(befriending_a), good_post(name="", reason="", **{f"consent_{provider_a.pk}": "no"})
    )

    assert response.status_code == 200
    assert "cannot be sent without consent" in response.content.decode()


def test_going_back_from_the_stop_page_keeps_what_was_typed(client, gp, befriending_a, provider_a):
    sign_in(client, gp)
    typed = good_post(**{f"consent_{provider_a.pk}": "no"})
    typed.pop("consent_" + str(provider_a.pk))

    response = client.post(refer_url(befriending_a), {**typed, "action": "edit"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Robert McLonely"' in page or 'value="Robert  McLonely"' in page
    assert "Someone to talk to about the football." in page
    assert 'value="friendship" id="id_elements_0" checked' in page or "checked" in page
    assert "There is a problem" not in page
    assert not Referral.objects.exists()


# --- Capacity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "words"), [(Capacity.FULL, "is full"), (Capacity.TEMPORARILY_CLOSED, "temporarily closed")]
)
def test_a_full_or_closed_service_is_warned_about_and_needs_a_tick(
    client, gp, befriending_a, provider_a, capacity, words
):
    befriending_a.capacity = capacity
    befriending_a.save()
    sign_in(client, gp)

    page = client.get(refer_url(befriending_a)).content.decode()
    unticked = client.post(refer_url(befriending_a), good_post(provider_a))
    ticked = client.post(refer_url(befriending_a), good_post(provider_a, capacity_understood="on"))

    assert words in page and "I understand that Dundee Befriending is not taking new people" in page
    assert unticked.status_code == 422
    assert "Tick to say you understand" in unticked.content.decode()
    assert ticked.status_code == 302
    assert Referral.objects.get().status == Status.SENT


def test_a_waiting_list_is_warned_about_with_the_typical_wait(client, gp, befriending_a, provider_a):
    befriending_a.capacity = Capacity.WAITING_LIST
    befriending_a.waiting_weeks = 6
    befriending_a.save()
    sign_in(client, gp)

    page = client.get(refer_url(befriending_a)).content.decode()

    assert "has a waiting list: the typical wait is about 6 weeks" in page
    assert "I understand" not in page
    assert client.post(refer_url(befriending_a), good_post(provider_a)).status_code == 302


def test_an_open_service_has_no_capacity_warning(client, gp, befriending_a):
    sign_in(client, gp)

    page = client.get(refer_url(befriending_a)).content.decode()

    assert "refer-capacity" not in page


# --- Someone already on record ------------------------------------------------------------------


def test_someone_already_on_record_is_referred_without_typing_them_again(
    client, gp, gp_practice, befriending_a, provider_a
):
    bob = PersonFactory(organisation=gp_practice, name="Robert Known", preferred_name="")
    sign_in(client, gp)
    url = refer_url(befriending_a) + f"?person={bob.uuid}"

    page = client.get(url).content.decode()
    fields = good_post(provider_a)
    for name in ("name", "date_of_birth", "phone", "elements"):
        fields.pop(name)
    response = client.post(url, fields)

    assert "Robert K." in page and 'name="name"' not in page
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Referral.objects.get().person == bob
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person_uuid=bob.uuid).exists()


def test_someone_on_another_organisations_record_cannot_be_referred(
    client, gp, link_worker_service, befriending_a
):
    theirs = PersonFactory(organisation=link_worker_service)
    sign_in(client, gp)

    assert client.get(refer_url(befriending_a) + f"?person={theirs.uuid}").status_code == 404
    assert client.get(refer_url(befriending_a) + "?person=not-a-uuid").status_code == 404


def test_a_person_known_only_as_a_provider_cannot_be_referred_from_a_referrer(
    client, gp, gp_practice, befriending_a
):
    # A GP who also helps at a charity may not refer the charity's self-referrers as the GP practice.
    MembershipFactory(user=gp, organisation=befriending_a.organisation)
    theirs = PersonFactory(organisation=befriending_a.organisation)
    sign_in(client, gp)

    assert client.get(refer_url(befriending_a) + f"?person={theirs.uuid}").status_code == 403


# --- Several organisations, several services -----------------------------------------------------


def test_someone_in_two_referrer_organisations_chooses_which_to_refer_from(
    client, gp, befriending_a, provider_a, link_worker_service
):
    MembershipFactory(user=gp, organisation=link_worker_service)
    sign_in(client, gp)

    page = client.get(refer_url(befriending_a)).content.decode()
    missing = client.post(refer_url(befriending_a), good_post(provider_a))
    forged = client.post(refer_url(befriending_a), good_post(provider_a, referrer_organisation="999999"))
    chosen = client.post(
        refer_url(befriending_a), good_post(provider_a, referrer_organisation=link_worker_service.pk)
    )

    assert "Which organisation are you referring from?" in page and "Tayside Link Workers" in page
    assert (
        missing.status_code == 422
        and "Choose the organisation you are referring from." in missing.content.decode()
    )
    assert forged.status_code == 422
    assert chosen.status_code == 302
    referral = Referral.objects.get()
    assert referral.referrer_organisation == link_worker_service
    assert referral.person.organisation == link_worker_service


def _several(request, services):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from referrals.views_refer import referral_form_page

    request.session = {}
    request._messages = FallbackStorage(request)
    return referral_form_page(request, services, cancel_url="/shortlist/")


def test_one_form_refers_one_person_to_several_services_with_consent_for_each_provider(
    gp, befriending_a, service_b, provider_a, provider_b
):
    second_a = ServiceFactory(
        organisation=provider_a, name="Walk and Talk", accepts_supportmap_referrals=True
    )
    request = RequestFactory().post("/shortlist/refer/", good_post(provider_a, provider_b))
    request.user = gp

    response = _several(request, [befriending_a, second_a, service_b])

    assert response.status_code == 302 and response["Location"] == reverse("referrals:list")
    assert Person.objects.count() == 1
    referrals = Referral.objects.order_by("service__name")
    assert [r.service for r in referrals] == [befriending_a, service_b, second_a]
    assert {r.person_id for r in referrals} == {Person.objects.get().pk}
    assert all(r.status == Status.SENT and r.consent_given for r in referrals)


def test_the_form_for_several_services_asks_consent_once_per_provider(
    gp, befriending_a, service_b, provider_a, provider_b
):
    second_a = ServiceFactory(organisation=provider_a, accepts_supportmap_referrals=True)
    request = RequestFactory().get("/shortlist/refer/")
    request.user = gp

    page = _several(request, [befriending_a, second_a, service_b]).content.decode()

    assert page.count("Has the person agreed to share their details with") == 2
    assert "can be shared with Charity A" in page and "can be shared with Charity B" in page
    assert "Refer someone to 3 services" in page
    assert 'href="/shortlist/"' in page


def test_a_refusal_for_one_provider_refers_only_to_the_others(
    gp, befriending_a, service_b, provider_a, provider_b
):
    request = RequestFactory().post(
        "/shortlist/refer/", good_post(provider_a, **{f"consent_{provider_b.pk}": "no"})
    )
    request.user = gp

    response = _several(request, [befriending_a, service_b])

    assert response.status_code == 302
    assert [r.service for r in Referral.objects.all()] == [befriending_a]


def test_a_refusal_for_every_provider_stops_everything(gp, befriending_a, service_b, provider_a, provider_b):
    request = RequestFactory().post(
        "/shortlist/refer/", good_post(**{f"consent_{provider_a.pk}": "no", f"consent_{provider_b.pk}": "no"})
    )
    request.user = gp

    page = _several(request, [befriending_a, service_b]).content.decode()

    assert "cannot be sent without consent" in page
    assert f"services={befriending_a.slug}&amp;services={service_b.slug}" in page
    assert not Referral.objects.exists() and not Person.objects.exists()


def test_the_form_for_several_services_refuses_one_that_takes_no_referrals(gp, befriending_a, provider_a):
    from django.http import Http404

    no_referrals = ServiceFactory(organisation=provider_a, accepts_supportmap_referrals=False)
    request = RequestFactory().get("/shortlist/refer/")
    request.user = gp

    with pytest.raises(Http404):
        _several(request, [befriending_a, no_referrals])


def test_an_organisation_that_only_provides_cannot_refer_even_with_a_referrer_colleague_flag(
    client, befriending_a
):
    charity = OrganisationFactory(is_referrer=False)
    member = MembershipFactory(organisation=charity).user
    sign_in(client, member)

    assert client.get(refer_url(befriending_a)).status_code == 403
