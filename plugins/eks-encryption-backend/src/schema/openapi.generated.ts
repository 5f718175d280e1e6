// Generated from plugins/eks-encryption-backend/src/schema/openapi.yaml by
// plugins/eks-encryption-backend/scripts/generate-openapi.mjs: do not edit.
// Run `yarn generate` in plugins/eks-encryption-backend after changing the spec.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'eks-encryption',
    version: '1',
    description:
      "Scorecards of the KMS envelope encryption of Kubernetes Secrets on the Amazon EKS clusters linked to catalog entities, rollups per owner, organisation KPIs and on-demand re-evaluation. Every entity-scoped answer respects the caller's catalog read access: an entity the caller cannot read answers 404 and is left out of lists and rollups.",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
    contact: {},
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {
      BearerAuth: [],
    },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness of the plugin; needs no credentials.',
        security: [],
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['status'],
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['ok'],
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/v1/entities': {
      get: {
        operationId: 'ListEntityScorecards',
        description:
          'Scorecards of the evaluated entities the caller can read, ordered by entity ref, in pages.',
        parameters: [
          {
            $ref: '#/components/parameters/cursor',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of scorecards.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityScorecardPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{namespace}/{kind}/{name}': {
      get: {
        operationId: 'GetEntityScorecard',
        description: 'The scorecard of one entity.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's scorecard.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityScorecard',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/clusters': {
      get: {
        operationId: 'ListClusters',
        description:
          'Clusters linked to readable entities, ordered by ARN, with filters and paging.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            description:
              'Only clusters of entities owned by this entity ref, e.g. group:default/team-a.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 500,
            },
          },
          {
            name: 'verdict',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ClusterVerdict',
            },
          },
          {
            name: 'accountId',
            in: 'query',
            schema: {
              type: 'string',
              pattern: '^\\d{12}$',
            },
          },
          {
            name: 'region',
            in: 'query',
            schema: {
              type: 'string',
              pattern: '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$',
            },
          },
          {
            name: 'environment',
            in: 'query',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            name: 'search',
            in: 'query',
            description: 'Case-insensitive part of the cluster name or ARN.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            $ref: '#/components/parameters/cursor',
          },
          {
            name: 'offset',
            in: 'query',
            description:
              'Rows to skip, for page-numbered tables; `cursor` wins over it.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
            },
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of clusters.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ClusterListPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/owners': {
      get: {
        operationId: 'ListOwners',
        description:
          'One rollup per owner of readable entities, ordered by owner ref.',
        responses: {
          '200': {
            description: 'The rollups.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OwnerRollupList',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/owners/{namespace}/{kind}/{name}': {
      get: {
        operationId: 'GetOwnerDetail',
        description:
          "One owner's rollup over every readable entity it owns, with one page of those entities as rows (sorted and searched here, so a large team or a parent group costs one page, not every row).",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'includeChildren',
            in: 'query',
            description:
              "Also count the entities of the owner's child groups, recursively.",
            schema: {
              type: 'boolean',
            },
          },
          {
            name: 'search',
            in: 'query',
            description:
              'Only rows whose entity ref or owner ref holds this text (case-insensitive); the rollup still counts every entity.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            name: 'sort',
            in: 'query',
            description:
              'Row order: `verdict` (worst first: by verdict, then most open findings, lowest score and entity ref; the default), `entity` (by entity ref), `score` (lowest first, entities without a score last), `findings` (most open findings first, the most severe counting first) or `owner` (by owner ref); ties go worst first.',
            schema: {
              type: 'string',
              enum: ['verdict', 'entity', 'score', 'findings', 'owner'],
            },
          },
          {
            name: 'order',
            in: 'query',
            description: '`desc` reverses the `sort` order.',
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
            },
          },
          {
            name: 'offset',
            in: 'query',
            description: 'Rows to skip.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
            },
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: "The owner's rollup and entities.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OwnerDetail',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/checks': {
      get: {
        operationId: 'ListChecks',
        description:
          'Every registered check (the built-in ones and those added by modules) in the order scorecards list them.',
        responses: {
          '200': {
            description: 'The checks.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/CheckDefinition',
                      },
                    },
                  },
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/kpis': {
      get: {
        operationId: 'GetKpis',
        description:
          'Organisation KPIs over the clusters of readable entities, with the daily trend.',
        parameters: [
          {
            name: 'days',
            in: 'query',
            description:
              'Days of trend to return, counting today; every stored day when absent.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 3660,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The KPIs.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OrgKpis',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/discovery': {
      get: {
        operationId: 'GetDiscovery',
        description:
          'The clusters found by listing the accounts and regions of `eksEncryption.discovery`, and how complete the last listing of each was. Needs the `eks-encryption.unclaimed.read` permission (403 otherwise). Deleted clusters (missing from a complete listing) are left out.',
        parameters: [
          {
            name: 'claimed',
            in: 'query',
            description:
              'Only claimed (`true`) or only unclaimed (`false`) clusters; both when absent.',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The discovered clusters and the listings.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Discovery',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/refresh': {
      post: {
        operationId: 'RefreshEntity',
        description:
          'Re-evaluates the clusters of one entity now, in the background. Needs the permission eks-encryption.refresh on the entity. A refresh of the same entity that is running or just finished is returned instead of starting another.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RefreshRequest',
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The refresh run; follow it with GET /v1/runs/{id}.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RunInfo',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '429': {
            description:
              'Beyond the refresh budget (per caller, or refreshes running at once); the Retry-After header says after how many seconds to ask again.',
            headers: {
              'Retry-After': {
                schema: {
                  type: 'integer',
                },
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/v1/runs/{id}': {
      get: {
        operationId: 'GetRun',
        description: 'Status and progress of an evaluation run.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The run.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RunInfo',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      BearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Backstage user or service token',
      },
    },
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 253,
        },
      },
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 253,
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 253,
        },
      },
      cursor: {
        name: 'cursor',
        in: 'query',
        description: 'The `nextCursor` of the previous page.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 2000,
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        description: 'Items per page.',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 100,
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        additionalProperties: false,
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            additionalProperties: false,
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            additionalProperties: false,
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      Severity: {
        type: 'string',
        enum: ['critical', 'high', 'medium', 'low'],
      },
      CheckStatus: {
        type: 'string',
        enum: ['pass', 'fail', 'warn', 'unknown', 'not-applicable'],
      },
      CheckId: {
        type: 'string',
        description:
          'A registered check, built in or added by a module (GET /v1/checks lists them).',
        pattern: '^[a-z0-9-]{1,64}$',
      },
      CheckDefinition: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'severity', 'description'],
        properties: {
          id: {
            $ref: '#/components/schemas/CheckId',
          },
          title: {
            type: 'string',
          },
          severity: {
            $ref: '#/components/schemas/Severity',
          },
          description: {
            type: 'string',
          },
        },
      },
      ClusterVerdict: {
        type: 'string',
        enum: ['compliant', 'non-compliant', 'incomplete', 'error'],
      },
      EntityVerdict: {
        type: 'string',
        enum: [
          'compliant',
          'non-compliant',
          'incomplete',
          'error',
          'not-evaluated',
        ],
      },
      Grade: {
        type: 'string',
        enum: ['A', 'B', 'C', 'D', 'F'],
      },
      EncryptionState: {
        type: 'string',
        enum: ['none', 'aws-owned-default', 'kms-key'],
      },
      FindingCounts: {
        type: 'object',
        additionalProperties: false,
        description: 'Open findings (checks in fail) by severity.',
        required: ['critical', 'high', 'medium', 'low'],
        properties: {
          critical: {
            type: 'integer',
          },
          high: {
            type: 'integer',
          },
          medium: {
            type: 'integer',
          },
          low: {
            type: 'integer',
          },
        },
      },
      AnnotationError: {
        type: 'object',
        additionalProperties: false,
        required: ['token', 'reason'],
        properties: {
          token: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
        },
      },
      RemediationSnippet: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'language', 'code'],
        properties: {
          title: {
            type: 'string',
            description: 'What the snippet is, e.g. "AWS CLI" or "Terraform".',
          },
          language: {
            type: 'string',
            enum: ['shell', 'hcl', 'yaml', 'json'],
          },
          code: {
            type: 'string',
          },
        },
      },
      Remediation: {
        type: 'object',
        additionalProperties: false,
        required: ['steps', 'snippets'],
        properties: {
          steps: {
            description: 'Console or procedural steps, in order.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          snippets: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RemediationSnippet',
            },
          },
        },
      },
      CheckResult: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'severity', 'status', 'summary', 'details'],
        properties: {
          id: {
            $ref: '#/components/schemas/CheckId',
          },
          severity: {
            $ref: '#/components/schemas/Severity',
          },
          status: {
            $ref: '#/components/schemas/CheckStatus',
          },
          summary: {
            type: 'string',
            description: 'One line, readable on its own.',
          },
          details: {
            type: 'string',
          },
          remediation: {
            $ref: '#/components/schemas/Remediation',
          },
          openFinding: {
            type: 'object',
            additionalProperties: false,
            required: ['openedAt'],
            description:
              'The open finding of this check. unverifiedSince - the check could not be read since then; the finding stays open until evidence resolves it.',
            properties: {
              openedAt: {
                type: 'string',
                format: 'date-time',
              },
              unverifiedSince: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
        },
      },
      ClusterScorecard: {
        type: 'object',
        additionalProperties: false,
        required: [
          'arn',
          'accountId',
          'region',
          'name',
          'verdict',
          'score',
          'grade',
          'evaluatedAt',
          'stale',
          'checks',
        ],
        properties: {
          arn: {
            type: 'string',
          },
          accountId: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          encryptionState: {
            $ref: '#/components/schemas/EncryptionState',
          },
          keyRef: {
            type: 'string',
            description:
              'The key reference configured on the cluster (key or alias ARN).',
          },
          keyArn: {
            type: 'string',
            description: 'The key ARN the key reference resolves to.',
          },
          environment: {
            type: 'string',
          },
          verdict: {
            $ref: '#/components/schemas/ClusterVerdict',
          },
          score: {
            type: 'number',
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          stale: {
            type: 'boolean',
            description:
              'True when the latest attempt failed or the evidence is older than eksEncryption.staleAfter; the checks are the last known evidence.',
          },
          lastVerdict: {
            $ref: '#/components/schemas/ClusterVerdict',
          },
          staleReason: {
            type: 'string',
            description:
              'When the evidence was read last, and what failed since.',
          },
          error: {
            type: 'string',
            description:
              'Why the cluster could not be read at all (verdict `error`).',
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckResult',
            },
          },
          alsoLinkedBy: {
            description:
              "On one entity's scorecard: the other readable entities linking this cluster (components, and Resources that name the same ARN).",
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      EntityScorecard: {
        type: 'object',
        additionalProperties: false,
        required: [
          'entityRef',
          'verdict',
          'score',
          'grade',
          'evaluatedAt',
          'stale',
          'annotationErrors',
          'clusters',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          verdict: {
            $ref: '#/components/schemas/EntityVerdict',
          },
          score: {
            type: ['number', 'null'],
          },
          grade: {
            oneOf: [
              {
                $ref: '#/components/schemas/Grade',
              },
              {
                type: 'null',
              },
            ],
          },
          evaluatedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          stale: {
            type: 'boolean',
          },
          annotationErrors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AnnotationError',
            },
          },
          clusters: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ClusterScorecard',
            },
          },
        },
      },
      EntityScorecardPage: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityScorecard',
            },
          },
          nextCursor: {
            type: 'string',
            description:
              'Pass as `cursor` to read the next page; absent on the last page.',
          },
        },
      },
      ClusterListItem: {
        type: 'object',
        additionalProperties: false,
        required: [
          'arn',
          'accountId',
          'region',
          'name',
          'verdict',
          'score',
          'grade',
          'evaluatedAt',
          'stale',
          'owners',
          'entityRefs',
          'openFindings',
        ],
        properties: {
          arn: {
            type: 'string',
          },
          accountId: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          encryptionState: {
            $ref: '#/components/schemas/EncryptionState',
          },
          keyRef: {
            type: 'string',
          },
          keyArn: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          verdict: {
            $ref: '#/components/schemas/ClusterVerdict',
          },
          score: {
            type: 'number',
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          stale: {
            type: 'boolean',
          },
          lastVerdict: {
            $ref: '#/components/schemas/ClusterVerdict',
          },
          staleReason: {
            type: 'string',
          },
          error: {
            type: 'string',
          },
          owners: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          entityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          openFindings: {
            $ref: '#/components/schemas/FindingCounts',
          },
        },
      },
      ClusterListPage: {
        type: 'object',
        additionalProperties: false,
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ClusterListItem',
            },
          },
          totalCount: {
            type: 'integer',
          },
          nextCursor: {
            type: 'string',
          },
        },
      },
      OwnerRollup: {
        type: 'object',
        additionalProperties: false,
        required: [
          'ownerRef',
          'entities',
          'compliantEntities',
          'clusters',
          'compliantClusters',
          'openFindings',
          'mttrHours',
        ],
        properties: {
          ownerRef: {
            type: 'string',
          },
          entities: {
            type: 'integer',
          },
          compliantEntities: {
            type: 'integer',
          },
          clusters: {
            type: 'integer',
          },
          compliantClusters: {
            type: 'integer',
          },
          openFindings: {
            $ref: '#/components/schemas/FindingCounts',
          },
          mttrHours: {
            type: ['number', 'null'],
            description:
              'Mean time to resolve a failing check, over findings resolved in the retention window.',
          },
        },
      },
      OwnerRollupList: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/OwnerRollup',
            },
          },
        },
      },
      OwnerEntityRow: {
        type: 'object',
        additionalProperties: false,
        required: [
          'entityRef',
          'ownerRef',
          'verdict',
          'score',
          'grade',
          'clusters',
          'openFindings',
          'evaluatedAt',
          'stale',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
          },
          verdict: {
            $ref: '#/components/schemas/EntityVerdict',
          },
          score: {
            type: ['number', 'null'],
          },
          grade: {
            oneOf: [
              {
                $ref: '#/components/schemas/Grade',
              },
              {
                type: 'null',
              },
            ],
          },
          clusters: {
            type: 'integer',
          },
          openFindings: {
            $ref: '#/components/schemas/FindingCounts',
          },
          evaluatedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          stale: {
            type: 'boolean',
          },
        },
      },
      OwnerDetail: {
        type: 'object',
        additionalProperties: false,
        required: [
          'ownerRef',
          'entities',
          'compliantEntities',
          'clusters',
          'compliantClusters',
          'openFindings',
          'mttrHours',
          'ownerRefs',
          'items',
          'totalCount',
        ],
        properties: {
          ownerRef: {
            type: 'string',
          },
          entities: {
            type: 'integer',
          },
          compliantEntities: {
            type: 'integer',
          },
          clusters: {
            type: 'integer',
          },
          compliantClusters: {
            type: 'integer',
          },
          openFindings: {
            $ref: '#/components/schemas/FindingCounts',
          },
          mttrHours: {
            type: ['number', 'null'],
          },
          ownerRefs: {
            type: 'array',
            description:
              'Owners included, the owner first, then its child groups when asked.',
            items: {
              type: 'string',
            },
          },
          items: {
            type: 'array',
            description:
              "One page of the owner's readable entities, in the order asked.",
            items: {
              $ref: '#/components/schemas/OwnerEntityRow',
            },
          },
          totalCount: {
            type: 'integer',
            description: 'Rows matching the search, over every page.',
          },
        },
      },
      TrendPoint: {
        type: 'object',
        additionalProperties: false,
        required: [
          'day',
          'clusters',
          'compliantClusters',
          'productionClusters',
          'compliantProductionClusters',
        ],
        properties: {
          day: {
            type: 'string',
            format: 'date',
          },
          clusters: {
            type: 'integer',
          },
          compliantClusters: {
            type: 'integer',
          },
          productionClusters: {
            type: 'integer',
          },
          compliantProductionClusters: {
            type: 'integer',
          },
        },
      },
      OrgKpis: {
        type: 'object',
        additionalProperties: false,
        required: [
          'productionClusters',
          'compliantProductionClusters',
          'productionCompliancePercent',
          'clusters',
          'compliantClusters',
          'openFindings',
          'mttrHours',
          'trend',
        ],
        properties: {
          productionClusters: {
            type: 'integer',
          },
          compliantProductionClusters: {
            type: 'integer',
          },
          productionCompliancePercent: {
            type: ['number', 'null'],
          },
          clusters: {
            type: 'integer',
          },
          compliantClusters: {
            type: 'integer',
          },
          openFindings: {
            $ref: '#/components/schemas/FindingCounts',
          },
          mttrHours: {
            type: ['number', 'null'],
          },
          trend: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TrendPoint',
            },
          },
          unclaimed: {
            $ref: '#/components/schemas/UnclaimedKpis',
          },
        },
      },
      DiscoveredCluster: {
        type: 'object',
        additionalProperties: false,
        required: [
          'arn',
          'accountId',
          'region',
          'name',
          'claimed',
          'firstSeenAt',
          'listedAt',
        ],
        properties: {
          arn: {
            type: 'string',
          },
          accountId: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          claimed: {
            type: 'boolean',
            description:
              'A catalog entity (other than a Resource the discovery provider emits) links the cluster.',
          },
          ownerTag: {
            type: 'string',
            description:
              "The value of the cluster's owner tag (`eksEncryption.discovery.ownerTag`).",
          },
          ownerRef: {
            type: 'string',
            description:
              'The catalog group or user the owner tag names, when it names one.',
          },
          environment: {
            type: 'string',
          },
          isProduction: {
            type: 'boolean',
          },
          verdict: {
            $ref: '#/components/schemas/ClusterVerdict',
          },
          score: {
            type: 'integer',
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          checks: {
            description:
              "The unclaimed cluster's check results (a claimed cluster's are on its entities' scorecards).",
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckResult',
            },
          },
          firstSeenAt: {
            type: 'string',
            format: 'date-time',
          },
          listedAt: {
            type: 'string',
            format: 'date-time',
            description: 'The last listing that showed the cluster.',
          },
        },
      },
      DiscoveryListing: {
        type: 'object',
        additionalProperties: false,
        required: ['accountId', 'region', 'listedAt', 'complete'],
        properties: {
          accountId: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          listedAt: {
            type: 'string',
            format: 'date-time',
          },
          complete: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
            description:
              'Why the listing is incomplete (AccessDenied, no credentials, throttling).',
          },
        },
      },
      Discovery: {
        type: 'object',
        additionalProperties: false,
        required: ['enabled', 'clusters', 'listings'],
        properties: {
          enabled: {
            type: 'boolean',
          },
          clusters: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DiscoveredCluster',
            },
          },
          listings: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DiscoveryListing',
            },
          },
        },
      },
      UnclaimedKpis: {
        type: 'object',
        additionalProperties: false,
        required: ['productionClusters', 'compliantProductionClusters'],
        description:
          'Unclaimed production clusters; only for callers with `eks-encryption.unclaimed.read`.',
        properties: {
          productionClusters: {
            type: 'integer',
          },
          compliantProductionClusters: {
            type: 'integer',
          },
        },
      },
      RefreshRequest: {
        type: 'object',
        required: ['entityRef'],
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
            maxLength: 800,
            description: 'Full entity ref, e.g. component:default/payments.',
          },
        },
      },
      RunInfo: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'kind',
          'status',
          'startedAt',
          'clustersTotal',
          'clustersDone',
        ],
        properties: {
          id: {
            type: 'string',
          },
          kind: {
            type: 'string',
            enum: ['scheduled', 'refresh'],
          },
          status: {
            type: 'string',
            enum: ['running', 'succeeded', 'failed'],
          },
          entityRef: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          clustersTotal: {
            type: 'integer',
          },
          clustersDone: {
            type: 'integer',
          },
          error: {
            type: 'string',
          },
          entities: {
            type: 'integer',
            description: 'Entities written by the run.',
          },
          clusterErrors: {
            type: 'integer',
            description: 'Clusters of the run that could not be read.',
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
