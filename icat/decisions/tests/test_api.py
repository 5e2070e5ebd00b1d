"""The API drives the same services: circulate, object, withdraw, confirm, read records, verify the chain."""

from datetime import timedelta

import pytest

from icat.decisions.models import DecisionRecord


@pytest.fixture
def api(client):
    def call(method, url, user=None, **data):
        client.logout()
        if user:
            client.force_login(user)
        return getattr(client, method)(
            f"/api/decisions{url}", data=data or None, content_type="application/json"
        )

    return call


def test_the_whole_written_procedure_through_the_api(
    api, voting_orgs, chair_focal_point, member_focal_point, member_org, clock
):
    deadline = (clock.now + timedelta(days=5)).isoformat()
    created = api(
        "post", "/proposals", chair_focal_point, title="Budget", text="Allocate.", deadline=deadline
    )
    assert created.status_code == 201, created.content[:3000]
    pk = created.json()["id"]
    assert set(created.json()["voting_organizations"]) == {"MEM", "SEC", "CHA"}
    objected = api(
        "post",
        f"/proposals/{pk}/stances",
        member_focal_point,
        organization=member_org.slug,
        position="objection",
        reason="Too much.",
    )
    assert objected.json()["standing_objections"] == ["MEM"]
    clock.advance(days=6)
    refused = api("post", f"/proposals/{pk}/confirm", chair_focal_point)
    assert refused.status_code == 400 and "objection stands" in refused.json()["detail"]
    clock.advance(days=-6)
    api("post", f"/proposals/{pk}/withdraw-objection", member_focal_point, organization=member_org.slug)
    clock.advance(days=6)
    confirmed = api("post", f"/proposals/{pk}/confirm", chair_focal_point)
    assert confirmed.status_code == 201 and confirmed.json()["number"].startswith("ICAT/WG/")
    record = DecisionRecord.objects.get()
    detail = api("get", f"/records/{record.year}/{record.sequence}")
    assert detail.json()["content"]["stances"][0]["by"] is None  # the public sees no names
    assert api("get", "/chain/verify").json() == {
        "intact": True,
        "checked": 1,
        "first_broken": None,
        "problem": "",
    }
    assert [row["number"] for row in api("get", "/records").json()] == [record.number]


def test_api_refusals_are_json(api, written, partner_focal_point, partner_org, member_focal_point):
    refused = api(
        "post",
        f"/proposals/{written.pk}/stances",
        partner_focal_point,
        organization=partner_org.slug,
        position="objection",
        reason="No",
    )
    assert refused.status_code == 400 and "partner" in refused.json()["detail"]
    assert api("post", f"/proposals/{written.pk}/confirm", member_focal_point).status_code == 403
    assert api("get", f"/proposals/{written.pk}").status_code == 401


def test_api_open_consultations_for_me(
    api, client, circulate, written, member_focal_point, django_assert_max_num_queries
):
    for index in range(10):
        circulate(title=f"Other {index}")
    assert api("get", "/proposals/mine", member_focal_point).json()[0]["answered"] is False
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/decisions/proposals").json()) == 11
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/decisions/proposals/mine").json()) == 11
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/decisions/proposals/{written.pk}").json()["voting_organizations"]


def test_api_application(db, api):
    response = api(
        "post",
        "/applications",
        organization_name="Regional Anti-Trafficking Body",
        requested_status="partner",
        contact_name="Ana Lima",
        contact_email="ana@example.org",
        mandate="Fights trafficking.",
        statute_excerpt="Art. 1",
        claims_intergovernmental=True,
        claimed_scope="regional",
        claims_mandate_covers_trafficking=True,
    )
    assert response.status_code == 201 and response.json()["state"] == "received"


def test_api_the_secretariat_records_on_behalf_with_a_copy(
    client, written, secretariat_user, member_org, clock
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat_user)
    response = client.post(f"/api/decisions/proposals/{written.pk}/stances/on-behalf", {
        "organization": member_org.slug, "position": "objection", "reason": "By letter",
        "message_received_at": (clock.now - timedelta(hours=2)).isoformat(),
        "message_copy": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf"),
    })
    assert response.status_code == 200, response.content
    assert response.json()["stances"][0]["on_behalf"] is True
