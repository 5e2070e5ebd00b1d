"""The registry's API: public reads, focal points for participants only, JSON errors, token auth."""

import pytest

from icat.accounts import services as account_services


def test_list_and_filter(client, member_org, partner_org):
    page = client.get("/api/orgs/", {"status": "partner"}).json()
    assert page["count"] == 1
    data = page["items"]
    assert [row["slug"] for row in data] == ["par"]
    assert data[0]["status"] == "partner" and data[0]["in_working_group"] is False


def test_detail_hides_focal_points_from_the_public(client, member_org, member_focal_point):
    data = client.get(f"/api/orgs/{member_org.slug}").json()
    assert data["focal_points"] is None
    assert data["statuses"][0]["status"] == "member"
    assert data["working_group"][0]["valid_from"] == "2020-01-01"
    client.force_login(member_focal_point)
    data = client.get(f"/api/orgs/{member_org.slug}").json()
    assert data["focal_points"][0]["email"] == member_focal_point.email


def test_working_group_and_chairs(client, member_org, chair_org, partner_org):
    assert {row["slug"] for row in client.get("/api/orgs/working-group").json()} == {"mem", "cha"}
    chairs = client.get("/api/orgs/chairs").json()
    assert chairs[0]["organization"] == "cha" and chairs[0]["years"] == "2020–"


def test_errors_are_json_with_a_message(client, db):
    response = client.get("/api/orgs/nobody")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    response = client.get("/api/orgs/", {"on": "not-a-date"})
    assert response.status_code == 422 and "on" in response.json()["detail"]
    response = client.get("/api/audit/")
    assert response.status_code == 403 and "secretariat" in response.json()["detail"]


def test_token_auth_for_scripts(client, member_focal_point, member_org):
    _token, key = account_services.create_api_token(member_focal_point, "my script")
    data = client.get("/api/accounts/me", headers={"Authorization": f"Bearer {key}"}).json()
    assert data["username"] == member_focal_point.username and "wg_member" in data["roles"]
    detail = client.get(f"/api/orgs/{member_org.slug}", headers={"Authorization": f"Bearer {key}"}).json()
    assert detail["focal_points"]
    assert client.get("/api/accounts/me", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_a_revoked_token_no_longer_works(client, member_focal_point):
    token, key = account_services.create_api_token(member_focal_point, "temporary")
    account_services.revoke_api_token(member_focal_point, token)
    assert client.get("/api/accounts/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_session_writes_need_csrf(member_focal_point):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member_focal_point)
    response = browser.post("/api/accounts/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)


def test_openapi_schema_and_docs(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/orgs/" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize("path", ["/api/orgs/", "/api/orgs/working-group", "/api/orgs/chairs"])
def test_list_endpoints_use_a_fixed_number_of_queries(client, path, member_org, partner_org, chair_org,
                                                      django_assert_max_num_queries):
    from conftest import make_organization

    for n in range(60):
        make_organization(status="member", working_group=n % 2 == 0, chair=n % 10 == 0)
    with django_assert_max_num_queries(3):
        assert client.get(path).status_code == 200
