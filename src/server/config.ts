import { z } from 'zod';

/**
 * Every setting, read and checked once at start-up. `.env.example` documents the same variables;
 * a wrong value stops the bot with a message that names the variable.
 */
const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const optionalUrl = z.string().trim().url().optional().or(z.literal('').transform(() => undefined));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalGuid = z.string().trim().regex(GUID, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)').optional().or(z.literal('').transform(() => undefined));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  MICROSOFT_APP_ID: z.string().trim().default(''),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().trim().default(''),
  ALLOW_UNAUTHENTICATED: boolean.default('false'),
  BOT_OPENID_METADATA_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  REDIS_ENTRA_AUTH: boolean.default('false'),
  REDIS_ENTRA_USERNAME: optionalGuid,
  AZURE_CLIENT_ID: optionalGuid,
  REDIS_KEY_PREFIX: z.string().regex(/^[a-z0-9-]{1,20}$/, 'lowercase letters, digits and dashes, at most 20').default('sb'),
  ALLOW_MEMORY_STORE: boolean.default('false'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  MAX_PARTICIPANTS: z.coerce.number().int().min(1).max(60).default(8),
  SHARED_CARD_UPDATE_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  /** `teams`: every post and update keeps to Teams' limits per conversation. `off`: only for tests that are not about sending (no per-user allowance for informational answers either). */
  OUTBOUND_RATE_LIMITS: z.enum(['teams', 'off']).default('teams'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public https address of the bot, the host of export links, e.g. https://sociale-basis.example.nl. */
  PUBLIC_URL: optionalUrl.transform((u) => u?.replace(/\/+$/, '')),
  /** Signs export links (HMAC-SHA256); at least 32 characters, e.g. `openssl rand -base64 48`. */
  EXPORT_LINK_SECRET: z.string().trim().min(32, 'at least 32 characters, e.g. from openssl rand -base64 48').optional().or(z.literal('').transform(() => undefined)),
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production') {
    if (!config.MICROSOFT_APP_ID && !config.ALLOW_UNAUTHENTICATED) {
      throw new ConfigError('MICROSOFT_APP_ID is not set: in production the bot refuses to run unauthenticated. Set MICROSOFT_APP_ID (and its credentials), or ALLOW_UNAUTHENTICATED=true for a deliberate test.');
    }
    if (!config.REDIS_URL && !config.ALLOW_MEMORY_STORE) {
      throw new ConfigError('REDIS_URL is not set: in production the bot refuses to keep tables in memory, where a restart loses them. Set REDIS_URL, or ALLOW_MEMORY_STORE=true for a deliberate test.');
    }
  }
  if (config.MICROSOFT_APP_ID && config.MICROSOFT_APP_TYPE === 'SingleTenant' && !config.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError('MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE is SingleTenant.');
  }
  if (config.BOT_OPENID_METADATA_URL && config.NODE_ENV === 'production' && !config.BOT_OPENID_METADATA_URL.startsWith('https://')) {
    throw new ConfigError('BOT_OPENID_METADATA_URL must be an https:// address in production: the keys that prove a request comes from Teams must not be fetched unencrypted.');
  }
  if (config.REDIS_ENTRA_AUTH) checkEntraRedis(config);
  if (config.OUTBOUND_RATE_LIMITS === 'off' && config.NODE_ENV === 'production') {
    throw new ConfigError("OUTBOUND_RATE_LIMITS=off is not allowed in production: Teams throttles a bot that sends more than 7 messages per second to a conversation. Remove it, or set it to 'teams'.");
  }
  if (config.PUBLIC_URL && !config.EXPORT_LINK_SECRET) {
    throw new ConfigError('EXPORT_LINK_SECRET is required when PUBLIC_URL is set: it signs the export links, and every bot instance must use the same one. Generate one with: openssl rand -base64 48');
  }
  if (config.PUBLIC_URL && config.NODE_ENV === 'production' && !config.PUBLIC_URL.startsWith('https://')) {
    throw new ConfigError('PUBLIC_URL must be an https:// address in production: export links carry the report.');
  }
  return config;
}

/** Azure Cache for Redis with Entra ID: a token as password, so only over TLS and with the identity's object id as user. */
function checkEntraRedis(config: Config): void {
  if (!config.REDIS_URL) {
    throw new ConfigError('REDIS_ENTRA_AUTH=true needs REDIS_URL, e.g. rediss://<name>.redis.cache.windows.net:6380. Set REDIS_URL, or REDIS_ENTRA_AUTH=false.');
  }
  if (!config.REDIS_URL.startsWith('rediss://')) {
    throw new ConfigError('REDIS_URL must start with rediss:// (TLS) when REDIS_ENTRA_AUTH=true: an Entra ID token must never travel unencrypted.');
  }
  if (/^rediss:\/\/[^/@]*@/.test(config.REDIS_URL)) {
    throw new ConfigError('REDIS_URL must not contain a user name or password when REDIS_ENTRA_AUTH=true: the bot signs in with REDIS_ENTRA_USERNAME and an Entra ID token.');
  }
  if (!config.REDIS_ENTRA_USERNAME) {
    throw new ConfigError('REDIS_ENTRA_USERNAME is required when REDIS_ENTRA_AUTH=true: set it to the object (principal) id of the managed identity that has a Redis access policy.');
  }
}
