"""The layering the style guide asks for, checked by import-linter's contracts in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path


def test_domain_cores_and_services_keep_their_import_boundaries():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a dev dependency"
    done = subprocess.run(
        [lint_imports], capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[2]
    )
    assert done.returncode == 0, done.stdout[-3000:]
