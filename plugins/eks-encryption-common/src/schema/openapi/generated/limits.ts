// Generated from plugins/eks-encryption-backend/src/schema/openapi.yaml by
// plugins/eks-encryption-backend/scripts/generate-openapi.mjs: do not edit.
// Run `yarn generate` in plugins/eks-encryption-backend after changing the spec.

/**
 * Bounds of the API's parameters, by operation id and parameter name, read
 * from the spec: e.g. `apiParameterLimits.ListEntityScorecards.limit.maximum`
 * is the largest page size.
 */
export const apiParameterLimits = {
  ListEntityScorecards: {
    cursor: {
      minLength: 1,
      maxLength: 2000,
    },
    limit: {
      minimum: 1,
      maximum: 500,
      default: 100,
    },
  },
  GetEntityScorecard: {
    namespace: {
      minLength: 1,
      maxLength: 253,
    },
    kind: {
      minLength: 1,
      maxLength: 253,
    },
    name: {
      minLength: 1,
      maxLength: 253,
    },
  },
  ListClusters: {
    owner: {
      minLength: 1,
      maxLength: 500,
    },
    accountId: {
      pattern: '^\\d{12}$',
    },
    region: {
      pattern: '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$',
    },
    environment: {
      minLength: 1,
      maxLength: 200,
    },
    search: {
      minLength: 1,
      maxLength: 200,
    },
    cursor: {
      minLength: 1,
      maxLength: 2000,
    },
    offset: {
      minimum: 0,
      maximum: 1000000,
    },
    limit: {
      minimum: 1,
      maximum: 500,
      default: 100,
    },
  },
  GetOwnerDetail: {
    namespace: {
      minLength: 1,
      maxLength: 253,
    },
    kind: {
      minLength: 1,
      maxLength: 253,
    },
    name: {
      minLength: 1,
      maxLength: 253,
    },
    search: {
      minLength: 1,
      maxLength: 200,
    },
    offset: {
      minimum: 0,
      maximum: 1000000,
    },
    limit: {
      minimum: 1,
      maximum: 500,
      default: 100,
    },
  },
  GetKpis: {
    days: {
      minimum: 1,
      maximum: 3660,
    },
  },
  GetRun: {
    id: {
      minLength: 1,
      maxLength: 100,
    },
  },
} as const;
