#!/usr/bin/env bash
# The published packages are complete: `backstage-cli repo fix --publish --check` passes, and
# `yarn pack` of every non-private workspace holds `dist/`, its entry points, its config schema
# and (backend) its migrations, no tests or sources, and no `workspace:` ranges.
# Builds the packages first (`backstage-cli repo build`, which reads the declarations in
# dist-types/: runs `yarn tsc` unless SKIP_TSC=1, as the test command sets after its own tsc).
# Prints its wall time at the end.
#
# Usage: scripts/check-packages.sh [--out DIR]
#   --out DIR  also keep the checked tarballs, as DIR/<package name>.tgz (the README's install
#              from tarballs, scripts/try-in-fresh-app.sh)
set -euo pipefail
started=$SECONDS
out=""
if [ "${1:-}" = "--out" ]; then
  mkdir -p "${2:?--out needs a directory}"
  out="$(cd "$2" && pwd)"
fi
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$REPO_ROOT"

step() { echo "--> [$((SECONDS - started)) s] $*"; }

step "package.json metadata (backstage-cli repo fix --publish --check)"
if ! yarn backstage-cli repo fix --publish --check; then
  echo "error: package.json files are out of sync with 'backstage-cli repo fix --publish';" \
    "run 'yarn backstage-cli repo fix --publish' and commit the result" >&2
  exit 1
fi

if [ "${SKIP_TSC:-}" != "1" ]; then
  step "declarations for the builds (yarn tsc)"
  yarn tsc
fi

step "build the published packages (backstage-cli repo build)"
if ! yarn backstage-cli repo build; then
  echo "error: 'backstage-cli repo build' failed: a published package does not build (see above)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Non-private workspaces: "<name>\t<dir>" per line.
node -e '
  const { execSync } = require("node:child_process");
  const fs = require("node:fs");
  for (const line of execSync("yarn workspaces list --json", { encoding: "utf8" }).trim().split("\n")) {
    const { location } = JSON.parse(line);
    const pkg = JSON.parse(fs.readFileSync(`${location}/package.json`, "utf8"));
    if (!pkg.private) console.log(`${pkg.name}\t${location}`);
  }
' >"$work/packages.tsv"

# yarn pack runs each package's prepack/postpack (backstage-cli), which point the entry points
# at dist/ and compile config.d.ts to config.schema.json, then restore package.json. Each pack
# touches only its own folder, so they run side by side (PACK_JOBS at a time, default: cores).
pack_jobs="${PACK_JOBS:-$(nproc)}"
step "yarn pack $(wc -l <"$work/packages.tsv") packages, $pack_jobs at a time"
while IFS=$'\t' read -r name dir; do
  while [ "$(jobs -rp | wc -l)" -ge "$pack_jobs" ]; do wait -n || true; done
  base="$work/$(basename "$dir")"
  (cd "$dir" && yarn pack --out "$base.tgz" </dev/null >"$base.log" 2>&1; echo $? >"$base.rc") &
done <"$work/packages.tsv"
wait

failed=0
while IFS=$'\t' read -r name dir; do
  base="$work/$(basename "$dir")"
  tgz="$base.tgz"
  if [ "$(cat "$base.rc")" != 0 ]; then
    cat "$base.log" >&2
    echo "error: $name ($dir): yarn pack failed" >&2
    failed=1
    continue
  fi
  if [ -f "$dir/package.json-prepack" ]; then
    echo "error: $name ($dir): postpack did not restore package.json (package.json-prepack left)" >&2
    failed=1
  fi
  tar -tzf "$tgz" | sed 's#^package/##' | sort >"$work/files.txt"
  tar -xzOf "$tgz" package/package.json >"$work/package.json"
  node - "$name" "$dir" "$work/files.txt" "$work/package.json" <<'EOF' || failed=1
const fs = require('node:fs');
const path = require('node:path');
const [name, dir, filesPath, packedPath] = process.argv.slice(2);
const files = fs.readFileSync(filesPath, 'utf8').split('\n').filter(Boolean);
const has = f => files.includes(f.replace(/^\.\//, ''));
const source = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const packed = JSON.parse(fs.readFileSync(packedPath, 'utf8'));
const problems = [];

if (!files.some(f => f.startsWith('dist/'))) problems.push('no dist/ in the tarball');

// Every entry point of the packed package.json is in the tarball, and none is a source file.
const targets = [];
for (const field of ['main', 'module', 'types', 'browser']) {
  if (typeof packed[field] === 'string') targets.push([field, packed[field]]);
}
const walk = (value, where) => {
  if (typeof value === 'string') targets.push([where, value]);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // The `backstage` condition names the feature type (e.g. @backstage/FrontendPlugin).
      if (k !== 'backstage') walk(v, `${where}["${k}"]`);
    }
  }
};
walk(packed.exports, 'exports');
walk(packed.typesVersions, 'typesVersions');
for (const [field, target] of targets) {
  if (/^(\.\/)?src\//.test(target)) problems.push(`${field} points at sources: ${target}`);
  else if (!has(target)) problems.push(`${field} points at ${target}, which is not in the tarball`);
}

// Config schema: prepack compiles config.d.ts into the file the packed configSchema names.
if (source.configSchema || fs.existsSync(path.join(dir, 'config.d.ts'))) {
  if (!packed.configSchema) problems.push('config.d.ts exists but the packed package.json has no configSchema');
  else if (!has(packed.configSchema)) problems.push(`configSchema ${packed.configSchema} is not in the tarball (check "files")`);
}

// Migrations: every migration file of the package is shipped.
const migrationsDir = path.join(dir, 'migrations');
if (fs.existsSync(migrationsDir)) {
  for (const file of fs.readdirSync(migrationsDir)) {
    if (/\.test\./.test(file)) continue;
    if (!has(`migrations/${file}`)) problems.push(`migrations/${file} is not in the tarball (check "files")`);
  }
}

// No tests, test helpers or sources.
for (const f of files) {
  if (/\.test\.[cm]?[jt]sx?(\.map)?$/.test(f) || /(^|\/)(__testUtils__|__fixtures__|__mocks__)\//.test(f) || /(^|\/)setupTests\./.test(f)) {
    problems.push(`test file in the tarball: ${f}`);
  } else if (f.startsWith('src/')) {
    problems.push(`source file in the tarball: ${f}`);
  }
}

// Ranges: yarn pack must have replaced every workspace: range with a version.
for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
  for (const [dep, range] of Object.entries(packed[field] ?? {})) {
    if (/^(workspace|link|file|portal):/.test(range)) problems.push(`${field}.${dep} is "${range}" in the packed package.json`);
  }
}
if (packed.private) problems.push('the packed package.json is private');

if (problems.length) {
  for (const p of problems) console.error(`error: ${name} (${dir}): ${p}`);
  process.exit(1);
}
console.log(`    ok: ${name}: ${files.length} files, dist/${packed.configSchema ? `, ${packed.configSchema}` : ''}${fs.existsSync(migrationsDir) ? ', migrations/' : ''}`);
EOF
done <"$work/packages.tsv"

if [ "$failed" != 0 ]; then
  echo "error: the published packages are incomplete (see above)" >&2
  exit 1
fi
if [ -n "$out" ]; then
  while IFS=$'\t' read -r name dir; do
    cp "$work/$(basename "$dir").tgz" "$out/$name.tgz"
  done <"$work/packages.tsv"
  echo "--> tarballs in $out: $(cd "$out" && echo *.tgz)"
fi
echo "--> $(wc -l <"$work/packages.tsv") packages complete; wall time $((SECONDS - started)) s"
