#!/usr/bin/env bash
# Proves the native build as far as it goes without GraalVM, in the build context that
# src/main/docker/Dockerfile.native-build sends to its Mandrel stage:
#  1. copies exactly the COPY sources of that stage (mvnw, .mvn, pom.xml, src) into a scratch folder;
#  2. runs ./mvnw package -Dnative -Dquarkus.native.sources-only=true -DskipTests there;
#  3. checks target/native-sources/native-image.args is there and readable;
#  4. checks every class of src/main/java annotated with @RegisterForReflection, and the classes
#     nested in it, is in the generated reflect-config.json with its constructors, methods and fields
#     (the records Jackson reads and writes in the native image).
# Usage: deploy/check-native-sources.sh [--keep]   (--keep leaves the scratch folder for inspection)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scratch=$(mktemp -d "${TMPDIR:-/tmp}/native-sources-check.XXXXXX")
[ "${1-}" = "--keep" ] || trap 'rm -rf "$scratch"' EXIT

# 1. The build stage's COPY sources (lines "COPY --chown=quarkus:quarkus <sources...> <dest>").
mapfile -t sources < <(awk '/^FROM .* AS build/{b=1; next} /^FROM /{b=0} b && /^COPY /{for (i=2; i<NF; i++) if ($i !~ /^--/) print $i}' \
  src/main/docker/Dockerfile.native-build)
[ "${#sources[@]}" -gt 0 ] || { echo "no COPY sources found in the build stage"; exit 1; }
echo "build context: ${sources[*]}"
for source in "${sources[@]}"; do
  cp -a "$root/$source" "$scratch/"
done

# 2. The native build up to the native-image call.
(cd "$scratch" && ./mvnw -B -q -ntp package -Dnative -Dquarkus.native.sources-only=true -DskipTests)

# 3. native-image.args
args=$scratch/target/native-sources/native-image.args
[ -r "$args" ] || { echo "FAIL: $args missing"; exit 1; }
echo "native-image.args: $(tr ' ' '\n' <"$args" | grep -c .) arguments, e.g.:"
tr ' ' '\n' <"$args" | grep -E '^(--no-fallback|--enable-url-protocols|-J-Dfile.encoding)' | sed 's/^/  /'

# 4. Reflection registrations.
runner_jar=$(ls "$scratch"/target/native-sources/*-runner.jar)
unzip -p "$runner_jar" META-INF/native-image/reflect-config.json >"$scratch/reflect-config.json"
# The class the annotation stands on: the file's top-level class, or (an indented annotation) a class
# nested in it, as a binary name (Outer$Nested).
mapfile -t targets < <(
  grep -rl --include='*.java' '@\(io\.quarkus\.runtime\.annotations\.\)\?RegisterForReflection' src/main/java | sort |
    while read -r file; do
      package=$(sed -n 's/^package \([a-z0-9_.]*\);/\1/p' "$file")
      awk -v top="$package.$(basename "$file" .java)" '
        /^[[:space:]]*@(io\.quarkus\.runtime\.annotations\.)?RegisterForReflection/ { pending = 1; nested = /^[[:space:]]/ }
        pending && match($0, /(class|record|enum|interface) [A-Za-z0-9_]+/) {
          split(substr($0, RSTART, RLENGTH), word, " ")
          print nested ? top "$" word[2] : top
          pending = 0
        }' "$file"
    done)
[ "${#targets[@]}" -gt 0 ] || { echo "FAIL: no @RegisterForReflection class found in src/main/java"; exit 1; }
expected=()
for target in "${targets[@]}"; do
  expected+=("$target")
  class_file=$scratch/target/classes/${target//.//}.class
  [ -e "$class_file" ] || { echo "FAIL: $class_file missing"; exit 1; }
  for nested in "${class_file%.class}\$"*.class; do
    # anonymous and compiler-made classes (Outer$1, e.g. a switch's enum map) are not nested types: not registered
    [ -e "$nested" ] && ! [[ $(basename "$nested" .class) =~ \$[0-9] ]] &&
      expected+=("${target%.*}.$(basename "$nested" .class)")
  done
done
# a nested class that carries the annotation itself is expected once
mapfile -t expected < <(printf '%s\n' "${expected[@]}" | sort -u)
missing=0
for name in "${expected[@]}"; do
  entry=$(python3 -c '
import json, sys
for e in json.load(open(sys.argv[1])):
    if e["name"] == sys.argv[2] and all(e.get(k) for k in ("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")):
        print("ok")
' "$scratch/reflect-config.json" "$name")
  if [ "$entry" = ok ]; then
    echo "  registered: $name"
  else
    echo "FAIL: $name is not fully registered in reflect-config.json"
    missing=$((missing + 1))
  fi
done
[ "$missing" -eq 0 ] || exit 1
echo "check-native-sources: ok (${#expected[@]} classes registered)"
