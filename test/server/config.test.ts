/**
 * Start-up guards: the configuration is checked once, a wrong value names its variable, and in
 * production the bot refuses to run unauthenticated or on the in-memory store unless told to.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BOTBUILDER_NAMES, ConfigError, loadConfig } from '../../src/server/config';

const APP_ID = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
const TENANT = 'c1a2b3c4-0000-4000-8000-000000000001';
const OBJECT_ID = '6f1c2a9e-0000-4b1e-9d51-00000000c0de';
const AUTHENTICATED = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret', MICROSOFT_APP_TENANT_ID: TENANT };
const LINKS = { PUBLIC_URL: 'https://sociale-basis.gemeente-voorbeeld.nl', EXPORT_LINK_SECRET: 'x'.repeat(48) };
const PRODUCTION = { NODE_ENV: 'production', ...AUTHENTICATED, REDIS_URL: 'rediss://sb.redis.cache.windows.net:6380', ...LINKS };
const ENTRA = { REDIS_ENTRA_AUTH: 'true', REDIS_URL: 'rediss://sb.redis.cache.windows.net:6380', REDIS_ENTRA_USERNAME: OBJECT_ID };

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('an empty environment is a local development run with the documented defaults', () => {
    const config = loadConfig({});
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.BOT_OPENID_METADATA_URL).toBeUndefined();
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3978,
      MICROSOFT_APP_ID: '',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      REDIS_KEY_PREFIX: 'sb',
      TABLE_STORE_SHAPE: 'fields',
      REDIS_COMMAND_TIMEOUT_MS: 2000,
      REDIS_ENTRA_AUTH: false,
      RETENTION_DAYS: 30,
      MAX_PARTICIPANTS: 8,
      LOG_LEVEL: 'info',
    });
  });

  it('a complete production configuration is accepted', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({ NODE_ENV: 'production', MICROSOFT_APP_ID: APP_ID, REDIS_URL: PRODUCTION.REDIS_URL });
  });

  describe('production guards', () => {
    it('refuses to run without an app id, and says which setting to fix', () => {
      const message = refusal({ ...PRODUCTION, MICROSOFT_APP_ID: '' });
      expect(message).toMatch(/^MICROSOFT_APP_ID is not set/);
      expect(message).toContain('ALLOW_UNAUTHENTICATED=true');
    });

    it('runs without an app id when ALLOW_UNAUTHENTICATED=true says so explicitly', () => {
      expect(loadConfig({ ...PRODUCTION, MICROSOFT_APP_ID: '', ALLOW_UNAUTHENTICATED: 'true' }).MICROSOFT_APP_ID).toBe('');
    });

    it('refuses to keep tables in memory, and says which setting to fix', () => {
      const message = refusal({ ...PRODUCTION, REDIS_URL: '' });
      expect(message).toMatch(/^REDIS_URL is not set/);
      expect(message).toContain('ALLOW_MEMORY_STORE=true');
    });

    it('runs on memory when ALLOW_MEMORY_STORE=true says so explicitly', () => {
      expect(loadConfig({ ...PRODUCTION, REDIS_URL: '', ALLOW_MEMORY_STORE: 'true' }).REDIS_URL).toBeUndefined();
    });

    it('refuses to start without PUBLIC_URL, or with one that is not https, and says which setting to fix', () => {
      const message = refusal({ ...PRODUCTION, PUBLIC_URL: '' });
      expect(message).toMatch(/^PUBLIC_URL is not set/);
      expect(message).toContain('https://');
      expect(refusal({ ...PRODUCTION, PUBLIC_URL: 'http://sociale-basis.gemeente-voorbeeld.nl' })).toMatch(
        /^PUBLIC_URL must be an https:\/\//,
      );
    });

    it('the same settings are fine outside production (local runs and tests)', () => {
      expect(() => loadConfig({ NODE_ENV: 'development' })).not.toThrow();
      expect(() => loadConfig({ NODE_ENV: 'test' })).not.toThrow();
    });

    it('fetches the token keys only over https in production', () => {
      expect(refusal({ ...PRODUCTION, BOT_OPENID_METADATA_URL: 'http://login.example/openid' })).toMatch(
        /^BOT_OPENID_METADATA_URL must be an https:\/\//,
      );
      expect(
        loadConfig({ ...PRODUCTION, BOT_OPENID_METADATA_URL: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration' }),
      ).toBeDefined();
      expect(loadConfig({ NODE_ENV: 'test', BOT_OPENID_METADATA_URL: 'http://127.0.0.1:5000/openid' }).BOT_OPENID_METADATA_URL).toBe(
        'http://127.0.0.1:5000/openid',
      );
    });
  });

  it('a single-tenant bot needs its tenant id', () => {
    expect(refusal({ ...AUTHENTICATED, MICROSOFT_APP_TENANT_ID: '' })).toMatch(/^MICROSOFT_APP_TENANT_ID is required/);
  });

  describe('a wrong value names the variable', () => {
    const cases: Array<[string, string]> = [
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['RETENTION_DAYS', '0'],
      ['RETENTION_DAYS', 'dertig'],
      ['MICROSOFT_APP_TYPE', 'Foo'],
      ['REDIS_URL', 'not-a-url'],
      ['NODE_ENV', 'prod'],
      ['LOG_LEVEL', 'loud'],
      ['REDIS_KEY_PREFIX', 'Met Spaties'],
      ['TABLE_STORE_SHAPE', 'json'],
      ['REDIS_COMMAND_TIMEOUT_MS', '0'],
      ['REDIS_COMMAND_TIMEOUT_MS', 'twee seconden'],
      ['MAX_PARTICIPANTS', '0'],
      ['ALLOW_MEMORY_STORE', 'misschien'],
      ['REDIS_ENTRA_AUTH', 'ja'],
      ['REDIS_ENTRA_USERNAME', 'my-identity'],
      ['AZURE_CLIENT_ID', 'not-a-guid'],
      ['BOT_OPENID_METADATA_URL', 'login.botframework.com'],
    ];
    it.each(cases)('%s=%s', (name, value) => {
      const message = refusal({ [name]: value });
      expect(message).toMatch(/^Invalid configuration:/);
      expect(message).toContain(`${name}: `);
    });

    it('several wrong values are all named at once', () => {
      const message = refusal({ PORT: 'abc', RETENTION_DAYS: '0', MICROSOFT_APP_TYPE: 'Foo', REDIS_URL: 'not-a-url' });
      for (const name of ['PORT', 'RETENTION_DAYS', 'MICROSOFT_APP_TYPE', 'REDIS_URL']) expect(message).toContain(`${name}: `);
    });
  });

  describe('Azure Cache for Redis with Entra ID', () => {
    it("is accepted with a rediss:// URL and the identity's object id, optionally a user-assigned client id", () => {
      expect(loadConfig({ ...ENTRA, AZURE_CLIENT_ID: 'a1b2c3d4-0000-4000-8000-00000000abcd' })).toMatchObject({
        REDIS_ENTRA_AUTH: true,
        REDIS_ENTRA_USERNAME: OBJECT_ID,
        AZURE_CLIENT_ID: 'a1b2c3d4-0000-4000-8000-00000000abcd',
      });
    });

    it('refuses it without REDIS_URL', () => {
      expect(refusal({ ...ENTRA, REDIS_URL: '' })).toMatch(/^REDIS_ENTRA_AUTH=true needs REDIS_URL/);
    });

    it('refuses a redis:// URL: the token must travel over TLS', () => {
      expect(refusal({ ...ENTRA, REDIS_URL: 'redis://sb.redis.cache.windows.net:6379' })).toMatch(/^REDIS_URL must start with rediss:\/\//);
    });

    it('refuses a URL that carries its own password', () => {
      expect(refusal({ ...ENTRA, REDIS_URL: 'rediss://:accesskey@sb.redis.cache.windows.net:6380' })).toMatch(
        /^REDIS_URL must not contain a user name or password/,
      );
    });

    it('refuses it without the object id as user name', () => {
      expect(refusal({ ...ENTRA, REDIS_ENTRA_USERNAME: '' })).toMatch(/^REDIS_ENTRA_USERNAME is required/);
    });
  });

  describe('a Redis Cluster (REDIS_CLUSTER)', () => {
    const SEEDS = 'redis://10.0.0.4:7000, redis://10.0.0.5:7000,redis://10.0.0.6:7000';

    it('takes one or more seed nodes, separated by commas', () => {
      expect(loadConfig({ REDIS_CLUSTER: 'true', REDIS_URL: SEEDS })).toMatchObject({ REDIS_CLUSTER: true, REDIS_URL: SEEDS });
      expect(loadConfig({ REDIS_CLUSTER: 'true', REDIS_URL: 'rediss://sb.westeurope.redis.azure.net:10000' }).REDIS_CLUSTER).toBe(true);
      expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_CLUSTER).toBe(false);
    });

    it('refuses a value that is not true or false, naming the variable', () => {
      expect(refusal({ REDIS_CLUSTER: 'ja', REDIS_URL: SEEDS })).toMatch(/REDIS_CLUSTER: /);
    });

    it('refuses several addresses without REDIS_CLUSTER=true, and a cluster without an address', () => {
      expect(refusal({ REDIS_URL: SEEDS })).toMatch(/^REDIS_URL holds 3 addresses.*Set REDIS_CLUSTER=true/);
      expect(refusal({ REDIS_CLUSTER: 'true' })).toMatch(/^REDIS_CLUSTER=true needs REDIS_URL/);
    });

    it('names the seed that is not a redis:// or rediss:// address, without its password', () => {
      const message = refusal({ REDIS_CLUSTER: 'true', REDIS_URL: 'redis://10.0.0.4:7000,https://:geheim@10.0.0.5:7000' });
      expect(message).toMatch(/REDIS_URL: address 2 .* must start with redis:\/\/ or rediss:\/\//);
      expect(message).not.toContain('geheim');
      expect(refusal({ REDIS_CLUSTER: 'true', REDIS_URL: 'redis://10.0.0.4:7000,,' })).toMatch(/REDIS_URL: address 2 .* is not a URL/);
    });

    it('refuses seeds that mix TLS and plain connections, or differ in password', () => {
      expect(refusal({ REDIS_CLUSTER: 'true', REDIS_URL: 'rediss://10.0.0.4:7000,redis://10.0.0.5:7000' })).toMatch(
        /seed 2 of REDIS_URL uses another scheme/,
      );
      expect(refusal({ REDIS_CLUSTER: 'true', REDIS_URL: 'redis://:a@10.0.0.4:7000,redis://:b@10.0.0.5:7000' })).toMatch(
        /seed 2 of REDIS_URL has another user or password/,
      );
    });

    it('with Entra ID: every seed over TLS and without a password', () => {
      const cluster = { ...ENTRA, REDIS_CLUSTER: 'true' };
      expect(loadConfig({ ...cluster, REDIS_URL: 'rediss://a.redis.azure.net:10000,rediss://b.redis.azure.net:10000' }).REDIS_CLUSTER).toBe(
        true,
      );
      expect(refusal({ ...cluster, REDIS_URL: 'rediss://a.redis.azure.net:10000,rediss://:key@b.redis.azure.net:10000' })).toMatch(
        /REDIS_URL must not contain a user name or password|another user or password/,
      );
    });
  });
});

describe("botbuilder's names of the identity settings", () => {
  // As Azure's bot templates and most guides write them.
  const BOTBUILDER = {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 's3cret',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: TENANT,
  };

  it('are read as MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TYPE and MICROSOFT_APP_TENANT_ID', () => {
    expect(loadConfig(BOTBUILDER)).toMatchObject({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 's3cret',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: TENANT,
    });
  });

  it('a production bot configured with them alone runs authenticated instead of being refused as unauthenticated', () => {
    const config = loadConfig({ NODE_ENV: 'production', REDIS_URL: PRODUCTION.REDIS_URL, ...LINKS, ...BOTBUILDER });
    expect(config.MICROSOFT_APP_ID).toBe(APP_ID);
  });

  it('an empty MICROSOFT_APP_ID (a .env copied from .env.example) leaves the botbuilder name in force', () => {
    expect(
      loadConfig({ MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '', MICROSOFT_APP_TENANT_ID: '', ...BOTBUILDER }).MICROSOFT_APP_ID,
    ).toBe(APP_ID);
  });

  it('both spellings with the same value are fine', () => {
    expect(
      loadConfig({ ...AUTHENTICATED, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', MicrosoftAppTenantId: ` ${TENANT}` })
        .MICROSOFT_APP_ID,
    ).toBe(APP_ID);
  });

  const differing: Array<[string, string, string, string]> = [
    ['MICROSOFT_APP_ID', 'MicrosoftAppId', APP_ID, '9a8b7c6d-0000-4000-8000-000000000abc'],
    ['MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword', 'geheim-een', 'geheim-twee'],
    ['MICROSOFT_APP_TYPE', 'MicrosoftAppType', 'SingleTenant', 'UserAssignedMSI'],
    ['MICROSOFT_APP_TENANT_ID', 'MicrosoftAppTenantId', TENANT, 'c1a2b3c4-0000-4000-8000-000000000002'],
  ];
  it.each(differing)('%s and %s with different values: refused, naming both and neither value', (ours, theirs, a, b) => {
    const message = refusal({ ...AUTHENTICATED, [ours]: a, [theirs]: b });
    expect(message).toContain(ours);
    expect(message).toContain(theirs);
    expect(message).not.toContain(b);
    if (ours === 'MICROSOFT_APP_PASSWORD') expect(message).not.toContain(a);
  });

  it('a wrong value under the botbuilder name is reported under both names', () => {
    expect(refusal({ MicrosoftAppType: 'Foo' })).toMatch(/MICROSOFT_APP_TYPE \(set as MicrosoftAppType\): /);
  });

  it('.env.example mentions each of them', () => {
    const example = readFileSync(resolve(__dirname, '../../.env.example'), 'utf8');
    for (const name of Object.values(BOTBUILDER_NAMES)) expect(example).toContain(name);
  });
});

describe('NODE_ENV on Azure', () => {
  const COMPLETE = { ...AUTHENTICATED, REDIS_URL: PRODUCTION.REDIS_URL, ...LINKS };
  // The variables Azure sets itself: App Service (WEBSITE_*) and Container Apps (CONTAINER_APP_*).
  const AZURE: Array<[string, string]> = [
    ['WEBSITE_SITE_NAME', 'sociale-basis-bot'],
    ['WEBSITE_INSTANCE_ID', 'a1b2c3d4e5f6'],
    ['CONTAINER_APP_NAME', 'sociale-basis-bot'],
    ['CONTAINER_APP_ENV_DNS_SUFFIX', 'kindhill-12ab34cd.westeurope.azurecontainerapps.io'],
  ];

  it.each(AZURE)('unset with %s present counts as production', (name, value) => {
    expect(loadConfig({ ...COMPLETE, [name]: value }).NODE_ENV).toBe('production');
    expect(loadConfig({ ...COMPLETE, NODE_ENV: '', [name]: value }).NODE_ENV).toBe('production');
  });

  it.each(AZURE)('so with %s present and no app id the bot refuses to start, and says why it is production', (name, value) => {
    const message = refusal({ [name]: value });
    expect(message).toMatch(/^MICROSOFT_APP_ID is not set/);
    expect(message).toContain('NODE_ENV is not set');
    expect(message).toContain(name);
  });

  it('an explicit NODE_ENV on Azure is kept (a test deployment)', () => {
    expect(loadConfig({ WEBSITE_SITE_NAME: 'sociale-basis-test', NODE_ENV: 'development' }).NODE_ENV).toBe('development');
  });

  it('unset outside Azure is development', () => {
    expect(loadConfig({}).NODE_ENV).toBe('development');
    expect(loadConfig({ NODE_ENV: '' }).NODE_ENV).toBe('development');
  });
});

describe('HOST', () => {
  it('unset without an app id: 127.0.0.1', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).HOST).toBe('127.0.0.1');
  });

  it('unset with an app id (either spelling): every interface', () => {
    expect(loadConfig(AUTHENTICATED).HOST).toBeUndefined();
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }).HOST).toBeUndefined();
  });

  it('set: as set, with or without an app id', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).HOST).toBe('::');
    expect(loadConfig({ ...AUTHENTICATED, HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: 'bot.internal.example' }).HOST).toBe('bot.internal.example');
  });

  it('a value that is no address names HOST', () => {
    expect(refusal({ HOST: 'http://0.0.0.0:3978' })).toMatch(/HOST: /);
  });
});

describe('.env.example', () => {
  it('documents every setting that config.ts reads', () => {
    const source = readFileSync(resolve(__dirname, '../../src/server/config.ts'), 'utf8');
    const example = readFileSync(resolve(__dirname, '../../.env.example'), 'utf8');
    const settings = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(settings).toEqual(expect.arrayContaining(['MICROSOFT_APP_ID', 'REDIS_ENTRA_AUTH', 'BOT_OPENID_METADATA_URL']));
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
    expect(settings.filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe('starting the bot (src/server/main.ts) with a refused configuration', () => {
  const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
  const main = resolve(__dirname, '../../src/server/main.ts');
  let cwd: string;
  beforeAll(() => {
    // An empty working directory: main reads .env from there, and there must be none.
    cwd = mkdtempSync(join(tmpdir(), 'sb-main-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
    return new Promise((done, fail) => {
      const child = spawn(tsx, [main], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`main did not exit: ${stdout}${stderr}`));
        // tsx compiles main first: on a loaded machine that alone can take half a minute.
      }, 100_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        done({ code, stderr, stdout });
      });
    });
  }

  it('NODE_ENV=production without an app id: exits non-zero, naming MICROSOFT_APP_ID, without a stack trace', async () => {
    const { code, stderr } = await start({ NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('MICROSOFT_APP_ID');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('NODE_ENV=production with an app id but no Redis: exits non-zero, naming REDIS_URL', async () => {
    const { code, stderr } = await start({ NODE_ENV: 'production', ...AUTHENTICATED });
    expect(code).not.toBe(0);
    expect(stderr).toContain('REDIS_URL');
  }, 120_000);

  it('on Azure App Service (WEBSITE_SITE_NAME) without NODE_ENV and without an app id: exits non-zero, naming MICROSOFT_APP_ID', async () => {
    const { code, stderr } = await start({ WEBSITE_SITE_NAME: 'sociale-basis-bot' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^MICROSOFT_APP_ID is not set/);
  }, 120_000);

  it('PORT=abc: exits non-zero, naming PORT', async () => {
    const { code, stderr } = await start({ PORT: 'abc' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/PORT: /);
  }, 120_000);
});
