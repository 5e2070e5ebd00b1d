"""Print the PostgreSQL URL the tests should also run on, or nothing when none is reachable.

``DATABASE_URL`` wins when it names PostgreSQL; otherwise the local server on 127.0.0.1:5432."""

import os
import sys

import psycopg

candidate = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/test"
if not candidate.startswith(("postgres://", "postgresql://")):
    sys.exit(0)
try:
    psycopg.connect(candidate.replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except psycopg.Error:
    sys.exit(0)
print(candidate)
