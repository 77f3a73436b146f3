import path from 'node:path';
import { z } from 'zod';
import { loadEnvSettings } from './env-settings';
import { varDir } from './paths';

const count = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/**
 * Settings of the production-shaped topology (`npm run start:cluster`), beside the app's
 * own (config/env.ts: API_PORT is the reverse proxy's port, TEMPORAL_ADDRESS the
 * frontend the cluster's Temporal server listens on). Names documented in the README.
 */
export const clusterSettingsSchema = z.object({
  CLUSTER_API_INSTANCES: count(8, 2),
  /** API instance n (1-based) listens on CLUSTER_API_BASE_PORT + n - 1, behind the proxy. */
  CLUSTER_API_BASE_PORT: port(3011),
  CLUSTER_COMMERCE_WORKERS: count(8, 2),
  CLUSTER_OPS_WORKERS: count(4, 1),
  /** Fixed once the Temporal database exists (Temporal refuses another count): a new one needs a new database. */
  TEMPORAL_HISTORY_SHARDS: count(4096, 16),
  TEMPORAL_UI_PORT: port(8233),
  /** Temporal's execution database; visibility goes to `<name>_visibility`. */
  TEMPORAL_PERSISTENCE_DATABASE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,50}$/, 'must be a plain lower-case database name')
    .default('temporal'),
  /** Generated configs and the Temporal server's, UI's and HAProxy's logs. */
  STOREOPS_CLUSTER_DIR: z.string().min(1).default(path.join(varDir, 'cluster')),
});

export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

export function loadClusterSettings(env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  return loadEnvSettings(clusterSettingsSchema, 'cluster', env);
}

/** The API instances' ports, in order. */
export function apiInstancePorts(settings: ClusterSettings): number[] {
  return Array.from({ length: settings.CLUSTER_API_INSTANCES }, (_, n) => settings.CLUSTER_API_BASE_PORT + n);
}
