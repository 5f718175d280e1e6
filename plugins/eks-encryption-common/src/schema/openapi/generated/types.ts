// Generated from plugins/eks-encryption-backend/src/schema/openapi.yaml by
// plugins/eks-encryption-backend/scripts/generate-openapi.mjs: do not edit.
// Run `yarn generate` in plugins/eks-encryption-backend after changing the spec.
/* eslint-disable */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Liveness of the plugin; needs no credentials. */
    get: operations['GetHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Scorecards of the evaluated entities the caller can read, ordered by entity ref, in pages. */
    get: operations['ListEntityScorecards'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{namespace}/{kind}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The scorecard of one entity. */
    get: operations['GetEntityScorecard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clusters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Clusters linked to readable entities, ordered by ARN, with filters and paging. */
    get: operations['ListClusters'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/owners': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One rollup per owner of readable entities, ordered by owner ref. */
    get: operations['ListOwners'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/owners/{namespace}/{kind}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One owner's rollup over every readable entity it owns, with one page of those entities as rows (sorted and searched here, so a large team or a parent group costs one page, not every row). */
    get: operations['GetOwnerDetail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/checks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Every registered check (the built-in ones and those added by modules) in the order scorecards list them. */
    get: operations['ListChecks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/kpis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Organisation KPIs over the clusters of readable entities, with the daily trend. */
    get: operations['GetKpis'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/discovery': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The clusters found by listing the accounts and regions of `eksEncryption.discovery`, and how complete the last listing of each was. Needs the `eks-encryption.unclaimed.read` permission (403 otherwise). Deleted clusters (missing from a complete listing) are left out. */
    get: operations['GetDiscovery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Re-evaluates the clusters of one entity now, in the background. Needs the permission eks-encryption.refresh on the entity. A refresh of the same entity that is running or just finished is returned instead of starting another. */
    post: operations['RefreshEntity'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Status and progress of an evaluation run. */
    get: operations['GetRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
    /** @enum {string} */
    Severity: 'critical' | 'high' | 'medium' | 'low';
    /** @enum {string} */
    CheckStatus: 'pass' | 'fail' | 'warn' | 'unknown' | 'not-applicable';
    /** @description A registered check, built in or added by a module (GET /v1/checks lists them). */
    CheckId: string;
    CheckDefinition: {
      id: components['schemas']['CheckId'];
      title: string;
      severity: components['schemas']['Severity'];
      description: string;
    };
    /** @enum {string} */
    ClusterVerdict: 'compliant' | 'non-compliant' | 'incomplete' | 'error';
    /** @enum {string} */
    EntityVerdict:
      | 'compliant'
      | 'non-compliant'
      | 'incomplete'
      | 'error'
      | 'not-evaluated';
    /** @enum {string} */
    Grade: 'A' | 'B' | 'C' | 'D' | 'F';
    /** @enum {string} */
    EncryptionState: 'none' | 'aws-owned-default' | 'kms-key';
    /** @description Open findings (checks in fail) by severity. */
    FindingCounts: {
      critical: number;
      high: number;
      medium: number;
      low: number;
    };
    AnnotationError: {
      token: string;
      reason: string;
    };
    RemediationSnippet: {
      /** @description What the snippet is, e.g. "AWS CLI" or "Terraform". */
      title: string;
      /** @enum {string} */
      language: 'shell' | 'hcl' | 'yaml' | 'json';
      code: string;
    };
    Remediation: {
      /** @description Console or procedural steps, in order. */
      steps: string[];
      snippets: components['schemas']['RemediationSnippet'][];
    };
    CheckResult: {
      id: components['schemas']['CheckId'];
      severity: components['schemas']['Severity'];
      status: components['schemas']['CheckStatus'];
      /** @description One line, readable on its own. */
      summary: string;
      details: string;
      remediation?: components['schemas']['Remediation'];
      /** @description The open finding of this check. unverifiedSince - the check could not be read since then; the finding stays open until evidence resolves it. */
      openFinding?: {
        /** Format: date-time */
        openedAt: string;
        /** Format: date-time */
        unverifiedSince?: string;
      };
    };
    ClusterScorecard: {
      arn: string;
      accountId: string;
      region: string;
      name: string;
      version?: string;
      encryptionState?: components['schemas']['EncryptionState'];
      /** @description The key reference configured on the cluster (key or alias ARN). */
      keyRef?: string;
      /** @description The key ARN the key reference resolves to. */
      keyArn?: string;
      environment?: string;
      verdict: components['schemas']['ClusterVerdict'];
      score: number;
      grade: components['schemas']['Grade'];
      /** Format: date-time */
      evaluatedAt: string;
      /** @description True when the latest attempt failed or the evidence is older than eksEncryption.staleAfter; the checks are the last known evidence. */
      stale: boolean;
      lastVerdict?: components['schemas']['ClusterVerdict'];
      /** @description When the evidence was read last, and what failed since. */
      staleReason?: string;
      /** @description Why the cluster could not be read at all (verdict `error`). */
      error?: string;
      checks: components['schemas']['CheckResult'][];
      /** @description On one entity's scorecard: the other readable entities linking this cluster (components, and Resources that name the same ARN). */
      alsoLinkedBy?: string[];
    };
    EntityScorecard: {
      entityRef: string;
      verdict: components['schemas']['EntityVerdict'];
      score: number | null;
      grade: components['schemas']['Grade'] | null;
      /** Format: date-time */
      evaluatedAt: string | null;
      stale: boolean;
      annotationErrors: components['schemas']['AnnotationError'][];
      clusters: components['schemas']['ClusterScorecard'][];
    };
    EntityScorecardPage: {
      items: components['schemas']['EntityScorecard'][];
      /** @description Pass as `cursor` to read the next page; absent on the last page. */
      nextCursor?: string;
    };
    ClusterListItem: {
      arn: string;
      accountId: string;
      region: string;
      name: string;
      version?: string;
      encryptionState?: components['schemas']['EncryptionState'];
      keyRef?: string;
      keyArn?: string;
      environment?: string;
      verdict: components['schemas']['ClusterVerdict'];
      score: number;
      grade: components['schemas']['Grade'];
      /** Format: date-time */
      evaluatedAt: string;
      stale: boolean;
      lastVerdict?: components['schemas']['ClusterVerdict'];
      staleReason?: string;
      error?: string;
      owners: string[];
      entityRefs: string[];
      openFindings: components['schemas']['FindingCounts'];
    };
    ClusterListPage: {
      items: components['schemas']['ClusterListItem'][];
      totalCount: number;
      nextCursor?: string;
    };
    OwnerRollup: {
      ownerRef: string;
      entities: number;
      compliantEntities: number;
      clusters: number;
      compliantClusters: number;
      openFindings: components['schemas']['FindingCounts'];
      /** @description Mean time to resolve a failing check, over findings resolved in the retention window. */
      mttrHours: number | null;
    };
    OwnerRollupList: {
      items: components['schemas']['OwnerRollup'][];
    };
    OwnerEntityRow: {
      entityRef: string;
      ownerRef: string;
      verdict: components['schemas']['EntityVerdict'];
      score: number | null;
      grade: components['schemas']['Grade'] | null;
      clusters: number;
      openFindings: components['schemas']['FindingCounts'];
      /** Format: date-time */
      evaluatedAt: string | null;
      stale: boolean;
    };
    OwnerDetail: {
      ownerRef: string;
      entities: number;
      compliantEntities: number;
      clusters: number;
      compliantClusters: number;
      openFindings: components['schemas']['FindingCounts'];
      mttrHours: number | null;
      /** @description Owners included, the owner first, then its child groups when asked. */
      ownerRefs: string[];
      /** @description One page of the owner's readable entities, in the order asked. */
      items: components['schemas']['OwnerEntityRow'][];
      /** @description Rows matching the search, over every page. */
      totalCount: number;
    };
    TrendPoint: {
      /** Format: date */
      day: string;
      clusters: number;
      compliantClusters: number;
      productionClusters: number;
      compliantProductionClusters: number;
    };
    OrgKpis: {
      productionClusters: number;
      compliantProductionClusters: number;
      productionCompliancePercent: number | null;
      clusters: number;
      compliantClusters: number;
      openFindings: components['schemas']['FindingCounts'];
      mttrHours: number | null;
      trend: components['schemas']['TrendPoint'][];
      unclaimed?: components['schemas']['UnclaimedKpis'];
    };
    DiscoveredCluster: {
      arn: string;
      accountId: string;
      region: string;
      name: string;
      /** @description A catalog entity (other than a Resource the discovery provider emits) links the cluster. */
      claimed: boolean;
      /** @description The value of the cluster's owner tag (`eksEncryption.discovery.ownerTag`). */
      ownerTag?: string;
      /** @description The catalog group or user the owner tag names, when it names one. */
      ownerRef?: string;
      environment?: string;
      isProduction?: boolean;
      verdict?: components['schemas']['ClusterVerdict'];
      score?: number;
      grade?: components['schemas']['Grade'];
      /** Format: date-time */
      evaluatedAt?: string;
      /** @description The unclaimed cluster's check results (a claimed cluster's are on its entities' scorecards). */
      checks?: components['schemas']['CheckResult'][];
      /** Format: date-time */
      firstSeenAt: string;
      /**
       * Format: date-time
       * @description The last listing that showed the cluster.
       */
      listedAt: string;
    };
    DiscoveryListing: {
      accountId: string;
      region: string;
      /** Format: date-time */
      listedAt: string;
      complete: boolean;
      /** @description Why the listing is incomplete (AccessDenied, no credentials, throttling). */
      reason?: string;
    };
    Discovery: {
      enabled: boolean;
      clusters: components['schemas']['DiscoveredCluster'][];
      listings: components['schemas']['DiscoveryListing'][];
    };
    /** @description Unclaimed production clusters; only for callers with `eks-encryption.unclaimed.read`. */
    UnclaimedKpis: {
      productionClusters: number;
      compliantProductionClusters: number;
    };
    RefreshRequest: {
      /** @description Full entity ref, e.g. component:default/payments. */
      entityRef: string;
    };
    RunInfo: {
      id: string;
      /** @enum {string} */
      kind: 'scheduled' | 'refresh';
      /** @enum {string} */
      status: 'running' | 'succeeded' | 'failed';
      entityRef?: string;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt?: string;
      clustersTotal: number;
      clustersDone: number;
      error?: string;
      /** @description Entities written by the run. */
      entities?: number;
      /** @description Clusters of the run that could not be read. */
      clusterErrors?: number;
    };
  };
  responses: {
    /** @description An error. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    namespace: string;
    kind: string;
    name: string;
    /** @description The `nextCursor` of the previous page. */
    cursor: string;
    /** @description Items per page. */
    limit: number;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  GetHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plugin is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
    };
  };
  ListEntityScorecards: {
    parameters: {
      query?: {
        /** @description The `nextCursor` of the previous page. */
        cursor?: components['parameters']['cursor'];
        /** @description Items per page. */
        limit?: components['parameters']['limit'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of scorecards. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityScorecardPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetEntityScorecard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        kind: components['parameters']['kind'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The entity's scorecard. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityScorecard'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ListClusters: {
    parameters: {
      query?: {
        /** @description Only clusters of entities owned by this entity ref, e.g. group:default/team-a. */
        owner?: string;
        verdict?: components['schemas']['ClusterVerdict'];
        accountId?: string;
        region?: string;
        environment?: string;
        /** @description Case-insensitive part of the cluster name or ARN. */
        search?: string;
        /** @description The `nextCursor` of the previous page. */
        cursor?: components['parameters']['cursor'];
        /** @description Rows to skip, for page-numbered tables; `cursor` wins over it. */
        offset?: number;
        /** @description Items per page. */
        limit?: components['parameters']['limit'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of clusters. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClusterListPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListOwners: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rollups. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OwnerRollupList'];
        };
      };
      401: components['responses']['ErrorResponse'];
    };
  };
  GetOwnerDetail: {
    parameters: {
      query?: {
        /** @description Also count the entities of the owner's child groups, recursively. */
        includeChildren?: boolean;
        /** @description Only rows whose entity ref or owner ref holds this text (case-insensitive); the rollup still counts every entity. */
        search?: string;
        /** @description Row order: `verdict` (worst first: by verdict, then most open findings, lowest score and entity ref; the default), `entity` (by entity ref), `score` (lowest first, entities without a score last), `findings` (most open findings first, the most severe counting first) or `owner` (by owner ref); ties go worst first. */
        sort?: 'verdict' | 'entity' | 'score' | 'findings' | 'owner';
        /** @description `desc` reverses the `sort` order. */
        order?: 'asc' | 'desc';
        /** @description Rows to skip. */
        offset?: number;
        /** @description Items per page. */
        limit?: components['parameters']['limit'];
      };
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        kind: components['parameters']['kind'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The owner's rollup and entities. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OwnerDetail'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListChecks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The checks. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CheckDefinition'][];
          };
        };
      };
      401: components['responses']['ErrorResponse'];
    };
  };
  GetKpis: {
    parameters: {
      query?: {
        /** @description Days of trend to return, counting today; every stored day when absent. */
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The KPIs. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrgKpis'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetDiscovery: {
    parameters: {
      query?: {
        /** @description Only claimed (`true`) or only unclaimed (`false`) clusters; both when absent. */
        claimed?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The discovered clusters and the listings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Discovery'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  RefreshEntity: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequest'];
      };
    };
    responses: {
      /** @description The refresh run; follow it with GET /v1/runs/{id}. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunInfo'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      /** @description Beyond the refresh budget (per caller, or refreshes running at once); the Retry-After header says after how many seconds to ask again. */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  GetRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunInfo'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
}
