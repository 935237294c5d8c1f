import { ConfigError, loadConfig } from '../../src/server/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  MICROSOFT_APP_ID: '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00',
  MICROSOFT_APP_PASSWORD: 's3cret',
  MICROSOFT_APP_TENANT_ID: 'c1a2b3c4-0000-4000-8000-000000000001',
  REDIS_URL: 'rediss://sb.redis.cache.windows.net:6380',
  PUBLIC_URL: 'https://sociale-basis.gemeente-voorbeeld.nl',
  EXPORT_LINK_SECRET: 'x'.repeat(48),
};

describe('OUTBOUND_RATE_LIMITS', () => {
  it("keeps to Teams' limits unless told otherwise", () => {
    expect(loadConfig({}).OUTBOUND_RATE_LIMITS).toBe('teams');
    expect(loadConfig(PRODUCTION).OUTBOUND_RATE_LIMITS).toBe('teams');
    expect(loadConfig({ NODE_ENV: 'test', OUTBOUND_RATE_LIMITS: 'off' }).OUTBOUND_RATE_LIMITS).toBe('off');
  });

  it('off is refused in production, with the setting named', () => {
    expect(() => loadConfig({ ...PRODUCTION, OUTBOUND_RATE_LIMITS: 'off' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...PRODUCTION, OUTBOUND_RATE_LIMITS: 'off' })).toThrow(
      /OUTBOUND_RATE_LIMITS=off is not allowed in production/,
    );
  });

  it('a wrong value names the variable', () => {
    expect(() => loadConfig({ OUTBOUND_RATE_LIMITS: 'fast' })).toThrow(/OUTBOUND_RATE_LIMITS/);
  });
});
