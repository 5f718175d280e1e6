import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest only, for the example app.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));

// Permissions are enforced; the example policy allows everything but unclaimed
// clusters, which only the platform team sees.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('backstage-plugin-eks-encryption-backend'));
// An example of a check of your own: the cluster tag data-classification.
backend.add(import('./modules/dataClassificationCheck'));
// The events bus: the EKS encryption change log is published on eks-encryption.findings.
backend.add(import('@backstage/plugin-events-backend'));
// Drift alerts to owners as notifications (the bell in the app's sidebar).
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(
  import('backstage-plugin-eks-encryption-backend-module-notifications'),
);
// Discovered clusters as catalog Resources (off unless
// catalog.providers.eksEncryption.enabled).
backend.add(import('backstage-plugin-catalog-backend-module-eks-encryption'));

// Tech Insights with the json-rules-engine checker and the EKS encryption facts.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import('backstage-plugin-tech-insights-backend-module-eks-encryption'),
);

backend.start();
