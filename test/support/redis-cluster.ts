import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Cluster } from 'ioredis';
import { connectRedisCluster, whenReady } from '../../src/store';
import { TEST_COMMAND_TIMEOUT_MS } from './redis-run';
import { freePort, startRedisServer, type RedisServer } from './redis-server';

const run = promisify(execFile);

/** A throwaway Redis Cluster of three masters on this machine, no replicas, no persistence. */
export interface RedisClusterUnderTest {
  /** The seeds as REDIS_URL takes them with REDIS_CLUSTER=true: `redis://127.0.0.1:p1,...`. */
  url: string;
  servers: RedisServer[];
  /** A Cluster client as a bot process makes it, ready; quit by `stop` if not before. */
  client(): Promise<Cluster>;
  /** Quits the clients it handed out and stops the three servers. */
  stop(): Promise<void>;
}

/**
 * Starts three `redis-server --cluster-enabled yes` on free ports (each with a bus port of its own,
 * so a high port never overflows port + 10000), joins them with `redis-cli --cluster create` and
 * waits until every node says `cluster_state:ok`.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterUnderTest> {
  const servers: RedisServer[] = [];
  const clients: Cluster[] = [];
  const stop = async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await Promise.all(servers.map((s) => s.kill()));
  };
  try {
    for (let i = 0; i < masters; i++) {
      const busPort = await freePort();
      servers.push(
        await startRedisServer(undefined, [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-port',
          String(busPort),
          '--cluster-node-timeout',
          '5000',
        ]),
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...servers.map((s) => `127.0.0.1:${s.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitForClusterOk(servers, 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = servers.map((s) => s.url).join(',');
  return {
    url,
    servers,
    async client() {
      // The app's 2 s command timeout is its fail-fast promise, tested with outages elsewhere; here a
      // loaded test machine must not turn a slow reply into a failed contract.
      const cluster = connectRedisCluster(url, { redisOptions: { commandTimeout: TEST_COMMAND_TIMEOUT_MS } });
      clients.push(cluster);
      await whenReady(cluster);
      return cluster;
    },
    stop,
  };
}

async function waitForClusterOk(servers: readonly RedisServer[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      servers.map(async (s) => {
        const { stdout } = await run('redis-cli', ['-p', String(s.port), 'cluster', 'info']);
        return /cluster_state:ok/.test(stdout);
      }),
    );
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`the local Redis Cluster did not reach cluster_state:ok within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
