"""Run every benchmark in bench/ with its default sizes and print their figures."""

import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
failed = 0
for script in sorted(here.glob("*.py")):
    if script.name == "run.py":
        continue
    print(f"== {script.name}", flush=True)
    failed += subprocess.run([sys.executable, str(script), *sys.argv[1:]], check=False).returncode != 0
sys.exit(1 if failed else 0)
