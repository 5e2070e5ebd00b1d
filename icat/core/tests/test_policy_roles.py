"""The roles the policy computes for each kind of person (ToR 3.A.2, 3.B.7, 3.C, 3.D, 3.F)."""

import pytest

from icat import policy
from icat.policy import Role


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("visitor", {Role.VISITOR}),
        ("member", {Role.VISITOR, Role.FOCAL_POINT, Role.MEMBER}),
        ("wg_member", {Role.VISITOR, Role.FOCAL_POINT, Role.MEMBER, Role.WORKING_GROUP_MEMBER}),
        ("partner", {Role.VISITOR, Role.FOCAL_POINT, Role.PARTNER}),
        ("chair", {Role.VISITOR, Role.FOCAL_POINT, Role.MEMBER, Role.WORKING_GROUP_MEMBER, Role.CHAIR}),
        ("secretariat", {Role.VISITOR, Role.SECRETARIAT}),
    ],
)
def test_roles_follow_the_organization_a_person_represents(role_users, who, expected):
    assert policy.actor_for(role_users[who]).roles == expected


def test_anonymous_is_a_visitor():
    assert policy.actor_for(None).roles == {Role.VISITOR}


def test_roles_are_computed_in_one_query(member_focal_point, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        policy.actor_for(member_focal_point)
