"""Regenerate the bundled vocabulary files from their published sources.

    python -m wizard.vocabularies.refresh [--hub-docs DIR_OR_URL] [--huggingface-js DIR_OR_URL]
                                          [--date YYYY-MM-DD] [--out DIR]

Each source is a local checkout (folder) or a base URL of the repository's raw files; without
one, the GitHub raw URL of the repository's main branch is used. Only facts are carried over
(ids, names, links); nothing of the sources' code. Run it, review `git diff`, commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.request
from pathlib import Path

HUB_DOCS = "https://raw.githubusercontent.com/huggingface/hub-docs/main"
HF_JS = "https://raw.githubusercontent.com/huggingface/huggingface.js/main"
LICENSES_MD = "docs/hub/repositories-licenses.md"
PIPELINES_TS = "packages/tasks/src/pipelines.ts"
ISO_639_1_TS = "packages/languages/src/languages_iso_639_1.ts"
ISO_639_3_TS = "packages/languages/src/languages_iso_639_3.ts"

# The Hub's license ids say nothing of SPDX; this is the SPDX License List's identifier for each
# Hub id that names exactly one SPDX license (families such as `bsd`, `cc`, `gpl` and the custom
# model licenses have none). GNU ids without "-only"/"-or-later" map to the "-only" form.
SPDX = {
    "apache-2.0": "Apache-2.0", "mit": "MIT", "afl-3.0": "AFL-3.0", "artistic-2.0": "Artistic-2.0",
    "bsl-1.0": "BSL-1.0", "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear", "c-uda": "C-UDA-1.0", "cc0-1.0": "CC0-1.0",
    "cc-by-2.0": "CC-BY-2.0", "cc-by-2.5": "CC-BY-2.5", "cc-by-3.0": "CC-BY-3.0", "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0", "cc-by-sa-4.0": "CC-BY-SA-4.0", "cc-by-nc-2.0": "CC-BY-NC-2.0",
    "cc-by-nc-3.0": "CC-BY-NC-3.0", "cc-by-nc-4.0": "CC-BY-NC-4.0", "cc-by-nd-4.0": "CC-BY-ND-4.0",
    "cc-by-nc-nd-3.0": "CC-BY-NC-ND-3.0", "cc-by-nc-nd-4.0": "CC-BY-NC-ND-4.0",
    "cc-by-nc-sa-2.0": "CC-BY-NC-SA-2.0", "cc-by-nc-sa-3.0": "CC-BY-NC-SA-3.0",
    "cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0", "cdla-sharing-1.0": "CDLA-Sharing-1.0",
    "cdla-permissive-1.0": "CDLA-Permissive-1.0", "cdla-permissive-2.0": "CDLA-Permissive-2.0",
    "wtfpl": "WTFPL", "ecl-2.0": "ECL-2.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "etalab-2.0": "etalab-2.0", "eupl-1.1": "EUPL-1.1", "eupl-1.2": "EUPL-1.2",
    "agpl-3.0": "AGPL-3.0-only", "gpl-2.0": "GPL-2.0-only", "gpl-3.0": "GPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only", "lgpl-3.0": "LGPL-3.0-only", "isc": "ISC", "lppl-1.3c": "LPPL-1.3c",
    "ms-pl": "MS-PL", "mpl-2.0": "MPL-2.0", "odc-by": "ODC-By-1.0", "odbl": "ODbL-1.0",
    "osl-3.0": "OSL-3.0", "postgresql": "PostgreSQL", "ofl-1.1": "OFL-1.1", "ncsa": "NCSA",
    "unlicense": "Unlicense", "zlib": "Zlib", "pddl": "PDDL-1.0", "lgpl-lr": "LGPLLR",
}
# Short or informal spellings authors type, and the Hub id they almost always mean.
LICENSE_ALIASES = {
    "cc-by": "cc-by-4.0", "cc-by-sa": "cc-by-sa-4.0", "cc-by-nc": "cc-by-nc-4.0", "cc-by-nd": "cc-by-nd-4.0",
    "cc-by-nc-sa": "cc-by-nc-sa-4.0", "cc-by-nc-nd": "cc-by-nc-nd-4.0", "cc0": "cc0-1.0", "cc-0": "cc0-1.0",
    "cc-zero": "cc0-1.0", "public-domain": "cc0-1.0", "apache": "apache-2.0", "apache2": "apache-2.0",
    "apache-2": "apache-2.0", "gplv3": "gpl-3.0", "gpl3": "gpl-3.0", "gplv2": "gpl-2.0", "gpl2": "gpl-2.0",
    "agplv3": "agpl-3.0", "lgplv3": "lgpl-3.0", "mpl": "mpl-2.0", "bsd-3": "bsd-3-clause",
    "bsd-2": "bsd-2-clause", "odc-odbl": "odbl", "mit-license": "mit",
}
SIZE_STEPS = ("1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T")


def _cc_url(hub_id: str) -> str:
    if hub_id == "cc0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    kind, version = hub_id[3:].rsplit("-", 1)
    return f"https://creativecommons.org/licenses/{kind}/{version}/"


def read_source(base: str, rel: str) -> str:
    """A file from a local checkout or from a base URL."""
    if re.match(r"^https?://", base):
        with urllib.request.urlopen(f"{base.rstrip('/')}/{rel}", timeout=60) as response:  # noqa: S310
            return response.read().decode("utf-8")
    return (Path(base) / rel).read_text(encoding="utf-8")


def parse_licenses(markdown: str) -> list[list[str]]:
    """Rows [id, label, spdx, url] of the table between the page's `region licenses` comments."""
    region = markdown.split("<!-- region licenses -->", 1)[1].split("<!-- endregion -->", 1)[0]
    rows: list[list[str]] = []
    for line in region.splitlines():
        m = re.match(r"^\|\s*(.+?)\s*\|\s*`([^`]+)`\s*\|(.*)$", line)
        if not m:
            continue
        label, hub_id, rest = m.group(1).replace("\\*", "*"), m.group(2), m.group(3)
        spdx = SPDX.get(hub_id, "")
        if hub_id.startswith("cc") and spdx:
            url = _cc_url(hub_id)
        elif spdx:
            url = f"https://spdx.org/licenses/{spdx}.html"
        else:
            links = re.findall(r"(?:license|info):\s*(https?://\S+)", rest)
            url = links[-1] if links else ""
        rows.append([hub_id, label, spdx, url])
    if len(rows) < 20:
        raise ValueError("the license table was not found (expected the `region licenses` comments)")
    return rows


