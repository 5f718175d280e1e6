import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';

/**
 * A static catalog for `catalogServiceRef`, usable in jest and in a child process
 * alike (`catalogServiceMock` is jest-only). It answers from an in-memory copy of the
 * entities, with the catalog client's own filtering and paging; `replace` swaps
 * the entities, as a catalog refresh would, for every backend sharing it.
 */
export class TestCatalog {
  private client: InMemoryCatalogClient;

  constructor(entities: Entity[]) {
    this.client = new InMemoryCatalogClient({ entities });
  }

  replace(entities: Entity[]): void {
    this.client = new InMemoryCatalogClient({ entities });
  }

  /** Install it in place of the real catalog client. */
  factory() {
    // Each call goes to the entities held at that moment.
    const service = new Proxy({} as CatalogService, {
      get: (_target, method) => {
        const client = this.client as unknown as Record<PropertyKey, unknown>;
        const member = client[method];
        return typeof member === 'function' ? member.bind(client) : member;
      },
    });
    return createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => service,
    });
  }
}
