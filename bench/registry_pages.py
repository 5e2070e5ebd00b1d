"""Time the registry's public pages and API with many organizations; prints median and 95th percentile.

Usage: python bench/registry_pages.py [--organizations 5000] [--repeat 30]
Runs against a throw-away SQLite file (or DATABASE_URL's server, in a database it creates and drops)."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icat.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organizations", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    django.setup()
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        from django.test import Client

        from icat.orgs.models import Organization, OrganizationStatus

        print(f"database: {connection.vendor}; organizations: {args.organizations}")
        started = time.perf_counter()
        organizations = Organization.objects.bulk_create(
            Organization(slug=f"org-{n}", name=f"Organization {n:05}", acronym=f"O{n}", kind="un_entity")
            for n in range(args.organizations)
        )
        OrganizationStatus.objects.bulk_create(
            OrganizationStatus(organization=org, status="member" if n % 3 else "partner", valid_from=date(2020, 1, 1))
            for n, org in enumerate(organizations)
        )
        print(f"created in {time.perf_counter() - started:.1f} s")
        client = Client()
        for label, url in [("home", "/"), ("directory", "/organizations/"),
                           ("directory, partners", "/organizations/?status=partner"),
                           ("profile", "/organizations/org-7/"), ("API list", "/api/orgs/")]:
            timings = []
            queries = []

            def count(execute, sql, *rest, seen=queries):
                seen.append(sql)
                return execute(sql, *rest)

            with connection.execute_wrapper(count):
                client.get(url)
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(f"{label:22} median {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
                  f"{len(queries)} queries   {len(response.content) // 1024} KiB")
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
