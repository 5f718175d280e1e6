// Instants are stored as epoch milliseconds (bigint) so that both SQLite and
// PostgreSQL compare and subtract them the same way (MTTR is computed in SQL).

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runs', table => {
    table.comment(
      'Evaluation runs: scheduled runs and refreshes of one entity',
    );
    table.string('id', 36).notNullable().primary().comment('UUID of the run');
    table.string('kind', 16).notNullable().comment('scheduled | refresh');
    table
      .string('status', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table.text('entity_ref').nullable().comment('The refreshed entity');
    table.bigInteger('started_at').notNullable();
    table
      .bigInteger('heartbeat_at')
      .notNullable()
      .comment('Last sign of life; a running run without one for long is dead');
    table.bigInteger('finished_at').nullable();
    table.integer('clusters_total').notNullable().defaultTo(0);
    table.integer('clusters_done').notNullable().defaultTo(0);
    table.integer('entities').nullable();
    table.integer('cluster_errors').nullable();
    table.text('error').nullable();
    table.index(['kind', 'entity_ref', 'started_at'], 'runs_kind_entity_idx');
    table.index(['status', 'heartbeat_at'], 'runs_status_idx');
    // At most one running refresh per entity, even when replicas race.
    table.unique(['entity_ref'], {
      indexName: 'runs_one_running_refresh_idx',
      predicate: knex.whereRaw("status = 'running' and kind = 'refresh'"),
    });
  });

  await knex.schema.createTable('clusters', table => {
    table.comment('Latest evaluation of each cluster linked to an entity');
    table.text('arn').notNullable().primary();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.text('name').notNullable();
    table.string('version', 16).nullable();
    table.string('encryption_state', 32).nullable();
    table.text('key_ref').nullable().comment('Key or alias ARN as configured');
    table.text('key_arn').nullable().comment('Resolved key ARN');
    table.text('environment').nullable();
    table.boolean('is_production').notNullable().defaultTo(false);
    table.string('verdict', 16).notNullable();
    table.integer('score').notNullable();
    table.string('grade', 1).notNullable();
    table
      .bigInteger('evaluated_at')
      .notNullable()
      .comment('When the stored evaluation was taken');
    table
      .text('error')
      .nullable()
      .comment('Why the latest attempt could not read the cluster');
    table
      .boolean('stale')
      .notNullable()
      .defaultTo(false)
      .comment('The latest attempt failed; the evaluation is the last known');
    table.text('checks').notNullable().comment('JSON array of check results');
    table.bigInteger('attempted_at').notNullable();
    table.index(['key_arn'], 'clusters_key_arn_idx');
  });

  await knex.schema.createTable('entities', table => {
    table.comment('Catalog entities seen by the latest runs');
    table.text('entity_ref').notNullable().primary();
    table.text('owner_ref').nullable();
    table
      .text('annotation_errors')
      .notNullable()
      .comment('JSON array of { token, reason }');
    table.bigInteger('updated_at').notNullable();
    table.index(['owner_ref'], 'entities_owner_ref_idx');
  });

  await knex.schema.createTable('entity_clusters', table => {
    table.comment('Which clusters each entity names or inherits');
    table
      .text('entity_ref')
      .notNullable()
      .references('entity_ref')
      .inTable('entities')
      .onDelete('CASCADE');
    table.text('cluster_arn').notNullable();
    table.primary(['entity_ref', 'cluster_arn']);
    table.index(['cluster_arn'], 'entity_clusters_cluster_arn_idx');
  });

  await knex.schema.createTable('findings', table => {
    table.comment('History of failing checks per cluster, for MTTR');
    table.bigIncrements('id');
    table.text('cluster_arn').notNullable();
    table.string('check_id', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.unique(['cluster_arn', 'check_id'], {
      indexName: 'findings_one_open_idx',
      predicate: knex.whereNull('resolved_at'),
    });
    table.index(['cluster_arn', 'resolved_at'], 'findings_cluster_arn_idx');
    table.index(['resolved_at'], 'findings_resolved_at_idx');
  });

  await knex.schema.createTable('cluster_daily_verdicts', table => {
    table.comment('Verdict of every stored cluster per day (UTC), for trends');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD');
    table.text('cluster_arn').notNullable();
    table.string('verdict', 16).notNullable();
    table.integer('score').notNullable();
    table.text('environment').nullable();
    table.boolean('is_production').notNullable();
    table.boolean('stale').notNullable();
    table.primary(['day', 'cluster_arn']);
    table.index(['cluster_arn'], 'cluster_daily_verdicts_cluster_arn_idx');
  });

  await knex.schema.createTable('finished_updates', table => {
    table.comment('EKS updates known to be finished; never described again');
    table.text('id').notNullable().primary();
    table.string('type', 64).nullable();
    table.string('status', 32).nullable();
    table.bigInteger('created_at').nullable();
    table.bigInteger('recorded_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('finished_updates');
  await knex.schema.dropTable('cluster_daily_verdicts');
  await knex.schema.dropTable('findings');
  await knex.schema.dropTable('entity_clusters');
  await knex.schema.dropTable('entities');
  await knex.schema.dropTable('clusters');
  await knex.schema.dropTable('runs');
};
