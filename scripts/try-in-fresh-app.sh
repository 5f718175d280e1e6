#!/usr/bin/env bash
# Proves the README's "Add the plugins to an existing Backstage" works: packs every package of
# this repository, creates an app with `@backstage/create-app`, installs the tarballs there
# exactly as the README says (backend, frontend, Tech Insights, the modules), type-checks and
# builds the app, starts its backend and checks the scorecard answers (the eks-encryption API
# and the eks-* Tech Insights checks of payments-api). Prints PASS or FAIL; exits non-zero on
# failure. Not part of the test command: it downloads a Backstage app (several minutes).
# The last run is recorded in docs/try-in-fresh-app.md.
#
# Usage: scripts/try-in-fresh-app.sh [workdir]     (default: a new temporary directory)
#   <workdir>/tarballs  the packed packages, <workdir>/app  the fresh app (both kept),
#   <workdir>/logs      a log per step.
# Environment:
#   CREATE_APP_VERSION  the @backstage/create-app version (default: latest)
#   TRY_PORT            the fresh backend's port (default 7007; it must be free)
#   TRY_TIMEOUT         seconds to wait for the scorecard answers (default 300)
set -euo pipefail
started=$SECONDS
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"

work="${1:-$(mktemp -d -t eks-encryption-fresh-app.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
app="$work/app"
logs="$work/logs"
port="${TRY_PORT:-7007}"
timeout="${TRY_TIMEOUT:-300}"
create_app="@backstage/create-app@${CREATE_APP_VERSION:-latest}"
if [ -e "$app" ]; then
  echo "error: $app exists; pass a new workdir" >&2
  exit 1
fi
if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "error: port $port is in use; stop what listens there or set TRY_PORT" >&2
  exit 1
fi
mkdir -p "$logs"

current=""
step() {
  current="$1"
  echo "--> [$((SECONDS - started)) s] $1"
}
ok() { echo "    ok [$((SECONDS - started)) s]: ${1:-$current}"; }
backend_pgid=""
finish() {
  local rc=$?
  if [ -n "$backend_pgid" ]; then
    kill -- "-$backend_pgid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 -- "-$backend_pgid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$backend_pgid" 2>/dev/null || true
  fi
  if [ "$rc" = 0 ]; then
    echo "PASS: the README's install works in a fresh app ($work); wall time $((SECONDS - started)) s"
  else
    echo "FAIL: $current (logs in $logs); wall time $((SECONDS - started)) s" >&2
  fi
}
trap finish EXIT
# Runs a command with its output in logs/<name>.log; shows the log's end when it fails.
logged() {
  local name="$1"
  shift
  if ! "$@" >"$logs/$name.log" 2>&1; then
    tail -n 40 "$logs/$name.log" >&2
    return 1
  fi
}

# 1. The tarballs: the README's "Tarballs" step, run in this repository.
step "1. build, check and pack every package (scripts/check-packages.sh --out $work/tarballs)"
ensure_dependencies >"$logs/1-repo-install.log" 2>&1 || {
  tail -n 40 "$logs/1-repo-install.log" >&2
  exit 1
}
logged 1-pack bash "$REPO_ROOT/scripts/check-packages.sh" --out "$work/tarballs"
ok "$(ls "$work/tarballs" | tr '\n' ' ')"

# 2. A fresh app.
version="$(npm view "$create_app" version 2>/dev/null | tail -n 1)"
step "2. create an app with @backstage/create-app ${version:-?} (npx $create_app), yarn install"
BACKSTAGE_APP_NAME=eks-encryption-fresh-app logged 2-create-app \
  npx -y "$create_app" --path "$app" --skip-install
cd "$app"
logged 2-yarn-install yarn install
# create-app seeds yarn.lock from GitHub; without it (no access to github.com) the template's
# ranges resolve to a mix of @backstage releases that does not start (e.g. the signals backend
# needs a newer backend-defaults than the template names). The latest of every @backstage
# package is a set released together.
if grep -q "Failed to fetch the yarn.lock seed" "$logs/2-create-app.log"; then
  echo "    note: create-app could not fetch its yarn.lock seed: yarn up '@backstage/*'"
  logged 2-yarn-up yarn up '@backstage/*'
fi
ok "Backstage $(node -p 'require("./backstage.json").version')"

