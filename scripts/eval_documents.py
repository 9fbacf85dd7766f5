"""Is the parser as good on PDF and Word responses as on text? Score all three side by side.

Renders every labelled text of the named sets in ../shared (default: seeds, corpus, corpus2, corpus3) into PDF and DOCX letters (running
header and footer on every page, as tests/render_docs.py makes them) in a temporary directory, writes a copy
of each labels.json whose "file" names end in .pdf / .docx, runs `foilog eval` on the text, the PDFs and the
DOCX files, and prints the per-field scores in three columns. Nothing is written into the repository.

    .venv/bin/python scripts/eval_documents.py [--misses] [SET ...]      (e.g. corpus3)
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "tests"))

import render_docs  # noqa: E402  (a test helper, found through the path above)

RENDERERS = {"pdf": render_docs.text_to_pdf, "docx": render_docs.text_to_docx}
SCORE_LINE = re.compile(r"^(\S+)\s+(\d+)/(\d+) = ([\d.]+)(?:\s+\(F1 ([\d.]+)\))?")


def render_labelled_set(labels_path: Path, out_dir: Path, extension: str) -> Path:
    """Render each labelled text to out_dir/NNNN.<extension>; return the renamed labels copy."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    for label in labels:
        text = (labels_path.parent / label["file"]).read_text(encoding="utf-8")
        label["file"] = Path(label["file"]).with_suffix(f".{extension}").name
        (out_dir / label["file"]).write_bytes(RENDERERS[extension](text))
    renamed = out_dir / "labels.json"
    renamed.write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return renamed


def run_eval(labels_path: Path, directory: Path, misses: bool) -> dict[str, str]:
    """`foilog eval` on one directory; {field: "correct/total = score"} from its summary lines."""
    command = [sys.executable, "-m", "scraper.cli", "eval", str(labels_path), str(directory),
               "--misses" if misses else "--no-misses"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    if misses:
        print(f"== {directory.name}\n{result.stdout}{result.stderr}")
    scores = {}
    for line in result.stdout.splitlines():
        match = SCORE_LINE.match(line)
        if match:
            field, correct, total, score, f1 = match.groups()
            scores[field] = f"{correct}/{total} {score}" + (f" F1 {f1}" if f1 else "")
    return scores


def main() -> None:
    misses = "--misses" in sys.argv
    sets = [a for a in sys.argv[1:] if not a.startswith("--")] or ["seeds", "corpus", "corpus2", "corpus3"]
    with tempfile.TemporaryDirectory(prefix="foilog-eval-docs-") as tmp:
        for set_name in sets:
            labels_path = SHARED / set_name / "labels.json"
            columns = {"text": run_eval(labels_path, labels_path.parent, misses)}
            for extension in RENDERERS:
                out_dir = Path(tmp) / f"{set_name}-{extension}"
                out_dir.mkdir()
                columns[extension] = run_eval(render_labelled_set(labels_path, out_dir, extension), out_dir,
                                              misses)
            print(f"\n{set_name}: {len(json.loads(labels_path.read_text(encoding='utf-8')))} labelled documents")
            print(f"{'field':<14}" + "".join(f"{name:<24}" for name in columns))
            for field in columns["text"]:
                print(f"{field:<14}" + "".join(f"{scores.get(field, '-'):<24}" for scores in columns.values()))


if __name__ == "__main__":
    main()
