#!/usr/bin/env python3
"""Sums the TRX files of a test run and prints one closing line: 'Tests: N passed, N failed, N skipped'.
Exits non-zero when anything failed or was skipped: no test is silently skipped."""
import glob, os, sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True)):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    p, f = int(counters.get("passed", 0)), int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    s = int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
    print(f"  {os.path.basename(path)}: {p} passed, {f} failed, {s} skipped")
    passed, failed, skipped = passed + p, failed + f, skipped + s
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
if passed == 0:
    print("no test ran", file=sys.stderr)
sys.exit(1 if failed or skipped or passed == 0 else 0)
