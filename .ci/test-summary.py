"""Sums the Surefire and Failsafe reports of every module and prints one closing line.

A skipped test counts as a failure here: this suite has no test that may be skipped.
"""
import glob
import sys
import xml.etree.ElementTree as ET

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
per_module = {}
for path in sorted(glob.glob("**/target/*-reports/TEST-*.xml", recursive=True)):
    suite = ET.parse(path).getroot()
    module = path.split("/target/")[0]
    for key in totals:
        n = int(suite.get(key, "0"))
        totals[key] += n
        per_module.setdefault(module, dict.fromkeys(totals, 0))[key] += n

print()  # Maven's colour codes may end the previous line without a newline
for module, t in per_module.items():
    print(f"  {module}: {t['tests']} tests, {t['failures'] + t['errors']} failed, {t['skipped']} skipped")
failed = totals["failures"] + totals["errors"]
passed = totals["tests"] - failed - totals["skipped"]
print(f"Tests: {passed} passed, {failed} failed, {totals['skipped']} skipped")
if totals["tests"] == 0:
    print("no test ran", file=sys.stderr)
    sys.exit(1)
if failed or totals["skipped"]:
    sys.exit(1)
