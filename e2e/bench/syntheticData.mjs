// Deterministic synthetic answers of the eks-encryption and Tech Insights APIs, in the
// shapes of backstage-plugin-eks-encryption-common (api.ts), for the rendering benchmark.

const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const VERDICTS = [
  'compliant',
  'compliant',
  'compliant',
  'non-compliant',
  'incomplete',
  'error',
];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1'];
const ENVIRONMENTS = ['production', 'staging', 'development'];
const EKS_CHECKS = [
  ['eks-envelope-encryption', 'EKS Secrets envelope encryption'],
  ['eks-customer-managed-key', 'EKS customer-managed KMS key'],
  ['eks-key-usable', 'EKS KMS key usable'],
  ['eks-key-rotation', 'EKS KMS key rotation'],
  ['eks-key-dedicated', 'EKS KMS key not shared'],
  ['eks-key-policy', 'EKS KMS key policy scoped'],
  ['eks-compliant', 'EKS Secrets encryption compliant'],
];

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (next, list) => list[Math.floor(next() * list.length)];
const pad = n => String(n).padStart(4, '0');

function gradeOf(score, verdict) {
  if (verdict === 'non-compliant') return score >= 60 ? 'D' : 'F';
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

function findings(next, verdict) {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  if (verdict === 'non-compliant') {
    counts[next() < 0.5 ? 'critical' : 'high'] += 1;
  }
  for (const severity of SEVERITIES.slice(2)) {
    if (next() < 0.3) counts[severity] += 1 + Math.floor(next() * 2);
  }
  return counts;
}

function hoursAgo(hours) {
  return new Date(Date.now() - hours * 3_600_000).toISOString();
}

/** `GET /v1/owners/:namespace/:kind/:name` with `count` owned entities. */
const VERDICT_RANK = Object.fromEntries(
  ['non-compliant', 'error', 'incomplete', 'not-evaluated', 'compliant'].map(
    (verdict, rank) => [verdict, rank],
  ),
);

/** Orders of the API's `sort` values (a stand-in: ties by entity ref). */
const ROW_ORDERS = {
  verdict: (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict],
  entity: () => 0,
  score: (a, b) => a.score - b.score,
  findings: (a, b) =>
    SEVERITIES.reduce(
      (order, s) => order || b.openFindings[s] - a.openFindings[s],
      0,
    ),
  owner: () => 0,
};

/**
 * `GET /v1/owners/:ref` as the API answers `query` (URLSearchParams): the
 * rollup over all `count` entities and the page of rows asked for.
 */
export function ownerDetailPage(ownerRef, count, query) {
  const detail = ownerDetail(ownerRef, count);
  const search = query.get('search')?.toLowerCase();
  const matching = search
    ? detail.items.filter(i => i.entityRef.toLowerCase().includes(search))
    : detail.items;
  const order = ROW_ORDERS[query.get('sort') ?? 'verdict'];
  const byRef = (a, b) => a.entityRef.localeCompare(b.entityRef);
  const sorted = [...matching].sort((a, b) => order(a, b) || byRef(a, b));
  if (query.get('order') === 'desc') sorted.reverse();
  const offset = Number(query.get('offset') ?? 0);
  const limit = Number(query.get('limit') ?? 100);
  return {
    ...detail,
    items: sorted.slice(offset, offset + limit),
    totalCount: matching.length,
  };
}

/** `GET /v1/owners/:ref` with every one of `count` rows. */
function ownerDetail(ownerRef, count) {
  const next = random(1);
  const items = Array.from({ length: count }, (_, i) => {
    const verdict = pick(next, VERDICTS);
    const score = 40 + Math.floor(next() * 61);
    return {
      entityRef: `component:default/svc-${pad(i)}`,
      ownerRef,
      verdict,
      score,
      grade: gradeOf(score, verdict),
      clusters: 1 + Math.floor(next() * 3),
      openFindings: findings(next, verdict),
      evaluatedAt: hoursAgo(next() * 48),
      stale: verdict === 'error',
    };
  });
  const sum = severity =>
    items.reduce((total, item) => total + item.openFindings[severity], 0);
  return {
    ownerRef,
    ownerRefs: [ownerRef],
    entities: items.length,
    compliantEntities: items.filter(i => i.verdict === 'compliant').length,
    clusters: items.reduce((total, item) => total + item.clusters, 0),
    compliantClusters: items
      .filter(i => i.verdict === 'compliant')
      .reduce((total, item) => total + item.clusters, 0),
    openFindings: Object.fromEntries(SEVERITIES.map(s => [s, sum(s)])),
    mttrHours: 37.5,
    items,
    totalCount: items.length,
  };
}

/** `GET /v1/owners` with `count` owners. */
export function ownerRollups(count) {
  const next = random(2);
  return {
    items: Array.from({ length: count }, (_, i) => {
      const clusters = 1 + Math.floor(next() * 20);
      const entities = 1 + Math.floor(next() * 30);
      return {
        ownerRef: `group:default/team-${pad(i)}`,
        entities,
        compliantEntities: Math.floor(next() * (entities + 1)),
        clusters,
        compliantClusters: Math.floor(next() * (clusters + 1)),
        openFindings: {
          critical: Math.floor(next() * 3),
          high: Math.floor(next() * 5),
          medium: Math.floor(next() * 8),
          low: Math.floor(next() * 8),
        },
        mttrHours: next() < 0.2 ? null : Math.round(next() * 500),
      };
    }),
  };
}

function makeClusters(count) {
  const next = random(3);
  return Array.from({ length: count }, (_, i) => {
    const accountId = String(100000000000 + (i % 10) * 111111111);
    const region = pick(next, REGIONS);
    const name = `cluster-${pad(i)}`;
    const verdict = pick(next, VERDICTS);
    const score = 40 + Math.floor(next() * 61);
    const keyId = `${pad(i)}0000-0000-4000-8000-000000000000`;
    return {
      arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
      accountId,
      region,
      name,
      version: '1.29',
      encryptionState: 'kms-key',
      keyRef: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
      keyArn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
      environment: pick(next, ENVIRONMENTS),
      verdict,
      score,
      grade: gradeOf(score, verdict),
      evaluatedAt: hoursAgo(next() * 48),
      stale: verdict === 'error',
      owners: [`group:default/team-${pad(i % 1000)}`],
      entityRefs: [`component:default/svc-${pad(i)}`],
      openFindings: findings(next, verdict),
    };
  });
}

/** `GET /v1/clusters` over `count` clusters, honouring verdict, search, limit and offset. */
export function clusterPages(count) {
  const all = makeClusters(count);
  return query => {
    const search = query.get('search')?.toLowerCase();
    const matching = all.filter(
      c =>
        (!query.get('verdict') || c.verdict === query.get('verdict')) &&
        (!search || c.arn.toLowerCase().includes(search)),
    );
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 20);
    return {
      items: matching.slice(offset, offset + limit),
      totalCount: matching.length,
    };
  };
}

