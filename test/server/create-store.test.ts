/**
 * With REDIS_ENTRA_AUTH on, the store's Redis connection signs in with a token from the credential
 * (the real one is DefaultAzureCredential; here a fake, so no network).
 */
import type { TokenCredential } from '@azure/identity';
import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createStores } from '../../src/server/create-store';

const ENTRA = {
  NODE_ENV: 'test',
  REDIS_ENTRA_AUTH: 'true',
  REDIS_URL: 'rediss://127.0.0.1:1',
  REDIS_ENTRA_USERNAME: '6f1c2a9e-0000-4b1e-9d51-00000000c0de',
};

describe('createStores with REDIS_ENTRA_AUTH=true', () => {
  it('asks the credential for a Redis token before connecting, and fails the start with its reason', async () => {
    const scopes: Array<string | string[]> = [];
    const credential: TokenCredential = {
      async getToken(scope) {
        scopes.push(scope);
        throw new Error('CredentialUnavailableError: ManagedIdentityCredential is unavailable');
      },
    };
    await expect(createStores(loadConfig(ENTRA), pino({ level: 'silent' }), { credential })).rejects.toThrow(
      /ManagedIdentityCredential is unavailable/,
    );
    expect(scopes).toEqual(['https://redis.azure.com/.default']);
  });
});
