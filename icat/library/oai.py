"""OAI-PMH 2.0 at /oai, so library catalogues can harvest the group's published products.

All six verbs, GET and POST, ``oai_dc`` metadata, sets by type and theme, resumption tokens (signed,
keyset-paginated by id, carrying the complete list size so a harvest counts once), datestamps to the
second in UTC, and the protocol's error codes. ``noSetHierarchy`` never applies (sets exist) and
``noMetadataFormats`` never applies (every item has ``oai_dc``).
"""

import os
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Min
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import metadata, queries
from .models import Product, Theme
from .search import public_products

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)

REPOSITORY_IDENTIFIER = os.environ.get(
    "OAI_REPOSITORY_IDENTIFIER", f"{settings.GROUP_SHORT_NAME.lower()}.platform"
)
PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", "100"))
TOKEN_SALT = "icat.library.oai"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = timedelta(days=1)
METADATA_FORMATS = {"oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC)}
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
RESUMABLE = {"ListIdentifiers", "ListRecords", "ListSets"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def identifier_of(product: Product) -> str:
    return f"oai:{REPOSITORY_IDENTIFIER}:{product.pk}"


def product_id_from(identifier: str) -> int | None:
    prefix = f"oai:{REPOSITORY_IDENTIFIER}:"
    if identifier.startswith(prefix) and identifier[len(prefix) :].isdigit():
        return int(identifier[len(prefix) :])
    return None


def datestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def set_specs(product: Product) -> list[str]:
    return [f"type:{product.kind}", *(f"theme:{theme.slug}" for theme in product.themes.all())]


def parse_bound(value: str, *, upper: bool) -> tuple[datetime, str]:
    """A from/until argument as an aware datetime bound (until: exclusive, rounded up) and its granularity."""
    try:
        if DAY.match(value):
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return (day + timedelta(days=1) if upper else day), "day"
        if SECOND.match(value):
            moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            return (moment + timedelta(seconds=1) if upper else moment), "second"
    except ValueError:
        pass
    raise OAIError(
        "badArgument", f"{'until' if upper else 'from'} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."
    )


class Harvest:
    """One request: parsed arguments, the element tree being built, and the base URL."""

    def __init__(self, request):
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("library:oai"))
        self.arguments = request.POST if request.method == "POST" else request.GET
        self.root = ET.Element(
            f"{{{OAI}}}OAI-PMH",
            {f"{{{XSI}}}schemaLocation": f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"},
        )
        ET.SubElement(self.root, f"{{{OAI}}}responseDate").text = datestamp(timezone.now())
        self.request_element = ET.SubElement(self.root, f"{{{OAI}}}request")
        self.request_element.text = self.base_url

    def element(self, parent, name, text=None, namespace=OAI, **attributes):
        node = ET.SubElement(parent, f"{{{namespace}}}{name}", {k: str(v) for k, v in attributes.items()})
        if text is not None:
            node.text = str(text)
        return node

    def respond(self) -> HttpResponse:
        try:
            verb, arguments = self.validated()
            for name, value in arguments.items():
                self.request_element.set(name, value)
            self.request_element.set("verb", verb)
            getattr(self, verb)(arguments)
        except OAIError as error:
            if error.code in ("badVerb", "badArgument"):
                self.request_element.attrib.clear()
            self.element(self.root, "error", error.message, code=error.code)
        body = ET.tostring(self.root, encoding="utf-8", xml_declaration=True)
        return HttpResponse(body, content_type="text/xml; charset=utf-8")

    def validated(self) -> tuple[str, dict[str, str]]:
        verbs = self.arguments.getlist("verb")
        if len(verbs) != 1:
            raise OAIError("badVerb", "Give exactly one verb." if verbs else "The verb argument is missing.")
        verb = verbs[0]
        if verb not in VERBS:
            raise OAIError("badVerb", f"Unknown verb: {verb}.")
        required, optional = VERBS[verb]
        arguments = {}
        for name in self.arguments:
            if name == "verb":
                continue
            values = self.arguments.getlist(name)
            if len(values) > 1:
                raise OAIError("badArgument", f"The argument {name} is repeated.")
            arguments[name] = values[0]
        if "resumptionToken" in arguments:
            if verb not in RESUMABLE:
                raise OAIError("badArgument", f"{verb} does not take a resumptionToken.")
            if len(arguments) > 1:
                raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
            return verb, arguments
        unknown = set(arguments) - required - optional
        if unknown:
            raise OAIError("badArgument", f"Illegal argument(s) for {verb}: {', '.join(sorted(unknown))}.")
        missing = required - set(arguments)
        if missing:
            raise OAIError("badArgument", f"Missing argument(s) for {verb}: {', '.join(sorted(missing))}.")
        return verb, arguments

    # --- verbs ----------------------------------------------------------------------------------------

    def Identify(self, arguments):  # noqa: N802 - OAI-PMH verb names
        earliest = public_products().aggregate(earliest=Min("updated_at"))["earliest"] or timezone.now()
        node = self.element(self.root, "Identify")
        self.element(node, "repositoryName", settings.GROUP_NAME)
        self.element(node, "baseURL", self.base_url)
        self.element(node, "protocolVersion", "2.0")
        self.element(node, "adminEmail", settings.GROUP_CONTACT_EMAIL)
        self.element(node, "earliestDatestamp", datestamp(earliest))
        self.element(node, "deletedRecord", "no")
        self.element(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")
        description = self.element(node, "description")
        namespace = "http://www.openarchives.org/OAI/2.0/oai-identifier"
        identifier = ET.SubElement(
            description,
            f"{{{namespace}}}oai-identifier",
            {
                f"{{{XSI}}}schemaLocation": f"{namespace} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
            },
        )
        for name, value in (
            ("scheme", "oai"),
            ("repositoryIdentifier", REPOSITORY_IDENTIFIER),
            ("delimiter", ":"),
            ("sampleIdentifier", f"oai:{REPOSITORY_IDENTIFIER}:1"),
        ):
            ET.SubElement(identifier, f"{{{namespace}}}{name}").text = value

    def ListMetadataFormats(self, arguments):  # noqa: N802
        if "identifier" in arguments:
            self.public_product(arguments["identifier"])
        node = self.element(self.root, "ListMetadataFormats")
        for prefix, (schema, namespace) in METADATA_FORMATS.items():
            format_node = self.element(node, "metadataFormat")
            self.element(format_node, "metadataPrefix", prefix)
            self.element(format_node, "schema", schema)
            self.element(format_node, "metadataNamespace", namespace)

    def ListSets(self, arguments):  # noqa: N802
        if "resumptionToken" in arguments:
            raise OAIError("badResumptionToken", "This repository issues no resumption tokens for ListSets.")
        node = self.element(self.root, "ListSets")
        sets = [
            ("type", "Type of product"),
            *((f"type:{value}", str(label)) for value, label in Product.Kind.choices),
            ("theme", "Theme"),
            *((f"theme:{theme.slug}", theme.name) for theme in Theme.objects.all()),
        ]
        for spec, name in sets:
            set_node = self.element(node, "set")
            self.element(set_node, "setSpec", spec)
            self.element(set_node, "setName", name)

    def GetRecord(self, arguments):  # noqa: N802
        self.check_format(arguments["metadataPrefix"])
        product = self.public_product(arguments["identifier"])
        self.record(self.element(self.root, "GetRecord"), product, with_metadata=True)

    def ListIdentifiers(self, arguments):  # noqa: N802
        self.list(arguments, "ListIdentifiers", with_metadata=False)

    def ListRecords(self, arguments):  # noqa: N802
        self.list(arguments, "ListRecords", with_metadata=True)

    # --- helpers --------------------------------------------------------------------------------------

    def check_format(self, prefix):
        if prefix not in METADATA_FORMATS:
            raise OAIError(
                "cannotDisseminateFormat", f"The metadata format {prefix} is not supported; use oai_dc."
            )

    def public_product(self, identifier) -> Product:
        product_id = product_id_from(identifier)
        product = (
            queries.with_details(public_products()).filter(pk=product_id).first() if product_id else None
        )
        if product is None:
            raise OAIError("idDoesNotExist", f"No item has the identifier {identifier}.")
        return product

    def selection(self, state):
        products = public_products()
        if state.get("f"):
            products = products.filter(updated_at__gte=datetime.fromisoformat(state["f"]))
        if state.get("u"):
            products = products.filter(updated_at__lt=datetime.fromisoformat(state["u"]))
        spec = state.get("s")
        if spec:
            kind, _, value = spec.partition(":")
            if kind == "type" and value:
                products = products.filter(kind=value)
            elif kind == "theme" and value:
                products = products.filter(
                    pk__in=Product.themes.through.objects.filter(theme__slug=value).values("product_id")
                )
            elif kind == "theme":
                products = products.filter(pk__in=Product.themes.through.objects.values("product_id"))
            elif kind != "type":
                products = products.none()
        return products

    def initial_state(self, arguments) -> dict:
        self.check_format(arguments["metadataPrefix"])
        state = {"p": arguments["metadataPrefix"], "s": arguments.get("set", ""), "a": 0, "c": 0}
        granularities = set()
        for name, key, upper in (("from", "f", False), ("until", "u", True)):
            if name in arguments:
                bound, granularity = parse_bound(arguments[name], upper=upper)
                state[key] = bound.isoformat()
                granularities.add(granularity)
        if len(granularities) > 1:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if state.get("f") and state.get("u") and state["f"] >= state["u"]:
            raise OAIError("badArgument", "from must not be later than until.")
        return state

    def list(self, arguments, verb, *, with_metadata):
        if "resumptionToken" in arguments:
            try:
                state = signing.loads(
                    arguments["resumptionToken"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE.total_seconds()
                )
            except signing.BadSignature:
                raise OAIError(
                    "badResumptionToken", "The resumption token is invalid or has expired."
                ) from None
            if state.get("v") != verb:
                raise OAIError("badResumptionToken", "The resumption token belongs to another verb.")
        else:
            state = self.initial_state(arguments)
            state["v"] = verb
            state["n"] = self.selection(state).count()
            if state["n"] == 0:
                raise OAIError("noRecordsMatch", "No records match these arguments.")
        page = list(
            queries.with_details(self.selection(state).filter(pk__gt=state["a"])).order_by("pk")[:PAGE_SIZE]
        )
        if not page:
            raise OAIError("noRecordsMatch", "No records match these arguments.")
        node = self.element(self.root, verb)
        for product in page:
            if with_metadata:
                self.record(node, product, with_metadata=True)
            else:
                self.header(node, product)
        cursor = state["c"]
        delivered = cursor + len(page)
        if delivered < state["n"] and len(page) == PAGE_SIZE:
            next_state = {**state, "a": page[-1].pk, "c": delivered}
            token = signing.dumps(next_state, salt=TOKEN_SALT, compress=True)
            expires = timezone.now() + TOKEN_MAX_AGE
            self.element(
                node,
                "resumptionToken",
                token,
                completeListSize=state["n"],
                cursor=cursor,
                expirationDate=datestamp(expires),
            )
        elif "resumptionToken" in arguments:
            self.element(node, "resumptionToken", completeListSize=state["n"], cursor=cursor)

    def header(self, parent, product):
        node = self.element(parent, "header")
        self.element(node, "identifier", identifier_of(product))
        self.element(node, "datestamp", datestamp(product.updated_at))
        for spec in set_specs(product):
            self.element(node, "setSpec", spec)
        return node

    def record(self, parent, product, *, with_metadata):
        node = self.element(parent, "record")
        self.header(node, product)
        if with_metadata:
            holder = self.element(node, "metadata")
            dc = ET.SubElement(
                holder,
                f"{{{OAI_DC}}}dc",
                {f"{{{XSI}}}schemaLocation": f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"},
            )
            for name, value in metadata.dublin_core(product, self.request.build_absolute_uri):
                ET.SubElement(dc, f"{{{DC}}}{name}").text = value


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request):
    """Harvesters POST application/x-www-form-urlencoded without a session: no CSRF token applies."""
    return Harvest(request).respond()
