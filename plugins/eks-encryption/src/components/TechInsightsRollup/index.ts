export { TechInsightsRollup } from './TechInsightsRollup';
