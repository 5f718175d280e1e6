// Findings follow evidence (a resolution per resolved finding, "unverified since"),
// staleness judged at read time (evaluation time in the daily snapshots), newest
// catalog read wins (per-entity attestation kept for refreshes), refreshes budgeted
// per caller.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('findings', table => {
    table
      .string('resolution', 32)
      .nullable()
      .comment(
        'fixed | not-applicable | cluster-deleted | unlinked | check-removed; MTTR counts fixed only',
      );
    table
      .bigInteger('unverified_since')
      .nullable()
      .comment('Open finding whose check could not be read since then');
  });
  // Before this migration a finding resolved only when its check stopped failing.
  await knex('findings')
    .whereNotNull('resolved_at')
    .update({ resolution: 'fixed' });

  await knex.schema.alterTable('cluster_daily_verdicts', table => {
    table
      .bigInteger('evaluated_at')
      .nullable()
      .comment('When the evidence behind the verdict was read');
    table
      .bigInteger('day_end_at')
      .nullable()
      .comment('End of the UTC day; staleness is judged against it');
  });

  await knex.schema.alterTable('entities', table => {
    table
      .text('secrets_rewritten_at')
      .nullable()
      .comment("The entity's own rewrite attestation (ISO 8601)");
  });

  await knex.schema.alterTable('runs', table => {
    table
      .text('requested_by')
      .nullable()
      .comment('Principal that asked for a refresh (rate limit)');
    table.index(['requested_by', 'started_at'], 'runs_requested_by_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runs', table => {
    table.dropIndex(['requested_by', 'started_at'], 'runs_requested_by_idx');
    table.dropColumn('requested_by');
  });
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('secrets_rewritten_at');
  });
  await knex.schema.alterTable('cluster_daily_verdicts', table => {
    table.dropColumn('day_end_at');
    table.dropColumn('evaluated_at');
  });
  await knex.schema.alterTable('findings', table => {
    table.dropColumn('unverified_since');
    table.dropColumn('resolution');
  });
};
