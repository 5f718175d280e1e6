// Rollups kept with the results: what owner rollups, KPIs and the trend need is
// maintained by each write, so reads combine a few rows instead of scanning
// evaluations and findings. Staleness stays a read-time rule: the indexes below
// let a read find the few compliant rows whose evidence went stale.

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/** Open findings by severity and the inputs of MTTR (fixed findings only). */
function findingTotals(table) {
  for (const severity of SEVERITIES) {
    table.integer(`open_${severity}`).notNullable().defaultTo(0);
  }
  table.integer('fixed_count').notNullable().defaultTo(0);
  table
    .bigInteger('fixed_millis')
    .notNullable()
    .defaultTo(0)
    .comment('Sum of opening-to-fix times of the fixed findings');
}

/** Cluster counts by stored verdict (before staleness). */
function clusterTotals(table) {
  table.integer('clusters').notNullable().defaultTo(0);
  table.integer('compliant_clusters').notNullable().defaultTo(0);
  table.integer('production_clusters').notNullable().defaultTo(0);
  table.integer('compliant_production_clusters').notNullable().defaultTo(0);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('clusters', table => {
    findingTotals(table);
    table.index(['verdict', 'evaluated_at'], 'clusters_verdict_evaluated_idx');
  });

  await knex.schema.alterTable('entities', table => {
    table
      .integer('verdict_rank')
      .nullable()
      .comment(
        'Worst stored verdict of its clusters (VERDICT_ORDER index), capped by annotation errors; null without clusters',
      );
    table
      .bigInteger('evidence_at')
      .nullable()
      .comment('Oldest evaluation time of its clusters');
    table.integer('cluster_count').notNullable().defaultTo(0);
    table.integer('min_score').nullable();
    table
      .integer('stale_clusters')
      .notNullable()
      .defaultTo(0)
      .comment('Clusters whose latest read failed');
    for (const severity of SEVERITIES) {
      table.integer(`open_${severity}`).notNullable().defaultTo(0);
    }
    table.index(['verdict_rank', 'evidence_at'], 'entities_verdict_idx');
  });

  await knex.schema.alterTable('cluster_daily_verdicts', table => {
    table
      .bigInteger('evidence_age')
      .nullable()
      .comment(
        'day_end_at - evaluated_at: stale at day end when above staleAfter',
      );
    table.index(['verdict', 'evidence_age'], 'cluster_daily_verdicts_age_idx');
  });

  await knex.schema.createTable('owner_clusters', table => {
    table.comment(
      'Distinct stored clusters linked to the entities of each owner',
    );
    table.text('owner_ref').notNullable();
    table.text('cluster_arn').notNullable();
    table.primary(['owner_ref', 'cluster_arn']);
    table.index(['cluster_arn'], 'owner_clusters_cluster_arn_idx');
  });

  await knex.schema.createTable('owner_rollups', table => {
    table.comment(
      'Per owner (direct ownership): entity and cluster counts, findings',
    );
    table.text('owner_ref').notNullable().primary();
    table.integer('entities').notNullable().defaultTo(0);
    table.integer('compliant_entities').notNullable().defaultTo(0);
    clusterTotals(table);
    findingTotals(table);
  });

  await knex.schema.createTable('org_rollup', table => {
    table.comment('One row: the organisation now, every stored cluster once');
    table.integer('id').notNullable().primary();
    clusterTotals(table);
    findingTotals(table);
  });
  await knex('org_rollup').insert({ id: 1 });

  await knex.schema.createTable('daily_totals', table => {
    table.comment(
      'Cluster counts of each closed day of cluster_daily_verdicts',
    );
    table.string('day', 10).notNullable().primary().comment('YYYY-MM-DD');
    clusterTotals(table);
  });

  await knex.schema.createTable('aggregate_state', table => {
    table.comment('One row: bumped by every write, so readers can memoize');
    table.integer('id').notNullable().primary();
    table.bigInteger('version').notNullable();
    table
      .boolean('built')
      .notNullable()
      .comment('false until the aggregates were built from the stored results');
  });
  await knex('aggregate_state').insert({ id: 1, version: 0, built: false });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aggregate_state');
  await knex.schema.dropTable('daily_totals');
  await knex.schema.dropTable('org_rollup');
  await knex.schema.dropTable('owner_rollups');
  await knex.schema.dropTable('owner_clusters');
  await knex.schema.alterTable('cluster_daily_verdicts', table => {
    table.dropIndex(
      ['verdict', 'evidence_age'],
      'cluster_daily_verdicts_age_idx',
    );
    table.dropColumn('evidence_age');
  });
  await knex.schema.alterTable('entities', table => {
    table.dropIndex(['verdict_rank', 'evidence_at'], 'entities_verdict_idx');
    for (const column of [
      'cluster_count',
      'min_score',
      'stale_clusters',
      ...SEVERITIES.map(severity => `open_${severity}`),
    ]) {
      table.dropColumn(column);
    }
    table.dropColumn('evidence_at');
    table.dropColumn('verdict_rank');
  });
  await knex.schema.alterTable('clusters', table => {
    table.dropIndex(
      ['verdict', 'evaluated_at'],
      'clusters_verdict_evaluated_idx',
    );
    for (const column of [
      ...SEVERITIES.map(severity => `open_${severity}`),
      'fixed_count',
      'fixed_millis',
    ]) {
      table.dropColumn(column);
    }
  });
};
