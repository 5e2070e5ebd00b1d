"""Library search and harvest at scale: generates N published products with text (default 100,000),
then reports search latency (median, 95th percentile) through ``icat.library.search.search`` — the
one function the pages and the API call — on SQLite (FTS5) and, when reachable, PostgreSQL (its own
database ``icat_library_bench``), and the time to harvest the whole repository over OAI-PMH
(ListRecords with resumption tokens, through Django's test client: no network in the figure).

    .venv/bin/python bench/library_search.py [--count 100000] [--queries 300] [--skip-harvest]

Products are bulk-inserted (not through the services, which would take hours at this size) in the
same shape the services write: published with an outside sign-off, one English version whose file
text is indexed; the index rows are built with the same weights (titles A, summaries B, file text C).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "icat_library_bench"
SEED = 20260722


def vocabulary(rng: random.Random) -> list[str]:
    """Real words from the seeds (so queries look like a person's) plus pseudo-words for a long tail."""
    import re

    words = set()
    for path in (ROOT / "icat" / "reference").glob("*.txt"):
        words.update(word.lower() for word in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8")))
    syllables = [
        "ka",
        "lo",
        "mi",
        "tra",
        "fen",
        "dor",
        "vel",
        "ques",
        "pin",
        "zu",
        "ron",
        "bel",
        "sta",
        "gri",
    ]
    while len(words) < 12000:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def zipf_sampler(words, order_rng, sample_rng):
    """Words ranked by a shuffle (``order_rng``), drawn with Zipf frequencies (``sample_rng``)."""
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(words))]
    ranked = words[:]
    order_rng.shuffle(ranked)

    def sample(k):
        return sample_rng.choices(ranked, weights=weights, k=k)

    return sample, ranked


def corpus_words(sample_rng):
    """The generator's vocabulary in the generator's frequency order, so queries hit the same words."""
    order_rng = random.Random(SEED)
    return zipf_sampler(vocabulary(order_rng), order_rng, sample_rng)


def generate(count: int) -> None:
    from datetime import date

    from django.db import connection, transaction

    from icat.library import search
    from icat.library.models import LanguageVersion, Product, SearchTerm, Theme

    rng = random.Random(SEED)
    sample, _ = zipf_sampler(vocabulary(rng), rng, rng)
    themes = [
        Theme.objects.get_or_create(slug=f"theme-{n}", defaults={"name": f"Theme {n}"})[0] for n in range(12)
    ]
    kinds = [kind for kind in Product.Kind.values]
    batch = 5000
    started = time.perf_counter()
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        with transaction.atomic():
            products = []
            for _ in range(size):
                title = " ".join(sample(rng.randint(5, 10))).capitalize()
                summary = " ".join(sample(40))
                kind = rng.choice(kinds)
                products.append(
                    Product(
                        kind=kind,
                        title=title,
                        summary=summary,
                        state="published",
                        signoff="outside",
                        signoff_reason="bench",
                        publication_date=date(rng.randint(2007, 2026), rng.randint(1, 12), 1),
                        publication_date_precision="month",
                    )
                )
            created = Product.objects.bulk_create(products)
            LanguageVersion.objects.bulk_create(
                [
                    LanguageVersion(
                        product=product,
                        language="en",
                        title=product.title,
                        summary=product.summary,
                        text=" ".join(sample(150)),
                        text_state="done",
                        file_format="pdf",
                    )
                    for product in created
                ]
            )
            Product.themes.through.objects.bulk_create(
                [
                    Product.themes.through(product_id=product.pk, theme_id=rng.choice(themes).pk)
                    for product in created
                ]
            )
            ids = [product.pk for product in created]
            with connection.cursor() as cursor:
                if search.is_postgresql():
                    cursor.execute(
                        "UPDATE library_product p SET search_vector = "
                        "setweight(to_tsvector('english', v.title), 'A') || "
                        "setweight(to_tsvector('english', v.summary), 'B') || "
                        "setweight(to_tsvector('english', v.text), 'C'), search_theme_ids = ARRAY("
                        "SELECT theme_id FROM library_product_themes t WHERE t.product_id = p.id) "
                        "FROM library_languageversion v WHERE v.product_id = p.id AND p.id = ANY(%s)",
                        [ids],
                    )
                else:
                    cursor.execute(
                        f"INSERT INTO {search.FTS_TABLE} (rowid, titles, summaries, body) "  # noqa: S608
                        "SELECT p.id, v.title, v.summary, v.text FROM library_product p "
                        "JOIN library_languageversion v ON v.product_id = p.id "
                        f"WHERE p.id IN ({','.join(['%s'] * len(ids))})",
                        ids,
                    )
        print(f"  generated {offset + size:>7} products ({time.perf_counter() - started:.0f} s)", flush=True)
    words = set()
    for product in Product.objects.values_list("title", flat=True).iterator(chunk_size=5000):
        words.update(search.vocabulary_of(product))
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in words], ignore_conflicts=True, batch_size=5000
    )
    with connection.cursor() as cursor:
        # What autovacuum does in production (it is off on some test servers): the index rewrite above
        # leaves a dead row per product, which every bitmap scan would otherwise visit.
        cursor.execute("VACUUM ANALYZE" if search.is_postgresql() else "ANALYZE")