# 3. The README's install steps, literally (T is the tarballs folder).
step "3. install the tarballs as the README says"
T="$work/tarballs" # the README: T=/tmp/eks-encryption-tarballs
for t in "$T"/*.tgz; do npm pkg set "resolutions.$(basename "$t" .tgz)=file:$t"; done
logged 3-add-backend yarn --cwd packages/backend add backstage-plugin-eks-encryption-backend@^0.1.0
logged 3-add-app yarn --cwd packages/app add backstage-plugin-eks-encryption@^0.1.0
logged 3-add-modules yarn --cwd packages/backend add \
  backstage-plugin-eks-encryption-backend-module-notifications@^0.1.0 \
  backstage-plugin-catalog-backend-module-eks-encryption@^0.1.0
logged 3-add-tech-insights yarn --cwd packages/backend add \
  @backstage-community/plugin-tech-insights-backend \
  @backstage-community/plugin-tech-insights-backend-module-jsonfc \
  backstage-plugin-tech-insights-backend-module-eks-encryption@^0.1.0
# The backend.add lines of the README (the fresh backend has the notifications plugin).
node - packages/backend/src/index.ts <<'EOF'
const fs = require('node:fs');
const file = process.argv[2];
const lines = [
  "backend.add(import('backstage-plugin-eks-encryption-backend'));",
  "backend.add(import('backstage-plugin-eks-encryption-backend-module-notifications'));",
  "backend.add(import('backstage-plugin-catalog-backend-module-eks-encryption'));",
  "backend.add(import('@backstage-community/plugin-tech-insights-backend'));",
  "backend.add(import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'));",
  "backend.add(import('backstage-plugin-tech-insights-backend-module-eks-encryption'));",
];
const source = fs.readFileSync(file, 'utf8');
if (!source.includes('backend.start();')) throw new Error(`${file}: no backend.start();`);
fs.writeFileSync(file, source.replace('backend.start();', `${lines.join('\n')}\n\nbackend.start();`));
EOF
# New frontend system: the plugin in createApp's features (the README's explicit form; the
# fresh app also discovers it with app.packages: all).
node - packages/app/src/App.tsx <<'EOF'
const fs = require('node:fs');
const file = process.argv[2];
let source = fs.readFileSync(file, 'utf8');
const features = /features: \[/;
if (!features.test(source)) throw new Error(`${file}: no "features: [" in createApp`);
source = `import eksEncryptionPlugin from 'backstage-plugin-eks-encryption/alpha';\n${source}`;
fs.writeFileSync(file, source.replace(features, 'features: [eksEncryptionPlugin, '));
EOF
# Legacy frontend system: the fresh app uses the new one, so the legacy exports the README's
# EntityPage.tsx and App.tsx snippets import are only type-checked (step 4), not rendered.
cat >packages/app/src/eksEncryptionLegacyExports.tsx <<'EOF'
// The legacy frontend system's exports, as the README's EntityPage.tsx and App.tsx import them.
import {
  EksEncryptionPage,
  EntityEksEncryptionCard,
  EntityEksEncryptionOwnershipCard,
  isEksEncryptionAvailable,
} from 'backstage-plugin-eks-encryption';

export const legacyElements = [
  <EntityEksEncryptionCard />,
  <EntityEksEncryptionOwnershipCard />,
  <EksEncryptionPage />,
];
export const legacyFilter = isEksEncryptionAvailable;
EOF
# Configuration: the eksEncryption block of this repository's app-config.yaml (the demo's
# schedule and policy, the AWS snapshot), the Tech Insights block of the module's README
# (retriever every minute, as in the demo), this repository's example catalog, and the guest
# as user:default/guest of examples/org.yaml. app-config.local.yaml is read by `yarn start`.
node - "$REPO_ROOT" "$port" >app-config.local.yaml <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const [repo, port] = process.argv.slice(2);
const yaml = require(require.resolve('yaml', { paths: [repo] }));
const eksEncryption = yaml.parse(fs.readFileSync(path.join(repo, 'app-config.yaml'), 'utf8')).eksEncryption;
eksEncryption.aws.snapshotDir = path.join(repo, 'examples/aws-snapshot');
const readme = fs.readFileSync(path.join(repo, 'plugins/tech-insights-backend-module-eks-encryption/README.md'), 'utf8');
const block = readme.split('<!-- tech-insights-config:start -->')[1]?.match(/```yaml\n([\s\S]*?)```/)?.[1];
if (!block) throw new Error('no tech-insights-config block in the Tech Insights module README');
const { techInsights } = yaml.parse(block);
techInsights.factRetrievers.eksEncryptionFactRetriever.cadence = '* * * * *';
const baseUrl = `http://localhost:${port}`;
process.stdout.write(yaml.stringify({
  backend: { baseUrl, listen: { port: Number(port) } },
  auth: { providers: { guest: { userEntityRef: 'user:default/guest' } } },
  catalog: {
    locations: [
      { type: 'file', target: path.join(repo, 'examples/entities.yaml') },
      { type: 'file', target: path.join(repo, 'examples/org.yaml'), rules: [{ allow: ['User', 'Group'] }] },
    ],
  },
  eksEncryption,
  techInsights,
}));
EOF
ok "resolutions to $T, 4 yarn add, backend.add x6, App.tsx features, app-config.local.yaml"

# 4. The app compiles with the plugins: both frontend systems' imports type-check, the app bundles.
step "4. yarn tsc, yarn workspace app build"
logged 4-tsc yarn tsc
logged 4-app-build yarn workspace app build
if ! grep -lq "eks-encryption" packages/app/dist/static/*.js; then
  echo "error: the app's bundle has no eks-encryption code" >&2
  exit 1
fi
ok "tsc clean (App.tsx and the legacy exports); the app's bundle holds the plugin"

# 5. The backend starts and answers the scorecards.
step "5. start the backend on $port, check the scorecard answers"
setsid yarn workspace backend start >"$logs/5-backend.log" 2>&1 </dev/null &
backend_pgid=$!
node - "http://localhost:$port" "$timeout" "$logs/5-backend.log" <<'EOF'
const fs = require('node:fs');
const [base, timeoutSeconds, backendLog] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds) * 1000;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const started = Date.now();
const at = () => `[${Math.round((Date.now() - started) / 1000)} s]`;
async function poll(what, fn) {
  let last = '';
  while (Date.now() < deadline) {
    // The backend CLI keeps watching after a failed start: stop at the first failure.
    const log = fs.readFileSync(backendLog, 'utf8');
    const failure = log.match(/Backend startup failed[^\n]*\n[^\n]*/);
    if (failure) throw new Error(`the backend did not start: ${failure[0].replace(/\x1b\[[0-9;]*m/g, '').slice(0, 400)}`);
    try {
      const value = await fn(note => (last = note));
      if (value !== undefined) return value;
    } catch (e) {
      last = String(e.message ?? e);
    }
    await sleep(2000);
  }
  throw new Error(`timed out waiting for ${what}: ${last}`);
}
(async () => {
  await poll('readiness', async note => {
    const res = await fetch(`${base}/.backstage/health/v1/readiness`);
    note(`readiness ${res.status}`);
    return res.ok || undefined;
  });
  console.log(`    ${at()} backend ready`);
  const token = await poll('a guest token', async note => {
    const res = await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    note(`guest refresh ${res.status}`);
    return res.ok ? (await res.json()).backstageIdentity.token : undefined;
  });
  const get = (p, init = {}) =>
    fetch(`${base}${p}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });
  const scorecard = await poll('verdict compliant for component:default/payments-api', async note => {
    const res = await get('/api/eks-encryption/v1/entities/default/component/payments-api');
    const body = await res.text();
    note(`${res.status} ${body.slice(0, 300)}`);
    if (res.status !== 200) return undefined;
    const json = JSON.parse(body);
    const card = json.scorecard ?? json;
    return card.verdict === 'compliant' ? card : undefined;
  });
  const clusters = scorecard.clusters ?? [];
  console.log(
    `    ${at()} GET /api/eks-encryption/v1/entities/default/component/payments-api: 200, verdict ${scorecard.verdict}, grade ${scorecard.grade ?? scorecard.score?.grade ?? '?'}, ${clusters.length} cluster(s)`,
  );
  console.log(`SCORECARD ${JSON.stringify({ verdict: scorecard.verdict, grade: scorecard.grade ?? scorecard.score?.grade, clusters: clusters.length })}`);
  const checks = await poll('the eks-* Tech Insights checks', async () => {
    const res = await get('/api/tech-insights/checks');
    if (!res.ok) return undefined;
    const ids = (await res.json()).map(c => c.id).filter(id => id.startsWith('eks-'));
    return ids.length ? ids : undefined;
  });
  const results = await poll('Tech Insights facts for payments-api (the retriever runs every minute)', async note => {
    const res = await get('/api/tech-insights/checks/run', {
      method: 'POST',
      body: JSON.stringify({ entities: ['component:default/payments-api'], checks }),
    });
    const body = await res.text();
    note(`${res.status} ${body.slice(0, 300)}`);
    if (!res.ok) return undefined;
    const [answer] = JSON.parse(body);
    const byId = new Map((answer?.results ?? []).map(r => [r.check.id, r.result]));
    return checks.every(id => byId.has(id)) ? byId : undefined;
  });
  const failed = [...results].filter(([, passed]) => passed !== true).map(([id]) => id);
  console.log(
    `    ${at()} Tech Insights: ${results.size} eks-* checks for payments-api, ${results.size - failed.length} pass${failed.length ? `, failing: ${failed.join(', ')}` : ''}`,
  );
  console.log(`TECHINSIGHTS ${JSON.stringify(Object.fromEntries(results))}`);
  if (failed.length) throw new Error(`eks-* checks fail for a compliant entity: ${failed.join(', ')}`);
})().catch(e => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
EOF
ok
