import { parseClusterSeeds } from '../../src/store';

describe('parseClusterSeeds (REDIS_URL with REDIS_CLUSTER=true)', () => {
  it('Azure Managed Redis: one TLS seed; the certificate is checked against its host name on every node', () => {
    expect(parseClusterSeeds('rediss://sb-gemeente.westeurope.redis.azure.net:10000')).toEqual({
      nodes: [{ host: 'sb-gemeente.westeurope.redis.azure.net', port: 10000 }],
      redisOptions: { tls: { servername: 'sb-gemeente.westeurope.redis.azure.net' } },
    });
  });

  it('several seeds, the password given once, decoded, for every node (never in the per-seed options)', () => {
    const seeds = parseClusterSeeds('redis://:p%40ss%3Aw0rd@10.0.0.4:7000, redis://10.0.0.5:7001,redis://10.0.0.6');
    expect(seeds.nodes).toEqual([
      { host: '10.0.0.4', port: 7000 },
      { host: '10.0.0.5', port: 7001 },
      { host: '10.0.0.6', port: 6379 },
    ]);
    expect(seeds.redisOptions).toEqual({ password: 'p@ss:w0rd' });
  });

  it('refuses a database other than 0, a scheme other than redis(s), and seeds that disagree', () => {
    expect(() => parseClusterSeeds('redis://10.0.0.4:7000/2')).toThrow(/only database 0/);
    expect(() => parseClusterSeeds('http://10.0.0.4:7000')).toThrow(/must start with redis:\/\/ or rediss:\/\//);
    expect(() => parseClusterSeeds('rediss://a:1,redis://b:2')).toThrow(/seed 2 .* another scheme/);
    expect(() => parseClusterSeeds('redis://:x@a:1,redis://:y@b:2')).toThrow(/seed 2 .* another user or password/);
  });
});
