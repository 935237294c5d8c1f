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

export function privacyPage(retentionDays: number, linkDays: number): string {
  return page(
    'Privacyverklaring Sociale Basis-bot',
    `<p>De Sociale Basis-bot begeleidt het Gespreksmodel Sociale Basis in Microsoft Teams. De organisator van het gesprek (meestal de gemeente) is verantwoordelijk voor de gegevens; vragen over uw gegevens stelt u aan de organisator.</p>
<h2>Welke gegevens</h2>
<ul><li>Uw naam en Teams-id zoals Teams die doorgeeft, om u als deelnemer te herkennen.</li>
<li>Wat u invult: uw keuzes met argumenten, plaatsingen, stickers, eigen kaartjes, antwoorden op de kennismaking en de slotvraag.</li>
<li>Of uw naam in het verslag mag staan. Zonder uw toestemming staat u in verslagen en op gedeelde kaarten als ‘deelnemer’ met een nummer. Gespreksleiders, co-leiders en de notulist krijgen dezelfde vraag; tot zij ja zeggen, staat in het verslag alleen hun rol.</li></ul>
<h2>Waarvoor</h2><p>Alleen om het gesprek te begeleiden en er een verslag van te maken. De uitkomsten worden niet gebruikt om deelnemers of organisaties te beoordelen.</p>
<h2>Hoe lang</h2><p>De gegevens van een tafel worden ${retentionDays} dagen na het laatste gebruik automatisch gewist. De gespreksleider kan ze eerder wissen met de opdracht <b>wis</b>, de organisator een hele sessie met <b>sessie wis</b>. Downloadlinks naar verslagen verlopen na ${linkDays} dagen. Een downloadlink hoort bij één tafel of één sessie: na het wissen werkt hij niet meer, ook niet als daarna in dezelfde chat een nieuwe tafel begint of een nieuwe sessie dezelfde code krijgt. Een link naar een tafel werkt alleen zolang die tafel aan de sessie gekoppeld is.</p>
<h2>Uw rechten</h2><p>U kunt de organisator vragen uw gegevens in te zien, te verbeteren of te wissen (AVG). Tijdens het gesprek kunt u uw toestemming voor het gebruik van uw naam zelf wijzigen: als deelnemer op de welkomstkaart, als gespreksleider of notulist met de knop op de statuskaart (typ <b>status</b>).</p>
<section lang="en"><h2>In English</h2>
<p>The Sociale Basis bot guides the Gespreksmodel Sociale Basis (the Social Basis conversation model) in Microsoft Teams. The organiser of the conversation (usually the municipality) is responsible for the data; questions about your data go to the organiser.</p>
<h3>What data</h3>
<ul><li>Your name and Teams id as Teams passes them on, to recognise you as a participant.</li>
<li>What you enter: your picks with their reasons, placements, stickers, own cards, answers to the introduction and the closing question.</li>
<li>Whether your name may appear in the report. Without your consent you appear in reports and on shared cards as ‘participant’ with a number. Facilitators, co-facilitators and the note-taker are asked the same; until they say yes, the report shows only their role.</li></ul>
<h3>What for</h3><p>Only to guide the conversation and to make a report of it. The outcomes are not used to judge participants or organisations.</p>
<h3>How long</h3><p>A table’s data is erased automatically ${retentionDays} days after it was last used. The facilitator can erase it sooner with the command <b>wis</b>, the organiser a whole session with <b>sessie wis</b>. Download links to reports expire after ${linkDays} days. A download link belongs to one table or one session: once that is erased the link no longer works, not even when a new table starts in the same chat or a new session gets the same code. A link to a table works only while that table is linked to the session.</p>
<h3>Your rights</h3><p>You can ask the organiser to see, correct or erase your data (GDPR). During the conversation you can change your consent to the use of your name yourself: as a participant on the welcome card, as a facilitator or note-taker with the button on the status card (type <b>status</b>).</p></section>`,
  );
}

export function termsPage(): string {
  return page(
    'Gebruiksvoorwaarden Sociale Basis-bot',
    `<p>De bot is een hulpmiddel voor het Gespreksmodel Sociale Basis van Movisie en het Verwey-Jonker Instituut. Gebruik hem voor het gesprek waarvoor u bent uitgenodigd en vul geen gegevens in over anderen die u niet mag delen, zoals gezondheidsgegevens van cliënten.</p>
<p>De organisator bepaalt wat er met de uitkomsten gebeurt en vertelt dat aan het begin van het gesprek.</p>`,
  );
}

export function registerInfoPages(server: Server, retentionDays: number, linkDays: number): void {
  // restify 11 wants async handlers when they take no `next`.
  const send = (html: string) => async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600' });
    res.end(html);
  };
  server.get('/privacy', send(privacyPage(retentionDays, linkDays)));
  server.get('/gebruiksvoorwaarden', send(termsPage()));
}
