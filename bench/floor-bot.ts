/**
 * The floor of the benchmark: the smallest Teams bot the Bot Framework samples build (restify,
 * CloudAdapter with ConfigurationBotFrameworkAuthentication and no app id, an ActivityHandler):
 * one text reply per message, one small Adaptive Card as the invoke response per card action
 * (Universal Actions, `adaptiveCard/action`). No state, no store, no logging per turn.
 *
 * Run compiled, like the bot: `node <out>/bench/floor-bot.js` with PORT set (bench/processes.ts does this).
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';

class FloorBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = `Echo: ${context.activity.text ?? ''}`;
      await context.sendActivity(MessageFactory.text(text, text));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    _context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Gelukt', weight: 'Bolder', size: 'Medium' },
        { type: 'TextBlock', text: `Actie ${invokeValue.action.verb} is ontvangen.`, wrap: true },
      ],
    };
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

const auth = new ConfigurationBotFrameworkAuthentication(process.env as ConfigurationBotFrameworkAuthenticationOptions);
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error(`[onTurnError] ${error}`);
  await context.sendActivity('The bot encountered an error.');
};

const bot = new FloorBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1', () => {
  console.log(`floor bot listening on ${server.url}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
