#!/usr/bin/env bash
# Validates the deployment files without a cluster or a Docker engine:
#  1. kubectl kustomize renders deploy/k8s/base and each overlay, and each overlay has what it must
#     (every kind, its namespace, its pro-api URL, a redirect URI, verify-full TLS to the database);
#  2. yamllint (settings in .yamllint) passes on deploy/ and on .yamllint itself;
#  3. hadolint on the Dockerfiles, where it is installed (it is not packaged in Debian);
#  4. deploy/check-dockerfiles.sh (COPY sources, .dockerignore, users, no secrets);
#  5. deploy/check-native-sources.sh (native build up to native-image, in the Docker build context,
#     and the reflection registrations). Skipped with --quick.
#  6. the alert rules: promtool check rules and promtool test rules (deploy/monitoring/check-alerts.sh),
#     the monitoring component rendered into an overlay, and the Grafana dashboard is valid JSON.
# A tool that is not installed is skipped with a message saying how to get it; anything that runs
# and fails makes the script exit 1.
#   Debian: apt-get install -y yamllint prometheus   (prometheus brings promtool)
#   Debian: apt-get install -y yamllint   (kubectl is not in Debian 12's archive: install it from the
#   Kubernetes package repository or your cloud SDK)
set -uo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1-}" = "--quick" ] && quick=true
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
skip() { echo "SKIP $*"; }
pass() { echo "ok   $*"; }

# Does a rendered stream contain a line (fixed string, trimmed)?
has() { grep -qF -- "$2" <<<"$1"; }

echo "== kustomize"
if command -v kubectl >/dev/null; then
  if base=$(kubectl kustomize deploy/k8s/base 2>&1); then
    pass "base renders"
  else
    fail "base does not render: $base"
  fi
  for overlay in deploy/k8s/overlays/*/; do
    name=$(basename "$overlay")
    if ! out=$(kubectl kustomize "$overlay" 2>&1); then
      fail "$name does not render: $out"
      continue
    fi
    pass "$name renders ($(grep -c '^kind:' <<<"$out") objects)"
    for kind in Namespace ServiceAccount ConfigMap Service Deployment PodDisruptionBudget HorizontalPodAutoscaler \
        NetworkPolicy; do
      has "$out" "kind: $kind" || fail "$name: no $kind"
    done
    case $name in
      staging) api=https://staging-pro-api.thumbtack.com ;;
      production) api=https://pro-api.thumbtack.com ;;
      *) api="" ;;
    esac
    [ -z "$api" ] || has "$out" "THUMBTACK_API_URL: $api" || fail "$name: THUMBTACK_API_URL is not $api"
    grep -qE '^  THUMBTACK_REDIRECT_URI: https://[^ ]+/oauth/callback$' <<<"$out" \
      || fail "$name: THUMBTACK_REDIRECT_URI is not an https .../oauth/callback URL"
    grep -qE '^  namespace: .+' <<<"$out" || fail "$name: objects have no namespace"
    # TLS to the database with the server's certificate and host name checked, for both connections.
    grep -qE '^  QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://.*[?&]sslmode=verify-full' <<<"$out" \
      || fail "$name: the JDBC URL does not say sslmode=verify-full"
    has "$out" "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE: verify-full" \
      || fail "$name: the reactive pool is not verify-full"
    has "$out" "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM: HTTPS" \
      || fail "$name: the reactive pool does not check the database's host name"
    # Every secretKeyRef points at the one Secret the docs tell to create.
    if grep -A1 'secretKeyRef:' <<<"$out" | grep -E '^\s+name:' | grep -qv 'name: thumbtack-gateway$'; then
      fail "$name: a secretKeyRef names another Secret"
    fi
  done
else
  skip "kubectl is not installed: the overlays were not rendered"
fi

echo "== monitoring"
if command -v kubectl >/dev/null; then
  # The component as an overlay would use it (components: [../../components/monitoring]).
  scratch=$(mktemp -d deploy/k8s/.validate.XXXXXX)
  printf '%s\n' 'apiVersion: kustomize.config.k8s.io/v1beta1' 'kind: Kustomization' 'namespace: validate' \
    'resources: [../overlays/production]' 'components: [../components/monitoring]' >"$scratch/kustomization.yaml"
  if out=$(kubectl kustomize "$scratch" 2>&1) && has "$out" "kind: PrometheusRule"; then
    pass "production + components/monitoring renders a PrometheusRule"
  else
    fail "components/monitoring does not render: $out"
  fi
  rm -rf "$scratch"
else
  skip "kubectl is not installed: the monitoring component was not rendered"
fi
if command -v promtool >/dev/null; then
  if deploy/monitoring/check-alerts.sh; then pass "promtool check rules, promtool test rules"; else fail "alert rules"; fi
else
  skip "promtool is not installed (apt-get install -y prometheus)"
fi
if python3 -m json.tool deploy/monitoring/thumbtack-gateway-dashboard.json >/dev/null; then
  pass "dashboard is valid JSON"
else
  fail "deploy/monitoring/thumbtack-gateway-dashboard.json is not valid JSON"
fi

echo "== yamllint"
if command -v yamllint >/dev/null; then
  if yamllint -s deploy .yamllint; then pass "yamllint deploy .yamllint"; else fail "yamllint"; fi
else
  skip "yamllint is not installed (apt-get install -y yamllint)"
fi

echo "== hadolint"
if command -v hadolint >/dev/null; then
  if hadolint src/main/docker/Dockerfile.*; then pass "hadolint"; else fail "hadolint"; fi
else
  skip "hadolint is not installed (not packaged in Debian); check-dockerfiles.sh below covers the basics"
fi

echo "== Dockerfiles"
if deploy/check-dockerfiles.sh; then pass "check-dockerfiles"; else fail "check-dockerfiles"; fi

echo "== native build sources"
if [ "$quick" = true ]; then
  skip "--quick: check-native-sources.sh not run"
elif deploy/check-native-sources.sh; then
  pass "check-native-sources"
else
  fail "check-native-sources"
fi

if [ "$failures" -gt 0 ]; then
  echo "validate: $failures failure(s)"
  exit 1
fi
echo "validate: ok"
