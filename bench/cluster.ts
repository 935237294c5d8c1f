/**
 * Part 4: scale-out. Three bot processes (REDIS_CLUSTER=true) on a local Redis Cluster of three
 * masters (test/support/redis-cluster.ts), behind a round-robin load balancer as Azure's front door
 * spreads Teams' requests (test/resilience/support/round-robin-proxy.ts), beside the one bot process
 * on its one Redis: throughput of pick submissions, measured one after the other on tables of their
 * own. On this machine all of it shares two cores, so the row shows what the cluster mode costs per
 * request, not how far three machines would carry.
 */
import { startRedisCluster } from '../test/support/redis-cluster';
import { RoundRobinProxy } from '../test/resilience/support/round-robin-proxy';
import type { Harness } from './harness';
import { ms, num, print, table } from './markdown';
import { startBot, type BotProcess } from './processes';
import { measure, type Measured, type Scenario } from './scenario';
import { progress } from './settings';
import { expectHeading, picksFor, prepareTables, SAVED, type BenchTable } from './teams';

const PROCESSES = 3;

export interface ClusterRow {
  single: Measured;
  cluster: Measured;
  /** Requests the load balancer sent to each process during the whole part. */
  forwarded: Array<[string, number]>;
}

export async function measureCluster(h: Harness): Promise<ClusterRow> {
  progress(`part 4: a Redis Cluster of three masters and ${PROCESSES} bot processes behind a round-robin load balancer`);
  const cluster = await startRedisCluster();
  const bots: BotProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  try {
    const s = h.settings;
    for (let i = 1; i <= PROCESSES; i++)
      bots.push(
        await startBot(h.build, {
          name: `cluster-bot-${i}`,
          cluster: true,
          redisUrl: cluster.url,
          keyPrefix: h.prefix,
          logLevel: s.botLogLevel,
        }),
      );
    proxy = await RoundRobinProxy.start(bots.map((b) => ({ name: b.name, url: b.url.origin })));
    const url = new URL('/api/messages', proxy.url);

    const singleTables = await pickTables(h, 'bot');
    const clusterTables = await pickTables(h, url);
    await h.connector.quiet(2500);
    const single = await measure(h, pickScenario(h, 'part 4: pick submission, one process on one Redis', 'bot', singleTables));
    const target = {
      name: `${PROCESSES} processes on the cluster`,
      url,
      pids: bots.map((b) => b.pid),
      alsoOurs: cluster.servers.map((r) => r.pid),
    };
    const onCluster = await measure(h, pickScenario(h, 'part 4: pick submission through the load balancer', target, clusterTables));
    return { single, cluster: onCluster, forwarded: [...proxy.forwarded] };
  } finally {
    await proxy?.stop();
    await Promise.all(bots.map((b) => b.stop()));
    await cluster.stop();
  }
}

/** Round 1 tables of 8 who all picked, two for each worker, as in part 1. */
function pickTables(h: Harness, at: 'bot' | URL): Promise<BenchTable[]> {
  return prepareTables({
    label: `Round 1 tables (8 joined, 8 picked) ${at === 'bot' ? 'at the one process' : 'through the load balancer'}`,
    count: 2 * h.settings.concurrency,
    make: () => h.newTable({ at }),
    play: async (t) => {
      await t.toRound1();
      for (let i = 0; i < 8; i++) await t.submitPicks(i);
    },
  });
}

/** Worker w changes the picks at its own two tables, as in part 1. */
function pickScenario(h: Harness, name: string, target: Scenario['target'], tables: BenchTable[]): Scenario {
  const C = h.settings.concurrency;
  return {
    name,
    target,
    next: (w, k) => {
      const t = tables[w + (k % 2) * C]!;
      const i = (k >> 1) % 8;
      return {
        body: t.invokeBody(t.people[i]!, 'picks.submit', picksFor(i, { variant: 1 - ((k >> 4) % 2) })),
        check: expectHeading(SAVED.picks),
      };
    },
  };
}

export function reportCluster(r: ClusterRow): void {
  print(`## 4. Scale-out: ${PROCESSES} bot processes on a Redis Cluster of three masters`);
  const row = (name: string, m: Measured) => [
    name,
    num(m.load.requestsPerSecond),
    ms(m.load.p50),
    ms(m.load.p99),
    `${m.load.errors}/${m.load.completed}`,
    num(m.cpuMsPerRequest, 2),
    num(m.otherCpus, 2),
  ];
  print(
    table(
      ['pick submissions', 'req/s', 'p50', 'p99', 'errors', 'CPU ms/req (all bot processes)', 'other work (CPUs)'],
      [row('one process, one Redis', r.single), row(`${PROCESSES} processes, Redis Cluster, round-robin load balancer`, r.cluster)],
    ),
  );
  print(
    `Requests per process through the load balancer (preparation included): ${r.forwarded.map(([n, c]) => `${n} ${c}`).join(', ')}. ` +
      'Everything shares the same two cores here, so this shows the cost of the cluster mode, not the capacity of three machines.',
  );
  for (const [name, m] of [
    ['one process', r.single],
    ['cluster', r.cluster],
  ] as const)
    if (m.load.errorSamples.length) print(`errors (${name}): ${m.load.errorSamples.join(' | ')}`);
  print();
}
