import { z } from 'zod';

/**
 * Every setting, read and checked once at start-up. `.env.example` documents the same variables;
 * a wrong value stops the bot with a message that names the variable.
 */
const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  MICROSOFT_APP_ID: z.string().trim().default(''),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().trim().default(''),
  ALLOW_UNAUTHENTICATED: boolean.default('false'),
  REDIS_URL: z.string().trim().url().optional().or(z.literal('').transform(() => undefined)),
  REDIS_KEY_PREFIX: z.string().regex(/^[a-z0-9-]{1,20}$/, 'lowercase letters, digits and dashes, at most 20').default('sb'),
  ALLOW_MEMORY_STORE: boolean.default('false'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  MAX_PARTICIPANTS: z.coerce.number().int().min(1).max(60).default(8),
  SHARED_CARD_UPDATE_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  return config;
}
