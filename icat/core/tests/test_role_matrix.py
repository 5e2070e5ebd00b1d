"""Each role may do exactly what the Terms of Reference give it for the registry, audit and back office."""

import pytest

from icat import policy

EVERYONE = {"anonymous", "visitor", "member", "wg_member", "partner", "chair", "secretariat"}
MATRIX = {
    # ToR 3.C.3 a: the secretariat administers; no focal point edits the registry.
    "orgs.manage": {"secretariat"},
    # Focal points communicate with each other (ToR 3.A.2, 3.C.3 b); the public does not see them.
    "orgs.view_focal_points": {"member", "wg_member", "partner", "chair", "secretariat"},
    # ToR 3.C.2: the Coordinator is the repository of the records.
    "audit.view_all": {"secretariat"},
    "admin.access": {"secretariat"},
}


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_role_matrix(role_users, role, action):
    assert policy.can(role_users[role], action) == (role in MATRIX[action])


def test_every_registered_rule_of_these_apps_is_in_the_matrix():
    covered = {action for action in policy.RULES if action.split(".")[0] in {"orgs", "audit", "admin"}}
    assert covered == set(MATRIX)


def test_system_actor_may_do_anything():
    assert all(policy.can(policy.system_actor("t"), action) for action in policy.RULES)


def test_unknown_action_is_a_programming_error():
    with pytest.raises(LookupError):
        policy.can(None, "orgs.nonsense")
