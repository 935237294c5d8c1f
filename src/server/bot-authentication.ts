import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
// botbuilder's own dependency (same 4.23.3): CloudAdapter answers 401 only for this class of error.
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from './config';
import { appIdOf, KeptClients, KeptConnectorFactory } from './kept-clients';

/** The errors jsonwebtoken throws for a token that fails verification (bad signature, malformed, not yet valid). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder's configuration-based authentication, with three changes:
 *
 * - A token signed with the wrong key makes jsonwebtoken throw a plain `JsonWebTokenError`, which
 *   botbuilder 4.23.3 passes on, so `CloudAdapter` answered 500 (and Teams would retry). It is a
 *   refused request: here it becomes an `AuthenticationError`, which `CloudAdapter` answers with 401.
 * - `BOT_OPENID_METADATA_URL` replaces the address of the OpenID document whose keys sign Teams'
 *   requests (for tests and sovereign clouds). botbuilder then expects every endpoint to be given,
 *   so the public cloud's values are passed for the others.
 * - CloudAdapter asks for a new ConnectorClient (a whole Azure HTTP pipeline) and a new
 *   UserTokenClient on every turn, proactive ones too, although a card action answers in the HTTP
 *   response and uses neither: about 10 % of a click's CPU in the bench's profile. They are kept
 *   instead (see kept-clients.ts), as botbuilder's .NET and Python BotFrameworkAdapter keep
 *   theirs per service URL and app id; the JavaScript one reuses a client within a turn only.
 *   Credentials are kept with their client; tokens were cached per app id and scope already.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors: KeptClients<ConnectorClient>;
  private readonly userTokenClients: KeptClients<UserTokenClient>;

  /** `keep`: how many connector clients (and user token clients) are kept, least recently used out. */
  constructor(config: Config, options: { keep?: number } = {}) {
    super(authOptions(config));
    this.connectors = new KeptClients(options.keep);
    this.userTokenClients = new KeptClients(options.keep);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await refuseBadTokens(() => super.authenticateRequest(activity, authHeader));
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.keeping(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keeping(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(JSON.stringify([appIdOf(claimsIdentity) ?? null]), () => super.createUserTokenClient(claimsIdentity));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return refuseBadTokens(() => super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return refuseBadTokens(() => super.authenticateChannelRequest(authHeader));
  }

  private keeping(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new KeptConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }
}

async function refuseBadTokens<T>(authenticate: () => Promise<T>): Promise<T> {
  try {
    return await authenticate();
  } catch (err) {
    if (err instanceof Error && TOKEN_ERRORS.has(err.name)) throw new AuthenticationError(`Unauthorized: ${err.name}`, 401);
    throw err;
  }
}

function authOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  // Without an app id botbuilder only accepts the anonymous (multi-tenant) shape of configuration.
  if (!config.MICROSOFT_APP_ID) return { MicrosoftAppType: 'MultiTenant' };
  const identity = {
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
  };
  if (!config.BOT_OPENID_METADATA_URL) return identity;
  return {
    ...identity,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
