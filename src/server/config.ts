import { isIP } from 'node:net';
import { z } from 'zod';
import { parseClusterSeeds } from '../store/redis-cluster-connection';

/**
 * Every setting, read and checked once at start-up. `.env.example` documents the same variables;
 * a wrong value stops the bot with a message that names the variable.
 */
const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const optionalUrl = z
  .string()
  .trim()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));
/**
 * One Redis address, or for a Redis Cluster (REDIS_CLUSTER) one or more seed nodes separated by
 * commas; each redis:// or rediss://. Kept as the text given; the store reads the seeds from it.
 */
const optionalRedisUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    for (const [i, seed] of value.split(',').entries()) {
      const what = value.includes(',') ? `address ${i + 1} ("${redactCredentials(seed.trim())}")` : 'the address';
      let url: URL | undefined;
      try {
        url = new URL(seed.trim());
      } catch {
        url = undefined;
      }
      if (!url || !url.hostname) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} is not a URL such as redis://host:6379` });
      else if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} must start with redis:// or rediss:// (TLS)` });
    }
  })
  .optional()
  .or(z.literal('').transform(() => undefined));

/** An address with its user and password replaced, for messages. */
function redactCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalGuid = z
  .string()
  .trim()
  .regex(GUID, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)')
  .optional()
  .or(z.literal('').transform(() => undefined));

