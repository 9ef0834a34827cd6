"""One pre-check through the Python binding, with timeit: ``python bench_precheck.py``."""

import timeit

import scopewise

SCOPES = "contacts.readonly contacts.write locations.readonly"
TARGET = "/contacts/abc123/tasks?locationId=x"
grant = scopewise.Grant(SCOPES)


def denied():
    try:
        scopewise.precheck("contacts.readonly", "POST", "/contacts")
    except scopewise.ScopeDenied:
        pass


for name, stmt, number in [
    ("python/precheck (scope string each call)", lambda: scopewise.precheck(SCOPES, "GET", TARGET), 200_000),
    ("python/Grant.precheck (parsed once)", lambda: grant.precheck("GET", TARGET), 200_000),
    ("python/denied missing-scope (raises)", denied, 50_000),
]:
    runs = sorted(t / number * 1e9 for t in timeit.repeat(stmt, number=number, repeat=5))
    print(f"{name}: median {runs[2]:.0f} ns/call (min {runs[0]:.0f}, max {runs[4]:.0f})")
