/*
 * A real backend in a process of its own, for the crash test:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs childBackend.ts
 *
 * `createBackend()` of backend-defaults (PostgreSQL database manager, scheduler,
 * HTTP server, auth, permissions) with the plugin. Two things are replaced, and
 * only two: the root config comes from the spec instead of app-config files, and
 * the catalog is a static `catalogServiceRef` over the spec's entities. A static
 * catalog is the simplest real option: the plugin only reads the catalog through
 * that service, whereas the real catalog backend would need its own tables,
 * a location file and processing before the first entity shows up.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DatabaseEksEncryptionStore } from '../../database/DatabaseEksEncryptionStore';
import { eksEncryptionPlugin } from '../../plugin';
import { TestCatalog } from './testCatalog';
import { CHILD_SPEC_ENV, type ChildSpec } from './childSpec';

const spec: ChildSpec = JSON.parse(process.env[CHILD_SPEC_ENV] ?? 'null');
if (!spec) throw new Error(`${CHILD_SPEC_ENV} is not set`);

const { runTimeoutMs } = spec;
if (runTimeoutMs !== undefined) {
  // Test-only seam: the plugin exposes no setting for the store's run timeout.
  const create = DatabaseEksEncryptionStore.create.bind(
    DatabaseEksEncryptionStore,
  );
  DatabaseEksEncryptionStore.create = options =>
    create({ ...options, runTimeout: { milliseconds: runTimeoutMs } });
}

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    factory: () => new ConfigReader(spec.config),
  }),
);
backend.add(new TestCatalog(spec.entities).factory());
backend.add(eksEncryptionPlugin);
backend.start().catch(error => {
  process.stderr.write(`The child backend did not start: ${error}\n`);
  process.exit(1);
});
