import type { Knex } from 'knex';
import {
  VERDICT_ORDER,
  gradeFor,
  type ClusterVerdict,
  type EntityVerdict,
  type FindingCounts,
  type OrgKpis,
  type OwnerDetail,
  type OwnerEntityRow,
  type OwnerRollup,
  type Severity,
  type TrendPoint,
} from 'backstage-plugin-eks-encryption-common';
import { TABLES } from '../tables';

/**
 * A from-scratch oracle for the store's rollups (owner rollups, owner detail,
 * organisation KPIs and trend): it loads every row of the raw tables and
 * aggregates them in plain JavaScript, following the documented rules. It
 * deliberately shares no code with the store's own aggregation (rollups.ts,
 * scope.ts, kpis.ts, freshness.ts, values.ts...), so that a test can check the
 * rollups the store serves, however they are computed, against it.
 *
 * The rules:
 * - A cluster's counted verdict is its stored verdict, except that `compliant`
 *   evidence older than `now - staleAfter` counts as `incomplete`.
 * - An entity's verdict is the worst counted verdict (VERDICT_ORDER, lower is
 *   worse) of its stored clusters; with annotation errors it is `incomplete` at
 *   best; without stored clusters and without errors it is `not-evaluated`.
 * - A rollup over a set of entities counts each stored cluster linked to one of
 *   them once, however many of them link to it; open findings and MTTR (mean
 *   resolution time of `fixed` findings only) are those of these clusters.
 * - A readable set leaves every other entity out, with its clusters (unless a
 *   readable entity in scope links to them too).
 * - The trend counts the daily snapshots, a day's evidence going stale against
 *   min(end of that day, now); unrestricted (or readable covering every stored
 *   entity) it counts every snapshot, restricted only the clusters now linked
 *   to an entity in scope.
 */

const HOUR_MS = 3_600_000;

export interface OracleClock {
  /** The time of the read. */
  nowMs: number;
  staleAfterMs: number;
}

export interface OracleScope {
  readable?: { entityRefs: ReadonlySet<string> };
  ownerRefs?: readonly string[];
}

interface OracleCluster {
  arn: string;
  storedVerdict: ClusterVerdict;
  score: number;
  isProduction: boolean;
  evaluatedAt: number;
  storedStale: boolean;
}

interface OracleEntity {
  entityRef: string;
  ownerRef: string | null;
  hasAnnotationErrors: boolean;
  /** Linked ARNs, distinct, whether stored or not. */
  links: string[];
}

