"""One test per rule of the Terms of Reference, named after its function, and the role matrix."""

import pytest

from icat import policy
from icat.library import rules

from .conftest import make_product

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "visitor", "member", "wg_member", "partner", "chair", "secretariat"]


def allowed(role_users, action, target=None):
    return {role for role in ROLES if policy.can(role_users[role], action, target)}


def test_working_group_drafts_products(role_users):
    assert allowed(role_users, "library.draft") == {"wg_member", "chair", "secretariat"}


def test_unpublished_products_stay_internal(role_users, partner_org):
    draft = make_product(state="draft")
    assert allowed(role_users, "library.view", draft) == {"wg_member", "chair", "secretariat"}
    contributed = make_product(state="draft", contributors=[partner_org])
    assert allowed(role_users, "library.view", contributed) == {
        "wg_member",
        "chair",
        "secretariat",
        "partner",
    }
    consultation = make_product(state="consultation")
    assert allowed(role_users, "library.view", consultation) == {
        "member",
        "wg_member",
        "partner",
        "chair",
        "secretariat",
    }
    assert allowed(role_users, "library.view", make_product(state="published")) == set(ROLES)


def test_lead_organizations_edit_their_drafts(role_users, member_org):
    led = make_product(state="draft", leads=[member_org])
    assert allowed(role_users, "library.edit", led) == {"wg_member", "secretariat"}
    assert allowed(role_users, "library.open_consultation", led) == {"wg_member", "secretariat"}
    assert allowed(role_users, "library.edit", make_product(state="published", leads=[member_org])) == set()


def test_members_and_partners_comment_in_consultation(role_users):
    assert allowed(role_users, "library.comment", make_product(state="consultation")) == {
        "member",
        "wg_member",
        "partner",
        "chair",
        "secretariat",
    }
    assert allowed(role_users, "library.comment", make_product(state="draft")) == set()


def test_chair_circulates_for_sign_off(role_users):
    assert allowed(role_users, "library.circulate", make_product(state="consultation")) == {"chair"}
    assert allowed(role_users, "library.circulate", make_product(state="draft")) == set()


def test_secretariat_records_outside_sign_off(role_users):
    assert allowed(role_users, "library.record_outside_signoff", make_product(state="consultation")) == {
        "secretariat"
    }
    assert allowed(role_users, "library.record_outside_signoff", make_product(state="published")) == set()


def test_secretariat_marks_superseded(role_users):
    assert allowed(role_users, "library.supersede", make_product(state="published")) == {"secretariat"}
    assert allowed(role_users, "library.supersede", make_product(state="draft")) == set()


def test_files_change_with_the_text(role_users, member_org):
    assert allowed(role_users, "library.upload", make_product(state="draft", leads=[member_org])) == {
        "wg_member",
        "secretariat",
    }
    assert allowed(role_users, "library.upload", make_product(state="published", leads=[member_org])) == {
        "secretariat"
    }


def test_secretariat_manages_themes(role_users):
    assert allowed(role_users, "library.manage_themes") == {"secretariat"}


def test_focal_points_use_the_workspace(role_users):
    assert allowed(role_users, "library.workspace") == {
        "member",
        "wg_member",
        "partner",
        "chair",
        "secretariat",
    }


MATRIX = {
    # action: (state, roles allowed) — the product is led by the Working Group member's organization.
    "library.draft": (None, {"wg_member", "chair", "secretariat"}),
    "library.workspace": (None, {"member", "wg_member", "partner", "chair", "secretariat"}),
    "library.manage_themes": (None, {"secretariat"}),
    "library.view": ("draft", {"wg_member", "chair", "secretariat"}),
    "library.edit": ("consultation", {"wg_member", "secretariat"}),
    "library.open_consultation": ("draft", {"wg_member", "secretariat"}),
    "library.comment": ("consultation", {"member", "wg_member", "partner", "chair", "secretariat"}),
    "library.circulate": ("consultation", {"chair"}),
    "library.record_outside_signoff": ("draft", {"secretariat"}),
    "library.supersede": ("published", {"secretariat"}),
    "library.upload": ("consultation", {"wg_member", "secretariat"}),
}


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_role_matrix(role_users, member_org, action):
    state, expected = MATRIX[action]
    target = make_product(state=state, leads=[member_org]) if state else None
    assert allowed(role_users, action, target) == expected


def test_every_library_rule_is_in_the_matrix():
    assert {action for action in policy.RULES if action.startswith("library.")} == set(MATRIX)
    assert policy.RULES["library.circulate"] is rules.chair_circulates_for_sign_off