def measure_search(queries: int) -> dict:
    from icat.library.search import Criteria, search

    rng = random.Random(SEED + 1)
    sample, ranked = corpus_words(rng)
    shapes = ["common word", "rarer word", "two words", "word + year", "word + type + theme", "misspelled"]
    cases = []
    for number in range(queries):
        shape = number % 6
        if shape == 0:
            criteria = Criteria(text=ranked[rng.randint(0, 50)])  # among the 50 commonest: most products
        elif shape == 1:
            criteria = Criteria(text=ranked[rng.randint(500, 5000)])
        elif shape == 2:
            criteria = Criteria(text=" ".join(sample(2)))
        elif shape == 3:
            criteria = Criteria(text=" ".join(sample(1)), year=rng.randint(2007, 2026))
        elif shape == 4:
            theme = f"theme-{rng.randint(0, 11)}"
            criteria = Criteria(text=" ".join(sample(1)), kind="issue_brief", theme=theme)
        else:
            criteria = Criteria(text=ranked[rng.randint(0, 3000)] + "x")  # zero hits and a suggestion
        cases.append((shapes[shape], criteria))
    search(Criteria(text="warm up"))
    timings, counts, by_shape = [], [], {name: [] for name in shapes}
    for shape, criteria in cases:
        started = time.perf_counter()
        results = search(criteria, per_page=20)
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(elapsed)
        by_shape[shape].append(elapsed)
        counts.append(results.count)
    timings.sort()
    return {
        "queries": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
        "median_hits": int(statistics.median(counts)),
        "median_ms_by_shape": {name: round(statistics.median(ms), 1) for name, ms in by_shape.items()},
    }


def measure_harvest() -> dict:
    import xml.etree.ElementTree as ET

    from django.test import Client

    from icat.library import oai

    client = Client()
    started = time.perf_counter()
    records, pages, token = 0, 0, None
    while True:
        arguments = {
            "verb": "ListRecords",
            **({"resumptionToken": token} if token else {"metadataPrefix": "oai_dc"}),
        }
        root = ET.fromstring(client.get("/oai", arguments).content)  # noqa: S314 - our own server's answer
        listing = root.find(f"{{{oai.OAI}}}ListRecords")
        records += len(listing.findall(f"{{{oai.OAI}}}record"))
        pages += 1
        element = listing.find(f"{{{oai.OAI}}}resumptionToken")
        token = element.text if element is not None else None
        if not token:
            break
    seconds = time.perf_counter() - started
    return {
        "records": records,
        "pages": pages,
        "seconds": round(seconds, 1),
        "records_per_second": round(records / seconds),
    }


def child(backend: str, count: int, queries: int, harvest: bool) -> None:
    """Run in a fresh interpreter per database: set up Django, build the data, measure, print JSON."""
    import django

    django.setup()
    from django.core.management import call_command

    from icat.library.models import Product

    call_command("migrate", verbosity=0)
    existing = Product.objects.filter(signoff_reason="bench").count()
    if existing != count:
        if existing:
            wipe(backend)
        started = time.perf_counter()
        generate(count)
        print(
            f"  {backend}: generated and indexed {count} products in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    result = {"backend": backend, "products": count, "search": measure_search(queries)}
    if harvest:
        result["harvest"] = measure_harvest()
    print("RESULT " + json.dumps(result), flush=True)


def wipe(backend: str) -> None:
    """Empty the library tables of the bench database (it holds another size)."""
    from django.db import connection

    from icat.library.search import FTS_TABLE

    tables = [
        "library_product_themes",
        "library_product_lead_organizations",
        "library_product_contributors",
        "library_comment",
        "library_languageversion",
        "library_product",
        "library_searchterm",
    ]
    with connection.cursor() as cursor:
        if backend == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in [*tables, FTS_TABLE]:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{PG_DATABASE}"')
        return True
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable": say so and go on
        print(f"PostgreSQL not reachable ({error}); SQLite only.")
        return False


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--skip-harvest", action="store_true")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.count, options.queries, not options.skip_harvest)
        return
    work = Path(os.environ.get("BENCH_DIR", Path(tempfile.gettempdir()) / "icat-library-bench"))
    work.mkdir(parents=True, exist_ok=True)
    backends = {"sqlite": f"sqlite:///{work / f'library-{options.count}.sqlite3'}"}
    if postgres_reachable():
        backends["postgresql"] = f"{PG_SERVER}/{PG_DATABASE}"
    results = []
    for backend, url in backends.items():
        print(f"== {backend}: {url}", flush=True)
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "icat.settings",
            "ALLOWED_HOSTS": "testserver,localhost",
            "ICAT_VAR_DIR": str(work),
            "DEBUG": "1",
        }
        command = [
            sys.executable,
            __file__,
            "--child",
            backend,
            "--count",
            str(options.count),
            "--queries",
            str(options.queries),
        ] + (["--skip-harvest"] if options.skip_harvest else [])
        process = subprocess.run(
            command, env=environment, cwd=ROOT, capture_output=True, text=True, check=False
        )
        for line in process.stdout.splitlines():
            if line.startswith("RESULT "):
                results.append(json.loads(line[len("RESULT ") :]))
            else:
                print(line)
        if process.returncode:
            print(process.stderr[-3000:])
    print()
    header = ("database", "products", "median ms", "p95 ms", "max ms", "harvest s", "rec/s")
    print(
        f"{header[0]:<12}{header[1]:>10}{header[2]:>11}{header[3]:>9}{header[4]:>9}{header[5]:>11}{header[6]:>8}"
    )
    for result in results:
        search_figures, harvest = result["search"], result.get("harvest", {})
        print(
            f"{result['backend']:<12}{result['products']:>10}{search_figures['median_ms']:>11}"
            f"{search_figures['p95_ms']:>9}{search_figures['max_ms']:>9}{harvest.get('seconds', '-'):>11}"
            f"{harvest.get('records_per_second', '-'):>8}"
        )
    for result in results:
        shapes = ", ".join(f"{name} {ms}" for name, ms in result["search"]["median_ms_by_shape"].items())
        print(f"{result['backend']}: median ms by kind of query: {shapes}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