/** `GET /v1/kpis` with a daily trend of `days` points. */
export function orgKpis(days) {
  const next = random(4);
  const trend = Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.now() - (days - 1 - i) * 86_400_000);
    const clusters = 1000;
    const productionClusters = 400;
    return {
      day: day.toISOString().slice(0, 10),
      clusters,
      compliantClusters: 500 + Math.floor((i / days) * 300 + next() * 50),
      productionClusters,
      compliantProductionClusters: 200 + Math.floor((i / days) * 150),
    };
  });
  const last = trend[trend.length - 1];
  return {
    productionClusters: last.productionClusters,
    compliantProductionClusters: last.compliantProductionClusters,
    productionCompliancePercent:
      (last.compliantProductionClusters / last.productionClusters) * 100,
    clusters: last.clusters,
    compliantClusters: last.compliantClusters,
    openFindings: { critical: 120, high: 340, medium: 800, low: 410 },
    mttrHours: 52,
    trend,
  };
}

/** `GET /api/tech-insights/checks`: the `eks-*` checks. */
export function techInsightsChecks() {
  return EKS_CHECKS.map(([id, name]) => ({
    id,
    name,
    description: name,
    type: 'json-rules-engine',
    factIds: ['eksEncryptionFactRetriever'],
  }));
}

/** `POST /api/tech-insights/checks/run`: about one entity in ten fails a check. */
export function techInsightsResults({ entities, checks }) {
  const definitions = new Map(
    techInsightsChecks().map(check => [check.id, check]),
  );
  return entities.map(entity => {
    const next = random(
      [...entity].reduce(
        (h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619),
        2166136261,
      ),
    );
    return {
      entity,
      results: checks.map(id => ({
        check: definitions.get(id),
        result: next() >= 0.1,
        facts: {},
      })),
    };
  });
}
