// Discovery and the change log. Discovered clusters are kept apart from the
// evaluated `clusters`: an unclaimed cluster is not behind any entity, so it
// must stay out of every entity rollup; its evaluation is kept here.
// The change log (outbox) is written in each run's transaction and drained
// after commit by the plugin's consumers, each from its own cursor.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('discovered_clusters', table => {
    table.comment('Clusters found by listing accounts and regions');
    table.text('arn').notNullable().primary();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('name', 100).notNullable();
    table
      .boolean('claimed')
      .notNullable()
      .comment('Linked by an entity other than a discovery Resource');
    table.text('owner_tag').nullable();
    table.text('owner_ref').nullable().comment('Catalog owner the tag names');
    table.text('environment').nullable();
    table.boolean('is_production').notNullable().defaultTo(false);
    table.string('verdict', 16).nullable().comment('Unclaimed clusters only');
    table.integer('score').nullable();
    table.string('grade', 1).nullable();
    table.bigInteger('evaluated_at').nullable();
    table.text('checks').nullable().comment('JSON array of CheckResult');
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('listed_at').notNullable();
    table
      .bigInteger('deleted_at')
      .nullable()
      .comment('Missing from a complete listing since');
    table.index(['account_id', 'region'], 'discovered_clusters_location_idx');
  });

  await knex.schema.createTable('discovery_listings', table => {
    table.comment('The last listing of each account and region');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.bigInteger('listed_at').notNullable();
    table.boolean('complete').notNullable();
    table.text('reason').nullable();
    table.primary(['account_id', 'region']);
  });

  await knex.schema.createTable('changes', table => {
    table.comment('Change log (outbox) written by runs, drained by consumers');
    table.bigIncrements('id').primary();
    table.string('run_id', 64).nullable();
    table.string('type', 32).notNullable();
    table.bigInteger('at').notNullable();
    table.text('cluster_arn').nullable();
    table.text('entity_refs').notNullable().comment('JSON array');
    table.string('check_id', 64).nullable();
    table.string('severity', 16).nullable();
    table.string('resolution', 32).nullable();
    table.string('previous_verdict', 16).nullable();
    table.string('verdict', 16).nullable();
    table.boolean('initial').notNullable().defaultTo(false);
    table.text('summary').nullable();
    table.text('remediation').nullable();
    table.index(['at'], 'changes_at_idx');
  });

  await knex.schema.alterTable('entities', table => {
    table
      .integer('logged_verdict_rank')
      .nullable()
      .comment('Verdict rank last written to the change log; -1 not evaluated');
  });
  // What is stored now is known: only later moves are changes.
  await knex('entities').update({
    logged_verdict_rank: knex.raw('coalesce(verdict_rank, -1)'),
  });

  await knex.schema.createTable('change_cursors', table => {
    table.comment('The position of each consumer in the change log');
    table.string('consumer_id', 128).notNullable().primary();
    table.bigInteger('last_id').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_cursors');
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('logged_verdict_rank');
  });
  await knex.schema.dropTable('changes');
  await knex.schema.dropTable('discovery_listings');
  await knex.schema.dropTable('discovered_clusters');
};