interface OracleFinding {
  clusterArn: string;
  severity: Severity;
  openedAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

interface OracleSnapshot {
  day: string;
  clusterArn: string;
  verdict: ClusterVerdict;
  isProduction: boolean;
  evaluatedAt: number | null;
  dayEndAt: number | null;
}

/** Every number a rollup is made of, including those only KPIs serve. */
export interface OracleRollup {
  entities: number;
  compliantEntities: number;
  clusters: number;
  compliantClusters: number;
  productionClusters: number;
  compliantProductionClusters: number;
  openFindings: FindingCounts;
  mttrHours: number | null;
}

function num(value: unknown): number {
  if (value === null || value === undefined) {
    throw new Error(`oracle: unexpected null number`);
  }
  const n = Number(value);
  if (Number.isNaN(n)) throw new Error(`oracle: not a number: ${value}`);
  return n;
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** PostgreSQL hands booleans back, SQLite 0/1. */
function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

function rankOf(verdict: EntityVerdict): number {
  const rank = VERDICT_ORDER.indexOf(verdict);
  if (rank < 0) throw new Error(`oracle: unknown verdict ${verdict}`);
  return rank;
}

/** Plain code-point order. */
function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function emptyCounts(): FindingCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/** The raw tables as loaded, and the aggregations over them. */
export class RollupOracle {
  private readonly clusters: Map<string, OracleCluster>;
  private readonly entities: OracleEntity[];
  private readonly findings: OracleFinding[];
  private readonly snapshots: OracleSnapshot[];

  private constructor(
    private readonly clock: OracleClock,
    tables: {
      clusters: OracleCluster[];
      entities: OracleEntity[];
      findings: OracleFinding[];
      snapshots: OracleSnapshot[];
    },
  ) {
    this.clusters = new Map(tables.clusters.map(c => [c.arn, c]));
    this.entities = tables.entities;
    this.findings = tables.findings;
    this.snapshots = tables.snapshots;
  }

  /** Loads every row of the raw tables. */
  static async load(db: Knex, clock: OracleClock): Promise<RollupOracle> {
    const clusterRows: Record<string, unknown>[] = await db(
      TABLES.clusters,
    ).select(
      'arn',
      'verdict',
      'score',
      'is_production',
      'evaluated_at',
      'stale',
    );
    const entityRows: Record<string, unknown>[] = await db(
      TABLES.entities,
    ).select('entity_ref', 'owner_ref', 'annotation_errors');
    const linkRows: Record<string, unknown>[] = await db(
      TABLES.entityClusters,
    ).select('entity_ref', 'cluster_arn');
    const findingRows: Record<string, unknown>[] = await db(
      TABLES.findings,
    ).select(
      'cluster_arn',
      'severity',
      'opened_at',
      'resolved_at',
      'resolution',
    );
    const snapshotRows: Record<string, unknown>[] = await db(
      TABLES.dailyVerdicts,
    ).select(
      'day',
      'cluster_arn',
      'verdict',
      'is_production',
      'evaluated_at',
      'day_end_at',
    );

    const links = new Map<string, Set<string>>();
    for (const row of linkRows) {
      const ref = String(row.entity_ref);
      const set = links.get(ref) ?? new Set<string>();
      set.add(String(row.cluster_arn));
      links.set(ref, set);
    }

    return new RollupOracle(clock, {
      clusters: clusterRows.map(row => ({
        arn: String(row.arn),
        storedVerdict: String(row.verdict) as ClusterVerdict,
        score: num(row.score),
        isProduction: bool(row.is_production),
        evaluatedAt: num(row.evaluated_at),
        storedStale: bool(row.stale),
      })),
      entities: entityRows.map(row => {
        const errors = JSON.parse(String(row.annotation_errors)) as unknown[];
        return {
          entityRef: String(row.entity_ref),
          ownerRef:
            row.owner_ref === null || row.owner_ref === undefined
              ? null
              : String(row.owner_ref),
          hasAnnotationErrors: errors.length > 0,
          links: [...(links.get(String(row.entity_ref)) ?? [])].sort(),
        };
      }),
      findings: findingRows.map(row => ({
        clusterArn: String(row.cluster_arn),
        severity: String(row.severity) as Severity,
        openedAt: num(row.opened_at),
        resolvedAt: numOrNull(row.resolved_at),
        resolution: row.resolution === null ? null : String(row.resolution),
      })),
      snapshots: snapshotRows.map(row => ({
        day: String(row.day),
        clusterArn: String(row.cluster_arn),
        verdict: String(row.verdict) as ClusterVerdict,
        isProduction: bool(row.is_production),
        evaluatedAt: numOrNull(row.evaluated_at),
        dayEndAt: numOrNull(row.day_end_at),
      })),
    });
  }

  private get cutoff(): number {
    return this.clock.nowMs - this.clock.staleAfterMs;
  }

  /** The verdict a cluster counts as, now. */
  countedVerdict(arn: string): ClusterVerdict {
    const cluster = this.required(arn);
    return cluster.storedVerdict === 'compliant' &&
      cluster.evaluatedAt < this.cutoff
      ? 'incomplete'
      : cluster.storedVerdict;
  }

  /** Stale: the latest attempt failed or the evidence is past `staleAfter`. */
  private isStale(arn: string): boolean {
    const cluster = this.required(arn);
    return cluster.storedStale || cluster.evaluatedAt < this.cutoff;
  }

  private required(arn: string): OracleCluster {
    const cluster = this.clusters.get(arn);
    if (!cluster) throw new Error(`oracle: no stored cluster ${arn}`);
    return cluster;
  }

  /** The stored clusters an entity links to. */
  private storedClustersOf(entity: OracleEntity): string[] {
    return entity.links.filter(arn => this.clusters.has(arn));
  }

  private entitiesIn(scope: OracleScope, ownedOnly: boolean): OracleEntity[] {
    return this.entities.filter(e => {
      if (scope.readable && !scope.readable.entityRefs.has(e.entityRef)) {
        return false;
      }
      if (scope.ownerRefs) {
        if (e.ownerRef === null || !scope.ownerRefs.includes(e.ownerRef)) {
          return false;
        }
      }
      if (ownedOnly && e.ownerRef === null) return false;
      return true;
    });
  }

  /** An entity's verdict; `not-evaluated` without stored clusters or errors. */
  entityVerdict(entity: OracleEntity): EntityVerdict {
    let rank: number | null = null;
    for (const arn of this.storedClustersOf(entity)) {
      const r = rankOf(this.countedVerdict(arn));
      rank = rank === null ? r : Math.min(rank, r);
    }
    if (entity.hasAnnotationErrors) {
      const incomplete = rankOf('incomplete');
      rank = rank === null ? incomplete : Math.min(rank, incomplete);
    }
    return rank === null ? 'not-evaluated' : VERDICT_ORDER[rank];
  }

  private openFindingsOf(arns: Iterable<string>): FindingCounts {
    const set = new Set(arns);
    const counts = emptyCounts();
    for (const f of this.findings) {
      if (f.resolvedAt === null && set.has(f.clusterArn)) {
        counts[f.severity] += 1;
      }
    }
    return counts;
  }

  private mttrHoursOf(arns: Iterable<string>): number | null {
    const set = new Set(arns);
    let count = 0;
    let totalMs = 0;
    for (const f of this.findings) {
      if (
        set.has(f.clusterArn) &&
        f.resolution === 'fixed' &&
        f.resolvedAt !== null
      ) {
        count += 1;
        totalMs += f.resolvedAt - f.openedAt;
      }
    }
    return count === 0 ? null : totalMs / count / HOUR_MS;
  }

  /** The rollup of a set of entities: each cluster once. */
  private rollupOf(entities: readonly OracleEntity[]): OracleRollup {
    const arns = new Set<string>();
    for (const e of entities) {
      for (const arn of this.storedClustersOf(e)) arns.add(arn);
    }
    let compliantClusters = 0;
    let productionClusters = 0;
    let compliantProductionClusters = 0;
    for (const arn of arns) {
      const compliant = this.countedVerdict(arn) === 'compliant';
      const production = this.required(arn).isProduction;
      if (compliant) compliantClusters += 1;
      if (production) productionClusters += 1;
      if (compliant && production) compliantProductionClusters += 1;
    }
    return {
      entities: entities.length,
      compliantEntities: entities.filter(
        e => this.entityVerdict(e) === 'compliant',
      ).length,
      clusters: arns.size,
      compliantClusters,
      productionClusters,
      compliantProductionClusters,
      openFindings: this.openFindingsOf(arns),
      mttrHours: this.mttrHoursOf(arns),
    };
  }

  /** Also the numbers KPIs serve, for tests that want them. */
  rollup(scope: OracleScope, ownedOnly = false): OracleRollup {
    return this.rollupOf(this.entitiesIn(scope, ownedOnly));
  }

  private toOwnerRollup(ownerRef: string, r: OracleRollup): OwnerRollup {
    return {
      ownerRef,
      entities: r.entities,
      compliantEntities: r.compliantEntities,
      clusters: r.clusters,
      compliantClusters: r.compliantClusters,
      openFindings: r.openFindings,
      mttrHours: r.mttrHours,
    };
  }

  /** What `listOwners` should answer. */
  listOwners(readable?: OracleScope['readable']): OwnerRollup[] {
    const byOwner = new Map<string, OracleEntity[]>();
    for (const e of this.entitiesIn({ readable }, true)) {
      const list = byOwner.get(e.ownerRef!) ?? [];
      list.push(e);
      byOwner.set(e.ownerRef!, list);
    }
    return [...byOwner.keys()]
      .sort(byCodePoint)
      .map(owner =>
        this.toOwnerRollup(owner, this.rollupOf(byOwner.get(owner)!)),
      );
  }

  private entityRow(entity: OracleEntity): OwnerEntityRow {
    const arns = this.storedClustersOf(entity);
    const verdict = this.entityVerdict(entity);
    const score =
      verdict === 'not-evaluated' || arns.length === 0
        ? null
        : Math.min(...arns.map(arn => this.required(arn).score));
    const evaluatedAt =
      arns.length === 0
        ? null
        : new Date(
            Math.min(...arns.map(arn => this.required(arn).evaluatedAt)),
          ).toISOString();
    return {
      entityRef: entity.entityRef,
      ownerRef: entity.ownerRef ?? '',
      verdict,
      score,
      grade: score === null ? null : gradeFor(score, verdict),
      clusters: arns.length,
      openFindings: this.openFindingsOf(arns),
      evaluatedAt,
      stale: arns.some(arn => this.isStale(arn)),
    };
  }

  /** What `getOwnerDetail(ownerRefs, { readable })` should answer: every row, worst first. */
  ownerDetail(
    ownerRefs: readonly string[],
    readable?: OracleScope['readable'],
  ): OwnerDetail {
    const entities = this.entitiesIn({ readable, ownerRefs }, false);
    return {
      ...this.toOwnerRollup(ownerRefs[0], this.rollupOf(entities)),
      ownerRefs: [...ownerRefs],
      items: entities
        .map(e => this.entityRow(e))
        .sort(
          (a, b) =>
            rankOf(a.verdict) - rankOf(b.verdict) ||
            b.openFindings.critical - a.openFindings.critical ||
            b.openFindings.high - a.openFindings.high ||
            b.openFindings.medium - a.openFindings.medium ||
            b.openFindings.low - a.openFindings.low ||
            (a.score ?? Infinity) - (b.score ?? Infinity) ||
            byCodePoint(a.entityRef, b.entityRef),
        ),
      totalCount: entities.length,
    };
  }

  /** A snapshot's verdict as the trend counts it. */
  private snapshotVerdict(s: OracleSnapshot): ClusterVerdict {
    if (s.verdict !== 'compliant') return s.verdict;
    if (s.dayEndAt === null || s.evaluatedAt === null) return s.verdict;
    const judgedAt = Math.min(s.dayEndAt, this.clock.nowMs);
    return s.evaluatedAt < judgedAt - this.clock.staleAfterMs
      ? 'incomplete'
      : s.verdict;
  }

  private trend(scope: OracleScope, trendSince?: Date): TrendPoint[] {
    // A caller who may read every stored entity sees the organisation's trend.
    const readsEverything =
      scope.readable === undefined ||
      this.entities.every(e => scope.readable!.entityRefs.has(e.entityRef));
    const restricted = scope.ownerRefs !== undefined || !readsEverything;
    const inScope = new Set<string>();
    if (restricted) {
      for (const e of this.entitiesIn(scope, false)) {
        for (const arn of this.storedClustersOf(e)) inScope.add(arn);
      }
    }
    const since = trendSince?.toISOString().slice(0, 10);
    const days = new Map<string, TrendPoint>();
    for (const s of this.snapshots) {
      if (restricted && !inScope.has(s.clusterArn)) continue;
      if (since !== undefined && s.day < since) continue;
      const point = days.get(s.day) ?? {
        day: s.day,
        clusters: 0,
        compliantClusters: 0,
        productionClusters: 0,
        compliantProductionClusters: 0,
      };
      const compliant = this.snapshotVerdict(s) === 'compliant';
      point.clusters += 1;
      if (compliant) point.compliantClusters += 1;
      if (s.isProduction) point.productionClusters += 1;
      if (compliant && s.isProduction) point.compliantProductionClusters += 1;
      days.set(s.day, point);
    }
    return [...days.values()].sort((a, b) => byCodePoint(a.day, b.day));
  }

  /** What `getKpis({ readable, ownerRefs, trendSince })` should answer. */
  kpis(scope: OracleScope & { trendSince?: Date } = {}): OrgKpis {
    const r = this.rollup(scope);
    return {
      productionClusters: r.productionClusters,
      compliantProductionClusters: r.compliantProductionClusters,
      productionCompliancePercent:
        r.productionClusters === 0
          ? null
          : (100 * r.compliantProductionClusters) / r.productionClusters,
      clusters: r.clusters,
      compliantClusters: r.compliantClusters,
      openFindings: r.openFindings,
      mttrHours: r.mttrHours,
      trend: this.trend(scope, scope.trendSince),
    };
  }

  /** For sanity checks in tests: the findings as loaded. */
  findingsResolvedAs(resolution: string): number {
    return this.findings.filter(f => f.resolution === resolution).length;
  }
}
