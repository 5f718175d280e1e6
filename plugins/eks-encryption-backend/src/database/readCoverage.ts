import type { Knex } from 'knex';
import { TABLES } from './tables';
import { aggregateVersion } from './aggregates';

/** How much of what is stored a caller's readable set covers. */
export interface Coverage {
  /** The aggregate version the answer holds for. */
  version: string;
  /** Every stored entity is readable. */
  everything: boolean;
  /** Owners whose every stored entity is readable. */
  fullyReadable: ReadonlySet<string>;
  /** Owners with some but not all of their stored entities readable. */
  partlyReadable: ReadonlySet<string>;
  /** Readable stored entities not owned by a fully readable owner. */
  otherReadable: readonly string[];
  /**
   * Keeps an answer that depends only on the stored results and this set
   * (not on the time of the read) until the next write.
   */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** Answers kept per caller and write; enough for the distinct trend lengths asked. */
const MAX_REMEMBERED = 16;

function rememberer(): Coverage['remember'] {
  const answers = new Map<string, Promise<unknown>>();
  return <T>(key: string, compute: () => Promise<T>) => {
    let answer = answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = compute();
      // A failure is not kept.
      answer.catch(() => answers.delete(key));
      if (answers.size >= MAX_REMEMBERED) {
        answers.delete(answers.keys().next().value!);
      }
      answers.set(key, answer);
    }
    return answer;
  };
}

/**
 * Decides whether a stored aggregate may be served to a caller: only when the
 * caller can read every entity behind it. The answer is kept per readable set
 * (the caller's cached set, by identity) until the next write.
 */
export class ReadCoverage {
  private readonly memo = new WeakMap<ReadonlySet<string>, Coverage>();

  async of(db: Knex, readable: ReadonlySet<string>): Promise<Coverage> {
    const version = await aggregateVersion(db);
    const known = this.memo.get(readable);
    if (known?.version === version) return known;
    const coverage = await this.compute(db, readable, version);
    this.memo.set(readable, coverage);
    return coverage;
  }

  /**
   * Runs `read` with the caller's coverage, again if a write landed meanwhile
   * (the coverage must hold for the rows served). Versions only grow, so the
   * version read after `read` still being the coverage's proves that no write
   * landed since the coverage was taken: a kept coverage needs no check before.
   */
  async read<T>(
    db: Knex,
    readable: ReadonlySet<string>,
    read: (coverage: Coverage) => Promise<T>,
  ): Promise<T> {
    let coverage = this.memo.get(readable) ?? (await this.of(db, readable));
    for (;;) {
      const result = await read(coverage);
      if ((await aggregateVersion(db)) === coverage.version) return result;
      coverage = await this.of(db, readable);
    }
  }

  private async compute(
    db: Knex,
    readable: ReadonlySet<string>,
    version: string,
  ): Promise<Coverage> {
    const rows: { entity_ref: string; owner_ref: string | null }[] = await db(
      TABLES.entities,
    ).select('entity_ref', 'owner_ref');
    let everything = true;
    const unreadable = new Set<string>();
    const readableOwners = new Set<string>();
    for (const row of rows) {
      const canRead = readable.has(row.entity_ref);
      if (!canRead) everything = false;
      if (row.owner_ref === null) continue;
      if (canRead) readableOwners.add(row.owner_ref);
      else unreadable.add(row.owner_ref);
    }
    const fullyReadable = new Set<string>();
    const partlyReadable = new Set<string>();
    for (const owner of readableOwners) {
      (unreadable.has(owner) ? partlyReadable : fullyReadable).add(owner);
    }
    const otherReadable = rows
      .filter(
        row =>
          readable.has(row.entity_ref) &&
          (row.owner_ref === null || !fullyReadable.has(row.owner_ref)),
      )
      .map(row => row.entity_ref);
    return {
      version,
      everything,
      fullyReadable,
      partlyReadable,
      otherReadable,
      remember: rememberer(),
    };
  }
}