def parse_tasks(ts: str) -> list[list[str]]:
    """Rows [id, label, modality, hidden_in_datasets] from PIPELINE_DATA, in the source's order."""
    body = ts.split("export const PIPELINE_DATA = {", 1)[1].split("} satisfies Record<string, PipelineData>", 1)[0]
    rows: list[list[str]] = []
    for line in body.splitlines():
        if m := re.match(r'^\t"?([a-z0-9-]+)"?: \{', line):
            rows.append([m.group(1), "", "", ""])
        elif rows and (m := re.match(r'^\t\tname: "(.*)",', line)):
            rows[-1][1] = m.group(1)
        elif rows and (m := re.match(r'^\t\tmodality: "(.*)",', line)):
            rows[-1][2] = m.group(1)
        elif rows and re.match(r"^\t\thideInDatasets: true", line):
            rows[-1][3] = "yes"
    if len(rows) < 20:
        raise ValueError("PIPELINE_DATA was not found in pipelines.ts")
    return rows


def parse_languages(ts: str) -> list[list[str]]:
    """Rows [code, English name] of a languages_iso_639_*.ts file."""
    rows = re.findall(r'code:\s*"([a-z]{2,3})",\s*name:\s*"((?:[^"\\]|\\.)*)"', ts)
    return [[code, json.loads(f'"{name}"')] for code, name in rows]


def size_rows() -> list[list[str]]:
    rows = [["n<1K", "fewer than 1,000 instances"]]
    for low, high in zip(SIZE_STEPS, SIZE_STEPS[1:]):
        rows.append([f"{low}<n<{high}", f"{low} to {high} instances"])
    rows.append(["n>1T", "more than 1T instances"])
    return rows


def _write(out: Path, name: str, payload: dict) -> None:  # type: ignore[type-arg]
    path = out / f"{name}.json"
    text = json.dumps(payload, ensure_ascii=False, indent=None, separators=(",", ":"))
    # one row per line keeps `git diff` of a refresh readable
    text = text.replace('],["', '],\n["').replace('"rows":[[', '"rows":[\n[')
    path.write_text(text + "\n", encoding="utf-8")
    # the ids alone, one a line: what every session with a vocabulary question reads
    (out / f"{name}.ids").write_text("".join(f"{row[0]}\n" for row in payload["rows"]), encoding="utf-8")
    print(f"wrote {path} and {name}.ids ({len(payload['rows'])} entries)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wizard.vocabularies.refresh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub-docs", default=HUB_DOCS, help="checkout folder or raw base URL of huggingface/hub-docs")
    parser.add_argument("--huggingface-js", default=HF_JS, help="checkout folder or raw base URL of huggingface/huggingface.js")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="date the sources were read (YYYY-MM-DD)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    hub, js, date = args.hub_docs, args.huggingface_js, args.date
    try:
        licenses = parse_licenses(read_source(hub, LICENSES_MD))
        tasks = parse_tasks(read_source(js, PIPELINES_TS))
        iso1 = parse_languages(read_source(js, ISO_639_1_TS))
        iso3 = parse_languages(read_source(js, ISO_639_3_TS))
    except (OSError, ValueError, IndexError) as exc:
        print(f"refresh: could not read a source: {exc}", file=sys.stderr)
        return 2
    seen = {code for code, _ in iso1}
    languages = [[code, name, "639-1"] for code, name in iso1] + [
        [code, name, "639-3"] for code, name in iso3 if code not in seen]
    _write(args.out, "licenses", {
        "name": "licenses", "title": "Hugging Face Hub license ids",
        "source": f"huggingface/hub-docs {LICENSES_MD} (table between the `region licenses` comments); "
                  "SPDX ids from the SPDX License List", "date": date,
        "columns": ["id", "label", "spdx", "url"], "aliases": LICENSE_ALIASES, "rows": licenses})
    _write(args.out, "languages", {
        "name": "languages", "title": "ISO 639-1 and ISO 639-3 language codes (as used on the Hub)",
        "source": f"huggingface/huggingface.js {ISO_639_1_TS} and {ISO_639_3_TS}", "date": date,
        "columns": ["id", "label", "standard"], "aliases": {}, "rows": languages})
    _write(args.out, "hf-tasks", {
        "name": "hf-tasks", "title": "Hugging Face Hub task categories",
        "source": f"huggingface/huggingface.js {PIPELINES_TS} (PIPELINE_DATA keys)", "date": date,
        "columns": ["id", "label", "modality", "hidden_in_datasets"], "aliases": {}, "rows": tasks})
    _write(args.out, "size-categories", {
        "name": "size-categories", "title": "Hugging Face Hub dataset size buckets",
        "source": "huggingface/hub-docs datasetcard.md (size_categories: n<1K, 100K<n<1M, ...) and the Hub's "
                  "dataset size filter: powers of ten from 1K to 1T", "date": date,
        "columns": ["id", "label"], "aliases": {}, "rows": size_rows()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
