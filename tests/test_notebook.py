"""The analyst notebook runs from top to bottom and is stored without outputs.

The notebook is executed with nbclient in a fresh kernel of the interpreter running pytest
(a kernelspec written into a temporary JUPYTER_PATH, so a user-level ``python3`` kernel of
another Python can never be picked up instead).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "architect.ipynb"


def test_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A python3 kernelspec for sys.executable, found first; no home-directory writes."""
    prefix = tmp_path / "jupyter"
    install_kernelspec(kernel_name="python3", prefix=str(prefix))
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.delenv("EA_LANDSCAPE", raising=False)  # the notebook builds the demo region
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[0] == sys.executable
    return tmp_path


@pytest.mark.slow
def test_notebook_executes(kernel_env):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # One extra cell proves the kernel is this interpreter (so it tests this install of ea).
    nb.cells.append(nbformat.v4.new_code_cell(
        f"import sys\nassert sys.executable == {sys.executable!r}, sys.executable\n"
        "print(map_path.stat().st_size)"))
    workdir = kernel_env / "work"
    workdir.mkdir()
    client = NotebookClient(nb, kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    # The focused map was written, and is embedded once (an iframe holding the whole page).
    size = int(nb.cells[-1].outputs[0]["text"])
    assert size > 100_000
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    frames = [o for o in outputs if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")]
    assert len(frames) == 1
    # The per-organisation chart is drawn (a PNG from matplotlib), the figures beside it
    charts = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(charts) == 1
    assert len(json.dumps(outputs)) < 2 * size + 300_000
    assert list(workdir.iterdir()) == []  # nothing written into the working directory


def test_missing_landscape_is_an_error(kernel_env, monkeypatch):
    """EA_LANDSCAPE naming no file stops the notebook; it never falls back to the demo."""
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("EA_LANDSCAPE", str(kernel_env / "no-such-landscape.json"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    load = next(i for i, c in enumerate(nb.cells) if "EA_LANDSCAPE" in c.source
                and c.cell_type == "code")
    nb.cells = nb.cells[:load + 1]
    client = NotebookClient(nb, kernel_name="python3", timeout=60,
                            resources={"metadata": {"path": str(kernel_env)}})
    with pytest.raises(CellExecutionError, match="no such snapshot"):
        client.execute()
