import { stopIntegrationServices } from './integration-global-setup';

export default async function integrationGlobalTeardown(): Promise<void> {
  stopIntegrationServices();
}
