import { AuthenticationConstants, ConnectorFactory, type ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { LruMap } from '../store/lru-map';

/**
 * Clients built on first need and kept for the next turns, at most `capacity` of them: the least
 * recently used goes first. A key is everything the client was built from, so a client is never
 * used for another one. Two turns that ask at once share the one build; a build that fails is
 * not kept, so the next turn tries again.
 */
export class KeptClients<T> {
  private readonly byKey: LruMap<string, Promise<T>>;

  constructor(capacity = 64) {
    this.byKey = new LruMap(capacity);
  }

  get(key: string, build: () => Promise<T>): Promise<T> {
    const kept = this.byKey.get(key);
    if (kept) return kept;
    const built = build();
    this.byKey.set(key, built);
    built.catch(() => {
      // Only this build: a newer one under the same key stays.
      if (this.byKey.get(key) === built) this.byKey.delete(key);
    });
    return built;
  }

  get size(): number {
    return this.byKey.size;
  }
}

/**
 * The connector factory botbuilder hands a turn, keeping its clients: the app id it was made for,
 * the service URL and the audience are all a ConnectorFactoryImpl builds a client from (the rest
 * is the authentication's fixed configuration), so they are the key.
 */
export class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string | undefined,
    private readonly clients: KeptClients<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId ?? null, serviceUrl, audience ?? null]);
    return this.clients.get(key, () => this.inner.create(serviceUrl, audience));
  }
}

/** The app id botbuilder's ParameterizedBotFrameworkAuthentication builds a turn's clients for (its `getAppId`). */
export function appIdOf(claims: ClaimsIdentity): string | undefined {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? undefined
  );
}
