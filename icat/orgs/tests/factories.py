import factory

from icat.orgs.models import Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.LazyAttribute(lambda org: org.acronym.lower().replace(" ", "-"))
    kind = Organization.Kind.UN_ENTITY
    scope = Organization.Scope.GLOBAL
    website = factory.LazyAttribute(lambda org: f"https://{org.slug}.example.org")
    mandate_summary = "Addresses trafficking in persons."
    mandate_covers_trafficking = True
