/**
 * Tech Insights module publishing EKS Secrets encryption facts, and ready checks.
 *
 * @packageDocumentation
 */
export {};
