#!/usr/bin/env bash
# Static checks of src/main/docker/Dockerfile.* where no Docker engine (and no hadolint) is at hand:
#  - every COPY source exists in the build context (the repository root) and is let through by
#    .dockerignore; sources under target/ are build output and are only reported when absent
#    (run ./mvnw package first; the native runner exists only after a native build), unless --strict;
#  - COPY --from=<stage> sources lie under that stage's WORKDIR;
#  - base images carry an explicit tag other than "latest";
#  - no ENV or ARG looks like a secret (names with PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL);
#  - the final stage runs as a numeric non-root USER, EXPOSEs 8080 and has an ENTRYPOINT.
# Exit status 1 on any error. Usage: deploy/check-dockerfiles.sh [--strict]
set -uo pipefail
cd "$(dirname "$0")/.."

strict=false
[ "${1-}" = "--strict" ] && strict=true
errors=0
err() { echo "ERROR $*"; errors=$((errors + 1)); }
note() { echo "  $*"; }

# Patterns of .dockerignore that re-include paths (lines starting with "!").
[ -f .dockerignore ] || err ".dockerignore is missing"
mapfile -t allowed < <(sed -n 's/^!//p' .dockerignore 2>/dev/null)
[ "$(grep -v '^#' .dockerignore 2>/dev/null | grep -v '^$' | head -n 1)" = "*" ] \
  || err ".dockerignore should start by excluding everything (*)"

# Is a context path let through by .dockerignore? A path passes when it, or a parent, matches a "!" line.
allowed_path() {
  local path=$1 pattern prefix
  for pattern in "${allowed[@]}"; do
    prefix=$path
    while :; do
      # shellcheck disable=SC2053  # glob match on purpose
      [[ $prefix == $pattern ]] && return 0
      [[ $prefix == */* ]] || break
      prefix=${prefix%/*}
    done
  done
  return 1
}

for dockerfile in src/main/docker/Dockerfile.*; do
  echo "== $dockerfile"
  # Join continuation lines, drop comments and blank lines.
  mapfile -t lines < <(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$dockerfile" | grep -v '^[[:space:]]*#' | grep -v '^[[:space:]]*$')
  declare -A workdir_of=()
  stage="" last_user="" exposes_8080=false has_entrypoint=false workdir=/
  for line in "${lines[@]}"; do
    read -r instruction rest <<<"$line"
    instruction=${instruction^^}
    case $instruction in
      FROM)
        read -r -a words <<<"$rest"
        image=${words[0]}
        stage=""
        [ "${#words[@]}" -ge 3 ] && [ "${words[1],,}" = "as" ] && stage=${words[2]}
        [[ $image == *:* ]] || err "$dockerfile: base image $image has no tag"
        [[ $image == *:latest ]] && err "$dockerfile: base image $image uses :latest"
        last_user="" exposes_8080=false has_entrypoint=false workdir=/
        note "FROM $image${stage:+ (stage $stage)}"
        ;;
      WORKDIR)
        workdir=${rest%/}
        [ -n "$stage" ] && workdir_of[$stage]=$workdir
        ;;
      USER) last_user=$rest ;;
      EXPOSE) [[ " $rest " == *" 8080 "* || " $rest " == *" 8080/tcp "* ]] && exposes_8080=true ;;
      ENTRYPOINT | CMD) has_entrypoint=true ;;
      ENV | ARG)
        name=${rest%%[= ]*}
        if [[ ${name^^} =~ PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL ]]; then
          err "$dockerfile: $instruction $name looks like a secret; pass it at run time instead"
        fi
        ;;
      COPY | ADD)
        [ "$instruction" = ADD ] && err "$dockerfile: use COPY, not ADD"
        read -r -a words <<<"$rest"
        from="" args=()
        for word in "${words[@]}"; do
          case $word in
            --from=*) from=${word#--from=} ;;
            --*) ;;
            *) args+=("$word") ;;
          esac
        done
        sources=("${args[@]:0:${#args[@]}-1}")
        for source in "${sources[@]}"; do
          source=${source%/}
          if [ -n "$from" ]; then
            stage_dir=${workdir_of[$from]-}
            if [ -z "$stage_dir" ]; then
              err "$dockerfile: COPY --from=$from: no stage $from with a WORKDIR"
            elif [[ $source != "$stage_dir"/* ]]; then
              err "$dockerfile: COPY --from=$from $source is outside the stage's WORKDIR $stage_dir"
            else
              note "ok (from stage $from) $source"
            fi
            continue
          fi
          if ! allowed_path "$source"; then
            err "$dockerfile: COPY $source is excluded by .dockerignore"
            continue
          fi
          # shellcheck disable=SC2086  # let the glob expand
          if compgen -G "$source" >/dev/null; then
            note "ok $source"
          elif [[ $source == target/* ]] && [ "$strict" = false ]; then
            note "not built here: $source (build output; see the Dockerfile's header)"
          else
            err "$dockerfile: COPY source $source does not exist"
          fi
        done
        ;;
    esac
  done
  [[ $last_user =~ ^[0-9]+(:[0-9]+)?$ ]] || err "$dockerfile: the final stage's USER ($last_user) is not numeric"
  [[ ${last_user%%:*} == 0 ]] && err "$dockerfile: the final stage runs as root"
  [ "$exposes_8080" = true ] || err "$dockerfile: the final stage does not EXPOSE 8080"
  [ "$has_entrypoint" = true ] || err "$dockerfile: the final stage has no ENTRYPOINT or CMD"
  unset workdir_of
done

if [ "$errors" -gt 0 ]; then
  echo "check-dockerfiles: $errors error(s)"
  exit 1
fi
echo "check-dockerfiles: ok"
