import { apiInstancePorts, loadClusterSettings } from '../../../config/cluster';
import { renderHaproxyConfig } from '../../../platform/haproxy';
import { temporalPersistenceFor } from '../../../platform/temporal-persistence';
import { allTemporalServerPorts, renderTemporalServerConfig } from '../../../platform/temporal-server-config';
import { renderUiConfig } from '../../../platform/temporal-ui';

// The generated configs of `npm run start:cluster`; the integration test
// (test/integration/ops/cluster-topology.test.ts) runs them for real.
describe('cluster topology configuration', () => {
  const persistence = temporalPersistenceFor('postgres://storeops:s3cret%21@127.0.0.1:55432/storeops', 'temporal');

  it('puts Temporal in two databases of its own on the app database server, with the app role', () => {
    expect(persistence).toEqual({
      postgres: { host: '127.0.0.1', port: 55432, user: 'storeops', password: 's3cret!' },
      databases: { main: 'temporal', visibility: 'temporal_visibility' },
    });
  });

  it('renders the server config with the shard count, both stores on postgres12, and Temporal’s port layout', () => {
    const yaml = renderTemporalServerConfig({ frontendPort: 7233, historyShards: 16, ...persistence });

    expect(yaml).toContain('numHistoryShards: 16');
    expect(yaml.match(/pluginName: "postgres12"/g)).toHaveLength(2);
    expect(yaml).toContain('databaseName: "temporal_visibility"');
    expect(yaml).toContain('password: "s3cret!"');
    for (const [grpc, membership] of [
      [7233, 6933],
      [7234, 6934],
      [7235, 6935],
      [7239, 6939],
    ])
      expect(yaml).toContain(`grpcPort: ${grpc}\n      membershipPort: ${membership}\n      bindOnLocalHost: true`);
    expect(yaml).toContain('httpPort: 7243');
    expect(allTemporalServerPorts(7233).sort()).toEqual([6933, 6934, 6935, 6939, 7233, 7234, 7235, 7239, 7243]);
  });

  it('refuses a shard count that is not a positive integer', () => {
    expect(() => renderTemporalServerConfig({ frontendPort: 7233, historyShards: 0, ...persistence })).toThrow(
      'historyShards must be a positive integer',
    );
  });

  it('refuses a frontend port whose service ports Temporal could not store (smallint)', () => {
    expect(() => renderTemporalServerConfig({ frontendPort: 32_760, historyShards: 4, ...persistence })).toThrow(
      'outside 1–32767',
    );
    expect(() => renderTemporalServerConfig({ frontendPort: 32_757, historyShards: 4, ...persistence })).not.toThrow();
  });

  it('balances the proxy over every API instance, health-checked, forwarding the client address', () => {
    const cfg = renderHaproxyConfig({ listenPort: 3000, backendPorts: [3011, 3012] });

    expect(cfg).toContain('bind 127.0.0.1:3000');
    expect(cfg).toContain('server api-1 127.0.0.1:3011 check');
    expect(cfg).toContain('server api-2 127.0.0.1:3012 check');
    expect(cfg).toContain('option httpchk GET /healthz');
    expect(cfg).toContain('option forwardfor');
    expect(() => renderHaproxyConfig({ listenPort: 3000, backendPorts: [] })).toThrow('at least one API instance');
  });

  it('points the Web UI at the frontend with the codec endpoint', () => {
    const yaml = renderUiConfig({
      temporalAddress: '127.0.0.1:7233',
      port: 8233,
      namespace: 'default',
      codecEndpoint: 'http://127.0.0.1:3000/codec/ui/tok',
      rootDir: '/unused',
    });

    expect(yaml).toContain('temporalGrpcAddress: 127.0.0.1:7233');
    expect(yaml).toContain('port: 8233');
    expect(yaml).toContain('endpoint: "http://127.0.0.1:3000/codec/ui/tok"');
  });

  it('defaults to 2 API instances, 2 commerce workers, 1 ops worker and 16 shards; env overrides; bad values are named', () => {
    const defaults = loadClusterSettings({});
    expect(defaults).toMatchObject({
      CLUSTER_API_INSTANCES: 2,
      CLUSTER_COMMERCE_WORKERS: 2,
      CLUSTER_OPS_WORKERS: 1,
      TEMPORAL_HISTORY_SHARDS: 16,
      TEMPORAL_PERSISTENCE_DATABASE: 'temporal',
    });
    expect(apiInstancePorts(defaults)).toEqual([3011, 3012]);
    expect(
      apiInstancePorts(loadClusterSettings({ CLUSTER_API_INSTANCES: '3', CLUSTER_API_BASE_PORT: '4000' })),
    ).toEqual([4000, 4001, 4002]);
    expect(() => loadClusterSettings({ TEMPORAL_HISTORY_SHARDS: '0' })).toThrow('TEMPORAL_HISTORY_SHARDS');
    expect(() => loadClusterSettings({ TEMPORAL_PERSISTENCE_DATABASE: 'Temporal; drop' })).toThrow(
      'TEMPORAL_PERSISTENCE_DATABASE',
    );
  });
});
