"""Makes the desk's vendored tables from local copies of their public sources.

    python3 make_tables.py KEV_JSON ENDOFLIFE_REPO [CHECKED_ON]

KEV_JSON: CISA's known_exploited_vulnerabilities.json (CC0-1.0), e.g. from
https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json or the
cisagov/kev-data repository. Kept in CISA's own shape, with only the fields Strongroom reads, so
the shop's refresh from CISA's address is read by the same code.

ENDOFLIFE_REPO: a checkout of endoflife-date/endoflife.date (MIT). Each product's releases
become cycles in Strongroom's `strongroom-eol/1` shape: the cycle, its label, and its end of
security support as endoflife.date gives it (a date, true when ended on no known date, false
when none is announced).
"""

import datetime
import json
import os
import sys

import yaml

KEV_FIELDS = ["cveID", "vendorProject", "product", "vulnerabilityName", "dateAdded", "dueDate", "knownRansomwareCampaignUse"]

# endoflife.date's product, its title, and the names a shop may type for it.
PRODUCTS = [
    ("windows", "Microsoft Windows", ["windows", "microsoft windows", "ms windows"]),
    ("macos", "Apple macOS", ["macos", "mac os", "mac os x", "os x", "osx"]),
    ("ios", "Apple iOS", ["ios", "iphone os"]),
    ("ipados", "Apple iPadOS", ["ipados"]),
    ("android", "Android", ["android", "google android"]),
    ("ubuntu", "Ubuntu", ["ubuntu"]),
    ("debian", "Debian", ["debian", "debian gnu/linux"]),
    ("office", "Microsoft Office", ["office", "microsoft office", "ms office"]),
    ("chrome", "Google Chrome", ["chrome", "google chrome"]),
    ("firefox", "Mozilla Firefox", ["firefox", "mozilla firefox"]),
    ("libreoffice", "LibreOffice", ["libreoffice"]),
]


def kev(path):
    with open(path) as source:
        catalogue = json.load(source)
    kept = [{field: entry[field] for field in KEV_FIELDS} for entry in catalogue["vulnerabilities"]]
    return {
        "title": catalogue["title"],
        "catalogVersion": catalogue["catalogVersion"],
        "dateReleased": catalogue["dateReleased"],
        "count": len(kept),
        "vulnerabilities": kept,
    }


def eol_value(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return bool(value)


def eol(repo):
    products = []
    for product, title, names in PRODUCTS:
        with open(os.path.join(repo, "products", product + ".md")) as source:
            front = yaml.safe_load(source.read().split("---")[1])
        cycles = []
        for release in front["releases"]:
            cycle = {"cycle": str(release["releaseCycle"]), "eol": eol_value(release.get("eol", False))}
            label = release.get("releaseLabel") or front.get("releaseLabel")
            if label and "__" in str(label):
                # endoflife.date's templates: the cycle and its codename filled in.
                label = str(label).replace("__RELEASE_CYCLE__", cycle["cycle"]).replace("__CODENAME__", str(release.get("codename", "")))
                label = label.replace(" ()", "")
            if label:
                cycle["label"] = str(label)
            cycles.append(cycle)
        products.append({"id": product, "title": title, "names": names, "cycles": cycles})
    return {"format": "strongroom-eol/1", "source": "endoflife.date (MIT licence)", "products": products}


def write(path, table, rows):
    """`table` as JSON with each of its `rows` on a line of its own (small, and diffs well)."""
    head = {key: value for key, value in table.items() if key != rows}
    with open(path, "w") as out:
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "' + rows + '": [\n')
        out.write(",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in table[rows]))
        out.write("\n]}\n")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(here, "kev.json"), kev(sys.argv[1]), "vulnerabilities")
    table = eol(sys.argv[2])
    table["checked"] = sys.argv[3] if len(sys.argv) > 3 else datetime.date.today().isoformat()
    write(os.path.join(here, "eol.json"), table, "products")
