import { startHarness, type Harness } from '../support/bot-under-test';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ RETENTION_DAYS: '14', EXPORT_LINK_DAYS: '5' });
});
afterAll(async () => {
  await h.close();
});

/** The Teams app manifest links to these pages; an admin and a participant must be able to open them. */
it.each([
  [
    '/privacy',
    [
      'Privacyverklaring',
      '14 dagen',
      'wis',
      'AVG',
      // What a download link serves: one table or session, for a set time, never what follows it in the chat.
      'Downloadlinks naar verslagen verlopen na 5 dagen.',
      'ook niet als daarna in dezelfde chat een nieuwe tafel begint of een nieuwe sessie dezelfde code krijgt',
      'Download links to reports expire after 5 days.',
      'not even when a new table starts in the same chat or a new session gets the same code',
      // Leiders are named only with their consent too, and can change it where the bot asks.
      'tot zij ja zeggen, staat in het verslag alleen hun rol',
      'met de knop op de statuskaart',
    ],
  ],
  ['/gebruiksvoorwaarden', ['Gebruiksvoorwaarden', 'Gespreksmodel Sociale Basis']],
])('serves %s in Dutch', async (path, phrases) => {
  const res = await fetch(h.botUrl.replace('/api/messages', path));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  for (const phrase of phrases) expect(html).toContain(phrase);
});
