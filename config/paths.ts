import path from 'node:path';

/** The repository root, wherever this file is loaded from (sources or a build). */
export const repoRoot = path.resolve(__dirname, '..');

/**
 * Local state of a development machine: the PostgreSQL cluster, the Temporal dev
 * server's SQLite file, generated secrets, mail and backups. Git-ignored.
 */
export const varDir = process.env.STOREOPS_VAR_DIR
  ? path.resolve(process.env.STOREOPS_VAR_DIR)
  : path.join(repoRoot, 'var');
