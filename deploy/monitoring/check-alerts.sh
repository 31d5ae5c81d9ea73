#!/usr/bin/env bash
# Checks the alert rules with promtool (Debian: apt-get install -y prometheus):
#  1. promtool check rules on the rule groups of deploy/k8s/components/monitoring/prometheusrule.yaml;
#  2. promtool test rules deploy/monitoring/alerts-test.yaml on the same groups, each alert with its
#     summary annotation only (the tests name the summaries; the descriptions are long prose).
# Exit 0 when both pass.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=$(mktemp -d "${TMPDIR:-/tmp}/alert-rules.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

python3 - deploy/k8s/components/monitoring/prometheusrule.yaml "$scratch" <<'PY'
import sys, yaml
rule, out = sys.argv[1], sys.argv[2]
spec = yaml.safe_load(open(rule))["spec"]
yaml.safe_dump(spec, open(f"{out}/all-rules.yaml", "w"), sort_keys=False, width=1000)
for group in spec["groups"]:
    for r in group["rules"]:
        r["annotations"] = {"summary": r["annotations"]["summary"]}
yaml.safe_dump(spec, open(f"{out}/rules.yaml", "w"), sort_keys=False, width=1000)
PY
promtool check rules "$scratch/all-rules.yaml"
cp deploy/monitoring/alerts-test.yaml "$scratch/"
promtool test rules "$scratch/alerts-test.yaml"
