export { TechInsightsRollup } from './TechInsightsRollup';
export type { TechInsightsRollupProps } from './TechInsightsRollup';
