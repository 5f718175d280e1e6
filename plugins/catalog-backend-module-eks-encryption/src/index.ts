/**
 * Catalog backend module: the EKS clusters found by the discovery of the EKS
 * Secrets encryption backend plugin, as `kubernetes-cluster` Resources.
 *
 * @packageDocumentation
 */
export { catalogModuleEksEncryptionDiscovery as default } from './module';
export { catalogModuleEksEncryptionDiscovery } from './module';
export { discoveredClusterEntityName } from './entityName';
