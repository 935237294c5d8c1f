import type { TurnContext } from 'botbuilder';

/**
 * botbuilder 4.23 sends through @azure/core-client, whose pipeline has a `defaultRetryPolicy`: up
 * to three more attempts after a 429 (honouring Retry-After), a 5xx or a reset socket — for a POST
 * too, so a lost answer can post a card twice, and every hidden attempt is a request to the
 * conversation that our rate window never saw. The SDK offers no option to turn it off
 * (`ConnectorClientOptions.noRetryPolicy` is declared but ignored), so this swaps it, on the
 * turn's connector client, for one that retries reads only and hands every write straight back to
 * the outbound queue. It reaches into the client's private `client.pipeline`: botbuilder 4.23.3
 * is the SDK's last release, and `test/teams/connector-retries.test.ts` fails if that changes.
 */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';
const READS_ONLY_RETRY_POLICY = 'sbRetryReadsOnly';

interface PolicyLike {
  name: string;
  sendRequest(request: { method: string }, next: (request: { method: string }) => Promise<unknown>): Promise<unknown>;
}

interface PipelineLike {
  removePolicy(options: { name: string }): PolicyLike[];
  addPolicy(policy: PolicyLike, options: { phase: 'Retry' }): void;
  getOrderedPolicies(): PolicyLike[];
}

const prepared = new WeakSet<object>();

/** Returns whether the connector client of this turn now leaves write retries to the queue. */
export function leaveWriteRetriesToQueue(context: TurnContext): boolean {
  const key = (context.adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  const connector: unknown = key ? context.turnState.get(key) : undefined;
  if (!connector || typeof connector !== 'object') return false;
  if (prepared.has(connector)) return true;
  const pipeline = (connector as { client?: { pipeline?: Partial<PipelineLike> } }).client?.pipeline;
  if (typeof pipeline?.removePolicy !== 'function' || typeof pipeline.addPolicy !== 'function') return false;
  const [sdkRetry] = pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  if (!sdkRetry) return false;
  pipeline.addPolicy(
    {
      name: READS_ONLY_RETRY_POLICY,
      sendRequest: (request, next) => (request.method === 'GET' ? sdkRetry.sendRequest(request, next) : next(request)),
    },
    { phase: 'Retry' },
  );
  prepared.add(connector);
  return true;
}