const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const optionalHost = z
  .string()
  .trim()
  .refine((h) => h === '' || isIP(h) !== 0 || hostName.test(h), 'an IP address (127.0.0.1, 0.0.0.0, ::) or a host name')
  .transform((h) => h || undefined)
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /**
   * The address to listen on. Unset: 127.0.0.1 without an app id (an unauthenticated bot is reachable
   * from this machine only; `loadConfig` fills it in), undefined = every interface with one.
   */
  HOST: optionalHost,
  MICROSOFT_APP_ID: z.string().trim().default(''),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().trim().default(''),
  ALLOW_UNAUTHENTICATED: boolean.default('false'),
  BOT_OPENID_METADATA_URL: optionalUrl,
  REDIS_URL: optionalRedisUrl,
  /** `true`: REDIS_URL names seed nodes of a Redis Cluster, spoken to with ioredis' Cluster client. */
  REDIS_CLUSTER: boolean.default('false'),
  REDIS_ENTRA_AUTH: boolean.default('false'),
  REDIS_ENTRA_USERNAME: optionalGuid,
  AZURE_CLIENT_ID: optionalGuid,
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,20}$/, 'lowercase letters, digits and dashes, at most 20')
    .default('sb'),
  /**
   * How a table is written to Redis. `fields`: each participant's input in a field of its own. `document`:
   * the whole table in one field, as releases before the fields wrote it (and read it): for the first
   * step of a rolling deploy onto such a release (docs/deploy.md). Both read either shape.
   */
  TABLE_STORE_SHAPE: z.enum(['fields', 'document']).default('fields'),
  /**
   * How long one Redis command may take before the turn gives up with "probeer het zo opnieuw": a
   * frozen Redis must not hang a turn (Teams gives up after ~15 s). Tests on a loaded machine raise it.
   */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(2000),
  ALLOW_MEMORY_STORE: boolean.default('false'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  MAX_PARTICIPANTS: z.coerce.number().int().min(1).max(60).default(8),
  SHARED_CARD_UPDATE_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  /** `teams`: every post and update keeps to Teams' limits per conversation. `off`: only for tests that are not about sending (no per-user allowance for informational answers either). */
  OUTBOUND_RATE_LIMITS: z.enum(['teams', 'off']).default('teams'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Public https address of the bot, the host of export and picture links, e.g.
   * https://sociale-basis.example.nl. Required in production; elsewhere the links point to this
   * machine at the port the bot listens on.
   */
  PUBLIC_URL: optionalUrl.transform((u) => u?.replace(/\/+$/, '')),
  /** Signs export links (HMAC-SHA256); at least 32 characters, e.g. `openssl rand -base64 48`. */
  EXPORT_LINK_SECRET: z
    .string()
    .trim()
    .min(32, 'at least 32 characters, e.g. from openssl rand -base64 48')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Days an export link stays valid. */
  EXPORT_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(7),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The address an app without app id listens on unless HOST says otherwise. */
export const LOOPBACK = '127.0.0.1';

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * botbuilder's own names of the identity settings, which Azure's bot templates and most guides set.
 * Each is read as the setting it names; when both spellings are set they must agree.
 */
export const BOTBUILDER_NAMES = {
  MICROSOFT_APP_ID: 'MicrosoftAppId',
  MICROSOFT_APP_PASSWORD: 'MicrosoftAppPassword',
  MICROSOFT_APP_TYPE: 'MicrosoftAppType',
  MICROSOFT_APP_TENANT_ID: 'MicrosoftAppTenantId',
} as const;

/** Variables that Azure itself sets on its hosts (documented on Learn: App Service app settings; Container Apps built-in variables). */
const AZURE_HOSTS: ReadonlyArray<{ host: string; variables: readonly string[] }> = [
  { host: 'Azure App Service', variables: ['WEBSITE_SITE_NAME', 'WEBSITE_INSTANCE_ID'] },
  { host: 'Azure Container Apps', variables: ['CONTAINER_APP_NAME', 'CONTAINER_APP_ENV_DNS_SUFFIX'] },
];

/** The Azure host this process runs on, judged by the variables Azure sets there; undefined elsewhere. */
export function azureHostOf(env: NodeJS.ProcessEnv): { host: string; variable: string } | undefined {
  for (const { host, variables } of AZURE_HOSTS) {
    const variable = variables.find((v) => isSet(env[v]));
    if (variable) return { host, variable };
  }
  return undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { env: named, aliased } = withBotbuilderNames(env);
  // On Azure an unset NODE_ENV is production: a deployment must not run with development rules
  // because nobody set it (App Service's build even needs it unset, to install the dev dependencies).
  const azure = isSet(env.NODE_ENV) ? undefined : azureHostOf(env);
  const parsed = schema.safeParse({ ...named, NODE_ENV: azure ? 'production' : isSet(env.NODE_ENV) ? env.NODE_ENV : undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      return `${aliased.has(name) ? `${name} (set as ${BOTBUILDER_NAMES[name as keyof typeof BOTBUILDER_NAMES]})` : name}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const config = parsed.data;
  // Without an app id anyone who reaches the bot can make it post to any address: from this machine only.
  if (config.HOST === undefined && !config.MICROSOFT_APP_ID) config.HOST = LOOPBACK;
  // Said with every refusal that only production makes, so an admin who never set NODE_ENV sees why.
  const because = azure ? ` (NODE_ENV is not set, and on ${azure.host}, where ${azure.variable} is set, that means production.)` : '';
  const refuse = (message: string) => new ConfigError(message + because);
  if (config.NODE_ENV === 'production') {
    if (!config.MICROSOFT_APP_ID && !config.ALLOW_UNAUTHENTICATED) {
      throw refuse(
        'MICROSOFT_APP_ID is not set: in production the bot refuses to run unauthenticated. Set MICROSOFT_APP_ID (and its credentials), or ALLOW_UNAUTHENTICATED=true for a deliberate test.',
      );
    }
    if (!config.REDIS_URL && !config.ALLOW_MEMORY_STORE) {
      throw refuse(
        'REDIS_URL is not set: in production the bot refuses to keep tables in memory, where a restart loses them. Set REDIS_URL, or ALLOW_MEMORY_STORE=true for a deliberate test.',
      );
    }
    if (!config.PUBLIC_URL) {
      throw refuse(
        "PUBLIC_URL is not set: in production the download and picture links on the cards must point to the bot's public https address (e.g. https://sociale-basis.example.nl), not to this machine. Set PUBLIC_URL (and EXPORT_LINK_SECRET).",
      );
    }
  }
  if (config.MICROSOFT_APP_ID && config.MICROSOFT_APP_TYPE === 'SingleTenant' && !config.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError('MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE is SingleTenant.');
  }
  if (config.BOT_OPENID_METADATA_URL && config.NODE_ENV === 'production' && !config.BOT_OPENID_METADATA_URL.startsWith('https://')) {
    throw refuse(
      'BOT_OPENID_METADATA_URL must be an https:// address in production: the keys that prove a request comes from Teams must not be fetched unencrypted.',
    );
  }
  checkRedisCluster(config);
  if (config.REDIS_ENTRA_AUTH) checkEntraRedis(config);
  if (config.OUTBOUND_RATE_LIMITS === 'off' && config.NODE_ENV === 'production') {
    throw refuse(
      "OUTBOUND_RATE_LIMITS=off is not allowed in production: Teams throttles a bot that sends more than 7 messages per second to a conversation. Remove it, or set it to 'teams'.",
    );
  }
  if (config.PUBLIC_URL && !config.EXPORT_LINK_SECRET) {
    throw new ConfigError(
      'EXPORT_LINK_SECRET is required when PUBLIC_URL is set: it signs the export links, and every bot instance must use the same one. Generate one with: openssl rand -base64 48',
    );
  }
  if (config.PUBLIC_URL && config.NODE_ENV === 'production' && !config.PUBLIC_URL.startsWith('https://')) {
    throw refuse('PUBLIC_URL must be an https:// address in production: export links carry the report.');
  }
  return config;
}

/**
 * The environment with botbuilder's names read as ours (`aliased`: the settings that came from them).
 * A setting given under both names with different values is refused, naming both, never the values
 * (one is a secret). An empty value counts as not set, as everywhere in `.env.example`.
 */
function withBotbuilderNames(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; aliased: Set<string> } {
  const named: NodeJS.ProcessEnv = { ...env };
  const aliased = new Set<string>();
  const conflicts: string[] = [];
  for (const [ours, theirs] of Object.entries(BOTBUILDER_NAMES)) {
    const alias = env[theirs];
    if (!isSet(alias)) continue;
    const own = env[ours];
    if (!isSet(own)) {
      named[ours] = alias;
      aliased.add(ours);
    } else if (comparable(ours, own) !== comparable(ours, alias)) {
      conflicts.push(
        `${ours} and ${theirs} are both set, to different values: they are one setting (${theirs} is botbuilder's name for ${ours}). Remove one of them, or give both the same value.`,
      );
    }
  }
  if (conflicts.length > 0) throw new ConfigError(conflicts.join('\n'));
  return { env: named, aliased };
}

/** A password is compared as it is; the other settings as the schema reads them, without surrounding spaces. */
function comparable(name: string, value: string): string {
  return name === 'MICROSOFT_APP_PASSWORD' ? value : value.trim();
}

/** Several addresses only for a cluster, and a cluster only with an address. */
function checkRedisCluster(config: Config): void {
  const seeds = config.REDIS_URL?.split(',').length ?? 0;
  if (config.REDIS_CLUSTER && seeds === 0) {
    throw new ConfigError(
      'REDIS_CLUSTER=true needs REDIS_URL with one or more seed nodes of the cluster, e.g. rediss://<name>.<region>.redis.azure.net:10000. Set REDIS_URL, or REDIS_CLUSTER=false.',
    );
  }
  if (!config.REDIS_CLUSTER && seeds > 1) {
    throw new ConfigError(
      `REDIS_URL holds ${seeds} addresses, separated by commas: that is only for a Redis Cluster. Set REDIS_CLUSTER=true, or give one address.`,
    );
  }
  if (config.REDIS_CLUSTER && config.REDIS_URL) {
    try {
      parseClusterSeeds(config.REDIS_URL);
    } catch (err) {
      throw new ConfigError(`REDIS_URL does not name a cluster's seeds (REDIS_CLUSTER=true): ${(err as Error).message}.`);
    }
  }
}

/** Azure Cache for Redis with Entra ID: a token as password, so only over TLS and with the identity's object id as user. */
function checkEntraRedis(config: Config): void {
  if (!config.REDIS_URL) {
    throw new ConfigError(
      'REDIS_ENTRA_AUTH=true needs REDIS_URL, e.g. rediss://<name>.redis.cache.windows.net:6380. Set REDIS_URL, or REDIS_ENTRA_AUTH=false.',
    );
  }
  if (!config.REDIS_URL.split(',').every((seed) => seed.trim().startsWith('rediss://'))) {
    throw new ConfigError(
      'REDIS_URL must start with rediss:// (TLS) when REDIS_ENTRA_AUTH=true: an Entra ID token must never travel unencrypted.',
    );
  }
  if (config.REDIS_URL.split(',').some((seed) => /^rediss:\/\/[^/@]*@/.test(seed.trim()))) {
    throw new ConfigError(
      'REDIS_URL must not contain a user name or password when REDIS_ENTRA_AUTH=true: the bot signs in with REDIS_ENTRA_USERNAME and an Entra ID token.',
    );
  }
  if (!config.REDIS_ENTRA_USERNAME) {
    throw new ConfigError(
      'REDIS_ENTRA_USERNAME is required when REDIS_ENTRA_AUTH=true: set it to the object (principal) id of the managed identity that has a Redis access policy.',
    );
  }
}
