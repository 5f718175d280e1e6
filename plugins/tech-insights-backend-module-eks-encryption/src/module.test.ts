import { startTestBackend } from '@backstage/backend-test-utils';
import {
  techInsightsFactRetrieversExtensionPoint,
  type FactRetriever,
} from '@backstage-community/plugin-tech-insights-node';
import { techInsightsModuleEksEncryption } from './module';
import { eksEncryptionFactSchema } from './retriever/schema';

describe('techInsightsModuleEksEncryption', () => {
  it('adds the fact retriever under its id', async () => {
    const added: Record<string, FactRetriever> = {};
    const extensionPoint = {
      addFactRetrievers: jest.fn((retrievers: Record<string, FactRetriever>) =>
        Object.assign(added, retrievers),
      ),
    };

    const backend = await startTestBackend({
      extensionPoints: [
        [techInsightsFactRetrieversExtensionPoint, extensionPoint],
      ],
      features: [techInsightsModuleEksEncryption],
    });

    expect(extensionPoint.addFactRetrievers).toHaveBeenCalledTimes(1);
    expect(Object.keys(added)).toEqual(['eksEncryptionFactRetriever']);
    expect(added.eksEncryptionFactRetriever).toMatchObject({
      id: 'eksEncryptionFactRetriever',
      version: '0.2.0',
      schema: eksEncryptionFactSchema,
      entityFilter: [
        { kind: expect.arrayContaining(['component', 'resource']) },
      ],
    });
    await backend.stop();
  });
});
