// Generated from plugins/eks-encryption-backend/src/schema/openapi.yaml by
// plugins/eks-encryption-backend/scripts/generate-openapi.mjs: do not edit.
// Run `yarn generate` in plugins/eks-encryption-backend after changing the spec.
export type { components, operations, paths } from './types';
export { apiParameterLimits } from './limits';
