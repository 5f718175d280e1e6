import type { FindingCounts } from 'backstage-plugin-eks-encryption-common';
import { emptyFindingCounts } from './findingCounts';

/** The numbers of an owner rollup and of the organisation KPIs. */
export interface RollupNumbers {
  entities: number;
  compliantEntities: number;
  clusters: number;
  compliantClusters: number;
  productionClusters: number;
  compliantProductionClusters: number;
  openFindings: FindingCounts;
  /** Mean hours from opening to fixing, over the stored fixed findings. */
  mttrHours: number | null;
}

export function emptyRollup(): RollupNumbers {
  return {
    entities: 0,
    compliantEntities: 0,
    clusters: 0,
    compliantClusters: 0,
    productionClusters: 0,
    compliantProductionClusters: 0,
    openFindings: emptyFindingCounts(),
    mttrHours: null,
  };
}
