import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Every text the EKS Secrets encryption plugin shows, in English. Apps
 * translate or reword them with a translation resource for this ref.
 *
 * Numbers, percentages, dates and relative times are formatted for the app's
 * language before they are put into these messages.
 *
 * @alpha
 */
export const eksEncryptionTranslationRef = createTranslationRef({
  id: 'plugin.eks-encryption',
  messages: eksEncryptionMessages(),
});

/**
 * The English messages, nested by where they are shown.
 *
 * @internal
 */
export function eksEncryptionMessages() {
  return {
    paging: {
      range: '{{from}}-{{to}} of {{total}}',
      pageSize: '{{size}} per page',
    },
    common: {
      title: 'EKS Secrets encryption',
      none: 'None',
      noData: 'No data',
      unknown: 'Unknown',
      never: 'Never',
      neverEvaluated: 'Never evaluated',
      lastEvaluated: 'Last evaluated {{time}}',
      justNow: 'just now',
      notTagged: 'Not tagged',
      partOfWhole: '{{part}} of {{whole}}',
      percent: '{{value}} %',
      gradeWithScore: '{{grade}} ({{score}}/100)',
      gradeChip: 'Grade {{grade}}',
      gradeChipWithScore: 'Grade {{grade}} · {{score}}/100',
      stale: 'Stale',
      staleTooltip:
        'Not read successfully recently: this is the last known result.',
    },
    mttr: {
      underOneHour: 'Under 1 hour',
      hours_one: '{{hours}} hour',
      hours_other: '{{hours}} hours',
      days: '{{days}} days',
    },
    verdicts: {
      compliant: 'Compliant',
      nonCompliant: 'Non-compliant',
      incomplete: 'Incomplete',
      error: 'Evaluation error',
      notEvaluated: 'Not evaluated',
    },
    checkStatuses: {
      pass: 'Pass',
      fail: 'Fail',
      warn: 'Warning',
      unknown: 'Unknown',
      notApplicable: 'Not applicable',
    },
    severities: {
      critical: 'Critical',
      high: 'High',
      medium: 'Medium',
      low: 'Low',
    },
    findings: {
      count: '{{severity}} {{amount}}',
    },
    columns: {
      cluster: 'Cluster',
      entity: 'Entity',
      verdict: 'Verdict',
      account: 'Account',
      region: 'Region',
      environment: 'Environment',
      owner: 'Owner',
      owners: 'Owners',
      openFindings: 'Open findings',
      evaluated: 'Evaluated',
      firstSeen: 'First seen',
      compliantEntities: 'Compliant entities',
      compliantClusters: 'Compliant clusters',
      mttr: 'Mean time to resolve',
    },
    entityCard: {
      noClusterLinked: 'No EKS cluster is linked to this entity.',
      notEvaluatedTitle: 'Not evaluated yet',
      notEvaluatedDescription:
        'The EKS Secrets encryption scorecard of this entity appears after the next evaluation run.',
      annotationErrors_one:
        'The {{annotation}} annotation has an invalid value',
      annotationErrors_other:
        'The {{annotation}} annotation has {{invalid}} invalid values',
      errorTitle: 'Error: {{title}}',
      loading: 'Loading the scorecard…',
      loadFailed: 'Could not load the scorecard',
    },
    refresh: {
      button: 'Re-evaluate now',
      running: 'Re-evaluating…',
      failed: 'Re-evaluation failed',
      didNotFinish: 'The run did not finish.',
      progress_one: 'Re-evaluating: {{done}} of {{total}} cluster done',
      progress_other: 'Re-evaluating: {{done}} of {{total}} clusters done',
      progressLabel: 'Re-evaluation progress',
    },
    cluster: {
      heading: 'Cluster {{name}}',
      kubernetesVersion: 'Kubernetes version',
      kmsKey: 'KMS key',
      keyConfiguredAs: '{{keyArn}} (configured as {{keyRef}})',
      keyAwsOwnedDefault:
        'None: AWS-owned default key (Kubernetes 1.28 and later)',
      keyNone: 'None: Secrets are not envelope-encrypted',
      alsoLinkedBy_one: 'Also linked by {{others}} other entity: ',
      alsoLinkedBy_other: 'Also linked by {{others}} other entities: ',
      listSeparator: ', ',
      countedAs:
        'Counted as {{verdict}}: the last evidence said {{lastVerdict}}. ',
      readError: 'Could not read the cluster: {{error}}',
    },
    checks: {
      severity: 'Severity: {{severity}}',
      openFindingSince: 'Open finding since {{time}}',
      unverifiedSince:
        '{{openFinding}}; unverified since {{time}} (it stays open until the check can be read again)',
    },
    remediation: {
      heading: 'How to fix',
      snippet: '{{title}} snippet',
      copySnippet: 'Copy {{title}} snippet',
      copied: '{{title}} snippet copied to the clipboard',
    },
    ownershipCard: {
      includeChildren: 'Include child groups',
      emptyTitle: 'Nothing linked yet',
      emptyDescription:
        'None of the entities owned here is linked to an evaluated EKS cluster.',
      ownedEntities: 'Owned entities',
      loading: 'Loading the owned entities',
      loadError: 'Could not load the owned entities',
      clusters_one: '{{clusters}} cluster',
      clusters_other: '{{clusters}} clusters',
      ownedBy: 'Owner: ',
      search: 'Search owned entities',
      searchPlaceholder: 'Entity or owner name',
      noMatch: 'No owned entity matches the search.',
    },
    orgPage: {
      subtitle:
        'KMS envelope encryption of Kubernetes Secrets across the organisation',
      owners: 'Owners',
      ownersLoading: 'Loading the owners',
      ownersLoadError: 'Could not load the owners',
      ownersSearch: 'Search owners',
      ownersNoMatch: 'No owner matches this search.',
      kpis: {
        loading: 'Loading the KPIs',
        loadError: 'Could not load the KPIs',
        productionCompliant: 'Production clusters compliant',
        productionCompliantDetail:
          '{{compliantProduction}} of {{production}} production clusters; {{compliant}} of {{total}} overall',
        openCritical: 'Open critical findings',
        openCriticalDetail:
          'Failing critical checks: Secrets unencrypted or the key unusable',
        openHigh: 'Open high findings',
        openHighDetail:
          'Failing high checks: key not customer-managed, open key policy, unapproved key',
        mttr: 'Mean time to resolve',
        mttrDetail: 'From a check failing to passing again',
        unclaimedProduction: 'Unclaimed production clusters',
        unclaimedProductionDetail:
          'Unclaimed production clusters: {{production}} ({{compliant}} compliant)',
      },
      trend: {
        title: 'Compliance over time',
        empty: 'No daily snapshots are stored yet.',
        productionSeries: 'Production clusters compliant',
        allSeries: 'All clusters compliant',
        point: '{{percent}} on {{day}}',
        twoPoints: '{{first}}, {{last}}',
        description:
          'Production clusters compliant: {{production}}. All clusters: {{all}}.',
      },
      clusters: {
        title: 'Clusters',
        noMatch: 'No cluster matches these filters.',
        loadError: 'Could not load the clusters',
        location: '{{account}} · {{region}} · {{environment}}',
      },
      filters: {
        any: 'Any',
        search: 'Search clusters',
        searchPlaceholder: 'Name or ARN',
        verdict: 'Verdict',
        owner: 'Owner',
        account: 'Account',
        accountInvalid: '12 digits',
        region: 'Region',
        regionInvalid: 'e.g. eu-west-1',
        regionPlaceholder: 'eu-west-1',
        environment: 'Environment',
      },
    },
    unclaimed: {
      title: 'Unclaimed clusters',
      loading: 'Loading the unclaimed clusters',
      loadError: 'Could not load the unclaimed clusters',
      discoveryOff:
        'Discovery is turned off, so clusters no catalog entity claims are not looked for. Set {{configKey}} in the app-config (the AWS accounts and regions to list) to turn it on.',
      noneUnclaimed:
        'No unclaimed clusters: a catalog entity claims every cluster discovery found.',
      counts_one:
        '{{production}} unclaimed production cluster, {{compliant}} compliant',
      counts_other:
        '{{production}} unclaimed production clusters, {{compliant}} compliant',
      incompleteListings: 'Incomplete discovery listings',
      incompleteListing:
        'discovery incomplete: {{accountId}}/{{region}}: {{reason}}',
      reasonUnknown: 'reason unknown',
      ownerTagTitle: 'Owner tag; it names no catalog group or user',
      unowned: 'unowned',
      noGrade: '–',
    },
    techInsights: {
      title: 'Tech Insights checks',
      noEntities: 'No entities to check.',
      check: 'Check',
      passed: 'Passed',
      failed: 'Failed',
      noData: 'No data',
      failingEntities: 'Failing entities',
      andMore: ' and {{more}} more',
      notInstalledTitle: 'Tech Insights is not installed',
      noChecksTitle: 'No eks-* Tech Insights check is configured',
      notInstalledBody:
        'The eks-* checks run in the Tech Insights backend with its json-rules-engine fact checker. Add both, and the EKS encryption module that publishes the facts, to the backend:',
      noChecksBody:
        'Tech Insights runs, but none of its checks starts with eks-. Configure the fact retriever and the checks:',
      retrieverNote:
        'Tech Insights runs a fact retriever only when it has an entry under techInsights.factRetrievers.',
      loading: 'Running the Tech Insights checks',
      loadError: 'Could not run the Tech Insights checks',
    },
  } as const;
}
