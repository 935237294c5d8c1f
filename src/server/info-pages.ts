import type { Request, Response, Server } from 'restify';

/**
 * The privacy statement and terms of use the Teams app manifest links to. Plain Dutch for
 * participants; each municipality adds its own controller details in its own privacy statement.
 */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#154273}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
}

export function privacyPage(retentionDays: number): string {
  return page(
    'Privacyverklaring Sociale Basis-bot',
    `<p>De Sociale Basis-bot begeleidt het Gespreksmodel Sociale Basis in Microsoft Teams. De organisator van het gesprek (meestal de gemeente) is verantwoordelijk voor de gegevens; vragen over uw gegevens stelt u aan de organisator.</p>
<h2>Welke gegevens</h2>
<ul><li>Uw naam en Teams-id zoals Teams die doorgeeft, om u als deelnemer te herkennen.</li>
<li>Wat u invult: uw keuzes met argumenten, plaatsingen, stickers, eigen kaartjes, antwoorden op de kennismaking en de slotvraag.</li>
<li>Of uw naam in het verslag mag staan. Zonder uw toestemming staat u in verslagen en op gedeelde kaarten als ‘deelnemer’ met een nummer.</li></ul>
<h2>Waarvoor</h2><p>Alleen om het gesprek te begeleiden en er een verslag van te maken. De uitkomsten worden niet gebruikt om deelnemers of organisaties te beoordelen.</p>
<h2>Hoe lang</h2><p>De gegevens van een tafel worden ${retentionDays} dagen na het laatste gebruik automatisch gewist. De gespreksleider kan ze eerder wissen met de opdracht <b>wis</b>, de organisator een hele sessie met <b>sessie wis</b>. Downloadlinks naar verslagen verlopen na enkele dagen en werken niet meer na het wissen.</p>
<h2>Uw rechten</h2><p>U kunt de organisator vragen uw gegevens in te zien, te verbeteren of te wissen (AVG). Tijdens het gesprek kunt u uw toestemming voor het gebruik van uw naam zelf wijzigen op de welkomstkaart.</p>`,
  );
}

export function termsPage(): string {
  return page(
    'Gebruiksvoorwaarden Sociale Basis-bot',
    `<p>De bot is een hulpmiddel voor het Gespreksmodel Sociale Basis van Movisie en het Verwey-Jonker Instituut. Gebruik hem voor het gesprek waarvoor u bent uitgenodigd en vul geen gegevens in over anderen die u niet mag delen, zoals gezondheidsgegevens van cliënten.</p>
<p>De organisator bepaalt wat er met de uitkomsten gebeurt en vertelt dat aan het begin van het gesprek.</p>`,
  );
}

export function registerInfoPages(server: Server, retentionDays: number): void {
  // restify 11 wants async handlers when they take no `next`.
  const send = (html: string) => async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600' });
    res.end(html);
  };
  server.get('/privacy', send(privacyPage(retentionDays)));
  server.get('/gebruiksvoorwaarden', send(termsPage()));
}
